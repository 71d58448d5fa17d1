"""One household's handouts in the period its quota runs in (this month or
this quarter), with what remains of its allowance."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from charity_pos.domain import quota
from charity_pos.domain.money import format_fen
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import STORE_TZ, local_date
from charity_pos.services.handouts import HandoutRow
from charity_pos.services.registry import Services
from charity_pos.ui.households.model import HouseholdLine
from charity_pos.ui.table_model import RowsModel, make_table_view


class HandoutHistoryModel(RowsModel[HandoutRow]):
    NUMBER, TIME, LINES, UNITS, VALUE, OVER, CASHIER = range(7)
    RIGHT = frozenset({LINES, UNITS, VALUE})

    def headers(self) -> list[str]:
        return [self.tr("Handout number"), self.tr("Time"), self.tr("Lines"), self.tr("Units"), self.tr("Value"),
                self.tr("Over the allowance"), self.tr("Cashier")]

    def _key(self, row: HandoutRow) -> object:
        return row.id

    def _display(self, row: HandoutRow, column: int) -> str:
        if column == self.NUMBER:
            return row.number
        if column == self.TIME:
            return row.at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M")
        if column == self.LINES:
            return str(row.lines)
        if column == self.UNITS:
            return str(row.units)
        if column == self.VALUE:
            return format_fen(row.total_value_fen)
        if column == self.OVER:
            return self.tr("Yes") if row.over_allowance else ""
        return row.cashier


class HandoutsDialog(QDialog):
    def __init__(self, services: Services, household: HouseholdLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Handouts of card {card}").format(card=household.card_number))
        self.resize(760, 420)
        today = local_date(services.ctx.now())
        rule = next((r for r in services.quotas.rules() if r.household_category == household.category.value), None)
        self.period = quota.period_of(today, rule.period if rule is not None else "month")
        rows = [h for h in services.handouts.handouts(limit=None, household_id=household.id)
                if h.period_key == self.period.key]
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Card {card}, {name}: handouts from {start} to {end}").format(
            card=household.card_number, name=household.name_masked, start=self.period.start.isoformat(),
            end=self.period.end.isoformat())))
        self.model = HandoutHistoryModel(self)
        self.model.set_rows(rows)
        self.table = make_table_view(self.model, stretch=HandoutHistoryModel.CASHIER)
        layout.addWidget(self.table, 1)
        given = sum(row.total_value_fen for row in rows)
        self.summary = QLabel(self.tr("%n handout(s), {value} given out.", "", len(rows)).format(
                                                                                     value=format_fen(given)))
        self.summary.setObjectName("notice")
        layout.addWidget(self.summary)
        self.standing = QLabel(self._standing(services, household))
        self.standing.setWordWrap(True)
        layout.addWidget(self.standing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _standing(self, services: Services, household: HouseholdLine) -> str:
        """What remains, as the counter would see it; or why the card is refused."""
        try:
            card = services.handouts.card(household.card_number)
        except PosError as exc:
            return describe(exc)
        left = card.standing.remaining_fen
        return self.tr("Allowance this period {allowance}; {left} left.").format(
            allowance=format_fen(card.standing.allowance_fen), left=format_fen(left))
