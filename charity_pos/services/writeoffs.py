"""Write-offs (报损/报废核销): goods taken out of their lots for good, on a
numbered W document with a reason.

Each line names a lot and a quantity and takes exactly those units out of
that lot (never more than it holds) as a stock movement of reason
``writeoff`` under the W number, so stock, the trace, the ledgers and the
district see them. A write-off worth more at sale price than the manager's
limit (``CounterRules.writeoff_limit_fen``; ``domain.writeoffs`` says why the
sale price) needs a manager: a manager records it, or approves a cashier's
on the spot with their PIN and a reason. One transaction, one journal event
(``stock.written_off``) per W document.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import DonationLine, Item, StockLot, StockMovement, Store, User
from charity_pos.db.writeoffs import Writeoff, WriteoffLine
from charity_pos.domain import writeoffs as rules
from charity_pos.domain.quantities import check_line_count, check_quantity
from charity_pos.errors import (
    InvalidInput, LotAmbiguous, LotEmpty, LotShort, LotUnknown, WriteoffUnknown,
)
from charity_pos.ledger import journal
from charity_pos.reports.period import utc_range
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import Actor, Approval, Caller, Changes, Entity, ServiceContext, local_date
from charity_pos.services.counter_rules import rules_in
from charity_pos.services.permissions import Action, Approved, acting_account, allowed, require, require_of
from charity_pos.services.sequences import next_number
from charity_pos.services.writeoff_rows import WriteoffRow as WriteoffRow  # the listing's rows: callers know them here
from charity_pos.services.writeoff_rows import writeoff_rows as plain_rows

MAX_QUANTITY = 1_000_000
#: the origin of a lot as the W document prints it
ORIGIN_WORDS = {"donation": "捐赠", "purchase": "采购", "count": "盘盈", "unrecorded": "未入库"}


@dataclass(frozen=True)
class WriteoffLineDraft:
    lot_id: uuid.UUID
    quantity: int


@dataclass(frozen=True)
class WriteoffDraft:
    """What the screen or the command line asks for. ``note``: what happened
    (required for ``other``); ``recipient``: the charity the goods went to
    (required for ``donated_on``, refused with any other reason)."""

    lines: tuple[WriteoffLineDraft, ...]
    reason: str
    note: str = ""
    recipient: str = ""
    approval: Approval | None = None


@dataclass(frozen=True)
class LotOnHand:
    """A lot as the write-off screen and the command line find it."""

    lot_id: uuid.UUID
    item_id: uuid.UUID
    item_name: str
    unit: str
    code: str
    origin: str
    document: str
    expiry_date: date | None
    on_hand: int
    unit_price_fen: int


def _text(value: object, *, field: str, limit: int) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field=field, value=value, reason="unknown")
    text = " ".join(value.split())
    if len(text) > limit:
        raise InvalidInput(field=field, value=text[:limit], reason="too_long")
    return text


def checked(draft: WriteoffDraft) -> tuple[list[tuple[uuid.UUID, int]], str, str, str]:
    """The draft's lines, reason, note and recipient, checked before any
    transaction: InvalidInput naming the field otherwise."""
    if draft.reason not in rules.REASONS:
        raise InvalidInput(field="writeoff_reason", value=str(draft.reason), reason="unknown")
    note = _text(draft.note, field="writeoff_note", limit=rules.NOTE_LIMIT)
    recipient = _text(draft.recipient, field="recipient", limit=rules.RECIPIENT_LIMIT)
    if draft.reason == rules.OTHER and not note:
        raise InvalidInput(field="writeoff_note", value="", reason="empty")
    if draft.reason == rules.DONATED_ON and not recipient:
        raise InvalidInput(field="recipient", value="", reason="empty")
    if draft.reason != rules.DONATED_ON and recipient:
        raise InvalidInput(field="recipient", value=recipient, reason="only_donated_on")
    if not draft.lines:
        raise InvalidInput(field="lines", value=0, reason="empty")
    check_line_count(len(draft.lines), rules.MAX_LINES)
    lines: list[tuple[uuid.UUID, int]] = []
    for line in draft.lines:
        if not isinstance(line.lot_id, uuid.UUID):
            raise LotUnknown(code=str(line.lot_id))
        if any(lot == line.lot_id for lot, _ in lines):
            raise InvalidInput(field="lot", value=str(line.lot_id), reason="lot_twice")
        lines.append((line.lot_id, check_quantity(line.quantity, MAX_QUANTITY)))
    return lines, draft.reason, note, recipient


_LEFT = func.coalesce(func.sum(StockMovement.quantity), 0)


def _lot_code(lot: StockLot, item: Item) -> str:
    return lot.barcode or item.barcode or lot.document


def lot_on_hand(s: Session, lot_id: uuid.UUID) -> LotOnHand:
    """The lot and what it holds now (in the caller's unit of work)."""
    row = s.execute(select(StockLot, Item, _LEFT).join(Item, Item.id == StockLot.item_id)
                    .outerjoin(StockMovement, StockMovement.lot_id == StockLot.id)
                    .where(StockLot.id == lot_id).group_by(StockLot.id, Item.id)).first()
    if row is None:
        raise LotUnknown(code=str(lot_id))
    lot, item, left = row
    return LotOnHand(lot.id, item.id, item.name, item.unit, _lot_code(lot, item), lot.origin, lot.document,
                     lot.expiry_date, int(left), item.sale_price_fen)


def _value(lots: Sequence[tuple[LotOnHand, int]]) -> int:
    return sum(lot.unit_price_fen * quantity for lot, quantity in lots)


def _taken(s: Session, lines: list[tuple[uuid.UUID, int]]) -> list[tuple[LotOnHand, int]]:
    """Each line's lot, checked to hold the units: LotEmpty, LotShort otherwise."""
    out = []
    for lot_id, quantity in lines:
        lot = lot_on_hand(s, lot_id)
        if lot.on_hand <= 0:
            raise LotEmpty(code=lot.code, item_name=lot.item_name)
        if quantity > lot.on_hand:
            raise LotShort(code=lot.code, item_name=lot.item_name, wanted=quantity, available=lot.on_hand)
        out.append((lot, quantity))
    return out


class WriteoffService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    # --- what the screen asks before ------------------------------------------------
    def limit_fen(self) -> int:
        with self.ctx.db.read() as s:
            return rules_in(s).writeoff_limit_fen

    def lot(self, lot_id: uuid.UUID) -> LotOnHand:
        with self.ctx.db.read() as s:
            return lot_on_hand(s, lot_id)

    def find_lot(self, code: str) -> LotOnHand:
        """The lot a code names: a lot's own code (22…), a lot id, or a
        maker's barcode whose item has exactly one lot holding goods."""
        text = code.strip() if isinstance(code, str) else ""
        if not text:
            raise InvalidInput(field="lot", value="", reason="empty")
        with self.ctx.db.read() as s:
            lot_id = s.scalar(select(StockLot.id).where(StockLot.barcode == text))
            if lot_id is None:
                try:
                    as_id = uuid.UUID(text)
                except ValueError:
                    as_id = None
                if as_id is not None:
                    lot_id = s.scalar(select(StockLot.id).where(StockLot.id == as_id))
            if lot_id is None:
                item = s.scalars(select(Item).where(Item.barcode == text)).first()
                if item is None:
                    raise LotUnknown(code=text)
                holding = s.scalars(select(StockLot.id).outerjoin(StockMovement, StockMovement.lot_id == StockLot.id)
                                    .where(StockLot.item_id == item.id).group_by(StockLot.id)
                                    .having(_LEFT > 0)).all()
                if not holding:
                    raise LotEmpty(code=text, item_name=item.name)
                if len(holding) > 1:
                    raise LotAmbiguous(code=text, item_name=item.name, count=len(holding))
                lot_id = holding[0]
            return lot_on_hand(s, lot_id)

    def lots_on_hand(self, text: str = "", limit: int = 500) -> list[LotOnHand]:
        """Lots holding goods, by item name then oldest first; ``text`` finds them
        by the lot's code, a maker's barcode, any part of the name or its pinyin
        (``dm`` finds 大米), as the catalog does."""
        from sqlalchemy import or_

        from charity_pos.domain import pinyin

        words, key = pinyin.keys(text if isinstance(text, str) else "")
        query = (select(StockLot, Item, _LEFT).join(Item, Item.id == StockLot.item_id)
                 .join(StockMovement, StockMovement.lot_id == StockLot.id)
                 .group_by(StockLot.id, Item.id).having(_LEFT > 0)
                 .order_by(Item.pinyin_full, StockLot.received_at, StockLot.id).limit(limit))
        if words:
            like = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(or_(StockLot.barcode == words, Item.barcode == words,
                                    Item.name.contains(like, escape="\\"),
                                    Item.pinyin_initials.contains(key, autoescape=True),
                                    Item.pinyin_full.contains(key, autoescape=True)))
        with self.ctx.db.read() as s:
            return [LotOnHand(lot.id, item.id, item.name, item.unit, _lot_code(lot, item), lot.origin, lot.document,
                              lot.expiry_date, int(left), item.sale_price_fen) for lot, item, left in s.execute(query)]

    def value_fen(self, lines: Sequence[WriteoffLineDraft]) -> int:
        """The lines' units at today's sale price."""
        with self.ctx.db.read() as s:
            return sum(lot_on_hand(s, line.lot_id).unit_price_fen * line.quantity for line in lines)

    def needs_approval(self, actor: Actor, lines: Sequence[WriteoffLineDraft]) -> bool:
        """Must a manager approve these lines for ``actor``? Never for a
        manager (as the database has the actor's role)."""
        with self.ctx.db.read() as s:
            role = acting_account(s, actor, Action.WRITE_OFF).role
            if allowed(role, Action.WRITE_OFF_OVER_LIMIT):
                return False
            value = sum(lot_on_hand(s, line.lot_id).unit_price_fen * line.quantity for line in lines)
            return rules.beyond_limit(value, rules_in(s).writeoff_limit_fen)

    # --- writing off ------------------------------------------------------------------
    def write_off(self, actor: Actor, draft: WriteoffDraft) -> Changes:
        """The W document, its lines and the stock movements out of each lot,
        with one journal event, in one transaction under a gap-free number."""
        if not isinstance(actor, Actor):
            raise TypeError(f"a write-off is recorded by a person, not {actor!r}")
        lines, reason, note, recipient = checked(draft)
        with self.ctx.db.read() as s:
            acting_account(s, actor, Action.WRITE_OFF)
            value = _value(_taken(s, lines))
            over = rules.beyond_limit(value, rules_in(s).writeoff_limit_fen)
        # the PIN is checked before the write transaction: a wrong one is counted in a transaction of its own
        approved: Approved | None = (self.accounts.authorize(actor, Action.WRITE_OFF_OVER_LIMIT, draft.approval)
                                     if over else None)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.WRITE_OFF)
            taken = _taken(s, lines)
            value = _value(taken)
            limit = rules_in(s).writeoff_limit_fen
            # beyond the limit now (a price raised while the PIN was typed): approved, or refused
            approver = (require(s, actor, Action.WRITE_OFF_OVER_LIMIT, approved).approver
                        if rules.beyond_limit(value, limit) else None)
            number = next_number(s, "writeoff", local_date(now).year)
            approval_reason = approved.reason[:200] if approver is not None and approved is not None else None
            document = Writeoff(number=number, reason=reason, note=note, recipient=recipient, value_fen=value,
                                recorded_by=actor.user_id, approved_by=approver.user_id if approver else None,
                                approval_reason=approval_reason, at=now)
            s.add(document)
            s.flush()
            values = self._donation_values(s, [lot.lot_id for lot, _ in taken])
            for position, (lot, quantity) in enumerate(taken, start=1):
                s.add(WriteoffLine(writeoff_id=document.id, position=position, lot_id=lot.lot_id, item_id=lot.item_id,
                                   quantity=quantity, unit_price_fen=lot.unit_price_fen,
                                   unit_value_fen=values.get(lot.lot_id)))
                s.add(StockMovement(item_id=lot.item_id, lot_id=lot.lot_id, quantity=-quantity, reason="writeoff",
                                    document=number, note=rules.reason_words(reason, note, recipient)[:200],
                                    user_id=actor.user_id, at=now))
            facts: dict[str, object] = {"number": number, "reason": reason, "value_fen": value,
                                        "units": sum(quantity for _, quantity in taken), "limit_fen": limit}
            if approver is not None and approval_reason is not None:
                facts["approval"] = {"approved_by": str(approver.user_id), "reason": approval_reason}
                audit(s, now, str(Action.WRITE_OFF_OVER_LIMIT), "approved", actor.user_id, approver.user_id,
                      number=number, reason=approval_reason)
            ev = journal.append(s, "stock.written_off", actor=actor.user_id, at=now, facts=facts)
        return Changes(frozenset({Entity.STOCK}), (document.id, *(lot.item_id for lot, _ in taken)), ev.seq, number)

    @staticmethod
    def _donation_values(s: Session, lot_ids: list[uuid.UUID]) -> dict[uuid.UUID, int | None]:
        return {lot: value for lot, value in s.execute(
            select(StockLot.id, DonationLine.unit_value_fen)
            .join(DonationLine, DonationLine.id == StockLot.donation_line_id).where(StockLot.id.in_(lot_ids)))}

    # --- reading ------------------------------------------------------------------------
    def writeoffs(self, caller: Caller, start: date | None = None, end: date | None = None) -> list[WriteoffRow]:
        """The W documents, newest first (between two Shanghai days when given)."""
        with self.ctx.db.read() as s:
            require_of(s, caller, Action.WRITE_OFF)
            return writeoff_rows(s, start, end)

    def paper(self, caller: Caller, number: str) -> rules.WriteoffPaper:
        """What the W document's paper says (``printing.writeoff`` renders it)."""
        with self.ctx.db.read() as s:
            require_of(s, caller, Action.WRITE_OFF)
            return writeoff_paper(s, number)


