"""What a stock count shows, read in the caller's session: the count itself
(``CountRow``), its counted items against the books (``Variance``, the
variance report) and its count sheets (``domain.stock_count.CountSheet``)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from sqlalchemy import ColumnElement

from charity_pos.db.models import (
    Category, Item, StockCount, StockCountEntry, StockCountLine, StockMovement, Store, User,
)
from charity_pos.domain.stock_count import CountSheet, Entry, Figures, SheetLine, Threshold, figures, sheet_order


@dataclass(frozen=True)
class CountRow:
    id: uuid.UUID
    number: str
    scope: str
    category_code: str
    category_name: str
    location: str
    status: str
    opened_at: datetime
    opened_by: str
    closed_at: datetime | None
    note: str
    #: how many items were counted so far, and how many entries
    lines: int
    entries: int


@dataclass(frozen=True)
class LineRow(Figures):
    """A counted item in the variance report: its figures (``domain.stock_count.Figures``) and the item."""

    line_id: uuid.UUID
    item_id: uuid.UUID
    name: str
    barcode: str
    unit: str
    location: str
    price_fen: int
    reason: str
    entries: int
    tills: tuple[str, ...]


@dataclass(frozen=True)
class Variance:
    count: CountRow
    threshold: Threshold
    lines: tuple[LineRow, ...]

    @property
    def found_fen(self) -> int:
        return sum(line.value_fen for line in self.lines if line.value_fen > 0)

    @property
    def missing_fen(self) -> int:
        return -sum(line.value_fen for line in self.lines if line.value_fen < 0)

    @property
    def unsettled(self) -> int:
        return sum(1 for line in self.lines if not line.settled)


def in_scope(count: StockCount) -> ColumnElement[bool]:
    """The items a count covers, as a condition on ``Item``."""
    if count.scope == "category":
        return Item.category_id == count.category_id
    if count.scope == "location":
        return Item.location == count.location
    return Item.id.is_not(None)


def counting(s: Session, item_ids: Iterable[uuid.UUID]) -> str | None:
    """The number of an open count that covers any of these items, if one does."""
    wanted = list(item_ids)
    for count in s.scalars(select(StockCount).where(StockCount.status == "open").order_by(StockCount.number)):
        if wanted and s.scalar(select(func.count(Item.id)).where(Item.id.in_(wanted), in_scope(count))):
            return count.number
    return None


def count_row(s: Session, count: StockCount) -> CountRow:
    category = s.get(Category, count.category_id) if count.category_id is not None else None
    opener = s.get(User, count.opened_by) if count.opened_by is not None else None
    lines = s.scalar(select(func.count(StockCountLine.id)).where(StockCountLine.count_id == count.id)) or 0
    entries = s.scalar(select(func.count(StockCountEntry.id)).join(StockCountLine)
                       .where(StockCountLine.count_id == count.id)) or 0
    return CountRow(count.id, count.number, count.scope, category.code if category else "",
                    category.name if category else "", count.location or "", count.status, count.opened_at,
                    opener.username if opener else "", count.closed_at, count.note, int(lines), int(entries))


def variance_of(s: Session, count: StockCount, threshold: Threshold) -> Variance:
    """Each counted item's figures (``domain.stock_count.figures``); once finished, as the finish recorded them."""
    entries: dict[uuid.UUID, list[Entry]] = defaultdict(list)
    tills: dict[uuid.UUID, dict[str, None]] = defaultdict(dict)
    query = (select(StockCountEntry.line_id, StockCountEntry.round, StockCountEntry.quantity, StockCountEntry.book,
                    StockCountEntry.till)
             .join(StockCountLine).where(StockCountLine.count_id == count.id)
             .order_by(StockCountEntry.at, literal_column("stock_count_entry.rowid")))
    for line_id, round_, quantity, book, till in s.execute(query):
        entries[line_id].append(Entry(round_, quantity, book))
        tills[line_id][till] = None
    rows = []
    lines = s.execute(select(StockCountLine, Item).join(Item, Item.id == StockCountLine.item_id)
                      .where(StockCountLine.count_id == count.id))
    for line, item in lines:
        f = figures(line.round, entries[line.id], item.sale_price_fen, threshold, line.reason)
        counted, expected, difference, value = f.counted, f.expected, f.difference, f.value_fen
        if line.counted is not None and line.expected is not None:  # finished: as the finish moved it
            counted, expected = line.counted, line.expected
            difference, value = counted - expected, (counted - expected) * item.sale_price_fen
        current = [e for e in entries[line.id] if e.round == line.round]
        rows.append(LineRow(
            round=line.round, counted=counted, expected=expected, earlier=f.earlier, difference=difference,
            value_fen=value, over=threshold.exceeded(difference, item.sale_price_fen),
            settled=f.settled or line.counted is not None, line_id=line.id, item_id=item.id, name=item.name,
            barcode=item.barcode or "", unit=item.unit, location=item.location or "", price_fen=item.sale_price_fen,
            reason=line.reason, entries=len(current), tills=tuple(t for t in tills[line.id] if t)))
    rows.sort(key=lambda r: sheet_order(r.location, r.name))
    return Variance(count_row(s, count), threshold, tuple(rows))


def sheet_of(s: Session, count: StockCount, today: date) -> CountSheet:
    """The goods the count covers: on sale, or off sale with something on the books."""
    on_hand = (select(func.coalesce(func.sum(StockMovement.quantity), 0))
               .where(StockMovement.item_id == Item.id).correlate(Item).scalar_subquery())
    query = select(Item.location, Item.pinyin_full, Item.name, Item.barcode, Item.unit).where(
        in_scope(count), (Item.active.is_(True)) | (on_hand != 0))
    found = sorted(s.execute(query), key=lambda row: sheet_order(row[0], row[1] + row[2]))  # by pinyin on a shelf
    lines = [SheetLine(loc or "", name, code or "", unit) for loc, _pinyin, name, code, unit in found]
    category = s.get(Category, count.category_id) if count.category_id is not None else None
    value = category.name if category is not None else (count.location or "")
    store = s.scalar(select(Store.name)) or ""
    return CountSheet(store, count.number, count.scope, value, today, tuple(lines))
