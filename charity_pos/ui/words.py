"""What the screens show for the names a store keeps in Chinese: goods
categories and units. The stored value stays Chinese (it is what receipts
print and what the records hold); the English app shows the English word."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from charity_pos.reports import words
from charity_pos.reports.words import UNITS_EN

# translated to the catalog's language code: "en" where no catalog is installed
_LANGUAGE = QT_TRANSLATE_NOOP("ReportLanguage", "en")


def language() -> str:
    """``zh_CN`` when the app speaks Chinese, else ``en``: which of a report's words to show."""
    return "en" if QCoreApplication.translate("ReportLanguage", str(_LANGUAGE)) == "en" else "zh_CN"


def goods_category(code: str, stored_name: str) -> str:
    """A goods category's name: the store's own (Chinese), or its English."""
    return words.goods_category(code, stored_name, language())


def unit(stored: str, count: int = 1) -> str:
    """A unit's word for ``count`` of it: 袋, or bag / bags in English. A
    unit the store made up itself stays as typed."""
    if language() == "en" and stored in UNITS_EN:
        singular, plural = UNITS_EN[stored]
        return singular if count == 1 else plural
    return stored


def units(count: int, stored: str) -> str:
    """A quantity with its unit: 3 袋, or 3 bags."""
    return f"{count} {unit(stored, count)}"

