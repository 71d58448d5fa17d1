"""Consigned goods (代销, e.g. 扶贫 products of a paired poor area's
cooperative): the consignors' register, their goods received as consigned
lots (a K document), unsold goods returned to them (a U document), and the
monthly settlement of what the store owes each of them.

A consigned lot stays the consignor's until sold: it is never a donation
(no donation line, no receipt, no donor), its item's source is
``consigned`` so that sale lines keep its income apart (收支两条线), and it
carries the agreed price per unit sold (结算价). Managers only: the
register, receiving and returning (``Action.MANAGE_CONSIGNMENT``), the
settlement (``Action.VIEW_REPORTS``). Each change is one unit of work with
one journal event.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import Category, Consignor, Item, StockLot, StockMovement
from charity_pos.domain.identity import mask_phone, validate_credit_code
from charity_pos.domain.money import check_fen
from charity_pos.domain.quantities import check_quantity
from charity_pos.errors import (
    ConsignedShort, ConsignorNotFound, DuplicateName, InvalidInput, NotFound, SettlementMonthToCome,
)
from charity_pos.ledger import journal
from charity_pos.ledger.fates import SENT_BACK_REASON
from charity_pos.reports.consignment import RECEIVED_REASON, Settlement, month_has_begun, settlement
from charity_pos.services import lots
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Actor, Caller, Changes, Entity, ServiceContext, local_date, user_id_of
from charity_pos.services.intake import FOOD_CATEGORIES
from charity_pos.services.permissions import Action, require, require_of
from charity_pos.services.sequences import next_number

MAX_QUANTITY = 1_000_000
#: at most this many lines on one document
MAX_LINES = 200


@dataclass(frozen=True)
class ConsignorDraft:
    name: str
    credit_code: str
    contact: str = ""
    phone: str = ""
    bank: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ConsignorRow:
    """A consignor as lists show it: the contact's phone masked."""

    id: uuid.UUID
    name: str
    credit_code: str
    contact: str
    phone_masked: str
    bank: str
    notes: str
    active: bool


@dataclass(frozen=True)
class ConsignedLine:
    """Goods received from a consignor: so many units at the agreed price per unit (结算价)."""

    item_id: uuid.UUID
    quantity: int
    price_fen: int
    expiry_date: date | None = None


@dataclass(frozen=True)
class HeldGoods:
    """What is left of one of a consignor's goods (all its lots together)."""

    item_id: uuid.UUID
    item_name: str
    unit: str
    left: int


def _text(value: object, *, field: str, limit: int, required: bool = False) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field=field, value=str(value), reason="unknown")
    text = " ".join(value.split())
    if required and not text:
        raise InvalidInput(field=field, value="", reason="empty")
    if len(text) > limit:
        raise InvalidInput(field=field, value=text[:limit], reason="too_long")
    return text


def clean_draft(draft: ConsignorDraft) -> ConsignorDraft:
    """The draft as it is kept, or the InvalidInput naming the first bad field."""
    name = _text(draft.name, field="name", limit=100, required=True)
    if not isinstance(draft.credit_code, str) or not draft.credit_code.strip():
        raise InvalidInput(field="credit_code", value="", reason="empty")
    credit = validate_credit_code(draft.credit_code)
    phone = "".join(c for c in str(draft.phone) if c.isdigit())
    if str(draft.phone).strip() and not 7 <= len(phone) <= 12:
        raise InvalidInput(field="phone", value=str(draft.phone), reason="phone")
    return ConsignorDraft(name, credit, _text(draft.contact, field="contact", limit=50), phone,
                          _text(draft.bank, field="bank", limit=200), _text(draft.notes, field="notes", limit=200))


def _row(c: Consignor) -> ConsignorRow:
    return ConsignorRow(c.id, c.name, c.credit_code, c.contact, mask_phone(c.phone) if c.phone else "", c.bank,
                        c.notes, c.active)


def _find(session: Session, key: uuid.UUID | str) -> Consignor:
    """A consignor by id, exact name or credit code."""
    found: Consignor | None = None
    if isinstance(key, uuid.UUID):
        found = session.get(Consignor, key)
    elif isinstance(key, str) and key.strip():
        text = " ".join(key.split())
        found = session.scalars(select(Consignor).where(
            (Consignor.name == text) | (Consignor.credit_code == text.upper()))).first()
    if found is None:
        raise ConsignorNotFound(key=str(key).strip()[:100])
    return found


def _active(session: Session, key: uuid.UUID | str) -> Consignor:
    found = _find(session, key)
    if not found.active:
        raise InvalidInput(field="consignor", value=found.name, reason="consignor_inactive")
    return found


