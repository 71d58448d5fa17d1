"""Donation receipts (捐赠收据): issued in number order after the donation,
reprints counted and marked, wrong ones voided and kept, never deleted."""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import Donation, Donor, Receipt, Store, User
from charity_pos.errors import InvalidInput, NotFound, ReceiptVoided
from charity_pos.ledger import journal
from charity_pos.ledger.canonical import canonical_json
from charity_pos.domain import vocabulary
from charity_pos.domain.documents import ReceiptDoc, ReceiptLine
from charity_pos.security import receipt_sig
from charity_pos.security.keys import StoreKeys
from charity_pos.services.training import is_training
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import (
    Actor, Approval, Caller, Changes, Entity, ServiceContext, local_date, user_id_of,
)
from charity_pos.services.permissions import Action, require, require_of
from charity_pos.services.printed import render_then_commit
from charity_pos.services.sequences import next_number

#: the prefix of receipts printed before they were signed (``security.receipt_sig`` reads them)
QR_PREFIX = receipt_sig.PREFIX_V1


def verification_code(store_code: str, receipt_number: str, donation_id: uuid.UUID, total_fen: int,
                      issued_on: str) -> str:
    """A code the district hub recomputes from the synced records to confirm
    that this receipt exists as printed: ``7KQ2-M4XD-91PF``."""
    digest = hashlib.sha256(canonical_json(
        {"store": store_code, "receipt": receipt_number, "donation": str(donation_id), "total": total_fen,
         "issued": issued_on}).encode()).digest()
    text = base64.b32encode(digest).decode()[:12]
    return "-".join(text[i:i + 4] for i in range(0, 12, 4))


@dataclass(frozen=True)
class ReceiptResult:
    document: ReceiptDoc
    changes: Changes


def _donation(s: Session, number: str) -> Donation:
    donation = s.scalars(select(Donation).where(Donation.number == number.strip().upper())).one_or_none()
    if donation is None:
        raise NotFound(kind="donation", key=number)
    return donation


def _latest_receipt(s: Session, donation: Donation) -> Receipt | None:
    return s.scalars(select(Receipt).where(Receipt.donation_id == donation.id)
                     .order_by(Receipt.issued_at.desc(), Receipt.number.desc())).first()


