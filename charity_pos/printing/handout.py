"""The relief handout slip (物资发放单) as a PDF: what a household in
hardship signs when it takes goods free under its monthly (or quarterly)
allowance.

Two papers:

``"80mm"``
    The till's receipt printer: one page as long as the slip, 72 mm
    printable, laid out like the sales slip (``slip.Roll``), black only.

``"a5"``
    An A5 portrait sheet (148 x 210 mm) for a desk printer: the goods in a
    proper table whose column heads repeat, a running header on every
    further page, and the allowance, the override and the signatures after
    the last line.

Both carry the store, the title, the number (also as a Code 128 barcode),
the time and the cashier; the household (card number, the head's name and
the ID number, both masked as the document gives them, members, category,
period); the lines (name, goods category, quantity, unit value, value),
those beyond the allowance marked ※ 超额; the total value; the allowance,
what remained before and what remains after (negative after an approved
override); the override's reason and the manager who approved it; a reprint
mark 重打（第N次）; and lines for the recipient's signature and date and for
the cashier (经办人). The words are Chinese whatever the UI language.
"""

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
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle)

from charity_pos.domain.money import format_fen
from charity_pos.printing import vocabulary
from charity_pos.printing.barcode_drawing import Code128Encoded, draw_code128, encode_code128
from charity_pos.printing.documents import HandoutSlipDoc, HandoutSlipLine
from charity_pos.printing.fonts import register_font
from charity_pos.printing.pages import CountedPages, training_watermark
from charity_pos.printing.slip import LEADING, MAX_MODULE, MIN_MODULE, Roll, add_barcode, draw_text, paper_for
from charity_pos.printing.text_fit import draw_fitted, fit

PAPERS = ("80mm", "a5")

TITLE = "物资发放单"
OVER_MARK = "※ 超额"
OVER_LEGEND = "※ 超额：超出本期额度发放的物品"
DECLARATION = "本人确认已如数领取上列物资。"
SIGN_RECIPIENT = "领取人签字："
SIGN_DATE = "日期："
SIGN_HANDLER = "经办人："
DASH = "—"


def render_handout_slip(doc: HandoutSlipDoc, out: str | Path | BinaryIO, paper: str = "80mm") -> None:
    """Write the handout slip as a PDF to ``out`` (a path or a binary file).

    ``paper`` is ``"80mm"`` (receipt printer, one long page) or ``"a5"``
    (desk printer, as many A5 pages as the lines need). Raises ValueError,
    before anything is written, for any other paper and for a number that
    Code 128 cannot carry (anything but printable ASCII)."""
    if paper not in PAPERS:
        raise ValueError(f"a handout slip is printed on 80mm or a5 paper, not {paper!r}")
    encoded = encode_code128(doc.number)
    if paper == "80mm":
        _render_roll(doc, out, encoded)
    else:
        _render_a5(doc, out, encoded)


# --- what both papers say ---------------------------------------------------
def _marks(doc: HandoutSlipDoc) -> list[str]:
    marks = [vocabulary.TRAINING] if doc.training else []
    return marks + ([f"重打（第{doc.reprint_count}次）"] if doc.reprint_count > 0 else [])


def _household(doc: HandoutSlipDoc) -> list[tuple[str, str]]:
    return [("救助卡号", doc.card_number), ("户主", doc.head_name_masked), ("身份证号", doc.id_masked),
            ("家庭人数", f"{doc.members} 人"), ("救助类别", doc.category), ("发放周期", doc.period)]


def _allowance(doc: HandoutSlipDoc) -> list[tuple[str, str]]:
    return [("本期额度", format_fen(doc.allowance_fen)), ("发放前剩余", format_fen(doc.remaining_before_fen)),
            ("本次发放", format_fen(doc.total_value_fen)), ("发放后剩余", format_fen(doc.remaining_after_fen))]


def _overdrawn_note(doc: HandoutSlipDoc) -> str:
    if doc.remaining_after_fen >= 0:
        return ""
    return f"本次超出额度 {format_fen(-doc.remaining_after_fen)}"


def _has_override(doc: HandoutSlipDoc) -> bool:
    return bool(doc.override_reason.strip()) or bool(doc.approved_by)


def _override(doc: HandoutSlipDoc) -> list[tuple[str, str]]:
    return [("超额原因", doc.override_reason.strip() or "（未填写）"), ("批准店长", doc.approved_by or DASH)]


def _pieces(doc: HandoutSlipDoc) -> str:
    return f"共 {len(doc.lines)} 项 {sum(line.quantity for line in doc.lines)} 件"


