"""The lines of the donation being taken in: what the cashier has scanned or
picked, each editable in place (quantity, condition, valuation, unit value,
best-before date). Plain rows, checked as they are typed; the service checks
everything again when the donation is saved."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen, parse_yuan
from charity_pos.domain.quantities import check_quantity
from charity_pos.errors import InvalidInput, PosError
from charity_pos.services.base import STORE_TZ
from charity_pos.services.catalog import ItemRow
from charity_pos.services.intake import (
    FOOD_CATEGORIES,
    MAX_QUANTITY,
    SHORT_SHELF_LIFE,
    Condition,
    IntakeLine,
    Valuation,
)
from charity_pos.ui.table_model import Index, RowsModel
from charity_pos.ui.words import unit

_DATE = (re.compile(r"(\d{4})(\d{2})(\d{2})"), re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"))


def parse_date(text: str) -> date | None:
    """``2026-09-30``, ``2026/9/30``, ``2026.9.30`` or ``20260930``; empty: None."""
    cleaned = text.strip().replace("年", "-").replace("月", "-").replace("日", "")
    if not cleaned:
        return None
    match = _DATE[0].fullmatch(cleaned) or _DATE[1].fullmatch(cleaned)
    if match is None:
        raise InvalidInput(field="expiry_date", value=text, reason="date_format")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise InvalidInput(field="expiry_date", value=text, reason="date_format") from None


def today() -> date:
    return datetime.now(STORE_TZ).date()


@dataclass
class DraftLine:
    """One line as typed; ``item`` is the catalog row it was made from."""

    item: ItemRow
    quantity: int = 1
    condition: Condition = Condition.NEW
    valuation: Valuation = Valuation.MARKET
    unit_value_fen: int | None = None
    expiry_date: date | None = None

    @classmethod
    def for_item(cls, item: ItemRow, quantity: int = 1) -> DraftLine:
        """A new line: valued at the item's market reference price when it
        has one, otherwise listed by quantity only."""
        if item.reference_price_fen:
            return cls(item, quantity, Condition.NEW, Valuation.MARKET, item.reference_price_fen)
        return cls(item, quantity, Condition.NEW, Valuation.UNVALUED, None)

    @property
    def needs_date(self) -> bool:
        return self.item.category_code in FOOD_CATEGORIES

    @property
    def amount_fen(self) -> int | None:
        return None if self.unit_value_fen is None else self.unit_value_fen * self.quantity

    def short_shelf_life(self, on: date) -> bool:
        return self.expiry_date is not None and on <= self.expiry_date < on + SHORT_SHELF_LIFE

    def intake_line(self) -> IntakeLine:
        value = None if self.valuation == Valuation.UNVALUED else self.unit_value_fen
        return IntakeLine(self.item.id, self.quantity, self.condition, self.valuation, value, self.expiry_date)


class LinesModel(RowsModel[DraftLine]):
    NAME, UNIT, QUANTITY, CONDITION, VALUATION, UNIT_VALUE, EXPIRY, AMOUNT = range(8)
    EDITABLE = frozenset({QUANTITY, CONDITION, VALUATION, UNIT_VALUE, EXPIRY})
    RIGHT = frozenset({QUANTITY, UNIT_VALUE, AMOUNT})

    #: An edit was refused; carries the PosError to show.
    refused = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conditions = {Condition.NEW: self.tr("New"), Condition.AS_NEW: self.tr("As new"),
                            Condition.GOOD_USED: self.tr("Good used")}
        self._valuations = {Valuation.INVOICE: self.tr("Invoice"), Valuation.MARKET: self.tr("Market price"),
                            Valuation.UNVALUED: self.tr("Not valued")}

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Unit"), self.tr("Qty"), self.tr("Condition"),
                self.tr("Valued by"), self.tr("Unit value"), self.tr("Best before"), self.tr("Value")]

    # --- the rows -------------------------------------------------------
    def lines(self) -> list[DraftLine]:
        return self.rows()

    def line_at(self, row: int) -> DraftLine | None:
        return self.row_at(row)

    def add(self, line: DraftLine) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(line)
        self.endInsertRows()
        return row

    def add_item(self, item: ItemRow, quantity: int = 1) -> int:
        """Scanning the same item again right after counts it up; anything
        else starts a new line (it may be another lot, with another date)."""
        last = len(self._rows) - 1
        if last >= 0 and self._rows[last].item.id == item.id:
            line = self._rows[last]
            try:
                line.quantity = check_quantity(line.quantity + quantity, MAX_QUANTITY)
            except InvalidInput as exc:
                self.refused.emit(exc)
                return last
            self._changed(last, self.QUANTITY, self.AMOUNT)
            return last
        return self.add(DraftLine.for_item(item, quantity))

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def clear(self) -> None:
        self.set_rows([])

    def row_named(self, name: object) -> int:
        return self.row_where(lambda line: line.item.name == name)

    def goods_value_fen(self) -> int:
        return sum(line.amount_fen or 0 for line in self._rows if line.valuation != Valuation.UNVALUED)

    def units(self) -> int:
        return sum(line.quantity for line in self._rows)

    def unvalued_lines(self) -> int:
        return sum(1 for line in self._rows if line.valuation == Valuation.UNVALUED)

    def choices(self, column: int) -> list[tuple[str, str]]:
        """(label, value) pairs for the columns edited with a list."""
        if column == self.CONDITION:
            return [(label, value.value) for value, label in self._conditions.items()]
        if column == self.VALUATION:
            return [(label, value.value) for value, label in self._valuations.items()]
        return []

    def _changed(self, row: int, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(row, first), self.index(row, last))

    # --- Qt's side ------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        line = self._rows[index.row()]
        column = index.column()
        if column in self.EDITABLE and not (column == self.UNIT_VALUE and line.valuation == Valuation.UNVALUED):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _display(self, line: DraftLine, column: int) -> str:
        if column == self.NAME:
            return line.item.name
        if column == self.UNIT:
            return unit(line.item.unit)
        if column == self.QUANTITY:
            return str(line.quantity)
        if column == self.CONDITION:
            return self._conditions[line.condition]
        if column == self.VALUATION:
            return self._valuations[line.valuation]
        if column == self.UNIT_VALUE:
            if line.valuation == Valuation.UNVALUED:
                return "—"
            return "" if line.unit_value_fen is None else format_fen(line.unit_value_fen)
        if column == self.EXPIRY:
            if line.expiry_date is not None:
                return line.expiry_date.isoformat()
            return self.tr("needed") if line.needs_date else ""
        if line.valuation == Valuation.UNVALUED or line.amount_fen is None:
            return "—"
        return format_fen(line.amount_fen)

    def _edit_value(self, line: DraftLine, column: int) -> Any:
        if column == self.QUANTITY:
            return line.quantity
        if column == self.CONDITION:
            return line.condition.value
        if column == self.VALUATION:
            return line.valuation.value
        if column == self.UNIT_VALUE:
            return "" if line.unit_value_fen is None else f"{line.unit_value_fen / 100:.2f}"
        if column == self.EXPIRY:
            return "" if line.expiry_date is None else line.expiry_date.isoformat()
        return self._display(line, column)

    def _background(self, line: DraftLine, column: int) -> QBrush | None:
        missing = QBrush(QColor("#ffe0e0"))
        if column == self.EXPIRY and line.needs_date:
            if line.expiry_date is None or line.expiry_date < today():
                return missing
            if line.short_shelf_life(today()):
                return QBrush(QColor("#fff2cc"))
        if column == self.UNIT_VALUE and line.valuation != Valuation.UNVALUED and line.unit_value_fen is None:
            return missing
        return None

    def _tooltip(self, line: DraftLine, column: int) -> str | None:
        if column == self.EXPIRY and line.needs_date:
            if line.expiry_date is None:
                return self.tr("Food needs its best-before date, e.g. 2026-09-30.")
            if line.expiry_date < today():
                return self.tr("Past its best-before date: it will be refused.")
            if line.short_shelf_life(today()):
                return self.tr("Less than six months left.")
        if column == self.UNIT_VALUE and line.valuation != Valuation.UNVALUED and line.unit_value_fen is None:
            return self.tr("Type the value of one unit, or choose “Not valued”.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        line = self._rows[index.row()]
        try:
            self._set(line, index.column(), value)
        except PosError as exc:
            self.refused.emit(exc)
            return False
        self._changed(index.row(), self.QUANTITY, self.AMOUNT)
        return True

    def _set(self, line: DraftLine, column: int, value: Any) -> None:
        if column == self.QUANTITY:
            text = str(value).strip()
            if not text.lstrip("-").isdigit():
                raise InvalidInput(field="quantity", value=text, reason="not_a_number")
            line.quantity = check_quantity(int(text), MAX_QUANTITY)
        elif column == self.CONDITION:
            line.condition = Condition(value)
        elif column == self.VALUATION:
            valuation = Valuation(value)
            if valuation == Valuation.UNVALUED:
                line.unit_value_fen = None
            elif line.unit_value_fen is None and valuation == Valuation.MARKET:
                line.unit_value_fen = line.item.reference_price_fen
            line.valuation = valuation
        elif column == self.UNIT_VALUE:
            text = str(value).strip()
            if not text:
                line.unit_value_fen = None
                return
            fen = parse_yuan(text, field="unit_value")
            if fen == 0:
                raise InvalidInput(field="unit_value", value=text, reason="zero")
            line.unit_value_fen = fen
        elif column == self.EXPIRY:
            line.expiry_date = parse_date(str(value))

