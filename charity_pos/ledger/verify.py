"""Checking a store file: SQLite's integrity, its schema against the models,
the journal's hash chain, the seal (authenticated with the store's key when
the key file is at hand), that every journaled table holds exactly what the
journal says in the canonical form the app writes, the audit log's chain,
every sealed table's digest, and the document numbers against their
counters."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, inspect, select
from sqlalchemy.exc import DBAPIError

from charity_pos.db.models import JournalEvent
from charity_pos.ledger.canonical import GENESIS, event_hash, journaled_columns, journaled_tables, plain


@dataclass(frozen=True)
class Problem:
    """The first thing that disagrees. For identity (a lot's or a
    donation's units do not add up) ``table`` is lot or donation, ``record``
    its code, ``expected`` the units received and ``found`` what the
    documents and movements account for. ``kind`` is one of: integrity,
    schema, downgraded, empty, sequence, link, hash, payload, seal_missing, seal_forged,
    truncated, truncated_hub, seal_head, representation, missing_record,
    extra_record, value, audit_sequence, audit_link, audit_hash, audit_head,
    digest, doc_sequence, identity."""

    kind: str
    seq: int | None = None
    table: str | None = None
    record: str | None = None
    column: str | None = None
    expected: Any = None
    found: Any = None
    detail: str = ""


@dataclass(frozen=True)
class Report:
    events: int
    records: int
    head_hash: str
    problem: Problem | None
    #: the seal's MAC was checked with the store's key
    authenticated: bool = False
    #: the file predates the seal (an earlier version's schema): no seal, schema or audit checks
    revision: str | None = None
    sealed: bool = True
    #: every lot and donation whose units do not add up (``trace.check_identity``), whatever else was found
    identity: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.problem is None


def _events(conn: Connection) -> Iterator[JournalEvent]:
    yield from conn.execute(select(JournalEvent.__table__).order_by(JournalEvent.seq))  # type: ignore[misc]


def check_chain(conn: Connection) -> tuple[int, str, dict[str, dict[str, tuple[int, dict[str, Any] | None]]], Problem | None]:
    """Recompute every hash; return the replayed state of the journaled tables."""
    state: dict[str, dict[str, tuple[int, dict[str, Any] | None]]] = {}
    expected_seq, prev = 1, GENESIS
    count = 0
    for ev in _events(conn):
        if ev.seq != expected_seq:
            return count, prev, state, Problem("sequence", seq=ev.seq, expected=expected_seq, found=ev.seq)
        if ev.prev_hash != prev:
            return count, prev, state, Problem("link", seq=ev.seq)
        if event_hash(ev.prev_hash, ev.seq, ev.uuid, ev.kind, ev.at, ev.actor, ev.payload) != ev.hash:
            return count, prev, state, Problem("hash", seq=ev.seq)
        try:
            changes = json.loads(ev.payload)["changes"]
            for change in changes:
                rows = state.setdefault(change["table"], {})
                rows[change["id"]] = (ev.seq, None if change["op"] == "delete" else change["row"])
        except (ValueError, KeyError, TypeError) as exc:
            return count, prev, state, Problem("payload", seq=ev.seq, detail=str(exc))
        count += 1
        expected_seq, prev = ev.seq + 1, ev.hash
    return count, prev, state, None


def compare_tables(conn: Connection, state: dict[str, dict[str, tuple[int, dict[str, Any] | None]]]) -> tuple[int, Problem | None]:
    records = 0
    inspector = inspect(conn)
    present = set(inspector.get_table_names())
    for table in journaled_tables():
        # a file from an earlier version may lack later columns: they were
        # never written, so neither the rows nor the journal hold them
        there = {c["name"] for c in inspector.get_columns(table.name)} if table.name in present else set()
        columns = [c for c in journaled_columns(table) if c.name in there or table.name not in present]
        replayed = state.get(table.name, {})
        seen: set[str] = set()
        pk = table.c.id
        # a file from an earlier version lacks later tables: they hold nothing,
        # and anything the journal says should be there is then missing
        rows = conn.execute(select(*columns).order_by(pk)) if table.name in present else []
        for row in rows:
            values = {c.key: plain(v) for c, v in zip(columns, row, strict=True)}  # in the select's order
            key = values["id"]
            seen.add(key)
            records += 1
            seq, expected = replayed.get(key, (None, None))
            if expected is None:
                return records, Problem("extra_record", seq=seq, table=table.name, record=key)
            for column in columns:
                if values[column.key] != expected.get(column.key):
                    return records, Problem(
                        "value",
                        seq=seq,
                        table=table.name,
                        record=key,
                        column=column.key,
                        expected=expected.get(column.key),
                        found=values[column.key],
                    )
        for key, (seq, expected) in sorted(replayed.items()):
            if expected is not None and key not in seen:
                return records, Problem("missing_record", seq=seq, table=table.name, record=key)
    return records, None


def verify(conn: Connection, seal_key: bytes | None = None, *, key_says_sealed: bool = False) -> Report:
    """Check the file; ``seal_key`` (from the store's key file) also checks
    that the seal was written by the app. ``key_says_sealed``: the key file
    notes that its store file was sealed, so a file claiming an earlier
    version's schema was set back by hand."""
    from charity_pos.ledger import checks

    try:
        integrity = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return Report(0, 0, GENESIS, Problem("integrity", detail="; ".join(integrity[:3])))
        revision, at_head, sealed = checks.revision_state(conn)
        if key_says_sealed and not sealed:
            return Report(0, 0, GENESIS, Problem("downgraded", detail=str(revision)), revision=revision, sealed=sealed)
        if at_head and (problem := checks.schema(conn)):
            return Report(0, 0, GENESIS, problem, revision=revision, sealed=sealed)
        events, head_hash, state, problem = check_chain(conn)
        if problem:
            return Report(events, 0, head_hash, problem, revision=revision, sealed=sealed)
        if events == 0:
            return Report(0, 0, GENESIS, Problem("empty"), revision=revision, sealed=sealed)
        body = None
        if sealed:
            body, problem = checks.check_seal(conn, events, head_hash, seal_key)
            if problem:
                return Report(events, 0, head_hash, problem, revision=revision, sealed=sealed)
        problem = checks.acknowledged(conn, events)
        if problem is None and at_head:
            problem = checks.representation(conn)
        if problem:
            return Report(events, 0, head_hash, problem, revision=revision, sealed=sealed)
        records, problem = compare_tables(conn, state)
        if problem is None and sealed and body is not None:
            problem = checks.audit_chain(conn, body) or checks.digests(conn, body)
        if problem is None:
            problem = checks.document_numbers(conn)
        identity = tuple(checks.identity(conn)) if at_head else ()
    except DBAPIError as exc:  # pages so damaged that SQLite cannot even read them
        return Report(0, 0, GENESIS, Problem("integrity", detail=str(exc.orig)))
    return Report(events, records, head_hash, problem or (identity[0] if identity else None),
                  authenticated=seal_key is not None and sealed, revision=revision, sealed=sealed, identity=identity)
