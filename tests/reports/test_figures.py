"""The period figures every paper shares, against the scenario counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from charity_pos.errors import InvalidInput, PermissionDenied


def test_the_days_figures_are_what_happened_counted_by_hand(ledger_store) -> None:
    st = ledger_store
    f = st.services.reports.figures(st.manager, st.day, st.day)
    assert (f.donations, f.donors) == (3, 2)  # the anonymous gift has no donor
    assert f.goods_units == 4 + 10 + 2 and f.unvalued_units == 2
    assert f.goods_value_fen == 4 * 8000 + 10 * 3000  # the blankets are not valued: not counted
    assert {g.code: (g.units, g.value_fen) for g in f.goods_by_category} == {
        "clothing": (4, 32000), "grain_oil": (10, 30000), "bedding": (2, 0)}
    assert (f.cash_donations, f.cash_donations_fen) == (2, 120000)
    assert (f.funds_used_fen, f.funds_left_fen) == (30000, 90000)
    assert (f.sales, f.sales_fen) == (2, 2 * 2500 + 3290 + 3 * 590)
    assert (f.voided, f.voided_fen) == (1, 590)
    assert (f.returns, f.returns_fen) == (1, 2500)
    assert f.sales_income_fen == 2 * 2500 + 3290 + 3 * 590 - 2500
    assert (f.handouts, f.households, f.handout_units, f.handout_value_fen) == (1, 1, 2, 2 * 3290)
    assert [(r.household_category, r.households, r.visits) for r in f.relief_by_category] == [("dibao", 1, 1)]
    on_shelf = {o.source: o.units for o in f.stock_by_source}
    assert on_shelf == {"donated": 4 - 2 + 1 + 2, "purchased": 10 - 1 - 2 + 20 - 3}


def test_money_kept_apart_never_adds_donated_cash_to_sales_income(ledger_store) -> None:
    st = ledger_store
    f = st.services.reports.figures(st.manager, st.day, st.day)
    assert f.sales_income_fen == 7560 and f.cash_donations_fen == 120000
    assert not hasattr(f, "income_fen")  # there is no one "income" figure to mix them in


def test_a_day_before_anything_happened_has_only_the_stock_on_the_shelf_then(ledger_store) -> None:
    st = ledger_store
    f = st.services.reports.figures(st.manager, date(2026, 3, 9), date(2026, 3, 9))
    assert (f.donations, f.sales, f.handouts, f.cash_donations_fen, f.funds_used_fen) == (0, 0, 0, 0, 0)
    assert f.stock_by_source == ()


def test_the_day_ends_at_midnight_in_shanghai_not_in_utc(ledger_store) -> None:
    st = ledger_store
    st.clock.advance(hours=14)  # 2026-03-11 02:xx Shanghai, still the 10th in UTC
    st.services.stock.receive(st.manager, {st.noodles.id: 5})
    assert st.services.reports.figures(st.manager, st.day, st.day).stock_by_source[-1].units == 24
    assert st.services.reports.figures(st.manager, st.next_day, st.next_day).stock_by_source[-1].units == 29


def test_a_cashier_may_not_see_the_figures(ledger_store) -> None:
    st = ledger_store
    with pytest.raises(PermissionDenied):
        st.services.reports.figures(st.cashier, st.day, st.day)


def test_an_end_before_the_start_is_refused(ledger_store) -> None:
    st = ledger_store
    with pytest.raises(InvalidInput) as caught:
        st.services.reports.figures(st.manager, st.day, date(2026, 3, 1))
    assert caught.value.reason == "date_order"
