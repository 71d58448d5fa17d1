"""The rules of a stock count (盘点) as a session, without a database.

What a count says of an item (``figures``): the entries of its latest round
added up (two tills, or two entries at one till, are summed), against what
the books held when it was counted. "When it was counted" is the moment of
the round's last entry: every entry keeps the book quantity of its moment,
so goods sold, handed out, written off or received before that moment are
in the expected quantity, and anything after it is not, and stays on the
books at the finish. The difference (counted less expected) is what the
finish moves.

A difference beyond the store's threshold (``Threshold``: in units or in
value at the sale price) must be settled before the finish: by a second
count of the item (a recount, whose entries replace the first ones) or by a
manager's reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from charity_pos.domain.quantities import check_quantity, split_quantity
from charity_pos.errors import InvalidInput

#: The most units one entry adds (``12*`` before a scan): a count is many scans, never one absurd number.
ENTRY_MOST = 10_000
#: The most a counted item may add up to, all its entries together.
COUNTED_MOST = 1_000_000
#: A quantity prefix too long for ``split_quantity`` (``99999999*``): refused as too large, never searched for.
_LONG_PREFIX = re.compile(r"^\s*-?\d{7,}\s*[*×＊]")


def read_scan(text: str) -> tuple[int, str]:
    """What one scan or typed line adds: ``6901234567892`` one, ``12*6901234567892``
    twelve (the sale screen's ``12*``); the quantity and the code or name.
    InvalidInput ``quantity`` for 0, a negative or more than ``ENTRY_MOST``, and
    ``code`` for nothing to count."""
    if _LONG_PREFIX.match(text):
        raise InvalidInput(field="quantity", value=text.split("*")[0].strip(), reason="too_large")
    quantity, rest = split_quantity(text)
    count = check_quantity(1 if quantity is None else quantity, ENTRY_MOST)
    if not rest:
        raise InvalidInput(field="code", value=text.strip(), reason="empty")
    return count, rest


@dataclass(frozen=True)
class Threshold:
    """Differences beyond either figure need a recount or a manager's reason."""

    units: int
    value_fen: int

    def exceeded(self, difference: int, price_fen: int) -> bool:
        return abs(difference) > self.units or abs(difference) * price_fen > self.value_fen


@dataclass(frozen=True)
class Entry:
    """One entry as the rules read it, in the order they were written."""

    round: int
    quantity: int
    book: int


@dataclass(frozen=True)
class Figures:
    """What a count says of one item."""

    round: int
    #: None: marked for a recount and not counted again yet
    counted: int | None
    #: the books when the item was counted (the round's last entry)
    expected: int | None
    #: the previous round's count, when the item is being recounted
    earlier: int | None
    difference: int
    value_fen: int
    over: bool
    #: may the count finish with this line: counted, and within the threshold, recounted or explained
    settled: bool

    @property
    def recount_pending(self) -> bool:
        return self.counted is None


def figures(round_: int, entries: Sequence[Entry], price_fen: int, threshold: Threshold, reason: str) -> Figures:
    """An item's figures from its entries (every round, in order) and its line's round and reason."""
    current = [e for e in entries if e.round == round_]
    before = [e for e in entries if e.round == round_ - 1]
    earlier = sum(e.quantity for e in before) if before else None
    if not current:
        return Figures(round_, None, None, earlier, 0, 0, False, False)
    counted = sum(e.quantity for e in current)
    expected = current[-1].book
    difference = counted - expected
    over = threshold.exceeded(difference, price_fen)
    settled = not over or round_ > 1 or bool(reason.strip())
    return Figures(round_, counted, expected, earlier, difference, difference * price_fen, over, settled)


@dataclass(frozen=True)
class SheetLine:
    """One line of a count sheet: what to look for and where, never how many the books say."""

    location: str
    name: str
    barcode: str
    unit: str


@dataclass(frozen=True)
class CountSheet:
    """The count sheets (盘点表) as plain data: by location, then name."""

    store_name: str
    number: str
    #: all, category or location
    scope: str
    #: the category's name or the location; "" for all goods
    scope_value: str
    printed_on: date
    lines: tuple[SheetLine, ...]


def sheet_order(location: str | None, name: str) -> tuple[int, str, str]:
    """Count sheets' order: by shelf location, goods without one last, then by name."""
    return (location is None or location == "", location or "", name)
