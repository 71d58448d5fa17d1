"""The register of households in hardship, for managers: find a household,
register a new one, suspend or reactivate its card, see the whole ID number
(logged), its handouts this period, import the sub-district's list, and the
quota rules. Names and ID numbers are shown masked, always."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain import pinyin
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services import household_import
from charity_pos.services.base import Actor, Changes, Entity, Role, local_date
from charity_pos.services.households import HouseholdRow
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.background import Background
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.households.dialogs import NewHouseholdDialog, RevealDialog, SuspendDialog
from charity_pos.ui.households.history import HandoutsDialog
from charity_pos.ui.households.importing import ImportPreviewDialog
from charity_pos.ui.households.model import HouseholdLine, HouseholdTableModel, line_of, matches
from charity_pos.ui.households.rules import QuotaRulesDialog
from charity_pos.ui.flow import FlowLayout
from charity_pos.ui.screen import ListScreen
from charity_pos.ui.session import unguarded
from charity_pos.ui.table_model import MiddleElided

SEARCH_DELAY_MS = 200


class HouseholdsScreen(ListScreen):
    roles = frozenset({Role.MANAGER})
    entities = frozenset({Entity.HOUSEHOLDS})
    shortcut = "Ctrl+H"
    search_delay_ms = SEARCH_DELAY_MS
    model: HouseholdTableModel

    ALL, IN_USE, SUSPENDED, LAPSED = range(4)

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())

        bar = QHBoxLayout()
        self.make_list(HouseholdTableModel(self), HouseholdTableModel.STATUS,
                       self.tr("Card number, name or its pinyin initials, ID digits, sub-district (Ctrl+F)"),
                       give_way=HouseholdTableModel.GIVE_WAY, readable=4)  # 已暂停：… (the reason on hover)
        self.table.setItemDelegateForColumn(HouseholdTableModel.ID, MiddleElided(self.table))
        self.show_only = QComboBox()
        for text in (self.tr("All households"), self.tr("Cards in use"), self.tr("Suspended"),
                     self.tr("Lapsed")):
            self.show_only.addItem(text)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.show_only)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.new_button = QPushButton(self.tr("New household (Ctrl+N)"))
        self.suspend_button = QPushButton(self.tr("Suspend… (Ctrl+T)"))
        self.reveal_button = QPushButton(self.tr("Whole ID number… (Ctrl+I)"))
        self.handouts_button = QPushButton(self.tr("Handouts this period (Ctrl+J)"))
        self.import_button = QPushButton(self.tr("Import spreadsheet… (Ctrl+O)"))
        self.rules_button = QPushButton(self.tr("Quota rules… (Ctrl+R)"))
        buttons = FlowLayout(fill=True)  # wraps to the width: the screen fits 1024x768 in any language
        for button in (self.new_button, self.suspend_button, self.reveal_button,
                       self.handouts_button, self.import_button, self.rules_button):
            buttons.addWidget(button)
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")
        row = QHBoxLayout()
        row.addLayout(buttons, 1)
        row.addWidget(self.count_label)
        layout.addLayout(row)

        self.search.returnPressed.connect(self._search_entered)
        self.show_only.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda _s, _d: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.bind_keys([
            (self.new_button, "Ctrl+N", self.new_household),
            (self.suspend_button, "Ctrl+T", self.suspend_or_reactivate),
            (self.reveal_button, "Ctrl+I", self.reveal_id), (self.handouts_button, "Ctrl+J", self.show_handouts),
            (self.import_button, "Ctrl+O", self.import_spreadsheet), (self.rules_button, "Ctrl+R", self.open_rules),
        ])
        self.table.doubleClicked.connect(lambda _i: self.show_handouts())
        #: the spreadsheet read and checked off the UI thread
        self.background = Background(self, lambda error: self.feedback.error(self, error))
        self._update_buttons()
        self.fill_soon()  # up at once, its list a moment later

    def title(self) -> str:
        return self.tr("Households")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Households: Ctrl+F search, Ctrl+N new, Ctrl+T suspend or reactivate, Ctrl+I whole ID "
                        "number, Ctrl+J handouts, Ctrl+O import, Ctrl+R quota rules")]

    def filled(self) -> None:
        """The list is in: load the readings table (``pinyin_data``) off the UI
        thread, ready for the first search by a name's initials. Only the
        table: no household's name is worked out ahead or kept (``matches``)."""
        self.soon_ahead_of_time(lambda: pinyin.warm(("住户",)))

    # --- the list ---------------------------------------------------------------------
    def refresh(self) -> None:
        self._timer.stop()
        selected = self.selected()
        today = local_date(self.services.ctx.now())
        text = self.search.text()
        lines = [self._line(row, today) for row in self.services.households.households() if matches(row, text)]
        wanted = self.show_only.currentIndex()
        if wanted == self.IN_USE:
            lines = [line for line in lines if line.in_use]
        elif wanted == self.SUSPENDED:
            lines = [line for line in lines if line.status == "suspended" and not line.erased]
        elif wanted == self.LAPSED:
            lines = [line for line in lines if line.lapsed or line.erased]
        self.model.set_rows(lines)
        self.count_label.setText(self.tr("%n household(s) shown", "", len(lines)))
        if selected is not None:
            self.select(selected.id)

    def _line(self, row: HouseholdRow, today: date) -> HouseholdLine:
        return line_of(row, today, row.status_reason if row.status == "suspended" else "")

    def _search_entered(self) -> None:
        """Enter in the search field: a scanned card number picks its household."""
        self.refresh()
        code = "".join(self.search.text().split()).upper()
        number = self.model.row_where(lambda line: line.card_number == code)
        if number < 0 and self.model.rowCount():
            number = 0
        if number >= 0:
            self.table.selectRow(number)
            self.table.setFocus()

    def _update_buttons(self) -> None:
        line = self.selected()
        suspended = line is not None and line.status == "suspended"
        self.suspend_button.setText(self.tr("Reactivate (Ctrl+T)") if suspended else self.tr("Suspend… (Ctrl+T)"))
        self.suspend_button.setEnabled(line is not None and not line.erased and line.status != "expired")
        self.reveal_button.setEnabled(line is not None and not line.erased)
        self.handouts_button.setEnabled(line is not None)

    def _done(self, changes: Changes | None) -> None:
        if changes is None:
            return
        self.changed.emit(changes)
        if changes.ids:
            if self.model.row_of(changes.ids[0]) < 0:  # a new household the search hides
                self.search.clear()
                self.show_only.setCurrentIndex(self.ALL)
                self.refresh()
            self.select(changes.ids[0])

    # --- the actions -----------------------------------------------------------------
    def new_household(self) -> None:
        dialog = NewHouseholdDialog(self.services, self.actor, self)
        if self.run_dialog(dialog) == QDialog.DialogCode.Accepted:
            self._done(dialog.changes)

    def suspend_or_reactivate(self) -> None:
        line = self.selected()
        if line is None or line.erased or line.status == "expired":
            return
        if line.status == "suspended":
            if not self.feedback.confirm(self, self.tr("Reactivate card"), self.tr(
                    "Put card {card} ({name}) back in use?").format(card=line.card_number, name=line.name_masked)):
                return
            try:
                changes = self.services.household_status.reactivate(self.actor, line.id)
            except PosError as exc:
                self.feedback.error(self, exc)
                return
            self._done(changes)
            return
        dialog = SuspendDialog(self.services, self.actor, line, self)
        if self.run_dialog(dialog) == QDialog.DialogCode.Accepted:
            self._done(dialog.changes)

    def reveal_id(self) -> None:
        line = self.selected()
        if line is None or line.erased:
            return
        if not self.feedback.confirm(self, self.tr("Whole ID number"), self.tr(
                "The whole ID number of card {card} ({name}) will be shown. This is written to the audit log "
                "under your name. Show it?").format(card=line.card_number, name=line.name_masked)):
            return
        try:
            number = self.services.households.reveal_id(self.actor, line.id)
        except PosError as exc:
            self.feedback.error(self, exc)
            return
        dialog = RevealDialog(line, number, self)
        del number
        self.run_dialog(dialog)
        dialog.deleteLater()

    def show_handouts(self) -> None:
        line = self.selected()
        if line is not None:
            self.run_dialog(HandoutsDialog(self.services, line, self))

    def open_rules(self) -> None:
        dialog = QuotaRulesDialog(self.services, self.actor, self.feedback, self)
        dialog.saved.connect(self.changed.emit)
        self.run_dialog(dialog)

    def import_spreadsheet(self) -> bool:
        """Choose the sub-district's list; it is read and checked off the UI
        thread (``background``), then previewed. False: nothing started."""
        if self.background.busy():
            return False
        path = self.choose_file()
        if path is None:
            return False
        households, ended = unguarded(self.services.households)
        return self.background.run(self.tr("Reading {file}…").format(file=path.name),
                                   lambda _report, _cancelled: household_import.preview(households, path, describe),
                                   lambda result: self._preview(path, result), ended=ended, cancellable=True)

    def _preview(self, path: Path, result: household_import.ImportPreview) -> None:
        dialog = ImportPreviewDialog(self.services, self.actor, path, result, self)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        if dialog.changes is not None:
            self.changed.emit(dialog.changes)
        lines = []
        if dialog.changes is not None:
            lines.append(self.tr("Imported %n household(s).", "", len(result.good)))
        else:
            lines.append(self.tr("No household was imported."))
        if dialog.written is not None:
            lines.append(self.tr("The %n row(s) to correct were written to {file}.", "", len(result.bad)).format(
                file=str(dialog.written)))
        if dialog.rejects_error is not None:
            lines.append(describe(dialog.rejects_error))
        self.feedback.info(self, self.tr("Import households"), "\n".join(lines))

    # --- what tests replace -------------------------------------------------------------
    def choose_file(self) -> Path | None:
        """Ask for the sub-district's list; tests replace this."""
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import households"), str(Path.home()),
            self.tr("Spreadsheets (*.xlsx *.csv)"))
        return Path(name) if name else None
