"""Near expiry (临期商品, managers only): the lots on the shelf past their
best-before date, within 7 days or within 30 (what the expiry report lists
for today), and a markdown a manager applies in one step to the goods of
the lots chosen: a share off each one's price or a new price, logged as a
price change with the reason 临期降价. Keyboard first: the list has the
focus, Shift or Ctrl with the arrows and Space choose lots, Ctrl+A all,
Alt+7 and Alt+3 the window, Ctrl+D marks down."""

from __future__ import annotations

import uuid

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QSpinBox, QVBoxLayout, QWidget,
)

from charity_pos.domain.money import format_fen, parse_yuan
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.reports.ledgers.expiry import LATER, SOON, ExpiringLot
from charity_pos.services.base import Actor, Changes, Entity, Role
from charity_pos.services.expiry import MAX_PERCENT, ExpiryService, Markdown
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.expiry.model import ExpiryModel
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.handout.card import repolish
from charity_pos.ui.screen import Screen, key_button
from charity_pos.ui.session import unguarded
from charity_pos.ui.table_model import make_table_view


class ExpiryScreen(Screen):
    roles = frozenset({Role.MANAGER})
    entities = frozenset({Entity.STOCK, Entity.ITEMS, Entity.SALES, Entity.HANDOUTS, Entity.DONATIONS})
    shortcut = "Ctrl+Shift+E"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        _catalog, self._report_ended = unguarded(services.catalog)  # the session's guard, for this service too
        self.expiry = ExpiryService(services.ctx, unguarded(services.accounts)[0])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())

        window = QHBoxLayout()
        self.soon = QRadioButton(self.tr("Within 7 days (Alt+7)"))
        self.later = QRadioButton(self.tr("Within 30 days (Alt+3)"))
        self.later.setChecked(True)
        self.windows = QButtonGroup(self)
        for button in (self.soon, self.later):
            self.windows.addButton(button)
            window.addWidget(button)
        self.soon.toggled.connect(lambda _on: self.refresh())
        window.addStretch(1)
        layout.addLayout(window)

        self.summary = QLabel("")
        self.summary.setObjectName("total")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = ExpiryModel(self)
        self.table = make_table_view(self.model, stretch=ExpiryModel.NAME, give_way=(ExpiryModel.STATE,))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.table, 1)

        markdown = QHBoxLayout()
        percent_caption = QLabel(self.tr("Take &off"))
        self.percent = QSpinBox()
        self.percent.setRange(1, MAX_PERCENT)
        self.percent.setSuffix(" %")
        self.percent.setValue(30)
        percent_caption.setBuddy(self.percent)
        price_caption = QLabel(self.tr("or new &price (¥)"))
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("or empty"))
        self.price.setMaximumWidth(160)
        price_caption.setBuddy(self.price)
        self.mark_button = key_button(self.tr("Mark down the chosen goods (Ctrl+D)"))
        for widget in (percent_caption, self.percent, price_caption, self.price):
            markdown.addWidget(widget)
        markdown.addStretch(1)
        markdown.addWidget(self.mark_button)
        layout.addLayout(markdown)
        hint = QLabel(self.tr("A markdown lowers the price of the goods, every lot of them, and is logged as a "
                              "price change with the reason 临期降价. Lots past their date are not sold: take "
                              "them off the shelf."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.bind_keys([(self.mark_button, "Ctrl+D", self.mark_down)])
        for keys, button in (("Alt+7", self.soon), ("Alt+3", self.later)):
            QShortcut(QKeySequence(keys), self, activated=button.click)  # type: ignore[call-overload]  # signal by keyword
        self.fill_soon()

    def title(self) -> str:
        return self.tr("Near expiry")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Near expiry: Alt+7 or Alt+3 the window; Shift or Ctrl with the arrows choose lots, "
                        "Ctrl+A all; Ctrl+D marks down their goods")]

    def activate(self) -> None:
        self.table.setFocus()

    def within(self) -> int:
        return SOON if self.soon.isChecked() else LATER

    def refresh(self) -> None:
        try:
            lots = self.expiry.lots(self.actor, self.within())
        except PosError as exc:
            self._refused(exc)
            return
        self.model.set_rows(lots)
        if lots:
            self.table.selectRow(0)
        counts = {section: [lot for lot in lots if lot.section == section]
                  for section in ("expired", "within_7", "within_30")}
        text = self.tr("Past the date: {expired} · within 7 days: {soon} · in 8 to 30 days: {later} · "
                       "value {value}").format(
            expired=len(counts["expired"]), soon=len(counts["within_7"]), later=len(counts["within_30"]),
            value=format_fen(sum(lot.value_fen for lot in lots)))
        self.summary.setText(text if lots else self.tr("No goods on the shelf are past their date or near it."))

    def chosen(self) -> list[ExpiringLot]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [lot for lot in (self.model.row_at(row) for row in rows) if lot is not None]

    def mark_down(self) -> Changes | None:
        lots = [lot for lot in self.chosen() if lot.section != "expired"]
        if not lots:
            self._say(self.tr("Choose lots that are not past their date first (Shift or Ctrl with the arrows)."),
                      "warning")
            return None
        try:
            price = parse_yuan(self.price.text(), field="sale_price") if self.price.text().strip() else None
        except PosError as exc:
            self._refused(exc)
            return None
        items = list(dict.fromkeys(lot.item_id for lot in lots))
        names = "、".join(dict.fromkeys(lot.name for lot in lots))
        how = (self.tr("new price {price}").format(price=format_fen(price)) if price is not None
               else self.tr("{percent}% off").format(percent=self.percent.value()))
        if not self.feedback.confirm(self, self.tr("Mark down"), self.tr(
                "Mark down {names}: {how}? Every lot of these goods sells at the new price.").format(
                names=names, how=how)):
            return None
        return self._apply(items, price, names)

    def _apply(self, items: list[uuid.UUID], price: int | None, names: str) -> Changes | None:
        markdown = Markdown(tuple(items), percent=None if price is not None else self.percent.value(),
                            price_fen=price)
        try:
            changes = self.expiry.mark_down(self.actor, markdown)
        except PosError as exc:
            self._refused(exc)
            return None
        self.price.clear()
        self.changed.emit(changes)
        self.refresh()
        self._say(self.tr("Marked down (临期降价): {names}").format(names=names), "notice")
        return changes

    def _say(self, text: str, kind: str) -> None:
        self.message.setText(text)
        repolish(self.message, kind)

    def _refused(self, error: PosError) -> None:
        self._say(describe(error), "warning")
        self._report_ended(error)
