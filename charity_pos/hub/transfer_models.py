"""Transfers between the district's stores as the hub records them
(``hub.transfers``; hub migration ``0008``): each transfer a store sent
(from its ``transfer.sent`` event), its lines with each lot's origin, and
what the receiving store confirmed (its ``transfer.received``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, PrimaryKeyConstraint, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import UtcDateTime, new_id
from charity_pos.hub.models import HubBase


class HubTransfer(HubBase):
    __tablename__ = "hub_transfer"
    __table_args__ = (
        CheckConstraint("status IN ('sent', 'received')", name="status"),
        Index("ix_hub_transfer_to_code_status", "to_code", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    #: the sending store's number (``JA01-2026-Y000001``)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    from_store_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hub_store.id"))
    to_code: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(10))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(String(200))
    #: the sending store's event, and the receiving store's once it confirmed
    sent_seq: Mapped[int] = mapped_column(Integer)
    received_seq: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    units_sent: Mapped[int] = mapped_column(Integer)
    units_received: Mapped[int | None] = mapped_column(Integer)


class HubTransferLine(HubBase):
    __tablename__ = "hub_transfer_line"
    __table_args__ = (
        PrimaryKeyConstraint("transfer_id", "line_no"),
        Index("ix_hub_transfer_line_origin_lot", "origin_lot"),
        Index("ix_hub_transfer_line_origin_document", "origin_document"),
    )

    transfer_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hub_transfer.id"))
    line_no: Mapped[int] = mapped_column(Integer, autoincrement=False)
    item_barcode: Mapped[str | None] = mapped_column(String(14))
    item_name: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(10))
    category_code: Mapped[str] = mapped_column(String(32))
    sale_price_fen: Mapped[int] = mapped_column(Integer)
    item_source: Mapped[str] = mapped_column(String(12))
    expiry_date: Mapped[date | None] = mapped_column(Date)
    from_lot: Mapped[str] = mapped_column(String(40))
    #: where the goods first came in: donation, purchase, count, unrecorded; the store, lot and document
    origin: Mapped[str] = mapped_column(String(10))
    origin_store: Mapped[str] = mapped_column(String(8))
    origin_lot: Mapped[str] = mapped_column(String(40))
    origin_document: Mapped[str] = mapped_column(String(32))
    unit_value_fen: Mapped[int | None] = mapped_column(Integer)
    quantity_sent: Mapped[int] = mapped_column(Integer)
    quantity_received: Mapped[int | None] = mapped_column(Integer)
    difference_reason: Mapped[str] = mapped_column(String(200), default="")
