"""The donations' listing in plain SQL: what the intake service lists and
what ``show donations`` reads through the driver alone (no SQLAlchemy).
Donors' names come whole: whoever shows them masks people's names."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime

from charity_pos.services.stored_rows import stored_at, stored_id, stored_id_or_none


@dataclass(frozen=True)
class DonationRow:
    id: uuid.UUID
    number: str
    received_at: datetime
    donor_id: uuid.UUID | None
    donor_kind: str
    donor_name: str
    lines: int
    units: int
    cash_fen: int
    total_value_fen: int
    wants_receipt: bool
    receipt_number: str | None
    receipt_status: str | None


_DONATIONS = ("SELECT d.id, d.number, d.received_at, d.donor_id, donor.kind, donor.name,"
              " (SELECT count(*) FROM donation_line line WHERE line.donation_id = d.id),"
              " (SELECT coalesce(sum(line.quantity), 0) FROM donation_line line WHERE line.donation_id = d.id),"
              " d.cash_fen, d.total_value_fen, d.wants_receipt"
              " FROM donation d LEFT OUTER JOIN donor ON donor.id = d.donor_id ORDER BY d.received_at DESC")


def donation_rows(raw: sqlite3.Connection, *, limit: int | None = None) -> list[DonationRow]:
    """Donations, newest first (the last ``limit``; all when None), each with
    its donor, its lines and units, and its latest receipt."""
    receipts: dict[str, tuple[str, str]] = {}
    for donation_id, number, status in raw.execute("SELECT donation_id, number, status FROM receipt ORDER BY issued_at"):
        receipts[str(stored_id(donation_id))] = (number, status)  # the latest wins
    sql = _DONATIONS + (f" LIMIT {int(limit)}" if limit else "")
    rows = []
    for donation_id, number, at, donor_id, kind, name, lines, units, cash, total, wants in raw.execute(sql):
        found = stored_id(donation_id)
        receipt = receipts.get(str(found))
        known = donor_id is not None and kind is not None
        rows.append(DonationRow(found, number, stored_at(at), stored_id_or_none(donor_id),
                                kind if known else "anonymous", name if known else "", int(lines), int(units),
                                cash, total, bool(wants), receipt[0] if receipt else None,
                                receipt[1] if receipt else None))
    return rows
