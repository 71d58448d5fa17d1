"""Transfers between the district's stores at the hub (``sync.transfers``).

- At import (``Transfers``, fed by ``importer``): a store's ``transfer.sent``
  event becomes a ``hub_transfer`` with its lines (each lot's origin: the
  original store, lot and donation or receipt number); the receiving
  store's ``transfer.received`` closes it with what arrived. Every field is
  checked as the store writes it (``sync.transfers.goods_line``), or the
  bundle is refused; a transfer not from the importing store itself (its
  number and ``from_store`` another store's: a journal copied under another
  code) is logged and left out, as is a confirmation of a transfer the hub
  does not hold as sent to that store (the store's journal is still taken
  whole: the event is kept in ``hub_event``).
- ``downstream_part``: ``transfers.json`` for a store's downstream bundle:
  the district's stores and warehouses, and the transfers to that store not
  confirmed yet.
- ``transfers``: what is in flight (or every transfer), for ``hub transfers``
  and the hub app; ``trace``: every transfer line of a lot or donation,
  wherever it went in the district.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from charity_pos.errors import EventPayloadInvalid, InvalidInput, StoreNotRegistered
from charity_pos.hub.models import HubStore, HubTransfer, HubTransferLine
from charity_pos.ledger.canonical import canonical_json
from charity_pos.services.transfers import RECEIVED, SENT, GoodsLine, IncomingTransfer, TransferLineRow
from charity_pos.sync import transfers as wire
from charity_pos.sync.district import TRANSFERS

if TYPE_CHECKING:
    from charity_pos.hub.engine import HubDatabase

log = logging.getLogger("charity_pos.hub")

KINDS = wire.KINDS
#: the events a store writes about transfers
EVENT_KINDS = frozenset({SENT, RECEIVED})


@dataclass(frozen=True)
class _Sent:
    seq: int
    at: datetime
    number: str
    to_code: str
    note: str
    lines: tuple[GoodsLine, ...]


@dataclass(frozen=True)
class _Received:
    seq: int
    at: datetime
    number: str
    from_code: str
    lines: tuple[tuple[int, int, str], ...]


def _facts(payload: str) -> dict[str, object]:
    raw = json.loads(payload)
    facts = raw.get("facts") if type(raw) is dict else None
    if type(facts) is not dict:
        raise ValueError("facts")
    return facts


def _event_time(at: str) -> datetime:
    moment = datetime.fromisoformat(at)
    if moment.tzinfo is None:
        raise ValueError("at")
    return moment.astimezone(UTC)


class Transfers:
    """A store's transfer events in one import: read and checked as they come (``add``), written with the
    bundle's other rows (``flush``), in the import's transaction."""

    def __init__(self, store_id: uuid.UUID, store_code: str, path: str, first_seq: int) -> None:
        self.store_id, self.store_code, self.path, self.first_seq = store_id, store_code, path, first_seq
        self.sent: list[_Sent] = []
        self.received: list[_Received] = []

    def add(self, seq: int, kind: str, at: str, payload: str) -> None:
        if kind not in EVENT_KINDS:
            return
        try:
            facts = _facts(payload)
            when = _event_time(at)
            if kind == SENT:
                sender = wire.field_code(facts, "from_store")
                number = wire.field_number(facts, sender)
                to_code = wire.field_code(facts, "to_store")
                sent_here = _Sent(seq, when, number, to_code, wire.field_text(facts, "note", 200, empty=True),
                                  wire.goods_lines(facts.get("lines")))
                if sender != self.store_code or to_code == sender:
                    # the store's own signed word, of the right shape, but no transfer of its own: kept as an
                    # event, not recorded (a store's journal copied under another code, a store's bug)
                    log.warning("event #%d of store %s: transfer %s from %s to %s left out", seq, self.store_code,
                                number, sender, to_code)
                    return
                self.sent.append(sent_here)
            else:
                sender = wire.field_code(facts, "from_store")
                number = wire.field_number(facts, sender)
                if wire.field_code(facts, "to_store") != self.store_code:
                    log.warning("event #%d of store %s confirms transfer %s for another store: left out", seq,
                                self.store_code, number)
                    return
                lines = facts.get("lines")
                if type(lines) is not list or not 1 <= len(lines) <= wire.MAX_LINES:
                    raise ValueError("lines")
                got = []
                for line_no, line in enumerate(lines, start=1):
                    if type(line) is not dict or wire.field_int(line, "line_no", 1, wire.MAX_LINES) != line_no:
                        raise ValueError("lines")
                    sent = wire.field_int(line, "quantity_sent", 1, 1_000_000)
                    received = wire.field_int(line, "quantity_received", 0, 1_000_000)
                    assert sent is not None and received is not None
                    if received > sent:
                        raise ValueError("quantity_received")
                    got.append((sent, received, wire.field_text(line, "reason", 200, empty=True)))
                self.received.append(_Received(seq, when, number, sender, tuple(got)))
        except (ValueError, TypeError) as exc:
            raise EventPayloadInvalid(path=self.path, line=seq - self.first_seq + 1, seq=seq,
                                      field=f"facts.{exc.args[0] if exc.args else 'lines'}") from None

    def flush(self, s: Session) -> None:
        for sent in self.sent:
            if s.scalar(select(HubTransfer.id).where(HubTransfer.number == sent.number)) is not None:
                log.warning("transfer %s of store %s held already: left as it is", sent.number, self.store_code)
                continue
            transfer = HubTransfer(id=uuid.uuid4(), number=sent.number, from_store_id=self.store_id,
                                   to_code=sent.to_code, status="sent", sent_at=sent.at, note=sent.note,
                                   sent_seq=sent.seq, received_seq=None, received_at=None,
                                   units_sent=sum(g.quantity_sent for g in sent.lines), units_received=None)
            s.add(transfer)
            s.flush()
            s.add_all(HubTransferLine(
                transfer_id=transfer.id, line_no=g.line_no, item_barcode=g.item_barcode, item_name=g.item_name,
                unit=g.unit, category_code=g.category_code, sale_price_fen=g.sale_price_fen, item_source=g.item_source,
                expiry_date=g.expiry_date, from_lot=g.from_lot,
                origin=g.origin, origin_store=g.origin_store, origin_lot=g.origin_lot,
                origin_document=g.origin_document, unit_value_fen=g.unit_value_fen, quantity_sent=g.quantity_sent,
                quantity_received=None, difference_reason="") for g in sent.lines)
        for got in self.received:
            held = s.scalars(select(HubTransfer).where(HubTransfer.number == got.number)).first()
            if held is None or held.to_code != self.store_code or held.status == "received":
                log.warning("store %s confirmed transfer %s, which the hub does not hold as sent to it: left out",
                            self.store_code, got.number)
                continue
            lines = list(s.scalars(select(HubTransferLine).where(HubTransferLine.transfer_id == held.id)
                                   .order_by(HubTransferLine.line_no)))
            if [line.quantity_sent for line in lines] != [sent for sent, _, _ in got.lines]:
                log.warning("store %s confirmed transfer %s with other lines than were sent: left out",
                            self.store_code, got.number)
                continue
            for line, (_sent, received, reason) in zip(lines, got.lines, strict=True):
                line.quantity_received, line.difference_reason = received, reason
            held.status, held.received_at, held.received_seq = "received", got.at, got.seq
            held.units_received = sum(received for _, received, _ in got.lines)
        self.sent, self.received = [], []


def backfill(s: Session) -> int:
    """Record the transfers of events the hub already holds but never recorded (a store's bundle imported by a
    hub not yet upgraded to hub migration ``0008``, which calls this): every store's ``transfer.sent`` first,
    then the confirmations, each store's in order. An event that is not what a store writes is logged and left
    out, as the import would have refused it. The number of transfers recorded."""
    from charity_pos.errors import PosError
    from charity_pos.hub.models import HubEvent

    stores = s.execute(select(HubStore.id, HubStore.code).order_by(HubStore.code)).all()
    before = len(s.scalars(select(HubTransfer.id)).all())
    for kind in (SENT, RECEIVED):
        for store_id, code in stores:
            found = Transfers(store_id, code, "hub_event", 1)
            for seq, at, payload in s.execute(select(HubEvent.seq, HubEvent.at, HubEvent.payload).where(
                    HubEvent.store_id == store_id, HubEvent.kind == kind).order_by(HubEvent.seq)):
                try:
                    found.add(seq, kind, at, payload)
                except PosError:
                    log.warning("event #%d of store %s is not a transfer a store writes: left out", seq, code)
            found.flush(s)
    s.flush()
    return len(s.scalars(select(HubTransfer.id)).all()) - before


# --- downstream -----------------------------------------------------------------------------------------------
def note_reads(store: HubStore, reads: Sequence[str]) -> None:
    """Keep the downstream parts the store's latest bundle says it reads."""
    text = "\n".join(sorted(set(reads))) or None
    if store.reads != text:
        store.reads = text


