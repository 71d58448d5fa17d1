"""``verify`` reads the store through the driver, not value by value through
SQLAlchemy: it must still read every stored value exactly as the app reads
it, and still refuse every stored form the app does not write.

The shortcuts (``verify.written_form``) cover the one form the app writes
for UUIDs, times, dates and booleans; these tests hold them against
SQLAlchemy's own processing for every column (``verify`` knows the columns
from ``db.schema_text``) and for stored forms an editor could write
instead."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.dialects import sqlite as sqlite_dialect

from charity_pos.db.base import Base
from charity_pos.services.store_file import open_store
from charity_pos.db.models import JournalEvent
from charity_pos.ledger import checks
from charity_pos.db.schema_text import TABLES
from charity_pos.ledger.canonical import journaled_tables
from charity_pos.ledger.verify import (
    AS_STORED, EVENT_COLUMNS, check_chain, compare_tables, processed, reader, written_form,
)
from tests.ledger.test_verify import Built, built, library_report, raw, store  # noqa: F401

DIALECT = sqlite_dialect.dialect()
A_UUID = uuid.UUID("0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9")

#: What a person with a database tool could leave in a UUID or a time column.
STORED_FORMS: list[Any] = [
    None, 0, 7, 3.5, b"\x0a\x1b", "", "x",
    A_UUID.hex, A_UUID.hex.upper(), str(A_UUID), str(A_UUID).upper(), "{" + str(A_UUID) + "}",
    "urn:uuid:" + str(A_UUID), A_UUID.hex[:-1], A_UUID.hex + "0", A_UUID.hex + "\n", " " + A_UUID.hex,
    A_UUID.hex.encode(), "０" * 32,
    "2026-03-10 02:07:00.000000", "2026-03-10 02:07:00.123456", "2026-03-10T02:07:00.000000",
    "2026-03-10 02:07:00", "2026-03-10 02:07:00.000", "2026-03-10 02:07:00.000000+00:00",
    "2026-02-30 02:07:00.000000", "2026-03-10 25:07:00.000000", "2026-03-10 02:07:00.000000\n",
    "２０２６-03-10 02:07:00.000000", "0001-01-01 00:00:00.000000", "9999-12-31 23:59:59.999999", "2026-03-10",
    "2026-3-10", "2026-02-30", "0001-01-01", "2026-03-10 ", 1, 2, -1, True, "1", "true",
]


def _outcome(read: Any, stored: Any) -> tuple[str, Any]:
    try:
        return "value", read(stored)
    except Exception as exc:  # noqa: BLE001 - what matters is that both raise the same
        return "raises", type(exc)


def _model(column: Any) -> Any:
    """The model's column behind a column of ``schema_text``."""
    return Base.metadata.tables[column.table].c[column.name]


def _round_trip(column: Any, stored: Any) -> bool:
    """The exact check: the stored value reads back and writes again as itself."""
    kind = _model(column).type.dialect_impl(DIALECT)
    result, bind = kind.result_processor(DIALECT, None), kind.bind_processor(DIALECT)
    if stored is None:
        return True
    try:
        value = result(stored) if result else stored
        back = bind(value) if bind else value
    except (ValueError, TypeError, AttributeError):
        return False
    return type(back) is type(stored) and back == stored


def _columns() -> list[Any]:
    return [c for t in TABLES.values() for c in t.columns]


def test_the_uuid_and_time_columns_have_their_written_form() -> None:
    """Otherwise the shortcuts silently stop applying (a type changed)."""
    shortcut = {(c.table, c.name) for c in _columns() if written_form(c) is not None}
    assert ("sale", "id") in shortcut and ("payment", "sale_id") in shortcut
    assert ("sale", "completed_at") in shortcut and ("audit_entry", "at") in shortcut
    assert ("item", "active") in shortcut and ("household", "valid_to") in shortcut
    assert ("item", "name") not in shortcut and ("item", "sale_price_fen") not in shortcut


