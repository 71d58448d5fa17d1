"""Gap-free document numbers, allocated inside the document's transaction.

The counter row moves in the same transaction as the document, so a failed
save rolls the counter back with everything else and no number is burnt.
"""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.orm import Session

from charity_pos.db.models import DocumentSequence
from charity_pos.domain.numbers import KINDS, format_number


#: Counters that are not per year (year 0), such as in-store barcode serials.
TIMELESS = 0


_COUNTER = DocumentSequence.__table__
#: The counter moved on by one, and the store's code, as plain SQL run on the
#: unit of work's connection (the seal sees the write, as it sees any
#: statement): no compiling or cache look-up at every sale, and no flush of
#: what the caller has added so far.
_MOVE_ON = ("UPDATE document_sequence SET last_serial = last_serial + 1 WHERE kind = ? AND year = ? "
            "RETURNING last_serial")
_STORE_CODE = "SELECT code FROM store"


def next_serial(session: Session, kind: str, year: int) -> int:
    """The counter moved on by one in a single statement (no row to load)."""
    serial = session.connection().exec_driver_sql(_MOVE_ON, (kind, year)).scalar()
    if serial is None:  # the first of its kind this year
        session.execute(insert(_COUNTER).values(kind=kind, year=year, last_serial=1))
        serial = 1
    return int(serial)


def next_number(session: Session, kind: str, year: int) -> str:
    store_code = session.connection().exec_driver_sql(_STORE_CODE).scalar_one()
    return format_number(store_code, year, KINDS[kind], next_serial(session, kind, year))
