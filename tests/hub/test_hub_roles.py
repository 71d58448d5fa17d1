"""The hub on a real PostgreSQL server with the roles the README sets up:
an owner role that runs `hub init` and `hub upgrade`, and an app role
with SELECT/INSERT/UPDATE/DELETE on the tables and USAGE on the sequences,
no DDL. The app role imports bundles; a hub whose schema is behind is
refused to it with a message naming the upgrade, and changed by nothing,
until the owner runs `charity-pos hub upgrade`."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import text

from charity_pos.errors import HubSchemaBehind
from charity_pos.hub.engine import MIGRATIONS, open_hub
from charity_pos.hub.service import add_store, init_hub
from tests.hub import DISTRICT, SourceStore, events_bundle, source, store_key, write_registration  # noqa: F401
from tests.hub.conftest import OPT_OUT, TempPostgres

ROOT = Path(__file__).resolve().parents[2]

#: the README's SQL ("Running the hub on PostgreSQL"), for a database `hub` owned by `hub_owner`
APP_ROLE_SQL = """
GRANT CONNECT ON DATABASE {db} TO hub_app;
GRANT USAGE ON SCHEMA public TO hub_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hub_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hub_app;
ALTER DEFAULT PRIVILEGES FOR ROLE hub_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hub_app;
ALTER DEFAULT PRIVILEGES FOR ROLE hub_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hub_app;
"""


class Roles:
    def __init__(self, server: TempPostgres, db: str) -> None:
        self.server, self.db = server, db
        base = f"postgresql+psycopg://{{role}}@{server.host}:{server.port}/{db}"
        self.owner, self.app = base.format(role="hub_owner"), base.format(role="hub_app")

    def as_superuser(self, sql: str) -> None:
        with psycopg.connect(host=self.server.host, port=self.server.port, user="postgres", dbname=self.db,
                             autocommit=True) as conn:
            conn.execute(sql)


@pytest.fixture
def roles(request: pytest.FixtureRequest) -> Iterator[Roles]:
    """A database `hub_roles_N` owned by `hub_owner`, and `hub_app` with the README's grants once the owner made
    the hub (so also on tables made later, by default privileges)."""
    if os.environ.get(OPT_OUT, "") not in ("", "0"):
        pytest.skip(f"{OPT_OUT} is set: PostgreSQL tests skipped")
    server = request.getfixturevalue("postgres_server")
    if isinstance(server, str):
        pytest.fail(f"PostgreSQL unavailable: {server}", pytrace=False)
    admin = server._admin
    for role in ("hub_owner", "hub_app"):
        admin.execute(f"DO $$BEGIN CREATE ROLE {role} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END$$")
    name, _url = server.new_database("hub_roles")
    admin.execute(f'ALTER DATABASE "{name}" OWNER TO hub_owner')
    roles = Roles(server, name)
    roles.as_superuser("REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO hub_owner")
    try:
        yield roles
    finally:
        server.drop_database(name)
        for grant in ("REASSIGN OWNED BY hub_app TO postgres", "DROP OWNED BY hub_app"):
            with contextlib.suppress(Exception):
                admin.execute(grant)


def run_cli(*args: str) -> tuple[int, str, str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    done = subprocess.run([sys.executable, "-m", "charity_pos", *args, "--lang", "en"], capture_output=True, text=True,
                          env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


def revision(url: str) -> str | None:
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
        return conn.execute("SELECT version_num FROM hub_alembic_version").fetchone()[0]


def test_the_app_role_imports_but_may_not_change_the_schema(roles: Roles, source: SourceStore, store_key,  # noqa: F811
                                                            tmp_path: Path) -> None:
    init_hub(roles.owner, DISTRICT)
    roles.as_superuser(APP_ROLE_SQL.format(db=roles.db))
    with open_hub(roles.owner) as db:
        add_store(db, write_registration(tmp_path / "store.json", source, store_key), tmp_path / "trust.json")
    bundle = events_bundle(tmp_path / "b.cpbundle", source, list(source.events), store_key)
    code, out, err = run_cli("hub", "import", "--hub", roles.app, str(bundle))
    assert code == 0, (out, err)
    assert f"applied {len(source.events)} events of store {source.code}" in out
    with open_hub(roles.app) as db, db.engine.connect() as conn:  # at the head: opened, nothing to upgrade
        assert db.upgraded_from is None
        with pytest.raises(Exception, match="permission denied|must be owner"):
            conn.execute(text("CREATE TABLE sneaky (id int)"))
        conn.rollback()
        with pytest.raises(Exception, match="permission denied|must be owner"):
            conn.execute(text("DROP TABLE hub_event"))


def test_a_hub_behind_is_refused_to_the_app_role_and_upgraded_by_the_owner(roles: Roles, tmp_path: Path) -> None:
    init_hub(roles.owner, DISTRICT)
    roles.as_superuser(APP_ROLE_SQL.format(db=roles.db))
    with open_hub(roles.owner) as db, db.engine.connect() as conn:
        command.downgrade(MIGRATIONS.config(conn), "-1")  # as a hub left by the charity-pos before this one
        conn.commit()
        behind = MIGRATIONS.current(conn)
    assert behind is not None and behind != MIGRATIONS.head()

    with pytest.raises(HubSchemaBehind) as refused:
        open_hub(roles.app)
    assert refused.value.facts == {"url": roles.app, "revision": behind, "head": MIGRATIONS.head()}
    assert revision(roles.owner) == behind  # untouched

    code, out, err = run_cli("hub", "over-allowance", "--hub", roles.app)
    assert code != 0
    assert "charity-pos hub upgrade" in out + err and "owner" in out + err
    assert "Traceback" not in err
    assert revision(roles.owner) == behind

    code, out, err = run_cli("hub", "upgrade", "--hub", roles.app)  # the app role may not do it either way
    assert code != 0 and "charity-pos hub upgrade" in out + err
    assert revision(roles.owner) == behind

    code, out, err = run_cli("hub", "upgrade", "--hub", roles.owner)
    assert code == 0, (out, err)
    assert f"upgraded from {behind} to {MIGRATIONS.head()}" in out
    assert revision(roles.owner) == MIGRATIONS.head()

    code, out, err = run_cli("hub", "upgrade", "--hub", roles.owner)
    assert code == 0 and f"up to date ({MIGRATIONS.head()})" in out
    with open_hub(roles.app) as db:  # tables the upgrade made are the app role's too (default privileges)
        assert db.upgraded_from is None
        with db.read() as s:
            for table in ("hub_handout", "hub_writeoff"):
                s.execute(text(f"SELECT count(*) FROM {table}")).scalar()

