"""A relief campaign's rules, the same at the hub that defines it and at the
store that hands it out: what a package holds, and who it is for.

A package is either goods, a list of lines each naming an item by its
barcode (the manufacturer's, the same in every store) or a goods category
(``grain_oil``: the store picks the goods, soonest best-before first) with a
quantity, or a value in fen (the household picks goods at the counter up
to it). Categories and areas travel as lists of text, one a line in the
stores' tables; an empty list covers every category or the whole district.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from charity_pos.domain import barcodes

MAX_NAME = 50
MAX_LINES = 20
MAX_QUANTITY = 99
MAX_VALUE_FEN = 100_000_00  # ¥100,000: far beyond any package
MAX_DAYS = 366
NOT_STARTED, OPEN, ENDED = "not_started", "open", "ended"


class CampaignRuleError(ValueError):
    """A campaign's field is not right (``field``, ``value``)."""

    def __init__(self, field: str, value: object) -> None:
        super().__init__(field)
        self.field = field
        self.value = value


@dataclass(frozen=True)
class PackageLine:
    """One line of a goods package: an item by barcode, or any goods of a category."""

    quantity: int
    barcode: str = ""
    goods_category: str = ""

    def as_dict(self) -> dict[str, Any]:
        key = {"barcode": self.barcode} if self.barcode else {"goods_category": self.goods_category}
        return {**key, "quantity": self.quantity}


@dataclass(frozen=True)
class Terms:
    """What a campaign is, as the hub defines it and the stores receive it."""

    name: str
    starts_on: date
    ends_on: date
    #: household category codes (empty: every category)
    categories: tuple[str, ...]
    #: sub-districts (empty: the whole district)
    areas: tuple[str, ...]
    #: a goods package's lines (empty for a value package)
    package: tuple[PackageLine, ...]
    #: a value package: goods chosen at the counter up to this value
    value_fen: int | None
    counts_allowance: bool


def state(starts_on: date, ends_on: date, today: date) -> str:
    """not_started, open or ended, on ``today`` (Shanghai's day)."""
    if today < starts_on:
        return NOT_STARTED
    return ENDED if today > ends_on else OPEN


def check_dates(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on or (ends_on - starts_on).days > MAX_DAYS:
        raise CampaignRuleError("dates", f"{starts_on.isoformat()} – {ends_on.isoformat()}")


def check_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned or len(cleaned) > MAX_NAME:
        raise CampaignRuleError("name", name)
    return cleaned


def package_line(raw: Any, goods_codes: set[str] | None = None) -> PackageLine:
    """A line as given (``{"barcode" | "goods_category", "quantity"}``), checked: a valid barcode or a
    known goods category (when ``goods_codes`` is given), a quantity of 1 to ``MAX_QUANTITY``."""
    if not isinstance(raw, dict) or not set(raw) <= {"barcode", "goods_category", "quantity"}:
        raise CampaignRuleError("package", raw)
    quantity = raw.get("quantity")
    if type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:
        raise CampaignRuleError("quantity", quantity)
    barcode, category = raw.get("barcode"), raw.get("goods_category")
    if (barcode is None) == (category is None):
        raise CampaignRuleError("package", raw)
    if barcode is not None:
        if type(barcode) is not str or not barcodes.is_valid(barcodes.normalize(barcode)):
            raise CampaignRuleError("barcode", barcode)
        return PackageLine(quantity, barcode=barcodes.normalize(barcode))
    if type(category) is not str or not category.strip() or len(category) > 32 or (
            goods_codes is not None and category.strip() not in goods_codes):
        raise CampaignRuleError("goods_category", category)
    return PackageLine(quantity, goods_category=category.strip())


def package(lines: Any, value_fen: Any,
            goods_codes: set[str] | None = None) -> tuple[tuple[PackageLine, ...], int | None]:
    """A package: goods lines, or a value; never both, never neither."""
    if value_fen is not None:
        if type(value_fen) is not int or not 1 <= value_fen <= MAX_VALUE_FEN:
            raise CampaignRuleError("value", value_fen)
        if lines:
            raise CampaignRuleError("package", "goods and a value")
        return (), value_fen
    if not isinstance(lines, (list, tuple)) or not 1 <= len(lines) <= MAX_LINES:
        raise CampaignRuleError("package", len(lines) if isinstance(lines, (list, tuple)) else lines)
    checked = tuple(package_line(line, goods_codes) for line in lines)
    keys = [line.barcode or "category:" + line.goods_category for line in checked]
    if len(set(keys)) != len(keys):
        raise CampaignRuleError("package", "the same goods twice")
    return checked, None


def parse_package_text(text: str) -> list[dict[str, Any]]:
    """``BARCODE=QTY`` or ``category:CODE=QTY`` as the command line takes a line, as a dict."""
    what, sep, qty = text.partition("=")
    what = what.strip()
    try:
        quantity = int(qty.strip()) if sep else 1
    except ValueError:
        raise CampaignRuleError("quantity", qty) from None
    if what.startswith("category:"):
        return [{"goods_category": what.removeprefix("category:").strip(), "quantity": quantity}]
    return [{"barcode": what, "quantity": quantity}]


def lines_of(text: str) -> list[str]:
    """Categories or areas kept one a line."""
    return [part for part in text.split("\n") if part]


def covers(categories: list[str], areas: list[str], category: str, subdistrict: str) -> str | None:
    """Why a household of ``category`` in ``subdistrict`` is outside the campaign (``category`` or
    ``area``), or None when it is inside."""
    if categories and category not in categories:
        return "category"
    if areas and subdistrict not in areas:
        return "area"
    return None
