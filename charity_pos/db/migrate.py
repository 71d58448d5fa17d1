"""Alembic, driven from code: the app upgrades a store file when it opens it.

Alembic itself is loaded only to change a schema (or to make a new one):
opening a file already at this version's revision, the common case, reads
the revision chain from the migration files' ``revision`` and
``down_revision`` lines, and the file's revision from its
``alembic_version`` table, the same facts Alembic would read.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.errors import NewerDatabase

if TYPE_CHECKING:  # SQLAlchemy where a connection is read: the chain is read from the files alone
    from sqlalchemy import Connection

    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")

_REVISION = re.compile(r"^revision\s*(?::[^=]+)?=\s*['\"]([^'\"]+)['\"]\s*$", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(?:None|['\"]([^'\"]+)['\"])\s*$", re.MULTILINE)


def config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.cache
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config())


def _read_chain() -> tuple[str, ...] | None:
    """The revisions from the first to the head, read from the migration
    files; None when they are not one plain line (a merge, a branch, a
    form the patterns do not know): then Alembic reads them."""
    parents: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name == "__init__.py":
            continue
        source = path.read_text(encoding="utf-8")
        revisions, downs = _REVISION.findall(source), _DOWN.findall(source)
        if len(revisions) != 1 or len(downs) != 1 or revisions[0] in parents:
            return None
        parents[revisions[0]] = downs[0] or None
    children: dict[str | None, str] = {}
    for revision, parent in parents.items():
        if parent in children or (parent is not None and parent not in parents):
            return None
        children[parent] = revision
    chain, at = [], children.get(None)
    while at is not None:
        chain.append(at)
        at = children.get(at)
    return tuple(chain) if chain and len(chain) == len(parents) else None


@functools.cache
def chain() -> tuple[str, ...]:
    """Every revision this version knows, from the first to the head."""
    read = _read_chain()
    if read is not None:
        return read
    return tuple(reversed([rev.revision for rev in _scripts().walk_revisions()]))


def head() -> str:
    return chain()[-1]


def current(connection: Connection) -> str | None:
    from sqlalchemy import inspect

    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    if len(rows) == 1:
        return str(rows[0])
    if not rows:
        return None
    from alembic.runtime.migration import MigrationContext  # several heads: Alembic says what it makes of them

    return MigrationContext.configure(connection).get_current_revision()


def check_not_newer(connection: Connection, path: Path) -> None:
    """Refuse a file whose schema revision this version does not know."""
    revision = current(connection)
    if revision is None:
        return
    if revision not in chain():
        raise NewerDatabase(path=str(path), revision=revision)


def upgrade(connection: Connection) -> None:
    if current(connection) == head():
        return  # nothing to run: Alembic would find the same
    from alembic import command

    command.upgrade(config(connection), "head")


def is_before(revision: str, later: str) -> bool:
    """Whether ``revision`` comes before ``later`` in the chain."""
    revisions = chain()
    return revision in revisions and later in revisions and revisions.index(revision) < revisions.index(later)
