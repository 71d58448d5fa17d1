"""Tables of plain rows: a QAbstractTableModel over a Python list, the
numbered lines counted up at the counter, and the read-only table view the
screens show one in."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex,
                            QSize, Qt)
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem,
                               QTableView, QToolTip)

from charity_pos.errors import InvalidInput

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class RowsModel(QAbstractTableModel, Generic[T]):
    """A table over a list of rows of type ``T``, one row a line.

    A subclass gives its column titles in ``headers()`` (calling ``self.tr``
    there, so the strings keep the subclass as translation context) and the
    text of a cell in ``_display()``; when it wants them, the other roles in
    ``_edit_value()``, ``_foreground()``, ``_background()`` and
    ``_tooltip()``, and what ``row_of()`` looks rows up by in ``_key()``.
    Columns in ``RIGHT`` are right-aligned; ``UserRole`` gives the row."""

    #: Columns whose text is right-aligned (numbers, amounts).
    RIGHT: frozenset[int] = frozenset()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._headers = self.headers()

    # --- what a subclass gives ------------------------------------------
    def headers(self) -> list[str]:
        """The column titles, in column order; called once, when the model is made."""
        raise NotImplementedError

    def _display(self, row: T, column: int) -> str:
        """The text of a cell."""
        raise NotImplementedError

    def _key(self, row: T) -> object:
        """What ``row_of`` looks rows up by."""
        raise NotImplementedError

    def _edit_value(self, row: T, column: int) -> Any:
        return None

    def _foreground(self, row: T, column: int) -> Any:
        return None

    def _background(self, row: T, column: int) -> Any:
        return None

    def _tooltip(self, row: T, column: int) -> str | None:
        return None

    # --- the rows ---------------------------------------------------------
    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_where(self, test: Callable[[T], bool]) -> int:
        """The number of the first row that passes ``test``; -1 if none does."""
        return next((number for number, row in enumerate(self._rows) if test(row)), -1)

    def row_of(self, key: object) -> int:
        """The number of the row whose ``_key`` is ``key``; -1 if none is."""
        return self.row_where(lambda row: self._key(row) == key)

    # --- Qt's side --------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (_DISPLAY, _TOOLTIP) and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]  # the tooltip: the whole heading, when a narrow column elides it
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The table asks for every role of each cell it measures or paints, thousands of times on
        # a screen's first visit: the roles no row gives are answered first, and the roles and
        # alignments are compared as the plain numbers made once below (looking an enum up, or
        # combining two flags, costs more than the rest of the call).
        if role not in _ROLES or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        row = self._rows[number]
        column = index.column()
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _ALIGNMENT:
            return _RIGHT if column in self.RIGHT else _LEFT
        if role == _FOREGROUND:
            return self._foreground(row, column)
        if role == _BACKGROUND:
            return self._background(row, column)
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == _EDIT:
            return self._edit_value(row, column)
        return row  # UserRole


_DISPLAY, _EDIT, _ALIGNMENT, _FOREGROUND, _BACKGROUND, _TOOLTIP, _ROW = (int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.UserRole))
#: The roles a row gives something for (a role given as Qt's enum is found here too: it is an int).
_ROLES = frozenset({_DISPLAY, _EDIT, _ALIGNMENT, _FOREGROUND, _BACKGROUND, _TOOLTIP, _ROW})
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Line(Protocol):
    """What a ``LinesModel`` counts: so many of some goods, sent to a service as a draft."""

    quantity: int

    @property
    def name(self) -> str: ...

    def draft(self) -> Any: ...


L = TypeVar("L", bound=Line)


class LinesModel(RowsModel[L]):
    """The lines of the sale's ticket or the handout's basket, numbered 1, 2,
    3 down the side. A subclass adds lines (with ``_append``) and changes
    them (then ``_changed``) as its screen allows."""

    #: The column of the goods' name, the one that takes the table's spare width.
    NAME = 0
    #: Columns of words that narrow to their heading when the table is short of room.
    GIVE_WAY: tuple[int, ...] = ()

    def lines(self) -> list[L]:
        return self.rows()

    def line_at(self, row: int) -> L | None:
        return self.row_at(row)

    def remove(self, row: int) -> L | None:
        if not 0 <= row < len(self._rows):
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        line = self._rows.pop(row)
        self.endRemoveRows()
        return line

    def clear(self) -> None:
        self.set_rows([])

    def drafts(self) -> tuple[Any, ...]:
        return tuple(line.draft() for line in self._rows)

    def units(self) -> int:
        return sum(line.quantity for line in self._rows)

    def _append(self, line: L) -> int:
        """A new last line; returns its row."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(line)
        self.endInsertRows()
        return row

    def _line(self, row: int) -> L:
        line = self.row_at(row)
        if line is None:
            raise InvalidInput(field="lines", value=row, reason="empty")
        return line

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return super().headerData(section, orientation, role)


