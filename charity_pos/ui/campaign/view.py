"""Relief campaigns at the counter (活动发放), keyboard first: pick the
campaign, scan relief cards one after the other; each hands out the whole
package in one step, under its own H number.

    ↑ ↓ (campaign list)   another campaign              Enter (card field)  hand out the package
    Ctrl+W                only those not collected yet   Ctrl+P              the last handout's slip
    value package: the card, then each of the goods chosen (Enter), F12 hands them out, Esc starts again

The list below shows the store's households for the campaign, masked as on
the households screen: who has collected here (number, time), who at
another store (as the district's last bundle said), who not yet.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from charity_pos.config import Settings
from charity_pos.domain import campaign as rules
from charity_pos.domain.money import format_fen
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Entity
from charity_pos.services.campaigns import WAITING, CampaignRow, CampaignService, CollectDraft
from charity_pos.services.handouts import Goods
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.campaign.model import RosterModel
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.handout.slip import ROLL, HandoutSlips
from charity_pos.ui.screen import Screen, key_button
from charity_pos.ui.session import unguarded
from charity_pos.ui.table_model import make_table_view
from charity_pos.ui.words import goods_category


class CampaignScreen(Screen):
    entities = frozenset({Entity.HANDOUTS, Entity.HOUSEHOLDS, Entity.STOCK})
    shortcut = "Shift+F8"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        _handouts, self._report_ended = unguarded(services.handouts)  # the session's guard, for this service too
        self.campaigns = CampaignService(services.ctx, unguarded(services.accounts)[0])
        self.rows: list[CampaignRow] = []
        self.last_number: str | None = None
        #: a value package being chosen: the card scanned, and the goods scanned after it
        self.choosing: str | None = None
        self.chosen: list[tuple[Goods, int]] = []
        self._settings = Settings.load()
        self.slips = HandoutSlips(services, actor, feedback, lambda: self._settings, self)
        self.category_names = {c.code: goods_category(c.code, c.name) for c in services.catalog.categories()}

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())
        pick = QHBoxLayout()
        caption = QLabel(self.tr("Campaign"))
        self.picker = QComboBox()
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        caption.setBuddy(self.picker)
        self.only_waiting = QCheckBox(self.tr("Only those not collected (Ctrl+W)"))
        self.only_waiting.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        pick.addWidget(caption)
        pick.addWidget(self.picker, 1)
        pick.addWidget(self.only_waiting)
        layout.addLayout(pick)
        self.summary = QLabel("")
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.counts = QLabel("")
        self.counts.setObjectName("total")
        layout.addWidget(self.counts)
        self.card = QLineEdit()
        self.card.setObjectName("scan")
        self.card.setPlaceholderText(self.tr("Scan a relief card: the package is handed out at once"))
        layout.addWidget(self.card)
        self.message = QLabel("")
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.model = RosterModel(self)
        self.table = make_table_view(self.model, stretch=RosterModel.NAME, give_way=(RosterModel.CATEGORY,))
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.table, 1)
        keys = QHBoxLayout()
        self.print_button = key_button(self.tr("Print the last slip (Ctrl+P)"))
        keys.addStretch(1)
        keys.addWidget(self.print_button)
        layout.addLayout(keys)
        self.bind_keys([(self.print_button, "Ctrl+P", self.print_last)])
        QShortcut(QKeySequence("F12"), self, activated=self.finish_choosing)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        QShortcut(QKeySequence("Esc"), self, activated=self.cancel_choosing)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        QShortcut(QKeySequence("Ctrl+W"), self, activated=self.only_waiting.toggle)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        self.only_waiting.toggled.connect(lambda _on: self.show_roster())
        self.picker.currentIndexChanged.connect(self._picked)
        self.card.returnPressed.connect(self.take_card)
        self.fill_soon()

    def title(self) -> str:
        return self.tr("Campaigns")

    def _picked(self, _index: int) -> None:
        self.cancel_choosing()
        self.show_roster()

    def shortcut_help(self) -> list[str]:
        return [self.tr("Campaigns: pick the campaign, then scan relief cards; each hands out the whole package "
                        "(Ctrl+W: only those not collected, Ctrl+P: the last slip)")]

    def activate(self) -> None:
        self.card.setFocus()

    def refresh(self) -> None:
        chosen = self.current()
        try:
            self.rows = self.campaigns.campaigns()
        except PosError as exc:
            self._say(describe(exc), "warning")
            self._report_ended(exc)
            return
        self.picker.blockSignals(True)
        self.picker.clear()
        states = {rules.OPEN: self.tr("open"), rules.NOT_STARTED: self.tr("not started"),
                  rules.ENDED: self.tr("ended")}
        for row in self.rows:
            self.picker.addItem(f"{row.name} ({states[row.state]})", row.id)
        if chosen is not None:
            index = self.picker.findData(chosen.id)
            if index >= 0:
                self.picker.setCurrentIndex(index)
        self.picker.blockSignals(False)
        if not self.rows:
            self.counts.setText("")
            self.summary.setText(self.tr("The district has sent no campaign to this store yet: it comes with the "
                                         "next downstream bundle (System → Sync)."))
        self.show_roster()

    def current(self) -> CampaignRow | None:
        chosen = self.picker.currentData()
        return next((row for row in self.rows if row.id == chosen), None)

    def package_text(self, row: CampaignRow) -> str:
        if row.value_fen is not None:
            return self.tr("goods worth up to {value}").format(value=format_fen(row.value_fen))
        parts = []
        for line in row.package:
            if line.goods_category:
                what = self.category_names.get(line.goods_category, line.goods_category)
            else:
                try:
                    what = self.services.handouts.scan(line.barcode).name
                except PosError:
                    what = line.barcode
            parts.append(f"{what} × {line.quantity}")
        return "，".join(parts)

    def show_roster(self) -> None:
        row = self.current()
        if row is None:
            self.model.set_rows([])
            return
        allowance = self.tr("counts against the monthly allowance") if row.counts_allowance else self.tr(
            "not counted against the monthly allowance")
        self.summary.setText(self.tr("{start} to {end} · package: {package} · {allowance}").format(
            start=row.starts_on.isoformat(), end=row.ends_on.isoformat(), package=self.package_text(row),
            allowance=allowance))
        self.counts.setText(self.tr("Collected here {here} of {eligible}; at other stores {elsewhere}").format(
            here=row.collected_here, eligible=row.eligible, elsewhere=row.collected_elsewhere))
        try:
            roster = self.campaigns.roster(row.id)
        except PosError as exc:
            self._say(describe(exc), "warning")
            return
        if self.only_waiting.isChecked():
            roster = [r for r in roster if r.standing == WAITING]
        self.model.set_rows(roster)

    # --- handing out -------------------------------------------------------------------------
    def take_card(self) -> None:
        """Enter in the field: a card hands out a goods package at once; for a value package the card
        starts the choosing, and each code after it adds one of the goods (F12 hands them out)."""
        code = self.card.text().strip()
        row = self.current()
        self.card.clear()
        if not code or row is None:
            return
        if row.value_fen is not None and self.choosing is not None:
            self.add_goods(row.value_fen, code)
            return
        if row.value_fen is not None:
            self.choosing = code.upper()
            self.chosen = []
            self._show_chosen(row.value_fen)
            return
        self._hand_out(row, code, ())

    def add_goods(self, value_fen: int, code: str) -> None:
        try:
            goods = self.services.handouts.scan(code)
        except PosError as exc:
            self._say(describe(exc), "warning")
            return
        total = sum(g.unit_value_fen * n for g, n in self.chosen) + goods.unit_value_fen
        if total > value_fen:
            self._say(self.tr("“{name}” would take the goods past {value}: not added.").format(
                name=goods.name, value=format_fen(value_fen)), "warning")
            return
        for index, (held, count) in enumerate(self.chosen):
            if held.item_id == goods.item_id:
                self.chosen[index] = (held, count + 1)
                break
        else:
            self.chosen.append((goods, 1))
        self._show_chosen(value_fen)

    def _show_chosen(self, value_fen: int) -> None:
        lines = "，".join(f"{g.name} × {n}" for g, n in self.chosen) or "—"
        total = sum(g.unit_value_fen * n for g, n in self.chosen)
        self._say(self.tr("Card {card}: scan the goods chosen, up to {value} ({total} so far: {lines}). F12 hands "
                          "them out, Esc starts again.").format(card=self.choosing, value=format_fen(value_fen),
                                                               total=format_fen(total), lines=lines), "notice")

    def finish_choosing(self) -> None:
        row = self.current()
        if row is None or self.choosing is None or not self.chosen:
            return
        self._hand_out(row, self.choosing, tuple((g.item_id, n) for g, n in self.chosen))

    def cancel_choosing(self) -> None:
        if self.choosing is not None:
            self.choosing, self.chosen = None, []
            self._say("", "notice")

    def _hand_out(self, row: CampaignRow, card: str, lines: tuple[tuple[uuid.UUID, int], ...]) -> None:
        try:
            done = self.campaigns.collect(self.actor, CollectDraft(uuid.uuid4(), row.id, card, lines))
        except PosError as exc:
            self.choosing, self.chosen = None, []
            self._say(describe(exc), "warning")
            self._report_ended(exc)
            return
        self.choosing, self.chosen = None, []
        self.last_number = done.number
        self._say(self.tr("{number}: the package of “{name}” handed out to card {card}. Ctrl+P prints the slip "
                          "for the household to sign.").format(number=done.number, name=row.name,
                                                                card=card.upper()), "notice")
        self.changed.emit(done)
        self.refresh()

    def print_last(self) -> None:
        if self.last_number is not None:
            self.slips.handout_slip(self.last_number, ROLL, self)

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        if self.message.objectName() != style:
            self.message.setObjectName(style)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
