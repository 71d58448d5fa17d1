"""Importing the sub-district's list: the preview of a chosen file (how many
rows are good, every bad row with its reasons, names and ID numbers
masked), then the good rows imported in one transaction and the bad ones
written beside the file for correcting."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos import files
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services import household_import
from charity_pos.services.base import Actor, Changes
from charity_pos.services.household_import import BadRow, ImportPreview
from charity_pos.services.registry import Services
from charity_pos.ui.background import Background
from charity_pos.ui.session import unguarded
from charity_pos.ui.table_model import RowsModel, make_table_view

log = logging.getLogger("charity_pos.households")


@dataclass(frozen=True)
class BadLine:
    """A bad row as the preview shows it: masked, without the row's cells."""

    row_number: int
    card_number: str
    name_masked: str
    id_masked: str
    reasons: tuple[str, ...]


def bad_line(row: BadRow) -> BadLine:
    # The service masked the values of names, ID numbers and certificates.
    return BadLine(row.row_number, row.values.get("card_number", ""), row.values.get("head_name", ""),
                   row.values.get("id_number", ""), tuple(row.reasons))


class BadRowsModel(RowsModel[BadLine]):
    ROW, CARD, NAME, ID, REASONS = range(5)
    RIGHT = frozenset({ROW})

    def headers(self) -> list[str]:
        return [self.tr("Row"), self.tr("Card number"), self.tr("Head of household"), self.tr("ID number"),
                self.tr("Why it cannot be imported")]

    def _key(self, row: BadLine) -> object:
        return row.row_number

    def _display(self, row: BadLine, column: int) -> str:
        if column == self.ROW:
            return str(row.row_number)
        if column == self.CARD:
            return row.card_number
        if column == self.NAME:
            return row.name_masked
        if column == self.ID:
            return row.id_masked
        return household_import.reasons_text(row.reasons)

    def _tooltip(self, row: BadLine, column: int) -> str | None:
        return "\n".join(row.reasons) if column == self.REASONS else None


class ImportPreviewDialog(QDialog):
    """Shows a preview; its import button saves the good rows (all or none)
    and writes the bad ones to ``rejects``. ``changes`` and ``written`` tell
    what happened."""

    def __init__(self, services: Services, actor: Actor, path: Path, result: ImportPreview,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.path, self.preview = services, actor, path, result
        self.rejects = household_import.rejects_path(path)
        self.changes: Changes | None = None
        self.written: Path | None = None
        self.rejects_error: PosError | None = None
        self.setWindowTitle(self.tr("Import households from {file}").format(file=path.name))
        self.resize(980, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("{rows}: {good} can be imported, {bad} must be corrected first.").format(
            rows=self.tr("%n row(s)", "", result.total), good=len(result.good), bad=len(result.bad)))
        self.summary.setObjectName("notice")
        layout.addWidget(self.summary)
        self.model = BadRowsModel(self)
        self.model.set_rows(bad_line(row) for row in result.bad)
        self.table = make_table_view(self.model, stretch=BadRowsModel.REASONS)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("The rows to correct, with their reasons, will be written to {file}. Nothing is "
                              "imported unless every good row is.").format(file=str(self.rejects))
                      if result.bad else self.tr("Every row can be imported."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.problem = QLabel("")
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        text = (self.tr("Import %n good row(s)", "", len(result.good)) if result.good
                else self.tr("Write the rows to correct"))
        self.import_button = QPushButton(text)
        self.import_button.setObjectName("primary")
        self.import_button.setEnabled(bool(result.good or result.bad))
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.import_button.setFocus()
        #: the import, run off the UI thread; a refusal is said in ``problem``
        self.background = Background(self, self._refused)

    def accept(self) -> None:
        """The reject file is written next to its final name first, so a
        path that cannot take it stops the import before it starts; it
        takes its name once the good rows are in (``import_with_rejects``).
        Should only that last step fail, the dialog closes all the same and
        ``rejects_error`` says how many households went in. The import runs
        off the UI thread (``background``); the dialog closes when it is done."""
        if self.background.busy():
            return
        households, ended = unguarded(self.services.households)
        actor, preview, path = self.actor, self.preview, self.path
        protect = files.store_files(self.services.db.path, self.services.store().id)
        self.problem.setText("")
        self.import_button.setEnabled(False)
        self.background.run(
            self.tr("Importing the good rows…"),
            lambda _report, _cancelled: household_import.import_with_rejects(
                preview, path, lambda good: households.import_households(actor, good), protect),
            self._imported, ended=ended)

    def _refused(self, error: BaseException) -> None:
        self.problem.setText(describe(error))
        self.import_button.setEnabled(True)

    def _imported(self, done: household_import.ImportOutcome[Changes]) -> None:
        self.changes, self.written, self.rejects_error = done.saved, done.rejects, done.rejects_error
        if done.rejects_error is not None:
            log.warning("household import: the reject file was not put in place")
        super().accept()
