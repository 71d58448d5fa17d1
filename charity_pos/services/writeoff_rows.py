"""The W documents (报损) as rows, in plain SQL: what the write-off service
lists and what ``show writeoffs`` reads through the driver alone (no
SQLAlchemy). Newest first."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime

from charity_pos.services.stored_rows import stored_at, stored_id


@dataclass(frozen=True)
class WriteoffRow:
    """A W document in a listing: its lines, units, value at sale price and
    donation value, who recorded it and who approved ("" when none did)."""

    id: uuid.UUID
    number: str
    at: datetime
    reason: str
    note: str
    recipient: str
    lines: int
    units: int
    value_fen: int
    donation_value_fen: int
    recorded_by: str
    approved_by: str


_ROWS = ("SELECT w.id, w.number, w.at, w.reason, w.note, w.recipient, count(l.id), coalesce(sum(l.quantity), 0),"
         " w.value_fen, coalesce(sum(coalesce(l.unit_value_fen, 0) * l.quantity), 0), r.display_name,"
         " a.display_name FROM writeoff w JOIN writeoff_line l ON l.writeoff_id = w.id"
         " JOIN app_user r ON r.id = w.recorded_by LEFT OUTER JOIN app_user a ON a.id = w.approved_by"
         " GROUP BY w.id ORDER BY w.at DESC, w.number DESC")


def writeoff_rows(raw: sqlite3.Connection) -> list[WriteoffRow]:
    return [WriteoffRow(stored_id(id_), number, stored_at(at), reason, note, recipient, int(lines), int(units),
                        int(value), int(donated), recorder or "", approver or "")
            for id_, number, at, reason, note, recipient, lines, units, value, donated, recorder, approver
            in raw.execute(_ROWS)]
