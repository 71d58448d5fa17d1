"""The A5 sheet of the handout slip: its geometry and the blocks drawn on
it (the title, the barcode, the signatures, the running header of later pages)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from charity_pos.printing.barcode_drawing import Code128Encoded, draw_code128
from charity_pos.domain.documents import HandoutSlipDoc
from charity_pos.printing.handout.words import SIGN_DATE, SIGN_HANDLER, SIGN_RECIPIENT, TITLE, marks_of
from charity_pos.printing.roll import MAX_MODULE, MIN_MODULE, draw_text
from charity_pos.printing.text_fit import draw_fitted, fit

#: A5 portrait, in points.
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


class TitleBlock(Flowable):
    """The store (up to two lines) and its code, then the title over a
    double rule, on a reprint with the boxed reprint mark at its right."""

    TITLE_SIZE = 18.0
    TITLE_SPACE = 6.0  # between the title's characters

    def __init__(self, doc: HandoutSlipDoc, font: str) -> None:
        super().__init__()
        self.doc, self.font = doc, font
        self.store = fit(doc.store_name, font, width=CONTENT_W, max_size=12, min_size=8, max_lines=2, leading=1.2)
        self.code = f"门店编码 {doc.store_code}"
        self.marks = marks_of(doc)
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


class BarcodeBlock(Flowable):
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


class SignatureBlock(Flowable):
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


def running_head(c: Canvas, doc: HandoutSlipDoc, font: str) -> None:
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
    marks = marks_of(doc)
    parts = [f"救助卡号 {doc.card_number}", f"户主 {doc.head_name_masked}", doc.period, *marks, doc.store_name]
    line2 = " · ".join(parts)  # the store last: a long name is cut (…) rather than the household
    fitted = fit(line2, font, width=CONTENT_W, max_size=8.5, min_size=6.5)
    draw_fitted(c, fitted, left, top - 6.5 * mm, CONTENT_W, font)
    c.setLineWidth(0.8)
    c.setStrokeColor(RULE)
    c.line(left, top - 12.5 * mm, right, top - 12.5 * mm)
    c.restoreState()


