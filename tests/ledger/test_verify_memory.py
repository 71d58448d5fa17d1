"""``verify`` in bounded memory: past ``verify.HELD`` rows the journal's
replay moves to a temporary SQLite file, and the tables are compared with it
there. The findings are the same whichever way the replay is held: every
tampering here is verified both ways and must be named the same."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from charity_pos.services.store_file import open_store
from charity_pos.ledger import verify as verifying
from charity_pos.ledger.canonical import canonical_json, event_hash
from charity_pos.ledger.verify import Problem, check_chain, compare_tables
from tests.ledger.test_verify import Built, built, hexid, library_report, raw, store  # noqa: F401


def both_ways(path: Path, key: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """verify's report with the replay in memory, then held in its temporary file from the first row."""
    in_memory = library_report(path, key)
    with monkeypatch.context() as mp:
        mp.setattr(verifying, "HELD", 0)
        spilled = library_report(path, key)
    return in_memory, spilled


def _new_hex(conn: sqlite3.Connection, table: str, source: str) -> str:
    """A copy of a row of ``table`` under a new id (its hex form)."""
    columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
    new = uuid.uuid4().hex
    rest = ", ".join(f'"{c}"' for c in columns if c != "id")
    conn.execute(f'INSERT INTO "{table}" (id, {rest}) SELECT ?, {rest} FROM "{table}" WHERE id = ?', (new, source))
    return new


def price_changed(conn: sqlite3.Connection, ids: dict[str, str]) -> tuple[str, str | None]:
    conn.execute("UPDATE item SET sale_price_fen = sale_price_fen + 1 WHERE id = ?", (hexid(ids["rice"]),))
    return "value", "item"


def prices_swapped(conn: sqlite3.Connection, ids: dict[str, str]) -> tuple[str, str | None]:
    """Two rows trade a value: every value the table holds is still there, in the wrong row."""
    rice, oil = hexid(ids["rice"]), hexid(ids["oil"])
    conn.execute("UPDATE item SET sale_price_fen = CASE id WHEN ? THEN (SELECT sale_price_fen FROM item WHERE id = ?)"
                 " ELSE (SELECT sale_price_fen FROM item WHERE id = ?) END WHERE id IN (?, ?)",
                 (rice, oil, rice, rice, oil))
    return "value", "item"


def extra_row(conn: sqlite3.Connection, ids: dict[str, str]) -> tuple[str, str | None]:
    _new_hex(conn, "payment", conn.execute("SELECT id FROM payment ORDER BY id LIMIT 1").fetchone()[0])
    return "extra_record", "payment"


def missing_row(conn: sqlite3.Connection, ids: dict[str, str]) -> tuple[str, str | None]:
    conn.execute("DELETE FROM payment WHERE id = (SELECT max(id) FROM payment)")
    return "missing_record", "payment"


def id_changed(conn: sqlite3.Connection, ids: dict[str, str]) -> tuple[str, str | None]:
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("UPDATE payment SET id = ? WHERE id = (SELECT min(id) FROM payment)", (uuid.uuid4().hex,))
    return "extra_record", "payment"


def last_of_two_missing(conn: sqlite3.Connection, ids: dict[str, str]) -> tuple[str, str | None]:
    """Both payments gone: the first in id order is the one named."""
    conn.execute("DELETE FROM payment")
    return "missing_record", "payment"


