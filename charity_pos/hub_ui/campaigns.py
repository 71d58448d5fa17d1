"""Relief campaigns at the hub (``charity_pos.hub.campaigns``): pick a
campaign and see collected / eligible and the value handed out by store,
the households that collected at two stores (to follow up) and those not
collected yet, for district staff to call, with their phones masked (Ctrl+I
shows the selected household's whole number); *Export .xlsx* writes the same
as a workbook, the calling list with whole numbers. Read off the UI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos.domain.money import format_fen
from charity_pos.errors import PosError
from charity_pos.hub import campaigns
from charity_pos.hub.campaigns import Progress, StoreProgress, Waiting
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub_ui.stores import RED
from charity_pos.hub_ui.worker import Job
from charity_pos.i18n import describe
from charity_pos.reports.words import HOUSEHOLD_CATEGORIES, label
from charity_pos.ui.reports.words import language
from charity_pos.ui.table_model import RowsModel, make_table_view

log = logging.getLogger("charity_pos.hub")


class ProgressModel(RowsModel[StoreProgress]):
    RIGHT = frozenset({2, 3, 4})

    def headers(self) -> list[str]:
        return [self.tr("Store"), self.tr("Name"), self.tr("Collected"), self.tr("Eligible"), self.tr("Value")]

    def _key(self, row: StoreProgress) -> object:
        return row.code

    def _display(self, row: StoreProgress, column: int) -> str:
        return (row.code, row.name, str(row.collected), str(row.eligible), format_fen(row.value_fen))[column]


class WaitingModel(RowsModel[Waiting]):
    RIGHT = frozenset({3})

    def headers(self) -> list[str]:
        return [self.tr("Card"), self.tr("Head"), self.tr("Category"), self.tr("Members"), self.tr("Sub-district"),
                self.tr("Stores"), self.tr("Phone")]

    def _key(self, row: Waiting) -> object:
        return row.card_number

    def _display(self, row: Waiting, column: int) -> str:
        return (row.card_number, row.name_masked, label(HOUSEHOLD_CATEGORIES, row.category, language()),
                str(row.members), row.subdistrict, " / ".join(row.stores), row.phone_masked)[column]


class CampaignsScreen(QWidget):
    def __init__(self, db: HubDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: Job | None = None
        self.progress: Progress | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Relief campaigns"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Campaign"))
        self.picker = QComboBox()
        caption.setBuddy(self.picker)
        self.export_button = QPushButton(self.tr("Export .xlsx"))
        self.export_button.clicked.connect(self.export)
        row.addWidget(caption)
        row.addWidget(self.picker, 1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.summary = QLabel("")
        self.summary.setObjectName("total")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.stores = ProgressModel(self)
        self.stores_table = make_table_view(self.stores, 1)
        layout.addWidget(self.stores_table, 1)
        self.twice = QLabel("")
        self.twice.setWordWrap(True)
        self.twice.setStyleSheet(f"color: {RED.name()}")
        layout.addWidget(self.twice)
        self.waiting_title = QLabel("")
        layout.addWidget(self.waiting_title)
        self.waiting = WaitingModel(self)
        self.waiting_table = make_table_view(self.waiting, 5)
        layout.addWidget(self.waiting_table, 2)
        phone_row = QHBoxLayout()
        self.phone_button = QPushButton(self.tr("Whole phone number (Ctrl+I)"))
        self.phone_button.clicked.connect(self.reveal_phone)
        QShortcut(QKeySequence("Ctrl+I"), self, activated=self.reveal_phone,  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.phone_shown = QLabel("")
        self.phone_shown.setObjectName("total")
        phone_row.addWidget(self.phone_button)
        phone_row.addWidget(self.phone_shown, 1)
        layout.addLayout(phone_row)
        self.waiting_table.selectionModel().currentRowChanged.connect(lambda *_a: self.phone_shown.setText(""))
        self.picker.currentIndexChanged.connect(lambda _i: self.show_progress())

    def busy(self) -> bool:
        return self.job is not None

    def reveal_phone(self) -> str:
        """The selected household's whole phone number, beside the list until another is selected."""
        index = self.waiting_table.currentIndex()
        row = self.waiting.row_at(index.row()) if index.isValid() else None
        if row is None:
            self.phone_shown.setText(self.tr("Select a household of the list first."))
            return ""
        if not row.phone:
            self.phone_shown.setText(self.tr("Card {card}: the sub-district's list gave no phone.").format(
                card=row.card_number))
            return ""
        self.phone_shown.setText(self.tr("Card {card}: {phone}").format(card=row.card_number, phone=row.phone))
        log.info("whole phone of card %s shown on the Campaigns screen", row.card_number)  # the card, not the number
        return row.phone

    def reload(self) -> None:
        """The district's campaigns in the list (the newest first), and the progress of the one chosen."""
        chosen = self.picker.currentData()
        try:
            found = campaigns.campaigns(self.db)
        except PosError as exc:
            self.summary.setText(describe(exc))
            return
        self.picker.blockSignals(True)
        self.picker.clear()
        for info in found:
            self.picker.addItem(f"{info.name} ({info.starts_on.isoformat()} – {info.ends_on.isoformat()})",
                                str(info.id))
        index = self.picker.findData(chosen) if chosen is not None else -1
        self.picker.setCurrentIndex(max(index, 0))
        self.picker.blockSignals(False)
        self.export_button.setEnabled(bool(found))
        if not found:
            self.summary.setText(self.tr("No campaign yet: district staff define one with charity-pos hub campaign add."))
            return
        self.show_progress()

    def show_progress(self) -> bool:
        key = self.picker.currentData()
        if key is None or self.job is not None:
            return False
        db = self.db

        def work(_report: Callable[[int, int, object], None], _cancelled: Callable[[], bool]) -> Progress:
            return campaigns.progress(db, str(key))

        self.summary.setText(self.tr("Reading…"))
        self.job = Job(work, self)
        self.job.finished.connect(self._shown)
        self.job.failed.connect(self._failed)
        self.job.start()
        return True

    def _shown(self, progress: Progress) -> None:
        self.job = None
        self.progress = progress
        self.summary.setText(self.tr("{collected} of {eligible} households collected, {value} handed out").format(
            collected=progress.collected, eligible=progress.eligible, value=format_fen(progress.value_fen)))
        self.stores.set_rows(progress.stores)
        self.twice.setText("\n".join(
            [self.tr("Collected more than once (stores offline from each other), to follow up:")]
            + [f"{t.card_number} {t.name_masked}: " + "; ".join(f"{code} {number}" for code, number, _at
                                                                in t.collections) for t in progress.twice])
            if progress.twice else "")
        self.waiting_title.setText(self.tr("Not collected yet: %n household(s), to call", "", len(progress.waiting)))
        self.waiting.set_rows(progress.waiting)
        self.phone_shown.setText("")
        if self.picker.currentData() != str(progress.campaign.id):  # another campaign chosen meanwhile
            self.show_progress()

    def _failed(self, error: object) -> None:
        self.job = None
        self.summary.setText(describe(error) if isinstance(error, BaseException) else str(error))

    # --- what tests replace -----------------------------------------------------------------
    def choose_file(self, name: str) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export the campaign's progress"),
                                                    str(Path.home() / name), self.tr("Excel workbooks (*.xlsx)"))
        return Path(path) if path else None

    def export(self) -> Path | None:
        progress = self.progress
        if progress is None:
            return None
        path = self.choose_file(f"{progress.campaign.name}.xlsx")
        if path is None:
            return None
        from charity_pos import export
        from charity_pos.hub.service import protected

        try:
            protect = protected(self.db)
            report: Any = campaigns.progress_report(progress, campaigns.district_name(self.db))
            written = export.write_report(report, path.with_suffix(".xlsx"), protect=protect)
        except PosError as exc:
            self.summary.setText(describe(exc))
            return None
        self.summary.setText(self.tr("Written to {path}.").format(path=written))
        return written
