"""A stock count's variance report (盘点差异表) in the shape of every report
(``reports.table``), so it exports to .xlsx and .pdf as the ledgers do:
each counted item with what was counted, what the books held when it was
counted, the difference and its value at the sale price, and whether it is
over the threshold and how it was settled."""

from __future__ import annotations

from charity_pos.domain.days import local_date
from charity_pos.reports.table import Column, ColumnKind, Filters, Report, Section, Words
from charity_pos.services.stock_count_rows import LineRow, Variance

TITLE = Words("盘点差异表", "Stock count variance")
COLUMNS = (
    Column("location", Words("货位", "Shelf")),
    Column("barcode", Words("条码", "Barcode")),
    Column("name", Words("品名", "Goods")),
    Column("unit", Words("单位", "Unit")),
    Column("counted", Words("实盘", "Counted"), ColumnKind.COUNT, total=True),
    Column("expected", Words("账存", "Expected"), ColumnKind.COUNT, total=True),
    Column("difference", Words("差异", "Difference"), ColumnKind.COUNT, total=True),
    Column("value", Words("差异金额", "Value"), ColumnKind.MONEY, total=True),
    Column("state", Words("状态", "State")),
    Column("reason", Words("原因", "Reason")),
)
STATES = {
    "pending": Words("待复盘", "to recount"),
    "over": Words("超出阈值，待处理", "over the threshold"),
    "recounted": Words("已复盘", "recounted"),
    "explained": Words("店长已说明", "explained"),
    "ok": Words("", ""),
}
SCOPES = {"all": Words("全部商品", "All goods"), "category": Words("品类", "Category"),
          "location": Words("货位", "Shelf")}


def state_of(line: LineRow) -> str:
    """How a line stands: to recount, over the threshold and unsettled, recounted, explained, or fine."""
    if line.recount_pending:
        return "pending"
    if line.over and line.reason:
        return "explained"
    if line.over and line.round > 1:
        return "recounted"
    if line.over and not line.settled:
        return "over"
    return "recounted" if line.round > 1 else "ok"


def variance_report(variance: Variance, store_name: str, store_code: str) -> Report:
    count = variance.count
    opened = local_date(count.opened_at)
    closed = local_date(count.closed_at) if count.closed_at is not None else opened
    rows = tuple((line.location, line.barcode, line.name, line.unit, line.counted, line.expected,
                  line.difference if line.counted is not None else None,
                  line.value_fen if line.counted is not None else None, STATES[state_of(line)].zh, line.reason)
                 for line in variance.lines)
    scope = SCOPES[count.scope].zh + (f"：{count.category_name or count.location}" if count.scope != "all" else "")
    section = Section("lines", Words(f"盘点单 {count.number}（{scope}）", f"Count {count.number}"), COLUMNS, rows)
    threshold = variance.threshold
    notes = (Words(f"账存为该商品录入盘点时的账面数量；盘点期间的销售、发放等不计为差异。差异超过 {threshold.units} 件或 "
                   f"¥{threshold.value_fen / 100:.2f}（按售价）须复盘或由店长说明原因。",
                   "Expected is what the books held when the item was counted; sales during the count are no "
                   "difference. Differences beyond the threshold need a recount or a manager's reason."),)
    return Report("count", TITLE, store_name, store_code, Filters(opened, closed), (section,), notes=notes,
                  landscape=True, extra={"number": count.number})
