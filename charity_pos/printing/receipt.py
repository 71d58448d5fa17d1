"""The donation receipt (捐赠收据) as a PDF.

An A4 page laid out with the fields of the official fiscal receipt for
public-welfare donations (公益事业捐赠票据): title, issuing unit, receipt
number, issue date and check code with a QR code carrying it, the payer and
their credit code, a table of items (name, unit, quantity, standard,
amount), the total in figures and in Chinese capitals, remarks, the handler
and a box for the seal, and room for the code and number of an official
receipt when a parent charity issues one.

The header (with the donor and the numbers) is drawn on every page, the
table's column heads repeat, and the totals come at the end. A reprint is
marked 补打 with its count; a voided receipt carries a large diagonal 作废 on
every page and its reason.
"""

from __future__ import annotations

import functools
import itertools
from datetime import date
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle)

from charity_pos.domain.money import format_fen
from charity_pos.domain import vocabulary
from charity_pos.domain.documents import ReceiptDoc
from charity_pos.printing.fonts import register_font
from charity_pos.printing.pages import Footer, numbered
from charity_pos.printing.text_fit import ELLIPSIS, draw_fitted, fit

PAGE_W, PAGE_H = A4
MARGIN_X = 15 * mm
TOP = 12 * mm  # page edge to the header
HEADER_H = 51 * mm  # header block, drawn on every page
BOTTOM = 16 * mm  # page edge to the table's lowest line (page numbers below)
CONTENT_W = PAGE_W - 2 * MARGIN_X

RED = colors.Color(0.78, 0.08, 0.08)
GREY = colors.Color(0.45, 0.45, 0.45)
RULE = colors.Color(0.15, 0.15, 0.15)
HEAD_FILL = colors.Color(0.93, 0.93, 0.93)

# 序号, 项目名称, 单位, 数量, 单价, 标准, 金额
COLUMNS_MM = (9, 53, 12, 15, 25, 36, 30)
COLUMN_HEADS = ("序号", "项目名称", "单位", "数量", "单价（元）", "标准", "金额（元）")

DASH = "—"
UNVALUED = "未估价"


def render_receipt(doc: ReceiptDoc, out: str | Path | BinaryIO) -> None:
    """Write the receipt as a PDF to ``out`` (a path or a binary file)."""
    from charity_pos.domain.capitals import amount_in_capitals

    font = register_font()
    capitals = amount_in_capitals(doc.total_fen)
    target = str(out) if isinstance(out, Path) else out

    template = BaseDocTemplate(
        target, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=TOP + HEADER_H,
        bottomMargin=BOTTOM, title=f"捐赠收据 {doc.receipt_number}", author=doc.store_name,
        subject=f"捐赠编号 {doc.donation_number}", creator="charity-pos", pageCompression=1,
        initialFontName=font)  # the font every page starts in: ours, so no unembedded Helvetica is referenced
    frame = Frame(MARGIN_X, BOTTOM, CONTENT_W, PAGE_H - TOP - HEADER_H - BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="receipt", frames=[frame],
                                            onPage=lambda canvas, _doc: _draw_header(canvas, doc, font))])
    template.build(_story(doc, font, capitals), canvasmaker=numbered(_footer(doc, font)))


