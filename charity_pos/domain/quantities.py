"""How many of a thing a line may hold: one check for every line of a sale,
a handout, an intake, a stock receipt or count, on the screens and in the
services alike; each says its own most (``MAX_QUANTITY`` of its service)."""

from __future__ import annotations

import re

from charity_pos.errors import InvalidInput

#: ``3*`` (or ``3×``, ``3＊``) before a code or a name: three of it, as every scan field reads it.
_TIMES = re.compile(r"^\s*(-?\d{1,6})\s*[*×＊]\s*(.*)$")


def check_quantity(value: object, most: int | None, *, field: str = "quantity", zero_allowed: bool = False) -> int:
    """``value`` if it is a whole number from 1 (0 when ``zero_allowed``) to ``most`` (no upper bound when
    None: a scan's ``12*`` before its line is known); InvalidInput naming ``field`` and why otherwise
    (``not_a_number``: not an integer, True and False included; ``zero``, ``negative``, ``too_large``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field=field, value=value, reason="not_a_number")
    if value < 0 or (value == 0 and not zero_allowed):
        raise InvalidInput(field=field, value=value, reason="zero" if value == 0 else "negative")
    if most is not None and value > most:
        raise InvalidInput(field=field, value=value, reason="too_large")
    return value


def check_line_count(count: int, most: int) -> int:
    """A ticket, handout or intake of ``count`` lines, at most ``most``
    (``MAX_LINES`` of its service): InvalidInput ``too_large`` on ``lines``
    past that. The screens ask it of the line about to be added."""
    if count > most:
        raise InvalidInput(field="lines", value=count, reason="too_large")
    return count


def parse_quantity(text: str, *, field: str = "quantity") -> int:
    """A quantity typed at a till (``3``, `` 12 ``) as a whole number; the
    line's own check (``check_quantity``) then says whether it may be that
    many (a negative one included). InvalidInput ``not_a_number`` for anything
    else (``3.5``, ``三``)."""
    cleaned = text.strip()
    if not cleaned.removeprefix("-").isdecimal():  # full-width digits (３) are digits; ² is not
        raise InvalidInput(field=field, value=text, reason="not_a_number")
    return int(cleaned)


def split_quantity(text: str) -> tuple[int | None, str]:
    """``3*6901234567892`` -> (3, code); ``3*`` -> (3, ""); no prefix -> (None, text)."""
    match = _TIMES.match(text)
    return (int(match[1]), match[2].strip()) if match else (None, text.strip())
