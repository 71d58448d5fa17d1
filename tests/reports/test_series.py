"""Sales income and donations day by day, for the dashboard's charts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from charity_pos.errors import InvalidInput
from charity_pos.reports.series import daily_series


def test_every_day_has_a_point_and_the_day_matches_the_figures(ledger_store) -> None:
    st = ledger_store
    start = st.day - timedelta(days=29)
    with st.services.db.read() as s:
        points = daily_series(s, start, st.day)
    assert len(points) == 30 and points[0].day == start and points[-1].day == st.day
    assert all((p.sales_income_fen, p.donation_value_fen, p.cash_donations_fen) == (0, 0, 0) for p in points[:-1])
    today = points[-1]
    figures = st.services.reports.figures(st.manager, st.day, st.day)
    assert today.sales_income_fen == figures.sales_income_fen == 2 * 2500 + 3290 + 3 * 590 - 2500
    assert today.donation_value_fen == figures.goods_value_fen == 62000, "blankets not valued: not counted"
    assert today.cash_donations_fen == 120000, "donated cash a line of its own, never in sales income"


def test_a_sale_after_midnight_in_shanghai_falls_on_the_next_day(ledger_store) -> None:
    st = ledger_store
    st.clock.advance(hours=14)  # 02:xx on the 11th in Shanghai, still the 10th in UTC
    from charity_pos.services.returns import ReturnDraft

    sale = st.services.sales.sale(st.s2)
    st.services.returns.create(st.manager, ReturnDraft(st.s2, "T1", {sale.lines[0].id: 1}, "包装破损"))
    with st.services.db.read() as s:
        days = {p.day: p.sales_income_fen for p in daily_series(s, st.day, st.next_day)}
    assert days[st.next_day] == -590, "a refund alone on a day: that day's income is negative"
    assert days[st.day] == 7560


def test_an_end_before_the_start_is_refused(ledger_store) -> None:
    st = ledger_store
    with st.services.db.read() as s, pytest.raises(InvalidInput):
        daily_series(s, st.day, date(2026, 3, 1))
