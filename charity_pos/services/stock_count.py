"""Stock counts as a session (盘点): a manager starts a count over all goods,
a category or a shelf location; volunteers scan what is on the shelves at
any till, each scan an entry of its own (its own short transaction, so
tills never overwrite each other); the variance report shows each counted
item against the books; the finish moves the differences, in one
transaction with one journal event, under the count's C number. Goods that
were not counted keep their quantity. The count's rules (what is expected,
when a difference must be settled) are ``domain.stock_count``'s.

``StockService.count``, the one-step count of earlier versions, stays as it
was for what uses it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import Category, Item, StockCount, StockCountEntry, StockCountLine, StockMovement, User
from charity_pos.db.engine import Reader
from charity_pos.domain import barcodes
from charity_pos.domain.stock_count import COUNTED_MOST, ENTRY_MOST, CountSheet, Threshold, read_scan
from charity_pos.domain.quantities import check_quantity
from charity_pos.errors import (
    CountNotOpen, CountOverlaps, CountUnsettled, InvalidInput, NotFound, OutsideCount, UnknownBarcode,
)
from charity_pos.ledger import journal
from charity_pos.services import lots
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Caller, Changes, Entity, ServiceContext, local_date, user_id_of
from charity_pos.services.catalog import clean_location
from charity_pos.services.counter_rules import rules_in
from charity_pos.services.permissions import Action, require_of
from charity_pos.services.sales import SCAN
from charity_pos.services.sequences import next_number
from charity_pos.services.stock_count_rows import CountRow, Variance, count_row, in_scope, sheet_of, variance_of

#: The longest till name an entry keeps.
TILL_LENGTH = 20


@dataclass(frozen=True)
class Entered:
    """What one entry did: the item, what it added, and the item's count so far (this round)."""

    changes: Changes
    item_id: uuid.UUID
    item_name: str
    unit: str
    quantity: int
    counted: int


def clean_reason(text: str) -> str:
    """A manager's reason as kept: one line, 1 to 200 characters."""
    reason = " ".join(text.split())
    if not reason:
        raise InvalidInput(field="reason", value="", reason="empty")
    if len(reason) > 200:
        raise InvalidInput(field="reason", value=reason, reason="too_long")
    return reason


