"""How cash donations were used (善款使用): kept apart from sales income.

Cash given by donors (``donation.cash_fen``) may only be spent on the
store's charitable purposes, and every use is a numbered record (F) with the
voucher that backs it, so that the money received and the money used are one
line in the ledgers, never summed with what the till took in sales.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import Base, UtcDateTime, new_id

#: what donated cash may be used for
FUND_USES = ("relief_goods", "cash_aid", "activities", "other")


class FundUse(Base):
    __tablename__ = "fund_use"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("amount_fen > 0", name="amount_positive"),
        CheckConstraint("kind IN ('relief_goods', 'cash_aid', 'activities', 'other')", name="kind"),
        Index("ix_fund_use_used_on", "used_on"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    used_on: Mapped[date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(200))
    #: the invoice or payment voucher that backs it (凭证号)
    voucher: Mapped[str] = mapped_column(String(40), default="")
    #: who recorded it; None: the store's own command line
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
