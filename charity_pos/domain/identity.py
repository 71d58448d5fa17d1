"""Chinese identity codes: the resident ID number (GB 11643) and the unified
social credit code of organisations (GB 32100-2015), with their check
characters, and the masked form of an ID number shown on screens."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from charity_pos.errors import InvalidInput

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def normalize_id(number: str) -> str:
    return "".join(str(number).split()).upper()


def district_hash(key: bytes, id_number: str) -> str:
    """HMAC-SHA256 of the ID number (upper case, no spaces) under the district key: the household's mark,
    the same at every store of the district and at the hub, that tells no one its ID number."""
    return hmac.new(key, normalize_id(id_number).encode("ascii"), hashlib.sha256).hexdigest()


def validate_id(number: str) -> str:
    """The 18-character resident ID number, upper-cased, or InvalidInput."""
    value = normalize_id(number)
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise InvalidInput(field="id_number", value="", reason="id_format")
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidInput(field="id_number", value="", reason="id_birth_date") from None
    if id_check_char(value[:17]) != value[17]:
        raise InvalidInput(field="id_number", value="", reason="id_check")
    return value


def mask_id(number: str) -> str:
    """``310105********1234``: the first 6 and last 4 only."""
    value = normalize_id(number)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(code: str) -> str:
    value = "".join(str(code).split()).upper()
    if len(value) != 18 or any(c not in CREDIT_CHARSET for c in value):
        raise InvalidInput(field="credit_code", value=value, reason="credit_format")
    if credit_check_char(value[:17]) != value[17]:
        raise InvalidInput(field="credit_code", value=value, reason="credit_check")
    return value


def mask_phone(phone: str) -> str:
    """``138****5678``."""
    digits = "".join(c for c in phone if c.isdigit())
    return digits[:3] + "*" * max(0, len(digits) - 7) + digits[-4:] if len(digits) >= 7 else "*" * len(digits)


def mask_name(name: str) -> str:
    """``王**``: the family name only, for lists that leave the counter."""
    return name[:1] + "*" * (len(name) - 1) if name else ""
