"""Donated cash and its uses: a manager records each use (F) with its
voucher; never more than is left, never a day to come; a cashier may not.
Each on the reports' hand-counted store (``ledger_store``), whose donated
cash is known."""

from __future__ import annotations

from datetime import date

import pytest

from charity_pos import messages
from charity_pos.errors import FundsShort, InvalidInput, PermissionDenied
from tests.reports.conftest import ledger_store  # noqa: F401 - the fixture, shared


def english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


def test_a_use_is_numbered_and_lowers_what_is_left(ledger_store) -> None:
    st = ledger_store
    assert st.f1.endswith("-2026-F000001")
    changes = st.services.funds.record_use(st.manager, used_on=st.day, amount_fen=40000, kind="cash_aid",
                                           purpose="  临时 救助  ", voucher="")
    assert changes.number.endswith("F000002")
    assert st.services.funds.balance(st.manager).left_fen == 120000 - 30000 - 40000
    uses = st.services.funds.uses(st.manager, st.day, st.day)
    assert [(u.number, u.amount_fen, u.purpose) for u in uses][-1] == (changes.number, 40000, "临时 救助")


def test_more_than_is_left_is_refused_and_changes_nothing(ledger_store, events) -> None:
    st = ledger_store
    before = events(st.services)
    with pytest.raises(FundsShort) as caught:
        st.services.funds.record_use(st.manager, used_on=st.day, amount_fen=90001, kind="other", purpose="超支")
    assert english(caught.value) == "Only ¥900.00 of donated cash is left: a use of ¥900.01 cannot be recorded."
    assert events(st.services) == before
    st.services.funds.record_use(st.manager, used_on=st.day, amount_fen=90000, kind="other", purpose="用完")
    assert st.services.funds.balance(st.manager).left_fen == 0


@pytest.mark.parametrize(("change", "field", "reason"), [
    ({"amount_fen": 0}, "amount", "zero"),
    ({"amount_fen": -5}, "amount", "negative"),
    ({"amount_fen": "100"}, "amount", "not_a_number"),
    ({"kind": "party"}, "fund_kind", "unknown"),
    ({"purpose": "   "}, "purpose", "empty"),
    ({"purpose": "用" * 201}, "purpose", "too_long"),
    ({"voucher": "9" * 41}, "voucher", "too_long"),
    ({"used_on": date(2026, 3, 11)}, "used_on", "future"),
])
def test_bad_input_is_refused_with_its_field(ledger_store, events, change, field, reason) -> None:
    st = ledger_store
    args = {"used_on": st.day, "amount_fen": 100, "kind": "other", "purpose": "test", "voucher": ""} | change
    before = events(st.services)
    with pytest.raises(InvalidInput) as caught:
        st.services.funds.record_use(st.manager, **args)
    assert (caught.value.field, caught.value.reason) == (field, reason)
    assert events(st.services) == before


def test_a_cashier_may_not_record_or_see_the_funds(ledger_store) -> None:
    st = ledger_store
    with pytest.raises(PermissionDenied):
        st.services.funds.record_use(st.cashier, used_on=st.day, amount_fen=100, kind="other", purpose="x")
    with pytest.raises(PermissionDenied):
        st.services.funds.balance(st.cashier)
