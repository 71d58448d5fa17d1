"""Transfers between the district's stores (调拨): goods sent from one store
(or a district warehouse) to another, through the district's hub.

- ``send``: a numbered document (Y) naming the receiving store (one the hub
  named to this store in a downstream bundle, never this store itself) and
  lines of lots and quantities; the goods leave stock at once (movements
  ``transfer_out`` from the named lots), in one unit of work with one
  journal event (``transfer.sent``), whose facts carry each line's goods and
  origin, so that the next upstream bundle takes the transfer to the hub.
- ``record_incoming``: a transfer the hub passed on in this store's
  downstream bundle, kept as waiting (part of applying the bundle,
  ``sync.downstream``).
- ``receive``: the receiving store confirms what arrived, line by line (a
  line short needs a reason; never more than was sent, never twice); each
  line with goods becomes a lot of this store (movements ``transfer_in``,
  the lot's document the transfer's number) keeping the line's origin: the
  lot's origin as it was where the goods first came in, and on the line the
  original store, lot and donation (or receipt) number.

Both directions are a manager's (``Action.TRANSFER``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.engine import Reader
from charity_pos.db.models import Category, DonationLine, Item, StockLot, StockMovement, Store
from charity_pos.db.transfers import DistrictStore, Transfer, TransferLine
from charity_pos.domain import barcodes
from charity_pos.domain.days import STORE_TZ
from charity_pos.domain.numbers import STORE_CODE
from charity_pos.domain.quantities import check_quantity, check_line_count
from charity_pos.errors import (
    DownstreamTransferConflict, InvalidInput, TransferAlreadyReceived, TransferDifferenceNeedsReason, TransferLineUnknown, TransferLotShort,
    TransferLotUnknown, TransferNotFound, TransferOverReceived, TransferStoreUnknown, TransferToOwnStore,
)
from charity_pos.ledger import journal
from charity_pos.ledger.fates import TRANSFER_OUT_REASON
from charity_pos.services import lots
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Actor, Changes, Entity, ServiceContext, System, local_date, user_id_of
from charity_pos.services.permissions import Action, require
from charity_pos.services.sequences import next_number

SENT, RECEIVED = "transfer.sent", "transfer.received"
TRANSFER_IN_REASON = "transfer_in"
MAX_LINES = 200
MAX_QUANTITY = 1_000_000
NOTE_LIMIT = 200
REASON_LIMIT = 200


# --- what travels: a transfer's lines as the sending store describes them --------------------------------
@dataclass(frozen=True)
class GoodsLine:
    """One line of a transfer as it travels (the ``transfer.sent`` event's facts, the hub's tables, the
    downstream bundle's ``transfers.json``): the goods, the sending store's lot and the goods' origin."""

    line_no: int
    item_barcode: str | None
    item_name: str
    unit: str
    category_code: str
    sale_price_fen: int
    item_source: str
    expiry_date: date | None
    from_lot: str
    origin: str
    origin_store: str
    origin_lot: str
    origin_document: str
    unit_value_fen: int | None
    quantity_sent: int

    def facts(self) -> dict[str, object]:
        return {"line_no": self.line_no, "item_barcode": self.item_barcode, "item_name": self.item_name,
                "unit": self.unit, "category_code": self.category_code, "sale_price_fen": self.sale_price_fen,
                "item_source": self.item_source,
                "expiry_date": None if self.expiry_date is None else self.expiry_date.isoformat(),
                "from_lot": self.from_lot, "origin": self.origin, "origin_store": self.origin_store,
                "origin_lot": self.origin_lot, "origin_document": self.origin_document,
                "unit_value_fen": self.unit_value_fen, "quantity_sent": self.quantity_sent}


@dataclass(frozen=True)
class IncomingTransfer:
    """A transfer to this store, as the hub passed it on."""

    number: str
    from_store: str
    to_store: str
    sent_at: datetime
    note: str
    lines: tuple[GoodsLine, ...]


# --- what screens and the command line read ---------------------------------------------------------------
@dataclass(frozen=True)
class DistrictStoreRow:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class LotChoice:
    """A lot with goods left, to pick for a transfer."""

    lot_id: uuid.UUID
    code: str
    item_name: str
    unit: str
    left: int
    origin: str
    document: str
    expiry_date: date | None


@dataclass(frozen=True)
class TransferLineRow:
    line_no: int
    item_name: str
    unit: str
    from_lot: str
    origin: str
    origin_store: str
    origin_lot: str
    origin_document: str
    quantity_sent: int
    quantity_received: int | None
    difference_reason: str
    #: this store's lot: the one the goods left (out) or arrived in (in, once received)
    lot_code: str | None


@dataclass(frozen=True)
class TransferRow:
    id: uuid.UUID
    number: str
    direction: str
    other_store: str
    status: str
    sent_at: datetime
    received_at: datetime | None
    note: str
    lines: tuple[TransferLineRow, ...] = field(default_factory=tuple)

    @property
    def units_sent(self) -> int:
        return sum(line.quantity_sent for line in self.lines)

    @property
    def units_received(self) -> int | None:
        if self.status != "received" and self.direction == "in":
            return None
        got = [line.quantity_received for line in self.lines]
        return None if any(q is None for q in got) else sum(q for q in got if q is not None)


@dataclass(frozen=True)
class TransferLineDraft:
    """A lot and how many of its units go."""

    lot_id: uuid.UUID
    quantity: int


@dataclass(frozen=True)
class ReceivedLine:
    """What arrived of a line: its number, the units and, when short, why."""

    line_no: int
    quantity: int
    reason: str = ""


# --- helpers inside a unit of work ------------------------------------------------------------------------
def lot_code(lot: StockLot) -> str:
    """How a lot is named to people and other stores: its in-store code, else its id."""
    return lot.barcode or str(lot.id)


def _left(s: Session, lot_id: uuid.UUID) -> int:
    return int(s.scalar(select(func.coalesce(func.sum(StockMovement.quantity), 0))
                        .where(StockMovement.lot_id == lot_id)) or 0)


def _origin_of(s: Session, lot: StockLot, store_code: str) -> tuple[str, str, str, str, int | None]:
    """(origin, origin store, origin lot, origin document, unit value) of a lot: a lot that came by transfer
    keeps what its line says, any other lot came in here."""
    came = s.scalars(select(TransferLine).join(Transfer, Transfer.id == TransferLine.transfer_id)
                     .where(TransferLine.lot_id == lot.id, Transfer.direction == "in")).first()
    if came is not None:
        return came.origin, came.origin_store, came.origin_lot, came.origin_document, came.unit_value_fen
    value = None
    if lot.donation_line_id is not None:
        value = s.scalar(select(DonationLine.unit_value_fen).where(DonationLine.id == lot.donation_line_id))
    return lot.origin, store_code, lot_code(lot), lot.document, value


def district_stores(s: Session) -> list[DistrictStoreRow]:
    return [DistrictStoreRow(r.code, r.name, r.kind)
            for r in s.scalars(select(DistrictStore).order_by(DistrictStore.code))]


def replace_district_stores(s: Session, stores: Iterable[DistrictStoreRow]) -> int:
    """The district's stores as the hub names them now (part of applying a downstream bundle)."""
    from sqlalchemy import delete

    s.execute(delete(DistrictStore))
    rows = [DistrictStore(code=r.code, name=r.name, kind=r.kind) for r in stores]
    s.add_all(rows)
    return len(rows)


def _same(held: Transfer, lines: list[TransferLine], incoming: IncomingTransfer) -> bool:
    if (held.direction, held.other_store) != ("in", incoming.from_store) or len(lines) != len(incoming.lines):
        return False
    return all(_line_of(line) == goods for line, goods in zip(lines, incoming.lines, strict=True))


def _line_of(line: TransferLine) -> GoodsLine:
    return GoodsLine(line.line_no, line.item_barcode, line.item_name, line.unit, line.category_code,
                     line.sale_price_fen, line.item_source, line.expiry_date, line.from_lot, line.origin,
                     line.origin_store, line.origin_lot, line.origin_document, line.unit_value_fen, line.quantity_sent)


def record_incoming(s: Session, transfers: Sequence[IncomingTransfer], *, at: datetime, sequence: int,
                    where: str) -> int:
    """Keep the transfers the hub passed on as waiting, those this store holds already left as they are (the
    hub sends a transfer until it has the store's confirmation); one held with other lines is refused
    (``DownstreamTransferConflict``, ``where`` the bundle's path). The number of new ones."""
    added = 0
    for incoming in transfers:
        held = s.scalars(select(Transfer).where(Transfer.number == incoming.number)).first()
        if held is not None:
            lines = list(s.scalars(select(TransferLine).where(TransferLine.transfer_id == held.id)
                                   .order_by(TransferLine.line_no)))
            if not _same(held, lines, incoming):
                raise DownstreamTransferConflict(path=where, number=incoming.number)
            continue
        transfer = Transfer(id=uuid.uuid4(), number=incoming.number, direction="in", other_store=incoming.from_store,
                            status="waiting", sent_at=incoming.sent_at, sent_by=None, note=incoming.note,
                            arrived_at=at, arrived_with=sequence, received_at=None, received_by=None)
        s.add(transfer)
        for g in incoming.lines:
            s.add(TransferLine(id=uuid.uuid4(), transfer_id=transfer.id, line_no=g.line_no, item_id=None, lot_id=None,
                               item_barcode=g.item_barcode, item_name=g.item_name, unit=g.unit,
                               category_code=g.category_code, sale_price_fen=g.sale_price_fen,
                               item_source=g.item_source, expiry_date=g.expiry_date, from_lot=g.from_lot,
                               origin=g.origin, origin_store=g.origin_store, origin_lot=g.origin_lot,
                               origin_document=g.origin_document, unit_value_fen=g.unit_value_fen,
                               quantity_sent=g.quantity_sent, quantity_received=None, difference_reason=""))
        added += 1
    return added


def _row(s: Session, transfer: Transfer) -> TransferRow:
    lines = s.execute(select(TransferLine, StockLot.barcode)
                      .outerjoin(StockLot, StockLot.id == TransferLine.lot_id)
                      .where(TransferLine.transfer_id == transfer.id).order_by(TransferLine.line_no)).all()
    return TransferRow(transfer.id, transfer.number, transfer.direction, transfer.other_store, transfer.status,
                       transfer.sent_at, transfer.received_at, transfer.note, tuple(
                           TransferLineRow(line.line_no, line.item_name, line.unit, line.from_lot, line.origin,
                                           line.origin_store, line.origin_lot, line.origin_document,
                                           line.quantity_sent, line.quantity_received, line.difference_reason,
                                           None if line.lot_id is None else (code or str(line.lot_id)))
                           for line, code in lines))


def transfer_lots(s: Session, number: str) -> list[uuid.UUID] | None:
    """The lots a transfer of this number moved here (the lots goods left, or arrived in); None: no such transfer."""
    transfer_id = s.scalar(select(Transfer.id).where(Transfer.number == number))
    if transfer_id is None:
        return None
    return sorted({lot for lot in s.scalars(select(TransferLine.lot_id).where(TransferLine.transfer_id == transfer_id))
                   if lot is not None}, key=str)


def transfer_notes(s: Session, lot_ids: Sequence[uuid.UUID]) -> tuple[dict[uuid.UUID, str], dict[str, str]]:
    """For the trace: where each of the lots that came by transfer came from (the sending store, and the goods'
    first store, document and lot: ``JA01 · JA01-2026-D000003 · 2200000000017``), and the receiving store of
    each transfer out, by its number."""
    came: dict[uuid.UUID, str] = {}
    went: dict[str, str] = {}
    if not lot_ids:
        return came, went
    for start in range(0, len(lot_ids), 500):
        chunk = list(lot_ids[start:start + 500])
        for line, transfer in s.execute(select(TransferLine, Transfer).join(Transfer, Transfer.id ==
                                                                           TransferLine.transfer_id)
                                        .where(TransferLine.lot_id.in_(chunk))):
            if transfer.direction == "in" and line.lot_id is not None:
                first = " · ".join(part for part in (line.origin_store, line.origin_document, line.origin_lot) if part)
                came[line.lot_id] = transfer.other_store + ("" if line.origin_store == transfer.other_store
                                                            and line.from_lot == line.origin_lot
                                                            else f" ← {line.origin_store}") + f" ({first})"
            else:
                went[transfer.number] = transfer.other_store
    return came, went


def _text(value: object, field_name: str, limit: int) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field=field_name, value=value, reason="unknown")
    text = " ".join(value.split())
    if len(text) > limit:
        raise InvalidInput(field=field_name, value=text[:limit], reason="too_long")
    return text


