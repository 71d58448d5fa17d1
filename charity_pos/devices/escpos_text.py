"""Text in a receipt printer's columns, and the ESC/POS bytes that print it.

A receipt printer prints font A 12 dots wide: 32 columns on 58 mm paper
(384 dots), 48 on 80 mm (576 dots). Chinese goes in the printer's Chinese
mode (``FS &``) as GB18030: there every byte below 0x80 is a half-width
ASCII character and every two-byte code a full-width character, two columns
wide. So a character takes two columns when ``unicodedata.east_asian_width``
says it is wide (W, F), and also when it is "ambiguous" or narrow but not
ASCII (``×``, ``·``, ``—``): the printer draws those from its Chinese font,
full width, too.

The yen sign ``¥`` (U+00A5) is a four-byte code in GB18030, outside the
two-byte GBK set that every Chinese receipt printer's font has; it is printed
as the full-width ``￥`` (GB2312 A3A4), which every one of them has.
Control characters in a name (a tab, a line break) print as a space.

Wrapping never splits a character's bytes and never runs past the last
column; a Latin word is moved whole to the next line when it fits there.
"""

from __future__ import annotations

import unicodedata

#: Columns of font A across the paper, and the dots of the print head.
COLUMNS = {58: 32, 80: 48}
DOTS = {58: 384, 80: 576}

ESC, GS, FS = b"\x1b", b"\x1d", b"\x1c"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
BIG_ON, BIG_OFF = GS + b"!\x11", GS + b"!\x00"  # double width and height, ASCII and Chinese alike
TALL_ON = GS + b"!\x01"  # double height only: the columns stay as they are
ALIGN_LEFT, ALIGN_CENTER = ESC + b"a\x00", ESC + b"a\x01"
#: Feed n lines, then a partial cut (GS V 1): the slip stays attached at one point.
CUT = GS + b"V\x01"

YEN, FULLWIDTH_YEN = "¥", "￥"


def check_width(width_mm: int) -> int:
    if width_mm not in COLUMNS:
        raise ValueError(f"receipt paper is 80 or 58 mm wide, not {width_mm}")
    return width_mm


def printable(text: str) -> str:
    """The text as the printer will print it: ¥ as ￥, control characters
    (tabs, line breaks) as spaces."""
    out = []
    for ch in text.replace(YEN, FULLWIDTH_YEN):
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs"):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def char_columns(ch: str) -> int:
    """Columns one (printable) character takes on the paper."""
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1 if ord(ch) < 0x80 else 2  # any other non-ASCII: a two-byte code, printed full width


def columns(text: str) -> int:
    return sum(char_columns(ch) for ch in printable(text))


def encode(text: str) -> bytes:
    """GB18030 bytes of the printable text (a character GB18030 cannot carry,
    which only a broken string has, becomes ``?``)."""
    return printable(text).encode("gb18030", errors="replace")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns; at least one line, "" for no text."""
    text = printable(text)
    if width < 2:
        raise ValueError("a line needs room for at least one full-width character")
    lines: list[str] = []
    for paragraph in text.split("\n") if text else [""]:
        lines.extend(_wrap_one(paragraph.rstrip(), width))
    return lines or [""]


def _wrap_one(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current, used = "", 0
    for ch in text:
        w = char_columns(ch)
        if used + w > width:
            head, tail = _break_word(current)
            lines.append(head.rstrip())
            current = tail.lstrip()
            used = columns(current)
            if not current and ch == " ":
                continue
        current += ch
        used += w
    lines.append(current.rstrip())
    return lines


#: Chinese punctuation a line may end with; a full line breaks after the last
#: one near its end rather than leaving a word or two of the phrase behind.
_AFTER = "，。！？；：、）》"
_NEAR = 6
_BEFORE = "(（《[【"


def _break_word(line: str) -> tuple[str, str]:
    """Split a full line after Chinese punctuation near its end, or before a
    Latin word it would cut when the word can move whole (there is a space
    before it, not at the very start)."""
    for back in range(1, min(_NEAR, len(line) - 1) + 1):
        if line[-back - 1] in _AFTER:
            return line[:-back], line[-back:]
    if len(line) > 1 and line[-1] in _BEFORE:  # an opening bracket goes with what it opens
        return line[:-1], line[-1]
    if not line or not line[-1].isascii() or not line[-1].isalnum():
        return line, ""
    space = line.rfind(" ")
    if space <= 0:
        return line, ""
    word = line[space + 1:]
    if not all(c.isascii() for c in word):
        return line, ""
    return line[:space], word


def pad_right(text: str, width: int) -> str:
    return text + " " * max(0, width - columns(text))


def pad_left(text: str, width: int) -> str:
    return " " * max(0, width - columns(text)) + text


def center(text: str, width: int) -> str:
    room = max(0, width - columns(text))
    return " " * (room // 2) + text
