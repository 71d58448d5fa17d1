"""The app's language for the reports' own words (each report carries its
text in Chinese and English), and the title of a kind of report."""

from __future__ import annotations

import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from charity_pos.reports.ledgers import BUILDERS
from charity_pos.reports.table import Words

# translated to the catalog's language code: "en" where no catalog is installed
_LANGUAGE = QT_TRANSLATE_NOOP("ReportLanguage", "en")


def language() -> str:
    """``zh_CN`` when the app speaks Chinese, else ``en``: which of a report's words to show."""
    return "en" if QCoreApplication.translate("ReportLanguage", _LANGUAGE) == "en" else "zh_CN"


def kind_title(kind: str) -> str:
    """A kind's title before any report of it is shown: its builder module's
    ``TITLE``, else the kind's own name (the list takes the report's title
    once one is shown)."""
    builder = BUILDERS.get(kind)
    module = sys.modules.get(builder.__module__) if builder is not None else None
    words = getattr(module, "TITLE", None)
    return words.text(language()) if isinstance(words, Words) else kind
