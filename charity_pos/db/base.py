"""Declarative base and column types shared by every model.

Models mark what the journal covers: a table takes part when its class sets
``__journaled__ = True``; a column stays out of the journal when its
``info`` says ``journal=False`` (personal data, PIN hashes, counters).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from typing import ClassVar

from sqlalchemy import DateTime, MetaData, Table
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PRIVATE = {"journal": False}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes, stored without a zone (SQLite has none)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    __journaled__ = False
    __table__: ClassVar[Table]  # every model is mapped to a table (none to a join or a select)


def new_id() -> uuid.UUID:
    return uuid.uuid4()
