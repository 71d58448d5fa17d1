"""The scan field of the handout: the counter's own (bursts, ``3*``, names
and pinyin, ↑ ↓, Del), which also takes relief cards.

A card is what is typed while no household is at the counter, anything that
looks like a card number (letters then digits: ``AX000001``, the Code 128 on
the card), or a number that is no goods' barcode but is a card's. A new card
is a new visit. Goods are looked up as the handout counts them (relief goods
not for sale too, at their reference price)."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from charity_pos.domain import barcodes
from charity_pos.errors import CardRefused, InvalidBarcode, PosError, UnknownBarcode
from charity_pos.i18n import describe
from charity_pos.services.registry import Services
from charity_pos.ui.sales.scan import ScanEntry, split_quantity

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
        row = self.layout().itemAt(0).layout()  # the caption and the field, as ScanEntry lays them out
        self.caption: QLabel = row.itemAt(0).widget()  # type: ignore[assignment]
        self.prompt(card=True)

    def prompt(self, *, card: bool) -> None:
        """Say what the field takes next: a card, or goods (a card is taken all the same)."""
        if card:
            self.caption.setText(self.tr("Card"))
            self.field.setPlaceholderText(self.tr("Scan or type the relief card, e.g. AX000001"))
        else:
            self.caption.setText(self.tr("Goods (Ctrl+F)"))
            self.field.setPlaceholderText(self.tr("Scan goods, or type a name or pinyin initials; 3* for three"))

    def show_matches(self) -> None:
        """No goods are looked for while a card is wanted or being typed."""
        _quantity, text = split_quantity(self.field.text())
        if self.wants_card() or looks_like_card(barcodes.normalize(text)):
            self._timer.stop()
            self.matches.clear()
            self.matches.setVisible(False)
            return
        super().show_matches()

    def entered(self) -> None:
        quantity, text = split_quantity(self.field.text())
        code = barcodes.normalize(text)
        if code and quantity is None and (self.wants_card() or looks_like_card(code)):
            self.clear()
            self.card.emit(code.upper())
            return
        super().entered()

    def _scan(self, code: str, quantity: int) -> None:
        try:
            self._check(quantity)
            found = self.services.handouts.scan(code)
        except UnknownBarcode as exc:
            if self._is_card(code):
                self.clear()
                self.card.emit(code)
                return
            message = describe(exc)
            try:
                barcodes.validate(code)
            except InvalidBarcode as misread:
                message = describe(misread)
            self.refuse(message)
        except PosError as exc:
            self.refuse(describe(exc))
        else:
            self.scanned.emit(found, quantity)

    def _pick(self, item_id: object, quantity: int) -> None:
        try:
            self._check(quantity)
            found = self.services.handouts.goods(item_id)  # type: ignore[arg-type]
        except PosError as exc:
            self.refuse(describe(exc))
        else:
            self.scanned.emit(found, quantity)

    def _is_card(self, code: str) -> bool:
        """A number that is no goods' barcode: is it a relief card's (cards may be all digits)?"""
        try:
            self.services.handouts.card(code)
        except CardRefused as refused:
            return refused.facts.get("reason") != "unknown"
        except PosError:
            return True  # a card, but no quota rule: the screen says so
        return True
