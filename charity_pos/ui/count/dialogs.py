"""Starting a count: all goods, one category, or one shelf location."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QRadioButton, QVBoxLayout,
    QWidget,
)

from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Changes
from charity_pos.services.catalog import CatalogService
from charity_pos.services.stock_count import CountService
from charity_pos.ui.reason import ReasonDialog
from charity_pos.ui.words import goods_category


class StartCountDialog(QDialog):
    def __init__(self, counts: CountService, catalog: CatalogService, actor: Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts, self.actor = counts, actor
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("Start a stock count"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Only the goods counted change when the count finishes; sales go on meanwhile. "
                               "One count at a time may cover an item."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.all_goods = QRadioButton(self.tr("&All goods"))
        self.by_category = QRadioButton(self.tr("A &category"))
        self.by_location = QRadioButton(self.tr("A &shelf location"))
        self.scope = QButtonGroup(self)
        for button in (self.all_goods, self.by_category, self.by_location):
            self.scope.addButton(button)
        self.category = QComboBox()
        for category in catalog.categories():
            self.category.addItem(goods_category(category.code, category.name), category.code)
        self.location = QLineEdit()
        self.location.setMaxLength(20)
        self.location.setPlaceholderText(self.tr("e.g. A-03"))
        grid.addWidget(self.all_goods, 0, 0)
        grid.addWidget(self.by_category, 1, 0)
        grid.addWidget(self.category, 1, 1)
        grid.addWidget(self.by_location, 2, 0)
        grid.addWidget(self.location, 2, 1)
        layout.addLayout(grid)
        self.all_goods.setChecked(True)
        self.category.activated.connect(lambda _i: self.by_category.setChecked(True))
        self.location.textEdited.connect(lambda _t: self.by_location.setChecked(True))
        self.warning = QLabel("")
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start the count"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.all_goods.setFocus()

    def accept(self) -> None:
        scope = "category" if self.by_category.isChecked() else "location" if self.by_location.isChecked() else "all"
        try:
            self.changes = self.counts.start(self.actor, scope, category_code=self.category.currentData(),
                                             location=self.location.text())
        except PosError as exc:
            self.warning.setText(describe(exc))
            return
        super().accept()


class CountReasonDialog(ReasonDialog):
    """A reason, acted on by ``act`` before the dialog closes (a refusal is said in it)."""

    def __init__(self, act: Callable[[str], Changes], title: str, intro: str, *, example: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, intro, example=example, parent=parent)
        self.act = act
        self.changes: Changes | None = None

    def take(self, reason: str) -> None:
        self.changes = self.act(reason)
