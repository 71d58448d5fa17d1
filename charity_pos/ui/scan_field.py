"""The scan field, one for every screen goods are scanned at (the sale, the
handout, donations in). A scanner types a code and Enter in a burst; the
code is looked up at once, synchronously, with no dialog, so the next burst
lands in the same field and no character is lost. A name or pinyin initials
show matches (Enter takes the first, ↓ goes into the list, Esc back out);
``3*`` before a code or a name means three.

A screen's field says what a code and a match stand for and what else it
takes: the hooks under "what a screen's field gives"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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
from charity_pos.domain.quantities import check_quantity
from charity_pos.domain.quantities import split_quantity as split_quantity  # the one reading of ``3*``, found here as always
from charity_pos.errors import InvalidBarcode, PosError, UnknownBarcode
from charity_pos.i18n import describe

SEARCH_DELAY_MS = 150
#: At most this many matches are listed.
MATCHES = 30


def fill_matches(matches: QListWidget, found: Iterable[tuple[str, object]], rows: int = 5) -> int:
    """List ``found`` (the line shown, its data) in ``matches``, as high as
    at most ``rows`` of them, the first one current; shown only when there
    are some. Returns how many."""
    matches.clear()
    for shown, data in found:
        entry = QListWidgetItem(shown)
        entry.setData(Qt.ItemDataRole.UserRole, data)
        matches.addItem(entry)
    matches.setVisible(matches.count() > 0)
    if matches.count():
        shown_rows = min(matches.count(), rows)
        matches.setFixedHeight(shown_rows * matches.sizeHintForRow(0) + 2 * matches.frameWidth())
        matches.setCurrentRow(0)
    return matches.count()


class ScanField(QWidget):
    #: Something to add: (what the code or the match stands for, quantity).
    scanned = Signal(object, int)
    #: ↑ / ↓ with no list of matches open: move through the lines.
    step = Signal(int)

    #: How the field and what it says look (the theme's object names): the field,
    #: a notice, a warning.
    FIELD_LOOK, NOTICE_LOOK, WARNING_LOOK = "scan", "notice", "alert"
    #: The most a line may hold (the screen's service's), checked before the lookup; None: the line says.
    MOST: int | None = None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        #: The caption, the field and (a screen's field may add some) buttons.
        self.row = QHBoxLayout()
        self.caption = QLabel("")
        self.field = QLineEdit()
        self.field.setObjectName(self.FIELD_LOOK)
        self.caption.setBuddy(self.field)
        self.row.addWidget(self.caption)
        self.row.addWidget(self.field, 1)
        layout.addLayout(self.row)
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

    def clear(self) -> None:
        self.field.clear()
        self._timer.stop()
        self.matches.clear()
        self.matches.setVisible(False)

    def say(self, text: str, *, warning: bool = False) -> None:
        self.notice.setObjectName(self.WARNING_LOOK if warning else self.NOTICE_LOOK)
        self.notice.setText(text)
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)

    def refuse(self, text: str) -> None:
        """Warn: in red, with the computer's beep; the field is kept for a retry."""
        QApplication.beep()
        self.say(text, warning=True)
        self.field.selectAll()
        self.focus()

    # --- what a screen's field gives -----------------------------------------
    def lookup_code(self, code: str) -> object:
        """What a scanned code stands for; raises PosError (UnknownBarcode: nothing)."""
        raise NotImplementedError

    def lookup_item(self, data: object) -> object:
        """What a match picked from the list stands for (its ``search`` data); raises PosError."""
        raise NotImplementedError

    def search(self, text: str) -> Sequence[tuple[str, object]]:
        """The matches for a name or pinyin initials: (the line shown, its data)."""
        raise NotImplementedError

    def is_code(self, code: str) -> bool:
        """Is what was typed (normalized) a code to look up, rather than a name? Digits by default."""
        return code.isdigit()

    def searchable(self, text: str) -> bool:
        """May goods be looked for by this name? Yes by default."""
        return True

    def take_other(self, quantity: int | None, text: str) -> bool:
        """Enter: is what was typed something else than goods, taken (and the
        field cleared) here? Nothing else by default."""
        return False

    def unknown_code(self, code: str, quantity: int, error: UnknownBarcode) -> None:
        """A code nothing has: refused, saying so, or that the code was misread."""
        message = describe(error)
        try:
            barcodes.validate(code)
        except InvalidBarcode as misread:
            message = describe(misread)
        self.refuse(message)

    def nothing_found(self, text: str) -> None:
        self.say(self.tr("Nothing found for “{text}”.").format(text=text), warning=True)

    # --- matches ----------------------------------------------------------
    def show_matches(self) -> None:
        self._timer.stop()
        _quantity, text = split_quantity(self.field.text())
        self.matches.clear()
        if not text or text.isdigit() or not self.searchable(text):
            self.matches.setVisible(False)
            return
        if fill_matches(self.matches, self.search(text)):
            self.say(self.tr("Enter adds the first; ↓ to choose another."))
        else:
            self.nothing_found(text)

    # --- Enter ------------------------------------------------------------
    def entered(self) -> None:
        quantity, text = split_quantity(self.field.text())
        if self.take_other(quantity, text) or not text:
            return
        count = 1 if quantity is None else quantity
        code = barcodes.normalize(text)
        if self.is_code(code):
            self._scan(code, count)
            return
        self.show_matches()
        first = self.matches.item(0)
        if first is not None:
            self._pick(first.data(Qt.ItemDataRole.UserRole), count)

    def _scan(self, code: str, quantity: int) -> None:
        try:
            check_quantity(quantity, self.MOST)
            found = self.lookup_code(code)
        except UnknownBarcode as exc:
            self.unknown_code(code, quantity, exc)
        except PosError as exc:
            self.refuse(describe(exc))
        else:
            self.scanned.emit(found, quantity)

    def _pick(self, data: object, quantity: int) -> None:
        try:
            check_quantity(quantity, self.MOST)
            found = self.lookup_item(data)
        except PosError as exc:
            self.refuse(describe(exc))
        else:
            self.scanned.emit(found, quantity)

    def _activated(self, entry: QListWidgetItem) -> None:
        quantity, _text = split_quantity(self.field.text())
        self._pick(entry.data(Qt.ItemDataRole.UserRole), 1 if quantity is None else quantity)

    # --- keys -------------------------------------------------------------
    def key_pressed(self, key: int, modifiers: Qt.KeyboardModifier) -> bool:
        """A key in the field the screen's field takes itself (True: taken). None by default."""
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
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
            if self.key_pressed(key, modifiers):
                return True
        if watched is self.matches and key == Qt.Key.Key_Escape:
            self.focus()
            return True
        return super().eventFilter(watched, event)
