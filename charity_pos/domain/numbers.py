"""Document numbers: per store, per kind, per year, gap-free.

``format_number("PT01", 2026, "S", 123)`` is ``"PT01-2026-S000123"``.
The allocation itself (in the same transaction as the document) is in
``charity_pos.services.sequences``.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^(?P<store>[A-Z0-9]{2,8})-(?P<year>\d{4})-(?P<kind>[A-Z])(?P<serial>\d{6})$")
STORE_CODE = re.compile(r"^[A-Z0-9]{2,8}$")

#: Document kinds and their letter in the number.
KINDS = {"stock_count": "C", "stock_receipt": "R", "donation": "D", "receipt": "J", "sale": "S", "return": "T",
         "shift": "B", "handout": "H", "fund_use": "F", "transfer": "Y",
         "writeoff": "W",
         # consigned goods (代销): received from a consignor (K), unsold goods returned to them (U)
         "consignment_receipt": "K", "consignment_return": "U"}
#: Counters that are not per year (year 0): in-store barcode serials, by their prefix.
BARCODE_COUNTERS = {"barcode21": 21, "barcode22": 22}


def format_number(store_code: str, year: int, kind: str, serial: int) -> str:
    return f"{store_code}-{year:04d}-{kind}{serial:06d}"


def parse_number(number: str) -> tuple[str, int, str, int] | None:
    match = _NUMBER.match(number.strip().upper())
    if not match:
        return None
    return match["store"], int(match["year"]), match["kind"], int(match["serial"])