# --- the flowing part ------------------------------------------------------
def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=font, fontSize=9, leading=11.5, wordWrap="CJK", alignment=TA_LEFT)
    return {
        "cell": base,
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, alignment=TA_CENTER, fontSize=9),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=GREY),
        "capitals": ParagraphStyle("capitals", parent=base, fontSize=10, leading=13),
        "total": ParagraphStyle("total", parent=base, fontSize=10, leading=13, alignment=TA_RIGHT),
        "void": ParagraphStyle("void", parent=base, fontSize=10, leading=13.5, textColor=RED),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: markup characters escaped, line breaks kept."""
    return Paragraph(escape(text).replace("\r\n", "\n").replace("\n", "<br/>"), style)


def _story(doc: ReceiptDoc, font: str, capitals: str) -> list[Flowable]:
    st = _styles(font)
    story: list[Flowable] = []
    if doc.void_reason is not None:
        notice = Table([[_p(f"本收据已作废。作废原因：{doc.void_reason or '（未填写）'}", st["void"])]],
                       colWidths=[CONTENT_W])
        notice.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("BOX", (0, 0), (-1, -1), 1.2, RED),
                                    ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 6)]))
        story += [notice, Spacer(1, 3 * mm)]

    rows: list[list[object]] = [[_p(h, st["head"]) for h in COLUMN_HEADS]]
    unvalued = 0
    for number, line in enumerate(doc.lines, start=1):
        valued = line.amount_fen is not None
        unvalued += not valued
        rows.append([
            _p(str(number), st["center"]),
            _p(line.name, st["cell"]),
            _p(line.unit, st["center"]),
            _p(str(line.quantity), st["right"]),
            _p(format_fen(line.unit_value_fen) if line.unit_value_fen is not None and valued else DASH, st["right"]),
            _p(line.standard, st["cell"]),
            _p(format_fen(line.amount_fen) if line.amount_fen is not None else UNVALUED,
               st["right"] if valued else st["center"]),
        ])
    if doc.cash_fen > 0:
        what = "现金捐赠" + (f" · {doc.cash_method}" if doc.cash_method else "")
        rows.append([_p(str(len(doc.lines) + 1), st["center"]), _p(what, st["cell"]), _p("元", st["center"]),
                     _p(DASH, st["right"]), _p(DASH, st["right"]), _p("货币捐赠", st["cell"]),
                     _p(format_fen(doc.cash_fen), st["right"])])
    if len(rows) == 1:
        rows.append([_p(DASH, st["center"]), _p("（无）", st["cell"]), "", "", "", "", ""])
    body_rows = len(rows)
    rows.append([_p(f"合计（大写）：{capitals}", st["capitals"]), "", "", "", "",
                 _p("合计（小写）", st["total"]), _p(format_fen(doc.total_fen), st["total"])])

    table = Table(rows, colWidths=[w * mm for w in COLUMNS_MM], repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 1.0, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("SPAN", (0, body_rows), (4, body_rows)),
        ("LINEABOVE", (0, body_rows), (-1, body_rows), 1.0, RULE),
        ("TOPPADDING", (0, body_rows), (-1, body_rows), 6),
        ("BOTTOMPADDING", (0, body_rows), (-1, body_rows), 7),
    ]))
    story.append(table)

    notes = []
    if unvalued:
        notes.append(f"未估价物品 {unvalued} 项，按名称和数量登记，不计入合计金额。")
    notes.append(f"核验：扫描左上角二维码，或凭校验码 {doc.verification_code} 向{doc.district}慈善超市管理平台核验。")
    story.append(Spacer(1, 2 * mm))
    story += [_p(n, st["small"]) for n in notes]
    story.append(Spacer(1, 3 * mm))
    story.append(KeepTogether([_remarks(doc, st), Spacer(1, 3 * mm), _SignatureBlock(doc, font)]))
    return story


def _remarks(doc: ReceiptDoc, st: dict[str, ParagraphStyle]) -> Table:
    table = Table([[_p("备注", st["center"]), _p(doc.remarks.strip() or DASH, st["cell"])]],
                  colWidths=[22 * mm, CONTENT_W - 22 * mm], rowHeights=None)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st["cell"].fontName),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BOX", (0, 0), (-1, -1), 1.0, RULE),
        ("BACKGROUND", (0, 0), (0, 0), HEAD_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


class _SignatureBlock(Flowable):
    """经办人 and date on the left; the seal box on the right."""

    SEAL = 40 * mm

    def __init__(self, doc: ReceiptDoc, font: str) -> None:
        super().__init__()
        self.doc, self.font = doc, font
        self.width, self.height = CONTENT_W, self.SEAL + 7 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c, doc, font = self.canv, self.doc, self.font
        left_w = CONTENT_W - self.SEAL - 12 * mm
        rows = [("经办人", doc.handler or DASH), ("开票日期", _chinese_date(doc.issued_on)),
                ("收款单位", doc.store_name)]
        y = self.height - 6 * mm
        for label, value in rows:
            c.setFillColor(colors.black)
            c.setFont(font, 10)
            head = f"{label}："
            c.drawString(0, y, head)
            x = stringWidth(head, font, 10)
            fitted = fit(value, font, width=left_w - x, max_size=10, min_size=7.5, max_lines=2, leading=1.15)
            draw_fitted(c, fitted, x, y + 10 * 0.88, left_w - x, font)
            y -= 8.5 * mm

        # the seal box
        sx = CONTENT_W - self.SEAL
        c.setFont(font, 9)
        c.setFillColor(colors.black)
        c.drawCentredString(sx + self.SEAL / 2, self.SEAL + 2 * mm, "收款单位（盖章）")
        c.setDash(3, 2)
        c.setStrokeColor(GREY)
        c.setLineWidth(0.8)
        c.rect(sx, 0, self.SEAL, self.SEAL, stroke=1, fill=0)
        c.setDash()
        c.setFillColor(colors.Color(0.75, 0.75, 0.75))
        c.setFont(font, 9)
        c.drawCentredString(sx + self.SEAL / 2, self.SEAL / 2 - 3, "盖章处")


# --- the header, on every page --------------------------------------------
def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def _draw_header(c: Canvas, doc: ReceiptDoc, font: str) -> None:
    c.saveState()
    top = PAGE_H - TOP
    left = MARGIN_X
    right = PAGE_W - MARGIN_X

    # QR code, top left, carrying the verification payload
    qr_size = 25 * mm
    _draw_qr(c, doc.qr_payload, left, top - qr_size, qr_size)
    c.setFont(font, 6.5)
    c.setFillColor(GREY)
    c.drawCentredString(left + qr_size / 2, top - qr_size - 3 * mm, "扫码核验")

    # title, centred, with the double rule of official forms under it
    c.setFillColor(colors.black)
    title, size, space = "捐赠收据", 24, 9
    width = stringWidth(title, font, size) + space * (len(title) - 1)
    text = c.beginText()
    text.setTextRenderMode(2)
    c.setLineWidth(0.6)
    text.setFont(font, size)
    text.setCharSpace(space)
    text.setTextOrigin(PAGE_W / 2 - width / 2, top - 9.5 * mm)
    text.textOut(title)
    text.setCharSpace(0)
    text.setTextRenderMode(0)
    c.drawText(text)
    c.setStrokeColor(colors.black)
    rule_w = width + 10 * mm
    c.setLineWidth(0.9)
    c.line(PAGE_W / 2 - rule_w / 2, top - 12 * mm, PAGE_W / 2 + rule_w / 2, top - 12 * mm)
    c.setLineWidth(0.4)
    c.line(PAGE_W / 2 - rule_w / 2, top - 12.8 * mm, PAGE_W / 2 + rule_w / 2, top - 12.8 * mm)

    # issuing unit under the title
    centre_w = 68 * mm  # centred under the title, clear of the QR code and the numbers
    centre_left = PAGE_W / 2 - centre_w / 2
    store = fit(doc.store_name, font, width=centre_w, max_size=11, min_size=8)
    if store.lines[-1].endswith(ELLIPSIS):  # a long name: two smaller lines
        store = fit(doc.store_name, font, width=centre_w, max_size=9, min_size=7, max_lines=2, leading=1.1)
    below = draw_fitted(c, store, centre_left, top - 14.8 * mm, centre_w, font, align="center")
    c.setFillColor(GREY)
    where = fit(f"{doc.district} · 门店编码 {doc.store_code}", font, width=centre_w, max_size=7.5, min_size=6)
    below = draw_fitted(c, where, centre_left, below - 0.6 * mm, centre_w, font, align="center")

    # reprint / void marks, red boxes under the store
    marks = [vocabulary.TRAINING] if doc.training else []
    if doc.void_reason is not None:
        marks.append("作废")
    if doc.reprint_count > 0:
        marks.append(f"补打（第{doc.reprint_count}次）")
    if marks:
        _draw_marks(c, marks, font, PAGE_W / 2, below - 1.2 * mm)

    # numbers, top right
    block_x, block_w = right - 55 * mm, 55 * mm
    entries = [("收据号码", doc.receipt_number, RED), ("开票日期", _chinese_date(doc.issued_on), colors.black),
               ("校验码", doc.verification_code, colors.black), ("捐赠编号", doc.donation_number, colors.black)]
    y = top - 1 * mm
    for label, value, colour in entries:
        head = f"{label}："
        c.setFont(font, 9)
        c.setFillColor(colors.black)
        c.drawString(block_x, y - 9 * 0.88, head)
        x = block_x + stringWidth("捐赠编号：", font, 9)
        c.setFillColor(colour)
        fitted = fit(value, font, width=block_x + block_w - x, max_size=10, min_size=6.5)
        draw_fitted(c, fitted, x, y - (10 - fitted.size) * 0.5, block_x + block_w - x, font)
        y -= 5.6 * mm

    # grid: donor and credit code; the official receipt's code and number
    grid_top = top - 34 * mm
    row_h = 8 * mm
    widths = (30 * mm, 62 * mm, 30 * mm, CONTENT_W - 122 * mm)
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    hint = "由上级慈善组织开具公益事业捐赠票据时填写"
    cells: list[list[tuple[str, str | None]]] = [
        [("交款人（捐赠人）", None), (doc.donor_name, None), ("统一社会信用代码", None),
         (doc.donor_credit_code or DASH, None)],
        [("票据代码", None), (doc.official_code or "", hint), ("票据号码", None), (doc.official_number or "", hint)],
    ]
    c.setFillColor(HEAD_FILL)
    for r in range(2):
        for col in (0, 2):
            c.rect(xs[col], grid_top - (r + 1) * row_h, widths[col], row_h, stroke=0, fill=1)
    for r, row in enumerate(cells):
        cell_top = grid_top - r * row_h
        for col, (value, empty_hint) in enumerate(row):
            is_label = col in (0, 2)
            pad = 2 * mm
            w = widths[col] - 2 * pad
            if not value and empty_hint:
                c.setFillColor(colors.Color(0.7, 0.7, 0.7))
                fitted = fit(empty_hint, font, width=w, max_size=6.5, min_size=5.5, max_lines=2, leading=1.1)
            else:
                c.setFillColor(colors.black)
                fitted = fit(value, font, width=w, max_size=9 if is_label else 10, min_size=6.5,
                             max_lines=1 if is_label else 2, leading=1.1, height=row_h - 1.5 * mm)
            block_h = len(fitted.lines) * fitted.leading
            draw_fitted(c, fitted, xs[col] + pad, cell_top - (row_h - block_h) / 2, w, font,
                        align="center" if is_label else "left")
    c.setStrokeColor(RULE)
    c.setLineWidth(0.5)
    for r in range(3):
        c.line(left, grid_top - r * row_h, right, grid_top - r * row_h)
    for x in xs:
        c.line(x, grid_top, x, grid_top - 2 * row_h)
    c.setLineWidth(1.0)
    c.rect(left, grid_top - 2 * row_h, CONTENT_W, 2 * row_h, stroke=1, fill=0)
    c.restoreState()


@functools.lru_cache(maxsize=32)
def _qr_runs(payload: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code of ``payload`` (ReportLab's encoder, level M): its size
    in modules and its dark runs (row, first column, length). Encoding
    (and choosing the mask) is most of a receipt's time; the same payload
    always gives the same code, drawn on every page and at every reprint."""
    code = QrCodeWidget(payload, barLevel="M").qr  # type: ignore[attr-defined]  # set in __init__, not in the stub
    code.make()
    runs = []
    for r, row in enumerate(code.modules):
        col = 0
        for dark, run in itertools.groupby(bool(v) for v in row):
            n = len(list(run))
            if dark:
                runs.append((r, col, n))
            col += n
    return code.getModuleCount(), tuple(runs)


