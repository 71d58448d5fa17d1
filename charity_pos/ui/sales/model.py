"""The lines of the ticket at the counter: what was scanned, how many, at
what price, with what discount. Plain rows checked as they are changed; the
sales service checks everything again when the ticket is paid.

Money is in fen; the arithmetic is the domain's (``domain.tickets``), so the
total on the screen is the total the service charges."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from charity_pos.domain import tickets
from charity_pos.domain.money import check_fen, format_fen
from charity_pos.domain.quantities import check_line_count, check_quantity
from charity_pos.services.sales import MAX_LINES, MAX_QUANTITY, LineDraft, SaleWarning, Scanned
from charity_pos.ui.table_model import LinesModel
from charity_pos.ui.words import units


@dataclass
class TicketLine:
    """One line of the ticket; ``scanned`` is what the scan found."""

    scanned: Scanned
    quantity: int = 1
    price_fen: int | None = None  # None: the catalog's price
    discount_fen: int = 0  # off the whole line

    @property
    def name(self) -> str:
        return self.scanned.name

    @property
    def list_price_fen(self) -> int:
        return self.scanned.price_fen

    @property
    def unit_price_fen(self) -> int:
        return self.list_price_fen if self.price_fen is None else self.price_fen

    @property
    def amount_fen(self) -> int:
        return self.quantity * self.unit_price_fen - self.discount_fen

    @property
    def price_changed(self) -> bool:
        return self.price_fen is not None and self.price_fen != self.list_price_fen

    @property
    def no_stock(self) -> bool:
        return SaleWarning.NO_STOCK.value in self.scanned.warnings or self.scanned.on_hand < self.quantity

    def draft(self) -> LineDraft:
        return LineDraft(self.scanned.item_id, self.quantity, self.price_fen, self.discount_fen, self.scanned.lot_id)

    def priced(self) -> tickets.PricedLine:
        return tickets.PricedLine(self.quantity, self.list_price_fen, self.unit_price_fen, self.discount_fen)


class TicketModel(LinesModel[TicketLine]):
    NAME, QUANTITY, PRICE, DISCOUNT, AMOUNT, SOURCE = range(6)
    GIVE_WAY = (SOURCE,)
    RIGHT = frozenset({QUANTITY, PRICE, DISCOUNT, AMOUNT})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources = {"donated": self.tr("Donated"), "purchased": self.tr("Purchased"),
                         "consigned": self.tr("Consigned")}

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Qty"), self.tr("Unit price"), self.tr("Discount"), self.tr("Amount"),
                self.tr("Source")]

    # --- the lines --------------------------------------------------------
    def add(self, scanned: Scanned, quantity: int = 1) -> int:
        """Add ``quantity`` of what was scanned; the same item from the same
        lot again counts up its line. Returns the line's row."""
        check_quantity(quantity, MAX_QUANTITY)
        row = self.row_where(lambda line: line.scanned.item_id == scanned.item_id
                             and line.scanned.lot_id == scanned.lot_id)
        if row >= 0:
            line = self._rows[row]
            total = check_quantity(line.quantity + quantity, MAX_QUANTITY)
            line.scanned = scanned  # what is on hand now
            line.quantity = total
            self._changed(row)
            return row
        check_line_count(len(self._rows) + 1, MAX_LINES)
        return self._append(TicketLine(scanned, quantity))

    def set_quantity(self, row: int, quantity: int) -> TicketLine:
        """Returns the line as it was, to undo with ``restore``."""
        line = self._line(row)
        check_quantity(quantity, MAX_QUANTITY)
        tickets.check_line(replace(line, quantity=quantity).priced())
        before = replace(line)
        line.quantity = quantity
        self._changed(row)
        return before

    def set_price(self, row: int, price_fen: int | None) -> TicketLine:
        """A price for this ticket only; None goes back to the catalog's."""
        line = self._line(row)
        if price_fen is not None:
            check_fen(price_fen, field="price")
        tickets.check_line(replace(line, price_fen=price_fen).priced())
        before = replace(line)
        line.price_fen = None if price_fen == line.list_price_fen else price_fen
        self._changed(row)
        return before

    def set_discount(self, row: int, discount_fen: int) -> TicketLine:
        line = self._line(row)
        check_fen(discount_fen, field="discount")
        tickets.check_line(replace(line, discount_fen=discount_fen).priced())
        before = replace(line)
        line.discount_fen = discount_fen
        self._changed(row)
        return before

    def restore(self, row: int, line: TicketLine) -> None:
        """Put back a line as it was before a change."""
        if 0 <= row < len(self._rows):
            self._rows[row] = line
            self._changed(row)

    # --- sums -------------------------------------------------------------
    def priced_pairs(self) -> list[tuple[LineDraft, int]]:
        """(line, catalog price) pairs, as the sales service takes them."""
        return [(line.draft(), line.list_price_fen) for line in self._rows]

    def totals(self, ticket_discount_fen: int = 0) -> tickets.TicketTotals:
        return tickets.totals([line.priced() for line in self._rows], ticket_discount_fen)

    def totals_keeping_discount(self, ticket_discount_fen: int) -> tuple[tickets.TicketTotals, bool]:
        """The totals, and whether the ticket discount still fits the lines."""
        return tickets.totals_keeping_discount([line.priced() for line in self._rows], ticket_discount_fen)

    def subtotal_fen(self) -> int:
        return sum(line.amount_fen for line in self._rows)

    def summary(self, names: int = 2) -> str:
        """A few words for the log and the parked list: the first names."""
        shown = "、".join(line.scanned.name for line in self._rows[:names])
        return shown + ("…" if len(self._rows) > names else "")

    # --- Qt's side --------------------------------------------------------
    def _display(self, line: TicketLine, column: int) -> str:
        if column == self.NAME:
            return line.scanned.name
        if column == self.QUANTITY:
            return units(line.quantity, line.scanned.unit)
        if column == self.PRICE:
            return format_fen(line.unit_price_fen)
        if column == self.DISCOUNT:
            return format_fen(-line.discount_fen) if line.discount_fen else ""
        if column == self.AMOUNT:
            return format_fen(line.amount_fen)
        return self._sources.get(line.scanned.source, line.scanned.source)

    def _key(self, line: TicketLine) -> object:
        return (line.scanned.item_id, line.scanned.lot_id)

    def _foreground(self, line: TicketLine, column: int) -> QBrush | None:
        if column == self.PRICE and line.price_changed:
            return QBrush(QColor("#a33"))
        if column == self.DISCOUNT and line.discount_fen:
            return QBrush(QColor("#a33"))
        return None

    def _background(self, line: TicketLine, column: int) -> QBrush | None:
        if column in (self.NAME, self.QUANTITY) and line.no_stock:
            return QBrush(QColor("#fff2cc"))
        return None

    def _tooltip(self, line: TicketLine, column: int) -> str | None:
        if column == self.PRICE and line.price_changed:
            return self.tr("Catalog price {price}").format(price=format_fen(line.list_price_fen))
        if column in (self.NAME, self.QUANTITY) and line.no_stock:
            return self.tr("{on_hand} on hand by the books").format(on_hand=line.scanned.on_hand)
        return None