class ReceiptService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts
        self._signing: Ed25519PrivateKey | None = None

    def _signing_key(self, store: Store) -> Ed25519PrivateKey:
        """The store's signing key (the one whose public half the hub holds), which signs each receipt's QR code."""
        if self._signing is None:
            key = StoreKeys.load(store.id, signing=True).signing
            assert key is not None
            self._signing = key
        return self._signing

    def print_receipt(self, actor: Caller, donation_number: str, approval: Approval | None = None, *,
                      reissue: bool = False, render: Callable[[ReceiptDoc], None] | None = None) -> ReceiptResult:
        """The receipt for a donation: issued on first print, a counted
        reprint (补打) after that. ``actor`` ``COMMAND_LINE`` is the store's own command
        line. A voided receipt is not printed again; ``reissue`` issues a new
        number for a donation whose receipt was voided.

        ``render`` makes the PDF outside the transaction (the store's write
        lock is free meanwhile), and the receipt is issued or its print
        counted only once it is made: if it fails, no number is used and no
        print is counted (``services.printed``)."""
        approved = self.accounts.authorize(actor, Action.ISSUE_RECEIPT, approval) if isinstance(actor, Actor) else None
        now = self.ctx.now()
        who = user_id_of(actor)

        def issue(s: Session) -> ReceiptResult:
            grant = require_of(s, actor, Action.ISSUE_RECEIPT, approved)
            approver = grant.approver if grant else None
            donation = _donation(s, donation_number)
            receipt = _latest_receipt(s, donation)
            if receipt is not None and receipt.status == "void" and not reissue:
                raise ReceiptVoided(number=receipt.number, donation=donation.number)
            if receipt is None or receipt.status == "void":
                store = s.execute(select(Store)).scalar_one()
                today = local_date(now)
                number = next_number(s, "receipt", today.year)
                receipt = Receipt(
                    number=number, donation_id=donation.id, issued_at=now, issued_by=who,
                    total_fen=donation.total_value_fen, status="issued", prints=1,
                    verification_code=verification_code(store.code, number, donation.id, donation.total_value_fen,
                                                        today.isoformat()),
                )
                s.add(receipt)
                kind = "receipt.issued"
            else:
                receipt.prints += 1
                kind = "receipt.reprinted"
            facts: dict[str, object] = {"number": receipt.number, "donation": donation.number}
            if approver is not None and approval is not None:
                facts["approval"] = {"approved_by": str(approver.user_id), "reason": approval.reason}
                audit(s, now, str(Action.ISSUE_RECEIPT), "approved", who, approver.user_id,
                      receipt=receipt.number, reason=approval.reason)
            ev = journal.append(s, kind, actor=who, at=now, facts=facts)
            return ReceiptResult(self._document(s, receipt, donation),
                                 Changes(frozenset({Entity.RECEIPTS, Entity.DONATIONS}), (receipt.id,), ev.seq,
                                         receipt.number))

        return render_then_commit(self.ctx.db, issue, lambda result: result.document, render)

    def void(self, actor: Actor, receipt_number: str, reason: str, approval: Approval | None = None) -> Changes:
        """Void a wrong receipt: its number stays, marked 作废."""
        approved = self.accounts.authorize(actor, Action.VOID_RECEIPT, approval)
        if not reason.strip():
            raise InvalidInput(field="reason", value="", reason="empty")
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            approver = require(s, actor, Action.VOID_RECEIPT, approved).approver
            receipt = s.scalars(select(Receipt).where(Receipt.number == receipt_number.strip().upper())).one_or_none()
            if receipt is None:
                raise NotFound(kind="receipt", key=receipt_number)
            if receipt.status == "void":
                raise ReceiptVoided(number=receipt.number, donation="")
            receipt.status = "void"
            receipt.void_reason = reason.strip()[:200]
            receipt.voided_by = (approver or actor).user_id
            receipt.voided_at = now
            audit(s, now, str(Action.VOID_RECEIPT), "approved" if approver else "ok", actor.user_id,
                  approver.user_id if approver else None, receipt=receipt.number, reason=reason.strip())
            ev = journal.append(s, "receipt.voided", actor=actor.user_id, at=now,
                                facts={"number": receipt.number, "reason": reason.strip()})
        return Changes(frozenset({Entity.RECEIPTS, Entity.DONATIONS}), (receipt.id,), ev.seq, receipt.number)

    def document(self, receipt_number: str) -> ReceiptDoc:
        """The receipt as it stands (a voided one shows 作废), without printing it."""
        with self.ctx.db.read() as s:
            receipt = s.scalars(select(Receipt).where(Receipt.number == receipt_number.strip().upper())).one_or_none()
            if receipt is None:
                raise NotFound(kind="receipt", key=receipt_number)
            return self._document(s, receipt, s.get_one(Donation, receipt.donation_id))

    def _document(self, s: Session, receipt: Receipt, donation: Donation) -> ReceiptDoc:
        store = s.execute(select(Store)).scalar_one()
        donor = s.get(Donor, donation.donor_id) if donation.donor_id else None
        handler = s.get(User, donation.received_by)
        lines = tuple(
            ReceiptLine(
                name=line.item.name, unit=line.unit, quantity=line.quantity,
                standard=vocabulary.standard(line.condition, line.valuation),
                unit_value_fen=line.unit_value_fen,
                amount_fen=None if line.unit_value_fen is None else line.unit_value_fen * line.quantity,
            )
            for line in donation.lines
        )
        issued_on = local_date(receipt.issued_at)
        # signed by the store: anyone with the district's keys file can check it (``security.receipt_sig``)
        # a training store's (培训) QR code is a training code, never a receipt's (``receipt_sig.TRAINING_PREFIX``)
        training = is_training(s)
        qr = receipt_sig.qr_text(self._signing_key(store), store.code, receipt.number, issued_on, receipt.total_fen,
                                 training=training)
        donor_name = vocabulary.ANONYMOUS if donor is None or donor.kind == "anonymous" else donor.name
        return ReceiptDoc(
            store_name=store.name, store_code=store.code, district=store.district, receipt_number=receipt.number,
            donation_number=donation.number, issued_on=issued_on, donor_name=donor_name,
            donor_credit_code=donor.credit_code if donor is not None else None, lines=lines,
            cash_fen=donation.cash_fen,
            cash_method=vocabulary.CASH_METHODS.get(donation.cash_method or "", donation.cash_method),
            total_fen=receipt.total_fen, handler=handler.display_name if handler else "", remarks=donation.wishes,
            verification_code=receipt.verification_code, qr_payload=qr, reprint_count=max(0, receipt.prints - 1),
            void_reason=receipt.void_reason if receipt.status == "void" else None,
            official_code=receipt.official_code, official_number=receipt.official_number, training=training,
        )
