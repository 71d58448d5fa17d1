"""Appending to the journal.

A session listener notes every journaled row that a unit of work inserts,
updates or deletes; ``append`` turns them into one event whose payload holds
each row's full journaled state, chained to the previous event by SHA-256.
A transaction that changed journaled rows but appended no event is refused
at commit, so no service can change business data silently.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session

from charity_pos.db.base import Base
from charity_pos.db.models import JournalEvent
from charity_pos.ledger.canonical import GENESIS, canonical_json, event_hash, journaled_columns, plain, snapshot

_PENDING = "journal_pending"


class UnjournaledChange(RuntimeError):
    """A programming error: business rows changed with no journal event."""


def _pending(session: Session) -> dict[tuple[str, str], tuple[str, Base]]:
    return session.info.setdefault(_PENDING, {})


def _journaled_change(session: Session, obj: Base) -> bool:
    from sqlalchemy import inspect as sa_inspect

    state = sa_inspect(obj)
    for column in journaled_columns(obj.__table__):  # type: ignore[attr-defined]
        if state.attrs[column.key].history.has_changes():
            return True
    return False


@event.listens_for(Session, "before_flush")
def _note_changes(session: Session, _ctx: object, _instances: object) -> None:
    pending = _pending(session)
    for op, objects in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if not getattr(obj, "__journaled__", False):
                continue
            if op == "update" and not _journaled_change(session, obj):
                continue
            key = (obj.__tablename__, str(id(obj)))  # type: ignore[attr-defined]
            previous = pending.get(key)
            if previous and previous[0] == "insert" and op == "update":
                continue  # still an insert as far as this event is concerned
            pending[key] = (op, obj)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    """A bulk UPDATE or DELETE bypasses the row-by-row record the journal is
    made from, so it is refused on journaled tables."""
    if not (state.is_update or state.is_delete):
        return
    entity = state.bind_mapper.class_ if state.bind_mapper is not None else None
    if getattr(entity, "__journaled__", False):
        raise UnjournaledChange(f"bulk statement on journaled table {entity.__tablename__}")  # type: ignore[union-attr]


@event.listens_for(Session, "before_commit")
def _refuse_silent_changes(session: Session) -> None:
    session.flush()
    if _pending(session):
        tables = sorted({table for table, _ in _pending(session)})
        session.info.pop(_PENDING, None)
        raise UnjournaledChange(f"journaled tables changed without a journal event: {tables}")


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def head(session: Session) -> tuple[int, str]:
    row = session.execute(select(JournalEvent.seq, JournalEvent.hash).order_by(JournalEvent.seq.desc()).limit(1)).first()
    return (0, GENESIS) if row is None else (row.seq, row.hash)


def append(
    session: Session,
    kind: str,
    *,
    actor: uuid.UUID | None,
    at: datetime,
    facts: dict[str, Any] | None = None,
) -> JournalEvent:
    """Close the unit of work's changes into one journal event.

    ``facts`` carries what the rows do not say (an approval, a reason); it
    must not hold names, ID numbers or phone numbers of natural persons.
    """
    session.flush()
    changes = []
    for op, obj in _pending(session).values():
        entry: dict[str, Any] = {"op": op, "table": obj.__tablename__, "id": plain(obj.id)}  # type: ignore[attr-defined]
        if op != "delete":
            entry["row"] = snapshot(obj)
        changes.append(entry)
    session.info.pop(_PENDING, None)
    payload = canonical_json({"changes": changes, "facts": facts or {}})
    seq, prev = head(session)
    seq += 1
    event_uuid = str(uuid.uuid4())
    at_text = plain(at)
    actor_text = None if actor is None else str(actor)
    row = JournalEvent(
        seq=seq,
        uuid=event_uuid,
        kind=kind,
        at=at_text,
        actor=actor_text,
        payload=payload,
        prev_hash=prev,
        hash=event_hash(prev, seq, event_uuid, kind, at_text, actor_text, payload),
    )
    session.add(row)
    session.flush()
    return row