def _meta(doc: HandoutSlipDoc) -> dict[str, Any]:
    return {"title": f"{TITLE} {doc.number}", "author": doc.store_name, "subject": doc.at}


# --- 80 mm: the receipt printer -------------------------------------------
def _render_roll(doc: HandoutSlipDoc, out: str | Path | BinaryIO, encoded: Code128Encoded) -> None:
    roll = Roll(paper_for(80), register_font())
    p = roll.paper
    if doc.training:
        roll.band(vocabulary.TRAINING_BAND, p.big + 6)
        roll.space(1.5 * mm)
    roll.text(doc.store_name, p.store, align="center", bold=True)
    roll.text(f"门店编码 {doc.store_code}", p.small, align="center")
    roll.space(0.8 * mm)
    roll.text(TITLE, p.big, align="center", bold=True)
    roll.space(0.8 * mm)
    if _marks(doc):
        roll.boxed(_marks(doc), p.body)
    roll.space(0.6 * mm)
    roll.pair("单号", doc.number)
    roll.pair("时间", doc.at)
    roll.pair("收银员", doc.cashier)
    roll.rule()

    roll.text("受助家庭", bold=True)
    for label, value in _household(doc):
        roll.pair(label, value)
    roll.rule()

    roll.text("发放物资", bold=True)
    roll.space(0.5 * mm)
    for line in doc.lines:
        _roll_line(roll, line)
    if not doc.lines:
        roll.text("（无）", align="center")
    roll.rule()
    roll.pair(_pieces(doc), "")
    roll.pair("物资价值合计", format_fen(doc.total_value_fen), p.big, bold=True)
    if any(line.over for line in doc.lines):
        roll.text(OVER_LEGEND, p.small)
    roll.rule()

    roll.text(f"额度（{doc.period}）", bold=True)
    for label, value in _allowance(doc):
        roll.pair(label, value, bold=label == "发放后剩余")
    if _overdrawn_note(doc):
        roll.text(_overdrawn_note(doc), p.small, align="right")
    if _has_override(doc):
        roll.rule()
        roll.text("超额审批", bold=True)
        for label, value in _override(doc):
            roll.text(f"{label}：{value}")
    roll.rule()

    roll.text(DECLARATION, p.small)
    _roll_signature(roll, SIGN_RECIPIENT, room=9 * mm)
    _roll_signature(roll, SIGN_DATE, room=6 * mm, length=38 * mm)
    _roll_signature(roll, SIGN_HANDLER, room=8 * mm)
    roll.space(2 * mm)
    roll.rule()

    roll.space(1 * mm)
    add_barcode(roll, encoded)
    roll.text(doc.number, p.body, align="center")
    if _marks(doc):
        roll.space(1 * mm)
        roll.text(_marks(doc)[0], p.small, align="center")
    roll.render(out, **_meta(doc))


def _roll_line(roll: Roll, line: HandoutSlipLine) -> None:
    """The name beside the figures (quantity × unit value = value); under
    it the goods category in a box and, beyond the allowance, ※ 超额."""
    p = roll.paper
    figures = f"{line.quantity} × {format_fen(line.unit_value_fen)} = {format_fen(line.value_fen)}"
    roll.pair(line.name, figures, min_left=0.4)
    category = line.category.strip()
    if not category and not line.over:
        roll.space(0.6 * mm)
        return
    font, indent, pad, gap = roll.font, 3 * mm, 0.8 * mm, 2 * mm
    over_size = p.body
    over_w = roll.width_of(OVER_MARK, over_size) if line.over else 0.0
    room = p.content - indent - 2 * pad - (gap + over_w if line.over else 0)
    tag_size = roll.shrink(category, p.small, room) if category else p.small
    tags = [category] if category and roll.width_of(category, tag_size) <= room else []
    height = max(p.small + 2 * pad, over_size) * LEADING

    def draw(c: Canvas, top: float) -> None:
        x = roll.left + indent
        baseline = top - height / 2 - p.small * 0.33
        for tag in tags:
            tag_w = stringWidth(tag, font, tag_size) + 2 * pad
            c.saveState()
            c.setLineWidth(0.6)
            c.roundRect(x, baseline - pad - tag_size * 0.12, tag_w, tag_size + 2 * pad - tag_size * 0.1,
                        0.8 * mm, stroke=1, fill=0)
            c.restoreState()
            draw_text(c, tag, font, tag_size, x + pad, baseline)
            x += tag_w + gap
        if line.over:
            draw_text(c, OVER_MARK, font, over_size, x, top - height / 2 - over_size * 0.33, bold=True)

    roll.add(height, draw)
    if category and not tags:  # a category too long for a box: plain, wrapped
        roll.text(category, p.small, indent=indent)
    roll.space(0.6 * mm)


