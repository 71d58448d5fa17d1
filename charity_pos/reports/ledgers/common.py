"""What several ledgers share: Shanghai days and months computed in SQL (so
that a year of a busy store is grouped by the database, not row by row in
Python), the goods filters, and how a lot is named on paper.

The store's database is SQLite. Times are stored as naive UTC text
(``2026-03-10 02:00:00.000000``); Shanghai has kept UTC+8 with no summer
time since 1991, so a Shanghai day is ``date(at, '+8 hours')``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar, Unpack

from sqlalchemy import ColumnElement, Select, String, func, literal_column, type_coerce
from sqlalchemy.orm import InstrumentedAttribute

from charity_pos.reports.table import Filters, Words as W

SHANGHAI_OFFSET = "+8 hours"

#: a mark in a yes/no column
YES = W("是", "Yes")
#: the row that adds up the rows above it in a summary
ALL = W("合计", "Total")

#: a query of any columns
AnySelect = Select[Unpack[tuple[Any, ...]]]
Q = TypeVar("Q", bound=AnySelect)


def local_day(column: InstrumentedAttribute[Any] | ColumnElement[Any]) -> ColumnElement[str]:
    """The Shanghai day of a UTC time column, as ``YYYY-MM-DD`` text."""
    return func.date(column, SHANGHAI_OFFSET)


def local_month(column: InstrumentedAttribute[Any] | ColumnElement[Any]) -> ColumnElement[str]:
    """The Shanghai month of a UTC time column, as ``YYYY-MM`` text."""
    return func.strftime("%Y-%m", column, SHANGHAI_OFFSET)


def raw(column: InstrumentedAttribute[Any] | ColumnElement[Any]) -> ColumnElement[str]:
    """A column as the text it is stored as: ids as hex, times as UTC text.
    Ledgers of hundreds of thousands of rows read these and convert only
    what they show (``utc``), which is several times quicker."""
    return type_coerce(column, String)


def scanned(column: InstrumentedAttribute[Any]) -> ColumnElement[str]:
    """A column to group by in one pass over the table (``+column``: SQLite
    then groups in a temporary tree rather than walking the column's index and
    reading the table row by row in index order, which is several times slower
    over a year of stock movements). Yields the stored text (ids as hex)."""
    return literal_column(f"+{column.expression.table.name}.{column.expression.name}", String)


def utc(text: str | None) -> datetime | None:
    """A stored UTC time (``raw``) as an aware datetime."""
    return None if text is None else datetime.fromisoformat(text + "+00:00")


def labels(table: dict[str, W], language: str) -> dict[str, str]:
    """A words table in one language, looked up once rather than per row."""
    return {code: words.text(language) for code, words in table.items()}


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
