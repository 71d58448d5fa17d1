"""The district's household registry, masked, with a search; importing a
sub-district's spreadsheet into it (good rows in, bad rows to a reject file)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget

from charity_pos.hub import overview
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.overview import HouseholdRow
from charity_pos.hub.registry import RegistryImport, import_households
from charity_pos.hub_ui.worker import Job
from charity_pos.i18n import describe
from charity_pos.services import household_import
from charity_pos.services.base import Clock, system_clock
from charity_pos.ui.households.words import category_name
from charity_pos.ui.table_model import RowsModel, make_table_view


class RegistryModel(RowsModel[HouseholdRow]):
    RIGHT = frozenset({3})

    def headers(self) -> list[str]:
        return [self.tr("Card"), self.tr("Head"), self.tr("ID number"), self.tr("Members"), self.tr("Category"),
                self.tr("Sub-district"), self.tr("Valid to"), self.tr("Status")]

    def _key(self, row: HouseholdRow) -> object:
        return row.card_number

    def status_text(self, status: str) -> str:
        """A card's state as a word (在用, not ``active``); a state this app does not know, as it is."""
        words = {"active": self.tr("In use"), "suspended": self.tr("Suspended"), "expired": self.tr("Lapsed"),
                 "erased": self.tr("Personal data erased")}
        return words.get(status, status)

    def _display(self, row: HouseholdRow, column: int) -> str:
        values = (row.card_number, row.name_masked, row.id_masked, str(row.members), category_name(row.category),
                  row.subdistrict, row.valid_to.isoformat(), self.status_text(row.status))
        return values[column]


class RegistryScreen(QWidget):
    def __init__(self, db: HubDatabase, clock: Clock = system_clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.job: Job | None = None
        self.last_import: RegistryImport | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("District registry"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search card number, sub-district or name"))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.import_button = QPushButton(self.tr("Import spreadsheet…"))
        self.import_button.clicked.connect(self._choose)
        top.addWidget(self.search, 1)
        top.addWidget(self.import_button)
        layout.addLayout(top)
        self.model = RegistryModel(self)
        self.table = make_table_view(self.model, 1)
        layout.addWidget(self.table, 2)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        self.rejects = QListWidget()
        layout.addWidget(self.rejects, 1)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(overview.households(self.db, self.search.text()))

    # --- importing (tests replace choose_spreadsheet) --------------------------------------------
    def choose_spreadsheet(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose the sub-district's list"), "",
                                                    self.tr("Spreadsheets (*.xlsx *.csv)"))
        return Path(name) if name else None

    def _choose(self) -> None:
        path = self.choose_spreadsheet()
        if path is not None:
            self.import_spreadsheet(path)

    def import_spreadsheet(self, path: Path) -> bool:
        if self.job is not None:
            return False
        db, clock = self.db, self.clock

        def work(_report: Callable[[int, int, object], None], _cancelled: Callable[[], bool]) -> RegistryImport:
            return import_households(db, path, describe, clock=clock)

        self.rejects.clear()
        self.result.setText(self.tr("Importing {name}…").format(name=path.name))
        self.import_button.setEnabled(False)
        self.job = Job(work, self)
        self.job.finished.connect(self._imported)
        self.job.failed.connect(self._failed)
        self.job.start()
        return True

    def _imported(self, done: Any) -> None:
        self.job = None
        self.import_button.setEnabled(True)
        self.last_import = done
        bad = done.preview.bad
        text = self.tr("%n household(s) imported, {rejected} rejected.", "", done.imported).format(rejected=len(bad))
        if done.rejects is not None:
            text += " " + self.tr("Rows to correct written to {path}.").format(path=done.rejects)
        if done.rejects_error is not None:
            text += " " + describe(done.rejects_error)
        self.result.setText(text)
        for row in bad:
            self.rejects.addItem(self.tr("Row {row} ({household}): {reasons}").format(
                row=row.row_number, household=row.household, reasons=household_import.reasons_text(row.reasons)))
        self.reload()

    def _failed(self, error: object) -> None:
        self.job = None
        self.import_button.setEnabled(True)
        self.result.setText(describe(error) if isinstance(error, BaseException) else str(error))