def writeoff_rows(s: Session, start: date | None = None, end: date | None = None) -> list[WriteoffRow]:
    """The W documents, newest first (``services.writeoff_rows``; between two Shanghai days when given)."""
    from charity_pos.db.driver import driver

    rows = plain_rows(driver(s.connection()))
    if start is None and end is None:
        return rows
    lo, hi = utc_range(start or date(2000, 1, 1), end or date(2999, 12, 31))
    return [row for row in rows if lo <= row.at < hi]


def writeoff_paper(s: Session, number: str) -> rules.WriteoffPaper:
    from charity_pos.services.training import is_training

    text = number.strip().upper() if isinstance(number, str) else ""
    w = s.scalars(select(Writeoff).where(Writeoff.number == text)).first()
    if w is None:
        raise WriteoffUnknown(number=text or str(number))
    store = s.execute(select(Store)).scalar_one()
    lines = []
    for line in w.lines:
        lot = s.get(StockLot, line.lot_id)
        item = s.get(Item, line.item_id)
        assert lot is not None and item is not None  # foreign keys
        lines.append(rules.WriteoffPaperLine(
            item.name, item.unit, _lot_code(lot, item), ORIGIN_WORDS.get(lot.origin, lot.origin), lot.document,
            lot.expiry_date.isoformat() if lot.expiry_date else "", line.quantity, line.unit_price_fen,
            line.unit_price_fen * line.quantity,
            None if line.unit_value_fen is None else line.unit_value_fen * line.quantity))
    recorder = s.get(User, w.recorded_by)
    approver = s.get(User, w.approved_by) if w.approved_by else None
    return rules.WriteoffPaper(
        store.name, store.code, w.number, w.at, w.reason, rules.reason_words(w.reason, w.note, w.recipient),
        tuple(lines), w.value_fen, sum(x.value_fen or 0 for x in lines),
        recorder.display_name if recorder else "", approver.display_name if approver else "",
        w.approval_reason or "", rules_in(s).writeoff_limit_fen, is_training(s))
