"""Receipts checked at the hub against the stores' journals, and the
district's keys file.

``verify_receipt`` reads a receipt's QR text (``security.receipt_sig``)
and says one of:

- genuine: signed by the store's registered key, and the store's journal
  at the hub holds that receipt with the same amount and date; with what
  the hub knows of it (store, donation, the kind of donor, the lines);
- genuine but voided, with the day of the void;
- genuine but not yet imported: the signature holds, the hub has no
  bundle with that receipt yet;
- forged: an unknown store, a signature that does not hold, or an amount
  or a date other than the journal's;
- an older receipt without a signature (printed before receipts were
  signed): compared with the journal by its verification code, never
  called forged.

The projections hold a receipt's number, status and amount; its issue and
void times and the donation's lines are read from the store's events as
signed (``hub_event``), found by kind and id.

``publish_keys`` writes the district's stores and their public keys, signed
by the hub, for ``charity-pos verify-receipt --keys FILE`` on any PC; with
each store's earlier keys (``hub_key_change``) and the days each was in
use, so receipts signed before a store's key changed still check offline.
A receipt signed with an earlier key and dated after the day it was
retired is forged, at the hub as offline (``receipt_sig.RETIRED``).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos import files
from charity_pos.domain import safe_json
from charity_pos.domain.identity import mask_name
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import Hub, HubDonation, HubDonationLine, HubEvent, HubReceipt, HubStock, HubStore
from charity_pos.hub.service import hub_info, protected, signing_key
from charity_pos.ledger.canonical import plain
from charity_pos.security import receipt_sig
from charity_pos.security.receipt_sig import EarlierKey, PublishedKeys, PublishedStore, ReceiptClaim, Verdict
from charity_pos.services.base import Clock, local_date, system_clock

log = logging.getLogger("charity_pos.hub")

#: why a receipt is forged, or how an older one compares
STORE_UNKNOWN, BAD_SIGNATURE, AMOUNT_DIFFERS, DATE_DIFFERS = "store", "signature", "amount", "date"
KEY_RETIRED = receipt_sig.RETIRED
MATCHES, DIFFERS, NOT_FOUND = "matches", "differs", "not_found"


@dataclass(frozen=True)
class LineSeen:
    """A donation line as the store's journal holds it."""

    name: str
    unit: str
    quantity: int
    unit_value_fen: int | None  # None: unvalued


@dataclass(frozen=True)
class HubCheck:
    """What the hub found for a receipt's QR code."""

    verdict: Verdict
    claim: ReceiptClaim
    #: forged: STORE_UNKNOWN, BAD_SIGNATURE, AMOUNT_DIFFERS, DATE_DIFFERS; an older receipt: MATCHES,
    #: DIFFERS, NOT_FOUND or STORE_UNKNOWN
    reason: str | None = None
    store_name: str | None = None
    #: the journal's side (None where the hub holds no such receipt)
    issued_on: date | None = None
    total_fen: int | None = None
    voided_on: date | None = None
    donation_number: str | None = None
    donor_kind: str | None = None  # person, company, anonymous
    #: what the hub may show of the donor: a company's credit code, masked (the hub never holds names)
    donor_shown: str | None = None
    cash_fen: int = 0
    lines: tuple[LineSeen, ...] = field(default_factory=tuple)
    #: not yet imported: the last bundle the hub has of the store, and its last event
    last_bundle_at: datetime | None = None
    last_seq: int = 0
    #: signed with one of the store's earlier keys: the day it was retired
    retired_on: date | None = None

    @property
    def exit_code(self) -> int:
        return receipt_sig.EXIT_CODES[self.verdict]


@dataclass(frozen=True)
class KeyPeriod:
    """A key a store had before district staff replaced it, and the days it was in use (Shanghai)."""

    public_key: str
    valid_from: date
    valid_until: date


def earlier_keys(s: Session, store: HubStore) -> list[KeyPeriod]:
    """The keys the store had before district staff replaced them (a store rebuilt without its key file),
    oldest first: each from the store's registration or the change before it, until its own change."""
    from charity_pos.hub.models import HubKeyChange

    changes = s.execute(select(HubKeyChange.old_key, HubKeyChange.at).where(HubKeyChange.store_id == store.id)
                        .order_by(HubKeyChange.at)).all()
    periods, start = [], local_date(store.registered_at)
    for old_key, at in changes:
        until = local_date(at)
        periods.append(KeyPeriod(old_key, min(start, until), until))
        start = until
    return periods


