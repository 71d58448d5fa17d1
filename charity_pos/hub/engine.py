"""Opening the district hub's database: any SQLAlchemy URL, by default a
SQLite file in the user's data folder; PostgreSQL
(``postgresql+psycopg://user@host/db``) for a whole district or the city.

``open_hub`` is the one way in, so every caller meets the same refusals: no
hub there yet, a database that is something else, a hub written by a newer
charity-pos, a server that cannot be reached. Opening upgrades the schema
with the hub's own Alembic migrations (version table
``hub_alembic_version``, apart from a store's) when the schema is behind;
a role without the rights to change the schema (the district's app role
on PostgreSQL) meets ``HubSchemaBehind`` instead, naming the upgrade to
run as the database's owner (``charity-pos hub upgrade``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import cast

import psycopg
from sqlalchemy import Connection, Engine, Table, create_engine, inspect
from sqlalchemy.engine import URL, Dialect, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError

from charity_pos import config
from charity_pos.db.database import Database, configure_sqlite, first_connection
from charity_pos.db.migrate import Migrations
from charity_pos.db.plain import looks_like_sqlite
from charity_pos.errors import HubNotFound, HubSchemaBehind, HubUnreachable, NotAHubDatabase

log = logging.getLogger("charity_pos.hub")

VERSION_TABLE = "hub_alembic_version"
MIGRATIONS = Migrations("hub/migrations", version_table=VERSION_TABLE)
#: An import holds the write lock while it applies a bundle: others wait this long.
BUSY_TIMEOUT_MS = 120_000
#: PostgreSQL's SQLSTATE for "permission denied"
INSUFFICIENT_PRIVILEGE = "42501"


def default_url() -> str:
    return f"sqlite:///{config.data_dir() / 'hub.sqlite3'}"


def to_url(value: str | Path | None) -> URL:
    """A SQLAlchemy URL from what the user typed: a URL, or a plain file
    path for a SQLite hub; nothing for the default."""
    text = str(value) if value else default_url()
    if "://" not in text:
        text = f"sqlite:///{Path(text)}"
    try:
        return make_url(text)
    except ArgumentError:
        raise HubUnreachable(url=text, detail="not a database URL") from None


def shown(url: URL) -> str:
    """The URL as it may be printed: never a password."""
    return url.render_as_string(hide_password=True)


class HubDatabase(Database):
    """An open hub database: its engine, units of work and reads."""

    def __init__(self, url: URL, engine: Engine, upgraded_from: str | None = None) -> None:
        self.url = url
        #: the schema's revision before this opening upgraded it (None: it was at the head already, or new)
        self.upgraded_from = upgraded_from
        super().__init__(engine)

    @property
    def shown_url(self) -> str:
        return shown(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def file(self) -> Path | None:
        """The SQLite file the hub lives in (None on a database server)."""
        return _sqlite_path(self.url)


# --- migrations ------------------------------------------------------------------------------------
def _may_not_change_schema(exc: DBAPIError) -> bool:
    """The database refused a migration for lack of rights (not for any other reason)."""
    return getattr(exc.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE


def _bring_to_head(connection: Connection, url: URL) -> str | None:
    """Upgrade the schema to this charity-pos's head if it is behind: the revision it was at, or None if at
    the head already. A hub behind that this role may not upgrade is refused with HubSchemaBehind, untouched."""
    revision, target = MIGRATIONS.current(connection), MIGRATIONS.head()
    if revision == target:
        return None
    try:
        MIGRATIONS.upgrade(connection)
    except DBAPIError as exc:
        if revision is not None and _may_not_change_schema(exc):
            connection.rollback()
            log.warning("hub %s is at schema %s, needs %s; this role may not upgrade it", shown(url), revision, target)
            raise HubSchemaBehind(url=shown(url), revision=revision, head=target) from None
        raise
    if revision is not None:
        log.info("hub %s upgraded from schema %s to %s", shown(url), revision, target)
    return revision


def _sqlite_path(url: URL) -> Path | None:
    database = url.database
    return Path(database) if url.get_backend_name() == "sqlite" and database and database != ":memory:" else None


def sqlite_file(value: str | Path | None) -> Path | None:
    """The SQLite file a ``--hub`` value names (None for a database server)."""
    return _sqlite_path(to_url(value))


def open_hub(value: str | Path | None = None, *, create: bool = False) -> HubDatabase:
    """Open the hub at ``value`` (a URL or a SQLite file path; None: the
    default file), upgrading its schema. ``create`` lets an empty database
    (or a SQLite file not there yet) become a hub: only ``hub init`` does."""
    url = to_url(value)
    path = _sqlite_path(url)
    if path is not None:
        if not path.exists() and not create:
            raise HubNotFound(url=shown(url))
        if path.exists() and path.stat().st_size and not looks_like_sqlite(path):
            raise NotAHubDatabase(url=shown(url))
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, pool_pre_ping=path is None)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise HubUnreachable(url=shown(url), detail=str(exc)) from None
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine, busy_timeout_ms=BUSY_TIMEOUT_MS)

    def unreachable(exc: DBAPIError) -> Exception:
        lines = str(exc.orig).strip().splitlines() or [type(exc.orig).__name__]
        return HubUnreachable(url=shown(url), detail=lines[0])

    with first_connection(engine, unreachable) as conn:
        tables = set(inspect(conn).get_table_names())
        if VERSION_TABLE not in tables:
            if tables:
                raise NotAHubDatabase(url=shown(url))
            if not create:
                raise HubNotFound(url=shown(url))
        else:
            MIGRATIONS.check_known(MIGRATIONS.current(conn), shown(url))
        before = _bring_to_head(conn, url)
    return HubDatabase(url, engine, before)


# --- bulk writes: an import's rows as plain tuples, past the ORM ---------------------------------------
def param_mark(dialect: Dialect) -> str:
    """The driver's positional parameter in SQL passed to it as written (``exec_driver_sql``)."""
    return "?" if dialect.paramstyle == "qmark" else "%s"


def bind_processors(table: Table, columns: Sequence[str], dialect: Dialect) -> list[Callable[[object], object] | None]:
    """What turns each column's Python value into the driver's (a UUID into 32 hex characters on SQLite, an
    aware time into UTC without a zone), as SQLAlchemy would bind it; None where the value goes as it is."""
    return [table.c[name].type.bind_processor(dialect) for name in columns]


def uses_copy(dialect: Dialect) -> bool:
    return dialect.name == "postgresql" and dialect.driver == "psycopg"


def bulk_insert(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Rows of values already in the driver's form (``bind_processors``) into ``table``, in the caller's
    transaction: COPY on PostgreSQL (psycopg), one prepared executemany on SQLite. A row the table holds
    already is an IntegrityError, as from any insert."""
    names = ", ".join(columns)
    if uses_copy(conn.dialect):
        sql = f"COPY {table} ({names}) FROM STDIN"
        raw = cast("psycopg.Connection[object]", conn.connection.dbapi_connection)  # psycopg's, as uses_copy said
        try:
            with raw.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.IntegrityError as exc:
            raise IntegrityError(sql, None, exc) from exc
        return
    listed = rows if isinstance(rows, list) else list(rows)
    if listed:
        mark = param_mark(conn.dialect)
        conn.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({', '.join([mark] * len(columns))})", listed)