def journal_payload_changed(conn: sqlite3.Connection, ids: dict[str, str]) -> tuple[str, str | None]:
    """The journal says another price (its chain made again by hand): the table now disagrees with it."""
    events = conn.execute("SELECT seq, uuid, kind, at, actor, payload FROM journal_event ORDER BY seq").fetchall()
    prev = "0" * 64
    for seq, event_uuid, kind, at, actor, payload in events:
        body = json.loads(payload)
        for change in body["changes"]:
            if change["table"] == "item" and change["id"] == ids["rice"] and change["op"] != "delete":
                change["row"]["sale_price_fen"] += 1
        payload = canonical_json(body)
        digest = event_hash(prev, seq, event_uuid, kind, at, actor, payload)
        conn.execute("UPDATE journal_event SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                     (payload, prev, digest, seq))
        prev = digest
    return "seal_head", None


@pytest.mark.parametrize("tamper", [price_changed, prices_swapped, extra_row, missing_row, id_changed,
                                    last_of_two_missing, journal_payload_changed])
def test_every_tampering_is_named_the_same_with_the_replay_in_its_file(
        store: Path, built: Built, tamper: Callable[[sqlite3.Connection, dict[str, str]], tuple[str, str | None]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with raw(store) as conn:
        kind, table = tamper(conn, built.ids)
    in_memory, spilled = both_ways(store, built.key, monkeypatch)
    assert in_memory.problem is not None and (in_memory.problem.kind, in_memory.problem.table) == (kind, table)
    assert spilled == in_memory


def test_the_untouched_store_passes_with_the_replay_in_its_file(store: Path, built: Built,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    in_memory, spilled = both_ways(store, built.key, monkeypatch)
    assert in_memory.ok and spilled == in_memory and spilled.records > 0


def _compare(path: Path, held: int) -> tuple[int, Problem | None, bool]:
    with open_store(path, upgrade=False) as db, db.engine.connect() as conn:
        events, _head, state, problem = check_chain(conn, held)
        assert problem is None
        try:
            return (*compare_tables(conn, state), state.spilled)
        finally:
            state.close()


def test_a_row_the_journal_deleted_and_the_table_still_holds_is_named_with_its_delete(
        store: Path, built: Built) -> None:
    """A later event deletes a row the table keeps: an extra record, with the deleting event's seq."""
    with raw(store) as conn:
        append_donors(conn, 3)
        (donor,) = conn.execute("SELECT id FROM donor ORDER BY rowid DESC LIMIT 1").fetchone()
        seq = _append(conn, [{"id": str(uuid.UUID(donor)), "op": "delete", "row": None, "table": "donor"}])
    for held in (verifying.HELD, 0):
        records, problem, spilled = _compare(store, held)
        assert spilled == (held == 0)
        assert problem == Problem("extra_record", seq=seq, table="donor", record=str(uuid.UUID(donor)))


# --- memory ---------------------------------------------------------------------------------------------
def _append(conn: sqlite3.Connection, changes: list[dict[str, Any]]) -> int:
    seq, prev, at = conn.execute("SELECT seq, hash, at FROM journal_event ORDER BY seq DESC LIMIT 1").fetchone()
    seq += 1
    event_uuid, payload = uuid.uuid4().hex, canonical_json({"changes": changes, "facts": {}})
    conn.execute("INSERT INTO journal_event (seq, uuid, kind, at, actor, payload, prev_hash, hash)"
                 " VALUES (?, ?, ?, ?, NULL, ?, ?, ?)",
                 (seq, event_uuid, "donor.registered", at, payload, prev,
                  event_hash(prev, seq, event_uuid, "donor.registered", at, None, payload)))
    return seq


def append_donors(conn: sqlite3.Connection, count: int) -> None:
    """``count`` events, each registering a donor: the row in its table and in the journal."""
    (source,) = conn.execute("SELECT id FROM donor WHERE credit_code IS NULL").fetchone()
    snapshot = None
    for (payload,) in conn.execute("SELECT payload FROM journal_event ORDER BY seq"):
        for change in json.loads(payload)["changes"]:
            if change["table"] == "donor" and change["id"] == str(uuid.UUID(source)):
                snapshot = change["row"]
    assert snapshot is not None
    for _ in range(count):
        new = _new_hex(conn, "donor", source)
        row = dict(snapshot, id=str(uuid.UUID(new)))
        _append(conn, [{"id": row["id"], "op": "insert", "row": row, "table": "donor"}])


def _peak(path: Path, held: int) -> float:
    tracemalloc.start()
    try:
        records, problem, spilled = _compare(path, held)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problem is None and spilled == (held < records)
    return peak


def test_memory_stays_flat_as_the_journal_grows(built: Built, tmp_path: Path) -> None:
    """The replay and the comparison of N and of 4N more events: held in
    memory the peak grows with them; in the temporary file it does not."""
    n = 1_500
    paths = []
    for count in (n, 4 * n):
        path = tmp_path / f"{count}.sqlite3"
        with contextlib.closing(sqlite3.connect(built.path)) as source, contextlib.closing(
                sqlite3.connect(path)) as target:
            source.backup(target)
        with raw(path) as conn:
            append_donors(conn, count)
        paths.append(path)
    small, large = (_peak(p, 10**9) for p in paths)
    assert large > 2.5 * small  # the measure sees a replay held in memory grow
    small, large = (_peak(p, 200) for p in paths)
    assert large < 1.6 * small  # 4x the events: far less than 4x the memory
