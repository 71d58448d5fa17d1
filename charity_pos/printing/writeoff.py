"""The write-off document (报损单) as an A4 PDF in Chinese: the store, the
W number and time, the reason, every line (goods, lot, origin, units, sale
price, value at sale price and donation value), the totals, who recorded it
and who approved (with the manager's limit and reason), and lines for two
signatures, as stores' rules ask of a write-off (二人以上清点).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from charity_pos.domain.days import STORE_TZ
from charity_pos.domain.money import format_fen
from charity_pos.domain.vocabulary import TRAINING
from charity_pos.domain.writeoffs import WriteoffPaper
from charity_pos.printing.fonts import register_font
from charity_pos.printing.pages import training_watermark

HEAD_FILL = colors.Color(0.93, 0.93, 0.93)
RULE = colors.Color(0.2, 0.2, 0.2)
GREY = colors.Color(0.45, 0.45, 0.45)
PAGE = landscape(A4)
HEADINGS = ("序号", "物品", "单位", "批次", "批次来源", "来源单据", "保质期至", "数量", "售价", "按售价金额", "捐赠价值")
WIDTHS_MM = (12, 60, 12, 34, 18, 46, 22, 14, 20, 24, 22)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def render_writeoff(paper: WriteoffPaper, out: str | Path | BinaryIO) -> None:
    """Write the W document as a PDF to ``out`` (a path or a binary file): landscape A4, the header row
    repeated on every page."""
    font = register_font()
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK", alignment=TA_LEFT)
    st = {
        "store": ParagraphStyle("store", parent=base, fontSize=12, alignment=TA_CENTER, textColor=GREY),
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=28, alignment=TA_CENTER),
        "plain": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "num": ParagraphStyle("num", parent=base, fontSize=9, leading=12, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontSize=9, leading=12, alignment=TA_CENTER),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11, textColor=GREY),
    }
    target = str(out) if isinstance(out, Path) else out
    template = SimpleDocTemplate(
        target, pagesize=PAGE, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm, bottomMargin=14 * mm,
        title=f"报损单 {paper.number}", author=paper.store_name, subject="报损单", creator="charity-pos",
        pageCompression=1, initialFontName=font)
    at = paper.at.astimezone(STORE_TZ).strftime("%Y年%m月%d日 %H:%M")
    story: list[Flowable] = [_p(TRAINING, st["title"])] if paper.training else []
    story += [_p(paper.store_name, st["store"]), _p("物资报损单", st["title"]), Spacer(1, 3 * mm),
              _header(paper, at, st), Spacer(1, 3 * mm), _lines(paper, st), Spacer(1, 4 * mm)]
    if paper.approved_by:
        story.append(_p(f"超过报损审批额度 {format_fen(paper.limit_fen)}，经店长 {paper.approved_by} 批准；"
                        f"批准理由：{paper.approval_reason}", st["plain"]))
    else:
        story.append(_p(f"报损审批额度 {format_fen(paper.limit_fen)}（按售价计）；"
                        "超过额度的报损须店长批准。", st["plain"]))
    story += [Spacer(1, 10 * mm), _signatures(st), Spacer(1, 6 * mm),
              _p("说明：报损物资已从所列批次中减除库存，记入出入库台账（摘要“报损核销”）和报损明细；"
                 "捐赠物资的去向在追溯中显示为“报损”，并写入捐赠反馈函。按售价金额为报损时的售价乘以数量。",
                 st["small"])]

    def mark(c, _doc) -> None:  # type: ignore[no-untyped-def]
        c.saveState()
        c.setFont(font, 8)
        c.setFillColor(GREY)
        c.drawRightString(PAGE[0] - 14 * mm, 8 * mm, f"{paper.number} · 第 {c.getPageNumber()} 页")
        c.restoreState()
        if paper.training:
            training_watermark(c, PAGE[0], PAGE[1], font)

    template.build(story, onFirstPage=mark, onLaterPages=mark)


def _header(paper: WriteoffPaper, at: str, st: dict[str, ParagraphStyle]) -> Table:
    rows = [[_p(f"单号：{paper.number}", st["plain"]), _p(f"日期：{at}", st["plain"])],
            [_p(f"报损原因：{paper.reason_text}", st["plain"]), _p(f"门店：{paper.store_code}", st["plain"])],
            [_p(f"登记人：{paper.recorded_by}", st["plain"]),
             _p(f"审批人：{paper.approved_by or '未超额度，无需审批'}", st["plain"])]]
    table = Table(rows, colWidths=[170 * mm, 99 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _lines(paper: WriteoffPaper, st: dict[str, ParagraphStyle]) -> Table:
    rows: list[list[Paragraph | str]] = [[_p(h, st["head"]) for h in HEADINGS]]
    for n, line in enumerate(paper.lines, start=1):
        rows.append([_p(str(n), st["num"]), _p(line.name, st["cell"]), _p(line.unit, st["cell"]),
                     _p(line.lot_code, st["cell"]), _p(line.origin, st["cell"]), _p(line.document, st["cell"]),
                     _p(line.expiry or "—", st["cell"]), _p(str(line.quantity), st["num"]),
                     _p(format_fen(line.unit_price_fen), st["num"]), _p(format_fen(line.amount_fen), st["num"]),
                     _p("—" if line.value_fen is None else format_fen(line.value_fen), st["num"])])
    units = sum(line.quantity for line in paper.lines)
    rows.append([_p(f"合计 {len(paper.lines)} 行", st["cell"]), "", "", "", "", "", "", _p(str(units), st["num"]), "",
                 _p(format_fen(paper.value_fen), st["num"]), _p(format_fen(paper.donation_value_fen), st["num"])])
    table = Table(rows, colWidths=[w * mm for w in WIDTHS_MM], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("SPAN", (0, -1), (6, -1)),
    ]))
    return table


def _signatures(st: dict[str, ParagraphStyle]) -> Table:
    """Two people sign: who recorded it (经办人) and who checked it (复核人), and the manager."""
    rows = [[_p("经办人（签字）：", st["plain"]), "", _p("复核人（签字）：", st["plain"]), "",
             _p("店长（签字）：", st["plain"]), ""],
            [_p("日期：", st["plain"]), "", _p("日期：", st["plain"]), "", _p("日期：", st["plain"]), ""]]
    table = Table(rows, colWidths=[40 * mm, 46 * mm, 40 * mm, 46 * mm, 34 * mm, 46 * mm], rowHeights=[12 * mm, 10 * mm])
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 1), 0.6, RULE), ("LINEBELOW", (3, 0), (3, 1), 0.6, RULE),
                               ("LINEBELOW", (5, 0), (5, 1), 0.6, RULE), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return table