def _roll_signature(roll: Roll, label: str, *, room: float, length: float | None = None) -> None:
    """``room`` to write in, then the label and a line to write on: to the
    right edge, or ``length`` long."""
    roll.space(room)
    size, font = roll.paper.body, roll.font
    head_w = roll.width_of(label, size)
    start = roll.left + head_w + 1 * mm
    end = roll.right if length is None else min(roll.right, start + length)

    def draw(c: Canvas, top: float) -> None:
        baseline = top - size * 0.95
        draw_text(c, label, font, size, roll.left, baseline)
        c.saveState()
        c.setLineWidth(0.6)
        c.line(start, baseline - 1.5, end, baseline - 1.5)
        c.restoreState()

    roll.add(size * LEADING, draw)


# --- A5: the desk printer ---------------------------------------------------
PAGE_W, PAGE_H = A5
MARGIN_X = 12 * mm
MARGIN_TOP = 9 * mm
MARGIN_BOTTOM = 12 * mm  # the frame's lowest line; the page footer sits below it
FOOTER_Y = 7 * mm  # baseline of the page footer
RUNNING_HEAD_H = 15 * mm  # the running header on every page after the first
CONTENT_W = PAGE_W - 2 * MARGIN_X

RULE = colors.Color(0.15, 0.15, 0.15)
FILL = colors.Color(0.92, 0.92, 0.92)  # label cells and column heads: light enough for any laser printer

#: A5 barcode: bars this tall; the symbol (with its quiet zones) at most this wide beside the numbers.
A5_BAR_HEIGHT = 10 * mm
A5_BARCODE_W = 62 * mm

# 序号, 物资名称, 类别, 数量, 单位价值, 价值, 备注 (mm; 124 in all)
COLUMNS_MM = (9, 38, 17, 11, 18, 18, 13)
COLUMN_HEADS = ("序号", "物资名称", "类别", "数量", "单位价值", "价值", "备注")


def _render_a5(doc: HandoutSlipDoc, out: str | Path | BinaryIO, encoded: Code128Encoded) -> None:
    font = register_font()
    target = str(out) if isinstance(out, Path) else out
    template = BaseDocTemplate(
        target, pagesize=A5, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, creator="charity-pos", pageCompression=1, initialFontName=font, **_meta(doc))
    body_h = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    first = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, body_h, id="first",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, body_h - RUNNING_HEAD_H, id="later",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([
        PageTemplate(id="first", frames=[first], autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[later], onPage=lambda canvas, _doc: _running_head(canvas, doc, font)),
    ])

    def make_canvas(*args, **kwargs):  # type: ignore[no-untyped-def]
        return _NumberedCanvas(*args, handout=doc, font=font, **kwargs)

    template.build(_story(doc, font, encoded), canvasmaker=make_canvas)


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
    story: list[Flowable] = [_TitleBlock(doc, font), Spacer(1, 2.5 * mm)]
    story += [_numbers(doc, st, font, encoded), Spacer(1, 2 * mm)]
    story += [_household_grid(doc, st), Spacer(1, 2.5 * mm)]
    story.append(_lines_table(doc, st))
    story.append(Spacer(1, 3 * mm))

    closing: list[Flowable] = [_allowance_table(doc, st)]
    notes = []
    if _overdrawn_note(doc):
        notes.append(f"发放后剩余为负数：{_overdrawn_note(doc)}。")
    if any(line.over for line in doc.lines):
        notes.append(f"{OVER_LEGEND}。")
    if notes:
        closing.append(Spacer(1, 1.2 * mm))
        closing += [_p(n, st["note"]) for n in notes]
    if _has_override(doc):
        closing += [Spacer(1, 2 * mm), _override_table(doc, st)]
    closing += [Spacer(1, 3 * mm), _p(DECLARATION, st["declaration"]), _SignatureBlock(font)]
    story.append(KeepTogether(closing))
    return story


