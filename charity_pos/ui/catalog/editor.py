"""Adding or editing one item. Price changes by a cashier go to a manager."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain.money import parse_yuan
from charity_pos.errors import InvalidInput, PosError
from charity_pos.services.base import Actor, Changes, Role
from charity_pos.services.catalog import ItemDraft, ItemRow, Source, Warning
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval, with_approval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.words import goods_category, unit

UNITS = ("件", "个", "袋", "瓶", "包", "盒", "桶", "条", "双", "套", "本", "台", "支", "顶", "把")


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{fen / 100:.2f}"


class ItemEditor(QDialog):
    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 item: ItemRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.feedback, self.ask, self.item = services, actor, feedback, ask, item
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("Edit item") if item else self.tr("New item"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(100)
        self.category = QComboBox()
        for category in services.catalog.categories():
            self.category.addItem(goods_category(category.code, category.name), category.code)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        for stored in UNITS:  # the unit is kept in Chinese; the English app shows its English beside it
            self.unit.addItem(stored if unit(stored) == stored else f"{stored} · {unit(stored)}", stored)
        self.barcode = QLineEdit()
        self.barcode.setPlaceholderText(self.tr("Scan the maker's barcode, or leave empty for an in-store code"))
        self.price = QLineEdit()
        self.price.setPlaceholderText("0.00")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(self.tr("market price of the same goods"))
        self.source = QComboBox()
        for value, label in ((Source.DONATED, self.tr("Donated")), (Source.PURCHASED, self.tr("Purchased")),
                             (Source.CONSIGNED, self.tr("Consigned"))):
            self.source.addItem(label, value.value)
        self.shelf_life = QLineEdit()
        self.shelf_life.setMaxLength(5)
        self.shelf_life.setPlaceholderText(self.tr("food: its usual shelf life, e.g. 365"))
        self.shelf_life.setToolTip(self.tr("Food taken in needs a share of this left (the counter limits); "
                                           "empty: not known, a number of days then"))
        self.location = QLineEdit()
        self.location.setMaxLength(20)
        self.location.setPlaceholderText(self.tr("shelf, e.g. A-03: count sheets go by it"))
        self.active = QCheckBox(self.tr("On sale"))
        self.active.setChecked(True)
        form.addRow(self.tr("&Name"), self.name)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("&Unit"), self.unit)
        form.addRow(self.tr("&Barcode"), self.barcode)
        form.addRow(self.tr("Sale &price (¥)"), self.price)
        form.addRow(self.tr("&Reference price (¥)"), self.reference)
        form.addRow(self.tr("&Source"), self.source)
        form.addRow(self.tr("Shel&f life (days)"), self.shelf_life)
        form.addRow(self.tr("Shelf &location"), self.location)
        form.addRow("", self.active)
        layout.addLayout(form)
        self.warning = QLabel("")
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        if actor.role != Role.MANAGER:
            hint = QLabel(self.tr("Changing a price or taking an item off sale needs a manager's approval."))
            hint.setObjectName("hint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save (Ctrl+S)"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setShortcut("Ctrl+S")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if item is not None:
            self._fill(item)
        self.price.textChanged.connect(self._check_prices)
        self.reference.textChanged.connect(self._check_prices)
        self.name.setFocus()

    def _fill(self, item: ItemRow) -> None:
        self.name.setText(item.name)
        self.category.setCurrentIndex(max(0, self.category.findData(item.category_code)))
        index = self.unit.findData(item.unit)
        if index >= 0:
            self.unit.setCurrentIndex(index)
        else:
            self.unit.setCurrentText(item.unit)
        self.barcode.setText(item.barcode or "")
        self.price.setText(_yuan(item.sale_price_fen))
        self.reference.setText(_yuan(item.reference_price_fen))
        self.source.setCurrentIndex(max(0, self.source.findData(str(item.source))))
        self.active.setChecked(item.active)
        self.shelf_life.setText("" if item.shelf_life_days is None else str(item.shelf_life_days))
        self.location.setText(item.location or "")

    def _check_prices(self) -> None:
        try:
            price = parse_yuan(self.price.text(), field="sale_price")
            reference = parse_yuan(self.reference.text(), field="reference_price") if self.reference.text().strip() else None
        except PosError:
            self.warning.clear()
            return
        above = reference is not None and price > reference
        self.warning.setText(self.tr("The price is above the market reference price.") if above else "")

    def stored_unit(self) -> str:
        """The unit as the store keeps it: a listed one's Chinese, else as typed."""
        text = self.unit.currentText()
        index = self.unit.findText(text)
        return self.unit.itemData(index) if index >= 0 else text

    def draft(self) -> ItemDraft:
        """What the form says, as the service takes it (raises InvalidInput)."""
        reference_text = self.reference.text().strip()
        return ItemDraft(
            name=self.name.text(),
            category_code=self.category.currentData(),
            unit=self.stored_unit(),
            sale_price_fen=parse_yuan(self.price.text(), field="sale_price"),
            reference_price_fen=parse_yuan(reference_text, field="reference_price") if reference_text else None,
            barcode=self.barcode.text().strip() or None,
            source=Source(self.source.currentData()),
            active=self.active.isChecked(),
            shelf_life_days=self._shelf_life(),
            location=self.location.text().strip() or None,
        )

    def _shelf_life(self) -> int | None:
        text = self.shelf_life.text().strip()
        if not text:
            return None
        if not text.isascii() or not text.isdigit():
            raise InvalidInput(field="shelf_life", value=text, reason="not_a_number")
        return int(text)

    def save(self) -> None:
        try:
            draft = self.draft()
        except PosError as exc:
            self.feedback.error(self, exc)
            return
        if self.item is None:
            changes = with_approval(self, lambda _a: self.services.catalog.create_item(self.actor, draft),
                                    self.ask, self.feedback)
        else:
            item_id = self.item.id
            changes = with_approval(self, lambda a: self.services.catalog.update_item(self.actor, item_id, draft, a),
                                    self.ask, self.feedback)
        if changes is None:
            return
        self.changes = changes
        if Warning.PRICE_ABOVE_REFERENCE in changes.warnings:
            self.feedback.info(self, self.tr("Check the price"),
                               self.tr("Saved, but the price is above the market reference price."))
        self.accept()