class FittingTable(QTableView):
    """A table whose one stretching column takes the room the others leave,
    but never so little that its heading or its rows' first ten characters
    (as wide as the text is: ten Chinese characters are twice ten letters)
    are cut: then it keeps that width, its text elided. Short of room still,
    the columns that may give way (``give_way``: words such as a category or
    a status, never a figure) narrow, first as far as their heading, then as
    far as two characters (``SHORTEST``, their heading elided too), then
    headings wider than their figures elide, and last the stretching column
    gives up characters down to ``least_readable_width``, so that quantities
    and amounts stay in view; only then does the table scroll sideways. A cell or heading shown elided shows its whole text
    when the pointer rests on it."""

    #: Characters of the stretching column always shown, as they are: ten of a Chinese goods name
    #: (金龙鱼东北大米 2.5 tells one bag from the next) are twice as wide as ten Latin letters.
    READABLE = 10
    KEPT_MEASURES = 256  # measures kept at most (a column and the rows in view it was measured over)
    #: What a column still shows when it narrows past its heading: two characters of Chinese (more of
    #: Latin letters or digits) and the ellipsis.
    SHORTEST = "字字…"

    def __init__(self, stretch: int, give_way: Sequence[int] = (), readable: int | None = None) -> None:
        super().__init__()
        self.stretch = stretch
        self.give_way = tuple(give_way)
        if readable is not None:  # a status needs fewer characters than a goods name: 已暂停：…
            self.READABLE = readable
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrowed heading: "Categ…"
        # a row is one line: a cell's text elided as one ("Not wan…"), not wrapped at its spaces and
        # hyphens with each piece elided ("Not …")
        self.setWordWrap(False)
        #: each column's contents as last measured, and the rows in view they were measured over
        self._measured: dict[tuple[int, bool, int, int], int] = {}
        #: the width of each column's first characters, likewise
        self._readable: dict[tuple[int, bool, int, int], int] = {}
        #: columns fitted to their contents that were narrowed for want of room (their heading elided)
        self._narrowed: set[int] = set()
        #: the headings' size hints while the columns are fitted (``measuring_headings``), else None
        self._hints: dict[int, int] | None = None

    # --- measuring a column once ------------------------------------------------------
    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        old = self.model()
        if old is not None:
            for signal in _MEASURED_AGAIN(old):
                signal.disconnect(self.forget_widths)
        if old is not None:
            old.dataChanged.disconnect(self._fit_changed_cells)
        super().setModel(model)
        self.forget_widths()
        if model is not None:
            for signal in _MEASURED_AGAIN(model):
                signal.connect(self.forget_widths)
            model.dataChanged.connect(self._fit_changed_cells)

    def _fit_changed_cells(self, *_args: object) -> None:
        """A cell changed (a discount given, a quantity raised): the columns
        fitted to their contents are fitted again now. Qt itself only
        repaints the cell, and a wider text (-¥5.00 where there was none)
        would show elided until the next layout."""
        self.horizontalHeader().resizeSections()
        self.updateGeometries()

    def forget_widths(self, *_args: object) -> None:
        """The rows changed: their columns are measured again when next asked."""
        self._measured.clear()
        self._readable.clear()

    def sizeHintForColumn(self, column: int) -> int:  # noqa: N802
        """Qt's measure of the column's rows in view (every row when the
        table is not shown), kept until the rows or the rows in view change:
        the header (fitting a column to its contents) and the fitting here
        ask for it several times a layout, and each measure reads every cell
        in view."""
        shown = self.isVisible()
        height = self.viewport().height()
        key = (column, shown, self.rowAt(0) if shown else 0, self.rowAt(height) if shown else 0)
        width = self._measured.get(key)
        if width is None:
            if len(self._measured) >= self.KEPT_MEASURES:  # a long list scrolled through: only the latest kept
                self._measured.clear()
            width = self._measured[key] = super().sizeHintForColumn(column)
        return width

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.forget_widths()
        super().changeEvent(event)

    # --- fitting the columns to the width ------------------------------------------------
    def heading_width(self, column: int) -> int:
        """The width the column's heading asks for (Qt asks the model for
        several roles of it each time): once per column while the columns
        are fitted, where it is needed a dozen times."""
        hints = self._hints
        if hints is None:
            return self.horizontalHeader().sectionSizeHint(column)
        hint = hints.get(column)
        if hint is None:
            hint = hints[column] = self.horizontalHeader().sectionSizeHint(column)
        return hint

    @contextlib.contextmanager
    def measuring_headings(self) -> Iterator[None]:
        """Within: each heading measured once (a heading's text, font and
        style do not change while the columns are sized)."""
        outer = self._hints
        if outer is None:
            self._hints = {}
        try:
            yield
        finally:
            self._hints = outer

    def readable_width(self, column: int) -> int:
        heading = self.heading_width(column)
        return max(heading, min(max(heading, self.sizeHintForColumn(column)), self.first_characters_width(column)))

    def least_readable_width(self, column: int) -> int:
        """The least the stretching column narrows to, after the columns of
        words gave way: its heading, or ten average characters' width (five
        of Chinese), or its whole contents if narrower. A table's minimum
        width counts this (``WholeColumnsTable``), so a screen asks no more
        room of a 1024-pixel window for a long goods name."""
        heading = self.heading_width(column)
        content = max(heading, self.sizeHintForColumn(column))
        least = min(self.readable_width(column), self.READABLE * self.fontMetrics().averageCharWidth())
        return max(heading, min(content, least))

    def first_characters_width(self, column: int) -> int:
        """The width that shows the first ``READABLE`` characters of each of
        the column's rows in view (the first 50 rows when the table is not
        shown) and the ellipsis after them, measured once like the column."""
        shown = self.isVisible()
        model = self.model()
        if shown:
            first, last = self.rowAt(0), self.rowAt(self.viewport().height())
            first = max(first, 0)
            last = model.rowCount() - 1 if last < 0 else last
        else:
            first, last = 0, min(model.rowCount(), 50) - 1
        key = (column, shown, first, last)
        width = self._readable.get(key)
        if width is None:
            if len(self._readable) >= self.KEPT_MEASURES:
                self._readable.clear()
            metrics = self.fontMetrics()
            # the item view's text margins, and a pixel each side for Qt's eliding, which rounds its sums
            margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 2)
            texts = (model.index(row, column).data(Qt.ItemDataRole.DisplayRole) for row in range(first, last + 1))
            width = self._readable[key] = max(
                (metrics.horizontalAdvance(text[:self.READABLE] + ("…" if len(text) > self.READABLE else "")) + margin
                 for text in texts if isinstance(text, str)), default=0)
        return width

    def whole_width(self, column: int) -> int:
        """The width that shows the column's heading and contents whole."""
        return max(self.heading_width(column), self.sizeHintForColumn(column))

    def shortest_width(self) -> int:
        """The least a column narrows to for want of room: a few characters."""
        margin = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self.horizontalHeader())
        return self.fontMetrics().horizontalAdvance(self.SHORTEST) + margin

    def updateGeometries(self) -> None:  # noqa: N802
        super().updateGeometries()
        with self.measuring_headings():
            self._fit_columns()

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        model = self.model()
        if model is None or not 0 <= self.stretch < header.count():
            return
        fitted = QHeaderView.ResizeMode.ResizeToContents
        shown = [c for c in range(header.count()) if c != self.stretch and not self.isColumnHidden(c)]
        giving = [c for c in self.give_way if c in shown]
        figures = [c for c in shown if c not in giving
                   and (c in self._narrowed or header.sectionResizeMode(c) == fitted)]
        whole = {c: self.whole_width(c) for c in giving + figures}
        room = self.viewport().width() - sum(whole.get(c, header.sectionSize(c)) for c in shown)
        readable = self.readable_width(self.stretch)
        missing = max(0, readable - room)
        widths = dict(whole)
        shortest = self.shortest_width()
        least = self.least_readable_width(self.stretch)
        name = readable
        # what is missing is given, a step at a time: the columns of words down to their heading,
        # then down to a few characters; then the others' headings wider than their contents elide;
        # last the name gives up its characters past the least it shows
        steps: tuple[tuple[list[int], Callable[[int], int]], ...] = (
            (giving, self.heading_width), (giving, lambda _c: shortest),
            (figures, lambda c: max(shortest, self.sizeHintForColumn(c))), ([self.stretch], lambda _c: least))
        for columns, least_of in steps:
            for column in columns:
                if missing <= 0:
                    break
                now = name if column == self.stretch else widths[column]
                width = now - min(missing, max(0, now - least_of(column)))
                missing -= now - width
                if column == self.stretch:
                    name = width
                else:
                    widths[column] = width
        wanted = (QHeaderView.ResizeMode.Stretch if room >= readable else QHeaderView.ResizeMode.Interactive)
        if header.sectionResizeMode(self.stretch) != wanted:
            header.setSectionResizeMode(self.stretch, wanted)
        if wanted == QHeaderView.ResizeMode.Interactive and header.sectionSize(self.stretch) != name:
            # short of room: the heading and ten characters (or as many as the others leave, down to
            # ``least_readable_width``), the rest elided, so that the other columns (quantities,
            # amounts) stay in view as far as the table can show them
            header.resizeSection(self.stretch, name)
        for column in giving + figures:
            width = widths[column]
            mode = fitted if width == whole[column] else QHeaderView.ResizeMode.Interactive
            if column in figures:
                if mode == fitted:
                    self._narrowed.discard(column)
                else:
                    self._narrowed.add(column)
            if header.sectionResizeMode(column) != mode:
                header.setSectionResizeMode(column, mode)
            if mode == QHeaderView.ResizeMode.Interactive and header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def elided_text(self, index: QModelIndex) -> str | None:
        """A cell's whole text when its column shows it elided; else None."""
        if not index.isValid():
            return None
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return None
        margin = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1)
        return text if self.fontMetrics().horizontalAdvance(text) + margin > self.columnWidth(index.column()) else None

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if index.isValid() and not index.data(Qt.ItemDataRole.ToolTipRole):
                text = self.elided_text(index)
                if text is not None:  # what the model says on hover wins; else the whole text cut in the cell
                    QToolTip.showText(event.globalPos(), text, self.viewport(), self.visualRect(index))
                    return True
        return super().viewportEvent(event)


