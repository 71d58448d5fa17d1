"""Where goods come in: the shared scan field (``ui.scan_field``), always
ready. A scanned maker's barcode finds its item at once; a name or pinyin
initials show matches (Enter takes the first, ↓ goes into the list);
``3*`` before either means three. A valid barcode no item has offers a new
item (Ctrl+N or the button makes one in any case)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from charity_pos.domain import barcodes
from charity_pos.domain.money import format_fen
from charity_pos.errors import UnknownBarcode
from charity_pos.services.catalog import CatalogService
from charity_pos.services.intake import MAX_QUANTITY
from charity_pos.ui.scan_field import MATCHES, ScanField, split_quantity
from charity_pos.ui.words import goods_category, unit


class GoodsEntry(ScanField):
    # ``scanned``: an item to add as a line (ItemRow, quantity).
    #: A valid maker's barcode that no item has: (code, quantity).
    unknown = Signal(str, int)
    #: Ctrl+N or its button: make a new item (the screen opens the editor).
    new_item_requested = Signal()

    FIELD_LOOK, NOTICE_LOOK, WARNING_LOOK = "search", "hint", "warning"
    MOST = MAX_QUANTITY

    def __init__(self, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.caption.setText(self.tr("Goods (Ctrl+F)"))
        self.field.setPlaceholderText(self.tr("Scan a barcode, or type a name or pinyin initials; 3* adds three"))
        self.new_item_button = QPushButton(self.tr("New item… (Ctrl+N)"))
        self.row.addWidget(self.new_item_button)
        self.new_item_button.clicked.connect(self.new_item_requested)

    def focus(self) -> None:
        super().focus()
        self.field.selectAll()

    def typed(self) -> tuple[int, str]:
        """What is in the field: (how many, the code or name)."""
        quantity, text = split_quantity(self.field.text())
        return 1 if quantity is None else quantity, text

    def clear(self) -> None:
        super().clear()
        self.say("")

    def added(self, text: str) -> None:
        """A line was added: clear for the next scan, say what was added."""
        self.clear()
        self.say(text)

    # --- the scan field's hooks -----------------------------------------------------
    def is_code(self, code: str) -> bool:
        """A maker's barcode: EAN-8, UPC-A or EAN-13 (other numbers are neither looked up nor searched)."""
        return code.isdigit() and len(code) in (8, 12, 13)

    def lookup_code(self, code: str) -> object:
        barcodes.validate(code)  # a misread code is said so, never offered as a new item
        return self.catalog.find_by_barcode(code)

    def lookup_item(self, data: object) -> object:
        return data  # the match is the catalog's row itself

    def search(self, text: str) -> Sequence[tuple[str, object]]:
        matches: list[tuple[str, object]] = []
        for item in self.catalog.search(text, limit=MATCHES):
            price = f"  ·  {format_fen(item.reference_price_fen)}" if item.reference_price_fen else ""
            category = goods_category(item.category_code, item.category_name)
            matches.append((f"{item.name}  ·  {unit(item.unit)}  ·  {category}{price}", item))
        return matches

    def unknown_code(self, code: str, quantity: int, error: UnknownBarcode) -> None:
        super().unknown_code(code, quantity, error)
        if not barcodes.is_in_store(code):  # an in-store code is ours: never a new item
            self.unknown.emit(code, quantity)

    def nothing_found(self, text: str) -> None:
        self.say(self.tr("Nothing found for “{text}”. Ctrl+N makes a new item.").format(text=text))