def test_the_kinds_read_as_stored_have_no_processing() -> None:
    for column in _columns():
        processing = _model(column).type.dialect_impl(DIALECT).result_processor(DIALECT, None)
        assert (processing is None) == (column.kind in AS_STORED), (column.table, column.name)


@pytest.mark.parametrize("stored", STORED_FORMS, ids=repr)
def test_every_stored_form_reads_as_sqlalchemy_reads_it(stored: Any) -> None:
    for column in _columns():
        read = reader(column)
        fast = ("value", stored) if read is None else _outcome(read, stored)
        assert fast == _outcome(processed(_model(column), DIALECT), stored), (column.table, column.name)


@pytest.mark.parametrize("stored", STORED_FORMS, ids=repr)
def test_only_the_forms_the_app_writes_are_canonical(stored: Any) -> None:
    """For a column with a written form, the quick check says what the whole
    round trip says (the other types' checks are stricter than a round trip:
    an integer must be stored as one, text as text)."""
    for column in [c for c in _columns() if written_form(c) is not None]:
        assert checks._canonical(column)(stored) == _round_trip(column, stored), (column.table, column.name)


def test_readings_kept_down_a_column_change_no_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """``reader`` and the canonical check keep what they found for a text
    already seen in the column (and forget it all when they hold MEMO texts):
    every form, read again and again in any order, still gets the answer
    SQLAlchemy's processing and the whole round trip give."""
    from charity_pos.ledger import verify as verify_module

    monkeypatch.setattr(verify_module, "MEMO", 3)
    monkeypatch.setattr(checks, "MEMO", 3)
    forms = STORED_FORMS + STORED_FORMS[::-1] + [A_UUID.hex, "2026-03-10 02:07:00.000000"] * 4 + STORED_FORMS
    for column in [c for c in _columns() if written_form(c) is not None]:
        read, canonical, exact = reader(column), checks._canonical(column), processed(_model(column), DIALECT)
        assert read is not None
        for stored in forms:
            assert _outcome(read, stored) == _outcome(exact, stored), (column.table, column.name, stored)
            assert canonical(stored) == _round_trip(column, stored), (column.table, column.name, stored)


def test_the_journal_is_read_as_stored() -> None:
    """The chain is checked on the driver's rows: the journal's columns must
    be ones SQLAlchemy reads from SQLite as they are stored."""
    table = JournalEvent.__table__
    assert set(EVENT_COLUMNS) == {c.name for c in table.columns}
    for column in table.columns:
        assert column.type.dialect_impl(DIALECT).result_processor(DIALECT, None) is None, column.name


def _replayed(path: Path) -> tuple[Any, Any]:
    with open_store(path, upgrade=False) as db, db.engine.connect() as conn:
        events, head, state, problem = check_chain(conn)
        assert problem is None
        return compare_tables(conn, state)


def test_a_forged_uuid_in_the_written_form_is_a_different_value(store: Path) -> None:
    """The shortcut reads a forged id as the id it is, named in the journal's form."""
    forged = uuid.uuid4()
    with raw(store) as conn:
        (sale_id,) = conn.execute("SELECT sale_id FROM payment ORDER BY rowid LIMIT 1").fetchone()
        conn.execute("UPDATE payment SET sale_id = ? WHERE rowid = (SELECT min(rowid) FROM payment)", (forged.hex,))
    records, problem = _replayed(store)
    assert problem is not None and (problem.kind, problem.table, problem.column) == ("value", "payment", "sale_id")
    assert (problem.found, problem.expected) == (str(forged), str(uuid.UUID(sale_id)))


@pytest.mark.parametrize("form", [
    lambda u: u.upper(), lambda u: str(uuid.UUID(u)), lambda u: "{" + str(uuid.UUID(u)) + "}",
    lambda u: "urn:uuid:" + str(uuid.UUID(u)),
], ids=["upper-case", "hyphens", "braces", "urn"])
def test_a_uuid_in_another_form_reads_the_same_but_is_refused(store: Path, built: Built, form: Any) -> None:
    """The same id written by sqlite3 in a form SQLAlchemy also reads: the
    tables still agree with the journal (as they did read through
    SQLAlchemy), and verify names the column as stored in another form."""
    with raw(store) as conn:
        (sale_id,) = conn.execute("SELECT sale_id FROM payment ORDER BY rowid LIMIT 1").fetchone()
        conn.execute("UPDATE payment SET sale_id = ? WHERE rowid = (SELECT min(rowid) FROM payment)",
                     (form(sale_id),))
    assert _replayed(store)[1] is None
    problem = library_report(store, built.key).problem
    assert problem is not None and (problem.kind, problem.table, problem.column) == (
        "representation", "payment", "sale_id")


