"""Reading the journal for people: listings and the verify report."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime

from charity_pos.db.driver import driver
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
        return event_rows(driver(s.connection()), limit)


def event_rows(raw: sqlite3.Connection, limit: int | None = None) -> list[EventRow]:
    """The journal's events (the last ``limit`` of them), oldest first, each
    actor by user name: what ``show journal`` reads through the driver alone."""
    names = {str(uuid.UUID(user_id)): username for user_id, username in raw.execute("SELECT id, username FROM app_user")}
    sql = "SELECT seq, at, kind, actor, hash FROM journal_event ORDER BY seq DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = [EventRow(seq, datetime.fromisoformat(at), kind, names.get(actor or "", actor or ""), digest)
            for seq, at, kind, actor, digest in raw.execute(sql)]
    return sorted(rows, key=lambda r: r.seq)


def check(ctx: ServiceContext) -> Report:
    with ctx.db.engine.connect() as conn:
        return verify(conn)
