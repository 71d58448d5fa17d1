"""Households past their allowance across stores
(``charity_pos.hub.downstream.check_allowance``): per household and period
the card, the masked name, the category as a word (低保, never ``dibao``),
the stores with their 人次 and value, against the allowance; or, where the
hub cannot judge yet, why. Read off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos.domain.money import format_fen
from charity_pos.hub import downstream
from charity_pos.hub.allowance_words import allowance_caveats, cannot_judge
from charity_pos.hub.downstream import AllowanceCheck, OverAllowance
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub_ui.stores import RED
from charity_pos.hub_ui.worker import Job
from charity_pos.i18n import describe, translate
from charity_pos.reports.words import HOUSEHOLD_CATEGORIES, label
from charity_pos.services.base import Clock, system_clock
from charity_pos.ui.reports.words import language
from charity_pos.ui.table_model import RowsModel, make_table_view


class AllowanceModel(RowsModel[OverAllowance]):
    RIGHT = frozenset({3, 5, 6, 7, 8})

    def headers(self) -> list[str]:
        return [self.tr("Card"), self.tr("Head"), self.tr("Category"), self.tr("Members"), self.tr("Period"),
                self.tr("Allowance"), self.tr("Used"), self.tr("Over by"), self.tr("Visits (人次)"),
                self.tr("Stores")]

    def _key(self, row: OverAllowance) -> object:
        return (row.card_number, row.period_key)

    def _display(self, row: OverAllowance, column: int) -> str:
        lang = language()
        if column == 9:
            return "; ".join(self.tr("{code}: {visits}×, {value}").format(
                code=u.code, visits=u.visits, value=format_fen(u.value_fen)) for u in row.by_store)
        values = (row.card_number, row.name_masked, label(HOUSEHOLD_CATEGORIES, row.category, lang), str(row.members),
                  downstream.period_label(row.period_key, lang), format_fen(row.allowance_fen),
                  format_fen(row.used_fen), format_fen(row.used_fen - row.allowance_fen), str(row.visits))
        return values[column]

    def _tooltip(self, row: OverAllowance, column: int) -> str | None:
        return self._display(row, column) if column == 9 else None

    def _foreground(self, row: OverAllowance, column: int) -> Any:
        return RED if column == 7 else None


class AllowanceScreen(QWidget):
    def __init__(self, db: HubDatabase, clock: Clock = system_clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.job: Job | None = None
        self.check: AllowanceCheck | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Households past their allowance across stores"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        self.model = AllowanceModel(self)
        self.table = make_table_view(self.model, 9)
        layout.addWidget(self.table, 1)
        self.caveats = QLabel("")
        self.caveats.setObjectName("warning")
        self.caveats.setWordWrap(True)
        layout.addWidget(self.caveats)
        buttons = QHBoxLayout()
        self.refresh = QPushButton(self.tr("Refresh"))
        self.refresh.clicked.connect(self.reload)
        buttons.addWidget(self.refresh)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def busy(self) -> bool:
        return self.job is not None

    def reload(self) -> bool:
        if self.job is not None:
            return False
        db = self.db

        def work(_report: Callable[[int, int, object], None], _cancelled: Callable[[], bool]) -> AllowanceCheck:
            return downstream.check_allowance(db)

        self.refresh.setEnabled(False)
        self.verdict.setText(self.tr("Reading…"))
        self.job = Job(work, self)
        self.job.finished.connect(self._shown)
        self.job.failed.connect(self._failed)
        self.job.start()
        return True

    def _shown(self, check: AllowanceCheck) -> None:
        self.job = None
        self.refresh.setEnabled(True)
        self.check = check
        self.model.set_rows(check.rows)
        why = cannot_judge(check, translate)
        self.table.setVisible(why is None and bool(check.rows))
        if why is not None:
            self.verdict.setObjectName("warning")
            self.verdict.setText(why)
        elif not check.rows:
            self.verdict.setObjectName("")
            self.verdict.setText(self.tr("No household went past its allowance across stores."))
        else:
            self.verdict.setObjectName("")
            self.verdict.setText(self.tr("%n household(s) and periods past the allowance of the district's rules, "
                                         "all stores together.", "", len(check.rows)))
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        lang = language()
        self.caveats.setText("\n".join(allowance_caveats(
            check, lambda code: label(HOUSEHOLD_CATEGORIES, code, lang), translate)))

    def _failed(self, error: object) -> None:
        self.job = None
        self.refresh.setEnabled(True)
        self.verdict.setText(describe(error) if isinstance(error, BaseException) else str(error))
