"""One print job as ESC/POS bytes: lines of text in the paper's columns,
a Code 128 barcode, a cut; and the job turned back into a text picture.

Lines are padded with spaces here (no ``ESC a`` alignment), so what the
columns add up to is what the paper shows. A big line (double width and
height, ``GS ! 0x11``) has half the columns.

The sale number's barcode is drawn by the printer (``GS k``, CODE128, code
set B with a switch to C for a closing run of digits) across the paper when
it fits at two dots (0.25 mm) a module or more, quiet zones included: on
80 mm paper always, on 58 mm for short numbers. A number too long for that
(a store's sale number on 58 mm paper) is sent as a raster image
(``GS v 0``) of the same symbol turned a quarter turn, a "ladder" running
down the slip, as the PDF slip does: bars 0.25 mm by 16 mm that any scanner
at the counter reads.
"""

from __future__ import annotations

from charity_pos.devices.escpos_text import (
    ALIGN_CENTER, ALIGN_LEFT, BIG_OFF, BIG_ON, BOLD_OFF, BOLD_ON, CHINESE_ON, COLUMNS, CUT, DOTS, ESC, GS, INIT, TALL_ON,
    center, check_width, columns, encode, pad_left, pad_right, wrap,
)

#: Code 128: quiet zone each side, in modules; bar height in dots (10 mm at 203 dpi).
QUIET = 10
BAR_DOTS = 80
LADDER_BAR_DOTS = 128  # 16 mm
LADDER_MODULE_DOTS = 2


def code128_data(code: str) -> bytes:
    """What follows ``GS k 73 n``: ``{B`` and the text, with a closing run
    of four or more digits in code set C (``{C`` and one byte per pair).
    Raises ValueError for anything but printable ASCII."""
    if not code or any(not 32 <= ord(c) <= 126 for c in code):
        raise ValueError(f"Code 128 carries printable ASCII only, not {code!r}")
    digits = len(code) - len(code.rstrip("0123456789"))
    if digits < 4:
        return b"{B" + code.replace("{", "{{").encode("ascii")
    if digits % 2:
        digits -= 1
    head, tail = code[: len(code) - digits], code[len(code) - digits:]
    pairs = bytes(int(tail[i:i + 2]) for i in range(0, len(tail), 2))
    return (b"{B" + head.replace("{", "{{").encode("ascii") if head else b"") + b"{C" + pairs


def code128_modules(code: str) -> int:
    """Modules of the symbol ``code128_data`` makes, quiet zones excluded."""
    data = code128_data(code)
    symbols = 2  # start, check
    i = 0
    while i < len(data):
        if data[i:i + 2] in (b"{B", b"{C"):
            symbols += 1 if i else 0  # the first set is the start symbol itself
            i += 2
            continue
        if data[i:i + 2] == b"{{":
            i += 1
        symbols += 1
        i += 1
    return symbols * 11 + 13  # the stop symbol is 13 modules


class Job:
    """A job for 58 or 80 mm paper. It starts by resetting the printer and
    switching it to its Chinese mode."""

    def __init__(self, width_mm: int) -> None:
        self.width_mm = check_width(width_mm)
        self.cols = COLUMNS[width_mm]
        self.dots = DOTS[width_mm]
        self._out = bytearray(INIT + CHINESE_ON)

    def bytes(self) -> bytes:
        return bytes(self._out)

    # --- text -------------------------------------------------------------
    def width(self, big: bool = False) -> int:
        return self.cols // 2 if big else self.cols

    def line(self, text: str, *, big: bool = False, bold: bool = False, tall: bool = False) -> None:
        """One line exactly as given (it must fit: the helpers below see to it).
        ``tall``: double height, the same columns."""
        if columns(text) > self.width(big):
            raise ValueError(f"{text!r} is wider than {self.width(big)} columns")
        size = BIG_ON if big else TALL_ON if tall else b""
        self._out += size + (BOLD_ON if bold else b"") + encode(text.rstrip())
        self._out += (BOLD_OFF if bold else b"") + (BIG_OFF if size else b"") + b"\n"

    def text(self, text: str, *, align: str = "left", big: bool = False, bold: bool = False,
             indent: int = 0, tall: bool = False) -> None:
        """A paragraph wrapped to the width (less ``indent`` columns)."""
        width = self.width(big) - indent
        for part in wrap(text, width):
            if align == "center":
                shown = center(part, width)
            elif align == "right":
                shown = pad_left(part, width)
            else:
                shown = part
            self.line(" " * indent + shown, big=big, bold=bold, tall=tall)

    def pair(self, left: str, right: str, *, big: bool = False, bold: bool = False, indent: int = 0,
             min_left: int = 8) -> None:
        """``left`` wrapped on the left and ``right`` right-aligned on its
        first line; when fewer than ``min_left`` columns stay for the left
        beside the right, the right goes on a line of its own under it."""
        width = self.width(big) - indent
        right_w = columns(right)
        room = width - right_w - 1
        if not right:
            self.text(left, big=big, bold=bold, indent=indent)
            return
        if not left.strip():
            self.text(right, align="right", big=big, bold=bold, indent=indent)
            return
        if room < 2 or (columns(left) > room and room < min_left):
            self.text(left, big=big, bold=bold, indent=indent)
            self.text(right, align="right", big=big, bold=bold, indent=indent)
            return
        lines = wrap(left, room)
        self.line(" " * indent + pad_right(lines[0], room) + " " + right, big=big, bold=bold)
        for rest in lines[1:]:
            self.line(" " * indent + rest, big=big, bold=bold)

    def rule(self, ch: str = "-") -> None:
        self.line(ch * (self.cols // columns(ch)))

    def blank(self, count: int = 1) -> None:
        self._out += b"\n" * count

    # --- marks ------------------------------------------------------------
    def barcode(self, code: str) -> None:
        """The symbol, centred: drawn by the printer when it fits across, else a ladder."""
        data = code128_data(code)
        modules = code128_modules(code) + 2 * QUIET
        for module in (3, 2):
            if modules * module <= self.dots:
                self._out += ALIGN_CENTER + GS + b"h" + bytes([BAR_DOTS]) + GS + b"w" + bytes([module])
                self._out += GS + b"H\x00" + GS + b"k\x49" + bytes([len(data)]) + data + ALIGN_LEFT + b"\n"
                return
        self._ladder(code)

    def _ladder(self, code: str) -> None:
        import barcode as python_barcode  # the module pattern, as the PDF slip draws it

        pattern = "0" * QUIET + python_barcode.get("code128", code).build()[0] + "0" * QUIET
        row_bytes = self.dots // 8
        first = (self.dots - LADDER_BAR_DOTS) // 2 // 8
        dark = bytes(first) + b"\xff" * (LADDER_BAR_DOTS // 8) + bytes(row_bytes - first - LADDER_BAR_DOTS // 8)
        light = bytes(row_bytes)
        rows = b"".join((dark if m == "1" else light) * LADDER_MODULE_DOTS for m in pattern)
        height = len(pattern) * LADDER_MODULE_DOTS
        self._out += GS + b"v0\x00" + row_bytes.to_bytes(2, "little") + height.to_bytes(2, "little") + rows

    def cut(self, feed: int = 4) -> None:
        """Feed the printed part past the cutter, then cut."""
        self._out += ESC + b"d" + bytes([feed]) + CUT
