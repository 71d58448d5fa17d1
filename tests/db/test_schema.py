"""The store's schema: what the Alembic migrations build is exactly what the
models say; the revisions form one line; files charity-pos cannot own (from a
newer version, or not a store at all) are refused and left as they were."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, select

from charity_pos.db import migrate, models  # noqa: F401  (models: every table registered)
from charity_pos.db.base import Base
from charity_pos.services.store_file import open_store
from charity_pos.db.models import Item
from charity_pos.errors import NewerDatabase, NotAStoreDatabase, StoreNotFound
from charity_pos.ledger.seal_body import SEAL_REVISION
from charity_pos.ledger.verify import verify
from charity_pos.messages import describe
from charity_pos.security.keys import SEALED, key_path
from tests.conftest import store_id_of
from tests.helpers import run_cli

SCRIPTS = ScriptDirectory.from_config(migrate.STORE.config())
CHAIN = list(reversed(list(SCRIPTS.walk_revisions())))  # base first


def english(_context: str, text: str) -> str:
    return text


@contextlib.contextmanager
def engine_for(path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        yield engine
    finally:
        engine.dispose()


def migrated(path: Path) -> Path:
    """An empty SQLite file brought to the head revision by the migrations."""
    with engine_for(path) as engine, engine.connect() as conn:
        migrate.STORE.upgrade(conn)
        conn.commit()
    return path


def pending(path: Path) -> set[str]:
    """Files next to ``path`` that would change it the next time it is
    opened: a rollback journal, or a write-ahead log with frames in it."""
    return {p.name for p in path.parent.iterdir()
            if p.name == path.name + "-journal" or (p.name == path.name + "-wal" and p.stat().st_size > 0)}


# --- migrations and models ----------------------------------------------------------------------------
def test_migrations_build_exactly_the_models_schema(tmp_path: Path) -> None:
    with engine_for(migrated(tmp_path / "store.db")) as engine, engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        differences = compare_metadata(context, Base.metadata)
        assert migrate.STORE.current(conn) == migrate.STORE.head()
    assert differences == [], "add a migration for these model changes (README: Database changes)"


def _reflected(engine: Engine) -> dict[str, dict[str, Any]]:
    """Everything SQLite keeps about each table, in an order-free form:
    also what Alembic's comparison does not look at (CHECK constraints, the
    WHERE of partial indexes, column order)."""
    insp = inspect(engine)
    schema = {}
    for table in insp.get_table_names():
        if table == "alembic_version":
            continue
        schema[table] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(table)],
            "primary key": insp.get_pk_constraint(table)["constrained_columns"],
            "checks": sorted((c["name"], " ".join(c["sqltext"].split())) for c in insp.get_check_constraints(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]),
                               str(i.get("dialect_options", {}).get("sqlite_where", ""))) for i in insp.get_indexes(table)),
            "uniques": sorted((u["name"], tuple(u["column_names"])) for u in insp.get_unique_constraints(table)),
            "foreign keys": sorted((f["name"], tuple(f["constrained_columns"]), f["referred_table"],
                                    tuple(f["referred_columns"])) for f in insp.get_foreign_keys(table)),
        }
    return schema


def test_migrations_and_models_agree_on_constraints_too(tmp_path: Path) -> None:
    from_models = tmp_path / "models.db"
    with engine_for(from_models) as engine:
        Base.metadata.create_all(engine)
        expected = _reflected(engine)
    with engine_for(migrated(tmp_path / "migrated.db")) as engine:
        found = _reflected(engine)
    assert sorted(found) == sorted(expected), "the same tables"
    for table in expected:
        assert found[table] == expected[table], table
    assert any(t["checks"] for t in expected.values()), "the comparison sees CHECK constraints"


def test_the_comparison_notices_a_missing_index(tmp_path: Path) -> None:
    """The check above is not blind: a schema one index short is a difference."""
    path = migrated(tmp_path / "store.db")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP INDEX ix_item_name")
    with engine_for(path) as engine, engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d[0] for d in differences] == ["add_index"]


# --- the revision chain ---------------------------------------------------------------------------------
def test_the_revisions_form_one_line() -> None:
    assert len(SCRIPTS.get_heads()) == 1, f"several heads: {SCRIPTS.get_heads()} (merge them)"
    assert len(SCRIPTS.get_bases()) == 1, f"several bases: {SCRIPTS.get_bases()}"
    assert CHAIN[0].down_revision is None and CHAIN[-1].revision == migrate.STORE.head()
    for before, rev in zip(CHAIN, CHAIN[1:]):
        assert rev.down_revision == before.revision, f"{rev.revision} follows {before.revision}"
    for rev in CHAIN:
        assert not rev.is_merge_point and not rev.is_branch_point and not rev.branch_labels and not rev.dependencies
    files = sorted(p.name for p in (migrate.STORE.folder / "versions").glob("*.py") if p.name != "__init__.py")
    assert len(files) == len(CHAIN), "every file in versions/ is a revision on the line"


def test_the_revisions_are_numbered_in_order() -> None:
    """0001, 0002, …: the file names and revision ids follow the chain. A
    revision id is its number (0001-0005) or, from 0006 on, its file's name
    without .py (0007_approval_limits), so that revisions written at the same
    time by different people name the one they follow unmistakably."""
    for number, rev in enumerate(CHAIN, start=1):
        assert rev.path is not None and re.fullmatch(rf"{number:04d}_\w+\.py", Path(rev.path).name)
        assert rev.revision in (f"{number:04d}", Path(rev.path).stem)


def test_each_revision_applies_in_turn(tmp_path: Path) -> None:
    with engine_for(tmp_path / "store.db") as engine, engine.connect() as conn:
        cfg = migrate.STORE.config(conn)
        for rev in CHAIN:
            command.upgrade(cfg, rev.revision)
            assert migrate.STORE.current(conn) == rev.revision
        conn.commit()


@pytest.mark.parametrize("revision", [r.revision for r in CHAIN[:-1]])
def test_a_file_from_an_earlier_version_is_upgraded_on_opening_and_keeps_its_records(
        filled_store: Any, revision: str) -> None:
    path = filled_store.path
    with engine_for(path) as engine, engine.connect() as conn:
        command.downgrade(migrate.STORE.config(conn), revision)
        conn.commit()
    if migrate.STORE.is_before(revision, SEAL_REVISION):
        unsealed_key_file(path)  # that version's key file did not yet say its store was sealed
    with open_store(path) as db:
        with db.engine.connect() as conn:
            assert migrate.STORE.current(conn) == migrate.STORE.head()
            assert verify(conn).ok
        with db.read() as s:
            assert str(s.scalars(select(Item.id).where(Item.name == "东北大米 5kg")).one()) == filled_store.rice_id


def unsealed_key_file(path: Path) -> None:
    """The store's key file as a version from before the seal wrote it: without the note that it is sealed."""
    key = key_path(uuid.UUID(store_id_of(path)))
    key.write_text(json.dumps({k: v for k, v in json.loads(key.read_text()).items() if k != SEALED}))