class TransferService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    # --- reading ----------------------------------------------------------------------------------------
    def stores(self) -> list[DistrictStoreRow]:
        """The district's other stores and warehouses, as the hub last named them."""
        with self.ctx.db.read() as s:
            own = s.scalars(select(Store.code)).one()
            return [r for r in district_stores(s) if r.code != own]

    def lots(self) -> list[LotChoice]:
        """Every lot with goods left, by item name then oldest first."""
        left = func.coalesce(func.sum(StockMovement.quantity), 0)
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(StockLot, Item.name, Item.unit, left)
                .join(Item, Item.id == StockLot.item_id)
                .outerjoin(StockMovement, StockMovement.lot_id == StockLot.id)
                .group_by(StockLot.id, Item.name, Item.unit).having(left > 0)
                .order_by(Item.name, StockLot.received_at, StockLot.id)).all()
            return [LotChoice(lot.id, lot_code(lot), name, unit, int(q), lot.origin, lot.document, lot.expiry_date)
                    for lot, name, unit, q in rows]

    def drafts_for(self, code: str, quantity: int) -> list[TransferLineDraft]:
        """The lines for ``quantity`` units of a code: a lot's code (its in-store code, or its id) is that lot;
        a maker's barcode takes the item's lots oldest first."""
        quantity = check_quantity(quantity, MAX_QUANTITY)
        text = barcodes.normalize(code or "")
        if not text or len(text) > 40:
            raise TransferLotUnknown(code=text[:40])
        with self.ctx.db.read() as s:
            lot = s.scalars(select(StockLot).where(StockLot.barcode == text)).first()
            if lot is None:
                try:
                    lot = s.get(StockLot, uuid.UUID(text))
                except ValueError:
                    lot = None
            if lot is not None:
                return [TransferLineDraft(lot.id, quantity)]
            item_id = s.scalar(select(Item.id).where(Item.barcode == text))
            if item_id is None:
                raise TransferLotUnknown(code=text)
            available = lots.on_hand(s, item_id)
            if available < quantity:
                raise TransferLotShort(lot=text, wanted=quantity, available=available)
            return [TransferLineDraft(taken.id, part) for taken, part in lots.take_first_in(s, item_id, quantity)]

    def transfers(self, *, direction: str | None = None, status: str | None = None) -> list[TransferRow]:
        """Every transfer, the newest first (``direction`` out or in, ``status`` sent, waiting or received)."""
        with self.ctx.db.read() as s:
            query = select(Transfer).order_by(Transfer.sent_at.desc(), Transfer.number.desc())
            if direction is not None:
                query = query.where(Transfer.direction == direction)
            if status is not None:
                query = query.where(Transfer.status == status)
            return [_row(s, t) for t in s.scalars(query)]

    def get(self, number: str) -> TransferRow:
        with self.ctx.db.read() as s:
            transfer = s.scalars(select(Transfer).where(Transfer.number == number.strip().upper())).first()
            if transfer is None:
                raise TransferNotFound(number=number.strip().upper()[:32])
            return _row(s, transfer)

    def record_from_district(self, caller: System, stores: Sequence[DistrictStoreRow],
                             incoming: Sequence[IncomingTransfer], *, event: str) -> Changes:
        """The district's stores and transfers to this store, put in as applying a downstream bundle puts them,
        for a store that gets them another way than from a hub (the demo, which has none): one unit of work,
        one journal event of the kind ``event``. The system's only (``STORE_SETUP``)."""
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            known = replace_district_stores(s, stores)
            added = record_incoming(s, incoming, at=now, sequence=0, where=event)
            ev = journal.append(s, event, actor=user_id_of(caller), at=now,
                                facts={"stores": known, "transfers": added})
        return Changes(frozenset({Entity.STOCK}), (), ev.seq)

    # --- sending ----------------------------------------------------------------------------------------
    def send(self, actor: Actor, to_store: str, lines: Sequence[TransferLineDraft], note: str = "") -> Changes:
        """Goods to another store of the district: one numbered transfer (Y), the goods off stock at once."""
        code = _text(to_store, "store_code", 8).upper()
        if not STORE_CODE.match(code):
            raise TransferStoreUnknown(store_code=code)
        check_line_count(len(lines), MAX_LINES)
        if not lines:
            raise InvalidInput(field="lines", value=0, reason="empty")
        wanted: dict[uuid.UUID, int] = defaultdict(int)
        for line in lines:
            wanted[line.lot_id] += check_quantity(line.quantity, MAX_QUANTITY)
        note = _text(note, "note", NOTE_LIMIT)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.TRANSFER)
            own = s.scalars(select(Store.code)).one()
            if code == own:
                raise TransferToOwnStore(store_code=code)
            if s.get(DistrictStore, code) is None:
                raise TransferStoreUnknown(store_code=code)
            number = next_number(s, "transfer", local_date(now).year)
            transfer = Transfer(id=uuid.uuid4(), number=number, direction="out", other_store=code, status="sent",
                                sent_at=now, sent_by=actor.user_id, note=note, arrived_at=None, arrived_with=None,
                                received_at=None, received_by=None)
            s.add(transfer)
            goods: list[GoodsLine] = []
            for line_no, (lot_id, quantity) in enumerate(wanted.items(), start=1):
                lot = s.get(StockLot, lot_id)
                if lot is None:
                    raise TransferLotUnknown(code=str(lot_id))
                available = _left(s, lot.id)
                if quantity > available:
                    raise TransferLotShort(lot=lot_code(lot), wanted=quantity, available=available)
                item = s.get(Item, lot.item_id)
                assert item is not None
                category = s.get(Category, item.category_id)
                assert category is not None
                origin, origin_store, origin_lot, origin_document, value = _origin_of(s, lot, own)
                maker = item.barcode if item.barcode and not barcodes.is_in_store(item.barcode) else None
                g = GoodsLine(line_no, maker, item.name, item.unit, category.code, item.sale_price_fen, item.source,
                              lot.expiry_date, lot_code(lot), origin, origin_store, origin_lot, origin_document,
                              value, quantity)
                goods.append(g)
                s.add(TransferLine(id=uuid.uuid4(), transfer_id=transfer.id, line_no=line_no, item_id=item.id,
                                   lot_id=lot.id, item_barcode=g.item_barcode, item_name=g.item_name, unit=g.unit,
                                   category_code=g.category_code, sale_price_fen=g.sale_price_fen,
                                   item_source=g.item_source, expiry_date=g.expiry_date, from_lot=g.from_lot,
                                   origin=g.origin, origin_store=g.origin_store, origin_lot=g.origin_lot,
                                   origin_document=g.origin_document, unit_value_fen=g.unit_value_fen,
                                   quantity_sent=quantity, quantity_received=None, difference_reason=""))
                s.add(StockMovement(item_id=item.id, lot_id=lot.id, quantity=-quantity, reason=TRANSFER_OUT_REASON,
                                    document=number, note=f"→ {code}", user_id=actor.user_id, at=now))
            ev = journal.append(s, SENT, actor=actor.user_id, at=now, facts={
                "number": number, "from_store": own, "to_store": code, "note": note,
                "lines": [g.facts() for g in goods]})
        return Changes(frozenset({Entity.STOCK}), (transfer.id,), ev.seq, number)

    # --- receiving --------------------------------------------------------------------------------------
    def receive(self, actor: Actor, number: str, received: Sequence[ReceivedLine] = ()) -> Changes:
        """Confirm what arrived of a transfer to this store: every line as sent unless ``received`` says
        otherwise (a line short needs its reason; more than sent is refused); the goods become lots here."""
        number = _text(number, "number", 32).upper()
        given: dict[int, ReceivedLine] = {}
        for told in received:
            if isinstance(told.line_no, bool) or not isinstance(told.line_no, int):
                raise TransferLineUnknown(number=number, line=str(told.line_no))
            quantity = check_quantity(told.quantity, MAX_QUANTITY, zero_allowed=True)
            given[told.line_no] = ReceivedLine(told.line_no, quantity, _text(told.reason, "reason", REASON_LIMIT))
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.TRANSFER)
            transfer = s.scalars(select(Transfer).where(Transfer.number == number, Transfer.direction == "in")).first()
            if transfer is None:
                raise TransferNotFound(number=number)
            if transfer.status == "received":
                at = transfer.received_at
                raise TransferAlreadyReceived(number=number, at="" if at is None else
                                              at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M"))
            lines = list(s.scalars(select(TransferLine).where(TransferLine.transfer_id == transfer.id)
                                   .order_by(TransferLine.line_no)))
            by_no = {line.line_no: line for line in lines}
            for line_no in given:
                if line_no not in by_no:
                    raise TransferLineUnknown(number=number, line=str(line_no))
            reader = Reader.within(s)
            own = s.scalars(select(Store.code)).one()
            facts_lines = []
            for line in lines:
                got = given.get(line.line_no, ReceivedLine(line.line_no, line.quantity_sent))
                if got.quantity > line.quantity_sent:
                    raise TransferOverReceived(number=number, line=line.line_no, sent=line.quantity_sent,
                                               received=got.quantity)
                if got.quantity < line.quantity_sent and not got.reason:
                    raise TransferDifferenceNeedsReason(number=number, line=line.line_no)
                line.quantity_received = got.quantity
                line.difference_reason = got.reason if got.quantity < line.quantity_sent else ""
                if got.quantity:
                    item_id, in_store = self._item_for(s, reader, line, now)
                    lot = lots.receive_into_new_lot(
                        s, item_id=item_id, origin=line.origin, document=number, quantity=got.quantity, at=now,
                        user_id=actor.user_id, reason=TRANSFER_IN_REASON, note=f"← {transfer.other_store}",
                        expiry=line.expiry_date, lot_barcode=in_store)
                    line.item_id, line.lot_id = item_id, lot.id
                facts_lines.append({"line_no": line.line_no, "quantity_sent": line.quantity_sent,
                                    "quantity_received": got.quantity, "reason": line.difference_reason})
            transfer.status, transfer.received_at, transfer.received_by = "received", now, actor.user_id
            ev = journal.append(s, RECEIVED, actor=actor.user_id, at=now, facts={
                "number": number, "from_store": transfer.other_store, "to_store": own, "lines": facts_lines})
        return Changes(frozenset({Entity.STOCK, Entity.ITEMS}), (transfer.id,), ev.seq, number)

    @staticmethod
    def _item_for(s: Session, reader: Reader, line: TransferLine, now: datetime) -> tuple[uuid.UUID, bool]:
        """This store's item for a line's goods, and whether its lots get in-store codes: the item of the
        maker's barcode; else one of the same name, unit and category; else a new item as the sender
        describes it (its category this store's of that code, or the first one)."""
        from charity_pos.services.catalog import ITEM_TABLE, ItemDraft, Source, _clean, _free_in_store_code, item_values

        if line.item_barcode:
            found = s.scalar(select(Item.id).where(Item.barcode == line.item_barcode))
            if found is not None:
                return found, False
        category_id = s.scalar(select(Category.id).where(Category.code == line.category_code))
        if category_id is None:
            category_id = s.scalar(select(Category.id).order_by(Category.sort_order, Category.code).limit(1))
        same = s.scalar(select(Item.id).where(Item.name == line.item_name, Item.unit == line.unit,
                                              Item.category_id == category_id).order_by(Item.created_at).limit(1))
        if same is not None:
            return same, not line.item_barcode
        code = s.scalar(select(Category.code).where(Category.id == category_id))
        try:
            source = Source(line.item_source)
        except ValueError:
            source = Source.DONATED
        draft, category = _clean(reader, ItemDraft(line.item_name, str(code), line.unit, max(line.sale_price_fen, 1),
                                                   None, line.item_barcode, source))
        item_id = uuid.uuid4()
        journal.insert_rows(s, [(ITEM_TABLE, item_values(item_id, draft, category, draft.barcode or
                                                         _free_in_store_code(s), now))])
        return item_id, not line.item_barcode
