"""Where goods come in: a scan field always ready. A scanned maker's barcode
finds its item at once; a name or pinyin initials show matches (Enter takes
the first, ↓ goes into the list); ``3*`` before either means three."""

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
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain import barcodes
from charity_pos.domain.money import format_fen
from charity_pos.errors import InvalidBarcode, UnknownBarcode
from charity_pos.i18n import describe
from charity_pos.services.catalog import CatalogService
from charity_pos.ui.words import goods_category, unit

SEARCH_DELAY_MS = 150
MATCHES = 30
_TIMES = re.compile(r"^\s*(\d{1,5})\s*[*×＊]\s*(\S.*)$")


def split_quantity(text: str) -> tuple[int, str]:
    """``3*6901234567892`` -> (3, the code); no prefix means one."""
    match = _TIMES.match(text)
    return (int(match[1]), match[2].strip()) if match else (1, text.strip())


class GoodsEntry(QWidget):
    #: An item to add as a line: (ItemRow, quantity).
    picked = Signal(object, int)
    #: A valid maker's barcode that no item has: (code, quantity).
    unknown = Signal(str, int)
    #: Ctrl+N or its button: make a new item (the screen opens the editor).
    new_item_requested = Signal()
    #: ↓ with no list to go into: to the lines.
    down_to_lines = Signal()

    def __init__(self, catalog: CatalogService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Goods (Ctrl+F)"))
        self.scan = QLineEdit()
        self.scan.setObjectName("search")
        self.scan.setPlaceholderText(self.tr("Scan a barcode, or type a name or pinyin initials; 3* adds three"))
        caption.setBuddy(self.scan)
        self.new_item_button = QPushButton(self.tr("New item… (Ctrl+N)"))
        row.addWidget(caption)
        row.addWidget(self.scan, 1)
        row.addWidget(self.new_item_button)
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
        self.scan.textChanged.connect(lambda _t: self._timer.start())
        self.scan.returnPressed.connect(self.entered)
        self.scan.installEventFilter(self)
        self.matches.installEventFilter(self)
        self.matches.itemActivated.connect(self._activated)
        self.new_item_button.clicked.connect(self.new_item_requested)

    def focus(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    def typed(self) -> tuple[int, str]:
        return split_quantity(self.scan.text())

    def show_matches(self) -> None:
        self._timer.stop()
        _quantity, text = self.typed()
        self.matches.clear()
        if not text or text.isdigit():
            self.matches.setVisible(False)
            return
        for item in self.catalog.search(text, limit=MATCHES):
            price = f"  ·  {format_fen(item.reference_price_fen)}" if item.reference_price_fen else ""
            category = goods_category(item.category_code, item.category_name)
            entry = QListWidgetItem(f"{item.name}  ·  {unit(item.unit)}  ·  {category}{price}")
            entry.setData(Qt.ItemDataRole.UserRole, item)
            self.matches.addItem(entry)
        self.matches.setVisible(self.matches.count() > 0)
        if self.matches.count():
            shown = min(self.matches.count(), 5)
            self.matches.setFixedHeight(shown * self.matches.sizeHintForRow(0) + 2 * self.matches.frameWidth())
            self.matches.setCurrentRow(0)
            self.say(self.tr("Enter adds the first; ↓ to choose another."))
        else:
            self.say(self.tr("Nothing found for “{text}”. Ctrl+N makes a new item.").format(text=text))

    def entered(self) -> None:
        quantity, text = self.typed()
        if not text:
            return
        code = barcodes.normalize(text)
        if code.isdigit() and len(code) in (8, 12, 13):
            self._scanned(code, quantity)
            return
        self.show_matches()
        first = self.matches.item(0)
        if first is not None:
            self.picked.emit(first.data(Qt.ItemDataRole.UserRole), quantity)

    def _scanned(self, code: str, quantity: int) -> None:
        try:
            barcodes.validate(code)
            item = self.catalog.find_by_barcode(code)
        except InvalidBarcode as exc:
            self.refuse(describe(exc))
        except UnknownBarcode as exc:
            self.refuse(describe(exc))
            if not barcodes.is_in_store(code):  # an in-store code is ours: never a new item
                self.unknown.emit(code, quantity)
        else:
            self.picked.emit(item, quantity)

    def _activated(self, entry: QListWidgetItem) -> None:
        quantity, _text = self.typed()
        self.picked.emit(entry.data(Qt.ItemDataRole.UserRole), quantity)

    def added(self, text: str) -> None:
        """A line was added: clear for the next scan, say what was added."""
        self.scan.clear()
        self._timer.stop()
        self.matches.clear()
        self.matches.setVisible(False)
        self.say(text)

    def refuse(self, text: str) -> None:
        QApplication.beep()
        self.say(text, warning=True)
        self.focus()

    def say(self, text: str, *, warning: bool = False) -> None:
        self.notice.setObjectName("warning" if warning else "hint")
        self.notice.setText(text)
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)

    def clear(self) -> None:
        self.added("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ from the scan field goes into the matches (or to the lines); Esc
        in the matches goes back."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is self.scan and event.key() == Qt.Key.Key_Down:
            if self.matches.isVisible() and self.matches.count():
                self.matches.setFocus()
                self.matches.setCurrentRow(min(1, self.matches.count() - 1))
            else:
                self.down_to_lines.emit()
            return True
        if watched is self.matches and event.key() == Qt.Key.Key_Escape:
            self.focus()
            return True
        return super().eventFilter(watched, event)
