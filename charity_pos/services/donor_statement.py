"""A donor's statement for a year (捐赠反馈函): what they gave, and what
became of it, told from the same documents and movements as the trace.

The money a donor's goods raised is each sale line's amount (after its
discounts and its share of the ticket discount, less what returns gave
back) spread over the line's lots by units, in whole fen, so that the
shares of a line add up to the line. Households are counted, never named:
the statement holds no card number, name or ID.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import (
    Donation, DonationLine, Donor, Handout, HandoutLine, HandoutLineLot, Receipt, ReturnLine, SaleLine, StockLot, Store,
)
from charity_pos.domain.documents import DonorStatement, StatementDonation
from charity_pos.errors import DonorAmbiguous, DonorAnonymous, DonorNotFound, InvalidInput, NothingToReport
from charity_pos.ledger.fates import Fate, allocate, fates, line_parts, returned_units
from charity_pos.services.base import STORE_TZ, local_date
from charity_pos.services.training import is_training

ANONYMOUS_WORDS = frozenset({"匿名", "anonymous", "匿名人士", "爱心人士"})


def parse_year(value: object) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or not 2000 <= int(text) <= 2100:
        raise InvalidInput(field="year", value=text[:20], reason="year")
    return int(text)


def find_donor(s: Session, key: str | uuid.UUID) -> Donor:
    """A donor by id, exact name, company credit code or phone number."""
    if isinstance(key, uuid.UUID):
        donor = s.get(Donor, key)
        if donor is None:
            raise DonorNotFound(donor=str(key))
    else:
        text = " ".join(str(key).split())
        if not text:
            raise InvalidInput(field="donor", value="", reason="empty")
        if text.casefold() in ANONYMOUS_WORDS:
            raise DonorAnonymous(donor=text)
        found = list(s.scalars(select(Donor).where(Donor.credit_code == text.upper())))
        digits = "".join(c for c in text if c.isdigit())
        if not found and digits == text.replace("-", "").replace(" ", "") and 7 <= len(digits) <= 12:
            found = list(s.scalars(select(Donor).where(Donor.phone == digits, Donor.kind != "anonymous")))
        if not found:
            found = list(s.scalars(select(Donor).where(Donor.name == text, Donor.kind != "anonymous")))
        if not found:
            raise DonorNotFound(donor=text)
        if len(found) > 1:
            raise DonorAmbiguous(donor=text, count=len(found))
        donor = found[0]
    if donor.kind == "anonymous":
        raise DonorAnonymous(donor="")
    return donor


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1, tzinfo=STORE_TZ), datetime(year + 1, 1, 1, tzinfo=STORE_TZ)


def raised_by_lot(s: Session, lot_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """The money each lot's sales brought in, net of returns; voided sales bring nothing."""
    parts = line_parts(s, lot_ids)
    if not parts:
        return {}
    returned = returned_units(s, parts)
    amounts: dict[uuid.UUID, int] = {}
    back: dict[uuid.UUID, int] = defaultdict(int)
    ids = list(parts)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for line_id, amount, ticket in s.execute(select(SaleLine.id, SaleLine.amount_fen, SaleLine.ticket_discount_fen)
                                                 .where(SaleLine.id.in_(chunk))):
            amounts[line_id] = int(amount) - int(ticket)
        for line_id, amount in s.execute(select(ReturnLine.sale_line_id, func.sum(ReturnLine.amount_fen))
                                         .where(ReturnLine.sale_line_id.in_(chunk)).group_by(ReturnLine.sale_line_id)):
            back[line_id] += int(amount)
    raised: dict[uuid.UUID, int] = defaultdict(int)
    for line_id, shares in parts.items():
        gone = allocate(shares, returned.get(line_id, 0))
        kept = [(lot, qty - gone.get(lot, 0)) for lot, qty in shares]
        units = sum(q for _, q in kept)
        money = amounts.get(line_id, 0) - back.get(line_id, 0)
        if units <= 0 or money == 0:
            continue
        split = [(lot, money * q // units, money * q % units) for lot, q in kept]
        left = money - sum(share for _, share, _ in split)
        for rank, (lot, share, _) in enumerate(sorted(split, key=lambda x: (-x[2], str(x[0])))):
            raised[lot] += share + (1 if rank < left else 0)
    wanted = set(lot_ids)
    return {lot: fen for lot, fen in raised.items() if lot in wanted}


def build(s: Session, donor_key: str | uuid.UUID, year_value: object, now: datetime) -> DonorStatement:
    year = parse_year(year_value)
    donor = find_donor(s, donor_key)
    start, end = _year_bounds(year)
    donations = list(s.scalars(select(Donation).where(Donation.donor_id == donor.id, Donation.received_at >= start,
                                                      Donation.received_at < end).order_by(Donation.received_at)))
    if not donations:
        raise NothingToReport(donor=donor.name, year=year)
    ids = [d.id for d in donations]
    receipts: dict[uuid.UUID, list[str]] = defaultdict(list)
    for donation_id, number in s.execute(select(Receipt.donation_id, Receipt.number)
                                         .where(Receipt.donation_id.in_(ids), Receipt.status == "issued")
                                         .order_by(Receipt.number)):
        receipts[donation_id].append(number)
    rows = []
    for d in donations:
        units = sum(line.quantity for line in d.lines)
        rows.append(StatementDonation(d.number, local_date(d.received_at), tuple(receipts[d.id]), units,
                                      d.total_value_fen - d.cash_fen, d.cash_fen))
    lot_ids = list(s.scalars(select(StockLot.id).join(DonationLine, DonationLine.id == StockLot.donation_line_id)
                             .where(DonationLine.donation_id.in_(ids))))
    fate = sum(fates(s, lot_ids).values(), Fate()) if lot_ids else Fate()
    raised = sum(raised_by_lot(s, lot_ids).values()) if lot_ids else 0
    households = s.scalar(
        select(func.count(func.distinct(Handout.household_id)))
        .select_from(HandoutLineLot).join(HandoutLine, HandoutLine.id == HandoutLineLot.handout_line_id)
        .join(Handout, Handout.id == HandoutLine.handout_id).where(HandoutLineLot.lot_id.in_(lot_ids))) if lot_ids else 0
    store_name = s.scalar(select(Store.name)) or ""
    return DonorStatement(
        store_name, donor.kind, donor.name, year, local_date(now), tuple(rows), sum(r.units for r in rows),
        sum(r.goods_value_fen for r in rows), sum(r.cash_fen for r in rows), fate.sold, raised, fate.handed_out,
        int(households or 0), fate.on_shelf, fate.written_off, fate.counted_difference, is_training(s),
        transferred=fate.transferred)