class ConsignmentService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    # --- the register ------------------------------------------------------------------------------
    def add_consignor(self, actor: Caller, draft: ConsignorDraft) -> Changes:
        """A new consignor: a name and a unified social credit code no other consignor has."""
        draft = clean_draft(draft)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require_of(s, actor, Action.MANAGE_CONSIGNMENT)
            self._unique(s, draft, None)
            consignor = Consignor(name=draft.name, credit_code=draft.credit_code, contact=draft.contact,
                                  phone=draft.phone, bank=draft.bank, notes=draft.notes, active=True, created_at=now)
            s.add(consignor)
            ev = journal.append(s, "consignor.registered", actor=user_id_of(actor), at=now,
                                facts={"name": draft.name})
        return Changes(frozenset({Entity.STOCK}), (consignor.id,), ev.seq)

    def update_consignor(self, actor: Caller, key: uuid.UUID | str, draft: ConsignorDraft, *,
                         active: bool = True, keep_phone: bool = False) -> Changes:
        """A consignor's details changed, or switched off (their goods and settlements stay).
        ``keep_phone``: an empty phone keeps the one on file (screens show it masked only)."""
        draft = clean_draft(draft)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require_of(s, actor, Action.MANAGE_CONSIGNMENT)
            consignor = _find(s, key)
            self._unique(s, draft, consignor.id)
            consignor.name, consignor.credit_code, consignor.contact = draft.name, draft.credit_code, draft.contact
            if draft.phone or not keep_phone:
                consignor.phone = draft.phone
            consignor.bank, consignor.notes = draft.bank, draft.notes
            consignor.active = bool(active)
            ev = journal.append(s, "consignor.updated", actor=user_id_of(actor), at=now, facts={"name": draft.name})
        return Changes(frozenset({Entity.STOCK}), (consignor.id,), ev.seq)

    @staticmethod
    def _unique(s: Session, draft: ConsignorDraft, own: uuid.UUID | None) -> None:
        for field, column, value in (("name", Consignor.name, draft.name),
                                     ("credit_code", Consignor.credit_code, draft.credit_code)):
            other = s.scalar(select(Consignor.id).where(column == value))
            if other is not None and other != own:
                raise DuplicateName(field=field, value=value)

    def consignors(self, actor: Caller, *, include_inactive: bool = True) -> list[ConsignorRow]:
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.MANAGE_CONSIGNMENT)
            query = select(Consignor).order_by(Consignor.name)
            if not include_inactive:
                query = query.where(Consignor.active.is_(True))
            return [_row(c) for c in s.scalars(query)]

    def consignor(self, actor: Caller, key: uuid.UUID | str) -> ConsignorRow:
        """One consignor by id, exact name or credit code; ``ConsignorNotFound`` otherwise."""
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.MANAGE_CONSIGNMENT)
            return _row(_find(s, key))

    def consigned_items(self, actor: Caller) -> list[tuple[uuid.UUID, str, str, str | None]]:
        """Goods that may arrive from a consignor (source consigned, on sale): id, name, unit, barcode."""
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.MANAGE_CONSIGNMENT)
            return [(i, n, u, b) for i, n, u, b in s.execute(
                select(Item.id, Item.name, Item.unit, Item.barcode)
                .where(Item.source == "consigned", Item.active.is_(True)).order_by(Item.pinyin_full, Item.name))]

    # --- goods in and back ------------------------------------------------------------------------
    def receive(self, actor: Actor, consignor: uuid.UUID | str, lines: Sequence[ConsignedLine],
                note: str = "") -> Changes:
        """A consignor's goods in (K): one consigned lot per line, owned by the
        consignor, at the agreed price per unit. Only goods whose source is
        consigned; food needs its best-before date. A manager at the store
        (the goods are counted in by someone who signs the K note)."""
        if not lines:
            raise InvalidInput(field="lines", value=0, reason="empty")
        if len(lines) > MAX_LINES:
            raise InvalidInput(field="lines", value=len(lines), reason="too_large")
        checked = [(line, check_quantity(line.quantity, MAX_QUANTITY),
                    check_fen(line.price_fen, field="settlement_price", allow_zero=False)) for line in lines]
        note = _text(note, field="notes", limit=200)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.MANAGE_CONSIGNMENT)
            owner = _active(s, consignor)
            number = _next(s, "consignment_receipt", now)
            lot_ids = []
            for line, quantity, price in checked:
                item, category = self._consigned_item(s, line.item_id)
                if category in FOOD_CATEGORIES and line.expiry_date is None:
                    raise InvalidInput(field="expiry_date", value=item.name, reason="food_needs_date")
                lot = lots.receive_into_new_lot(
                    s, item_id=item.id, origin="consignment", document=number, quantity=quantity, at=now,
                    user_id=actor.user_id, reason=RECEIVED_REASON, note=note, expiry=line.expiry_date,
                    lot_barcode=item.barcode is None, consignor_id=owner.id, settlement_price_fen=price)
                lot_ids.append(lot.id)
            ev = journal.append(s, "consignment.received", actor=actor.user_id, at=now,
                                facts={"number": number, "consignor": str(owner.id)})
        return Changes(frozenset({Entity.STOCK}), tuple(lot_ids), ev.seq, number)

    @staticmethod
    def _consigned_item(s: Session, item_id: uuid.UUID) -> tuple[Item, str]:
        found = s.execute(select(Item, Category.code).join(Category, Category.id == Item.category_id)
                          .where(Item.id == item_id)).first() if isinstance(item_id, uuid.UUID) else None
        if found is None:
            raise NotFound(kind="item", key=str(item_id))
        item, category = found
        if item.source != "consigned":
            raise InvalidInput(field="source", value=item.name, reason="not_consigned")
        return item, str(category)

    def return_goods(self, actor: Actor, consignor: uuid.UUID | str, lines: dict[uuid.UUID, int],
                     reason: str) -> Changes:
        """Unsold goods back to their consignor (U): taken off the consignor's
        lots of each item, oldest first; never more than is left of them."""
        if not lines:
            raise InvalidInput(field="lines", value=0, reason="empty")
        quantities = {item: check_quantity(q, MAX_QUANTITY) for item, q in lines.items()}
        why = _text(reason, field="reason", limit=200, required=True)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.MANAGE_CONSIGNMENT)
            owner = _find(s, consignor)
            number = _next(s, "consignment_return", now)
            who = actor.user_id
            for item_id, wanted in quantities.items():
                item = s.get(Item, item_id) if isinstance(item_id, uuid.UUID) else None
                if item is None:
                    raise NotFound(kind="item", key=str(item_id))
                held = _held_lots(s, owner.id, item_id)
                left = sum(q for _, q in held)
                if wanted > left:
                    raise ConsignedShort(item_name=item.name, consignor=owner.name, wanted=wanted, left=left)
                for lot, available in held:
                    part = min(available, wanted)
                    if part:
                        s.add(StockMovement(item_id=item_id, lot_id=lot.id, quantity=-part, reason=SENT_BACK_REASON,
                                            document=number, note=why, user_id=who, at=now))
                        wanted -= part
            ev = journal.append(s, "consignment.returned", actor=actor.user_id, at=now,
                                facts={"number": number, "consignor": str(owner.id), "reason": why})
        return Changes(frozenset({Entity.STOCK}), tuple(quantities), ev.seq, number)

    def held(self, actor: Caller, consignor: uuid.UUID | str) -> list[HeldGoods]:
        """What is left of each of a consignor's goods, by name."""
        left = func.sum(StockMovement.quantity)
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.MANAGE_CONSIGNMENT)
            owner = _find(s, consignor)
            return [HeldGoods(i, n, u, int(q)) for i, n, u, q in s.execute(
                select(Item.id, Item.name, Item.unit, left).join(StockLot, StockLot.item_id == Item.id)
                .join(StockMovement, StockMovement.lot_id == StockLot.id)
                .where(StockLot.consignor_id == owner.id).group_by(Item.id, Item.name, Item.unit)
                .having(left > 0).order_by(Item.name))]

    # --- the settlement ---------------------------------------------------------------------------
    def settlement(self, actor: Caller, consignor: uuid.UUID | str, month: tuple[date, date]) -> Settlement:
        """A consignor's settlement of a month (its first and last day) that
        has begun: the month so far while it runs."""
        start, end = month
        now = self.ctx.now()
        if not month_has_begun(start, now):
            raise SettlementMonthToCome(month=f"{start:%Y-%m}")
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.VIEW_REPORTS)
            return settlement(s, _find(s, consignor).id, start, end)


def _next(s: Session, kind: str, now: datetime) -> str:
    return next_number(s, kind, local_date(now).year)


def _held_lots(s: Session, consignor_id: uuid.UUID, item_id: uuid.UUID) -> list[tuple[StockLot, int]]:
    """The consignor's lots of an item with something left, oldest first."""
    left = func.coalesce(func.sum(StockMovement.quantity), 0)
    return [(lot, int(q)) for lot, q in s.execute(
        select(StockLot, left).join(StockMovement, StockMovement.lot_id == StockLot.id)
        .where(StockLot.consignor_id == consignor_id, StockLot.item_id == item_id)
        .group_by(StockLot.id).having(left > 0).order_by(StockLot.received_at, StockLot.id))]

