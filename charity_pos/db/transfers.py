"""Goods sent from one store (or a district warehouse) to another (调拨).

A transfer out is a numbered document (Y) of the sending store: its lines
name the lots the goods left and, for each, where the goods first came in
(the origin: donated or purchased, the original store, lot and donation
or receipt number), so a donated unit stays traceable from its donor
across stores. The goods leave stock at once (movements ``transfer_out``).

A transfer in is the same document as the district's hub passed it on in
the receiving store's downstream bundle: it waits (``waiting``) until the
receiving store confirms what arrived, line by line (a difference with its
reason); then each line becomes a lot of the receiving store (movements
``transfer_in``, the lot's document the transfer's number) that keeps the
line's origin: a donated unit is still donated, its donor's store, lot and
donation named on the line (``lot_id``).

``district_store`` is the district's stores and warehouses as the hub last
named them (replaced by each downstream bundle that carries them): not
journaled, like ``other_store_use``, a copy of the hub's registry.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import Base, UtcDateTime, new_id

#: what a transfer is to this store
DIRECTIONS = ("out", "in")
#: out: sent; in: waiting for the store to confirm what arrived, then received
STATUSES = ("sent", "waiting", "received")
#: what a store code at the hub is
STORE_KINDS = ("store", "warehouse")


class Transfer(Base):
    __tablename__ = "transfer"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("direction IN ('out', 'in')", name="direction"),
        CheckConstraint("status IN ('sent', 'waiting', 'received')", name="status"),
        Index("ix_transfer_status", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    #: the sending store's number (``JA01-2026-Y000001``), the same at both stores
    number: Mapped[str] = mapped_column(String(32), unique=True)
    direction: Mapped[str] = mapped_column(String(3))
    #: the other store's code: the receiving store of a transfer out, the sending one of a transfer in
    other_store: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(10))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: who sent it (out only)
    sent_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
    #: in: when it came with a downstream bundle, and which (its sequence)
    arrived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    arrived_with: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    received_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))


class TransferLine(Base):
    __tablename__ = "transfer_line"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("quantity_sent > 0", name="sent_positive"),
        CheckConstraint("quantity_received IS NULL OR quantity_received BETWEEN 0 AND quantity_sent",
                        name="received_within_sent"),
        CheckConstraint("origin IN ('donation', 'purchase', 'count', 'unrecorded')", name="origin"),
        UniqueConstraint("transfer_id", "line_no"),
        Index("ix_transfer_line_lot_id", "lot_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    transfer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("transfer.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    #: this store's item: out, the lot's; in, the item the goods were received as (None while waiting)
    item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("item.id"))
    #: this store's lot: out, the lot the goods left; in, the lot they arrived in (None while waiting)
    lot_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("stock_lot.id"))
    #: the goods as the sending store describes them (the receiving store finds or makes its item by them)
    item_barcode: Mapped[str | None] = mapped_column(String(14))
    item_name: Mapped[str] = mapped_column(String(100))
    unit: Mapped[str] = mapped_column(String(10))
    category_code: Mapped[str] = mapped_column(String(32))
    sale_price_fen: Mapped[int] = mapped_column(Integer)
    item_source: Mapped[str] = mapped_column(String(12))
    expiry_date: Mapped[date | None] = mapped_column(Date)
    #: the sending store's lot (its in-store code, else its id)
    from_lot: Mapped[str] = mapped_column(String(40))
    #: where the goods first came in: the lot's origin there, the store, the lot's code and the
    #: donation's (D) or stock receipt's (R) number
    origin: Mapped[str] = mapped_column(String(10))
    origin_store: Mapped[str] = mapped_column(String(8))
    origin_lot: Mapped[str] = mapped_column(String(40))
    origin_document: Mapped[str] = mapped_column(String(32))
    #: the donation line's unit value, where the goods were donated with one
    unit_value_fen: Mapped[int | None] = mapped_column(Integer)
    quantity_sent: Mapped[int] = mapped_column(Integer)
    quantity_received: Mapped[int | None] = mapped_column(Integer)
    difference_reason: Mapped[str] = mapped_column(String(200), default="")


class DistrictStore(Base):
    """A store or warehouse of the district, as the hub named it in the last downstream bundle."""

    __tablename__ = "district_store"
    __table_args__ = (CheckConstraint("kind IN ('store', 'warehouse')", name="kind"),)

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
