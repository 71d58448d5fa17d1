"""Retail barcodes: EAN-13, EAN-8 and UPC-A with their GS1 check digits, and
in-store codes in the GS1 restricted-circulation range (prefixes 20-29)."""

from __future__ import annotations

from enum import StrEnum

from charity_pos.errors import InvalidBarcode


class Symbology(StrEnum):
    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"


_BY_LENGTH = {13: Symbology.EAN13, 8: Symbology.EAN8, 12: Symbology.UPCA}


def check_digit(payload: str) -> int:
    """GS1 mod-10 check digit for the digits before it (any GS1 length)."""
    total = 0
    for position, char in enumerate(reversed(payload)):
        weight = 3 if position % 2 == 0 else 1
        total += int(char) * weight
    return (10 - total % 10) % 10


def normalize(code: str) -> str:
    """Strip what scanners and typists add around a code (spaces, newlines)."""
    return "".join(str(code).split())


def validate(code: str) -> Symbology:
    """Return the symbology of a valid code or raise InvalidBarcode."""
    code = normalize(code)
    if not code:
        raise InvalidBarcode(barcode=code, reason="empty")
    if not code.isascii() or not code.isdigit():
        raise InvalidBarcode(barcode=code, reason="not_digits")
    symbology = _BY_LENGTH.get(len(code))
    if symbology is None:
        raise InvalidBarcode(barcode=code, reason="length")
    if check_digit(code[:-1]) != int(code[-1]):
        raise InvalidBarcode(barcode=code, reason="check_digit")
    return symbology


def is_valid(code: str) -> bool:
    try:
        validate(code)
    except InvalidBarcode:
        return False
    return True


def is_in_store(code: str) -> bool:
    """True for an EAN-13 in the restricted-circulation range 20-29."""
    code = normalize(code)
    return len(code) == 13 and code.startswith("2") and is_valid(code)


def in_store_code(prefix: int, serial: int) -> str:
    """An EAN-13 ``PP`` + ten-digit serial + check digit, PP in 20..29."""
    if not 20 <= prefix <= 29:
        raise ValueError(f"restricted-circulation prefix must be 20-29, not {prefix}")
    if not 0 <= serial < 10**10:
        raise ValueError(f"serial out of range: {serial}")
    payload = f"{prefix:02d}{serial:010d}"
    return payload + str(check_digit(payload))
