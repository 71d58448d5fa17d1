"""The scan field at the counter. A scanner types a code and Enter in a
burst; the code is looked up at once, synchronously, with no dialog, so the
next burst lands in the same field and no character is lost. A name or
pinyin initials show matches (Enter takes the first, ↓ goes into the list).

``3*`` before a code or a name means three; ``3*`` alone sets the quantity
of the current line. A sales slip's barcode (the sale number) starts a
return. A number typed before F6/F7/F8/F10 is that key's value (the screen
reads it with ``typed_value``).

What a code or a name is looked up in, and what else the field takes, are
the hooks under "what a subclass may change" (the handout's field uses them
for relief goods and cards)."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain import barcodes
from charity_pos.domain.money import format_fen
from charity_pos.domain.numbers import parse_number
from charity_pos.domain.quantities import check_quantity
from charity_pos.errors import InvalidBarcode, PosError, UnknownBarcode
from charity_pos.i18n import describe
from charity_pos.services.registry import Services
from charity_pos.ui.words import unit

SEARCH_DELAY_MS = 150
#: The letter of sale numbers (PT01-2026-S000123), printed on the slip as a barcode.
SALE_KIND = "S"
MATCHES = 30
_TIMES = re.compile(r"^\s*(-?\d{1,6})\s*[*×＊]\s*(.*)$")
#: What is typed as a value for a key (a quantity, an amount, a percentage), not searched for.
_VALUE = re.compile(r"^\s*-?[\d.,¥￥]*%?\s*$")


def split_quantity(text: str) -> tuple[int | None, str]:
    """``3*6901234567892`` -> (3, code); ``3*`` -> (3, ""); no prefix -> (None, text)."""
    match = _TIMES.match(text)
    return (int(match[1]), match[2].strip()) if match else (None, text.strip())


class ScanEntry(QWidget):
    #: Something to add: (Scanned, quantity).
    scanned = Signal(object, int)
    #: ``n*`` and Enter with nothing after: the current line's quantity.
    quantity_typed = Signal(int)
    #: ↑ / ↓ with no list of matches open: move through the ticket's lines.
    step = Signal(int)
    #: Del in the empty field: remove the current line.
    delete_line = Signal()
    #: Ctrl+Del: cancel the whole ticket.
    cancel_ticket = Signal()
    #: A sales slip's barcode (the sale number) scanned here: a return.
    slip = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.caption = QLabel(self.tr("Goods (Ctrl+F)"))
        self.field = QLineEdit()
        self.field.setObjectName("scan")
        self.field.setPlaceholderText(self.tr("Scan a barcode, or type a name or pinyin initials; 3* for three"))
        self.caption.setBuddy(self.field)
        row.addWidget(self.caption)
        row.addWidget(self.field, 1)
        layout.addLayout(row)
        self.notice = QLabel("")
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.matches = QListWidget()
        self.matches.setObjectName("matches")
        self.matches.setVisible(False)
        layout.addWidget(self.matches)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.show_matches)
        self.field.textEdited.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self.entered)
        self.field.installEventFilter(self)
        self.matches.installEventFilter(self)
        self.matches.itemActivated.connect(self._activated)

    # --- what the screen asks ---------------------------------------------
    def focus(self) -> None:
        self.field.setFocus()

    def text(self) -> str:
        return self.field.text().strip()

    def typed_value(self) -> str | None:
        """A number typed before a key (``12.5``, ``3``, ``10%``); None if the
        field holds anything else or nothing."""
        text = self.text()
        return text if text and _VALUE.match(text) else None

    def clear(self) -> None:
        self.field.clear()
        self._timer.stop()
        self.matches.clear()
        self.matches.setVisible(False)

    def say(self, text: str, *, warning: bool = False) -> None:
        self.notice.setObjectName("alert" if warning else "notice")
        self.notice.setText(text)
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)

    def refuse(self, text: str) -> None:
        """Warn: in red, with the computer's beep; the field is kept for a retry."""
        QApplication.beep()
        self.say(text, warning=True)
        self.field.selectAll()
        self.focus()

    # --- what a subclass may change ----------------------------------------
    def lookup_code(self, code: str) -> object:
        """What a scanned barcode stands for; raises PosError (UnknownBarcode: nothing)."""
        return self.services.sales.scan(code)

    def lookup_item(self, item_id: object) -> object:
        """What a match picked from the list stands for; raises PosError."""
        return self.services.sales.item(item_id)  # type: ignore[arg-type]

    def take_other(self, quantity: int | None, text: str) -> bool:
        """Enter: is what was typed something else than goods, taken (and the
        field cleared) here? Nothing else by default."""
        return False

    def take_unknown(self, code: str) -> bool:
        """A number no goods have: is it something else, taken here? No by default."""
        return False

    def searchable(self, text: str) -> bool:
        """May goods be looked for by this name? Yes by default."""
        return True

    # --- matches ----------------------------------------------------------
    def show_matches(self) -> None:
        self._timer.stop()
        _quantity, text = split_quantity(self.field.text())
        self.matches.clear()
        if not text or text.isdigit() or _VALUE.match(text) or not self.searchable(text):
            self.matches.setVisible(False)
            return
        for item in self.services.catalog.search(text, limit=MATCHES):
            entry = QListWidgetItem(self.tr("{name}  ·  {unit}  ·  {price}  ·  {on_hand} on hand").format(
                name=item.name, unit=unit(item.unit), price=format_fen(item.sale_price_fen), on_hand=item.on_hand))
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.matches.addItem(entry)
        self.matches.setVisible(self.matches.count() > 0)
        if self.matches.count():
            shown = min(self.matches.count(), 5)
            self.matches.setFixedHeight(shown * self.matches.sizeHintForRow(0) + 2 * self.matches.frameWidth())
            self.matches.setCurrentRow(0)
            self.say(self.tr("Enter adds the first; ↓ to choose another."))
        else:
            self.say(self.tr("Nothing found for “{text}”.").format(text=text), warning=True)

    # --- Enter ------------------------------------------------------------
    def entered(self) -> None:
        quantity, text = split_quantity(self.field.text())
        if self.take_other(quantity, text):
            return
        if quantity is not None and not text:
            self.quantity_typed.emit(quantity)
            return
        if not text:
            return
        parsed = parse_number(text)
        if quantity is None and parsed is not None and parsed[2] == SALE_KIND:
            self.clear()
            self.slip.emit(text.upper())
            return
        count = 1 if quantity is None else quantity
        code = barcodes.normalize(text)
        if code.isdigit():
            self._scan(code, count)
            return
        self.show_matches()
        first = self.matches.item(0)
        if first is not None:
            self._pick(first.data(Qt.ItemDataRole.UserRole), count)

    def _scan(self, code: str, quantity: int) -> None:
        try:
            self._check(quantity)
            found = self.lookup_code(code)
        except UnknownBarcode as exc:
            if self.take_unknown(code):
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
            found = self.lookup_item(item_id)
        except PosError as exc:
            self.refuse(describe(exc))
        else:
            self.scanned.emit(found, quantity)

    @staticmethod
    def _check(quantity: int) -> None:
        check_quantity(quantity, None)  # its most is the line's to say, once it is known

    def _activated(self, entry: QListWidgetItem) -> None:
        quantity, _text = split_quantity(self.field.text())
        self._pick(entry.data(Qt.ItemDataRole.UserRole), 1 if quantity is None else quantity)

    # --- keys -------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, modifiers = event.key(), event.modifiers()
        if watched is self.field:
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and modifiers == Qt.KeyboardModifier.NoModifier:
                if key == Qt.Key.Key_Down and self.matches.isVisible() and self.matches.count():
                    self.matches.setFocus()
                    self.matches.setCurrentRow(min(1, self.matches.count() - 1))
                else:
                    self.step.emit(1 if key == Qt.Key.Key_Down else -1)
                return True
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
        if watched is self.matches and key == Qt.Key.Key_Escape:
            self.focus()
            return True
        return super().eventFilter(watched, event)