def _numbers(doc: HandoutSlipDoc, st: dict[str, ParagraphStyle], font: str, encoded: Code128Encoded) -> Flowable:
    """单号, 时间 and 收银员 on the left; the number's barcode on the right
    (or under them, across the page, when it would not leave them room)."""
    info = [_p(f"单号：{doc.number}", st["info"]), _p(f"时间：{doc.at}", st["info"]),
            _p(f"收银员：{doc.cashier}", st["info"])]
    beside = _BarcodeBlock(encoded, font, A5_BARCODE_W)
    if beside.fits:
        table = Table([[info, beside]], colWidths=[CONTENT_W - beside.width, beside.width])
        align = "RIGHT"
    else:
        table = Table([[info], [_BarcodeBlock(encoded, font, CONTENT_W)]], colWidths=[CONTENT_W])
        align = "CENTER"
    table.setStyle(_table_style(font, [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (-1, 0), (-1, -1), align),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def _household_grid(doc: HandoutSlipDoc, st: dict[str, ParagraphStyle]) -> Table:
    pairs = _household(doc)
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
    rows.append([_p(_pieces(doc), st["cell"]), "", "", "", _p("价值合计", st["cell"]),
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
    pairs = _allowance(doc)
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
    (reason_label, reason), (approver_label, approver) = _override(doc)
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


class _TitleBlock(Flowable):
    """The store (up to two lines) and its code, then the title over a
    double rule, on a reprint with the boxed reprint mark at its right."""

    TITLE_SIZE = 18.0
    TITLE_SPACE = 6.0  # between the title's characters

    def __init__(self, doc: HandoutSlipDoc, font: str) -> None:
        super().__init__()
        self.doc, self.font = doc, font
        self.store = fit(doc.store_name, font, width=CONTENT_W, max_size=12, min_size=8, max_lines=2, leading=1.2)
        self.code = f"门店编码 {doc.store_code}"
        self.marks = _marks(doc)
        self.width = CONTENT_W
        self.height = len(self.store.lines) * self.store.leading + 3.6 * mm + 12.5 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, font = self.canv, self.font
        c.setFillColor(colors.black)
        below = draw_fitted(c, self.store, 0, self.height, CONTENT_W, font, align="center")
        c.setFont(font, 7.5)
        c.drawCentredString(CONTENT_W / 2, below - 2.8 * mm, self.code)
        # the title, spaced out and stroked (the font has no bold face)
        size, space = self.TITLE_SIZE, self.TITLE_SPACE
        width = stringWidth(TITLE, font, size) + space * (len(TITLE) - 1)
        baseline = 3.4 * mm
        c.saveState()
        text = c.beginText()
        text.setTextRenderMode(2)
        c.setLineWidth(0.5)
        text.setFont(font, size)
        text.setCharSpace(space)
        text.setTextOrigin(CONTENT_W / 2 - width / 2, baseline)
        text.textOut(TITLE)
        c.drawText(text)
        c.restoreState()
        rule_w = width + 12 * mm
        c.setLineWidth(0.9)
        c.line(CONTENT_W / 2 - rule_w / 2, baseline - 2.3 * mm, CONTENT_W / 2 + rule_w / 2, baseline - 2.3 * mm)
        c.setLineWidth(0.4)
        c.line(CONTENT_W / 2 - rule_w / 2, baseline - 3.0 * mm, CONTENT_W / 2 + rule_w / 2, baseline - 3.0 * mm)
        if self.marks:  # right of the title, in the room the centred title leaves
            room = (CONTENT_W - rule_w) / 2 - 2 * mm
            _boxed_marks(c, self.marks, font, CONTENT_W, baseline + size * 0.35, room)


def _boxed_marks(c: Canvas, marks: list[str], font: str, right: float, middle: float, room: float) -> None:
    """Words in outlined boxes side by side, ending at ``right``, centred
    on ``middle``, shrunk to fit ``room`` if need be."""
    size, pad, gap = 10.0, 1.8 * mm, 2 * mm
    text = sum(stringWidth(m, font, 1) for m in marks)
    size = max(6.0, min(size, (room - (2 * pad + gap) * len(marks) + gap) / text))
    box_h = size + 2.2 * mm
    widths = [stringWidth(m, font, size) + 2 * pad for m in marks]
    x = right - sum(widths) - gap * (len(marks) - 1)
    c.saveState()
    c.setLineWidth(1.0)
    for mark, w in zip(marks, widths, strict=True):
        c.roundRect(x, middle - box_h / 2, w, box_h, 1.2 * mm, stroke=1, fill=0)
        draw_text(c, mark, font, size, x + pad, middle - size * 0.35, bold=True)
        x += w + gap
    c.restoreState()


class _BarcodeBlock(Flowable):
    """The number's Code 128 with its quiet zones and, under the bars, the
    number in figures; at most ``room`` wide, modules between MIN_MODULE
    and MAX_MODULE (``fits`` is false when even MIN_MODULE is too wide)."""

    TEXT = 8.0

    def __init__(self, encoded: Code128Encoded, font: str, room: float) -> None:
        super().__init__()
        self.encoded, self.font = encoded, font
        fits = room / encoded.total_modules
        self.fits = fits >= MIN_MODULE - 1e-6
        self.module = min(MAX_MODULE, max(MIN_MODULE, int(fits / mm * 100) / 100 * mm)) if self.fits else fits
        self.width = encoded.total_modules * self.module
        self.height = A5_BAR_HEIGHT + 1.2 * mm + self.TEXT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        draw_code128(c, self.encoded, 0, self.height - A5_BAR_HEIGHT, self.module, A5_BAR_HEIGHT)
        size = self.TEXT
        while size > 6 and stringWidth(self.encoded.text, self.font, size) > self.width:
            size -= 0.25
        c.setFillColor(colors.black)
        c.setFont(self.font, size)
        c.drawCentredString(self.width / 2, 0.6, self.encoded.text)


class _SignatureBlock(Flowable):
    """Room to sign: 领取人签字 and 日期 on one line, 经办人 on the next."""

    SIZE = 10.0
    ROOM = 10 * mm  # above each line: the height of a signature
    SIGN_END = 74 * mm  # both signature lines end here; the date's line runs on to the margin

    def __init__(self, font: str) -> None:
        super().__init__()
        self.font = font
        self.width = CONTENT_W
        self.height = 2 * self.ROOM + 1.5 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        first = self.height - self.ROOM
        self._line(SIGN_RECIPIENT, 0, self.SIGN_END, first)
        self._line(SIGN_DATE, self.SIGN_END + 6 * mm, CONTENT_W, first)
        self._line(SIGN_HANDLER, 0, self.SIGN_END, first - self.ROOM)

    def _line(self, label: str, x: float, end: float, baseline: float) -> None:
        c = self.canv
        draw_text(c, label, self.font, self.SIZE, x, baseline)
        start = x + stringWidth(label, self.font, self.SIZE) + 1 * mm
        c.saveState()
        c.setLineWidth(0.6)
        c.line(start, baseline - 1.5, end, baseline - 1.5)
        c.restoreState()


def _running_head(c: Canvas, doc: HandoutSlipDoc, font: str) -> None:
    """On every page after the first: the title (continued), the number,
    the household, the reprint mark and the store, over a rule."""
    c.saveState()
    c.setFillColor(colors.black)
    top = PAGE_H - MARGIN_TOP
    left, right = MARGIN_X, PAGE_W - MARGIN_X
    title = f"{TITLE}（续）"
    draw_text(c, title, font, 12, left, top - 12 * 0.88, bold=True)
    title_w = stringWidth(title, font, 12) + 4 * mm
    number = f"单号：{doc.number}"
    number_size = 9.5
    while number_size > 6.5 and stringWidth(number, font, number_size) > CONTENT_W - title_w:
        number_size -= 0.25
    c.setFont(font, number_size)
    c.drawRightString(right, top - 12 * 0.88, number)
    marks = _marks(doc)
    parts = [f"救助卡号 {doc.card_number}", f"户主 {doc.head_name_masked}", doc.period, *marks, doc.store_name]
    line2 = " · ".join(parts)  # the store last: a long name is cut (…) rather than the household
    fitted = fit(line2, font, width=CONTENT_W, max_size=8.5, min_size=6.5)
    draw_fitted(c, fitted, left, top - 6.5 * mm, CONTENT_W, font)
    c.setLineWidth(0.8)
    c.setStrokeColor(RULE)
    c.line(left, top - 12.5 * mm, right, top - 12.5 * mm)
    c.restoreState()


class _NumberedCanvas(CountedPages):
    """Holds the pages back until the last one is drawn, then adds the page
    footer: the number, 第 n 页 / 共 N 页 and 续下页."""

    def __init__(self, *args, handout: HandoutSlipDoc, font: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._handout, self._font = handout, font

    def finish_page(self, number: int, total: int) -> None:
        doc, font = self._handout, self._font
        self.saveState()
        self.setFillColor(colors.black)
        self.setFont(font, 7.5)
        self.drawString(MARGIN_X, FOOTER_Y, f"{TITLE} {doc.number}")
        self.drawCentredString(PAGE_W / 2, FOOTER_Y, f"第 {number} 页 / 共 {total} 页")
        if number < total:
            self.drawRightString(PAGE_W - MARGIN_X, FOOTER_Y, "续下页")
        if doc.training:
            training_watermark(self, PAGE_W, PAGE_H, font)
        self.restoreState()
