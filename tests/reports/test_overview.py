"""The manager's overview, read in one call below the screens: the same
figures as every paper, the drawer as the shifts count it, managers only."""

from __future__ import annotations

import pytest

from charity_pos.errors import PermissionDenied


def test_the_overview_has_the_days_figures_and_the_drawer(ledger_store) -> None:
    st = ledger_store
    seen = st.services.reports.overview(st.manager, st.day)
    assert seen.day == st.services.reports.figures(st.manager, st.day, st.day)
    assert seen.month == st.services.reports.figures(st.manager, st.day.replace(day=1), st.day)
    # float ¥500 + S1 paid in cash (¥82.90) - T1 refunded in cash (¥25); S2 was WeChat, S3 voided
    expected = st.services.shifts.expected("T1").expected_fen["cash"]
    assert seen.drawer.expected_cash_fen == expected == 50000 + 8290 - 2500
    assert seen.drawer.tills == ("T1",)
    assert len(seen.series) == 30 and seen.series[-1].day == st.day


def test_no_open_shift_means_an_empty_drawer(ledger_store) -> None:
    st = ledger_store
    st.services.shifts.close(st.manager, "T1", {5000: 11, 500: 1, 100: 2, 10: 9}, {"wechat": 1770})
    seen = st.services.reports.overview(st.manager, st.day)
    assert (seen.drawer.tills, seen.drawer.expected_cash_fen) == ((), 0)


def test_a_cashier_may_not_see_the_overview(ledger_store) -> None:
    st = ledger_store
    with pytest.raises(PermissionDenied):
        st.services.reports.overview(st.cashier, st.day)
