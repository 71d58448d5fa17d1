"""Tables short of room: the name column keeps its heading and ten
characters, then the columns of words give way down to their heading (text
elided), then down to a few characters, then the headings wider than their
figures elide, so that the figures stay whole and in view, without a
sideways scroll; with room again every column is whole. A cell shown
elided shows its whole text on hover; each column's rows in view are
measured once, however often the table is laid out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QTableView, QToolTip

from charity_pos.ui.table_model import FittingTable, make_table_view

HEADINGS = ["Goods", "Category", "Qty", "Value"]
ROW = ["金龙鱼东北大米 5kg 长粒香", "Grain and oil", "12 bags", "¥12,402.70"]


def table_of(qtbot, give_way: tuple[int, ...]) -> FittingTable:
    model = QStandardItemModel(0, len(HEADINGS))
    model.setHorizontalHeaderLabels(HEADINGS)
    model.appendRow([QStandardItem(text) for text in ROW])
    table = make_table_view(model, stretch=0, give_way=give_way)
    assert isinstance(table, FittingTable)
    qtbot.addWidget(table)
    table.show()
    return table


def set_room(table: FittingTable, width: int) -> None:
    """Give the table's rows ``width`` pixels."""
    table.resize(width + 2 * table.frameWidth(), 200)
    for _ in range(3):
        QCoreApplication.processEvents()


