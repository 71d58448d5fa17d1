"""The exports are tested on the reports' hand-counted store (``ledger_store``)
and on small reports built here, where every cell is known."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from charity_pos.reports.table import Column, ColumnKind as K, Filters, Report, Section, Words as W
from tests.reports.conftest import ledger_store  # noqa: F401 - the fixture, shared

__all__ = ["ledger_store"]

TRICKY = ("=1+1", "@SUM(A1)", "+8613800000000", "-2+3", "正常文字")


def small_report(rows: int = 3, *, landscape: bool = True, texts: tuple[str, ...] = TRICKY,
                 notes: tuple[W, ...] = (W("说明：捐赠与销售分开核算。", "Note"),)) -> Report:
    """A report with a text, a date, a time, a count and a money column, and
    text that a spreadsheet would read as a formula."""
    columns = (
        Column("at", W("时间", "At"), K.DATETIME),
        Column("day", W("日期", "Day"), K.DATE),
        Column("name", W("捐赠人", "Donor")),
        Column("qty", W("数量", "Quantity"), K.COUNT, total=True),
        Column("value", W("金额", "Value"), K.MONEY, total=True),
    )
    body = tuple((datetime(2026, 3, 10, 2, 5, tzinfo=UTC), date(2026, 3, 10), texts[i % len(texts)], i + 1,
                  123450 * (i + 1)) for i in range(rows))
    section = Section("lines", W("测试台账", "Test ledger"), columns, body)
    return Report("test", W("测试台账", "Test ledger"), "普陀区长征镇慈善超市", "PT01",
                  Filters(date(2026, 3, 1), date(2026, 3, 31)), (section,), notes=notes, landscape=landscape)


@pytest.fixture
def report_of_day(ledger_store):
    """The donations ledger of the scenario's day, as the exports get it."""
    st = ledger_store
    return st.services.reports.run(st.manager, "donations", Filters(st.day, st.day))