def verify_receipt(db: HubDatabase, text: str) -> HubCheck:
    """The hub's verdict on a receipt's QR text; ``ReceiptQrForeign`` or
    ``ReceiptQrInvalid`` when the text is not one."""
    claim = receipt_sig.parse(text)
    with db.read() as s:
        store = s.scalars(select(HubStore).where(HubStore.code == claim.store_code)).first()
        if store is None:
            verdict = Verdict.UNSIGNED if claim.version == 1 else Verdict.FORGED
            return HubCheck(verdict, claim, STORE_UNKNOWN)
        used = None
        if claim.version == 2:
            used = receipt_sig.signed_by(claim, store.public_key,
                                         [(k.public_key, k.valid_until) for k in earlier_keys(s, store)])
            if used is None:
                return HubCheck(Verdict.FORGED, claim, BAD_SIGNATURE, store.name)
            if receipt_sig.retired_before(used, claim):  # the lost PC's old key, used after the store changed keys
                return HubCheck(Verdict.FORGED, claim, KEY_RETIRED, store.name, retired_on=used.retired_on)
        retired_on = used.retired_on if used is not None else None
        receipt = s.scalars(select(HubReceipt).where(HubReceipt.store_id == store.id,
                                                     HubReceipt.number == claim.number)).first()
        if receipt is None:
            if claim.version == 1:
                return HubCheck(Verdict.UNSIGNED, claim, NOT_FOUND, store.name)
            return HubCheck(Verdict.NOT_IMPORTED, claim, None, store.name, last_bundle_at=store.last_bundle_at,
                            last_seq=store.last_seq, retired_on=retired_on)
        return _against_journal(s, store, receipt, claim, retired_on)


def _against_journal(s: Session, store: HubStore, receipt: HubReceipt, claim: ReceiptClaim,
                     retired_on: date | None = None) -> HubCheck:
    row = _latest_row(s, store.id, ("receipt.",), "receipt", receipt.id) or {}
    issued_on = _day(row.get("issued_at"))
    voided_on = _day(row.get("voided_at")) if receipt.status == "void" else None
    donation = s.get(HubDonation, (store.id, receipt.donation_id))
    donor_shown = None
    if donation is not None and donation.donor_kind == "company" and donation.donor_id is not None:
        donor = (_latest_row(s, store.id, ("donor.",), "donor", donation.donor_id)  # registered on its own
                 or _latest_row(s, store.id, ("donation.",), "donor", donation.donor_id) or {})  # or at the counter
        code = donor.get("credit_code")
        donor_shown = _mask_code(code) if isinstance(code, str) and code else None
    facts: dict[str, Any] = dict(
        store_name=store.name, issued_on=issued_on, total_fen=receipt.total_fen, voided_on=voided_on,
        donation_number=donation.number if donation else None, donor_kind=donation.donor_kind if donation else None,
        donor_shown=donor_shown, cash_fen=donation.cash_fen if donation else 0,
        lines=_lines(s, store.id, receipt.donation_id), retired_on=retired_on)
    if claim.version == 1:
        same = (row.get("verification_code") == claim.verification_code and receipt.total_fen == claim.total_fen
                and issued_on == claim.issued_on)
        return HubCheck(Verdict.UNSIGNED, claim, MATCHES if same else DIFFERS, **facts)
    if receipt.total_fen != claim.total_fen:
        return HubCheck(Verdict.FORGED, claim, AMOUNT_DIFFERS, **facts)
    if issued_on is not None and issued_on != claim.issued_on:
        return HubCheck(Verdict.FORGED, claim, DATE_DIFFERS, **facts)
    if receipt.status == "void":
        return HubCheck(Verdict.VOIDED, claim, None, **facts)
    return HubCheck(Verdict.GENUINE, claim, None, **facts)


def _day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return local_date(moment) if moment.tzinfo is not None else None


def _mask_code(code: str) -> str:
    """A credit code shown as 913101********12AB: enough to recognise, not to copy."""
    return code[:6] + "*" * max(0, len(code) - 10) + code[-4:] if len(code) > 10 else mask_name(code)


