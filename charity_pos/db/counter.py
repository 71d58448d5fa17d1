"""The counter's tables: cash shifts, sales with their lines and payments,
returns, the store's counter rules, and parked tickets.

Every money column is an integer of fen. Lines keep the goods' name and
source as sold, so a slip reprinted next year shows what was sold then.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charity_pos.db.base import Base, UtcDateTime, new_id


class CounterRule(Base):
    """A rule a manager sets for the counter (discount limit, cash tolerance)."""

    __tablename__ = "counter_rule"
    __journaled__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    value: Mapped[int] = mapped_column(Integer)


class CashShift(Base):
    """One cashier's shift at one till: from the float to the counted drawer."""

    __tablename__ = "cash_shift"
    __journaled__ = True
    __table_args__ = (
        # one open shift per till (a store file is always SQLite: naming another
        # dialect's option here would load that dialect at every start)
        Index("uq_cash_shift_open_till", "till", unique=True, sqlite_where=text("closed_at IS NULL")),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    till: Mapped[str] = mapped_column(String(16))
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    float_fen: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    #: what was counted at close, as canonical JSON: {"cash": {"10000": 3, ...}, "wechat": 12300, ...}
    counted: Mapped[str | None] = mapped_column(Text)
    expected_cash_fen: Mapped[int | None] = mapped_column(Integer)
    counted_cash_fen: Mapped[int | None] = mapped_column(Integer)
    difference_reason: Mapped[str | None] = mapped_column(String(200))
    approved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))


class Sale(Base):
    __tablename__ = "sale"
    __journaled__ = True
    __table_args__ = (CheckConstraint("status IN ('completed', 'voided')", name="status"),
                      Index("ix_sale_completed_at", "completed_at"))

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    #: the ticket's own id, made when the ticket started: paying twice finds the first sale
    ticket_id: Mapped[uuid.UUID] = mapped_column(unique=True)
    shift_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cash_shift.id"))
    cashier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    subtotal_fen: Mapped[int] = mapped_column(Integer)  # lines after their own discounts
    ticket_discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    total_fen: Mapped[int] = mapped_column(Integer)
    change_fen: Mapped[int] = mapped_column(Integer, default=0)
    approved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    approval_reason: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default="completed")
    voided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    voided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    void_reason: Mapped[str | None] = mapped_column(String(200))
    slip_prints: Mapped[int] = mapped_column(Integer, default=0)

    lines: Mapped[list[SaleLine]] = relationship(order_by="SaleLine.line_no", back_populates="sale")
    payments: Mapped[list[Payment]] = relationship(order_by="Payment.position", back_populates="sale")


class SaleLine(Base):
    __tablename__ = "sale_line"
    __journaled__ = True
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    sale_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sale.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    name: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(12))  # donated, purchased or consigned
    quantity: Mapped[int] = mapped_column(Integer)
    list_price_fen: Mapped[int] = mapped_column(Integer)  # the catalog's price then
    unit_price_fen: Mapped[int] = mapped_column(Integer)  # charged, after a price change
    discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    #: the line's share of the ticket discount, so returns refund what was paid
    ticket_discount_fen: Mapped[int] = mapped_column(Integer, default=0)
    amount_fen: Mapped[int] = mapped_column(Integer)  # quantity x unit price - discount

    sale: Mapped[Sale] = relationship(back_populates="lines")
    lots: Mapped[list[SaleLineLot]] = relationship(back_populates="line")


class SaleLineLot(Base):
    """Which lot a line's goods came from: the trail from donation to sale."""

    __tablename__ = "sale_line_lot"
    __journaled__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    sale_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sale_line.id"), index=True)
    lot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_lot.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)

    line: Mapped[SaleLine] = relationship(back_populates="lots")


class Payment(Base):
    __tablename__ = "payment"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("method IN ('cash', 'wechat', 'alipay', 'unionpay', 'voucher')", name="method"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    sale_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sale.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(10))
    amount_fen: Mapped[int] = mapped_column(Integer)  # what it paid of the total (cash: tendered minus change)
    tendered_fen: Mapped[int] = mapped_column(Integer)  # cash handed over; the same as amount for others
    reference: Mapped[str] = mapped_column(String(40), default="")

    sale: Mapped[Sale] = relationship(back_populates="payments")


class SaleReturn(Base):
    __tablename__ = "sale_return"
    __journaled__ = True
    __table_args__ = (Index("ix_sale_return_at", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    sale_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sale.id"))
    shift_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cash_shift.id"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    approved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    reason: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    total_fen: Mapped[int] = mapped_column(Integer)

    lines: Mapped[list[ReturnLine]] = relationship(order_by="ReturnLine.line_no")
    refunds: Mapped[list[Refund]] = relationship(order_by="Refund.position")


class ReturnLine(Base):
    __tablename__ = "return_line"
    __journaled__ = True
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    return_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sale_return.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    sale_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sale_line.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    amount_fen: Mapped[int] = mapped_column(Integer)


class Refund(Base):
    """Money given back on a return, by the sale's original method."""

    __tablename__ = "refund"
    __journaled__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    return_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sale_return.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(10))
    amount_fen: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(40), default="")


class ParkedTicket(Base):
    """A ticket put aside to serve the next customer. Not business data: a
    parked ticket sells nothing until it is recalled and paid."""

    __tablename__ = "parked_ticket"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    till: Mapped[str] = mapped_column(String(16))
    parked_at: Mapped[datetime] = mapped_column(UtcDateTime)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    #: the ticket as canonical JSON: lines with item ids, quantities, prices, approvals' reasons
    content: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(String(200))