# --- files that are refused ---------------------------------------------------------------------------
@pytest.fixture
def newer_store(filled_store: Any) -> Path:
    with closing(sqlite3.connect(filled_store.path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9001_from_the_future'")
        conn.commit()
    return filled_store.path


def test_a_file_from_a_newer_version_is_refused_and_not_touched(newer_store: Path) -> None:
    before = newer_store.read_bytes()
    for _ in range(2):  # refused again: the first refusal let go of the file
        with pytest.raises(NewerDatabase) as caught:
            open_store(newer_store)
        assert caught.value.path == str(newer_store) and caught.value.revision == "9001_from_the_future"
    assert newer_store.read_bytes() == before and pending(newer_store) == set()
    sentence = describe(caught.value, english)
    assert str(newer_store) in sentence and "newer version" in sentence and "9001_from_the_future" in sentence


@pytest.mark.parametrize("command_line", [["verify"], ["show", "items"]], ids=["verify", "show"])
def test_the_command_line_refuses_a_newer_file_in_one_line(newer_store: Path, command_line: list[str]) -> None:
    before = newer_store.read_bytes()
    code, out, err = run_cli(*command_line, "--db", str(newer_store), "--lang", "zh_CN")
    assert (code, out) == (1, "") and err.count("\n") == 1
    assert str(newer_store) in err and "9001_from_the_future" in err and "Error" not in err, err
    assert newer_store.read_bytes() == before


def _sqlite_with_own_tables(path: Path, wal: bool = False) -> None:
    with closing(sqlite3.connect(path)) as conn:
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, phone TEXT)")
        conn.execute("INSERT INTO customers (name, phone) VALUES ('张三', '13800138000')")
        conn.commit()


FOREIGN = {
    "random bytes": lambda p: p.write_bytes(os.urandom(3000)),
    "empty file": lambda p: p.write_bytes(b""),
    "a spreadsheet export": lambda p: p.write_text("条码,品名,价格\n6901234567892,东北大米,32.90\n", "utf-8"),
    "a truncated SQLite header": lambda p: p.write_bytes(b"SQLite format 3\x00" + bytes(20)),
    "another program's SQLite file in WAL mode": lambda p: _sqlite_with_own_tables(p, wal=True),
    # (Opening it as a store would switch it to WAL: its header would change.)
    "another program's SQLite file": _sqlite_with_own_tables,
}


@pytest.mark.parametrize("make", FOREIGN.values(), ids=FOREIGN.keys())
def test_a_file_that_is_not_a_store_is_refused_and_left_as_it_was(tmp_path: Path, make: Any) -> None:
    path = tmp_path / "not-a-store.db"
    make(path)
    before = path.read_bytes()
    for _ in range(2):
        with pytest.raises(NotAStoreDatabase) as caught:
            open_store(path)
        assert caught.value.path == str(path)
    code, out, err = run_cli("verify", "--db", str(path), "--lang", "en")
    assert (code, out) == (1, "") and err == f"Error: {path} is not a charity-pos store database.\n"
    assert path.read_bytes() == before, "byte for byte"
    assert pending(path) == set()


def test_a_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(StoreNotFound):
        open_store(path)
    code, _, err = run_cli("verify", "--db", str(path), "--lang", "en")
    assert code == 1 and err == f"Error: No store database at {path}.\n"
    assert not path.exists()
