"""Gap-free document numbers, allocated inside the document's transaction.

The counter row moves in the same transaction as the document, so a failed
save rolls the counter back with everything else and no number is burnt.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import DocumentSequence, Store
from charity_pos.domain.numbers import KINDS, format_number


#: Counters that are not per year (year 0), such as in-store barcode serials.
TIMELESS = 0


def next_serial(session: Session, kind: str, year: int) -> int:
    row = session.get(DocumentSequence, (kind, year))
    if row is None:
        row = DocumentSequence(kind=kind, year=year, last_serial=0)
        session.add(row)
    row.last_serial += 1
    session.flush()
    return row.last_serial


def next_number(session: Session, kind: str, year: int) -> str:
    store_code = session.execute(select(Store.code)).scalar_one()
    return format_number(store_code, year, KINDS[kind], next_serial(session, kind, year))
