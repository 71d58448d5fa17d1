"""Cash shifts: opened with a float, one open shift per till; closed by
counting the drawer by denomination against what it should hold."""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from charity_pos.db.driver import driver
from charity_pos.db.engine import Prepared, Reader
from charity_pos.db.models import CashShift
from charity_pos.domain import cash_count
from charity_pos.domain.money import check_fen
from charity_pos.errors import InvalidInput, NoOpenShift, NotFound, ShiftAlreadyOpen
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import STORE_TZ, Actor, Approval, Changes, Entity, ServiceContext, local_date
from charity_pos.services.counter_rules import rules_in
from charity_pos.services.permissions import Action, require
from charity_pos.services.sequences import next_number
from charity_pos.services.shift_rows import (  # noqa: F401  (the shifts' rows, found here as always)
    METHODS as METHODS, SHIFT, ShiftRow, ShiftSummary as ShiftSummary, shift_row, shift_rows, summaries,
)
from charity_pos.services.shift_rows import summary as shift_summary

if TYPE_CHECKING:
    from charity_pos.domain.documents import ShiftReportDoc

log = logging.getLogger("charity_pos.shifts")

#: Notes and coins counted at close, in fen: ¥100, 50, 20, 10, 5, 1, 0.5, 0.1.
DENOMINATIONS = (10000, 5000, 2000, 1000, 500, 100, 50, 10)
MAX_TILL = 16


def clean_till(till: str) -> str:
    till = till.strip()
    if not till or len(till) > MAX_TILL:
        raise InvalidInput(field="till", value=till, reason="empty" if not till else "too_long")
    return till


def open_shift_in(session: Session, till: str) -> CashShift:
    shift = session.scalars(select(CashShift).where(CashShift.till == till, CashShift.closed_at.is_(None))).first()
    if shift is None:
        raise NoOpenShift(till=till)
    return shift


#: The open shift of a till, asked at every sale: prepared once.
_OPEN_SHIFT_ID = Prepared(select(CashShift.id).where(CashShift.till == bindparam("till"),
                                                     CashShift.closed_at.is_(None)))


def open_shift_id(reader: Reader, till: str) -> uuid.UUID:
    """``open_shift_in`` for a caller that needs only the shift's id (its
    till is ``till``): no object loaded. ``NoOpenShift`` as there."""
    found = reader.rows(_OPEN_SHIFT_ID, till=till)
    if not found:
        raise NoOpenShift(till=till)
    shift_id: uuid.UUID = found[0][0]
    return shift_id


def _driver(session: Session) -> sqlite3.Connection:
    """The store file's own connection under ``session``, what it holds unsent written first."""
    session.flush()
    return driver(session.connection())


def _row(session: Session, shift: CashShift) -> ShiftRow:
    raw = _driver(session)
    return shift_row(raw, raw.execute(SHIFT + " WHERE id = ?", (shift.id.hex,)).fetchone())


def summarize(session: Session, shift: CashShift) -> ShiftSummary:
    """What the shift took and gave back, and what its drawer should hold (``shift_rows.summary``)."""
    return shift_summary(_driver(session), shift.id)


