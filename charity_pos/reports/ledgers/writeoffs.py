"""报损明细: every unit written off in the period, line by line under its W
document (reason, the charity the goods went to or what happened, who
recorded it and who approved), valued at the sale price the line kept and
at the donation's value where the lot was a valued donation; then a summary
by reason. Filters: the goods category and the item's origin.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from charity_pos.db.models import Category, Item, StockLot, User
from charity_pos.db.writeoffs import WRITEOFF_REASONS, Writeoff, WriteoffLine
from charity_pos.domain.writeoffs import REASONS as WORDS
from charity_pos.reports.ledgers.common import goods_filtered, lot_name
from charity_pos.reports.period import utc_range
from charity_pos.reports.table import Cell, Column, ColumnKind as K, Filters, Report, Section, StoreName, Words as W
from charity_pos.reports.words import LOT_ORIGINS, SOURCES, goods_category, label

TITLE = W("报损明细", "Goods written off")

#: the reasons' words (``domain.writeoffs.REASONS``), as a report names them
REASONS = {code: W(zh, en) for code, (zh, en) in WORDS.items()}

COLUMNS = (
    Column("at", W("时间", "Time"), K.DATETIME),
    Column("number", W("报损单号", "Write-off")),
    Column("reason", W("原因", "Reason")),
    Column("detail", W("说明或受赠单位", "Details or receiving charity")),
    Column("item", W("物品", "Goods")),
    Column("category", W("类别", "Category")),
    Column("origin", W("来源", "Origin")),
    Column("lot", W("批次", "Lot")),
    Column("lot_origin", W("批次来源", "Lot origin")),
    Column("units", W("数量", "Units"), K.COUNT, total=True),
    Column("unit_price", W("售价", "Sale price"), K.MONEY),
    Column("value", W("按售价金额", "Value at sale price"), K.MONEY, total=True),
    Column("donated_value", W("捐赠价值", "Donation value"), K.MONEY, total=True),
    Column("recorded_by", W("经办人", "Recorded by")),
    Column("approved_by", W("审批人", "Approved by")),
)

REASON_COLUMNS = (
    Column("reason", W("原因", "Reason")),
    Column("documents", W("报损单数", "Write-offs"), K.COUNT, total=True),
    Column("units", W("数量", "Units"), K.COUNT, total=True),
    Column("value", W("按售价金额", "Value at sale price"), K.MONEY, total=True),
    Column("donated_value", W("捐赠价值", "Donation value"), K.MONEY, total=True),
)

NOTES = (
    W("按售价金额为报损时该物品的售价乘以数量，店长设定的报损审批额度也按此金额计算；捐赠价值仅计入有估值的捐赠批次。",
      "Value at sale price is the goods' sale price when written off times the units, the value the manager's "
      "approval limit is set in; the donation value counts valued donated lots only."),
    W("超过额度的报损须店长批准（审批人一栏）；店长本人登记的无需另行批准。",
      "A write-off beyond the limit needs a manager (the approver column); a manager's own needs no other."),
)


def build(session: Session, filters: Filters, store: StoreName, language: str = "zh_CN") -> Report:
    lo, hi = utc_range(filters.start, filters.end)
    recorder, approver = aliased(User), aliased(User)
    query = (select(Writeoff.at, Writeoff.number, Writeoff.reason, Writeoff.note, Writeoff.recipient,
                    Item.name, Item.source, Category.code, Category.name, StockLot.barcode, StockLot.document,
                    StockLot.origin, WriteoffLine.quantity, WriteoffLine.unit_price_fen, WriteoffLine.unit_value_fen,
                    recorder.display_name, approver.display_name)
             .join(Writeoff, Writeoff.id == WriteoffLine.writeoff_id)
             .join(Item, Item.id == WriteoffLine.item_id).join(Category, Category.id == Item.category_id)
             .join(StockLot, StockLot.id == WriteoffLine.lot_id)
             .join(recorder, recorder.id == Writeoff.recorded_by)
             .outerjoin(approver, approver.id == Writeoff.approved_by)
             .where(Writeoff.at >= lo, Writeoff.at < hi)
             .order_by(Writeoff.at, Writeoff.number, WriteoffLine.position))
    rows: list[tuple[Cell, ...]] = []
    by_reason: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    documents: dict[str, set[str]] = defaultdict(set)
    for (at, number, reason, note, recipient, name, source, code, cat_name, barcode, document, lot_origin,
         units, price, value, recorded_by, approved_by) in session.execute(
            goods_filtered(query, filters, category_code=Category.code, source=Item.source)):
        donated = None if value is None else value * units
        rows.append((at, number, label(REASONS, reason, language), recipient or note, name,
                     goods_category(code, cat_name, language), label(SOURCES, source, language),
                     lot_name(barcode, document), label(LOT_ORIGINS, lot_origin, language), units, price,
                     price * units, donated, recorded_by, approved_by or ""))
        sums = by_reason[reason]
        sums[0] += units
        sums[1] += price * units
        sums[2] += donated or 0
        documents[reason].add(number)
    summary: tuple[tuple[Cell, ...], ...] = tuple(
        (label(REASONS, reason, language), len(documents[reason]), *by_reason[reason])
        for reason in WRITEOFF_REASONS if reason in by_reason)
    sections = (
        Section("lines", TITLE, COLUMNS, tuple(rows)),
        Section("reasons", W("按原因汇总", "By reason"), REASON_COLUMNS, summary),
    )
    return Report("writeoffs", TITLE, store.name, store.code, filters, sections, notes=NOTES, landscape=True)
