"""Where every donated unit went: a lot's story from its arrival to its
sale, return, handout, write-off or count, and what is still on the shelf.

The fate totals of a lot (``ledger.fates``) come from the documents and
the stock movements, which must agree unit by unit. Households appear by card number only; a
person who donated appears masked (王**), a company by its name.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import (
    Donation, DonationLine, Handout, HandoutLine, HandoutLineLot, Household, Item, Receipt, ReturnLine, Sale,
    SaleLine, SaleLineLot, SaleReturn, StockLot, StockMovement,
)
from charity_pos.domain.numbers import parse_number
from charity_pos.errors import InvalidInput, TraceCodeUnknown
from charity_pos.ledger.fates import (  # noqa: F401 -- Fate and check_identity: callers know them from here
    COUNT_REASON, INTAKE_REASONS, TRANSFER_OUT_REASON, WRITE_OFF_REASONS, Fate as Fate, Imbalance, Parts, _driver, allocate, check_identity,
    fates, line_parts,
)
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Caller, ServiceContext
from charity_pos.services.lot_rows import LotStory, every_lot, lot_stories  # noqa: F401  (LotStory: callers know it from here)
from charity_pos.services.permissions import Action, require_of

if TYPE_CHECKING:
    from charity_pos.domain.documents import DonorStatement


@dataclass(frozen=True)
class TraceEvent:
    """One step of the story. ``kind``: received, count_found, unrecorded,
    sold, voided, returned, handed_out, written_off, counted, moved,
    transferred (to another store: ``party`` its code), on_shelf. Goods
    received by transfer say where from in ``detail``. ``quantity`` is in units, positive; ``amount_fen`` a sale's
    unit price or a donation's unit value; ``party`` the masked donor or the
    household's card number (``party_kind`` says which); for a write-off,
    ``detail`` is its reason (``domain.writeoffs.REASONS``) and ``party`` the
    charity the goods went to or the text that goes with it."""

    at: datetime
    kind: str
    document: str
    lot_id: uuid.UUID
    item_name: str
    code: str | None
    quantity: int
    amount_fen: int | None = None
    party: str = ""
    party_kind: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Trace:
    """What a code leads to: its kind (lot, item, donation, receipt, sale,
    return, handout, stock_receipt, count, writeoff), the lots, the story in time
    order and the totals."""

    code: str
    kind: str
    document: str
    lots: tuple[LotStory, ...]
    events: tuple[TraceEvent, ...]
    totals: Fate = field(default_factory=Fate)


def _lots_for(s: Session, code: str) -> tuple[str, str, list[uuid.UUID]]:
    """(kind, document, lot ids) for a code; TraceCodeUnknown when nothing has it."""
    text = code.strip().upper()
    parsed = parse_number(text)
    if parsed is not None:
        letter = parsed[2]
        if letter in ("D", "J"):
            if letter == "J":
                donation_id = s.scalar(select(Receipt.donation_id).where(Receipt.number == text))
                kind = "receipt"
            else:
                donation_id = s.scalar(select(Donation.id).where(Donation.number == text))
                kind = "donation"
            if donation_id is not None:
                lots = s.scalars(select(StockLot.id).join(DonationLine, DonationLine.id == StockLot.donation_line_id)
                                 .where(DonationLine.donation_id == donation_id)).all()
                return kind, text, list(lots)
        elif letter == "S":
            sale_id = s.scalar(select(Sale.id).where(Sale.number == text))
            if sale_id is not None:
                return "sale", text, list(s.scalars(
                    select(SaleLineLot.lot_id).join(SaleLine, SaleLine.id == SaleLineLot.sale_line_id)
                    .where(SaleLine.sale_id == sale_id).distinct()))
        elif letter == "T":
            sale_id = s.scalar(select(SaleReturn.sale_id).where(SaleReturn.number == text))
            if sale_id is not None:
                lines = select(ReturnLine.sale_line_id).join(SaleReturn).where(SaleReturn.number == text)
                return "return", text, list(s.scalars(
                    select(SaleLineLot.lot_id).where(SaleLineLot.sale_line_id.in_(lines)).distinct()))
        elif letter == "H":
            handout_id = s.scalar(select(Handout.id).where(Handout.number == text))
            if handout_id is not None:
                return "handout", text, list(s.scalars(
                    select(HandoutLineLot.lot_id).join(HandoutLine, HandoutLine.id == HandoutLineLot.handout_line_id)
                    .where(HandoutLine.handout_id == handout_id).distinct()))
        elif letter == "Y":
            from charity_pos.services.transfers import transfer_lots

            lots_of = transfer_lots(s, text)
            if lots_of is not None:
                return "transfer", text, lots_of
        elif letter in ("R", "C", "W"):
            moved = set(s.scalars(select(StockLot.id).where(StockLot.document == text)))
            moved |= set(s.scalars(select(StockMovement.lot_id).where(StockMovement.document == text)))
            if moved:
                kinds = {"R": "stock_receipt", "C": "count", "W": "writeoff"}
                return kinds[letter], text, sorted(moved, key=str)
        raise TraceCodeUnknown(code=code.strip())
    if text.isdigit():
        lot_id = s.scalar(select(StockLot.id).where(StockLot.barcode == text))
        if lot_id is not None:
            return "lot", text, [lot_id]
        item_id = s.scalar(select(Item.id).where(Item.barcode == text))
        if item_id is not None:
            return "item", text, list(s.scalars(select(StockLot.id).where(StockLot.item_id == item_id)))
    raise TraceCodeUnknown(code=code.strip())


def _stories(s: Session, lot_ids: list[uuid.UUID] | None, fate_of: dict[uuid.UUID, Fate]) -> list[LotStory]:
    """The lots (every lot when ``lot_ids`` is None), oldest first (``lot_rows.lot_stories``)."""
    if lot_ids is not None and not lot_ids:
        return []
    return lot_stories(_driver(s), lot_ids, fate_of)


def _events(s: Session, stories: list[LotStory], now: datetime, parts: Parts) -> list[TraceEvent]:
    by_id = {story.lot_id: story for story in stories}
    ids = list(by_id)
    events: list[TraceEvent] = []

    def event(at: datetime, kind: str, document: str, lot_id: uuid.UUID, quantity: int, *,
              amount_fen: int | None = None, party: str = "", party_kind: str = "", detail: str = "") -> None:
        story = by_id[lot_id]
        events.append(TraceEvent(at, kind, document, lot_id, story.item_name, story.code, quantity,
                                 amount_fen=amount_fen, party=party, party_kind=party_kind, detail=detail))

    from charity_pos.services.transfers import transfer_notes

    came_by, went = transfer_notes(s, ids)
    for story in stories:
        if story.lot_id in came_by:
            event(story.received_at, "received", story.document, story.lot_id, story.fate.received,
                  amount_fen=story.unit_value_fen, detail=came_by[story.lot_id])
        elif story.origin == "unrecorded":
            event(story.received_at, "unrecorded", story.document, story.lot_id, 0)
        elif story.origin == "count":
            event(story.received_at, "count_found", story.document, story.lot_id, story.fate.received)
        else:
            event(story.received_at, "received", story.document, story.lot_id, story.fate.received,
                  amount_fen=story.unit_value_fen, party=story.donor, party_kind=story.donor_kind)
    # sales, voids and returns: returns go back into a line's lots oldest first, as the return service does
    sold = s.execute(
        select(SaleLineLot.sale_line_id, SaleLineLot.lot_id, SaleLineLot.quantity, Sale.number, Sale.completed_at,
               Sale.status, Sale.voided_at, SaleLine.unit_price_fen)
        .join(SaleLine, SaleLine.id == SaleLineLot.sale_line_id).join(Sale, Sale.id == SaleLine.sale_id)
        .where(SaleLineLot.lot_id.in_(ids))).all()
    touched = {row.sale_line_id for row in sold if row.status == "completed"}
    for row in sold:
        event(row.completed_at, "sold", row.number, row.lot_id, int(row.quantity), amount_fen=row.unit_price_fen)
        if row.status == "voided" and row.voided_at is not None:
            event(row.voided_at, "voided", row.number, row.lot_id, int(row.quantity))
    if touched:
        returns = s.execute(select(ReturnLine.sale_line_id, ReturnLine.quantity, SaleReturn.number, SaleReturn.at,
                                   Sale.number)
                            .join(SaleReturn, SaleReturn.id == ReturnLine.return_id)
                            .join(Sale, Sale.id == SaleReturn.sale_id)
                            .where(ReturnLine.sale_line_id.in_(list(touched)))
                            .order_by(SaleReturn.at, SaleReturn.number)).all()
        before: dict[uuid.UUID, int] = defaultdict(int)
        for line_id, quantity, number, at, sale_number in returns:
            shares = parts.get(line_id, [])
            earlier = allocate(shares, before[line_id])
            now_back = allocate(shares, before[line_id] + int(quantity))
            before[line_id] += int(quantity)
            for lot_id, total in now_back.items():
                back = total - earlier.get(lot_id, 0)
                if back and lot_id in by_id:
                    event(at, "returned", number, lot_id, back, detail=sale_number)
    handed = s.execute(
        select(HandoutLineLot.lot_id, HandoutLineLot.quantity, Handout.number, Handout.at, Household.card_number,
               HandoutLine.unit_value_fen)
        .join(HandoutLine, HandoutLine.id == HandoutLineLot.handout_line_id)
        .join(Handout, Handout.id == HandoutLine.handout_id).join(Household, Household.id == Handout.household_id)
        .where(HandoutLineLot.lot_id.in_(ids))).all()
    for lot_id, quantity, number, at, card, value in handed:
        event(at, "handed_out", number, lot_id, int(quantity), amount_fen=value, party=card, party_kind="household")
    moves = s.execute(
        select(StockMovement.lot_id, StockMovement.reason, StockMovement.document, StockMovement.at,
               StockMovement.quantity, StockLot.document)
        .join(StockLot, StockLot.id == StockMovement.lot_id)
        .where(StockMovement.lot_id.in_(ids), StockMovement.reason.not_in(["sale", "void", "return", "handout"]))).all()
    why = _writeoff_reasons(s, {document for _, reason, document, _, _, _ in moves if reason in WRITE_OFF_REASONS})
    for lot_id, reason, document, at, quantity, own in moves:
        if reason in INTAKE_REASONS and document == own:
            continue
        if reason in WRITE_OFF_REASONS:  # the W document's reason, and the charity or the text beside it
            code, text = why.get(document, ("", ""))
            event(at, "written_off", document or "", lot_id, -int(quantity), party=text, detail=code)
        elif reason == COUNT_REASON:
            event(at, "counted", document or "", lot_id, -int(quantity))
        elif reason == TRANSFER_OUT_REASON:
            event(at, "transferred", document or "", lot_id, -int(quantity), party=went.get(document or "", ""),
                  party_kind="store", detail=went.get(document or "", ""))
        else:
            event(at, "moved", document or "", lot_id, int(quantity), detail=reason)
    order = {"received": 0, "count_found": 0, "unrecorded": 0, "sold": 1, "handed_out": 1, "written_off": 1,
             "counted": 1, "moved": 1, "transferred": 1, "voided": 2, "returned": 2, "on_shelf": 3}
    events.sort(key=lambda e: (e.at, order[e.kind], e.document, str(e.lot_id)))
    for story in stories:
        if story.fate.on_shelf:
            events.append(TraceEvent(now, "on_shelf", "", story.lot_id, story.item_name, story.code,
                                     story.fate.on_shelf))
    return events


def _writeoff_reasons(s: Session, numbers: set[str | None]) -> dict[str | None, tuple[str, str]]:
    """W number -> (reason, the receiving charity or the text that goes with it)."""
    from charity_pos.db.writeoffs import Writeoff

    wanted = sorted(number for number in numbers if number)
    if not wanted:
        return {}
    return {number: (reason, recipient or note) for number, reason, note, recipient in s.execute(
        select(Writeoff.number, Writeoff.reason, Writeoff.note, Writeoff.recipient)
        .where(Writeoff.number.in_(wanted)))}


class TraceService:
    """Traces for managers: the story of a code, every lot's fate, and the identity check."""

    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def trace(self, actor: Caller, code: str) -> Trace:
        """The story of whatever ``code`` names. ``COMMAND_LINE``: the store's own command line."""
        if not isinstance(code, str) or not code.strip():
            raise InvalidInput(field="code", value="", reason="empty")
        if len(code.strip()) > 40:
            raise InvalidInput(field="code", value=code.strip()[:40], reason="too_long")
        now = self.ctx.now()
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.VIEW_REPORTS)
            kind, document, lot_ids = _lots_for(s, code)
            parts = line_parts(s, lot_ids) if lot_ids else {}
            fate_of = fates(s, lot_ids, parts)
            stories = _stories(s, lot_ids, fate_of)
            events = _events(s, stories, now, parts)
        totals = sum((story.fate for story in stories), Fate())
        return Trace(code.strip(), kind, document, tuple(stories), tuple(events), totals)

    def lots(self, actor: Caller) -> list[LotStory]:
        """Every lot, empty ones too, with its origin and fate totals, oldest first."""
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.VIEW_REPORTS)
            return every_lot(_driver(s))

    def imbalances(self, actor: Caller) -> list[Imbalance]:
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.VIEW_REPORTS)
            return check_identity(s)

    def donor_statement(self, actor: Caller, donor: str | uuid.UUID, year: object) -> DonorStatement:
        """A donor's statement for a year (``services.donor_statement``): by id, exact name, credit code or phone."""
        from charity_pos.services.donor_statement import build

        now = self.ctx.now()
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.VIEW_REPORTS)
            return build(s, donor, year, now)
