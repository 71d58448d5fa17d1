"""Tables short of room: the name column keeps its heading and ten
characters, then the columns of words give way down to their heading (text
elided), so that the figures stay whole and in view, without a sideways
scroll; with room again every column is whole."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView

from charity_pos.ui.table_model import FittingTable, make_table_view

HEADINGS = ["Goods", "Category", "Qty", "Value"]
ROW = ["金龙鱼东北大米 5kg 长粒香", "Grain and oil", "12 bags", "¥12,402.70"]


def table_of(qtbot, give_way: tuple[int, ...]) -> FittingTable:  # type: ignore[no-untyped-def]
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


def test_words_give_way_before_the_figures_scroll_out_of_view(qtbot) -> None:  # type: ignore[no-untyped-def]
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


def test_without_columns_to_give_way_a_table_short_of_room_scrolls(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = table_of(qtbot, give_way=())
    readable, heading, whole = table.readable_width(0), table.horizontalHeader().sectionSizeHint(1), table.whole_width(1)
    set_room(table, readable + (heading + whole) // 2 + table.whole_width(2) + table.whole_width(3))
    assert table.columnWidth(0) == readable and table.columnWidth(1) == whole
    assert table.horizontalScrollBar().maximum() > 0, "the figures are reached by scrolling"