class CountService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    # --- reading ----------------------------------------------------------------------
    def counts(self, *, open_only: bool = False) -> list[CountRow]:
        """Counts, the newest first (the open ones only, if asked)."""
        with self.ctx.db.read() as s:
            query = select(StockCount).order_by(StockCount.opened_at.desc(), StockCount.number.desc())
            if open_only:
                query = query.where(StockCount.status == "open")
            return [count_row(s, c) for c in s.scalars(query)]

    def get(self, number: str) -> CountRow:
        with self.ctx.db.read() as s:
            return count_row(s, _count(s, number))

    def find(self, code: str) -> uuid.UUID:
        """The item a code stands for: its barcode or one of its lots' own codes (UnknownBarcode: none)."""
        normalized = barcodes.normalize(code)
        with self.ctx.db.read_rows() as reader:
            found = reader.rows(SCAN, code=normalized)
        if not found:
            raise UnknownBarcode(barcode=normalized)
        item_id: uuid.UUID = found[0][1]
        return item_id

    def threshold(self) -> Threshold:
        with self.ctx.db.read() as s:
            return _threshold(s)

    def variance(self, number: str) -> Variance:
        """Every counted item: counted, expected, difference, value, over the threshold, settled."""
        with self.ctx.db.read() as s:
            count = _count(s, number)
            return variance_of(s, count, _threshold(s))

    def sheet(self, caller: Caller, number: str) -> CountSheet:
        """The count sheets as plain data (``domain.stock_count.CountSheet``), for printing."""
        with self.ctx.db.read() as s:
            require_of(s, caller, Action.ENTER_COUNT)
            count = _count(s, number)
            return sheet_of(s, count, local_date(self.ctx.now()))

    # --- a manager's --------------------------------------------------------------------
    def start(self, caller: Caller, scope: str, *, category_code: str | None = None,
              location: str | None = None) -> Changes:
        """A new count, numbered (C): ``all`` goods, a ``category`` (by its code) or a shelf ``location``.
        Refused while an open count covers any of the same goods."""
        if scope not in ("all", "category", "location"):
            raise InvalidInput(field="scope", value=scope, reason="unknown")
        shelf = clean_location(location) if scope == "location" else None
        if scope == "location" and shelf is None:
            raise InvalidInput(field="location", value=location or "", reason="empty")
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require_of(s, caller, Action.MANAGE_COUNT)
            category_id = None
            if scope == "category":
                category_id = s.scalar(select(Category.id).where(Category.code == (category_code or "")))
                if category_id is None:
                    raise InvalidInput(field="category", value=category_code or "", reason="unknown")
            if scope == "location" and s.scalar(select(func.count(Item.id)).where(Item.location == shelf)) == 0:
                raise InvalidInput(field="location", value=shelf, reason="no_goods")
            count = StockCount(number="", scope=scope, category_id=category_id, location=shelf, status="open",
                               opened_by=user_id_of(caller), opened_at=now, note="")
            for other in s.scalars(select(StockCount).where(StockCount.status == "open")):
                if _overlap(s, count, other):
                    raise CountOverlaps(number=other.number)
            count.number = next_number(s, "stock_count", local_date(now).year)
            s.add(count)
            ev = journal.append(s, "count.started", actor=user_id_of(caller), at=now,
                                facts={"number": count.number})
        return Changes(frozenset({Entity.STOCK}), (count.id,), ev.seq, count.number)

    def explain(self, caller: Caller, number: str, item_id: uuid.UUID, reason: str) -> Changes:
        """A manager's reason for a counted item's difference (say, 下架破损未登记)."""
        reason = clean_reason(reason)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require_of(s, caller, Action.MANAGE_COUNT)
            count = _open(s, number)
            line = _line(s, count, item_id)
            line.reason = reason
            line.reason_by = user_id_of(caller)
            ev = journal.append(s, "count.explained", actor=user_id_of(caller), at=now,
                                facts={"number": count.number})
        return Changes(frozenset({Entity.STOCK}), (item_id,), ev.seq, count.number)

    def finish(self, caller: Caller, number: str) -> Changes:
        """Only counted items change: each by its difference (found goods into a lot of origin
        ``count``, missing goods off its lots, oldest first), under the count's C number; every
        line settled first (``CountUnsettled``)."""
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require_of(s, caller, Action.MANAGE_COUNT)
            count = _open(s, number)
            report = variance_of(s, count, _threshold(s))
            _check_settled(count.number, report)
            user = user_id_of(caller)
            mover = user if user is not None else count.opened_by
            changed = []
            for row in report.lines:
                line = s.get(StockCountLine, row.line_id)
                assert line is not None and row.counted is not None and row.expected is not None
                line.counted, line.expected = row.counted, row.expected
                if row.difference:
                    _move(s, row.item_id, row.difference, count.number, mover, now)
                    changed.append(row.item_id)
            count.status = "finished"
            count.closed_by = user
            count.closed_at = now
            ev = journal.append(s, "count.finished", actor=user, at=now, facts={"number": count.number})
        return Changes(frozenset({Entity.STOCK}), tuple(changed), ev.seq, number)

    def cancel(self, caller: Caller, number: str, reason: str) -> Changes:
        """The count is given up: its entries stay as a record, no stock changes."""
        reason = clean_reason(reason)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require_of(s, caller, Action.MANAGE_COUNT)
            count = _open(s, number)
            count.status = "cancelled"
            count.note = reason
            count.closed_by = user_id_of(caller)
            count.closed_at = now
            ev = journal.append(s, "count.cancelled", actor=user_id_of(caller), at=now,
                                facts={"number": count.number, "reason": reason})
        return Changes(frozenset({Entity.STOCK}), (count.id,), ev.seq, count.number)

    # --- at every till --------------------------------------------------------------------
    def scan(self, caller: Caller, number: str, text: str, *, till: str = "") -> Entered:
        """A scan as typed at a till: a code adds one, ``12*`` before it twelve."""
        quantity, code = read_scan(text)
        return self._enter(caller, number, code=barcodes.normalize(code), item_id=None, quantity=quantity, till=till)

    def add(self, caller: Caller, number: str, item_id: uuid.UUID, quantity: int, *, till: str = "") -> Entered:
        """``quantity`` units of an item picked by name (1 to ``ENTRY_MOST``)."""
        check_quantity(quantity, ENTRY_MOST)
        return self._enter(caller, number, code=None, item_id=item_id, quantity=quantity, till=till)

    def none_found(self, caller: Caller, number: str, item_id: uuid.UUID, *, till: str = "") -> Entered:
        """The item was looked for and none is on the shelf: counted as zero (not the same as not counted)."""
        return self._enter(caller, number, code=None, item_id=item_id, quantity=0, till=till)

    def recount(self, caller: Caller, number: str, item_id: uuid.UUID) -> Changes:
        """Mark a counted item for a recount: its next entries replace the ones so far."""
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require_of(s, caller, Action.ENTER_COUNT)
            count = _open(s, number)
            line = _line(s, count, item_id)
            has_entries = s.scalar(select(func.count(StockCountEntry.id)).where(
                StockCountEntry.line_id == line.id, StockCountEntry.round == line.round))
            if not has_entries:  # already marked and not counted again: nothing to replace
                raise InvalidInput(field="recount", value=line.round, reason="already")
            line.round += 1
            ev = journal.append(s, "count.recount", actor=user_id_of(caller), at=now,
                                facts={"number": count.number})
        return Changes(frozenset({Entity.STOCK}), (item_id,), ev.seq, count.number)

    def _enter(self, caller: Caller, number: str, *, code: str | None, item_id: uuid.UUID | None, quantity: int,
               till: str) -> Entered:
        till = " ".join(till.split())[:TILL_LENGTH]
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require_of(s, caller, Action.ENTER_COUNT)
            count = _open(s, number)
            if code is not None:
                found = Reader.within(s).rows(SCAN, code=code)
                if not found:
                    raise UnknownBarcode(barcode=code)
                item_id = found[0][1]
            item = s.get(Item, item_id)
            if item is None:
                raise NotFound(kind="item", key=str(item_id))
            if not s.scalar(select(func.count(Item.id)).where(Item.id == item.id, in_scope(count))):
                raise OutsideCount(item_name=item.name, number=count.number, location=item.location or "")
            line = s.scalar(select(StockCountLine).where(StockCountLine.count_id == count.id,
                                                         StockCountLine.item_id == item.id))
            if line is None:
                line = StockCountLine(count_id=count.id, item_id=item.id, round=1, reason="")
                s.add(line)
                s.flush()
            so_far = s.scalar(select(func.coalesce(func.sum(StockCountEntry.quantity), 0)).where(
                StockCountEntry.line_id == line.id, StockCountEntry.round == line.round)) or 0
            if so_far + quantity > COUNTED_MOST:
                raise InvalidInput(field="quantity", value=so_far + quantity, reason="too_large")
            s.add(StockCountEntry(line_id=line.id, round=line.round, quantity=quantity,
                                  book=lots.on_hand(s, item.id), till=till, user_id=user_id_of(caller), at=now))
            ev = journal.append(s, "count.entered", actor=user_id_of(caller), at=now,
                                facts={"number": count.number})
            entered = Entered(Changes(frozenset({Entity.STOCK}), (item.id,), ev.seq, count.number), item.id,
                              item.name, item.unit, quantity, int(so_far) + quantity)
        return entered


