"""The scan field of the handout: the counter's own (bursts, ``3*``, names
and pinyin, ↑ ↓, Del; ``ui.scan_field``), which also takes relief cards.

A card is what is typed while no household is at the counter, anything that
looks like a card number (letters then digits: ``AX000001``, the Code 128 on
the card), or a number that is no goods' barcode but is a card's. A new card
is a new visit. Goods are looked up as the handout counts them (relief goods
not for sale too, at their reference price)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from charity_pos.domain import barcodes
from charity_pos.errors import CardRefused, PosError, UnknownBarcode
from charity_pos.services.registry import Services
from charity_pos.ui.sales.scan import ScanEntry

#: Letters then digits, as relief cards are numbered (AX000001).
CARD = re.compile(r"^[A-Za-z]{1,6}\d{3,18}$")


def looks_like_card(text: str) -> bool:
    return bool(CARD.match(text))


class HandoutScanEntry(ScanEntry):
    #: A relief card's number, typed or scanned.
    card = Signal(str)

    def __init__(self, services: Services, wants_card: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.wants_card = wants_card  # True while no household is at the counter
        self.prompt(card=True)

    def prompt(self, *, card: bool) -> None:
        """Say what the field takes next: a card, or goods (a card is taken all the same)."""
        if card:
            self.caption.setText(self.tr("Card"))
            self.field.setPlaceholderText(self.tr("Scan or type the relief card, e.g. AX000001"))
        else:
            self.caption.setText(self.tr("Goods (Ctrl+F)"))
            self.field.setPlaceholderText(self.tr("Scan goods, or type a name or pinyin initials; 3* for three"))

    # --- the scan field's hooks -----------------------------------------------------
    def lookup_code(self, code: str) -> object:
        return self.services.handouts.scan(code)

    def lookup_item(self, data: object) -> object:
        return self.services.handouts.goods(cast(uuid.UUID, data))  # the item's id, as ``search`` listed it

    def searchable(self, text: str) -> bool:
        """No goods are looked for while a card is wanted or being typed."""
        return super().searchable(text) and not (self.wants_card() or looks_like_card(barcodes.normalize(text)))

    def take_other(self, quantity: int | None, text: str) -> bool:
        """A card: while one is wanted, or whatever looks like one."""
        code = barcodes.normalize(text)
        if code and quantity is None and (self.wants_card() or looks_like_card(code)):
            self._take_card(code.upper())
            return True
        return super().take_other(quantity, text)

    def unknown_code(self, code: str, quantity: int, error: UnknownBarcode) -> None:
        """A number that is no goods' barcode: a relief card's (cards may be all digits), or refused."""
        try:
            self.services.handouts.card(code)
        except CardRefused as refused:
            if refused.facts.get("reason") == "unknown":
                super().unknown_code(code, quantity, error)
                return
        except PosError:
            pass  # a card, but no quota rule: the screen says so
        self._take_card(code)

    def _take_card(self, code: str) -> None:
        self.clear()
        self.card.emit(code)
