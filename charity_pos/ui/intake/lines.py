"""The table of donation lines, edited from the keyboard: arrows move,
Enter edits a cell (a list for condition and valuation; 1, 2, 3 choose
without it), Del removes the line, Esc goes back to scanning."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from charity_pos.ui.intake.model import LinesModel
from charity_pos.ui.table_model import FittingTable

Index = QModelIndex | QPersistentModelIndex


#: The object name of every cell editor: theme.py gives it its border and colours.
EDITOR_NAME = "cellEditor"


class TextDelegate(QStyledItemDelegate):
    """A plain text field for quantity, value and date, filling its cell
    exactly: dark text on white inside a green border at the row's height
    (a spin box's arrows left no room for the digits in a narrow column).
    The model checks what was typed and says what is wrong."""

    #: The widest text each column is sized for, so the editor has room.
    WIDEST = {LinesModel.QUANTITY: "99999", LinesModel.UNIT_VALUE: "¥9,999.00", LinesModel.EXPIRY: "2026-09-30"}

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName(EDITOR_NAME)
        editor.setFont(option.font)
        if index.column() != LinesModel.EXPIRY:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setText("" if value is None else str(value))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        editor.setGeometry(option.rect)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        widest = self.WIDEST.get(index.column(), "")
        return hint.expandedTo(QSize(option.fontMetrics.horizontalAdvance(widest) + 16, hint.height()))


class ChoiceDelegate(QStyledItemDelegate):
    """A list to choose from, for the condition and valuation columns. It
    opens at once; arrows and Enter (or a click) choose. The numbers shown
    are the keys that choose without opening it."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName(EDITOR_NAME)
        model = index.model()
        for number, (label, value) in enumerate(model.choices(index.column()) if isinstance(model, LinesModel)
                                                else [], start=1):
            combo.addItem(f"{number}  {label}", value)
        combo.activated.connect(lambda _i: self._chosen(combo))
        QTimer.singleShot(0, combo, combo.showPopup)
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QAbstractItemDelegate.EndEditHint.NoHint)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        editor.setGeometry(option.rect)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class LinesTable(FittingTable):
    """The donation's lines; short of room, the name column keeps its
    heading and ten characters (``FittingTable``) and the table scrolls
    sideways rather than cut it."""

    remove_requested = Signal()
    back_to_scan = Signal()
    #: A cell editor closed (its value kept or not).
    editor_closed = Signal()

    def __init__(self, model: LinesModel, parent: QWidget | None = None) -> None:
        super().__init__(LinesModel.NAME)
        if parent is not None:
            self.setParent(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(True)
        self._choices = ChoiceDelegate(self)
        self._text = TextDelegate(self)
        for column in TextDelegate.WIDEST:
            self.setItemDelegateForColumn(column, self._text)
        self.setItemDelegateForColumn(LinesModel.CONDITION, self._choices)
        self.setItemDelegateForColumn(LinesModel.VALUATION, self._choices)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
                return
        index = self.currentIndex()
        if not editing and index.column() in (LinesModel.CONDITION, LinesModel.VALUATION) and event.text() in (
                "1", "2", "3"):
            model = self.model()
            if isinstance(model, LinesModel):
                model.setData(index, model.choices(index.column())[int(event.text()) - 1][1])
            return
        if not editing and key == Qt.Key.Key_Delete:
            self.remove_requested.emit()
            return
        if not editing and key == Qt.Key.Key_Escape:
            self.back_to_scan.emit()
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.editor_closed.emit()

    def commit_editor(self) -> None:
        """Keep what is being typed in a cell (Ctrl+S pressed mid-edit)."""
        editor = QApplication.focusWidget()
        if editor is not None and editor is not self and self.viewport().isAncestorOf(editor):
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
