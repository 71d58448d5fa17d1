"""Retail barcodes drawn as vector bars.

python-barcode does the encoding (which modules are dark); the bars are
drawn here as ReportLab rectangles at an exact module width, so they print
sharp at any resolution. Around the bars are the quiet zones the GS1
specification asks for, and nothing else is drawn in them: the
human-readable digits go below the bars, within the symbol's width.

All lengths are in points unless the name says mm.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

from charity_pos.domain import barcodes
from charity_pos.domain.barcodes import Symbology

#: Quiet zones, in modules (GS1 General Specifications, 5.2.3.4).
QUIET_ZONES: dict[Symbology, tuple[int, int]] = {
    Symbology.EAN13: (11, 7),
    Symbology.EAN8: (7, 7),
    Symbology.UPCA: (9, 9),
}

#: Guard bars (and, for UPC-A, the first and last digit's bars), by module
#: index in the encoded pattern: drawn longer than the others.
_GUARDS: dict[Symbology, tuple[range, ...]] = {
    Symbology.EAN13: (range(0, 3), range(45, 50), range(92, 95)),
    Symbology.EAN8: (range(0, 3), range(31, 36), range(64, 67)),
    Symbology.UPCA: (range(0, 10), range(45, 50), range(85, 95)),
}

#: How far the guard bars reach below the others, in modules.
GUARD_EXTENSION = 5


@dataclass(frozen=True)
class Encoded:
    code: str
    symbology: Symbology
    pattern: str  # "1" dark module, "0" light, guards included

    @property
    def quiet_left(self) -> int:
        return QUIET_ZONES[self.symbology][0]

    @property
    def quiet_right(self) -> int:
        return QUIET_ZONES[self.symbology][1]

    @property
    def total_modules(self) -> int:
        """Bars and both quiet zones."""
        return self.quiet_left + len(self.pattern) + self.quiet_right

    def human_readable(self) -> str:
        """The digits as printed under the bars, in their usual groups."""
        c = self.code
        if self.symbology is Symbology.EAN13:
            return f"{c[0]} {c[1:7]} {c[7:]}"
        if self.symbology is Symbology.EAN8:
            return f"{c[:4]} {c[4:]}"
        return f"{c[0]} {c[1:6]} {c[6:11]} {c[11]}"

    def is_guard(self, module: int) -> bool:
        return any(module in r for r in _GUARDS[self.symbology])


def encode(code: str) -> Encoded:
    """Validate a code (InvalidBarcode if wrong) and encode it to modules."""
    import barcode as python_barcode

    code = barcodes.normalize(code)
    symbology = barcodes.validate(code)
    symbol = python_barcode.get_barcode_class(symbology.value)(code)
    # python-barcode recomputes the check digit; the code was valid, so this
    # only guards against a library that encodes something else.
    if symbol.get_fullcode() != code:  # pragma: no cover - library contract
        raise RuntimeError(f"python-barcode encoded {symbol.get_fullcode()} for {code}")
    (pattern,) = symbol.build()
    expected = {Symbology.EAN13: 95, Symbology.EAN8: 67, Symbology.UPCA: 95}[symbology]
    if len(pattern) != expected or set(pattern) - {"0", "1"}:  # pragma: no cover - library contract
        raise RuntimeError(f"unexpected pattern from python-barcode for {code}")
    return Encoded(code, symbology, pattern)


@dataclass(frozen=True)
class BarcodeLayout:
    """Where a barcode goes. ``x, y`` is the bottom-left of the whole symbol
    including its quiet zones and digits."""

    encoded: Encoded
    module: float  # pt
    bar_height: float  # pt, the ordinary bars
    font_name: str
    font_size: float

    @property
    def width(self) -> float:
        return self.encoded.total_modules * self.module

    @property
    def text_gap(self) -> float:
        return max(0.6 * mm, self.module)

    @property
    def height(self) -> float:
        """Bars, the longer guards, and the digits below them."""
        return (self.bar_height + GUARD_EXTENSION * self.module + self.text_gap
                + self.font_size * 0.8)


def draw_barcode(canvas, layout: BarcodeLayout, x: float, y: float) -> None:  # type: ignore[no-untyped-def]
    """Draw the symbol with its bottom-left corner (quiet zone, digits) at x, y."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    enc = layout.encoded
    m = layout.module
    digits_h = layout.font_size * 0.8
    guard_bottom = y + digits_h + layout.text_gap
    bar_bottom = guard_bottom + GUARD_EXTENSION * m
    top = bar_bottom + layout.bar_height
    x0 = x + enc.quiet_left * m

    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setStrokeColorRGB(0, 0, 0)
    pattern = enc.pattern
    i = 0
    while i < len(pattern):
        if pattern[i] != "1":
            i += 1
            continue
        guard = enc.is_guard(i)
        j = i
        while j < len(pattern) and pattern[j] == "1" and enc.is_guard(j) == guard:
            j += 1
        bottom = guard_bottom if guard else bar_bottom
        canvas.rect(x0 + i * m, bottom, (j - i) * m, top - bottom, stroke=0, fill=1)
        i = j

    # Digits: under the bars, never wider than the bars (quiet zones stay clear).
    text = enc.human_readable()
    bars_width = len(pattern) * m
    size = layout.font_size
    while size > 4 and stringWidth(text, layout.font_name, size) > bars_width:
        size -= 0.25
    canvas.setFont(layout.font_name, size)
    canvas.drawCentredString(x0 + bars_width / 2, y + (digits_h - size * 0.8) / 2 + size * 0.08, text)
    canvas.restoreState()
