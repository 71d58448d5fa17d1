"""Cash-shift reports on the till's receipt printer (80 or 58 mm paper).

An X report (X 报表（班中）) is printed during a shift: what the shift has
taken so far and what each payment method should hold. A Z report
(Z 报表（交班）) closes the shift: for each payment method what it should
hold, what was counted and the difference; the cash counted by
denomination; and, when anything differs, the reason and the manager who
approved it, with room for both signatures.

Laid out like the sales slip (``roll.Roll``): one page as long as the
report, black only, the embedded Chinese font, nothing outside the
printable width.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from charity_pos.domain.money import format_fen
from charity_pos.domain.documents import ShiftReportDoc
from charity_pos.domain.vocabulary import TRAINING, TRAINING_BAND
from charity_pos.printing.fonts import register_font
from charity_pos.printing.roll import LEADING, MIN_SIZE, Roll, draw_text, paper_for

TITLES = {"X": "X 报表（班中）", "Z": "Z 报表（交班）"}
DASH = "—"


def render_shift_report(doc: ShiftReportDoc, out: str | Path | BinaryIO, width_mm: int = 80) -> None:
    """Write the report as a one-page PDF to ``out`` (a path or a binary file).

    Raises ValueError for a kind other than "X" or "Z" and for paper other
    than 80 or 58 mm."""
    if doc.kind not in TITLES:
        raise ValueError(f"a shift report is an X or a Z report, not {doc.kind!r}")
    roll = Roll(paper_for(width_mm), register_font())
    z = doc.kind == "Z"
    _header(roll, doc)
    roll.rule()
    _takings(roll, doc)
    roll.rule()
    _methods(roll, doc, z)
    if z:
        roll.rule()
        _denominations(roll, doc)
        if _differs(doc):
            roll.rule()
            _difference(roll, doc)
        roll.rule()
        _signatures(roll)
    roll.space(1.5 * mm)
    roll.text("— 报表结束 —", roll.paper.small, align="center")
    roll.render(out, title=f"{TITLES[doc.kind]} {doc.shift_number}", author=doc.store_name, subject=doc.printed_at)


def _signed(fen: int) -> str:
    return ("+" if fen > 0 else "") + format_fen(fen)


def _differs(doc: ShiftReportDoc) -> bool:
    return any(line.difference_fen for line in doc.methods) or bool(doc.difference_reason.strip())


def _header(roll: Roll, doc: ShiftReportDoc) -> None:
    p = roll.paper
    if doc.training:
        roll.band(TRAINING_BAND, p.big + 6)
        roll.text(TRAINING, p.body, align="center", bold=True)
        roll.space(1.5 * mm)
    roll.text(doc.store_name, p.store, align="center", bold=True)
    roll.text(f"门店编码 {doc.store_code}", p.small, align="center")
    roll.space(0.8 * mm)
    roll.text(TITLES[doc.kind], p.big, align="center", bold=True)
    if doc.kind == "X":
        roll.text("班次未结束，仅供核对", p.small, align="center")
    roll.space(1 * mm)
    roll.pair("班次", doc.shift_number)
    roll.pair("收银台", doc.till)
    roll.pair("开班", f"{doc.opened_at} {doc.opened_by}")
    if doc.kind == "Z" or doc.closed_at:
        roll.pair("交班", f"{doc.closed_at or DASH} {doc.closed_by or DASH}")
    roll.pair("打印", doc.printed_at)


def _takings(roll: Roll, doc: ShiftReportDoc) -> None:
    roll.text("营业汇总", bold=True)
    roll.pair(f"销售 {doc.sales_count} 笔", format_fen(doc.sales_fen))
    roll.pair("其中捐赠物品", format_fen(doc.donated_sales_fen), indent=3 * mm)
    roll.pair(f"退货 {doc.returns_count} 笔", format_fen(doc.returns_fen))
    roll.pair(f"作废 {doc.voids_count} 笔", format_fen(doc.voids_fen))
    roll.pair("优惠", format_fen(doc.discounts_fen))


def _methods(roll: Roll, doc: ShiftReportDoc, z: bool) -> None:
    p = roll.paper
    roll.text("收款方式", bold=True)
    roll.pair("备用金", format_fen(doc.float_fen))
    roll.text("现金应有 = 备用金 + 现金收款 − 现金退款", p.small)
    roll.space(0.8 * mm)
    expected = sum(line.expected_fen for line in doc.methods)
    if not z:
        _row(roll, ["方式", "应有"], [0.5, 0.5], p.small)
        for line in doc.methods:
            _row(roll, [line.method, format_fen(line.expected_fen)], [0.5, 0.5], p.body)
        _row(roll, ["合计", format_fen(expected)], [0.5, 0.5], p.body, bold=True, line_above=True)
        return
    counted = sum(line.counted_fen or 0 for line in doc.methods)
    rows = [[line.method, format_fen(line.expected_fen),
             format_fen(line.counted_fen) if line.counted_fen is not None else DASH,
             _signed(line.difference_fen) if line.difference_fen is not None else DASH] for line in doc.methods]
    total = ["合计", format_fen(expected), format_fen(counted), _signed(counted - expected)]
    widths = _columns(roll, [*rows, total])
    if widths is None:  # four columns do not fit (58 mm paper): a block per method
        for row in [*rows, total]:
            roll.text(row[0], bold=row is total)
            for head, value in zip(("应有", "实点", "差额"), row[1:], strict=True):
                roll.pair(head, value, indent=3 * mm, bold=row is total)
        return
    _row(roll, ["方式", "应有", "实点", "差额"], widths, p.small)
    for row in rows:
        _row(roll, row, widths, p.body)
    _row(roll, total, widths, p.body, bold=True, line_above=True)


#: Table columns are at least this far apart, and the method column at least this wide.
COLUMN_GAP = 2.5 * mm
MIN_METHOD = 15 * mm


def _columns(roll: Roll, rows: list[list[str]]) -> list[float] | None:
    """Column widths as fractions of the printable width: each amount
    column as wide as its widest amount, the method column the rest; None
    when the method column would be narrower than MIN_METHOD."""
    content = roll.paper.content
    amounts = [max(stringWidth(row[i], roll.font, roll.paper.body) for row in rows) + COLUMN_GAP
               for i in range(1, 4)]
    amounts = [max(a, stringWidth("差额", roll.font, roll.paper.small) + COLUMN_GAP) for a in amounts]
    method = content - sum(amounts)
    if method < MIN_METHOD:
        return None
    return [w / content for w in (method, *amounts)]


def _row(roll: Roll, cells: list[str], fractions: list[float], size: float, *, bold: bool = False,
         line_above: bool = False) -> None:
    """A table row: the first cell left-aligned (wrapped if long), the
    others right-aligned, each shrunk to its column if need be."""
    gap = COLUMN_GAP
    content, font = roll.paper.content, roll.font
    widths = [f * content for f in fractions]
    first = _wrap_cell(roll, cells[0], size, widths[0] - gap)
    sizes = [size] + [roll.shrink(cell, size, w - gap / 2) for cell, w in zip(cells[1:], widths[1:], strict=True)]
    height = max(len(first), 1) * size * LEADING + (0.8 * mm if line_above else 0)
    lefts = [roll.left + sum(widths[:i]) for i in range(len(widths))]

    def draw(c: Canvas, top: float) -> None:
        if line_above:
            c.saveState()
            c.setLineWidth(0.5)
            c.line(roll.left, top - 0.3 * mm, roll.right, top - 0.3 * mm)
            c.restoreState()
            top -= 0.8 * mm
        baseline = top - size * 0.95
        for number, line in enumerate(first):
            draw_text(c, line, font, size, lefts[0], baseline - number * size * LEADING, bold=bold)
        for cell, s, x, w in zip(cells[1:], sizes[1:], lefts[1:], widths[1:], strict=True):
            draw_text(c, cell, font, s, x + w - stringWidth(cell, font, s), baseline, bold=bold)

    roll.add(height, draw)


def _wrap_cell(roll: Roll, text: str, size: float, width: float) -> list[str]:
    from charity_pos.printing.text_fit import wrap

    return wrap(text, roll.font, max(size, MIN_SIZE), width)


def _denominations(roll: Roll, doc: ShiftReportDoc) -> None:
    p = roll.paper
    roll.text("现金清点", bold=True)
    if not doc.denominations:
        roll.text("（未按面额清点）", p.small)
        return
    roll.pair("面额 × 张数", "金额", p.small)
    total = 0
    for value, count in doc.denominations:
        total += value * count
        roll.pair(f"{format_fen(value)} × {count}", format_fen(value * count))
    roll.pair("清点合计", format_fen(total), bold=True)


def _difference(roll: Roll, doc: ShiftReportDoc) -> None:
    roll.text("差异说明", bold=True)
    roll.text(f"原因：{doc.difference_reason.strip() or '（未填写）'}")
    roll.text(f"批准店长：{doc.approved_by or '（未批准）'}")


def _signatures(roll: Roll) -> None:
    p = roll.paper
    for label in ("收银员签字", "店长签字"):
        roll.space(4 * mm)
        head = f"{label}："
        size = p.body
        width = stringWidth(head, roll.font, size)
        font = roll.font

        def draw(c: Canvas, top: float, head: str = head, width: float = width) -> None:
            baseline = top - size * 0.95
            draw_text(c, head, font, size, roll.left, baseline)
            c.saveState()
            c.setLineWidth(0.5)
            c.line(roll.left + width + 1 * mm, baseline - 1, roll.right, baseline - 1)
            c.restoreState()

        roll.add(size * LEADING, draw)
