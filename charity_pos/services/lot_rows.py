"""Every lot's story head, in plain SQL: where it came from, its donor as
it may be shown, and its fate totals (``ledger.fates``). What the trace
service lists and what ``show lots`` reads through the driver alone (no
SQLAlchemy). A person who donated appears masked (王**), a company by its
name, an anonymous donor blank."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from charity_pos.domain.identity import mask_name
from charity_pos.ledger.fates import Fate, fates
from charity_pos.services.stored_rows import stored_at, stored_id


@dataclass(frozen=True)
class LotStory:
    """One lot: where it came from and its fate totals. ``donor`` is already
    masked (a person's family name only, a company's name, "" when anonymous)."""

    lot_id: uuid.UUID
    item_name: str
    unit: str
    code: str | None
    origin: str  # donation, purchase, count, unrecorded
    document: str
    received_at: datetime
    donor_kind: str  # person, company, anonymous, "" (not a donation)
    donor: str
    unit_value_fen: int | None
    fate: Fate


def shown_donor_of(kind: str | None, name: str | None) -> tuple[str, str]:
    """(kind, name as it may be shown) of a donor (``kind`` None: none):
    people masked, companies named, anonymous blank."""
    if kind is None or kind == "anonymous":
        return "anonymous", ""
    if kind == "company":
        return "company", name or ""
    return "person", mask_name(name or "")


_STORIES = ("SELECT lot.id, item.name, item.unit, lot.barcode, item.barcode, lot.origin, lot.document,"
            " lot.received_at, line.unit_value_fen, donor.kind, donor.name, lot.donation_line_id FROM stock_lot lot"
            " JOIN item ON item.id = lot.item_id"
            " LEFT OUTER JOIN donation_line line ON line.id = lot.donation_line_id"
            " LEFT OUTER JOIN donation ON donation.id = line.donation_id"
            " LEFT OUTER JOIN donor ON donor.id = donation.donor_id")


def lot_stories(raw: sqlite3.Connection, lot_ids: list[uuid.UUID] | None,
                fate_of: dict[uuid.UUID, Fate]) -> list[LotStory]:
    """The lots (every lot when ``lot_ids`` is None), oldest first."""
    rows: list[tuple[Any, ...]]
    if lot_ids is None:
        rows = raw.execute(_STORIES + " ORDER BY lot.received_at, lot.id").fetchall()
    else:
        rows = []
        for start in range(0, len(lot_ids), 500):
            chunk = [lot.hex for lot in lot_ids[start:start + 500]]
            rows += raw.execute(_STORIES + f" WHERE lot.id IN ({', '.join('?' * len(chunk))})", chunk)
        rows.sort(key=lambda row: (str(row[7]), str(row[0])))
    stories = []
    for lot_id, name, unit, lot_code, item_code, origin, document, received_at, value, kind, donor, line in rows:
        found = stored_id(lot_id)
        # donated goods that came by transfer (``services.transfers``) have no donation here: their donor is the
        # other store's, named there
        shown = shown_donor_of(kind, donor) if origin == "donation" and line is not None else ("", "")
        stories.append(LotStory(found, name, unit, lot_code or item_code, origin, document, stored_at(received_at),
                                shown[0], shown[1], value, fate_of.get(found, Fate())))
    return stories


def every_lot(raw: sqlite3.Connection) -> list[LotStory]:
    """Every lot, empty ones too, with its origin and fate totals, oldest first."""
    return lot_stories(raw, None, fates(raw))