@pytest.mark.parametrize("sql, table, column", [
    ("UPDATE item SET sale_price_fen = sale_price_fen + 0.25", "item", "sale_price_fen"),
    ("UPDATE sale SET completed_at = '2026-02-30 02:07:00.000000' WHERE rowid = 1", "sale", "completed_at"),
    ("UPDATE sale SET completed_at = substr(completed_at, 1, 19) WHERE rowid = 1", "sale", "completed_at"),
    ("UPDATE sale SET completed_at = completed_at || '+00:00' WHERE rowid = 1", "sale", "completed_at"),
    ("UPDATE audit_entry SET at = replace(at, '2', '２') WHERE seq = 1", "audit_entry", "at"),
    ("UPDATE sale SET id = upper(id) WHERE rowid = 1", "sale", "id"),
], ids=["an amount as a real", "the 30th of February", "time without microseconds", "time with its zone",
        "full-width digits", "upper-case id"])
def test_a_value_in_a_form_the_app_never_writes_is_refused(store: Path, built: Built, sql: str, table: str,
                                                            column: str) -> None:
    """(SQLite itself stores a whole real or a number in text as an integer
    in an integer column, so an amount can only be a real with a fraction.)"""
    with raw(store) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute(sql)
    problem = library_report(store, built.key).problem
    assert problem is not None and (problem.kind, problem.table, problem.column) == ("representation", table, column)


def test_the_untouched_store_agrees_record_for_record(store: Path) -> None:
    with contextlib.closing(sqlite3.connect(store)) as conn:
        total = sum(conn.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0] for t in journaled_tables())
    records, problem = _replayed(store)
    assert problem is None and records == total > 0


def test_what_sqlite_finds_canonical_is_canonical() -> None:
    """``representation`` reads in Python only the rows SQLite cannot vouch
    for: its condition must never pass a value the Python check refuses
    (the 30th of February, an hour 24, year 0, an upper-case id), and it
    should pass the app's own forms (else every row is read again)."""
    import random
    from datetime import datetime, timedelta

    rnd = random.Random(7)
    written = []
    for _ in range(1000):
        at = datetime(1, 1, 1) + timedelta(seconds=rnd.randrange(315537897599))
        written += [at.strftime("%Y-%m-%d %H:%M:%S.") + f"{rnd.randrange(10 ** 6):06d}", at.strftime("%Y-%m-%d"),
                    uuid.UUID(int=rnd.getrandbits(128)).hex]
    odd = ["2026-02-30", "2026-04-31 00:00:00.000000", "2026-02-29 02:07:00.000000", "2026-03-10 24:00:00.000000",
           "0000-01-01", "0000-01-01 00:00:00.000000", "2026-13-01", "2026-03-00", "1900-02-29"]
    memory = sqlite3.connect(":memory:")
    one_of_a_kind = {c.kind: c for c in _columns()}.values()  # the condition depends on the kind alone
    for column in _columns():
        sure, canonical = checks._surely_canonical(column), checks._canonical(column)
        for given in STORED_FORMS + odd + (written if column in one_of_a_kind else []):
            # as SQLite stores and hands back what it was given (True as 1)
            passed, stored = memory.execute(f'SELECT {sure}, "{column.name}" FROM (SELECT ? AS "{column.name}")',
                                            (given,)).fetchone()
            assert not passed or canonical(stored), (column.table, column.name, stored)
            if stored in written and column.kind in ("utc_datetime", "date", "uuid") and written_form(column)(stored):
                assert passed, (column.table, column.name, stored)
