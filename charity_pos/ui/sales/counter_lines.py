"""Lines being counted up at the counter, as the sale's ticket and the
handout's basket both keep them (in a ``table_model.LinesModel``): the
table, and what the keys do to it alike (↑ ↓ through the lines, Ctrl+F to
find goods, F6 for the quantity, Del to remove a line).

What a line is and how adding or changing it is judged stays with each
screen: ``add`` and ``set_quantity`` are theirs. So are the words: Qt
translates ``tr()`` by the class it is written in, and the two screens say
the same English differently in Chinese (商品 at the sale, 物品 at the
handout), so each editor gives its own ``words()``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from charity_pos.domain.quantities import parse_quantity
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.ui.sales.dialogs import ValueDialog
from charity_pos.ui.sales.scan import ScanEntry
from charity_pos.ui.table_model import LinesModel, make_table_view


class DialogHost(Protocol):
    """The screen the lines are on: it runs their dialogs (tests replace that)."""

    def run_dialog(self, dialog: QDialog) -> int: ...


@dataclass(frozen=True)
class LineWords:
    """What the keys say about the lines, translated by the editor's own ``tr``."""

    no_line: str  # No line yet: scan the goods first.
    find_hint: str  # how to find goods by name
    quantity: str  # the title of the quantity dialog
    quantity_of: str  # its caption, with {name}
    quantity_hint: str  # what to type in it
    removed: str  # a line was removed, with {name}


class LinesEditor(QObject):
    """Makes the table of lines (the screen lays it out, with the scan field)
    and acts on it. The scan field adds goods (``add``), ``3*`` sets the
    current line's quantity (``set_quantity``), ↑ ↓ and Del act on the lines."""

    def __init__(self, host: DialogHost, widget: QWidget, entry: ScanEntry,
                 make_model: Callable[[QObject], LinesModel[Any]]) -> None:
        super().__init__(widget)
        self.host = host
        self.widget = widget  # the parent of dialogs
        self.entry = entry
        self.model = make_model(self)
        self.table = make_table_view(self.model, stretch=self.model.NAME, whole_columns=True,
                                     give_way=self.model.GIVE_WAY)
        self.table.setObjectName("ticket")
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(True)
        self.entry.scanned.connect(self.add)
        self.entry.quantity_typed.connect(self.set_quantity)
        self.entry.step.connect(self.step)
        self.entry.delete_line.connect(self.remove_line)

    # --- what a subclass gives ------------------------------------------------
    def add(self, found: Any, quantity: int = 1) -> int:
        """Goods the scan field found; returns the line's row, -1 if refused."""
        raise NotImplementedError

    def set_quantity(self, quantity: int) -> bool:
        """The current line's quantity."""
        raise NotImplementedError

    def words(self) -> LineWords:
        """What the keys say, each string through the subclass's ``self.tr``."""
        raise NotImplementedError

    # --- the current line -------------------------------------------------------
    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def current_row(self) -> int:
        index = self.table.currentIndex()
        if index.isValid() and index.row() < self.model.rowCount():
            return index.row()
        return self.model.rowCount() - 1

    def step(self, delta: int) -> None:
        if self.model.rowCount():
            self.select_row(max(0, min(self.model.rowCount() - 1, self.current_row() + delta)))

    def _current_line(self) -> tuple[int, Any]:
        row = self.current_row()
        line = self.model.line_at(row)
        if line is None:
            self.entry.say(self.words().no_line, warning=True)
        return row, line

    # --- the keys -----------------------------------------------------------------
    def find_item(self) -> None:
        """Ctrl+F: search by name or pinyin initials in the scan field."""
        self.entry.focus()
        self.entry.field.selectAll()
        if self.entry.text():
            self.entry.show_matches()
        else:
            self.entry.say(self.words().find_hint)

    def ask_quantity(self) -> bool:
        """F6: the number typed before it, or one asked for."""
        _row, line = self._current_line()
        if line is None:
            return False
        words = self.words()
        text = self._value(words.quantity, words.quantity_of.format(name=line.name), words.quantity_hint,
                           str(line.quantity))
        if text is None:
            return False
        try:
            return self.set_quantity(parse_quantity(text))
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return False

    def remove_line(self) -> None:
        """Del: the current line goes."""
        row = self.current_row()
        line = self.model.remove(row)
        if line is None:
            self.entry.say(self.words().no_line, warning=True)
            return
        self.entry.say(self.words().removed.format(name=line.name))
        self.select_row(min(row, self.model.rowCount() - 1))

    def _value(self, title: str, caption: str, hint: str, current: str = "") -> str | None:
        """The number typed in the scan field before the key, or one asked for."""
        typed = self.entry.typed_value()
        if typed is not None:
            self.entry.clear()
            return typed
        dialog = ValueDialog(title, caption, hint, current, self.widget)
        accepted = self.host.run_dialog(dialog) == QDialog.DialogCode.Accepted
        self.entry.focus()
        return dialog.value() if accepted else None
