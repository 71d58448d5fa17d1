"""Reading the journal for people: listings and the verify report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from charity_pos.db.models import JournalEvent, User
from charity_pos.ledger.verify import Report, verify
from charity_pos.services.base import ServiceContext


@dataclass(frozen=True)
class EventRow:
    seq: int
    at: datetime
    kind: str
    actor: str
    hash: str


def events(ctx: ServiceContext, limit: int | None = None) -> list[EventRow]:
    with ctx.db.read() as s:
        names = {str(u.id): u.username for u in s.scalars(select(User))}
        query = select(JournalEvent).order_by(JournalEvent.seq.desc())
        if limit:
            query = query.limit(limit)
        rows = [
            EventRow(ev.seq, datetime.fromisoformat(ev.at), ev.kind, names.get(ev.actor or "", ev.actor or ""), ev.hash)
            for ev in s.scalars(query)
        ]
    return sorted(rows, key=lambda r: r.seq)


def check(ctx: ServiceContext) -> Report:
    with ctx.db.engine.connect() as conn:
        return verify(conn)