def reads_transfers(store: HubStore) -> bool:
    return TRANSFERS in (store.reads or "").split()


def downstream_part(s: Session, store: HubStore) -> bytes:
    """``transfers.json`` for the store: the district's stores and the transfers to it not confirmed yet."""
    stores = [{"code": r.code, "name": r.name, "kind": r.kind}
              for r in s.execute(select(HubStore.code, HubStore.name, HubStore.kind).order_by(HubStore.code))]
    waiting = []
    rows = s.execute(select(HubTransfer, HubStore.code).join(HubStore, HubStore.id == HubTransfer.from_store_id)
                     .where(HubTransfer.to_code == store.code, HubTransfer.status == "sent")
                     .order_by(HubTransfer.sent_at, HubTransfer.number)).all()
    for transfer, sender in rows:
        lines = tuple(_goods(line) for line in s.scalars(
            select(HubTransferLine).where(HubTransferLine.transfer_id == transfer.id).order_by(HubTransferLine.line_no)))
        waiting.append(wire.incoming_facts(IncomingTransfer(transfer.number, sender, store.code, transfer.sent_at,
                                                            transfer.note, lines)))
    return (canonical_json({"stores": stores, "transfers": waiting}) + "\n").encode("utf-8")


def _goods(line: HubTransferLine) -> GoodsLine:
    return GoodsLine(line.line_no, line.item_barcode, line.item_name, line.unit, line.category_code,
                     line.sale_price_fen, line.item_source,
                     line.expiry_date, line.from_lot, line.origin, line.origin_store, line.origin_lot,
                     line.origin_document, line.unit_value_fen, line.quantity_sent)