# --- inside a unit of work -------------------------------------------------------------
def _count(s: Session, number: str) -> StockCount:
    count = s.scalar(select(StockCount).where(StockCount.number == number.strip().upper()))
    if count is None:
        raise NotFound(kind="count", key=number.strip())
    return count


def _open(s: Session, number: str) -> StockCount:
    count = _count(s, number)
    if count.status != "open":
        raise CountNotOpen(number=count.number, status=count.status)
    return count


def _line(s: Session, count: StockCount, item_id: uuid.UUID) -> StockCountLine:
    line = s.scalar(select(StockCountLine).where(StockCountLine.count_id == count.id,
                                                 StockCountLine.item_id == item_id))
    if line is None:
        raise NotFound(kind="count_line", key=str(item_id))
    return line


def _threshold(s: Session) -> Threshold:
    rules = rules_in(s)
    return Threshold(rules.count_threshold_units, rules.count_threshold_fen)


def _overlap(s: Session, new: StockCount, other: StockCount) -> bool:
    """Do two counts cover any item in common (or might: a count of all goods covers every one)?"""
    if "all" in (new.scope, other.scope):
        return True
    if new.scope == other.scope:
        return (new.category_id, new.location) == (other.category_id, other.location)
    category, shelf = (new, other) if new.scope == "category" else (other, new)
    both = and_(Item.category_id == category.category_id, Item.location == shelf.location)
    return bool(s.scalar(select(func.count(Item.id)).where(both)))


def _check_settled(number: str, report: Variance) -> None:
    if not report.lines:
        raise CountUnsettled(number=number, reason="empty", items=0, item_name="")
    pending = [row for row in report.lines if row.counted is None]
    if pending:
        raise CountUnsettled(number=number, reason="recount", items=len(pending), item_name=pending[0].name)
    unsettled = [row for row in report.lines if not row.settled]
    if unsettled:
        raise CountUnsettled(number=number, reason="unexplained", items=len(unsettled), item_name=unsettled[0].name)


def _move(s: Session, item_id: uuid.UUID, difference: int, number: str, user: uuid.UUID | None, at: datetime) -> None:
    """The difference as movements: found goods into a lot of their own (origin ``count``),
    missing goods off the item's lots, oldest first; what the books do not hold comes off
    the newest lot, as at a sale, until the next count."""
    mover = user if user is not None else _any_user(s)
    if difference > 0:
        lots.receive_into_new_lot(s, item_id=item_id, origin="count", document=number, quantity=difference,
                                  at=at, user_id=mover, reason="count")
        return
    balances = lots.all_balances(s, item_id)
    taken, short, fallback = lots.allocate(balances, -difference, local_date(at), food=False, lot_id=None,
                                           item_name="")
    if short:
        lot = fallback or lots.unrecorded_lot(s, item_id, number, at)
        taken = lots.add_shortfall(taken, lot, short)
    for lot, part in taken:
        s.add(StockMovement(item_id=item_id, lot_id=lot.id, quantity=-part, reason="count", document=number,
                            note="", user_id=mover, at=at))


def _any_user(s: Session) -> uuid.UUID:
    """Movements name a user: a count the command line started and finished names the store's first manager."""
    first = s.scalar(select(User.id).where(User.role == "manager").order_by(User.created_at))
    assert first is not None
    return first


