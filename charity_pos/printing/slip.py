"""The sales slip (销售小票) and the return slip (退货单) as a PDF for a
receipt printer.

One page as long as the slip, 80 mm or 58 mm wide (a printable width of
72 mm or 48 mm, centred), the way receipt printers print: the store, the
title, number, time, cashier and till; the lines; subtotal, ticket discount
and the total; the payments and the change; the slip's number as a Code 128
barcode, so that a return can start by scanning it; and the thanks.

Everything is black (receipt printers have no grey), in the embedded Chinese
font; text wraps and never runs outside the printable width. A reprint is
marked 重打（第N次）; a voided sale carries a black 作废 band at its head and
its foot.

The layout helpers (``Paper``, ``Roll``, ``add_barcode``) are shared with
the shift reports and the relief handout slip, which print on the same paper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from charity_pos.domain.money import format_fen
from charity_pos.printing import vocabulary
from charity_pos.printing.barcode_drawing import Code128Encoded, draw_code128, encode_code128
from charity_pos.printing.documents import SlipDoc, SlipLine
from charity_pos.printing.fonts import register_font
from charity_pos.printing.text_fit import wrap


# --- the paper and a roll of it -------------------------------------------
@dataclass(frozen=True)
class Paper:
    """Receipt paper: its width, the printable width in the middle, and the
    type sizes that suit it (pt)."""

    width_mm: int
    printable_mm: float
    body: float
    small: float
    big: float  # the total, the report's title
    store: float

    @property
    def width(self) -> float:
        return self.width_mm * mm

    @property
    def margin(self) -> float:
        return (self.width_mm - self.printable_mm) / 2 * mm

    @property
    def content(self) -> float:
        return self.printable_mm * mm

    @property
    def narrow(self) -> bool:
        return self.width_mm < 70


PAPERS: dict[int, Paper] = {
    80: Paper(80, 72, body=9, small=7.5, big=13, store=14),
    58: Paper(58, 48, body=8.5, small=7, big=12, store=12),
}


def paper_for(width_mm: int) -> Paper:
    paper = PAPERS.get(width_mm)
    if paper is None:
        raise ValueError(f"receipt paper is 80 or 58 mm wide, not {width_mm}")
    return paper


TOP = 3 * mm  # paper edge to the first line
BOTTOM = 6 * mm  # last line to the end of the page: room for the cutter
LEADING = 1.3
MIN_SIZE = 6.0  # single-line text shrinks to fit, never below this (then it wraps)

#: A drawing step: given the canvas and the PDF y of the step's top edge.
Draw = Callable[[Canvas, float], None]


@dataclass
class Roll:
    """Content laid out top to bottom, its height known before the page is
    made: each step is measured when added and drawn when rendered."""

    paper: Paper
    font: str
    steps: list[tuple[float, Draw]] = field(default_factory=list)  # (offset from the top, draw)
    y: float = TOP

    @property
    def left(self) -> float:
        return self.paper.margin

    @property
    def right(self) -> float:
        return self.paper.margin + self.paper.content

    def add(self, height: float, draw: Draw) -> None:
        self.steps.append((self.y, draw))
        self.y += height

    def space(self, height: float) -> None:
        self.y += height

    # --- text ---------------------------------------------------------
    def width_of(self, text: str, size: float) -> float:
        return stringWidth(text, self.font, size)

    def shrink(self, text: str, size: float, width: float) -> float:
        """The size (down to MIN_SIZE) at which one line of text fits width."""
        while size > MIN_SIZE and self.width_of(text, size) > width:
            size = max(MIN_SIZE, size - 0.25)
        return size

    def text(self, text: str, size: float | None = None, *, align: str = "left", indent: float = 0,
             bold: bool = False) -> None:
        """A paragraph wrapped to the printable width (less an indent)."""
        size = size or self.paper.body
        width = self.paper.content - indent
        for line in wrap(text, self.font, size, width):
            self._line(line, size, align, indent, bold)

    def _line(self, line: str, size: float, align: str, indent: float, bold: bool) -> None:
        font, left, right = self.font, self.left + indent, self.right

        def draw(c: Canvas, top: float) -> None:
            baseline = top - size * 0.95
            if align == "center":
                x = (left + right - stringWidth(line, font, size)) / 2
            elif align == "right":
                x = right - stringWidth(line, font, size)
            else:
                x = left
            draw_text(c, line, font, size, x, baseline, bold=bold)

        self.add(size * LEADING, draw)

    def pair(self, left: str, right: str, size: float | None = None, *, right_size: float | None = None,
             indent: float = 0, bold: bool = False, min_left: float = 0.35) -> None:
        """``left`` on the left and ``right`` on the right of its first line.
        A left that does not fit beside the right wraps there if it gets at
        least ``min_left`` of the width; otherwise the right goes on a line
        of its own, right-aligned, under the left."""
        size = size or self.paper.body
        right_size = right_size or size
        gap = 2 * mm
        width = self.paper.content - indent
        right_size = self.shrink(right, right_size, width)
        right_w = self.width_of(right, right_size)
        left_room = width - right_w - gap
        if not right:
            self.text(left, size, indent=indent, bold=bold)
            return
        fits_beside = self.width_of(left, size) <= left_room
        if not left or (not fits_beside and left_room < min_left * width):
            if left:
                self.text(left, size, indent=indent, bold=bold)
            self._right_line(right, right_size, bold)
            return
        lines = wrap(left, self.font, size, left_room)
        line_h = max(size, right_size) * LEADING
        for number, line in enumerate(lines):
            first = number == 0
            self._pair_line(line, size, right if first else "", right_size, indent, bold,
                            line_h if first else size * LEADING)

    def _right_line(self, text: str, size: float, bold: bool) -> None:
        self.text(text, size, align="right", bold=bold)  # wrapped if even the smallest size is too wide

    def _pair_line(self, left: str, size: float, right: str, right_size: float, indent: float, bold: bool,
                   height: float) -> None:
        font, x_left, x_right = self.font, self.left + indent, self.right

        def draw(c: Canvas, top: float) -> None:
            baseline = top - max(size, right_size) * 0.95
            draw_text(c, left, font, size, x_left, baseline, bold=bold)
            if right:
                draw_text(c, right, font, right_size, x_right - stringWidth(right, font, right_size), baseline,
                          bold=bold)

        self.add(height, draw)

    # --- rules and marks ------------------------------------------------
    def rule(self, *, dashed: bool = True, weight: float = 0.6, pad: float = 1.2 * mm) -> None:
        left, right = self.left, self.right

        def draw(c: Canvas, top: float) -> None:
            c.saveState()
            c.setLineWidth(weight)
            if dashed:
                c.setDash(2, 1.6)
            c.line(left, top - pad, right, top - pad)
            c.restoreState()

        self.add(2 * pad, draw)

    def band(self, text: str, size: float) -> None:
        """White words on a black band across the printable width."""
        size = self.shrink(text, size, self.paper.content - 4 * mm)
        height = size * 1.6
        font, left, width = self.font, self.left, self.paper.content

        def draw(c: Canvas, top: float) -> None:
            c.saveState()
            c.setFillColorRGB(0, 0, 0)
            c.rect(left, top - height, width, height, stroke=0, fill=1)
            c.setFillColorRGB(1, 1, 1)
            c.setStrokeColorRGB(1, 1, 1)
            draw_text(c, text, font, size, left + (width - stringWidth(text, font, size)) / 2,
                      top - height / 2 - size * 0.33, bold=True)
            c.restoreState()

        self.add(height, draw)

    def boxed(self, marks: list[str], size: float) -> None:
        """Words in outlined boxes, side by side, centred (wrapping onto
        further rows when they do not fit)."""
        pad, gap = 1.6 * mm, 2 * mm
        rows: list[list[str]] = [[]]
        used = 0.0
        for mark in marks:
            mark_size = self.shrink(mark, size, self.paper.content - 2 * pad)
            w = self.width_of(mark, mark_size) + 2 * pad
            if rows[-1] and used + gap + w > self.paper.content:
                rows.append([])
                used = 0.0
            used += (gap if rows[-1] else 0) + w
            rows[-1].append(mark)
        for row in rows:
            self._boxed_row(row, size, pad, gap)

    def _boxed_row(self, row: list[str], size: float, pad: float, gap: float) -> None:
        font, paper = self.font, self.paper
        sizes = [self.shrink(m, size, paper.content - 2 * pad) for m in row]
        widths = [stringWidth(m, font, s) + 2 * pad for m, s in zip(row, sizes, strict=True)]
        height = size + 2.2 * mm
        start = self.left + (paper.content - sum(widths) - gap * (len(row) - 1)) / 2

        def draw(c: Canvas, top: float) -> None:
            c.saveState()
            c.setLineWidth(1.0)
            x = start
            for mark, s, w in zip(row, sizes, widths, strict=True):
                c.roundRect(x, top - height, w, height, 1 * mm, stroke=1, fill=0)
                draw_text(c, mark, font, s, x + pad, top - height / 2 - s * 0.33, bold=True)
                x += w + gap
            c.restoreState()

        self.add(height + 1.2 * mm, draw)

    # --- the page -------------------------------------------------------
    @property
    def height(self) -> float:
        return self.y + BOTTOM

    def render(self, out: str | Path | BinaryIO, *, title: str, author: str, subject: str = "") -> None:
        page_h = self.height
        target = str(out) if isinstance(out, Path) else out
        canvas = Canvas(target, pagesize=(self.paper.width, page_h), pageCompression=1,
                        initialFontName=self.font)  # type: ignore[arg-type]  # a font's name; the stub says a float
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setSubject(subject)
        canvas.setCreator("charity-pos")
        canvas.setFillColorRGB(0, 0, 0)
        canvas.setStrokeColorRGB(0, 0, 0)
        for offset, draw in self.steps:
            draw(canvas, page_h - offset)
        canvas.showPage()
        canvas.save()


def draw_text(c: Canvas, text: str, font: str, size: float, x: float, baseline: float, *,
              bold: bool = False, strike: bool = False) -> None:
    """One line of text; ``bold`` strokes the glyphs as well (the font has
    no bold face); ``strike`` draws a line through it."""
    c.saveState()
    t = c.beginText()
    t.setFont(font, size)
    if bold:
        c.setLineWidth(size * 0.04)
        t.setTextRenderMode(2)
    t.setTextOrigin(x, baseline)
    t.textOut(text)
    c.drawText(t)
    if strike:
        c.setLineWidth(max(0.5, size * 0.07))
        y = baseline + size * 0.32
        c.line(x, y, x + stringWidth(text, font, size), y)
    c.restoreState()


# --- the slip --------------------------------------------------------------
def render_slip(doc: SlipDoc, out: str | Path | BinaryIO, width_mm: int = 80) -> None:
    """Write the slip as a one-page PDF to ``out`` (a path or a binary file).

    Raises ValueError for paper other than 80 or 58 mm, and for a number
    that Code 128 cannot carry (anything but printable ASCII)."""
    paper = paper_for(width_mm)
    encoded = encode_code128(doc.number)  # checked before anything is written
    roll = Roll(paper, register_font())
    _header(roll, doc)
    roll.rule()
    for line in doc.lines:
        _item(roll, line)
    roll.rule()
    _totals(roll, doc)
    roll.rule()
    _payments(roll, doc)
    roll.rule()
    _foot(roll, doc, encoded)
    roll.render(out, title=f"{doc.title} {doc.number}", author=doc.store_name, subject=doc.at)


def _marks(doc: SlipDoc) -> list[str]:
    marks = [vocabulary.TRAINING] if doc.training else []
    return marks + ([f"重打（第{doc.reprint_count}次）"] if doc.reprint_count > 0 else [])


def _header(roll: Roll, doc: SlipDoc) -> None:
    p = roll.paper
    if doc.training:
        roll.band(vocabulary.TRAINING_BAND, p.big + 6)
        roll.space(1.5 * mm)
    if doc.void:
        roll.band("作  废", p.big + 6)
        roll.space(1.5 * mm)
    roll.text(doc.store_name, p.store, align="center", bold=True)
    roll.text(f"门店编码 {doc.store_code}", p.small, align="center")
    roll.space(0.8 * mm)
    roll.text(doc.title, p.body + 2.5, align="center", bold=True)
    roll.space(0.8 * mm)
    marks = _marks(doc)
    if marks:
        roll.boxed(marks, p.body)
    roll.space(0.6 * mm)
    roll.pair("单号", doc.number)
    if doc.original_number:
        roll.pair("原销售单", doc.original_number)
    roll.pair("时间", doc.at)
    if p.narrow:
        roll.pair("收银员", doc.cashier)
        roll.pair("收银台", doc.till)
    else:
        roll.pair(f"收银员：{doc.cashier}", f"收银台：{doc.till}", min_left=0.3)


def _quantity(q: int) -> str:
    return str(q)


def _item(roll: Roll, line: SlipLine) -> None:
    p = roll.paper
    gross = line.quantity * line.unit_price_fen
    figures = f"{_quantity(line.quantity)} × {format_fen(line.unit_price_fen)} = {format_fen(gross)}"
    if p.narrow:  # the name on its own line(s), the figures under it
        roll.text(line.name)
        _details_and_figures(roll, line, figures)
    else:  # the name beside the figures when there is room for it
        roll.pair(line.name, figures, min_left=0.4)
        _details_and_figures(roll, line, "")
    adjustment = line.amount_fen - gross
    if line.discount_fen or adjustment:
        shown = adjustment if adjustment else -line.discount_fen
        sign = "+" if shown > 0 else ""
        roll.pair("优惠", f"{sign}{format_fen(shown)}", indent=3 * mm)
    roll.space(0.6 * mm)


def _details_and_figures(roll: Roll, line: SlipLine, figures: str) -> None:
    """A row with the source tag and the list price (small, struck through)
    on the left, and the figures, if any, on the right."""
    p = roll.paper
    font, indent = roll.font, 3 * mm
    tag = line.source.strip()
    listed = format_fen(line.list_price_fen) if line.list_price_fen is not None else ""
    if not tag and not listed:
        if figures:
            roll.pair("", figures)
        return
    pad = 0.8 * mm
    tag_w = roll.width_of(tag, p.small) + 2 * pad if tag else 0.0
    listed_head = "原价 "
    listed_w = roll.width_of(listed_head + listed, p.small) if listed else 0.0
    left_w = tag_w + (1.5 * mm if tag and listed else 0) + listed_w
    fig_size = roll.shrink(figures, p.body, p.content) if figures else p.body
    fig_w = roll.width_of(figures, fig_size) if figures else 0.0
    together = left_w + indent + 2 * mm + fig_w <= p.content
    height = max(p.small + 2 * pad, fig_size if together and figures else 0) * LEADING

    def draw_details(c: Canvas, top: float, height: float) -> None:
        x = roll.left + indent
        baseline = top - height / 2 - p.small * 0.33
        if tag:
            c.saveState()
            c.setLineWidth(0.6)
            c.roundRect(x, baseline - pad - p.small * 0.12, tag_w, p.small + 2 * pad - p.small * 0.1, 0.8 * mm,
                        stroke=1, fill=0)
            c.restoreState()
            draw_text(c, tag, font, p.small, x + pad, baseline)
            x += tag_w + 1.5 * mm
        if listed:
            draw_text(c, listed_head, font, p.small, x, baseline)
            draw_text(c, listed, font, p.small, x + roll.width_of(listed_head, p.small), baseline, strike=True)

    if together:
        def draw(c: Canvas, top: float) -> None:
            draw_details(c, top, height)
            if figures:
                draw_text(c, figures, font, fig_size, roll.right - fig_w, top - height / 2 - fig_size * 0.33)

        roll.add(height, draw)
    else:
        roll.add(height, lambda c, top: draw_details(c, top, height))
        if figures:
            roll.pair("", figures)


def _totals(roll: Roll, doc: SlipDoc) -> None:
    p = roll.paper
    pieces = sum(abs(line.quantity) for line in doc.lines)
    roll.pair(f"共 {len(doc.lines)} 项 {pieces} 件", "")
    roll.pair("小计", format_fen(doc.subtotal_fen))
    if doc.ticket_discount_fen:
        roll.pair("整单优惠", format_fen(-doc.ticket_discount_fen))
    roll.space(0.5 * mm)
    roll.pair("合计", format_fen(doc.total_fen), p.big, bold=True)


def _payments(roll: Roll, doc: SlipDoc) -> None:
    p = roll.paper
    if not doc.payments:
        roll.pair("付款", "—")
    for payment in doc.payments:
        roll.pair(payment.method, format_fen(payment.amount_fen))
        if payment.reference.strip():
            roll.text(f"参考号 {payment.reference.strip()}", p.small, indent=3 * mm)
    roll.pair("找零", format_fen(doc.change_fen), bold=True)


def _foot(roll: Roll, doc: SlipDoc, encoded: Code128Encoded) -> None:
    p = roll.paper
    if doc.void:
        roll.space(1 * mm)
        roll.band("本单已作废", p.body + 3)
        roll.space(1.5 * mm)
    if doc.title != "退货单" and not doc.void:
        roll.text("退换货请保留本小票", p.small, align="center")
    roll.space(1 * mm)
    add_barcode(roll, encoded)
    roll.text(doc.number, p.body, align="center")
    roll.space(1.5 * mm)
    roll.text(doc.thanks, p.body, align="center")
    marks = _marks(doc)
    if marks:
        roll.space(1 * mm)
        roll.text(marks[0], p.small, align="center")


#: Code 128 module widths: at least 0.25 mm (two dots at 203 dpi) and at
#: most the nominal retail module, 0.339 mm, whatever the paper allows.
MIN_MODULE = 0.25 * mm
MAX_MODULE = 25.4 / 75 * mm
#: Turned a quarter turn (a ladder barcode running down the slip), the
#: symbol's length is free: the smallest module (the shortest symbol), bars this long.
LADDER_MODULE = 0.25 * mm
BAR_HEIGHT = 12 * mm
LADDER_BAR_HEIGHT = 16 * mm


def barcode_module(encoded: Code128Encoded, paper: Paper) -> tuple[float, bool]:
    """The module width and whether the symbol is turned (ladder): across
    the printable width when it fits there at MIN_MODULE or more (quiet
    zones included), else turned."""
    fits = paper.content / encoded.total_modules
    if fits >= MIN_MODULE - 1e-6:
        module = min(MAX_MODULE, int(fits / mm * 100) / 100 * mm)  # whole 0.01 mm, rounded down
        return max(module, MIN_MODULE), False
    return LADDER_MODULE, True


def add_barcode(roll: Roll, encoded: Code128Encoded) -> None:
    """The symbol, centred across the printable width (or turned, as a
    ladder, when it does not fit across), with 1 mm below it. Shared with
    the handout slip."""
    paper = roll.paper
    module, ladder = barcode_module(encoded, paper)
    length = encoded.total_modules * module
    centre = roll.left + paper.content / 2
    if ladder:
        bar = min(LADDER_BAR_HEIGHT, paper.content)

        def draw(c: Canvas, top: float) -> None:
            draw_code128(c, encoded, centre - bar / 2, top - length, module, bar, ladder=True)

        roll.add(length + 1 * mm, draw)
    else:
        def draw(c: Canvas, top: float) -> None:
            draw_code128(c, encoded, centre - length / 2, top - BAR_HEIGHT, module, BAR_HEIGHT)

        roll.add(BAR_HEIGHT + 1 * mm, draw)