class ShiftService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts
        #: called with the close's changes once it is committed (the app backs the store up there);
        #: a hook that fails is logged and never undoes the close
        self.after_close: list[Callable[[Changes], object]] = []

    def open(self, actor: Actor, till: str, float_fen: int) -> Changes:
        till = clean_till(till)
        check_fen(float_fen, field="float")
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.OPEN_SHIFT)
            current = s.scalars(select(CashShift).where(CashShift.till == till, CashShift.closed_at.is_(None))).first()
            if current is not None:
                raise ShiftAlreadyOpen(till=till, number=current.number)
            number = next_number(s, "shift", local_date(now).year)
            shift = CashShift(number=number, till=till, opened_at=now, opened_by=actor.user_id, float_fen=float_fen)
            s.add(shift)
            s.flush()
            ev = journal.append(s, "shift.opened", actor=actor.user_id, at=now, facts={"number": number})
        return Changes(frozenset({Entity.SHIFTS}), (shift.id,), ev.seq, number)

    def current(self, till: str) -> ShiftRow | None:
        with self.ctx.db.read() as s:
            shift = s.scalars(select(CashShift).where(CashShift.till == till, CashShift.closed_at.is_(None))).first()
            return None if shift is None else _row(s, shift)

    def shifts(self, limit: int = 100) -> list[ShiftRow]:
        with self.ctx.db.read() as s:
            return shift_rows(_driver(s), limit)

    def summaries(self) -> list[ShiftSummary]:
        """Every shift's summary, newest first."""
        with self.ctx.db.read() as s:
            return summaries(_driver(s))

    def summary(self, number_or_till: str) -> ShiftSummary:
        """A shift by its number, or the open shift of a till."""
        with self.ctx.db.read() as s:
            shift = s.scalars(select(CashShift).where(CashShift.number == number_or_till.strip().upper())).first()
            if shift is None:
                shift = open_shift_in(s, number_or_till)
            return summarize(s, shift)

    def expected(self, till: str) -> ShiftSummary:
        with self.ctx.db.read() as s:
            return summarize(s, open_shift_in(s, till))

    def needs_approval(self, till: str, cash_counts: dict[int, int], other_counted: dict[str, int] | None) -> bool:
        """Would closing with these counts need a reason and a manager?"""
        with self.ctx.db.read() as s:
            summary = summarize(s, open_shift_in(s, till))
            tolerance = rules_in(s).cash_tolerance_fen
        counted = self._counted(cash_counts, other_counted, summary)
        return cash_count.any_beyond(counted, summary.expected_fen, tolerance, METHODS)

    @staticmethod
    def _counted(cash_counts: dict[int, int], other_counted: dict[str, int] | None,
                 summary: ShiftSummary) -> dict[str, int]:
        for value, count in cash_counts.items():
            if value not in DENOMINATIONS:
                raise InvalidInput(field="count", value=value, reason="unknown")
            if isinstance(count, bool) or not isinstance(count, int):
                raise InvalidInput(field="count", value=count, reason="not_a_number")
            if count < 0:
                raise InvalidInput(field="count", value=count, reason="negative")
            if count > 100_000:
                raise InvalidInput(field="count", value=count, reason="too_large")
        counted = {m: summary.expected_fen[m] for m in METHODS if m != "cash"}
        for method, amount in (other_counted or {}).items():
            if method not in counted:
                raise InvalidInput(field="payment", value=method, reason="unknown")
            counted[method] = check_fen(amount, field="payment")
        counted["cash"] = sum(value * count for value, count in cash_counts.items())
        return counted

    def close(self, actor: Actor, till: str, cash_counts: dict[int, int], other_counted: dict[str, int] | None = None,
              reason: str = "", approval: Approval | None = None) -> Changes:
        """Close the till's shift with the drawer counted by denomination and
        the other methods' totals from their terminals (default: as expected).
        A difference beyond the tolerance needs a reason and a manager."""
        # The manager's PIN is checked before the write transaction: a PIN
        # check writes its count in its own.
        with self.ctx.db.read() as s:
            summary = summarize(s, open_shift_in(s, till))
            tolerance = rules_in(s).cash_tolerance_fen
        counted = self._counted(cash_counts, other_counted, summary)
        approved = None
        if cash_count.any_beyond(counted, summary.expected_fen, tolerance, METHODS):
            if not reason.strip():
                raise InvalidInput(field="reason", value="", reason="empty")
            approved = self.accounts.authorize(actor, Action.CLOSE_WITH_DIFFERENCE, approval)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.SELL)
            shift = open_shift_in(s, till)
            summary = summarize(s, shift)  # again: a sale may have been made meanwhile
            counted = self._counted(cash_counts, other_counted, summary)
            beyond = cash_count.any_beyond(counted, summary.expected_fen, tolerance, METHODS)
            facts: dict[str, object] = {"number": shift.number}
            if beyond:
                if not reason.strip():
                    raise InvalidInput(field="reason", value="", reason="empty")
                grant = require(s, actor, Action.CLOSE_WITH_DIFFERENCE, approved)
                approver = grant.approver or grant.actor
                shift.difference_reason = reason.strip()[:200]
                shift.approved_by = approver.user_id
                facts["difference"] = {m: cash_count.difference(counted[m], summary.expected_fen[m])
                                       for m in METHODS if counted[m] != summary.expected_fen[m]}
                if approval is not None:
                    facts["approval"] = {"approved_by": str(approver.user_id), "reason": approval.reason.strip()}
                audit(s, now, str(Action.CLOSE_WITH_DIFFERENCE), "approved", actor.user_id, approver.user_id,
                      number=shift.number, reason=reason.strip())
            shift.closed_at = now
            shift.closed_by = actor.user_id
            shift.counted = json.dumps({"cash": {str(v): n for v, n in sorted(cash_counts.items()) if n},
                                        **{m: counted[m] for m in METHODS if m != "cash"}}, sort_keys=True)
            shift.expected_cash_fen = summary.expected_fen["cash"]
            shift.counted_cash_fen = counted["cash"]
            ev = journal.append(s, "shift.closed", actor=actor.user_id, at=now, facts=facts)
        changes = Changes(frozenset({Entity.SHIFTS}), (shift.id,), ev.seq, shift.number)
        for hook in self.after_close:
            try:
                hook(changes)
            except Exception:  # noqa: BLE001 - the close is committed and stands
                log.exception("a step after the shift's close failed; the close stands")
        return changes

    def report_doc(self, number_or_till: str, printed_at: datetime | None = None) -> ShiftReportDoc:
        """The X report of an open shift, or the Z report of a closed one."""
        from charity_pos.domain.documents import ShiftMethodLine, ShiftReportDoc
        from charity_pos.domain.vocabulary import PAYMENT_METHODS
        from charity_pos.services.store import store_info

        summary = self.summary(number_or_till)
        store = store_info(self.ctx)
        shift = summary.shift
        closed = shift.closed_at is not None

        def local(at: datetime | None) -> str | None:
            return None if at is None else at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M")

        methods = tuple(
            ShiftMethodLine(PAYMENT_METHODS[m], summary.expected_fen[m],
                            summary.counted_fen[m] if closed and summary.counted_fen else None)
            for m in METHODS if m == "cash" or summary.expected_fen[m] or (summary.counted_fen or {}).get(m))
        return ShiftReportDoc(
            kind="Z" if closed else "X", store_name=store.name, store_code=store.code, shift_number=shift.number,
            till=shift.till, opened_at=local(shift.opened_at) or "", opened_by=shift.opened_by,
            closed_at=local(shift.closed_at), closed_by=shift.closed_by,
            printed_at=local(printed_at or self.ctx.now()) or "", float_fen=shift.float_fen,
            sales_count=summary.sales_count, sales_fen=summary.sales_fen, donated_sales_fen=summary.donated_sales_fen,
            returns_count=summary.returns_count, returns_fen=summary.returns_fen, voids_count=summary.voids_count,
            voids_fen=summary.voids_fen, discounts_fen=summary.discounts_fen, methods=methods,
            denominations=summary.denominations, difference_reason=summary.difference_reason,
            approved_by=summary.approved_by, training=store.training,
        )

    def find(self, shift_id: uuid.UUID) -> ShiftRow:
        with self.ctx.db.read() as s:
            shift = s.get(CashShift, shift_id)
            if shift is None:
                raise NotFound(kind="shift", key=str(shift_id))
            return _row(s, shift)
