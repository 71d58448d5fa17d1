"""Canonical JSON and row snapshots, the same bytes on every machine."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import uuid
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the models only where tables are asked for: ``verify`` hashes without SQLAlchemy
    from sqlalchemy import Column, Table

    from charity_pos.db.base import Base

GENESIS = "0" * 64

#: A statement that writes rows, and the table it writes to (group 1): how
#: the journal's guard and the seal see writes, whatever made them.
WRITE_STATEMENT = re.compile(
    r"^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[\"`\[]?(\w+)",
    re.IGNORECASE)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def plain(value: Any) -> Any:
    """A column value as JSON can hold it: UUIDs and times as text."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def event_hash(prev_hash: str, seq: int, event_uuid: str, kind: str, at: str, actor: str | None, payload: str) -> str:
    body = canonical_json(
        {"seq": seq, "uuid": event_uuid, "kind": kind, "at": at, "actor": actor, "payload": payload, "prev": prev_hash}
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def journaled_tables() -> list[Table]:
    """Tables whose rows the journal describes, in a stable order."""
    from sqlalchemy import Table

    from charity_pos.db.base import Base

    tables = []
    for mapper in sorted(Base.registry.mappers, key=lambda m: m.class_.__tablename__):
        if getattr(mapper.class_, "__journaled__", False):
            table = mapper.local_table
            assert isinstance(table, Table)  # every model is mapped to a table
            tables.append(table)
    return tables


def journaled_columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.info.get("journal", True)]


@functools.cache
def _journaled_keys(table: Table) -> tuple[str, ...]:
    return tuple(c.key for c in journaled_columns(table))


def snapshot(obj: Base) -> dict[str, Any]:
    # a loaded value straight from the object's state; anything else (expired,
    # deferred) through the attribute, which loads it
    loaded = obj.__dict__
    return {key: plain(loaded[key] if key in loaded else getattr(obj, key))
            for key in _journaled_keys(obj.__table__)}
