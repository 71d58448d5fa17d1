"""The district hub's tables, apart from the store's: their own declarative
base and metadata, their own Alembic migrations (``hub/migrations``).

The types are portable between SQLite (the default, one file) and
PostgreSQL (a whole district or the city): ``Uuid`` (native on PostgreSQL,
32 hex characters on SQLite), money as an integer of fen, times as aware
UTC datetimes stored without a zone.

- ``hub``: the one hub this database is (its district and public key; the
  private key lives in a key file, never in the database);
- ``hub_store``: the stores registered with their public keys, and how far
  their journal has come in (last sequence number and hash);
- ``hub_event``: every store's journal events as the store wrote them,
  one row per (store, sequence number);
- ``hub_bundle``: every bundle file the hub was given and what came of it;
- the projections district reports read, derived from the events' rows:
  ``hub_donor``, ``hub_donation``, ``hub_sale``, ``hub_handout``,
  ``hub_receipt``, ``hub_stock``, and for the district's reports
  ``hub_category``, ``hub_donation_line``, ``hub_store_household`` (a
  household's category only), ``hub_sale_return``, ``hub_fund_use``,
  ``hub_writeoff``. Each is keyed by the store and the store's own row id.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    Uuid,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from charity_pos.db.base import NAMING, UtcDateTime, new_id
from charity_pos.ledger.canonical import GENESIS

#: bumped whenever a projection reads more of the events: stores' rows built before are rebuilt
PROJECTIONS_VERSION = 3  # 3: campaign handouts (hub_campaign_handout)


class HubBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    __table__: ClassVar[Table]  # every model is mapped to a table (none to a join or a select)


class Hub(HubBase):
    """The one hub this database is."""

    __tablename__ = "hub"
    __table_args__ = (CheckConstraint("singleton = 1", name="one_hub"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    #: always 1: with the unique constraint, a database holds one hub at most
    singleton: Mapped[int] = mapped_column(Integer, default=1, unique=True)
    district: Mapped[str] = mapped_column(String(50))
    #: base64 of the raw Ed25519 public key
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class HubStore(HubBase):
    """A registered store; its key checks every bundle it sends."""

    __tablename__ = "hub_store"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)  # the store's own id
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(20))
    district: Mapped[str] = mapped_column(String(50))
    public_key: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: the last journal event the hub holds of this store (0 and GENESIS: none yet)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)
    last_bundle_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: the sub-districts whose households go to this store, one a line; None: the whole district
    areas: Mapped[str | None] = mapped_column(Text)
    #: the version of the projections its rows were built with (``projections.VERSION``): older ones
    #: are rebuilt from its events on first use (``projections.ensure_current``)
    projections: Mapped[int] = mapped_column(Integer, default=PROJECTIONS_VERSION, server_default="0")
    #: ``store`` or ``warehouse`` (a district warehouse runs the store app and sends transfers like a store)
    kind: Mapped[str] = mapped_column(String(10), server_default="store")
    #: the downstream parts beyond the first three its last bundle said it reads (``sync.district.READS``),
    #: one a line; None: none (a store of an older version)
    reads: Mapped[str | None] = mapped_column(Text)


class HubEvent(HubBase):
    """A store's journal event, exactly as the store wrote it."""

    __tablename__ = "hub_event"
    # the primary key is UNIQUE(store_id, seq): each event of a store once
    # a store's events of a kind (a receipt's issue and void, a donor's registration) without reading the rest
    __table_args__ = (PrimaryKeyConstraint("store_id", "seq"), Index("ix_hub_event_store_kind", "store_id", "kind"))

    store_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hub_store.id"))
    seq: Mapped[int] = mapped_column(Integer, autoincrement=False)
    uuid: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class HubBundle(HubBase):
    """One bundle file the hub was given, and what came of it."""

    __tablename__ = "hub_bundle"
    __table_args__ = (
        CheckConstraint("result IN ('applied', 'already', 'refused')", name="result"),
        Index("ix_hub_bundle_sha256", "sha256"),
        Index("ix_hub_bundle_store_id", "store_id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    sha256: Mapped[str] = mapped_column(String(64))  # of the whole file ("" when it could not be read)
    file_name: Mapped[str] = mapped_column(String(255))
    store_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("hub_store.id"))
    first_seq: Mapped[int | None] = mapped_column(Integer)
    last_seq: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[str] = mapped_column(String(8))
    events_applied: Mapped[int] = mapped_column(Integer, default=0)
    #: why it was refused: the error's name and facts, in no user's language
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


# --- projections -------------------------------------------------------------------------------------
class _StoreRow:
    """Projection rows are keyed by the store and the store's own row id."""

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        return (PrimaryKeyConstraint("store_id", "id"),)

    store_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hub_store.id"), sort_order=-2)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, sort_order=-1)


class HubDonor(_StoreRow, HubBase):
    """Only what a donation report needs: the kind of donor (no names)."""

    __tablename__ = "hub_donor"

    kind: Mapped[str] = mapped_column(String(10))


class HubDonation(_StoreRow, HubBase):
    __tablename__ = "hub_donation"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        return (PrimaryKeyConstraint("store_id", "id"), Index("ix_hub_donation_received_at", "received_at"))  # periods

    number: Mapped[str] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    donor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    donor_kind: Mapped[str] = mapped_column(String(10))  # person, company, anonymous
    lines: Mapped[int] = mapped_column(Integer, default=0)
    units: Mapped[int] = mapped_column(Integer, default=0)
    total_value_fen: Mapped[int] = mapped_column(Integer)
    cash_fen: Mapped[int] = mapped_column(Integer)


class HubSale(_StoreRow, HubBase):
    __tablename__ = "hub_sale"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        return (PrimaryKeyConstraint("store_id", "id"), Index("ix_hub_sale_completed_at", "completed_at"))  # periods

    number: Mapped[str] = mapped_column(String(32))
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    total_fen: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))  # completed, voided
    #: what was paid for donated goods (lines after every discount): accounted apart
    donated_fen: Mapped[int] = mapped_column(Integer, default=0)
    returned_fen: Mapped[int] = mapped_column(Integer, default=0)