def _events(s: Session, store_id: uuid.UUID, kinds: tuple[str, ...], row_id: uuid.UUID) -> list[dict[str, Any]]:
    """The payloads of the store's events of these kinds (prefixes) that name ``row_id``, in order. Each
    prefix is a range of the (store, kind) index, so only events of those kinds are read."""
    from sqlalchemy import and_, or_

    needle = f"%{row_id}%"
    ranges = (and_(HubEvent.kind >= k, HubEvent.kind < k[:-1] + chr(ord(k[-1]) + 1)) for k in kinds)
    query = (select(HubEvent.payload).where(HubEvent.store_id == store_id, or_(*ranges),
                                            HubEvent.payload.like(needle))
             .order_by(HubEvent.seq))
    payloads = []
    for text in s.scalars(query):
        try:
            payload = safe_json.loads_record(text)
        except ValueError:  # the importer checked every payload; a bad one here is logged and left out
            log.warning("hub_event payload of store %s unreadable", store_id)
            continue
        if isinstance(payload, dict) and isinstance(payload.get("changes"), list):
            payloads.append(payload)
    return payloads


def _changes(payloads: list[dict[str, Any]], table: str) -> list[dict[str, Any]]:
    return [c for p in payloads for c in p["changes"]
            if isinstance(c, dict) and c.get("table") == table and isinstance(c.get("row"), dict)]


def _latest_row(s: Session, store_id: uuid.UUID, kinds: tuple[str, ...], table: str,
                row_id: uuid.UUID) -> dict[str, Any] | None:
    """The row as the store's latest event about it left it."""
    rows = [c["row"] for c in _changes(_events(s, store_id, kinds, row_id), table) if c.get("id") == str(row_id)]
    return rows[-1] if rows else None


def _lines(s: Session, store_id: uuid.UUID, donation_id: uuid.UUID) -> tuple[LineSeen, ...]:
    """The donation's lines as the hub's projection holds them (``hub_donation_line``), named by the
    store's items."""
    rows = s.execute(select(HubDonationLine.item_id, HubDonationLine.quantity, HubDonationLine.unit_value_fen,
                            HubStock.name, HubStock.unit)
                     .outerjoin(HubStock, (HubStock.store_id == HubDonationLine.store_id)
                                & (HubStock.id == HubDonationLine.item_id))
                     .where(HubDonationLine.store_id == store_id, HubDonationLine.donation_id == donation_id)
                     .order_by(HubStock.name, HubDonationLine.id)).all()
    return tuple(LineSeen(name or "?", unit or "", int(quantity), value) for _item, quantity, value, name, unit in rows)


# --- the district's keys file -----------------------------------------------------------------------------
@dataclass(frozen=True)
class KeysWritten:
    path: Path
    stores: int
    district: str
    fingerprint: str


def published_keys(db: HubDatabase, clock: Clock = system_clock) -> PublishedKeys:
    """The district's stores, each with its key and its earlier keys (the days each was in use)."""
    with db.read() as s:
        hub = s.scalars(select(Hub)).one()
        stores = tuple(
            PublishedStore(st.code, st.name, st.public_key, local_date(st.registered_at).isoformat(),
                           tuple(EarlierKey(k.public_key, k.valid_from.isoformat(), k.valid_until.isoformat())
                                 for k in earlier_keys(s, st)))
            for st in s.scalars(select(HubStore).order_by(HubStore.code)))
        return PublishedKeys(hub.district, hub.public_key, str(plain(clock())), stores)


def publish_keys(db: HubDatabase, out: Path, *, force: bool = False, clock: Clock = system_clock) -> KeysWritten:
    """Write the district's keys file, signed by the hub. ``out`` is guarded
    as every output is (``charity_pos.files``): over another file only a
    keys file or with ``force``."""
    info = hub_info(db)
    protect, ours = protected(db, info.id), files.json_format(receipt_sig.KEYS_FORMAT)
    out = files.check_target(out, protect, force=force, ours=ours)
    keys = published_keys(db, clock)
    data = receipt_sig.keys_file_bytes(keys, signing_key(info.id))
    path = files.write_bytes(out, data, protect, force=force, ours=ours)
    log.info("keys file of %d stores written", len(keys.stores))
    return KeysWritten(path, len(keys.stores), keys.district, keys.hub_fingerprint)
