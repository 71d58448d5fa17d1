"""Stock (库存): the lots on hand with their goods, lot code, where they
came from, best-before date and units; find them by barcode, name or pinyin
as in the catalog. Ctrl+W writes goods off from the lot selected (报损);
Ctrl+P prints the last write-off's document (报损单, A4) and Ctrl+E saves it
as a PDF: the one just made, else the store's latest."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos.errors import PosError
from charity_pos.services.base import Actor, Entity, local_date
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.printing import store_output
from charity_pos.ui.screen import ListScreen
from charity_pos.ui.stock.model import LotsModel
from charity_pos.ui.stock.writeoff import WriteoffDialog

SEARCH_DELAY_MS = 200
LIMIT = 500


class StockScreen(ListScreen):
    entities = frozenset({Entity.STOCK, Entity.ITEMS})
    shortcut = "Ctrl+Shift+S"
    search_delay_ms = SEARCH_DELAY_MS
    model: LotsModel

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())
        self.make_list(LotsModel(self, local_date(services.ctx.now())), LotsModel.NAME,
                       self.tr("Scan a barcode or a lot's label, or type a name or pinyin initials (Ctrl+F)"),
                       give_way=LotsModel.GIVE_WAY)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.output = store_output(self, services)
        self.last_number: str | None = None
        self.writeoff_button = QPushButton(self.tr("Write off… (Ctrl+W)"))
        self.print_button = QPushButton(self.tr("Print write-off (Ctrl+P)"))
        self.pdf_button = QPushButton(self.tr("As PDF (Ctrl+E)"))
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")
        self.last_label = QLabel("")
        self.last_label.setObjectName("notice")
        buttons.addWidget(self.writeoff_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.last_label, 1)
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)
        self.bind_keys([(self.writeoff_button, "Ctrl+W", self.write_off_selected),
                        (self.print_button, "Ctrl+P", lambda: self.paper(to_file=False)),
                        (self.pdf_button, "Ctrl+E", lambda: self.paper(to_file=True))])
        self.search.returnPressed.connect(self._search_entered)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, activated=self.write_off_selected,  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.fill_soon()

    def title(self) -> str:
        return self.tr("Stock")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Stock: Ctrl+F search, Ctrl+W write off from the lot selected (keys 1-6 the reason), "
                        "Ctrl+P print the last write-off, Ctrl+E as PDF")]

    def refresh(self) -> None:
        self._timer.stop()
        selected = self.selected()
        rows = self.services.writeoffs.lots_on_hand(self.search.text(), LIMIT)
        self.model.today = local_date(self.services.ctx.now())
        self.model.set_rows(rows)
        shown = len(rows)
        self.count_label.setText(
            self.tr("%n lot(s) shown (first {limit})", "", shown).format(limit=LIMIT) if shown >= LIMIT
            else self.tr("%n lot(s) shown", "", shown))
        if selected is not None:
            self.select(selected.lot_id)

    def _search_entered(self) -> None:
        """Enter in the search field: the first lot found is selected, ready for Ctrl+W."""
        self.refresh()
        if self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()

    def write_off_selected(self) -> None:
        lot = self.selected()
        if lot is None:
            self.feedback.info(self, self.tr("Write off goods"), self.tr("Choose a lot first: find it, then ↓ and Ctrl+W."))
            return
        dialog = WriteoffDialog(self.services, self.actor, self.ask, lot, self)
        if self.run_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.changes is not None:
            self.last_number = dialog.changes.number
            self.last_label.setText(self.tr("Written off: {number}").format(number=dialog.changes.number))
            self.changed.emit(dialog.changes)
            self.refresh()

    def paper(self, *, to_file: bool) -> Path | None:
        """The last write-off's document (报损单): printed, or saved as a PDF (its path)."""
        from charity_pos.printing.writeoff import PAGE, render_writeoff

        try:
            number = self.last_number
            if number is None:
                made = self.services.writeoffs.writeoffs(self.actor)
                number = made[0].number if made else None
            if number is None:
                self.feedback.info(self, self.tr("Write off goods"), self.tr("No goods have been written off yet."))
                return None
            paper = self.services.writeoffs.paper(self.actor, number)
        except PosError as exc:
            self.feedback.error(self, exc)
            return None
        if to_file:
            return self.output.save_pdf_as(self, lambda path: render_writeoff(paper, path), f"报损单-{number}.pdf")
        self.output.make_and_print(self, lambda path: render_writeoff(paper, path), PAGE)
        return None
