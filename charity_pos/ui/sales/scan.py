"""The counter's scan field: the shared one (``ui.scan_field``: bursts,
``3*``, names and pinyin, ↑ ↓) with the counter's goods and keys.

``3*`` alone sets the quantity of the current line. A sales slip's barcode
(the sale number) starts a return. A number typed before F6/F7/F8/F10 is
that key's value (the screen reads it with ``typed_value``). Del in the
empty field removes the current line, Ctrl+Del cancels the ticket, Esc
clears the field. The handout's field is this one with relief cards."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from charity_pos.domain.money import format_fen
from charity_pos.domain.numbers import parse_number
from charity_pos.services.registry import Services
from charity_pos.ui.scan_field import MATCHES, ScanField
from charity_pos.ui.words import unit

#: The letter of sale numbers (PT01-2026-S000123), printed on the slip as a barcode.
SALE_KIND = "S"
#: What is typed as a value for a key (a quantity, an amount, a percentage), not searched for.
_VALUE = re.compile(r"^\s*-?[\d.,¥￥]*%?\s*$")


class ScanEntry(ScanField):
    #: ``n*`` and Enter with nothing after: the current line's quantity.
    quantity_typed = Signal(int)
    #: Del in the empty field: remove the current line.
    delete_line = Signal()
    #: Ctrl+Del: cancel the whole ticket.
    cancel_ticket = Signal()
    #: A sales slip's barcode (the sale number) scanned here: a return.
    slip = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.caption.setText(self.tr("Goods (Ctrl+F)"))
        self.field.setPlaceholderText(self.tr("Scan a barcode, or type a name or pinyin initials; 3* for three"))

    def typed_value(self) -> str | None:
        """A number typed before a key (``12.5``, ``3``, ``10%``); None if the
        field holds anything else or nothing."""
        text = self.text()
        return text if text and _VALUE.match(text) else None

    # --- the scan field's hooks -----------------------------------------------------
    def lookup_code(self, code: str) -> object:
        return self.services.sales.scan(code)

    def lookup_item(self, data: object) -> object:
        return self.services.sales.item(cast(uuid.UUID, data))  # the item's id, as ``search`` listed it

    def search(self, text: str) -> Sequence[tuple[str, object]]:
        return [(self.tr("{name}  ·  {unit}  ·  {price}  ·  {on_hand} on hand").format(
            name=item.name, unit=unit(item.unit), price=format_fen(item.sale_price_fen), on_hand=item.on_hand), item.id)
            for item in self.services.catalog.search(text, limit=MATCHES)]

    def searchable(self, text: str) -> bool:
        """A value for a key is not looked for."""
        return not _VALUE.match(text)

    def take_other(self, quantity: int | None, text: str) -> bool:
        """``n*`` alone: the current line's quantity; a sale's number: a return."""
        if quantity is not None and not text:
            self.quantity_typed.emit(quantity)
            return True
        parsed = parse_number(text) if text else None
        if quantity is None and parsed is not None and parsed[2] == SALE_KIND:
            self.clear()
            self.slip.emit(text.upper())
            return True
        return False

    def key_pressed(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        if key == Qt.Key.Key_Delete and modifiers & Qt.KeyboardModifier.ControlModifier:
            self.cancel_ticket.emit()
            return True
        if key == Qt.Key.Key_Delete and not self.field.text():
            self.delete_line.emit()
            return True
        if key == Qt.Key.Key_Escape and (self.field.text() or self.matches.isVisible()):
            self.clear()
            self.say("")
            return True
        return False
