"""The monthly public notices (公示) as the papers lay them out, as plain data:
blocks of sentences and tables, the same in the PDF (``printing.notice``,
``printing.district_notice``) and on the web page (``export.notice_html``,
``export.district_notice_html``). ``reports.notice`` makes a store's from
its month's figures, ``reports.district_notice`` the district's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: right-aligned (numbers) per column
    numeric: tuple[bool, ...]
    #: the last row is a totals row
    totals: bool = False


@dataclass(frozen=True)
class Block:
    heading: str
    lines: tuple[str, ...] = ()
    table: Table | None = None
    after: tuple[str, ...] = ()
    #: set in a typewriter face and never wrapped in the middle of a word (the hash)
    code: str = ""


@dataclass(frozen=True)
class NoticePaper:
    """A store's notice of a month, as its PDF sets it out."""

    store_name: str
    title: str  # 2026年3月 公示
    month: str  # 2026-03
    #: under the title: the store and the period
    heading: tuple[str, str]
    blocks: tuple[Block, ...]
    footer: str


@dataclass(frozen=True)
class StoreSection:
    """A store's part of the district's notice."""

    name: str
    code: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class DistrictNoticePaper:
    """The district's notice of a month, as its PDF sets it out: the
    district's blocks, then each store's."""

    district: str
    title: str
    month: str
    start: date
    end: date
    blocks: tuple[Block, ...]
    stores: tuple[StoreSection, ...]
    footer: str
