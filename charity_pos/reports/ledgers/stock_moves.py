"""出入库台账: per item and lot, every movement of stock in and out in the
period with its document, and the balance after each.

Each lot starts with its balance before the period (期初结存), so that a lot
with goods left and no movement in the period still shows; the lot balance
runs lot by lot, the item balance is the item's whole stock on hand right
after that movement (all its lots, in time order). A void or a return puts
goods back: it is a quantity in. Filters: the goods category and the item's
origin (donated, purchased, consigned).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import Category, Item, StockLot, StockMovement
from charity_pos.reports.ledgers.common import goods_filtered, lot_name
from charity_pos.reports.period import utc_range
from charity_pos.reports.table import Cell, Column, ColumnKind as K, Filters, Report, Section, StoreName, Words as W
from charity_pos.reports.words import LOT_ORIGINS, MOVEMENTS, SOURCES, goods_category, label

TITLE = W("出入库台账", "Stock movements")
OPENING = W("期初结存", "Opening balance")

COLUMNS = (
    Column("item", W("物品", "Goods")),
    Column("unit", W("单位", "Unit")),
    Column("lot", W("批次", "Lot")),
    Column("lot_origin", W("批次来源", "Lot origin")),
    Column("at", W("时间", "Time"), K.DATETIME),
    Column("movement", W("摘要", "Movement")),
    Column("document", W("单据号", "Document")),
    Column("quantity_in", W("入库", "In"), K.COUNT, total=True),
    Column("quantity_out", W("出库", "Out"), K.COUNT, total=True),
    Column("lot_balance", W("批次结存", "Lot balance"), K.COUNT),
    Column("item_balance", W("物品结存", "Item balance"), K.COUNT),
    Column("note", W("备注", "Note")),
)

ITEM_COLUMNS = (
    Column("item", W("物品", "Goods")),
    Column("category", W("类别", "Category")),
    Column("origin", W("来源", "Origin")),
    Column("unit", W("单位", "Unit")),
    Column("opening", W("期初结存", "Opening"), K.COUNT, total=True),
    Column("quantity_in", W("本期入库", "In"), K.COUNT, total=True),
    Column("quantity_out", W("本期出库", "Out"), K.COUNT, total=True),
    Column("closing", W("期末结存", "Closing"), K.COUNT, total=True),
)

NOTES = (
    W("每个批次第一行为期初结存（期初以前的全部进出之和）；批次结存按批次累计，物品结存为该物品各批次在该时点的库存合计。",
      "Each lot starts with its balance before the period; the lot balance runs within the lot, the item balance "
      "is the item's stock on hand (all lots) right after the movement."),
    W("作废销售和退货使商品回到原批次，计为入库。", "A voided sale or a return puts goods back into their lot: it is a quantity in."),
)


@dataclass
class _Lot:
    item_id: uuid.UUID
    sort: tuple[str, str, datetime, str]
    head: tuple[Cell, ...]  # item, unit, lot, lot origin
    opening: int = 0
    moves: list[tuple[uuid.UUID, datetime, str, str | None, int, str]] = field(default_factory=list)


def build(session: Session, filters: Filters, store: StoreName, language: str = "zh_CN") -> Report:
    lo, hi = utc_range(filters.start, filters.end)
    head = (Item.id, Item.pinyin_full, Item.name, Item.unit, Item.source, Category.code, Category.name,
            StockLot.id, StockLot.barcode, StockLot.document, StockLot.origin, StockLot.received_at)

    def narrowed(query):  # type: ignore[no-untyped-def]
        query = (query.join(StockLot, StockLot.id == StockMovement.lot_id).join(Item, Item.id == StockMovement.item_id)
                 .join(Category, Category.id == Item.category_id))
        return goods_filtered(query, filters, category_code=Category.code, source=Item.source)

    lots: dict[uuid.UUID, _Lot] = {}
    items: dict[uuid.UUID, tuple[str, str, str, str]] = {}

    def lot_of(row) -> _Lot:  # type: ignore[no-untyped-def]
        item_id, pinyin, name, unit, source, code, cat_name, lot_id, barcode, document, origin, received_at = row[:12]
        if lot_id not in lots:
            lots[lot_id] = _Lot(item_id, (pinyin, str(item_id), received_at, str(lot_id)),
                                (name, unit, lot_name(barcode, document), label(LOT_ORIGINS, origin, language)))
            items[item_id] = (name, goods_category(code, cat_name, language), label(SOURCES, source, language), unit)
        return lots[lot_id]

    opening = func.sum(StockMovement.quantity)
    for row in session.execute(narrowed(select(*head, opening)).where(StockMovement.at < lo)
                               .group_by(*head).having(opening != 0)):
        lot_of(row).opening = int(row[12])
    for row in session.execute(
            narrowed(select(*head, StockMovement.id, StockMovement.at, StockMovement.reason, StockMovement.document,
                            StockMovement.quantity, StockMovement.note))
            .where(StockMovement.at >= lo, StockMovement.at < hi)
            .order_by(StockMovement.at, StockMovement.quantity.desc(), StockMovement.id)):
        lot_of(row).moves.append(tuple(row[12:]))  # type: ignore[arg-type]

    # the item's stock on hand after each movement, all its lots in time order
    item_opening: dict[uuid.UUID, int] = {}
    by_item: dict[uuid.UUID, list[tuple[datetime, int, str, uuid.UUID, int]]] = {}
    for lot in lots.values():
        item_opening[lot.item_id] = item_opening.get(lot.item_id, 0) + lot.opening
        by_item.setdefault(lot.item_id, []).extend((at, -qty, str(mid), mid, qty) for mid, at, _, _, qty, _ in lot.moves)
    after: dict[uuid.UUID, int] = {}
    moved: dict[uuid.UUID, tuple[int, int]] = {}
    for item_id, moves in by_item.items():
        balance, quantity_in, quantity_out = item_opening[item_id], 0, 0
        for _, _, _, mid, qty in sorted(moves):
            balance += qty
            after[mid] = balance
            quantity_in += max(qty, 0)
            quantity_out += max(-qty, 0)
        moved[item_id] = (quantity_in, quantity_out)

    rows: list[tuple[Cell, ...]] = []
    opening_words = OPENING.text(language)
    for lot in sorted(lots.values(), key=lambda lot: lot.sort):
        balance = lot.opening
        rows.append((*lot.head, lo, opening_words, "", None, None, balance, item_opening[lot.item_id], ""))
        for mid, at, reason, document, qty, note in lot.moves:
            balance += qty
            rows.append((*lot.head, at, label(MOVEMENTS, reason, language), document or "",
                         qty if qty > 0 else None, -qty if qty < 0 else None, balance, after[mid], note or ""))

    order = sorted({(lot.sort[:2], lot.item_id) for lot in lots.values()})
    summary = tuple(
        (*items[item_id][:4], item_opening[item_id], moved[item_id][0], moved[item_id][1],
         item_opening[item_id] + moved[item_id][0] - moved[item_id][1])
        for _, item_id in order
    )
    sections = (
        Section("movements", TITLE, COLUMNS, tuple(rows)),
        Section("items", W("物品进出汇总", "Goods in and out, by item"), ITEM_COLUMNS, summary),
    )
    return Report("stock-moves", TITLE, store.name, store.code, filters, sections, notes=NOTES, landscape=True)
