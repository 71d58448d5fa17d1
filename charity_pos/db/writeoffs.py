"""Write-offs (报损/报废核销): goods taken out of their lots for good, with a
reason, on a numbered W document.

Each line names one lot and the units taken out of it; the units leave as
stock movements of reason ``writeoff`` under the W number, so stock on hand,
the trace and the ledgers see them. The line keeps the goods' sale price and
donation value at the time, so the document and its value read the same
later, whatever the catalog says then.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charity_pos.db.base import Base, UtcDateTime, new_id

#: why goods are written off: 破损, 过期, 变质, 不宜销售, 转赠 (to another charity), 其他 (with a text)
WRITEOFF_REASONS = ("damaged", "expired", "spoiled", "unfit", "donated_on", "other")


class Writeoff(Base):
    __tablename__ = "writeoff"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("reason IN ('damaged', 'expired', 'spoiled', 'unfit', 'donated_on', 'other')",
                        name="reason"),
        CheckConstraint("value_fen >= 0", name="value_not_negative"),
        Index("ix_writeoff_at", "at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    reason: Mapped[str] = mapped_column(String(12))
    #: what happened (required for ``other``)
    note: Mapped[str] = mapped_column(String(200), default="")
    #: the charity the goods went to (``donated_on`` only)
    recipient: Mapped[str] = mapped_column(String(100), default="")
    #: the lines' units at their sale price: what the limit a manager sets is compared with
    value_fen: Mapped[int] = mapped_column(Integer)
    recorded_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    #: the manager who approved at the counter, when the value was beyond the limit and a cashier recorded it
    approved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    approval_reason: Mapped[str | None] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UtcDateTime)

    lines: Mapped[list[WriteoffLine]] = relationship(order_by="WriteoffLine.position")


class WriteoffLine(Base):
    __tablename__ = "writeoff_line"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        Index("ix_writeoff_line_writeoff_id", "writeoff_id"),
        Index("ix_writeoff_line_lot_id", "lot_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    writeoff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("writeoff.id"))
    position: Mapped[int] = mapped_column(Integer)
    lot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_lot.id"))
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    #: the item's sale price when it was written off
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    #: the donation's unit value of the lot (None: not donated, or donated without a value)
    unit_value_fen: Mapped[int | None] = mapped_column(Integer)
