"""The shape every ledger and report comes in: sections of typed columns and
plain rows, with the words in both languages.

Exports are official papers and always Chinese (like receipts); the screens
show the words in the app's language. Cells hold plain values: ``int`` for
units and fen, ``date``/``datetime`` (aware, UTC) for times, ``str`` for text,
``None`` for nothing. Nothing here is formatted: that is the edge's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

Cell = str | int | date | datetime | None


@dataclass(frozen=True)
class Words:
    """A piece of text in Chinese and in English."""

    zh: str
    en: str

    def text(self, language: str = "zh_CN") -> str:
        return self.zh if language.startswith("zh") else self.en


class ColumnKind(StrEnum):
    TEXT = "text"
    COUNT = "count"  # units, households, times (an integer)
    MONEY = "money"  # an integer of fen
    DATE = "date"
    DATETIME = "datetime"  # an aware UTC time, shown in Shanghai time
    PERCENT = "percent"  # an integer of tenths of a percent (125 is 12.5%)


@dataclass(frozen=True)
class Column:
    key: str
    title: Words
    kind: ColumnKind = ColumnKind.TEXT
    #: added up in the totals row
    total: bool = False


@dataclass(frozen=True)
class Section:
    """One table of a report: the ledger itself, or a summary beside it."""

    key: str
    title: Words
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: a totals row under the rows (the columns marked ``total``)
    totals: bool = True

    def totals_row(self) -> tuple[Cell, ...]:
        """The sums of the columns marked ``total``; None in the others."""
        sums: list[Cell] = []
        for index, column in enumerate(self.columns):
            if column.total:
                sums.append(sum(value for row in self.rows if isinstance(value := row[index], int)))  # None: 0
            else:
                sums.append(None)
        return tuple(sums)

    def column(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def values(self, key: str) -> list[Cell]:
        index = self.column(key)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class Origin:
    """Where goods came from, as items record it (``item.source``)."""

    DONATED = "donated"
    PURCHASED = "purchased"
    CONSIGNED = "consigned"
    ALL = ("donated", "purchased", "consigned")


@dataclass(frozen=True)
class Filters:
    """What a manager narrows a ledger to: days (Shanghai calendar days, both
    included), a goods category (its code) and where goods came from."""

    start: date
    end: date
    category: str | None = None
    origin: str | None = None


@dataclass(frozen=True)
class StoreName:
    """Whose report it is (printed on every page)."""

    name: str
    code: str


@dataclass(frozen=True)
class Report:
    kind: str
    title: Words
    store_name: str
    store_code: str
    filters: Filters
    sections: tuple[Section, ...]
    #: rules and remarks printed under the tables (e.g. why two kinds of money are kept apart)
    notes: tuple[Words, ...] = ()
    #: wide: printed on landscape A4
    landscape: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    #: who signs the paper (a settlement: the store and the consignor): a line to sign and date each
    signatures: tuple[Words, ...] = ()

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
