"""The migrations the store and the hub share (``db.migrate.Migrations``):
each kind reads its revision from its own version table, and refuses one a
newer charity-pos wrote, naming the database and the revision."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.util import CommandError
from sqlalchemy import Connection, create_engine

from charity_pos.db import migrate
from charity_pos.errors import NewerDatabase
from charity_pos.hub import engine as hub_engine

KINDS = {"store": migrate.STORE, "hub": hub_engine.MIGRATIONS}


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[Connection]:
    engine = create_engine(f"sqlite:///{tmp_path / 'versions.sqlite3'}")
    with engine.connect() as connection:
        yield connection
    engine.dispose()


def _versions(conn: Connection, table: str, *revisions: str) -> None:
    conn.exec_driver_sql(f"CREATE TABLE {table} (version_num VARCHAR(32) NOT NULL)")
    for revision in revisions:
        conn.exec_driver_sql(f"INSERT INTO {table} VALUES ('{revision}')")


def test_the_two_kinds_keep_their_revisions_apart() -> None:
    assert migrate.STORE.version_table == "alembic_version"
    assert hub_engine.MIGRATIONS.version_table == hub_engine.VERSION_TABLE == "hub_alembic_version"
    assert migrate.STORE.folder != hub_engine.MIGRATIONS.folder


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_reads_its_revision_from_its_own_version_table(conn: Connection, kind: str) -> None:
    migrations, other = KINDS[kind], KINDS["hub" if kind == "store" else "store"]
    assert migrations.current(conn) is None  # no version table: a new database
    _versions(conn, migrations.version_table)
    assert migrations.current(conn) is None  # an empty one
    conn.exec_driver_sql(f"INSERT INTO {migrations.version_table} VALUES ('{migrations.head()}')")
    assert migrations.current(conn) == migrations.head()
    assert other.current(conn) is None, "the other kind's revision is not this one's"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_refuses_a_revision_a_newer_version_wrote(conn: Connection, kind: str) -> None:
    migrations = KINDS[kind]
    _versions(conn, migrations.version_table, "9999_from_the_future")
    with pytest.raises(NewerDatabase) as refused:
        migrations.check_known(migrations.current(conn), "D:/门店/store.db")
    assert refused.value.facts == {"path": "D:/门店/store.db", "revision": "9999_from_the_future"}
    for known in (None, *migrations.chain()):
        migrations.check_known(known, "D:/门店/store.db")


@pytest.mark.parametrize("kind", KINDS)
def test_several_revisions_are_left_to_alembic_on_the_kinds_own_table(conn: Connection, kind: str) -> None:
    migrations = KINDS[kind]
    first, second = migrations.chain()[:2]
    _versions(conn, migrations.version_table, first, second)
    with pytest.raises(CommandError, match=migrations.version_table):
        migrations.current(conn)
