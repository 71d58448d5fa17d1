"""The lines of the merchant bills (对账单) WeChat Pay and Alipay let the
store download, kept to match them with the counter's phone payments.

A line is the payment processor's record, not the store's: it is kept as the
bill says, journaled so that ``verify`` and the district see what was
imported, and never holds a payment code whole nor the payer's account.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import Base, UtcDateTime, new_id


class MerchantBillLine(Base):
    __tablename__ = "merchant_bill_line"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("method IN ('wechat', 'alipay')", name="method"),
        CheckConstraint("kind IN ('payment', 'refund')", name="kind"),
        CheckConstraint("amount_fen >= 0", name="amount_not_negative"),
        # a line imported again (the same file, or the next day's overlapping one) adds nothing
        UniqueConstraint("method", "transaction_no", "refund_no"),
        Index("ix_merchant_bill_line_at", "at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    method: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(10))
    #: 微信订单号 / 支付宝交易号
    transaction_no: Mapped[str] = mapped_column(String(64))
    #: the refund's number; "" for a payment
    refund_no: Mapped[str] = mapped_column(String(64), default="")
    #: 商户订单号 (its mask if it was a payment code)
    merchant_order_no: Mapped[str] = mapped_column(String(64), default="")
    #: the payment code's first and last four digits, where the bill carries them
    code_mask: Mapped[str] = mapped_column(String(12), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    amount_fen: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: who imported it; None: the store's own command line
    imported_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
