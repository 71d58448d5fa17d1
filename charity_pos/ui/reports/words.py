"""The app's language for the reports' own words (each report carries its
text in Chinese and English), and the title of a kind of report."""

from __future__ import annotations

import sys

from charity_pos.reports.ledgers import BUILDERS
from charity_pos.reports.table import Words
from charity_pos.ui.words import language

__all__ = ["kind_title", "language"]


def kind_title(kind: str) -> str:
    """A kind's title before any report of it is shown: its builder module's
    ``TITLE``, else the kind's own name (the list takes the report's title
    once one is shown)."""
    builder = BUILDERS.get(kind)
    module = sys.modules.get(builder.__module__) if builder is not None else None
    words = getattr(module, "TITLE", None)
    return words.text(language()) if isinstance(words, Words) else kind
