"""The stdlib SQLite connection under a SQLAlchemy one, for the reads that
run their SQL on it directly (in the SQLAlchemy connection's transaction).
Loads no SQLAlchemy itself: the command line's read commands go without it."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection


def driver(conn: Connection) -> sqlite3.Connection:
    raw = conn.connection.driver_connection
    if not isinstance(raw, sqlite3.Connection):
        raise TypeError(f"not a SQLite connection: {type(raw).__name__}")
    return raw
