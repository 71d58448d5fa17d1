"""Shelf labels as a PDF: store name, item name, price and a barcode a real
scanner reads.

Two templates:

``a4-3x8``
    An A4 sheet of 24 labels, 3 across and 8 down, for the common 70 x 37 mm
    label stock (no gaps between labels; 0.5 mm top and bottom margins).
``thermal-40x30``
    One 40 x 30 mm page per label, for a thermal label printer.

Barcodes are drawn by ``barcode_drawing`` at an exact module width with
clear quiet zones; the other text is kept out of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from charity_pos.domain.money import format_fen
from charity_pos.printing.barcode_drawing import BarcodeLayout, Encoded, draw_barcode, encode
from charity_pos.domain.documents import LabelDoc
from charity_pos.printing.fonts import register_font
from charity_pos.printing.text_fit import ELLIPSIS, Fitted, draw_fitted, fit

#: 4 printer dots at 300 dpi, 8 at 600 dpi: 0.339 mm, the nominal EAN module.
NOMINAL_MODULE = 25.4 / 75 * mm


@dataclass(frozen=True)
class Template:
    name: str
    page_size: tuple[float, float]
    columns: int
    rows: int
    label_size: tuple[float, float]
    left: float  # page margin to the first column
    top: float  # page margin to the first row
    pitch: tuple[float, float]  # from one label to the next, across and down
    min_module: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    def origin(self, slot: int) -> tuple[float, float]:
        """Bottom-left corner of the label in slot (0 = top left, across first)."""
        row, column = divmod(slot, self.columns)
        x = self.left + column * self.pitch[0]
        y = self.page_size[1] - self.top - row * self.pitch[1] - self.label_size[1]
        return x, y


def _a4_3x8() -> Template:
    width, height = 70 * mm, 37 * mm
    return Template(
        "a4-3x8", A4, 3, 8, (width, height),
        left=(A4[0] - 3 * width) / 2, top=(A4[1] - 8 * height) / 2,
        pitch=(width, height), min_module=0.26 * mm)


def _thermal() -> Template:
    size = (40 * mm, 30 * mm)
    return Template("thermal-40x30", size, 1, 1, size, 0, 0, size, min_module=0.25 * mm)


TEMPLATES: dict[str, Template] = {t.name: t for t in (_a4_3x8(), _thermal())}


def render_labels(labels: Sequence[LabelDoc], template: str, out: str | Path | BinaryIO) -> None:
    """Write the labels as a PDF to ``out`` (a path or a binary file).

    Raises ValueError for an unknown template or no labels, and
    InvalidBarcode for a label whose barcode is not a valid EAN-13, EAN-8
    or UPC-A."""
    chosen = TEMPLATES.get(template)
    if chosen is None:
        raise ValueError(f"unknown label template {template!r}; choose one of {', '.join(TEMPLATES)}")
    labels = list(labels)
    if not labels:
        raise ValueError("no labels to print")
    font = register_font()
    encoded = [encode(label.barcode) for label in labels]  # every code checked before a page is drawn

    target = str(out) if isinstance(out, Path) else out
    canvas = Canvas(target, pagesize=chosen.page_size, pageCompression=1,
                    initialFontName=font)  # type: ignore[arg-type]  # a font's name; the stub says a float
    canvas.setTitle(f"标签 {len(labels)} 张")
    canvas.setAuthor(labels[0].store_short_name)
    canvas.setCreator("charity-pos")
    draw = _draw_a4_label if chosen.name == "a4-3x8" else _draw_thermal_label
    for index, (label, enc) in enumerate(zip(labels, encoded, strict=True)):
        slot = index % chosen.per_page
        if index and slot == 0:
            canvas.showPage()
        x, y = chosen.origin(slot)
        draw(canvas, chosen, label, enc, x, y, font)
    canvas.showPage()
    canvas.save()


def _module_for(template: Template, total_modules: int, width: float) -> float:
    """The largest module up to the nominal that fits the width."""
    module = min(NOMINAL_MODULE, width / total_modules)
    module = int(module / mm * 100) / 100 * mm if module < NOMINAL_MODULE else module  # whole 0.01 mm
    if module < template.min_module - 1e-6:  # pragma: no cover - the templates are sized for it
        raise ValueError(f"barcode does not fit on {template.name}")
    return module


def _price_text(label: LabelDoc) -> str:
    return format_fen(label.price_fen)


def _draw_price(canvas: Canvas, text: str, font: str, x: float, y: float, width: float,
                max_size: float, min_size: float, align: str = "right") -> float:
    """One line, shrunk to the width; (x, y) is the baseline start. Returns the size used."""
    size = max_size
    while size > min_size and stringWidth(text, font, size) > width:
        size -= 0.25
    if stringWidth(text, font, size) > width:  # an absurd price: smaller still, never outside the label
        size = size * width / stringWidth(text, font, size)
    canvas.setFont(font, size)
    # Heavier strokes: fill and stroke the glyphs, as the font has no bold.
    canvas.saveState()
    canvas.setLineWidth(size * 0.03)
    text_object = canvas.beginText()
    text_object.setTextRenderMode(2)
    text_object.setFont(font, size)
    w = stringWidth(text, font, size)
    start = x + width - w if align == "right" else (x + (width - w) / 2 if align == "center" else x)
    text_object.setTextOrigin(start, y)
    text_object.textOut(text)
    text_object.setTextRenderMode(0)
    canvas.drawText(text_object)
    canvas.restoreState()
    return size


def _draw_a4_label(canvas: Canvas, template: Template, label: LabelDoc, enc: Encoded, x: float, y: float,
                   font: str) -> None:
    w, h = template.label_size
    # generous top and bottom: the sheet has only 0.5 mm margins, and most
    # office printers cannot print the outer 4 mm of the paper
    pad_x, pad_top, pad_bottom = 4 * mm, 4 * mm, 3.6 * mm
    inner = w - 2 * pad_x
    top = y + h - pad_top

    # store (small, grey)
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    store = _fit_store(label.store_short_name, font, inner, 7, 5.5, max_lines=1)
    top = draw_fitted(canvas, store, x + pad_x, top, inner, font) - 0.6 * mm

    # item name: up to two lines
    canvas.setFillColorRGB(0, 0, 0)
    name_size, name_leading = 10, 1.15
    name = fit(label.name, font, width=inner, max_size=name_size, min_size=7, max_lines=2, leading=name_leading)
    draw_fitted(canvas, name, x + pad_x, top, inner, font)
    name_bottom = top - 2 * name_size * name_leading  # room for two lines, whatever was used

    # barcode bottom left, as tall as the room under the name allows; its
    # left quiet zone starts near the label's edge (the padding is blank
    # anyway), the price goes right of its right quiet zone
    quiet_start = x + 1.5 * mm
    module = _module_for(template, enc.total_modules, 42 * mm)
    bottom = y + pad_bottom
    font_size = 7.0
    digits_room = BarcodeLayout(enc, module, 0, font, font_size).height
    bar_height = name_bottom - 1.2 * mm - bottom - digits_room
    layout = BarcodeLayout(enc, module, bar_height=bar_height, font_name=font, font_size=font_size)
    draw_barcode(canvas, layout, quiet_start, bottom)

    price_left = quiet_start + layout.width
    price_width = x + w - pad_x - price_left
    price_baseline = bottom + digits_room + bar_height * 0.5 - 6 * 0.35 * mm
    _draw_price(canvas, _price_text(label), font, price_left, price_baseline, price_width, 20, 9)


def _fit_store(text: str, font: str, width: float, max_size: float, min_size: float, max_lines: int) -> Fitted:
    """The store's name on one line if it fits at min_size, else wrapped."""
    one = fit(text, font, width=width, max_size=max_size, min_size=min_size)
    if max_lines == 1 or not one.lines[-1].endswith(ELLIPSIS):
        return one
    return fit(text, font, width=width, max_size=max_size, min_size=min_size, max_lines=max_lines, leading=1.1)


