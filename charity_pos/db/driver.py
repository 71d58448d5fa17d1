"""The stdlib SQLite connection under a SQLAlchemy one, for the reads that
run their SQL on it directly (in the SQLAlchemy connection's transaction).
Loads no SQLAlchemy itself: the command line's read commands go without it."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.pool import PoolProxiedConnection


def driver(conn: Connection) -> sqlite3.Connection:
    return pooled_driver(conn.connection)


def pooled_driver(raw: PoolProxiedConnection) -> sqlite3.Connection:
    """The same under a connection of the engine's pool (``engine.raw_connection()``)."""
    found = raw.driver_connection
    if not isinstance(found, sqlite3.Connection):
        raise TypeError(f"not a SQLite connection: {type(found).__name__}")
    return found
