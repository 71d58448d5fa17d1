"""The catalog screen. Type or scan in the search field: barcodes, parts of
names and pinyin initials (``dm`` finds 大米) all work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos.domain import barcodes
from charity_pos.services.base import Actor, Entity
from charity_pos.services.catalog import ItemRow
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.catalog.editor import ItemEditor
from charity_pos.ui.catalog.model import ItemTableModel
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.screen import ListScreen
from charity_pos.ui.words import goods_category

SEARCH_DELAY_MS = 200
LIMIT = 500


class CatalogScreen(ListScreen):
    entities = frozenset({Entity.ITEMS, Entity.STOCK})
    shortcut = "F2"
    search_delay_ms = SEARCH_DELAY_MS
    model: ItemTableModel

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())

        bar = QHBoxLayout()
        self.make_list(ItemTableModel(self), ItemTableModel.NAME,
                       self.tr("Scan a barcode, or type a name or pinyin initials (Ctrl+F)"),
                       give_way=ItemTableModel.GIVE_WAY)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for category in services.catalog.categories():
            self.category.addItem(goods_category(category.code, category.name), category.code)
        self.show_inactive = QCheckBox(self.tr("Show items off sale"))
        bar.addWidget(self.search, 1)
        bar.addWidget(self.category)
        bar.addWidget(self.show_inactive)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("New item (Ctrl+N)"))
        self.edit_button = QPushButton(self.tr("Edit (Enter)"))
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)

        self.search.returnPressed.connect(self._search_entered)
        self.category.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_inactive.toggled.connect(lambda _c: self.refresh())
        self.bind_keys([(self.add_button, "Ctrl+N", lambda: self.open_editor(None)),
                        (self.edit_button, "", self.edit_selected)])
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, activated=self.edit_selected,  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.fill_soon()

    def title(self) -> str:
        return self.tr("Catalog")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Catalog: Ctrl+F search, Ctrl+N new item, Enter edit, ↓ from search to the list")]

    def refresh(self) -> None:
        self._timer.stop()
        selected = self.selected()
        rows = self.services.catalog.search(
            self.search.text(),
            category_code=self.category.currentData(),
            include_inactive=self.show_inactive.isChecked(),
            limit=LIMIT,
        )
        self.model.set_rows(rows)
        shown = len(rows)
        self.count_label.setText(
            self.tr("%n item(s) shown (first {limit})", "", shown).format(limit=LIMIT) if shown >= LIMIT
            else self.tr("%n item(s) shown", "", shown))
        if selected is not None:
            self.select(selected.id)

    def _search_entered(self) -> None:
        """Enter in the search field: a scanned barcode opens that item."""
        self.refresh()
        text = barcodes.normalize(self.search.text())
        if text.isdigit() and self.model.rowCount() >= 1:
            for number in range(self.model.rowCount()):
                row = self.model.row_at(number)
                if row is not None and row.barcode == text:
                    self.table.selectRow(number)
                    return
        if self.model.rowCount():
            self.table.selectRow(0)

    def edit_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.open_editor(item)

    def open_editor(self, item: ItemRow | None) -> None:
        editor = ItemEditor(self.services, self.actor, self.feedback, self.ask, item, self)
        if self.run_dialog(editor) == QDialog.DialogCode.Accepted and editor.changes is not None:
            self.changed.emit(editor.changes)
            if editor.changes.ids:
                if self.model.row_of(editor.changes.ids[0]) < 0:
                    self.search.setText("")
                    self.refresh()
                self.select(editor.changes.ids[0])