def _draw_thermal_label(canvas: Canvas, template: Template, label: LabelDoc, enc: Encoded, x: float, y: float,
                        font: str) -> None:
    w, h = template.label_size
    pad_x, pad_top, pad_bottom = 1.8 * mm, 1.4 * mm, 1.2 * mm
    inner = w - 2 * pad_x
    top = y + h - pad_top

    # top row: store name (small) on the left, price (big) on the right
    price = _price_text(label)
    price_size = 14.0
    while price_size > 9 and stringWidth(price, font, price_size) > inner * 0.62:
        price_size -= 0.25
    if stringWidth(price, font, price_size) > inner * 0.62:
        price_size *= inner * 0.62 / stringWidth(price, font, price_size)
    price_width = stringWidth(price, font, price_size)
    baseline = top - price_size * 0.8
    _draw_price(canvas, price, font, x + w - pad_x - price_width, baseline, price_width, price_size, price_size)
    canvas.setFillColorRGB(0.35, 0.35, 0.35)
    store_width = inner - price_width - 1.5 * mm
    store = _fit_store(label.store_short_name, font, store_width, 6.5, 5, max_lines=2)
    store_bottom = draw_fitted(canvas, store, x + pad_x, top, store_width, font)
    top = min(baseline - price_size * 0.25, store_bottom) - 0.5 * mm

    # item name: up to two lines
    canvas.setFillColorRGB(0, 0, 0)
    name = fit(label.name, font, width=inner, max_size=8, min_size=6, max_lines=2, leading=1.12)
    draw_fitted(canvas, name, x + pad_x, top, inner, font)
    name_bottom = top - 2 * 8 * 1.12  # room for two lines at the largest size, whatever was used

    # barcode across the bottom, as large as fits
    edge = 0.8 * mm  # keep the bars and quiet zones off the very edge of the label
    module = _module_for(template, enc.total_modules, w - 2 * edge)
    font_size = 6.0
    digits_room = BarcodeLayout(enc, module, 0, font, font_size).height
    bar_height = name_bottom - 0.8 * mm - (y + pad_bottom) - digits_room
    layout = BarcodeLayout(enc, module, bar_height=bar_height, font_name=font, font_size=font_size)
    draw_barcode(canvas, layout, x + (w - layout.width) / 2, y + pad_bottom)
