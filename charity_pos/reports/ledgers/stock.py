"""库存: the stock on the shelf at the end of the period's last day
(``filters.end``), lot by lot and item by item, valued at today's sale price
and at the value the donor's goods were given (donated lots that were
valued; others have none); by origin; the slow movers (on the shelf, no
sale in the 60 days up to the date); and goods out of stock that sold in
the 30 days before (the dashboard's alerts).

The period's first day is not used: stock is a balance at a date. Filters:
the goods category and the item's origin.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, SupportsInt

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import Category, DonationLine, Item, Sale, SaleLine, StockLot, StockMovement
from charity_pos.reports.ledgers.common import as_date, goods_filtered, labels, lot_name, raw, scanned, utc
from charity_pos.reports.period import day_start, local_day
from charity_pos.reports.table import Cell, Column, ColumnKind as K, Filters, Report, Section, StoreName, Words as W
from charity_pos.reports.words import LOT_ORIGINS, SOURCES, goods_category, label

TITLE = W("库存报表", "Stock on hand")
SLOW_DAYS = 60
ALERT_DAYS = 30

ITEM = Column("item", W("物品", "Goods"))
CATEGORY = Column("category", W("类别", "Category"))
ORIGIN = Column("origin", W("来源", "Origin"))
UNITS = Column("units", W("库存数量", "On hand"), K.COUNT, total=True)
PRICE = Column("sale_price", W("售价", "Sale price"), K.MONEY)
AT_PRICE = Column("value_at_price", W("按售价金额", "Value at sale price"), K.MONEY, total=True)
AT_DONATION = Column("donation_value", W("捐赠估价金额", "Donation value"), K.MONEY, total=True)
LAST_SALE = Column("last_sale", W("最近销售日", "Last sale"), K.DATE)

NOTES = (
    W("库存为截至期末当日营业结束（上海时间24时）的各批次进出之和。",
      "Stock is every lot's movements up to the end of the period's last day (Shanghai midnight)."),
    W("按售价金额以当前售价计；捐赠估价金额只计有估价的捐赠批次，采购、盘盈和未估价批次为空。",
      "Value at sale price uses today's price; the donation value counts only donated lots that were valued "
      "(purchased, count-surplus and unvalued lots have none)."),
    W(f"滞销：有库存而截至当日{SLOW_DAYS}天内无销售；缺货：库存为零而前{ALERT_DAYS}天内有销售。",
      f"Slow movers: on the shelf with no sale in the {SLOW_DAYS} days up to the date; out of stock: none left, "
      f"sold in the {ALERT_DAYS} days before."),
)


def _int(value: SupportsInt | str | None) -> int:
    return int(value or 0)


def build(session: Session, filters: Filters, store: StoreName, language: str = "zh_CN") -> Report:
    day = filters.end
    hi = day_start(day + timedelta(days=1))
    slow_from, alert_from = day_start(day - timedelta(days=SLOW_DAYS - 1)), day_start(day - timedelta(days=ALERT_DAYS - 1))
    run = session.connection().execute  # plain rows: a busy year leaves tens of thousands of lots
    left, per_lot = func.sum(StockMovement.quantity), scanned(StockMovement.lot_id)
    balances: dict[str, int] = {lot: int(qty) for lot, qty in run(
        select(per_lot, left).where(StockMovement.at < hi).group_by(per_lot).having(left != 0))}
    catalog: dict[str, list[Any]] = {item: rest for item, *rest in run(goods_filtered(
        select(raw(Item.id), Item.pinyin_full, Item.name, Item.unit, Item.source, Item.sale_price_fen, Category.code,
               Category.name).join(Category, Category.id == Item.category_id),
        filters, category_code=Category.code, source=Item.source))}
    lots = sorted(
        (row for row in run(select(raw(StockLot.id), raw(StockLot.item_id), StockLot.barcode, StockLot.document,
                                   StockLot.origin, raw(StockLot.received_at), raw(StockLot.expiry_date),
                                   DonationLine.unit_value_fen)
                            .outerjoin(DonationLine, DonationLine.id == StockLot.donation_line_id)
                            .where(StockLot.received_at < hi))
         if row[0] in balances and row[1] in catalog),
        key=lambda row: (catalog[row[1]][0], row[1], row[5], row[0]))

    sources = labels(SOURCES, language)
    origins = labels(LOT_ORIGINS, language)
    items: dict[str, dict[str, Any]] = {}
    lot_rows: list[tuple[Cell, ...]] = []
    for lot_id, item_id, barcode, document, origin, received_text, expiry, unit_value in lots:
        _, name, unit, source, price, code, cat_name = catalog[item_id]
        units = balances[lot_id]
        received_at = utc(received_text)
        assert received_at is not None  # a lot's received_at is NOT NULL
        donated = unit_value * units if origin == "donation" and unit_value is not None else None
        category = goods_category(code, cat_name, language)
        lot_rows.append((name, category, sources.get(source, source), lot_name(barcode, document),
                         origins.get(origin, origin), local_day(received_at), as_date(expiry), units, price,
                         units * price, unit_value if donated is not None else None, donated))
        entry = items.setdefault(item_id, {"name": name, "category": category, "source": source, "unit": unit,
                                           "price": price, "units": 0, "donated": None, "since": received_at})
        entry["units"] = _int(entry["units"]) + units
        if donated is not None:
            entry["donated"] = _int(entry["donated"]) + donated
        if units > 0:
            entry["since"] = min(entry["since"], received_at)

    item_rows = tuple(
        (e["name"], e["category"], label(SOURCES, e["source"], language), e["unit"], e["units"], e["price"],
         _int(e["units"]) * _int(e["price"]), e["donated"])
        for e in items.values())
    by_origin: dict[str, list[int | None]] = {}
    for e in items.values():
        sums = by_origin.setdefault(str(e["source"]), [0, 0, None])
        sums[0] = _int(sums[0]) + _int(e["units"])
        sums[1] = _int(sums[1]) + _int(e["units"]) * _int(e["price"])
        if e["donated"] is not None:
            sums[2] = _int(sums[2]) + _int(e["donated"])
    origin_rows = tuple((label(SOURCES, source, language), *by_origin[source])
                        for source in SOURCES if source in by_origin)

    per_item = scanned(SaleLine.item_id)
    # the last 60 days' sales by the sale-time index; the last sale before them only for the goods
    # still on the shelf that did not sell in them (the slow movers)
    window = min(slow_from, alert_from)
    sold = sorted(
        (row for row in run(
            select(per_item, func.max(raw(Sale.completed_at)),
                   func.sum(case((Sale.completed_at >= slow_from, SaleLine.quantity), else_=0)),
                   func.sum(case((Sale.completed_at >= alert_from, SaleLine.quantity), else_=0)))
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(Sale.completed_at >= window, Sale.completed_at < hi, Sale.status == "completed")
            .group_by(per_item))
         if row[0] in catalog),
        key=lambda row: (catalog[row[0]][0], row[0]))
    last_sale = {row[0]: utc(row[1]) for row in sold}
    lately = {row[0] for row in sold if row[2]}
    idle = [item_id for item_id, e in items.items() if _int(e["units"]) > 0 and item_id not in lately]
    for start in range(0, len(idle), 500):
        last_sale.update({item_id: utc(at) for item_id, at in run(
            select(raw(SaleLine.item_id), func.max(raw(Sale.completed_at))).join(Sale, Sale.id == SaleLine.sale_id)
            .where(Sale.completed_at < window, Sale.status == "completed",
                   raw(SaleLine.item_id).in_(idle[start:start + 500]))
            .group_by(raw(SaleLine.item_id)))})
    sold_lately = {row[0] for row in sold if row[2]}
    slow = tuple(
        (e["name"], e["category"], label(SOURCES, e["source"], language), e["units"],
         _int(e["units"]) * _int(e["price"]), local_day(e["since"]),
         local_day(at) if (at := last_sale.get(item_id)) is not None else None)
        for item_id, e in items.items()
        if _int(e["units"]) > 0 and item_id not in sold_lately)
    out = tuple(
        (catalog[item_id][1], goods_category(catalog[item_id][5], catalog[item_id][6], language),
         label(SOURCES, catalog[item_id][3], language), _int(recent), local_day(last_sale[item_id]),  # type: ignore[arg-type]  # sold: a time
         _int(items.get(item_id, {}).get("units")))
        for item_id, _, _, recent in sold if _int(recent) > 0 and _int(items.get(item_id, {}).get("units")) <= 0)

    sections = (
        Section("items", W("按物品", "By item"), (ITEM, CATEGORY, ORIGIN, Column("unit", W("单位", "Unit")), UNITS, PRICE,
                                                AT_PRICE, AT_DONATION), item_rows),
        Section("lots", W("按批次", "By lot"), (
            ITEM, CATEGORY, ORIGIN, Column("lot", W("批次", "Lot")), Column("lot_origin", W("批次来源", "Lot origin")),
            Column("received", W("入库日期", "Received"), K.DATE), Column("expiry", W("保质期至", "Best before"), K.DATE),
            UNITS, PRICE, AT_PRICE, Column("donation_unit_value", W("捐赠估价单价", "Donation unit value"), K.MONEY),
            AT_DONATION), tuple(lot_rows)),
        Section("by_origin", W("按来源", "By origin"), (ORIGIN, UNITS, AT_PRICE, AT_DONATION), origin_rows),
        Section("slow", W(f"滞销商品（{SLOW_DAYS}天无销售）", f"Slow movers (no sale in {SLOW_DAYS} days)"), (
            ITEM, CATEGORY, ORIGIN, UNITS, AT_PRICE, Column("since", W("在架起始日", "On the shelf since"), K.DATE),
            LAST_SALE), slow),
        Section("out_of_stock", W(f"缺货商品（前{ALERT_DAYS}天有销售）", f"Out of stock (sold in the last {ALERT_DAYS} days)"), (
            ITEM, CATEGORY, ORIGIN, Column("sold", W(f"{ALERT_DAYS}天销量", f"Sold in {ALERT_DAYS} days"), K.COUNT, total=True),
            LAST_SALE, Column("on_hand", W("库存数量", "On hand"), K.COUNT)), out),
    )
    return Report("stock", TITLE, store.name, store.code, filters, sections, notes=NOTES, landscape=True,
                  extra={"date": day})
