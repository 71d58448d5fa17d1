"""Matching the bill to the counter, for any payments and refunds at all:
nothing is matched twice, nothing is lost, and every pair is of the same
kind, method and amount, lies within the window and never has two masks
that differ."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from charity_pos.domain.merchant_bill import PAYMENT, REFUND, WINDOW, BillLine, CounterPayment, match

START = datetime(2026, 3, 10, 9, 0)
MASKS = st.sampled_from(["", "1345****6789", "1011****1718", "2876****4321"])
METHODS = st.sampled_from(["wechat", "alipay"])
AMOUNTS = st.sampled_from([500, 3290, 6580])
MINUTES = st.integers(0, 60)


@st.composite
def bill_lines(draw) -> BillLine:
    n = draw(st.integers(0, 10**6))
    return BillLine(draw(METHODS), draw(st.sampled_from([PAYMENT, PAYMENT, REFUND])), f"42{n:026d}",
                    "", "", draw(MASKS), START + timedelta(minutes=draw(MINUTES)), draw(AMOUNTS))


@st.composite
def counter_payments(draw) -> CounterPayment:
    n = draw(st.integers(0, 10**6))
    return CounterPayment(n, f"S{n:06d}", draw(METHODS), draw(AMOUNTS), START + timedelta(minutes=draw(MINUTES)),
                          draw(MASKS), draw(st.sampled_from([PAYMENT, PAYMENT, REFUND])))


@given(st.lists(bill_lines(), max_size=12, unique_by=lambda b: b.transaction_no),
       st.lists(counter_payments(), max_size=12, unique_by=lambda p: p.key))
def test_matching_pairs_each_side_at_most_once_and_loses_nothing(bill, counter) -> None:
    found = match(bill, counter)
    matched_bill = [m.bill for m in found.matched]
    matched_counter = [m.payment.key for m in found.matched]
    assert len(set(matched_bill)) == len(matched_bill) and len(set(matched_counter)) == len(matched_counter)
    assert sorted(matched_bill + list(found.bill_only), key=repr) == sorted(bill, key=repr)
    assert sorted(matched_counter + [p.key for p in found.counter_only]) == sorted(p.key for p in counter)
    for m in found.matched:
        assert m.bill.kind == m.payment.kind and m.bill.method == m.payment.method
        assert m.bill.amount_fen == m.payment.amount_fen and abs(m.bill.at - m.payment.at) <= WINDOW
        assert not (m.bill.code_mask and m.payment.reference and m.bill.code_mask != m.payment.reference)


def test_the_same_mask_wins_over_a_nearer_time() -> None:
    bill = [BillLine("wechat", PAYMENT, "4201", "", "", "1345****6789", START, 3290)]
    near = CounterPayment(1, "S1", "wechat", 3290, START + timedelta(minutes=1), "")
    same_code = CounterPayment(2, "S2", "wechat", 3290, START + timedelta(minutes=8), "1345****6789")
    assert [(m.payment.sale_number, m.how) for m in match(bill, [near, same_code]).matched] == [("S2", "code")]
