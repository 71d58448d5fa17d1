"""Households as a table, masked: the model never holds a whole name or ID
number, only what the sub-district's list may show on a screen."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from charity_pos.domain import pinyin
from charity_pos.domain.identity import mask_name
from charity_pos.services.households import HouseholdCategory, HouseholdRow
from charity_pos.ui.households.words import category_name
from charity_pos.ui.table_model import RowsModel

GREY = "#888888"
RED = "#b00020"
# made once: the table asks for a cell's colour each time it measures or paints the cell
_GREYED = QBrush(QColor(GREY))
_WARNED = QBrush(QColor(RED))


@dataclass(frozen=True)
class HouseholdLine:
    """One household as the screen shows it: masked, with its standing today."""

    id: uuid.UUID
    card_number: str
    name_masked: str
    id_masked: str
    members: int
    category: HouseholdCategory
    subdistrict: str
    valid_from: date
    valid_to: date
    status: str  # active, suspended, expired
    reason: str  # a suspended card's reason, else ""
    erased: bool  # the personal data was erased after eligibility lapsed
    lapsed: bool  # eligibility ended before today
    pending: bool = False  # eligibility starts after today

    @property
    def in_use(self) -> bool:
        """The card takes goods today (as far as the registry says)."""
        return self.status == "active" and not self.lapsed and not self.erased and not self.pending


def line_of(row: HouseholdRow, today: date, reason: str = "") -> HouseholdLine:
    erased = row.erased
    return HouseholdLine(row.id, row.card_number, mask_name(row.head_name), row.id_masked, row.members, row.category,
                         row.subdistrict, row.valid_from, row.valid_to, row.status, reason, erased,
                         row.valid_to < today or row.status == "expired", row.valid_from > today)


def matches(row: HouseholdRow, text: str) -> bool:
    """Whether a search finds the household: by card number, the name or its
    pinyin initials, the visible digits of the ID number, sub-district or
    category. The whole name is used here only, and never kept."""
    needle = "".join(text.split()).lower()
    if not needle:
        return True
    # pinyin.initials keeps what it saw in a cache: no household's name may stay behind in one.
    initials = pinyin.initials_unkept(row.head_name) if row.head_name else ""
    haystack = (row.card_number.lower(), row.head_name, initials,
                row.id_masked.lower(), row.subdistrict, category_name(row.category))
    return any(needle in field for field in haystack if field)


class HouseholdTableModel(RowsModel[HouseholdLine]):
    CARD, NAME, ID, MEMBERS, CATEGORY, SUBDISTRICT, VALID_TO, STATUS = range(8)
    RIGHT = frozenset({MEMBERS})
    #: Columns that narrow, elided, when the window is short of room (the status takes the rest): the
    #: words, and the masked ID number, elided in its middle (310104…5113: the digits it shows).
    GIVE_WAY = (SUBDISTRICT, CATEGORY, NAME, ID)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # looked up once, not each time the table measures or paints a cell
        self._categories = {category: category_name(category) for category in HouseholdCategory}
        self._in_use, self._suspended, self._erased = self.tr("In use"), self.tr("Suspended"), self.tr(
            "Lapsed, personal data erased")

    def headers(self) -> list[str]:
        return [self.tr("Card number"), self.tr("Head of household"), self.tr("ID number"), self.tr("Members"),
                self.tr("Category"), self.tr("Sub-district"), self.tr("Valid to"), self.tr("Status")]

    def _key(self, row: HouseholdLine) -> object:
        return row.id

    def status_text(self, row: HouseholdLine) -> str:
        if row.erased:
            return self._erased
        if row.status == "suspended":
            return self.tr("Suspended: {reason}").format(reason=row.reason) if row.reason else self._suspended
        if row.lapsed:
            return self.tr("Lapsed on {date}").format(date=row.valid_to.isoformat())
        if row.pending:
            return self.tr("Valid from {date}").format(date=row.valid_from.isoformat())
        return self._in_use

    def _display(self, row: HouseholdLine, column: int) -> str:
        if column == self.CARD:
            return row.card_number
        if column == self.NAME:
            return row.name_masked if not row.erased else "—"
        if column == self.ID:
            return row.id_masked if not row.erased else "—"
        if column == self.MEMBERS:
            return str(row.members)
        if column == self.CATEGORY:
            return self._categories.get(row.category) or category_name(row.category)
        if column == self.SUBDISTRICT:
            return row.subdistrict
        if column == self.VALID_TO:
            return row.valid_to.isoformat()
        return self.status_text(row)

    def _foreground(self, row: HouseholdLine, column: int) -> QBrush | None:
        if row.erased or row.lapsed:
            return _GREYED
        if row.status == "suspended" and column == self.STATUS:
            return _WARNED
        return None

    def _tooltip(self, row: HouseholdLine, column: int) -> str | None:
        if column == self.STATUS and row.status == "suspended" and not row.erased:
            return self.status_text(row)
        if row.erased:
            return self.tr("Eligibility lapsed long ago: the name, ID number and certificate were erased; "
                           "only what reports need is kept.")
        if row.lapsed:
            return self.tr("Eligibility ended on {date}; the household must be certified again.").format(
                date=row.valid_to.isoformat())
        return None