def test_words_give_way_before_the_figures_scroll_out_of_view(qtbot) -> None:
    table = table_of(qtbot, give_way=(1,))
    header = table.horizontalHeader()
    readable, heading, whole = table.readable_width(0), header.sectionSizeHint(1), table.whole_width(1)
    figures = table.whole_width(2) + table.whole_width(3)
    assert heading < whole, "the category's text is wider than its heading"
    set_room(table, readable + (heading + whole) // 2 + figures)
    assert table.columnWidth(0) == readable, "the name: its heading and ten characters"
    assert heading <= table.columnWidth(1) < whole, "the category narrows, its text elided"
    assert (table.columnWidth(2), table.columnWidth(3)) == (table.whole_width(2), table.whole_width(3))
    assert table.horizontalScrollBar().maximum() == 0, "every column in view"
    set_room(table, readable + whole + figures + 80)
    assert table.columnWidth(1) == whole and header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert table.horizontalScrollBar().maximum() == 0


def test_without_columns_to_give_way_a_table_short_of_room_scrolls(qtbot) -> None:
    table = table_of(qtbot, give_way=())
    least, heading, whole = table.least_readable_width(0), table.horizontalHeader().sectionSizeHint(1), table.whole_width(1)
    set_room(table, least + (heading + whole) // 2 + table.whole_width(2) + table.whole_width(3))
    assert table.columnWidth(0) == least, "the name gives what it can, down to its least"
    assert table.columnWidth(1) == whole, "a column not said to give way is never cut"
    assert table.horizontalScrollBar().maximum() > 0, "the figures are reached by scrolling"


def test_short_of_room_still_words_narrow_past_their_heading_and_figures_headings_elide(qtbot) -> None:
    model = QStandardItemModel(0, 4)
    model.setHorizontalHeaderLabels(["Goods", "Category", "Number of members", "Value"])
    model.appendRow([QStandardItem(text) for text in ("金龙鱼东北大米 5kg 长粒香", "Grain and oil", "3", "¥12,402.70")])
    table = make_table_view(model, stretch=0, give_way=(1,))
    assert isinstance(table, FittingTable)
    qtbot.addWidget(table)
    table.show()
    header = table.horizontalHeader()
    readable, shortest = table.readable_width(0), table.shortest_width()
    members_heading, members = header.sectionSizeHint(2), table.sizeHintForColumn(2)
    assert shortest < header.sectionSizeHint(1) and max(shortest, members) < members_heading
    set_room(table, readable + shortest + max(shortest, members) + table.whole_width(3))
    assert table.columnWidth(0) == readable
    assert table.columnWidth(1) == shortest, "the category: a few characters, its heading elided"
    assert table.columnWidth(2) == max(shortest, members), "the heading elides, the figure stays whole"
    assert table.columnWidth(3) == table.whole_width(3), "the amount whole"
    assert table.horizontalScrollBar().maximum() == 0, "every column in view"
    set_room(table, readable + table.whole_width(1) + members_heading + table.whole_width(3) + 80)
    assert [table.columnWidth(c) for c in (1, 2)] == [table.whole_width(1), members_heading], "whole again"


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip's window, offscreen
def test_a_cell_shown_elided_shows_its_whole_text_on_hover(qtbot) -> None:
    table = table_of(qtbot, give_way=(1,))
    header = table.horizontalHeader()
    set_room(table, table.readable_width(0) + header.sectionSizeHint(1) + table.whole_width(2) + table.whole_width(3))
    category, value = table.model().index(0, 1), table.model().index(0, 3)
    assert table.columnWidth(1) < table.whole_width(1), "the category is elided"
    assert table.elided_text(category) == "Grain and oil"
    assert table.elided_text(value) is None, "the amount is whole: nothing more to show"
    centre = table.visualRect(category).center()
    QCoreApplication.sendEvent(table.viewport(), QHelpEvent(QEvent.Type.ToolTip, centre,
                                                            table.viewport().mapToGlobal(centre)))
    assert QToolTip.isVisible() and QToolTip.text() == "Grain and oil"
    QToolTip.hideText()


def test_each_column_is_measured_once_however_often_it_is_laid_out(qtbot, monkeypatch) -> None:
    measured: list[int] = []
    measure = QTableView.sizeHintForColumn

    def counted(self: QTableView, column: int) -> int:
        measured.append(column)
        return measure(self, column)

    monkeypatch.setattr(QTableView, "sizeHintForColumn", counted)
    table = table_of(qtbot, give_way=(1,))
    set_room(table, 300)
    measured.clear()
    for width in (260, 240, 500, 300):  # the window resized: the columns fitted again, their contents not read again
        set_room(table, width)
    assert measured == []
    table.model().appendRow([QStandardItem(text) for text in ("调和油", "Grain and oil", "1 bottle", "¥59.90")])
    set_room(table, 320)
    assert sorted(measured) == [0, 1, 2, 3], "a row came: each column's rows in view read once"


@pytest.mark.parametrize("name", ["金龙鱼东北大米 5kg 长粒香", "Northeast rice, long grain, 5kg bag"])
def test_the_name_keeps_its_first_ten_characters_in_any_script(qtbot, name: str) -> None:
    """Short of room, the goods name still shows its first ten characters
    whole: ten Chinese characters are about twice as wide as ten letters,
    so the width comes from the rows' own text, not from a letter's."""
    table = table_of(qtbot, give_way=(1,))
    table.model().setItem(0, 0, QStandardItem(name))
    header = table.horizontalHeader()
    figures = table.whole_width(2) + table.whole_width(3)
    set_room(table, table.readable_width(0) + header.sectionSizeHint(1) + figures)
    metrics = table.fontMetrics()
    assert table.columnWidth(0) >= metrics.horizontalAdvance(name[:10] + "…")
    assert table.columnWidth(0) < metrics.horizontalAdvance(name), "the rest elided, not the figures pushed out"
    shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, table.columnWidth(0) - 6)
    assert shown.startswith(name[:10]), shown
    assert table.columnWidth(1) == header.sectionSizeHint(1), "the category gave way first, to its heading"

    # shorter still: the category down to a few characters, and only then the name, down to its least
    least, shortest = table.least_readable_width(0), table.shortest_width()
    set_room(table, least + shortest + figures)
    assert table.columnWidth(1) == shortest
    assert table.columnWidth(0) == least <= table.readable_width(0)
    assert (table.columnWidth(2), table.columnWidth(3)) == (table.whole_width(2), table.whole_width(3))
    assert table.horizontalScrollBar().maximum() == 0, "every column in view"


def test_a_cell_that_grows_is_shown_whole_at_once(qtbot) -> None:
    """A discount given to a line already in the ticket: its column, empty
    until then, widens to show -¥5.00 whole, not "-…"."""
    model = QStandardItemModel(0, 3)
    model.setHorizontalHeaderLabels(["Goods", "Off", "Value"])
    model.appendRow([QStandardItem(text) for text in ("金龙鱼东北大米 5kg", "", "¥65.80")])
    table = make_table_view(model, stretch=0, whole_columns=True)
    qtbot.addWidget(table)
    table.resize(600, 200)
    table.show()
    QCoreApplication.processEvents()
    narrow = table.columnWidth(1)
    model.item(0, 1).setText("-¥12,345.00")
    QCoreApplication.processEvents()
    assert table.columnWidth(1) > narrow
    assert table.elided_text(model.index(0, 1)) is None, "the discount shows whole"
