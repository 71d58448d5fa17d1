"""Stock counts as a session (盘点): a count a manager starts over all goods,
a category or a shelf location, the entries volunteers scan at several tills,
and each counted item's line (its recount round, a manager's reason, and at
the finish what was counted against what the books held).

Each entry is its own row, written in its own short transaction, so tills
counting at once never overwrite each other; every row is journaled, so an
entry edited after the finish is caught by ``verify``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import Base, UtcDateTime, new_id

#: what a count covers
COUNT_SCOPES = ("all", "category", "location")
#: where a count stands
COUNT_STATES = ("open", "finished", "cancelled")


class StockCount(Base):
    __tablename__ = "stock_count"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("scope IN ('all', 'category', 'location')", name="scope"),
        CheckConstraint("status IN ('open', 'finished', 'cancelled')", name="status"),
        Index("ix_stock_count_status", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    #: the count's C number, the document its movements carry at the finish
    number: Mapped[str] = mapped_column(String(32), unique=True)
    scope: Mapped[str] = mapped_column(String(10))
    category_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("category.id"))
    location: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    #: None: the store's own command line
    opened_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: why a count was cancelled
    note: Mapped[str] = mapped_column(String(200), default="")


class StockCountLine(Base):
    """One counted item of a count: made by its first entry."""

    __tablename__ = "stock_count_line"
    __journaled__ = True
    __table_args__ = (
        UniqueConstraint("count_id", "item_id"),
        CheckConstraint("round >= 1", name="round_positive"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    count_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_count.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    #: 1, then one more for each recount: only the entries of the latest round count
    round: Mapped[int] = mapped_column(Integer, default=1)
    #: a manager's reason for a difference over the threshold
    reason: Mapped[str] = mapped_column(String(200), default="")
    reason_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    #: at the finish: what was counted and what the books held when it was counted
    counted: Mapped[int | None] = mapped_column(Integer)
    expected: Mapped[int | None] = mapped_column(Integer)


class StockCountEntry(Base):
    """One scan (or typed quantity) at one till: never changed once written."""

    __tablename__ = "stock_count_entry"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
        Index("ix_stock_count_entry_line_id", "line_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_count_line.id"))
    round: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer)
    #: what the books held of the item at the moment of this entry
    book: Mapped[int] = mapped_column(Integer)
    till: Mapped[str] = mapped_column(String(20), default="")
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