class HubHandout(_StoreRow, HubBase):
    """A relief handout; households by id (or keyed hash where a row
    carries one), never by name or ID number."""

    __tablename__ = "hub_handout"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        return (PrimaryKeyConstraint("store_id", "id"), Index("ix_hub_handout_household", "household_id", "period_key"),
                Index("ix_hub_handout_at", "at"),
                # a household's use per period across stores (downstream bundles, the over-allowance list):
                # the query reads the index alone
                Index("ix_hub_handout_hash_period", "household_hash", "period_key", "store_id", "total_value_fen"),
                # handouts still without a household hash, per store: what an import's back-fill reads
                Index("ix_hub_handout_unfilled", "store_id", sqlite_where=text("household_hash IS NULL"),
                      postgresql_where=text("household_hash IS NULL")))

    number: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    household_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    household_hash: Mapped[str | None] = mapped_column(String(64))
    period_key: Mapped[str] = mapped_column(String(10))
    total_value_fen: Mapped[int] = mapped_column(Integer)
    over_allowance: Mapped[bool] = mapped_column(default=False)
    #: units handed out (the sum of its lines)
    units: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class HubReceipt(_StoreRow, HubBase):
    __tablename__ = "hub_receipt"

    number: Mapped[str] = mapped_column(String(32))
    donation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    status: Mapped[str] = mapped_column(String(8))  # issued, void
    total_fen: Mapped[int] = mapped_column(Integer)


class HubStock(_StoreRow, HubBase):
    """Stock on hand per item and store: the sum of the store's movements."""

    __tablename__ = "hub_stock"

    name: Mapped[str] = mapped_column(String(100), default="")
    unit: Mapped[str] = mapped_column(String(10), default="")
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    category_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class HubCategory(_StoreRow, HubBase):
    """A store's goods category (its code and name), for goods received by category."""

    __tablename__ = "hub_category"

    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(50))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class HubDonationLine(_StoreRow, HubBase):
    """A line of a donation: what item, how many, valued at what (None: goods that cannot be valued)."""

    __tablename__ = "hub_donation_line"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        return (PrimaryKeyConstraint("store_id", "id"), Index("ix_hub_donation_line_donation", "store_id", "donation_id"))

    donation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    item_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_value_fen: Mapped[int | None] = mapped_column(Integer)


class HubStoreHousehold(_StoreRow, HubBase):
    """A store's household as reports need it: its category only (no name, card or ID)."""

    __tablename__ = "hub_store_household"

    category: Mapped[str] = mapped_column(String(20))


class HubSaleReturn(_StoreRow, HubBase):
    """A return: refunds count in the month they were made, not the sale's."""

    __tablename__ = "hub_sale_return"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        return (PrimaryKeyConstraint("store_id", "id"), Index("ix_hub_sale_return_at", "at"))  # periods

    sale_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    total_fen: Mapped[int] = mapped_column(Integer)


class HubFundUse(_StoreRow, HubBase):
    """A use of donated cash (F), kept apart from sales income."""

    __tablename__ = "hub_fund_use"

    number: Mapped[str] = mapped_column(String(32))
    used_on: Mapped[date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))


class HubWriteoff(_StoreRow, HubBase):
    """A stock movement written off (报损, reason ``writeoff``): units out, so negative."""

    __tablename__ = "hub_writeoff"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        return (PrimaryKeyConstraint("store_id", "id"), Index("ix_hub_writeoff_at", "at"))  # periods

    item_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    quantity: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UtcDateTime)


