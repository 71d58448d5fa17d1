"""A store file opened for reading through SQLite's own driver, with no
SQLAlchemy: what the command line's read commands (``verify``, ``show``)
use, so that a call starts in a fraction of a second.

``read_store`` meets the same refusals as ``engine.open_file``: a missing
file (``StoreNotFound``), a file that is not a store (``NotAStoreDatabase``),
a file another running copy holds (``StoreInUse``: it takes the store's
``.lock`` for as long as it reads), a file written by a newer version
(``NewerDatabase``), pages SQLite cannot read (``CorruptDatabase``). It
never writes to the file: it is opened read-only (``mode=ro``), and all its
reads see one snapshot of it.

A file whose schema revision this version can only learn from Alembic
(``alembic_version`` holding several rows) raises ``NeedsAlembic``: the
caller then opens it the app's way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.db import migrate
from charity_pos.errors import CorruptDatabase, NotAStoreDatabase, StoreInUse, StoreNotFound

if TYPE_CHECKING:  # filelock is loaded only when a file is locked
    from filelock import FileLock

SQLITE_HEADER = b"SQLite format 3\x00"
#: how long a connection to a store file (the app's, or a read's here) waits for a writer's lock on its pages
BUSY_TIMEOUT_MS = 5000


class NeedsAlembic(Exception):
    """The file's revision is not one row of ``alembic_version``: only Alembic says what it is."""


def looks_like_sqlite(path: Path) -> bool:
    """Whether the file starts as every SQLite database does (an unreadable one does not)."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _connect(path: Path) -> sqlite3.Connection:
    """Read-only. Without a ``-wal`` file beside it everything is in the main
    file, and ``immutable=1`` reads it without leaving ``-wal``/``-shm``
    files behind (the store's lock, held while reading, keeps the app from
    writing meanwhile); with one, the WAL may hold the latest pages and is
    read the normal way."""
    has_wal = path.with_name(path.name + "-wal").exists()
    uri = path.resolve().as_uri() + ("?mode=ro" if has_wal else "?mode=ro&immutable=1")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def revision(conn: sqlite3.Connection) -> str | None:
    """The file's schema revision, as ``migrate.STORE.current`` reads it."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone() is None:
        return None
    rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if not rows:
        return None
    raise NeedsAlembic


def read_only(path: Path) -> sqlite3.Connection:
    """A connection to the store file at ``path`` that writes nothing to it
    (what ``read_store`` reads through, without its lock: for a caller that
    holds it already)."""
    return _connect(path)


def read_revision(path: Path) -> str | None:
    """The schema revision of the store file at ``path``, read without
    writing a byte to it (``NeedsAlembic`` as ``revision``; SQLite's errors as
    they come)."""
    conn = _connect(path)
    try:
        return revision(conn)
    finally:
        conn.close()


def lock_store(path: Path) -> FileLock:
    """The store file's lock (``.lock`` beside it), held by whoever has the
    file open: refused at once with StoreInUse while another holds it."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise StoreInUse(path=str(path)) from None
    return lock


@contextmanager
def read_store(path: Path) -> Iterator[sqlite3.Connection]:
    """The store file at ``path``, read-only, in one read transaction."""
    path = Path(path)
    if not path.is_file():
        raise StoreNotFound(path=str(path))
    if not looks_like_sqlite(path) or not has_store_tables(path):
        raise NotAStoreDatabase(path=str(path))  # refused untouched: no lock file beside a foreign file
    lock = lock_store(path)
    try:
        conn = _connect(path)
        try:
            conn.execute("BEGIN")
            migrate.STORE.check_known(revision(conn), str(path))
            yield conn
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabase(path=str(path), detail=str(exc)) from None
        finally:
            conn.close()
    finally:
        lock.release()


def has_store_tables(path: Path) -> bool:
    """Whether the file holds a store's tables, read without writing a byte to it (no WAL
    switch, no lock file), so a foreign file is refused untouched."""
    try:
        conn = _connect(path)
    except sqlite3.Error:
        return False
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
    return {"store", "alembic_version"} <= names


def at_head(conn: sqlite3.Connection) -> bool:
    """Whether the file is at this version's schema (an older one is upgraded by the app's own opening)."""
    try:
        return revision(conn) == migrate.STORE.head()
    except NeedsAlembic:
        return False
