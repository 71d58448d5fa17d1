"""The count's scan field: the shared one (``ui.scan_field``: bursts, ``12*``,
names and pinyin) with every item of the catalog, on sale or not, past its
date or not: what is on the shelf is counted whatever it is."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import cast

from PySide6.QtWidgets import QWidget

from charity_pos.domain.stock_count import ENTRY_MOST
from charity_pos.services.catalog import CatalogService
from charity_pos.services.stock_count import CountService
from charity_pos.ui.scan_field import MATCHES, ScanField
from charity_pos.ui.words import unit


class CountEntry(ScanField):
    # ``scanned``: (the item's id, quantity)
    MOST = ENTRY_MOST

    def __init__(self, counts: CountService, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = counts
        self.catalog = catalog
        self.caption.setText(self.tr("Count (Ctrl+F)"))
        self.field.setPlaceholderText(self.tr("Scan each piece, or 12* and a scan for twelve; a name or pinyin "
                                              "finds goods without a code"))

    def lookup_code(self, code: str) -> object:
        return self.counts.find(code)

    def lookup_item(self, data: object) -> object:
        return cast(uuid.UUID, data)

    def search(self, text: str) -> Sequence[tuple[str, object]]:
        return [(f"{item.name}  ·  {unit(item.unit)}  ·  {item.location or '—'}", item.id)
                for item in self.catalog.search(text, include_inactive=True, limit=MATCHES)]