# --- the district's registry and what goes down to stores -------------------------------------------
class HubHousehold(HubBase):
    """A household of the district's registry, from the sub-districts'
    lists: matched across stores by ``district_hash`` (the keyed hash of its
    ID number, ``charity_pos.sync.district``); the whole number is never kept."""

    __tablename__ = "hub_household"
    #: a downstream bundle sends the households of the store's sub-districts
    __table_args__ = (Index("ix_hub_household_subdistrict", "subdistrict"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    card_number: Mapped[str] = mapped_column(String(32), unique=True)
    head_name: Mapped[str] = mapped_column(String(50))
    id_masked: Mapped[str] = mapped_column(String(18))
    district_hash: Mapped[str] = mapped_column(String(64), unique=True)
    members: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(20))
    subdistrict: Mapped[str] = mapped_column(String(50))
    certificate_ref: Mapped[str | None] = mapped_column(String(100))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="active")
    consent_on: Mapped[date] = mapped_column(Date)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: the contact phone from the sub-district's list, for district staff to call (a campaign's households
    #: not collected): kept at the hub only, never in a downstream bundle (migration ``0010``)
    phone: Mapped[str | None] = mapped_column(String(20))


class HubHouseholdLink(HubBase):
    """A store's household (by the store's id) and its district hash, from the store's bundles."""

    __tablename__ = "hub_household_link"
    __table_args__ = (PrimaryKeyConstraint("store_id", "household_id"),
                      Index("ix_hub_household_link_district_hash", "district_hash"))

    store_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hub_store.id"))
    household_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    district_hash: Mapped[str] = mapped_column(String(64))


class HubDownstream(HubBase):
    """The last downstream bundle written for a store: its sequence number only grows."""

    __tablename__ = "hub_downstream"

    store_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hub_store.id"), primary_key=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    written_at: Mapped[datetime] = mapped_column(UtcDateTime)


class HubCampaignHandout(_StoreRow, HubBase):
    """A handout a store made for a relief campaign (its ``campaign_handout`` row): the campaign, the
    handout (``hub_handout``: value, time, household hash) and the store's household (migration ``0009``)."""

    __tablename__ = "hub_campaign_handout"

    @declared_attr.directive
    def __table_args__(cls) -> tuple[object, ...]:
        return (PrimaryKeyConstraint("store_id", "id"), Index("ix_hub_campaign_handout_campaign", "campaign_id"))

    campaign_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    handout_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    household_id: Mapped[uuid.UUID] = mapped_column(Uuid)


PROJECTIONS = (HubDonor, HubDonation, HubSale, HubHandout, HubReceipt, HubStock, HubCategory, HubDonationLine,
               HubStoreHousehold, HubSaleReturn, HubFundUse, HubWriteoff, HubCampaignHandout)


# --- district staff ------------------------------------------------------------------------------------
class HubUser(HubBase):
    """A district staff account for the hub app: log-in with a PIN (scrypt),
    locked for a while after too many wrong PINs, as at a store."""

    __tablename__ = "hub_user"
    __table_args__ = (CheckConstraint("role IN ('district')", name="role"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(12), default="district")
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


# --- the district's quota rules --------------------------------------------------------------------------
class HubQuotaRule(HubBase):
    """A quota rule the district sets for one household category, sent to
    every store in its downstream bundles (canonical JSON of the rule)."""

    __tablename__ = "hub_quota_rule"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    household_category: Mapped[str] = mapped_column(String(20), unique=True)
    rule: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


# --- a store's key replaced ------------------------------------------------------------------------------
class HubKeyChange(HubBase):
    """A store's registered key replaced by a new one (a store rebuilt
    without its old key file), by a district staff account: who, when, the
    old key and the new (migration ``0007``). The old key stays here."""

    __tablename__ = "hub_key_change"
    __table_args__ = (Index("ix_hub_key_change_store_id", "store_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    store_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hub_store.id"))
    old_key: Mapped[str] = mapped_column(String(64))
    new_key: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hub_user.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


# --- relief campaigns ------------------------------------------------------------------------------------
class HubCampaign(HubBase):
    """A relief campaign district staff defined (冬季送温暖): who it is for (household categories and
    sub-districts, one a line; none: all), when, and its package: goods lines (canonical JSON) or a value.
    Stores receive it in their downstream bundles (``hub.campaigns``; migration ``0009``)."""

    __tablename__ = "hub_campaign"
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="dates"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    categories: Mapped[str] = mapped_column(Text, default="")
    areas: Mapped[str] = mapped_column(Text, default="")
    package: Mapped[str] = mapped_column(Text, default="[]")
    value_fen: Mapped[int | None] = mapped_column(Integer)
    counts_allowance: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("hub_user.id"))


from charity_pos.hub.transfer_models import HubTransfer as HubTransfer, HubTransferLine as HubTransferLine  # noqa: E402
