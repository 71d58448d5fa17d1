"""The store's list for a campaign: each household masked, and whether it
has collected here, at another store, or not yet."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen
from charity_pos.services.base import STORE_TZ
from charity_pos.services.campaigns import ELSEWHERE, HERE, RosterRow
from charity_pos.ui.households.words import category_name
from charity_pos.ui.table_model import RowsModel

DONE_BACKGROUND = QColor("#e2f0d9")
ELSEWHERE_BACKGROUND = QColor("#eeeeee")


class RosterModel(RowsModel[RosterRow]):
    CARD, NAME, CATEGORY, MEMBERS, STANDING, WHERE = range(6)
    RIGHT = frozenset({MEMBERS})

    def headers(self) -> list[str]:
        return [self.tr("Card"), self.tr("Head of household"), self.tr("Category"), self.tr("Members"),
                self.tr("Collected"), self.tr("Where / when")]

    def _display(self, row: RosterRow, column: int) -> str:
        if column == self.CARD:
            return row.card_number
        if column == self.NAME:
            return row.head_name_masked
        if column == self.CATEGORY:
            return category_name(row.category)
        if column == self.MEMBERS:
            return str(row.members)
        if column == self.STANDING:
            if row.standing == HERE:
                return self.tr("Collected here")
            return self.tr("At another store") if row.standing == ELSEWHERE else self.tr("Not yet")
        if row.standing == HERE and row.at is not None:
            return f"{row.number}  {row.at.astimezone(STORE_TZ):%m-%d %H:%M}"
        return row.store

    def _tooltip(self, row: RosterRow, column: int) -> str | None:
        if column == self.NAME:
            return row.id_masked  # the ID number, masked as on the households screen
        if column == self.CATEGORY:  # shown whole even when the column gives way
            return self._display(row, column)
        if column == self.WHERE and row.standing == HERE:
            return self.tr("{number}: {value} handed out").format(number=row.number, value=format_fen(row.value_fen))
        return None

    def _key(self, row: RosterRow) -> object:
        return row.card_number

    def _background(self, row: RosterRow, column: int) -> QBrush | None:
        if row.standing == HERE:
            return QBrush(DONE_BACKGROUND)
        return QBrush(ELSEWHERE_BACKGROUND) if row.standing == ELSEWHERE else None
