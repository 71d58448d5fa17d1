"""出入库台账: per item and lot, every movement of stock in and out in the
period with its document, and the balance after each.

Every lot that moved in the period starts with its balance before the
period (期初结存); the lot balance runs lot by lot, the item balance is the
item's whole stock on hand right after that movement (all its lots, in time
order). The summary by item covers every item with goods at the start or a
movement in the period, so its closing balances are the stock on hand. A
void or a return puts goods back: it is a quantity in. Filters: the goods
category and the item's origin (donated, purchased, consigned).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import Category, Item, StockLot, StockMovement
from charity_pos.reports.ledgers.common import Q, goods_filtered, labels, lot_name, raw, scanned, utc
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
    W("本期有进出的批次，第一行为期初结存（期初以前的全部进出之和）；批次结存按批次累计，物品结存为该物品各批次在该时点的库存合计。",
      "Each lot that moved in the period starts with its balance before the period; the lot balance runs within "
      "the lot, the item balance is the item's stock on hand (all lots) right after the movement."),
    W("物品进出汇总包括期初有库存或本期有进出的全部物品，期末结存即库存数。",
      "The summary by item covers every item with stock at the start or a movement in the period: its closing "
      "balance is the stock on hand."),
    W("作废销售和退货使商品回到原批次，计为入库。", "A voided sale or a return puts goods back into their lot: it is a quantity in."),
)


def build(session: Session, filters: Filters, store: StoreName, language: str = "zh_CN") -> Report:
    lo, hi = utc_range(filters.start, filters.end)
    in_period = (StockMovement.at >= lo) & (StockMovement.at < hi)

    def goods(query: Q) -> Q:
        if not (filters.category or filters.origin):
            return query
        query = query.join(Item, Item.id == StockMovement.item_id).join(Category, Category.id == Item.category_id)
        return goods_filtered(query, filters, category_code=Category.code, source=Item.source)

    run = session.connection().execute  # plain rows, no ORM loading: a year is some 300,000 movements
    # one pass in time order gives every movement the item's balance right after it
    total = func.sum(StockMovement.quantity)
    # by item from the covering index (item_id, at, quantity) alone
    item_balance: dict[str, int] = {item: int(qty) for item, qty in run(
        goods(select(raw(StockMovement.item_id), total).where(StockMovement.at < lo))
        .group_by(StockMovement.item_id).having(total != 0))}
    item_opening = dict(item_balance)
    moved: dict[str, list[int]] = {}
    lot_moves: dict[str, list[tuple[str, str, str | None, int, str, int]]] = {}
    for item, lot, at, reason, document, qty, note in run(
            goods(select(raw(StockMovement.item_id), raw(StockMovement.lot_id), raw(StockMovement.at),
                         StockMovement.reason, StockMovement.document, StockMovement.quantity, StockMovement.note))
            .where(in_period).order_by(StockMovement.at, StockMovement.quantity.desc(), StockMovement.id)):
        balance = item_balance.get(item, 0) + qty
        item_balance[item] = balance
        sums = moved.setdefault(item, [0, 0])
        sums[qty < 0] += abs(qty)
        lot_moves.setdefault(lot, []).append((at, reason, document, qty, note, balance))

    # plain scans, kept only for the lots that moved: quicker than matching them in SQL
    per_lot = scanned(StockMovement.lot_id)
    lot_opening: dict[str, int] = {lot: int(qty) for lot, qty in run(
        goods(select(per_lot, total).where(StockMovement.at < lo)).group_by(per_lot).having(total != 0)) if lot in lot_moves}
    lots = [lot for lot in run(
        select(raw(StockLot.id), raw(StockLot.item_id), StockLot.barcode, StockLot.document, StockLot.origin,
               raw(StockLot.received_at)).where(StockLot.received_at < hi)) if lot[0] in lot_moves]
    shown = set(item_opening) | set(moved)
    items = {item: rest for item, *rest in run(
        select(raw(Item.id), Item.pinyin_full, Item.name, Item.unit, Item.source, Category.code, Category.name)
        .join(Category, Category.id == Item.category_id)) if item in shown}

    movements = labels(MOVEMENTS, language)
    origins = labels(LOT_ORIGINS, language)
    opening_words = OPENING.text(language)
    rows: list[tuple[Cell, ...]] = []
    for lot, item, barcode, document, origin, _ in sorted(
            lots, key=lambda lot: (items[lot[1]][0], lot[1], lot[5], lot[0])):
        _, name, unit, *_ = items[item]
        head = (name, unit, lot_name(barcode, document), origins.get(origin, origin))
        balance = lot_opening.get(lot, 0)
        rows.append((*head, lo, opening_words, "", None, None, balance, item_opening.get(item, 0), ""))
        for at, reason, moved_by, qty, note, after in lot_moves[lot]:
            balance += qty
            rows.append((*head, utc(at), movements.get(reason, reason), moved_by or "", qty if qty > 0 else None,
                         -qty if qty < 0 else None, balance, after, note or ""))

    summary = []
    for item, (_, name, unit, source, code, cat_name) in sorted(items.items(), key=lambda pair: (pair[1][0], pair[0])):
        quantity_in, quantity_out = moved.get(item, (0, 0))
        opening = item_opening.get(item, 0)
        summary.append((name, goods_category(code, cat_name, language), label(SOURCES, source, language), unit,
                        opening, quantity_in, quantity_out, opening + quantity_in - quantity_out))
    sections = (
        Section("movements", TITLE, COLUMNS, tuple(rows)),
        Section("items", W("物品进出汇总", "Goods in and out, by item"), ITEM_COLUMNS, tuple(summary)),
    )
    return Report("stock-moves", TITLE, store.name, store.code, filters, sections, notes=NOTES, landscape=True)
