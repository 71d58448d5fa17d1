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
from reportlab.pdfgen.canvas import Canvas

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


def draw_barcode(canvas: Canvas, layout: BarcodeLayout, x: float, y: float) -> None:
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


# --- Code 128, for document numbers on slips ------------------------------
#: Quiet zone on each side of a Code 128 symbol, in modules (ISO/IEC 15417: at least 10X).
CODE128_QUIET = 10
#: The stop pattern python-barcode ends a symbol with (stop character and its final bar).
_CODE128_STOP = "1100011101011"


@dataclass(frozen=True)
class Code128Encoded:
    text: str
    pattern: str  # "1" dark module, "0" light: start, data, check and stop characters

    @property
    def quiet(self) -> int:
        return CODE128_QUIET

    @property
    def total_modules(self) -> int:
        """Bars and both quiet zones."""
        return 2 * CODE128_QUIET + len(self.pattern)


def encode_code128(text: str) -> Code128Encoded:
    """Encode printable ASCII (a document number) as Code 128 modules.

    Raises ValueError for empty text or characters Code 128 cannot carry
    without extensions (anything outside ASCII 32-126). The pattern comes
    from python-barcode and is decoded again here before it is used, so a
    library that encodes something else is caught, not printed."""
    import barcode as python_barcode

    if not text or any(not 32 <= ord(ch) <= 126 for ch in text):
        raise ValueError(f"Code 128 carries printable ASCII only: {text!r}")
    (pattern,) = python_barcode.get_barcode_class("code128")(text).build()
    if decode_code128(pattern) != text:
        # python-barcode 0.16 drops a leading "99" (it takes the digits for a
        # switch to code set C); then the whole text goes in code set B.
        pattern = _code128_set_b(text)
    if decode_code128(pattern) != text:  # pragma: no cover - cannot happen with set B
        raise RuntimeError(f"Code 128 for {text!r} does not decode back to it")
    return Code128Encoded(text, pattern)


def _code128_set_b(text: str) -> str:
    """Printable ASCII, all in code set B: start B, one symbol a character,
    the check character and the stop pattern."""
    from barcode.charsets.code128 import CODES

    values = [104] + [ord(ch) - 32 for ch in text]
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    return "".join(CODES[v] for v in [*values, check]) + _CODE128_STOP


def decode_code128(pattern: str) -> str | None:
    """Read a Code 128 module pattern back to its text (code sets A, B, C;
    no FNC characters); None if the pattern is malformed or its check
    character is wrong."""
    from barcode.charsets.code128 import CODES

    body, stop = pattern[:-len(_CODE128_STOP)], pattern[-len(_CODE128_STOP):]
    if stop != _CODE128_STOP or not body or len(body) % 11:
        return None
    index = {code: value for value, code in enumerate(CODES)}
    try:
        values = [index[body[i:i + 11]] for i in range(0, len(body), 11)]
    except KeyError:
        return None
    if len(values) < 2:
        return None
    start, *data, check = values
    if (start + sum(i * v for i, v in enumerate(data, start=1))) % 103 != check:
        return None
    charset = {103: "A", 104: "B", 105: "C"}.get(start)
    if charset is None:
        return None
    out: list[str] = []
    shifted = False
    for value in data:
        if charset == "C" and not shifted:
            if value < 100:
                out.append(f"{value:02d}")
            elif value in (100, 101):
                charset = "B" if value == 100 else "A"
            else:
                return None
            continue
        current = charset if not shifted else ("B" if charset == "A" else "A")
        shifted = False
        if value < 64 or (value < 96 and current == "B"):
            out.append(chr(value + 32))
        elif value < 96:  # code set A: control characters
            out.append(chr(value - 64))
        elif value == 98 and charset in "AB":
            shifted = True
        elif value == 99:
            charset = "C"
        elif value == 100 and charset == "A":
            charset = "B"
        elif value == 101 and charset == "B":
            charset = "A"
        else:  # FNC1-4 and the like: not used for document numbers
            return None
    return "".join(out)


def draw_code128(canvas: Canvas, encoded: Code128Encoded, x: float, y: float, module: float,
                 bar_height: float, *, ladder: bool = False) -> None:
    """Draw the bars only. ``x, y`` is the bottom-left of the symbol with its
    quiet zones: ``encoded.total_modules * module`` wide and ``bar_height``
    tall. With ``ladder`` the symbol is turned a quarter turn, reading
    upwards: then it is ``bar_height`` wide and ``total_modules * module``
    tall, still with x, y its bottom-left."""
    canvas.saveState()
    if ladder:
        canvas.translate(x + bar_height, y)
        canvas.rotate(90)
        x, y = 0.0, 0.0
    canvas.setFillColorRGB(0, 0, 0)
    x0 = x + encoded.quiet * module
    pattern = encoded.pattern
    i = 0
    while i < len(pattern):
        if pattern[i] != "1":
            i += 1
            continue
        j = i
        while j < len(pattern) and pattern[j] == "1":
            j += 1
        canvas.rect(x0 + i * module, y, (j - i) * module, bar_height, stroke=0, fill=1)
        i = j
    canvas.restoreState()
