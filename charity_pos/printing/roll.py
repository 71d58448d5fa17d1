"""Receipt paper and a roll of it: the layout the slips, the shift reports
and the relief handout's 80 mm slip share.

``Paper`` is the roll's width, printable width and type sizes (80 mm or
58 mm); ``Roll`` lays content out top to bottom, measured when added and
drawn on one page as long as the content; ``add_barcode`` puts a Code 128
symbol across the printable width, or turned as a ladder when it does not
fit. Everything is black (receipt printers have no grey), and text never
runs outside the printable width.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from charity_pos.printing.barcode_drawing import Code128Encoded, draw_code128
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
