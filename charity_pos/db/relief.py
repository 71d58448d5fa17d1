"""Relief tables: quota rules per household category, and handouts of
goods given free against a household's allowance.

Handouts refer to households by id only; what a household may take is
computed from the rules and its handouts in the period, never stored.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charity_pos.db.base import Base, UtcDateTime, new_id


class QuotaRule(Base):
    """What one category of household may take per period."""

    __tablename__ = "quota_rule"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("period IN ('month', 'quarter')", name="period"),
        CheckConstraint("mode IN ('warn', 'enforce')", name="mode"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    household_category: Mapped[str] = mapped_column(String(20), unique=True)
    period: Mapped[str] = mapped_column(String(8))
    base_fen: Mapped[int] = mapped_column(Integer)  # for a household of one
    per_member_fen: Mapped[int] = mapped_column(Integer)  # for each further member
    topup_fen: Mapped[int] = mapped_column(Integer, default=0)  # festival top-up
    topup_months: Mapped[str] = mapped_column(String(40), default="")  # e.g. "1,10"
    mode: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

    limits: Mapped[list[QuotaItemLimit]] = relationship(
        order_by="QuotaItemLimit.goods_category", back_populates="rule", cascade="all, delete-orphan")


class QuotaItemLimit(Base):
    """At most so many units of one goods category per period."""

    __tablename__ = "quota_item_limit"
    __journaled__ = True
    __table_args__ = (UniqueConstraint("rule_id", "goods_category"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    rule_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("quota_rule.id"))
    goods_category: Mapped[str] = mapped_column(String(32))  # category code, e.g. grain_oil
    base_count: Mapped[int] = mapped_column(Integer)
    per_member_count: Mapped[int] = mapped_column(Integer, default=0)

    rule: Mapped[QuotaRule] = relationship(back_populates="limits")


class Handout(Base):
    __tablename__ = "handout"
    __journaled__ = True
    __table_args__ = (Index("ix_handout_household_period", "household_id", "period_key"),
                      Index("ix_handout_at", "at"))  # the ledgers and reports read periods

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    ticket_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"))
    period_key: Mapped[str] = mapped_column(String(10))  # 2026-11 or 2026-Q4
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    cashier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    total_value_fen: Mapped[int] = mapped_column(Integer)
    allowance_fen: Mapped[int] = mapped_column(Integer)  # the period's allowance when handed out
    used_before_fen: Mapped[int] = mapped_column(Integer)  # used in the period before this one
    mode: Mapped[str] = mapped_column(String(8))
    over_allowance: Mapped[bool] = mapped_column(default=False)
    approved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    override_reason: Mapped[str | None] = mapped_column(String(200))
    slip_prints: Mapped[int] = mapped_column(Integer, default=0)

    lines: Mapped[list[HandoutLine]] = relationship(order_by="HandoutLine.line_no", back_populates="handout")


class HandoutLine(Base):
    __tablename__ = "handout_line"
    __journaled__ = True
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    handout_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("handout.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    name: Mapped[str] = mapped_column(String(100))
    goods_category: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(12))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_value_fen: Mapped[int] = mapped_column(Integer)
    value_fen: Mapped[int] = mapped_column(Integer)

    handout: Mapped[Handout] = relationship(back_populates="lines")
    lots: Mapped[list[HandoutLineLot]] = relationship(back_populates="line")


class HandoutLineLot(Base):
    """Which lot a handout line's goods came from: donation to household."""

    __tablename__ = "handout_line_lot"
    __journaled__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    handout_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("handout_line.id"), index=True)
    lot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_lot.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)

    line: Mapped[HandoutLine] = relationship(back_populates="lots")
