"""What several ledgers share: Shanghai days and months computed in SQL (so
that a year of a busy store is grouped by the database, not row by row in
Python), the goods filters, and how a lot is named on paper.

The store's database is SQLite. Times are stored as naive UTC text
(``2026-03-10 02:00:00.000000``); Shanghai has kept UTC+8 with no summer
time since 1991, so a Shanghai day is ``date(at, '+8 hours')``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func
from sqlalchemy.orm import InstrumentedAttribute

from charity_pos.reports.table import Filters, Words as W

SHANGHAI_OFFSET = "+8 hours"

#: a mark in a yes/no column
YES = W("是", "Yes")
#: the row that adds up the rows above it in a summary
ALL = W("合计", "Total")

Q = TypeVar("Q", bound=Select[Any])


def local_day(column: InstrumentedAttribute[Any] | ColumnElement[Any]) -> ColumnElement[str]:
    """The Shanghai day of a UTC time column, as ``YYYY-MM-DD`` text."""
    return func.date(column, SHANGHAI_OFFSET)


def local_month(column: InstrumentedAttribute[Any] | ColumnElement[Any]) -> ColumnElement[str]:
    """The Shanghai month of a UTC time column, as ``YYYY-MM`` text."""
    return func.strftime("%Y-%m", column, SHANGHAI_OFFSET)


def as_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def goods_filtered(query: Q, filters: Filters, *, category_code: Any, source: Any) -> Q:
    """``query`` narrowed to the filters' goods category (its code) and
    origin (donated, purchased, consigned)."""
    if filters.category:
        query = query.where(category_code == filters.category)
    if filters.origin:
        query = query.where(source == filters.origin)
    return query


def lot_name(barcode: str | None, document: str | None) -> str:
    """A lot as a paper names it: its own label code, else the document it came in with."""
    return barcode or document or ""


def by_month(filters: Filters) -> bool:
    """Long periods are summed by month rather than by day."""
    return (filters.end - filters.start).days > 62