def _draw_qr(c: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code (ReportLab's encoder, level M) drawn as plain rectangles,
    with a two-module quiet zone inside ``size``."""
    count, runs = _qr_runs(payload)
    border = 2
    box = size / (count + 2 * border)
    c.saveState()
    c.setFillColor(colors.black)
    for r, col, n in runs:
        c.rect(x + (col + border) * box, y + size - (r + border + 1) * box, n * box, box, stroke=0, fill=1)
    c.restoreState()


def _draw_marks(c: Canvas, marks: list[str], font: str, centre_x: float, box_top: float) -> None:
    """Red boxed words side by side, centred, hanging from box_top."""
    size, pad, gap = 10.5, 2.2 * mm, 4 * mm
    box_h = size + 2.4 * mm
    widths = [stringWidth(m, font, size) + 2 * pad for m in marks]
    x = centre_x - (sum(widths) + gap * (len(marks) - 1)) / 2
    c.setStrokeColor(RED)
    c.setFillColor(RED)
    c.setLineWidth(1.1)
    for mark, w in zip(marks, widths, strict=True):
        c.roundRect(x, box_top - box_h, w, box_h, 1.2 * mm, stroke=1, fill=0)
        c.setFont(font, size)
        c.drawString(x + pad, box_top - box_h + (box_h - size * 0.72) / 2, mark)
        x += w + gap


# --- the void watermark, once the page count is known ----------------------
def _footer(doc: ReceiptDoc, font: str) -> Footer:
    """捐赠收据 and its number, 第 n 页 / 共 N 页 and 续下页; across a void
    receipt's pages 作废, across a training store's 培训."""

    def void(c: Canvas, _number: int, _total: int) -> None:
        c.setFillColor(RED)
        c.setFillAlpha(0.28)
        c.translate(PAGE_W / 2, PAGE_H / 2 - 10 * mm)
        c.rotate(35)
        c.setFont(font, 150)
        c.drawCentredString(0, -50, "作废")

    return Footer(f"捐赠收据 {doc.receipt_number}", font, 8, GREY, 9 * mm, MARGIN_X, PAGE_W - MARGIN_X,
                  (PAGE_W, PAGE_H), centred=True, continued=True, training=doc.training,
                  marks=void if doc.void_reason is not None else None)