class WholeColumnsTable(FittingTable):
    """A table that asks its layout for the width its columns need: every
    column fitted to its contents whole, ten characters for the column that
    takes the rest and the heading of a column that may give way. The window
    then makes room for it (the navigation wraps its labels) rather than
    cutting the lines or scrolling them sideways; it asks again as lines
    come and go."""

    _asked = 0  # the minimum width the layout was last told of

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self.columns_width()), hint.height())

    def columns_width(self) -> int:
        header = self.horizontalHeader()
        if self.model() is None:
            return 0
        # the frame, room for the scroll bar, and a pixel the layout of the sections may round away
        width = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width() + 1
        if self.verticalHeader().isVisible():
            width += self.verticalHeader().sizeHint().width()
        for column in range(header.count()):
            if self.isColumnHidden(column):
                continue
            if column == self.stretch:
                width += self.least_readable_width(column)
            elif column in self.give_way:
                width += self.heading_width(column)
            else:
                width += self.whole_width(column)
        return width

    def updateGeometries(self) -> None:  # noqa: N802
        with self.measuring_headings():
            super().updateGeometries()
            wanted = self.columns_width()
        if wanted != self._asked:
            self._asked = wanted
            self.updateGeometry()  # the layout caches the minimum: tell it the lines changed it


class MiddleElided(QStyledItemDelegate):
    """Cells of a column elided in their middle when it narrows: a number
    keeps its prefix and its serial (``JA01…J000021``), a masked ID number
    the digits it shows (``310104…5113``)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle
        # on one line: a table wraps a cell's text at its hyphens, each piece elided (J……)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText


def _MEASURED_AGAIN(model: QAbstractItemModel) -> tuple[Any, ...]:  # noqa: N802 - a list of signals
    """The model's signals after which its columns are measured again."""
    return (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved, model.dataChanged,
            model.headerDataChanged)


def make_table_view(model: QAbstractItemModel, stretch: int, *, whole_columns: bool = False,
                    give_way: Sequence[int] = (), readable: int | None = None) -> QTableView:
    """A read-only table of ``model`` where one whole row is selected at a
    time; columns fit their contents and column ``stretch`` takes the rest.
    ``whole_columns``: the table's minimum width shows every column whole.
    ``give_way``: columns of words that narrow to their heading when the
    table is short of room (``FittingTable``); ``readable``: the characters
    of column ``stretch`` always shown (``FittingTable.READABLE``)."""
    table = (WholeColumnsTable if whole_columns else FittingTable)(stretch, give_way, readable)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # Fit the columns to the rows in view, not to up to 1000 of them: Qt measures again each time
    # the table is shown, and a screen switch to a long list would take half a second.
    header.setResizeContentsPrecision(0)
    return table
