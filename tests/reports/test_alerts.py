"""Stock alerts for the dashboard: goods near or past their best-before date
still on the shelf, and goods that sold last month and are out of stock now."""

from __future__ import annotations

from datetime import date, timedelta

from charity_pos.reports.alerts import last_month, near_best_before, out_of_stock_sold
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from tests.helpers import SHORT_DATED_OK


def _donate_food(st, *best_before: date) -> None:
    lines = tuple(IntakeLine(st.noodles.id, 2, Condition.NEW, Valuation.MARKET, 500, day) for day in best_before)
    st.clock.advance(minutes=5)
    st.services.intake.receive(st.cashier, IntakeDraft(None, lines, approval=SHORT_DATED_OK))


def test_lots_within_the_horizon_soonest_first_with_what_is_left(ledger_store) -> None:
    st = ledger_store
    _donate_food(st, st.day + timedelta(days=40), st.day + timedelta(days=5), st.day + timedelta(days=20))
    with st.services.db.read() as s:
        week = near_best_before(s, st.day, 7)
        month = near_best_before(s, st.day, 30)
        year = near_best_before(s, st.day, 365)
    assert [(a.item_name, a.days_left, a.units) for a in week] == [("龙须挂面 1kg", 5, 2)]
    assert [a.days_left for a in month] == [5, 20]
    assert [a.best_before for a in year] == [st.day + timedelta(days=n) for n in (5, 20, 40)] + [date(2027, 3, 1)]
    assert year[-1].units == 10 - 1 - 2, "the donated rice less one sold and two handed out"
    assert all(a.lot for a in year)


def test_a_lot_past_its_date_is_listed_and_an_empty_one_is_not(ledger_store) -> None:
    st = ledger_store
    _donate_food(st, st.day + timedelta(days=3))
    later = st.day + timedelta(days=10)
    with st.services.db.read() as s:
        assert [(a.days_left, a.units) for a in near_best_before(s, later, 7)] == [(-7, 2)]
    lot_item = st.noodles.id
    st.services.stock.count(st.manager, {lot_item: 0}, reason="盘点：挂面清空")
    with st.services.db.read() as s:
        assert near_best_before(s, later, 7) == ()


def test_goods_sold_last_month_and_out_of_stock_now(ledger_store) -> None:
    st = ledger_store
    st.services.stock.count(st.manager, {st.noodles.id: 0}, reason="盘点：挂面卖完")
    with st.services.db.read() as s:
        april = out_of_stock_sold(s, date(2026, 4, 5))
        march = out_of_stock_sold(s, st.day)  # nothing sold in February
    assert [(a.item_name, a.sold_last_month) for a in april] == [("龙须挂面 1kg", 3)], "the voided sale not counted"
    assert march == ()


def test_goods_still_on_the_shelf_or_never_sold_are_no_alert(ledger_store) -> None:
    st = ledger_store
    st.services.stock.count(st.manager, {st.blanket.id: 0}, reason="盘点")  # never sold: not an alert
    with st.services.db.read() as s:
        assert out_of_stock_sold(s, date(2026, 4, 5)) == ()


def test_last_month_across_a_new_year() -> None:
    assert last_month(date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert last_month(date(2026, 3, 31)) == (date(2026, 2, 1), date(2026, 2, 28))