# --- listing and trace ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HubTransferRow:
    number: str
    from_code: str
    from_kind: str
    to_code: str
    status: str
    sent_at: datetime
    received_at: datetime | None
    units_sent: int
    units_received: int | None
    #: the lines (``lot_code`` None: the hub holds no store's lot)
    lines: tuple[TransferLineRow, ...]

    @property
    def difference(self) -> int | None:
        return None if self.units_received is None else self.units_sent - self.units_received


def _rows(s: Session, query: object) -> list[HubTransferRow]:
    out = []
    for transfer, code, kind in s.execute(query).all():  # type: ignore[call-overload]
        lines = tuple(TransferLineRow(l.line_no, l.item_name, l.unit, l.from_lot, l.origin, l.origin_store,
                                      l.origin_lot, l.origin_document, l.quantity_sent, l.quantity_received,
                                      l.difference_reason, None)
                      for l in s.scalars(select(HubTransferLine).where(HubTransferLine.transfer_id == transfer.id)
                                         .order_by(HubTransferLine.line_no)))
        out.append(HubTransferRow(transfer.number, code, kind, transfer.to_code, transfer.status, transfer.sent_at,
                                  transfer.received_at, transfer.units_sent, transfer.units_received, lines))
    return out


def _base() -> object:
    return (select(HubTransfer, HubStore.code, HubStore.kind)
            .join(HubStore, HubStore.id == HubTransfer.from_store_id)
            .order_by(HubTransfer.sent_at, HubTransfer.number))


def transfers(db: HubDatabase, *, in_flight_only: bool = True) -> list[HubTransferRow]:
    """The transfers not confirmed yet by their receiving store (every one: ``in_flight_only=False``), oldest first."""
    query = _base()
    if in_flight_only:
        query = query.where(HubTransfer.status == "sent")  # type: ignore[attr-defined]
    with db.read() as s:
        return _rows(s, query)


def trace(db: HubDatabase, code: str) -> list[HubTransferRow]:
    """Every transfer with a line of the lot or document ``code`` (the original lot, the sending store's lot,
    or the donation's or receipt's number), oldest first: where the goods went across the district."""
    text = code.strip().upper() if code.strip().upper().startswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) \
        else code.strip()
    if not text or len(text) > 40:
        raise InvalidInput(field="code", value=text[:40], reason="empty" if not text else "too_long")
    line = HubTransferLine
    wanted = select(line.transfer_id).where(or_(line.origin_lot == text, line.from_lot == text,
                                                 line.origin_document == text))
    with db.read() as s:
        found = _rows(s, _base().where(HubTransfer.id.in_(wanted)))  # type: ignore[attr-defined]
    keep = []
    for row in found:
        lines = tuple(l for l in row.lines if text in (l.origin_lot, l.from_lot, l.origin_document))
        keep.append(HubTransferRow(row.number, row.from_code, row.from_kind, row.to_code, row.status, row.sent_at,
                                   row.received_at, row.units_sent, row.units_received, lines))
    return keep


def set_kind(db: HubDatabase, store_code: str, kind: str) -> None:
    """Mark a registered store a store or a district warehouse."""
    if kind not in KINDS:
        raise InvalidInput(field="kind", value=kind, reason="unknown")
    with db.begin() as s:
        store = s.scalars(select(HubStore).where(HubStore.code == store_code.strip().upper())).first()
        if store is None:
            raise StoreNotRegistered(store_code=store_code.strip().upper())
        store.kind = kind


def kinds(db: HubDatabase, codes: Sequence[str]) -> dict[str, str]:
    with db.read() as s:
        return {code: kind for code, kind in s.execute(select(HubStore.code, HubStore.kind)
                                                       .where(HubStore.code.in_(list(codes))))}

