"""临期商品: lots still on the shelf at the end of ``filters.end`` whose
best-before date (``stock_lot.expiry_date``) is past, within 7 days, or
within 8 to 30 days of that date; each lot with its days left, units and
value at today's sale price.

The three sections do not overlap (a lot is in one only). A lot whose date
is the report's date itself still has 0 days left and may still be sold
that day. The period's first day is not used; filters: the goods category
and the item's origin.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import Category, Item, StockLot, StockMovement
from charity_pos.reports.ledgers.common import goods_filtered, lot_name
from charity_pos.reports.period import day_start
from charity_pos.reports.table import Cell, Column, ColumnKind as K, Filters, Report, Section, StoreName, Words as W
from charity_pos.reports.words import SOURCES, goods_category, label

TITLE = W("临期商品", "Goods near their best-before date")
SOON, LATER = 7, 30

COLUMNS = (
    Column("item", W("物品", "Goods")),
    Column("category", W("类别", "Category")),
    Column("origin", W("来源", "Origin")),
    Column("lot", W("批次", "Lot")),
    Column("expiry", W("保质期至", "Best before"), K.DATE),
    Column("days_left", W("剩余天数", "Days left"), K.COUNT),
    Column("units", W("库存数量", "On hand"), K.COUNT, total=True),
    Column("value", W("按售价金额", "Value at sale price"), K.MONEY, total=True),
)

NOTES = (
    W("库存为截至报表日期24时（上海时间）各批次的结存；剩余天数自报表日期起算。",
      "Stock on hand at the end of the report's date (Shanghai time); days left count from that date."),
    W(f"三部分互不重复：已过期、{SOON}天内到期、{SOON + 1}至{LATER}天内到期。",
      f"The three sections do not overlap: past the date, within {SOON} days, in {SOON + 1} to {LATER} days."),
)


@dataclass(frozen=True)
class ExpiringLot:
    """A lot on the shelf at the end of the report's day with its
    best-before date at most ``LATER`` days after it: what the report lists
    and the near-expiry screen (services.expiry) shows and marks down."""

    lot_id: uuid.UUID
    item_id: uuid.UUID
    name: str
    category_code: str
    category_name: str
    source: str
    lot: str  # the code on its label, else the document it came in with
    expiry_date: date
    days_left: int  # from the report's day; negative: past the date
    units: int
    price_fen: int  # the item's sale price today

    @property
    def value_fen(self) -> int:
        return self.units * self.price_fen

    @property
    def section(self) -> str:
        """``expired``, ``within_7`` or ``within_30`` (the report's sections, which do not overlap)."""
        return "expired" if self.days_left < 0 else "within_7" if self.days_left <= SOON else "within_30"


def expiring_lots(session: Session, filters: Filters, within: int = LATER) -> list[ExpiringLot]:
    """The lots on the shelf at the end of ``filters.end`` whose date is
    past or at most ``within`` days away (at most ``LATER``), soonest first,
    then by the item's pinyin."""
    day = filters.end
    hi = day_start(day + timedelta(days=1))
    left = func.sum(StockMovement.quantity)
    head = (Item.pinyin_full, Item.id, Item.name, Item.source, Item.sale_price_fen, Category.code, Category.name,
            StockLot.id, StockLot.barcode, StockLot.document, StockLot.expiry_date)
    query = (select(*head, left).join(StockLot, StockLot.id == StockMovement.lot_id)
             .join(Item, Item.id == StockMovement.item_id).join(Category, Category.id == Item.category_id)
             .where(StockMovement.at < hi, StockLot.expiry_date.is_not(None),
                    StockLot.expiry_date <= day + timedelta(days=min(within, LATER)))
             .group_by(*head).having(left > 0)
             .order_by(StockLot.expiry_date, Item.pinyin_full, StockLot.id))
    found = []
    for _, item_id, name, source, price, code, cat_name, lot_id, barcode, document, expiry, units in session.execute(
            goods_filtered(query, filters, category_code=Category.code, source=Item.source)):
        assert expiry is not None  # lots without an expiry date are left out above
        found.append(ExpiringLot(lot_id, item_id, name, code, cat_name, source, lot_name(barcode, document), expiry,
                                 (expiry - day).days, int(units), price))
    return found


def build(session: Session, filters: Filters, store: StoreName, language: str = "zh_CN") -> Report:
    rows: dict[str, list[tuple[Cell, ...]]] = {"expired": [], "within_7": [], "within_30": []}
    for lot in expiring_lots(session, filters):
        rows[lot.section].append((
            lot.name, goods_category(lot.category_code, lot.category_name, language),
            label(SOURCES, lot.source, language), lot.lot, lot.expiry_date, lot.days_left, lot.units, lot.value_fen))
    sections = (
        Section("expired", W("已过期（应下架）", "Past the date (take off the shelf)"), COLUMNS, tuple(rows["expired"])),
        Section("within_7", W(f"{SOON}天内到期", f"Within {SOON} days"), COLUMNS, tuple(rows["within_7"])),
        Section("within_30", W(f"{SOON + 1}至{LATER}天内到期", f"In {SOON + 1} to {LATER} days"), COLUMNS,
                tuple(rows["within_30"])),
    )
    return Report("expiry", TITLE, store.name, store.code, filters, sections, notes=NOTES, extra={"date": filters.end})
