"""The lines of a handout on the screen: what was scanned, how many, what
each counts against the allowance, and how many units are beyond it.

Changes are tried on copies first (``trial_add``, ``trial_quantity``) so the
screen can judge them against the allowance before anything is shown."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen
from charity_pos.domain.quantities import check_line_count, check_quantity
from charity_pos.services.handouts import MAX_LINES, MAX_QUANTITY, Goods
from charity_pos.ui.handout.basket import HandoutLine
from charity_pos.ui.table_model import LinesModel
from charity_pos.ui.words import goods_category, units

OVER_BACKGROUND = QColor("#f8d7d3")
OVER_TEXT = QColor("#a33")


class HandoutModel(LinesModel[HandoutLine]):
    NAME, CATEGORY, QUANTITY, UNIT_VALUE, VALUE, BEYOND = range(6)
    GIVE_WAY = (CATEGORY,)
    RIGHT = frozenset({QUANTITY, UNIT_VALUE, VALUE, BEYOND})

    def headers(self) -> list[str]:
        return [self.tr("Goods"), self.tr("Category"), self.tr("Qty"), self.tr("Unit value"), self.tr("Value"),
                self.tr("Over")]

    # --- the lines --------------------------------------------------------
    def trial_add(self, goods: Goods, quantity: int) -> list[HandoutLine]:
        """The lines as they would be with ``quantity`` more of ``goods``."""
        check_quantity(quantity, MAX_QUANTITY)
        lines = [replace(line) for line in self._rows]
        row = next((n for n, line in enumerate(lines) if line.same_goods(goods)), -1)
        if row >= 0:
            lines[row].quantity = check_quantity(lines[row].quantity + quantity, MAX_QUANTITY)
            lines[row].goods = goods  # what is on hand now
        else:
            check_line_count(len(lines) + 1, MAX_LINES)
            lines.append(HandoutLine(goods, quantity))
        return lines

    def trial_quantity(self, row: int, quantity: int) -> list[HandoutLine]:
        check_quantity(quantity, MAX_QUANTITY)
        self._line(row)
        lines = [replace(line) for line in self._rows]
        lines[row].quantity = quantity
        return lines

    def add(self, goods: Goods, quantity: int = 1) -> int:
        """Add ``quantity``; the same goods from the same lot again count up
        their line. Returns the line's row."""
        lines = self.trial_add(goods, quantity)
        row = self.row_where(lambda line: line.same_goods(goods))
        if row >= 0:
            self._rows[row] = lines[row]
            self._changed(row)
            return row
        return self._append(lines[-1])

    def set_quantity(self, row: int, quantity: int) -> HandoutLine:
        line = self._line(row)
        line.quantity = check_quantity(quantity, MAX_QUANTITY)
        self._changed(row)
        return line

    def mark_beyond(self, beyond: list[int]) -> None:
        """How many units of each line are past the allowance."""
        for row, (line, units) in enumerate(zip(self._rows, beyond, strict=True)):
            if line.beyond != units:
                line.beyond = units
                self._changed(row)

    # --- Qt's side --------------------------------------------------------
    def _display(self, line: HandoutLine, column: int) -> str:
        if column == self.NAME:
            return line.goods.name
        if column == self.CATEGORY:
            return goods_category(line.goods.goods_category, line.goods.goods_category_name)
        if column == self.QUANTITY:
            return units(line.quantity, line.goods.unit)
        if column == self.UNIT_VALUE:
            return format_fen(line.goods.unit_value_fen)
        if column == self.VALUE:
            return format_fen(line.value_fen)
        return self.tr("{units} over").format(units=line.beyond) if line.beyond else ""

    def _key(self, line: HandoutLine) -> object:
        return (line.goods.item_id, line.goods.lot_id)

    def _foreground(self, line: HandoutLine, column: int) -> QBrush | None:
        return QBrush(OVER_TEXT) if line.beyond and column == self.BEYOND else None

    def _background(self, line: HandoutLine, column: int) -> QBrush | None:
        if line.beyond:
            return QBrush(OVER_BACKGROUND)
        if column in (self.NAME, self.QUANTITY) and line.goods.on_hand < line.quantity:
            return QBrush(QColor("#fff2cc"))
        return None

    def _tooltip(self, line: HandoutLine, column: int) -> str | None:
        if line.beyond:
            return self.tr("{units} of {quantity} past the allowance: F10 moves them to a paid sale").format(
                units=line.beyond, quantity=line.quantity)
        if column in (self.NAME, self.QUANTITY) and line.goods.on_hand < line.quantity:
            return self.tr("{on_hand} on hand by the books").format(on_hand=line.goods.on_hand)
        if column == self.UNIT_VALUE and not line.goods.for_sale:
            return self.tr("Not for sale: counted at its reference price")
        if column == self.CATEGORY:  # shown whole even when the column gives way
            return self._display(line, column)
        return None
