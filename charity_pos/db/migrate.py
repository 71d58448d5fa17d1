"""Alembic, driven from code: the app upgrades a store file when it opens it."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from charity_pos.errors import NewerDatabase

MIGRATIONS = Path(__file__).with_name("migrations")


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    head = _scripts().get_current_head()
    assert head is not None
    return head


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def check_not_newer(connection: Connection, path: Path) -> None:
    """Refuse a file whose schema revision this version does not know."""
    revision = current(connection)
    if revision is None:
        return
    scripts = _scripts()
    known = {rev.revision for rev in scripts.walk_revisions()}
    if revision not in known:
        raise NewerDatabase(path=str(path), revision=revision)


def upgrade(connection: Connection) -> None:
    command.upgrade(config(connection), "head")


def is_before(revision: str, later: str) -> bool:
    """Whether ``revision`` comes before ``later`` in the chain."""
    scripts = _scripts()
    return revision in {rev.revision for rev in scripts.iterate_revisions(later, "base")} and revision != later
