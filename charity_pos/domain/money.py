"""Money is an integer number of fen (分) everywhere below the UI.

Only these functions turn it into text or read it from text.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from charity_pos.errors import InvalidInput

MAX_FEN = 10**12  # ten billion yuan: far above any real price or total


def format_fen(fen: int, symbol: str = "¥") -> str:
    """``123450`` -> ``¥1,234.50``; negative amounts keep their sign in front."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{symbol}{yuan:,}.{cents:02d}"


def parse_yuan(text: str, *, field: str = "amount", allow_negative: bool = False) -> int:
    """Read an amount typed in yuan (``12``, ``12.5``, ``¥1,234.50``) as fen.

    Raises InvalidInput for anything that is not an amount with at most two
    decimals, and for negative amounts unless allowed.
    """
    cleaned = str(text).strip().replace("¥", "").replace("￥", "").replace(",", "").replace("，", "")
    if not cleaned:
        raise InvalidInput(field=field, value=text, reason="empty")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise InvalidInput(field=field, value=text, reason="not_a_number") from None
    if not value.is_finite():
        raise InvalidInput(field=field, value=text, reason="not_a_number")
    exponent = value.as_tuple().exponent  # an int: the value is finite
    if isinstance(exponent, int) and exponent < -2:
        raise InvalidInput(field=field, value=text, reason="too_many_decimals")
    fen = int(value * 100)
    if fen < 0 and not allow_negative:
        raise InvalidInput(field=field, value=text, reason="negative")
    if abs(fen) >= MAX_FEN:
        raise InvalidInput(field=field, value=text, reason="too_large")
    return fen


def check_fen(fen: object, *, field: str, allow_zero: bool = True) -> int:
    """Validate an amount that arrives already in fen (from code, not typing)."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise InvalidInput(field=field, value=fen, reason="not_a_number")
    if fen < 0:
        raise InvalidInput(field=field, value=fen, reason="negative")
    if fen == 0 and not allow_zero:
        raise InvalidInput(field=field, value=fen, reason="zero")
    if fen >= MAX_FEN:
        raise InvalidInput(field=field, value=fen, reason="too_large")
    return fen
