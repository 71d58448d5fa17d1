"""Text from outside (a spreadsheet's cells, a file's name) made safe to show
on a terminal.

A cell can hold ESC and an ANSI sequence that recolours or clears the
terminal, rewrites its title or fakes a line of output; a bidi override
(U+202E) makes ``gpj.exe`` look like ``exe.jpg``. Such characters are never
printed raw: each becomes a visible escape (``\\x1b``, ``\\u202e``), so what
the file holds is still seen, and nothing it holds acts on the terminal.
"""

from __future__ import annotations

import unicodedata

#: Unicode's explicit direction controls: embeddings, overrides, isolates and the marks.
BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
    + ["\u200e", "\u200f", "\u061c"])
#: Characters that end a line in some terminals and editors without being ``\n``.
LINE_BREAKS = frozenset(["\u2028", "\u2029", "\u0085"])


def _unsafe(ch: str) -> bool:
    # Cc: C0 (U+0000-001F), DEL and C1 (U+0080-009F); ESC starts every ANSI sequence
    return unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS or ch in LINE_BREAKS


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character (C0, DEL, C1, and so ESC and
    ANSI sequences), bidi control and odd line break replaced by a visible
    escape. With ``keep_newlines`` a plain ``\\n`` stays (for whole lines of
    output); without it a value cannot start a line of its own."""
    text = str(text)
    if not any(_unsafe(ch) for ch in text):
        return text
    return "".join(ch if keep_newlines and ch == "\n" else _escape(ch) if _unsafe(ch) else ch for ch in text)


def json_printable(text: str) -> str:
    """JSON text (as ``json.dumps`` writes it) with the characters
    ``printable`` escapes written as ``\\uXXXX``: the same JSON, the same
    values, safe on a terminal. (``json.dumps`` escapes C0 itself, but not
    DEL, C1 or the bidi controls.) Newlines between values stay."""
    if not any(_unsafe(ch) for ch in text):
        return text
    return "".join(f"\\u{ord(ch):04x}" if ch != "\n" and _unsafe(ch) else ch for ch in text)


#: What a spreadsheet program takes for the start of a formula in a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A cell for a .csv file: text that a spreadsheet program would take
    for a formula gets a leading apostrophe, so it stays text (CSV/formula
    injection); the ID number reader drops that apostrophe again."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
