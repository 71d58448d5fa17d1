"""The store's tables.

Money columns end in ``_fen`` and hold integers. Every business record has a
UUID primary key so that a district hub can merge many stores' records.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from charity_pos.db.base import PRIVATE, Base, UtcDateTime, new_id


class Store(Base):
    """The one store this file belongs to."""

    __tablename__ = "store"
    __journaled__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(20))
    district: Mapped[str] = mapped_column(String(50))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class User(Base):
    __tablename__ = "app_user"
    __journaled__ = True
    __table_args__ = (CheckConstraint("role IN ('cashier', 'manager')", name="role"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    # A staff member's real name is personal data: kept out of the journal.
    display_name: Mapped[str] = mapped_column(String(50), info=PRIVATE)
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200), info=PRIVATE)
    failed_pins: Mapped[int] = mapped_column(Integer, default=0, info=PRIVATE)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, info=PRIVATE)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Category(Base):
    __tablename__ = "category"
    __journaled__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Item(Base):
    __tablename__ = "item"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("sale_price_fen >= 0", name="sale_price_not_negative"),
        CheckConstraint("reference_price_fen IS NULL OR reference_price_fen >= 0", name="reference_not_negative"),
        CheckConstraint("source IN ('donated', 'purchased', 'consigned')", name="source"),
        Index("ix_item_pinyin_initials", "pinyin_initials"),
        Index("ix_item_name", "name"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(100))
    pinyin_initials: Mapped[str] = mapped_column(String(100))
    pinyin_full: Mapped[str] = mapped_column(String(400))
    category_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("category.id"))
    unit: Mapped[str] = mapped_column(String(10))
    barcode: Mapped[str | None] = mapped_column(String(14), unique=True)
    sale_price_fen: Mapped[int] = mapped_column(Integer)
    reference_price_fen: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(12))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: its usual shelf life (保质期) in days, for food: what intake's minimum left is a share of; None: not known
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)
    #: the shelf location (货位) the goods stand at, for counts and count sheets; None: not set
    location: Mapped[str | None] = mapped_column(String(20))

    category: Mapped[Category] = relationship()


class StockLot(Base):
    """One arrival of one item: a donation line, a purchase line, a count
    surplus, a consignor's goods (代销, still theirs until sold), or
    (unrecorded) goods sold before they were ever received. Goods without a maker's barcode carry the lot's own in-store
    code, so a sold coat leads back to the donation it came from."""

    __tablename__ = "stock_lot"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("origin IN ('donation', 'purchase', 'count', 'unrecorded', 'consignment')", name="origin"),
        # a consigned lot, and only one, names its consignor and the price per unit owed to them
        CheckConstraint("(origin = 'consignment') = (consignor_id IS NOT NULL AND settlement_price_fen IS NOT NULL)",
                        name="consignor_iff_consigned"),
        CheckConstraint("settlement_price_fen IS NULL OR settlement_price_fen > 0", name="settlement_price_positive"),
        Index("ix_stock_lot_item_id", "item_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    origin: Mapped[str] = mapped_column(String(10))
    document: Mapped[str] = mapped_column(String(32))
    donation_line_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("donation_line.id"), index=True)
    barcode: Mapped[str | None] = mapped_column(String(14), unique=True)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    quantity_received: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: whose goods a consigned lot is (``db.consignment``); None for the store's own
    consignor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("consignor.id"), index=True)
    #: 结算价: what the store owes the consignor for each unit sold; None for the store's own
    settlement_price_fen: Mapped[int | None] = mapped_column(Integer)


class StockMovement(Base):
    """Every change of stock on hand, lot by lot; stock is their sum, never typed in."""

    __tablename__ = "stock_movement"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("quantity <> 0", name="quantity_not_zero"),
        Index("ix_stock_movement_item_id", "item_id"),
        Index("ix_stock_movement_lot_id", "lot_id"),
        # stock at a date, item by item, read from the index alone (the ledgers, the dashboard)
        Index("ix_stock_movement_item_at", "item_id", "at", "quantity"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    lot_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stock_lot.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(20))
    document: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(String(200), default="")
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class DocumentSequence(Base):
    """Last number handed out per kind and year; moved in the document's own
    transaction so that a failed save gives its number back."""

    __tablename__ = "document_sequence"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer)


class JournalEvent(Base):
    """The hash-chained journal: one event per business change."""

    __tablename__ = "journal_event"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditEntry(Base):
    """Security log: logins, locks, approvals, who asked and who approved."""

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_at", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    action: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    approved_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    detail: Mapped[str] = mapped_column(Text, default="")
    #: the audit log's own hash chain (``ledger.seal``): 1, 2, 3, ... and the
    #: SHA-256 of the entry with the previous entry's hash
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class StoreSeal(Base):
    """One row: what the app last committed, authenticated with the store's
    key (``ledger.seal``): the journal's and the audit log's heads and a
    digest of every table or column the journal does not hold."""

    __tablename__ = "store_seal"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    body: Mapped[str] = mapped_column(Text)
    mac: Mapped[str] = mapped_column(String(64))



class Donor(Base):
    """A person, a company, or an anonymous donor. A person's name and phone
    are personal data: kept out of the journal, shown masked."""

    __tablename__ = "donor"
    __journaled__ = True
    __table_args__ = (CheckConstraint("kind IN ('person', 'company', 'anonymous')", name="kind"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100), default="", info=PRIVATE)
    phone: Mapped[str] = mapped_column(String(20), default="", info=PRIVATE)
    credit_code: Mapped[str | None] = mapped_column(String(18), unique=True)
    wishes: Mapped[str] = mapped_column(String(200), default="", info=PRIVATE)
    consent_public: Mapped[bool] = mapped_column(default=False)
    declines_receipt: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Household(Base):
    """A household in hardship. The ID number is stored only encrypted
    (AES-GCM), as a keyed hash for matching, and masked for screens; none of
    the personal columns enter the journal."""

    __tablename__ = "household"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("members >= 1", name="members_positive"),
        CheckConstraint("status IN ('active', 'suspended', 'expired')", name="status"),
        Index("ix_household_id_hash", "id_hash"),
        Index("ix_household_district_hash", "district_hash"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    card_number: Mapped[str] = mapped_column(String(20), unique=True)
    head_name: Mapped[str] = mapped_column(String(50), info=PRIVATE)
    id_cipher: Mapped[str] = mapped_column(String(120), info=PRIVATE)
    id_hash: Mapped[str] = mapped_column(String(64), info=PRIVATE)
    id_masked: Mapped[str] = mapped_column(String(18), info=PRIVATE)
    members: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    subdistrict: Mapped[str] = mapped_column(String(50))
    certificate_ref: Mapped[str] = mapped_column(String(50), info=PRIVATE)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="active")
    consent_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: why a manager suspended the card (shown when it is refused)
    status_reason: Mapped[str | None] = mapped_column(String(200))
    #: set when the personal data was erased after eligibility lapsed long ago
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: the keyed hash of the ID number under the district's key (``sync.district``): how the
    #: district's hub matches this household across stores; None until the store knows the key.
    #: A household added from the district's registry has this and no whole ID (id_cipher "").
    district_hash: Mapped[str | None] = mapped_column(String(64), info=PRIVATE)


class Donation(Base):
    """What one donor gave at one time: goods lines and/or money."""

    __tablename__ = "donation"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("cash_fen >= 0", name="cash_not_negative"),
        CheckConstraint("total_value_fen >= 0", name="total_not_negative"),
        Index("ix_donation_received_at", "received_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    donor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("donor.id"))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    cash_fen: Mapped[int] = mapped_column(Integer, default=0)
    cash_method: Mapped[str | None] = mapped_column(String(12))
    total_value_fen: Mapped[int] = mapped_column(Integer)
    wants_receipt: Mapped[bool] = mapped_column(default=True)
    # The donor's wishes may name people: kept out of the journal.
    wishes: Mapped[str] = mapped_column(String(200), default="", info=PRIVATE)

    lines: Mapped[list[DonationLine]] = relationship(order_by="DonationLine.line_no", back_populates="donation")


class DonationLine(Base):
    __tablename__ = "donation_line"
    __journaled__ = True
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("condition IN ('new', 'as_new', 'good_used')", name="condition"),
        CheckConstraint("valuation IN ('invoice', 'market', 'unvalued')", name="valuation"),
        CheckConstraint("(valuation = 'unvalued') = (unit_value_fen IS NULL)", name="value_iff_valued"),
        UniqueConstraint("donation_id", "line_no", name="line_no"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    donation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("donation.id"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("item.id"))
    quantity: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(10))
    condition: Mapped[str] = mapped_column(String(10))
    valuation: Mapped[str] = mapped_column(String(10))
    unit_value_fen: Mapped[int | None] = mapped_column(Integer)
    expiry_date: Mapped[date | None] = mapped_column(Date)

    donation: Mapped[Donation] = relationship(back_populates="lines")
    item: Mapped[Item] = relationship()


class Receipt(Base):
    """A donation receipt (捐赠收据). Numbered per store and year without
    gaps, issued after the donation, never deleted: a wrong one is voided."""

    __tablename__ = "receipt"
    __journaled__ = True
    __table_args__ = (CheckConstraint("status IN ('issued', 'void')", name="status"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    donation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("donation.id"))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    issued_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    total_fen: Mapped[int] = mapped_column(Integer)
    verification_code: Mapped[str] = mapped_column(String(20), unique=True)
    status: Mapped[str] = mapped_column(String(8), default="issued")
    prints: Mapped[int] = mapped_column(Integer, default=0)
    void_reason: Mapped[str | None] = mapped_column(String(200))
    voided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"))
    voided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    official_code: Mapped[str | None] = mapped_column(String(20))
    official_number: Mapped[str | None] = mapped_column(String(20))


# The counter's tables live in their own module; importing it here registers
# them wherever the models are loaded (the app, Alembic, the verifier).
# ("X as X": the models are found here, wherever they are written)
from charity_pos.db.counter import (  # noqa: E402
    CashShift as CashShift,
    CounterRule as CounterRule,
    ParkedTicket as ParkedTicket,
    Payment as Payment,
    Refund as Refund,
    ReturnLine as ReturnLine,
    Sale as Sale,
    SaleLine as SaleLine,
    SaleLineLot as SaleLineLot,
    SaleReturn as SaleReturn,
)
from charity_pos.db.relief import (  # noqa: E402
    Handout as Handout,
    HandoutLine as HandoutLine,
    HandoutLineLot as HandoutLineLot,
    QuotaItemLimit as QuotaItemLimit,
    QuotaRule as QuotaRule,
)
from charity_pos.db.sync_state import SyncState as SyncState  # noqa: E402
from charity_pos.db.district import OtherStoreUse as OtherStoreUse  # noqa: E402
from charity_pos.db.approval_limits import ApprovalLimit as ApprovalLimit  # noqa: E402
from charity_pos.db.funds import FundUse as FundUse  # noqa: E402
from charity_pos.db.merchant_bill import MerchantBillLine as MerchantBillLine  # noqa: E402
from charity_pos.db.writeoffs import Writeoff as Writeoff, WriteoffLine as WriteoffLine  # noqa: E402
from charity_pos.db.stock_count import (  # noqa: E402
    StockCount as StockCount,
    StockCountEntry as StockCountEntry,
    StockCountLine as StockCountLine,
)
from charity_pos.db.consignment import Consignor as Consignor  # noqa: E402
from charity_pos.db.transfers import DistrictStore as DistrictStore, Transfer as Transfer, TransferLine as TransferLine  # noqa: E402
from charity_pos.db.campaign import (  # noqa: E402
    Campaign as Campaign,
    CampaignHandout as CampaignHandout,
    CampaignHousehold as CampaignHousehold,
)
