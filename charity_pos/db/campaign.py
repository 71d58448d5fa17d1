"""Relief campaigns (冬季送温暖, 慈善情暖万家) the district defines at its
hub and sends each store in the downstream bundle: one package for every
eligible household, collected once per campaign across the district's
stores.

- ``campaign``: the campaign as the hub defined it (its id is the hub's),
  journaled: the handouts made for it name it, so a store rebuilt from its
  journal has it again. Written only when a downstream bundle is applied.
- ``campaign_household``: the store's eligible households by district hash,
  and whether the hub knew of a collection at another store. Not journaled,
  for the reasons ``other_store_use`` is not: a copy of the hub's figures,
  replaced wholesale by each bundle (the signed bundle is the record).
- ``campaign_handout``: which handout collected a campaign's package for a
  household, journaled with the handout. One per household and campaign
  at a store (a unique constraint, so even a second till cannot).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Select, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import PRIVATE, Base, UtcDateTime, new_id


class Campaign(Base):
    __tablename__ = "campaign"
    __journaled__ = True
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="dates"),
                      CheckConstraint("value_fen IS NULL OR value_fen > 0", name="value_positive"))

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the hub's
    name: Mapped[str] = mapped_column(String(50))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    #: household category codes, one a line ("": every category)
    categories: Mapped[str] = mapped_column(Text, default="")
    #: sub-districts, one a line ("": the whole district)
    areas: Mapped[str] = mapped_column(Text, default="")
    #: the goods: canonical JSON, a list of {"barcode" or "goods_category", "quantity"} ("[]" for a value package)
    package: Mapped[str] = mapped_column(Text, default="[]")
    #: a value package: goods chosen at the counter up to this value (None for a goods package)
    value_fen: Mapped[int | None] = mapped_column(Integer)
    counts_allowance: Mapped[bool] = mapped_column(default=False)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CampaignHousehold(Base):
    __tablename__ = "campaign_household"

    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id"), primary_key=True)
    district_hash: Mapped[str] = mapped_column(String(64), primary_key=True, info=PRIVATE)
    #: the hub knew of this household's collection at another store (its code)
    collected_at_store: Mapped[str] = mapped_column(String(8), default="")


class CampaignHandout(Base):
    __tablename__ = "campaign_handout"
    __journaled__ = True
    __table_args__ = (UniqueConstraint("campaign_id", "household_id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    campaign_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("campaign.id"))
    handout_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("handout.id"), unique=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"))


def outside_allowance() -> Select[uuid.UUID]:
    """The handouts made for a campaign that does not count against the monthly allowance: what a
    household used in a period leaves them out."""
    return (select(CampaignHandout.handout_id).join(Campaign, Campaign.id == CampaignHandout.campaign_id)
            .where(Campaign.counts_allowance.is_(False)))
