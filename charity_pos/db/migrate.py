"""Alembic, driven from code: the store and the hub each upgrade their
database when they open it, with migrations of their own (``STORE`` here,
``charity_pos.hub.engine.MIGRATIONS``), told apart by their folder and
their version table.

Alembic itself is loaded only to change a schema (or to make a new one):
opening a database already at this version's revision, the common case,
reads the revision chain from the migration files' ``revision`` and
``down_revision`` lines, and the database's revision from its version
table, the same facts Alembic would read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos import shipped
from charity_pos.errors import NewerDatabase

if TYPE_CHECKING:  # SQLAlchemy where a connection is read: the chain is read from the files alone
    from sqlalchemy import Connection

    from alembic.config import Config
    from alembic.script import ScriptDirectory

_REVISION = re.compile(r"^revision\s*(?::[^=]+)?=\s*['\"]([^'\"]+)['\"]\s*$", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(?:None|['\"]([^'\"]+)['\"])\s*$", re.MULTILINE)


class Migrations:
    """One kind of database's migrations: the folder of its Alembic scripts
    (``env.py`` there runs them on the connection ``config`` hands it, with
    this version table) and the revision chain they make. The folder is a
    path, or (a ``str``) its name inside the package, shipped there and found
    through ``charity_pos.shipped`` when first needed: ResourceMissing if
    the installation lost it or its scripts."""

    def __init__(self, folder: Path | str, *, version_table: str = "alembic_version") -> None:
        self.name = folder if isinstance(folder, str) else None
        self._folder = folder if isinstance(folder, Path) else None
        self.version_table = version_table
        self._chain: tuple[str, ...] | None = None

    @property
    def folder(self) -> Path:
        if self._folder is None:
            assert self.name is not None
            folder = shipped.folder(self.name, holding="env.py")  # Alembic runs it
            if not any(p.name != "__init__.py" for p in (folder / "versions").glob("*.py")):
                raise shipped.missing(self.name)  # a build that took the folder but left the scripts out
            self._folder = folder
        return self._folder

    def config(self, connection: Connection | None = None) -> Config:
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(self.folder))
        if connection is not None:
            cfg.attributes["connection"] = connection
        return cfg

    def _scripts(self) -> ScriptDirectory:
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(self.config())

    def _read_chain(self) -> tuple[str, ...] | None:
        """The revisions from the first to the head, read from the migration
        files; None when they are not one plain line (a merge, a branch, a
        form the patterns do not know): then Alembic reads them."""
        parents: dict[str, str | None] = {}
        for path in (self.folder / "versions").glob("*.py"):
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

    def chain(self) -> tuple[str, ...]:
        """Every revision this version knows, from the first to the head (read once)."""
        if self._chain is None:
            read = self._read_chain()
            self._chain = read if read is not None else tuple(
                reversed([rev.revision for rev in self._scripts().walk_revisions()]))
        return self._chain

    def head(self) -> str:
        return self.chain()[-1]

    def current(self, connection: Connection) -> str | None:
        """The database's revision (None: no version table, or an empty one)."""
        from sqlalchemy import inspect

        if not inspect(connection).has_table(self.version_table):
            return None
        rows = connection.exec_driver_sql(f"SELECT version_num FROM {self.version_table}").scalars().all()
        if len(rows) == 1:
            return str(rows[0])
        if not rows:
            return None
        from alembic.runtime.migration import MigrationContext  # several heads: Alembic says what it makes of them

        return MigrationContext.configure(connection, opts={"version_table": self.version_table}).get_current_revision()

    def check_known(self, revision: str | None, where: str) -> None:
        """Refuse a database at a schema revision this version does not know,
        one a newer charity-pos wrote (``where``: its file, or its URL as it
        may be shown)."""
        if revision is not None and revision not in self.chain():
            raise NewerDatabase(path=where, revision=revision)

    def upgrade(self, connection: Connection) -> None:
        """Bring the schema to the head, in the connection's transaction."""
        if self.current(connection) == self.head():
            return  # nothing to run: Alembic would find the same
        from alembic import command

        command.upgrade(self.config(connection), "head")

    def is_before(self, revision: str, later: str) -> bool:
        """Whether ``revision`` comes before ``later`` in the chain."""
        revisions = self.chain()
        return revision in revisions and later in revisions and revisions.index(revision) < revisions.index(later)


#: the store file's migrations (the hub's are ``charity_pos.hub.engine.MIGRATIONS``)
STORE = Migrations("db/migrations")
