"""The arithmetic of a ticket: lines, the ticket discount shared over them,
the manager's limit, and whether the money handed over covers the total.

What a cashier would notice: the slip's lines add up to its total to the
fen, a ticket discount never makes a line go negative, card and phone
payments never exceed what is owed, and change only ever comes out of cash.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from charity_pos.domain.tickets import (
    CASH,
    PricedLine,
    Tender,
    beyond_limit,
    parse_discount,
    settle,
    share,
    ticket_beyond_limit,
    totals,
    totals_keeping_discount,
)
from charity_pos.errors import InvalidInput, OverpaidByCard, TenderTooLow

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- share -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("total", "weights", "parts"),
    [
        (100, [1, 1, 1], (34, 33, 33)),  # ties go to the earlier line
        (2, [1, 1, 1], (1, 1, 0)),
        (1, [3290, 3290], (1, 0)),
        (10, [0, 5, 0], (0, 10, 0)),  # a line paying nothing takes no share
        (0, [10, 20], (0, 0)),
        (7, [1], (7,)),
        (1000, [1, 2, 3, 4], (100, 200, 300, 400)),  # exact: no rounding at all
        (5, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], (1, 1, 1, 1, 1, 0, 0, 0, 0, 0)),
        (99, [3290, 1190, 2500], (47, 17, 35)),  # 46.66, 16.88, 35.46
    ],
)
def test_share_hard_cases(total: int, weights: list[int], parts: tuple[int, ...]) -> None:
    assert share(total, weights) == parts
    assert sum(parts) == total


def test_share_of_nothing_over_nothing() -> None:
    assert share(0, []) == ()
    assert share(0, [0, 0]) == (0, 0)


@FAST
@given(
    weights=st.lists(st.integers(min_value=0, max_value=10_000_000), min_size=1, max_size=30)
    .filter(lambda w: sum(w) > 0),
    data=st.data(),
)
@example(weights=[1, 1, 1], data=None)
def test_share_parts_add_up_exactly_and_are_proportional_within_one_fen(weights: list[int], data) -> None:
    total = 100 if data is None else data.draw(st.integers(min_value=0, max_value=sum(weights)))
    parts = share(total, weights)
    whole = sum(weights)
    assert len(parts) == len(weights)
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(total * weight, whole)
        assert abs(part - exact) < 1
        assert part >= 0
        if weight == 0:
            assert part == 0


@FAST
@given(weights=st.lists(st.integers(min_value=1, max_value=100_000), min_size=2, max_size=10),
       total=st.integers(min_value=0, max_value=100_000))
def test_share_never_gives_a_smaller_line_more_than_a_larger_one(weights: list[int], total: int) -> None:
    parts = share(total, weights)
    for i in range(len(weights)):
        for j in range(len(weights)):
            if weights[i] < weights[j]:
                assert parts[i] <= parts[j]


# --- totals ----------------------------------------------------------------------------------
def test_totals_of_a_plain_ticket() -> None:
    lines = [PricedLine(2, 3290, 3290), PricedLine(1, 1190, 1190), PricedLine(3, 2500, 2000, 300)]
    result = totals(lines, 100)
    assert result.subtotal_fen == 6580 + 1190 + 5700
    assert result.total_fen == 6580 + 1190 + 5700 - 100
    assert result.list_total_fen == 6580 + 1190 + 7500
    assert result.reduction_fen == result.list_total_fen - result.total_fen == 1500 + 300 + 100
    assert sum(result.shares_fen) == 100 and len(result.shares_fen) == 3


def test_a_price_raised_at_the_counter_makes_a_negative_reduction() -> None:
    result = totals([PricedLine(1, 1000, 1200)])
    assert (result.total_fen, result.reduction_fen) == (1200, -200)


def test_a_ticket_discount_of_everything_leaves_nothing_to_pay() -> None:
    result = totals([PricedLine(1, 3290, 3290), PricedLine(2, 100, 100)], 3490)
    assert result.total_fen == 0 and result.shares_fen == (3290, 200)


def test_an_empty_ticket_costs_nothing() -> None:
    result = totals([])
    assert (result.subtotal_fen, result.total_fen, result.shares_fen) == (0, 0, ())


@pytest.mark.parametrize(
    ("lines", "discount", "field", "reason"),
    [
        ([PricedLine(1, 1000, 1000)], 1001, "discount", "discount_above_price"),
        ([PricedLine(1, 1000, 1000, 600), PricedLine(1, 500, 500)], 901, "discount", "discount_above_price"),
        ([PricedLine(2, 1000, 1000, 2001)], 0, "discount", "discount_above_price"),
        ([PricedLine(1, 1000, 1000, -1)], 0, "discount", "negative"),
        ([PricedLine(1, 1000, 1000)], -1, "discount", "negative"),
        ([PricedLine(1, 1000, -5)], 0, "price", "negative"),
        ([], 1, "discount", "discount_above_price"),
    ],
)
def test_discounts_above_the_amount_and_negatives_are_refused(lines, discount, field, reason) -> None:
    with pytest.raises(InvalidInput) as caught:
        totals(lines, discount)
    assert (caught.value.field, caught.value.reason) == (field, reason)


lines_strategy = st.lists(
    st.builds(
        lambda qty, listed, price, off: PricedLine(qty, listed, price, min(off, qty * price)),
        st.integers(min_value=1, max_value=50),
        st.integers(min_value=0, max_value=50_000),
        st.integers(min_value=0, max_value=50_000),
        st.integers(min_value=0, max_value=200_000),
    ),
    min_size=1, max_size=12,
)


@FAST
@given(lines=lines_strategy, data=st.data())
def test_totals_is_the_sum_of_the_lines_minus_the_ticket_discount(lines: list[PricedLine], data) -> None:
    subtotal = sum(line.quantity * line.unit_price_fen - line.discount_fen for line in lines)
    discount = data.draw(st.integers(min_value=0, max_value=subtotal))
    result = totals(lines, discount)
    assert result.subtotal_fen == subtotal
    assert result.total_fen == subtotal - discount >= 0
    assert result.list_total_fen == sum(line.quantity * line.list_price_fen for line in lines)
    assert sum(result.shares_fen) == discount
    # no line gives back more than it cost: what each line was paid stays >= 0
    for line, part in zip(lines, result.shares_fen, strict=True):
        assert 0 <= part <= line.amount_fen
    # and the lines as paid add up to the total
    assert sum(line.amount_fen - part for line, part in zip(lines, result.shares_fen, strict=True)) \
        == result.total_fen
    with pytest.raises(InvalidInput):
        totals(lines, subtotal + 1)


# --- the manager's limit ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "limit", "beyond"),
    [
        (PricedLine(1, 1000, 900), 10, False),  # exactly 10% off
        (PricedLine(1, 1000, 899), 10, True),  # a fen more
        (PricedLine(1, 1000, 1000, 100), 10, False),  # the same as a line discount
        (PricedLine(1, 1000, 1000, 101), 10, True),
        (PricedLine(3, 1000, 950, 150), 10, False),  # 150 + 150 = 300 of 3000
        (PricedLine(3, 1000, 950, 151), 10, True),
        (PricedLine(1, 1000, 1001), 10, True),  # raised: always a manager's
        (PricedLine(1, 1000, 1001, 500), 100, True),
        (PricedLine(1, 1000, 1000), 0, False),
        (PricedLine(1, 1000, 999), 0, True),
        (PricedLine(1, 1000, 0), 100, False),
        (PricedLine(1, 0, 0), 0, False),
    ],
)
def test_beyond_limit(line: PricedLine, limit: int, beyond: bool) -> None:
    assert beyond_limit(line, limit) is beyond


def test_ticket_discount_beyond_limit_is_measured_on_the_subtotal() -> None:
    lines = [PricedLine(1, 1000, 1000), PricedLine(1, 2000, 2000)]
    assert not ticket_beyond_limit(totals(lines, 300), 10)
    assert ticket_beyond_limit(totals(lines, 301), 10)
    assert not ticket_beyond_limit(totals(lines, 0), 0)
    assert ticket_beyond_limit(totals(lines, 1), 0)


def test_line_changes_and_the_ticket_discount_count_together_against_the_limit() -> None:
    # 10% off the price, then 10% off the ticket: 19% off the catalog in all
    stacked = totals([PricedLine(10, 3290, 2961)], 2961)
    assert stacked.reduction_fen * 100 > stacked.list_total_fen * 10
    assert ticket_beyond_limit(stacked, 10)
    # 5% off the line and 5% of the catalog off the ticket: exactly 10%
    exact = totals([PricedLine(2, 1000, 1000, 100)], 100)
    assert exact.reduction_fen == 200 and not ticket_beyond_limit(exact, 10)
    assert ticket_beyond_limit(totals([PricedLine(2, 1000, 1000, 100)], 101), 10)


# --- settling ------------------------------------------------------------------------------------
def test_exact_cash_gives_no_change() -> None:
    result = settle(3290, [Tender(CASH, 3290)])
    assert (result.paid_fen, result.change_fen) == ((3290,), 0)


def test_a_hundred_yuan_note_for_32_90() -> None:
    result = settle(3290, [Tender(CASH, 10000)])
    assert (result.paid_fen, result.change_fen) == ((3290,), 6710)


def test_mixed_tenders_change_comes_off_the_cash() -> None:
    result = settle(10000, [Tender("wechat", 3000), Tender(CASH, 5000), Tender("voucher", 2000), Tender(CASH, 2000)])
    # 12000 handed over for 10000: 2000 change, taken off the last cash first
    assert result.change_fen == 2000
    assert result.paid_fen == (3000, 5000, 2000, 0)
    assert sum(result.paid_fen) == 10000


def test_change_larger_than_the_last_cash_spills_onto_earlier_cash() -> None:
    result = settle(1000, [Tender(CASH, 5000), Tender(CASH, 100)])
    assert result.change_fen == 4100 and result.paid_fen == (1000, 0)


@pytest.mark.parametrize(
    ("tenders", "paid", "missing"),
    [
        ([Tender(CASH, 3289)], "¥32.89", "¥0.01"),
        ([Tender("wechat", 1000), Tender(CASH, 2289)], "¥32.89", "¥0.01"),
        ([Tender("voucher", 3000)], "¥30.00", "¥2.90"),
    ],
)
def test_tenders_below_the_total_are_refused(tenders: list[Tender], paid: str, missing: str) -> None:
    with pytest.raises(TenderTooLow) as caught:
        settle(3290, tenders)
    assert (caught.value.total, caught.value.paid, caught.value.missing) == ("¥32.90", paid, missing)


def test_nothing_handed_over_is_too_low() -> None:
    with pytest.raises(TenderTooLow) as caught:
        settle(100, [])
    assert caught.value.missing == "¥1.00"


@pytest.mark.parametrize(
    ("tenders", "method"),
    [
        ([Tender("wechat", 3291)], "wechat"),
        ([Tender("alipay", 2000), Tender("unionpay", 1291)], "alipay"),
        ([Tender(CASH, 5000), Tender("voucher", 5000)], "voucher"),  # a voucher gives no change
        ([Tender("voucher", 3000), Tender(CASH, 10000), Tender("wechat", 291), Tender("wechat", 1)], "voucher"),
    ],
)
def test_non_cash_above_the_total_is_refused(tenders: list[Tender], method: str) -> None:
    with pytest.raises(OverpaidByCard) as caught:
        settle(3290, tenders)
    assert caught.value.method == method


@pytest.mark.parametrize("amount", [0, -100])
def test_zero_or_negative_tenders_are_refused(amount: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        settle(100, [Tender(CASH, 200), Tender("wechat", amount)])
    assert caught.value.field == "payment"


methods = st.sampled_from([CASH, "wechat", "alipay", "unionpay", "voucher"])


@FAST
@given(total=st.integers(min_value=0, max_value=1_000_000),
       tenders=st.lists(st.tuples(methods, st.integers(min_value=1, max_value=1_000_000)), min_size=1, max_size=6))
def test_settle_either_refuses_or_pays_the_total_exactly(total: int, tenders: list[tuple[str, int]]) -> None:
    given_tenders = [Tender(m, a) for m, a in tenders]
    cash = sum(a for m, a in tenders if m == CASH)
    non_cash = sum(a for m, a in tenders if m != CASH)
    try:
        result = settle(total, given_tenders)
    except OverpaidByCard:
        assert non_cash > total
        return
    except TenderTooLow:
        assert non_cash <= total and cash + non_cash < total
        return
    assert non_cash <= total <= cash + non_cash
    assert sum(result.paid_fen) == total
    assert result.change_fen == cash + non_cash - total
    assert result.change_fen <= cash
    for tender, paid in zip(given_tenders, result.paid_fen, strict=True):
        if tender.method == CASH:
            assert 0 <= paid <= tender.tendered_fen
        else:  # change only from cash: card and phone pay what was typed
            assert paid == tender.tendered_fen


@pytest.mark.parametrize(("typed", "base", "fen"), [
    ("2.5", 10_000, 250), ("¥2.50", 10_000, 250), ("10%", 6580, 658), ("10％", 6580, 658), (" 5 % ", 6581, 329),
    ("10%", 5, 1),  # half a fen rounds up
    ("10%", 4, 0), ("0%", 6580, 0), ("100%", 6580, 6580), ("33.3%", 1000, 333), ("12.5%", 4, 1),
])
def test_a_discount_typed_as_an_amount_or_a_share_in_fen(typed: str, base: int, fen: int) -> None:
    assert parse_discount(typed, base) == fen


@pytest.mark.parametrize(("typed", "reason"), [
    ("abc%", "not_a_number"), ("%", "not_a_number"), ("nan%", "not_a_number"), ("inf%", "not_a_number"),
    ("-5%", "negative"), ("100.01%", "discount_above_price"), ("-2", "negative"), ("1.234", "too_many_decimals"),
    ("", "empty"),
])
def test_a_discount_that_cannot_be_read_is_refused_saying_why(typed: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_discount(typed, 10_000)
    assert (refused.value.field, refused.value.reason) == ("discount", reason)


@given(base=st.integers(0, 10**9), tenths=st.integers(0, 1000))
def test_a_share_is_never_more_than_the_base_nor_off_by_more_than_half_a_fen(base: int, tenths: int) -> None:
    fen = parse_discount(f"{tenths / 10}%", base)
    assert 0 <= fen <= base and abs(Fraction(fen) - Fraction(base * tenths, 1000)) <= Fraction(1, 2)


def test_a_ticket_discount_that_still_fits_is_kept_and_one_that_does_not_is_dropped_whole() -> None:
    lines = [PricedLine(1, 3290, 3290)]
    kept, fits = totals_keeping_discount(lines, 3290)
    assert fits and kept.total_fen == 0
    dropped, fits = totals_keeping_discount(lines, 4000)  # given when the ticket had two bags
    assert not fits and (dropped.ticket_discount_fen, dropped.total_fen) == (0, 3290)
    assert totals_keeping_discount([], 1) == (totals([], 0), False)
