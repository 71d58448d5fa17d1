"""Columns as SQLite's driver hands them back, read as the models read
them: ids as UUIDs, times as aware UTC datetimes, days as dates. What the
plain-SQL listings (``services.*_rows``) share, so that a row read through
the driver alone equals the row read through SQLAlchemy."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any


def stored_id(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def stored_id_or_none(value: Any) -> uuid.UUID | None:
    return None if value is None else stored_id(value)


def stored_at(value: Any) -> datetime:
    """A ``UtcDateTime`` column: stored without a zone, always UTC."""
    found = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return found.replace(tzinfo=UTC)


def stored_at_or_none(value: Any) -> datetime | None:
    return None if value is None else stored_at(value)


def stored_date_or_none(value: Any) -> date | None:
    if value is None:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))
