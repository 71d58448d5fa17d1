"""The handout slip on an A5 sheet for a desk printer: the goods in a table
whose column heads repeat, a running header on every further page, the
allowance, the override and the signatures after the last line, and each
page's footer (the number, 第 n 页 / 共 N 页, 续下页)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle)

from charity_pos.domain.money import format_fen
from charity_pos.printing.barcode_drawing import Code128Encoded
from charity_pos.domain.documents import HandoutSlipDoc
from charity_pos.printing.fonts import register_font
from charity_pos.printing.handout.sheet import (
    A5_BARCODE_W, CONTENT_W, FILL, FOOTER_Y, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, RULE,
    RUNNING_HEAD_H, BarcodeBlock, SignatureBlock, TitleBlock, running_head,
)
from charity_pos.printing.handout.words import (
    DASH, DECLARATION, OVER_LEGEND, OVER_MARK, TITLE, allowance, has_override, household, meta, overdrawn_note,
    override, pieces,
)
from charity_pos.printing.pages import Footer, numbered

# 序号, 物资名称, 类别, 数量, 单位价值, 价值, 备注 (mm; 124 in all)
COLUMNS_MM = (9, 38, 17, 11, 18, 18, 13)
COLUMN_HEADS = ("序号", "物资名称", "类别", "数量", "单位价值", "价值", "备注")


def render_a5(doc: HandoutSlipDoc, out: str | Path | BinaryIO, encoded: Code128Encoded) -> None:
    font = register_font()
    target = str(out) if isinstance(out, Path) else out
    template = BaseDocTemplate(
        target, pagesize=A5, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, creator="charity-pos", pageCompression=1, initialFontName=font, **meta(doc))
    body_h = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    first = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, body_h, id="first",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, body_h - RUNNING_HEAD_H, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([
        PageTemplate(id="first", frames=[first], autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later], onPage=lambda canvas, _doc: running_head(canvas, doc, font)),
    ])
    footer = Footer(f"{TITLE} {doc.number}", font, 7.5, colors.black, FOOTER_Y, MARGIN_X, PAGE_W - MARGIN_X,
                    (PAGE_W, PAGE_H), centred=True, continued=True, training=doc.training)
    template.build(_story(doc, font, encoded), canvasmaker=numbered(footer))


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=font, fontSize=9, leading=11.5, wordWrap="CJK", alignment=TA_LEFT)
    row = ParagraphStyle("row", parent=base, fontSize=8.5, leading=10.2)  # the goods table: compact rows
    return {
        "cell": base,
        "row": row,
        "row-center": ParagraphStyle("row-center", parent=row, alignment=TA_CENTER),
        "row-right": ParagraphStyle("row-right", parent=row, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, alignment=TA_CENTER, fontSize=8.5, leading=10.5),
        "total": ParagraphStyle("total", parent=base, fontSize=10.5, leading=13, alignment=TA_RIGHT),
        "info": ParagraphStyle("info", parent=base, fontSize=9.5, leading=13.5),
        "value": ParagraphStyle("value", parent=base, fontSize=10, leading=12.5),
        "label": ParagraphStyle("label", parent=base, alignment=TA_CENTER),
        "big": ParagraphStyle("big", parent=base, fontSize=11, leading=13.5, alignment=TA_CENTER),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10.5),
        "declaration": ParagraphStyle("declaration", parent=base, fontSize=9.5, leading=12),
    }


def _table_style(font: str, commands: list[Any]) -> TableStyle:
    """A table's style, in our font throughout (empty cells included: the
    default would reference an unembedded Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands])


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: markup characters escaped, line breaks kept."""
    return Paragraph(escape(text).replace("\r\n", "\n").replace("\n", "<br/>"), style)


def _fitted(text: str, style: ParagraphStyle, width: float, min_size: float = 6.0) -> Paragraph:
    """One line at the style's size or smaller (down to min_size) so that it
    fits ``width``; wrapped below that. For amounts, which read badly broken."""
    size = style.fontSize
    while size > min_size and stringWidth(text, style.fontName, size) > width:
        size = max(min_size, size - 0.25)
    if size == style.fontSize:
        return _p(text, style)
    return _p(text, ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size,
                                   leading=style.leading * size / style.fontSize))


def _story(doc: HandoutSlipDoc, font: str, encoded: Code128Encoded) -> list[Flowable]:
    st = _styles(font)
    story: list[Flowable] = [TitleBlock(doc, font), Spacer(1, 2.5 * mm)]
    story += [_numbers(doc, st, font, encoded), Spacer(1, 2 * mm)]
    story += [_household_grid(doc, st), Spacer(1, 2.5 * mm)]
    story.append(_lines_table(doc, st))
    story.append(Spacer(1, 3 * mm))

    closing: list[Flowable] = [_allowance_table(doc, st)]
    notes = []
    if overdrawn_note(doc):
        notes.append(f"发放后剩余为负数：{overdrawn_note(doc)}。")
    if any(line.over for line in doc.lines):
        notes.append(f"{OVER_LEGEND}。")
    if notes:
        closing.append(Spacer(1, 1.2 * mm))
        closing += [_p(n, st["note"]) for n in notes]
    if has_override(doc):
        closing += [Spacer(1, 2 * mm), _override_table(doc, st)]
    closing += [Spacer(1, 3 * mm), _p(DECLARATION, st["declaration"]), SignatureBlock(font)]
    story.append(KeepTogether(closing))
    return story


def _numbers(doc: HandoutSlipDoc, st: dict[str, ParagraphStyle], font: str, encoded: Code128Encoded) -> Flowable:
    """单号, 时间 and 收银员 on the left; the number's barcode on the right
    (or under them, across the page, when it would not leave them room)."""
    info = [_p(f"单号：{doc.number}", st["info"]), _p(f"时间：{doc.at}", st["info"]),
            _p(f"收银员：{doc.cashier}", st["info"])]
    beside = BarcodeBlock(encoded, font, A5_BARCODE_W)
    if beside.fits:
        table = Table([[info, beside]], colWidths=[CONTENT_W - beside.width, beside.width])
        align = "RIGHT"
    else:
        table = Table([[info], [BarcodeBlock(encoded, font, CONTENT_W)]], colWidths=[CONTENT_W])
        align = "CENTER"
    table.setStyle(_table_style(font, [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (-1, 0), (-1, -1), align),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _household_grid(doc: HandoutSlipDoc, st: dict[str, ParagraphStyle]) -> Table:
    pairs = household(doc)
    label_w, value_w = 20 * mm, CONTENT_W / 2 - 20 * mm
    rows = []
    for left, right in zip(pairs[0::2], pairs[1::2], strict=True):
        rows.append([_p(left[0], st["label"]), _fitted(left[1], st["value"], value_w - 6),
                     _p(right[0], st["label"]), _fitted(right[1], st["value"], value_w - 6)])
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w])
    table.setStyle(_table_style(st["cell"].fontName, [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BOX", (0, 0), (-1, -1), 1.0, RULE),
        ("BACKGROUND", (0, 0), (0, -1), FILL), ("BACKGROUND", (2, 0), (2, -1), FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _lines_table(doc: HandoutSlipDoc, st: dict[str, ParagraphStyle]) -> Table:
    """The goods, one row each, the column heads repeated on every page; a
    line beyond the allowance shaded and marked ※ 超额; the total last."""
    widths = [w * mm for w in COLUMNS_MM]
    pad = 3

    def amount(text: str, column: int) -> Paragraph:
        return _fitted(text, st["row-right"], widths[column] - 2 * pad)

    rows: list[list[object]] = [[_p(h, st["head"]) for h in COLUMN_HEADS]]
    over_rows = []
    for number, line in enumerate(doc.lines, start=1):
        if line.over:
            over_rows.append(number)
        rows.append([_p(str(number), st["row-center"]), _p(line.name, st["row"]),
                     _p(line.category, st["row-center"]), amount(str(line.quantity), 3),
                     amount(format_fen(line.unit_value_fen), 4), amount(format_fen(line.value_fen), 5),
                     _fitted(OVER_MARK if line.over else "", st["row-center"], widths[6] - 2 * pad)])
    if not doc.lines:
        rows.append([_p(DASH, st["row-center"]), _p("（无）", st["row"]), "", "", "", "", ""])
    total = len(rows)
    rows.append([_p(pieces(doc), st["cell"]), "", "", "", _p("价值合计", st["cell"]),
                 _fitted(format_fen(doc.total_value_fen), st["total"], widths[5] + widths[6] - 2 * pad), ""])
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 1.0, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("SPAN", (0, total), (3, total)), ("SPAN", (5, total), (6, total)),
        ("LINEABOVE", (0, total), (-1, total), 1.0, RULE),
        ("TOPPADDING", (0, total), (-1, total), 4), ("BOTTOMPADDING", (0, total), (-1, total), 5),
    ]
    style += [("BACKGROUND", (0, row), (-1, row), FILL) for row in over_rows]
    table = Table(rows, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(_table_style(st["cell"].fontName, style))
    return table


def _allowance_table(doc: HandoutSlipDoc, st: dict[str, ParagraphStyle]) -> Table:
    """本期额度, 发放前剩余 | 本次发放, 发放后剩余: heads over amounts."""
    pairs = allowance(doc)
    width = CONTENT_W / len(pairs)
    heads = [_p(label, st["head"]) for label, _ in pairs]
    values = [_fitted(value, st["big"], width - 6) for _, value in pairs]
    table = Table([heads, values], colWidths=[width] * len(pairs))
    table.setStyle(_table_style(st["cell"].fontName, [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BOX", (0, 0), (-1, -1), 1.0, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 1), (-1, 1), 3), ("BOTTOMPADDING", (0, 1), (-1, 1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _override_table(doc: HandoutSlipDoc, st: dict[str, ParagraphStyle]) -> Table:
    (reason_label, reason), (approver_label, approver) = override(doc)
    table = Table([[_p("超额审批", st["label"]), _p(f"{reason_label}：{reason}", st["cell"])],
                   ["", _p(f"{approver_label}：{approver}", st["cell"])]],
                  colWidths=[20 * mm, CONTENT_W - 20 * mm])
    table.setStyle(_table_style(st["cell"].fontName, [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BOX", (0, 0), (-1, -1), 1.0, RULE),
        ("SPAN", (0, 0), (0, 1)), ("BACKGROUND", (0, 0), (0, 1), FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table
