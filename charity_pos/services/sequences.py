"""Gap-free document numbers, allocated inside the document's transaction.

The counter row moves in the same transaction as the document, so a failed
save rolls the counter back with everything else and no number is burnt.
"""

from __future__ import annotations

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from charity_pos.db.models import DocumentSequence, Store
from charity_pos.domain.numbers import KINDS, format_number


#: Counters that are not per year (year 0), such as in-store barcode serials.
TIMELESS = 0


_COUNTER = DocumentSequence.__table__
_MOVE_ON = (update(_COUNTER).where(_COUNTER.c.kind == bindparam("k"), _COUNTER.c.year == bindparam("y"))
            .values(last_serial=_COUNTER.c.last_serial + 1).returning(_COUNTER.c.last_serial))
_STORE_CODE = select(Store.code)


def next_serial(session: Session, kind: str, year: int) -> int:
    """The counter moved on by one in a single statement (no row to load)."""
    serial = session.execute(_MOVE_ON, {"k": kind, "y": year}).scalar()
    if serial is None:  # the first of its kind this year
        session.execute(insert(_COUNTER).values(kind=kind, year=year, last_serial=1))
        serial = 1
    return int(serial)


def next_number(session: Session, kind: str, year: int) -> str:
    store_code = session.execute(_STORE_CODE).scalar_one()
    return format_number(store_code, year, KINDS[kind], next_serial(session, kind, year))
