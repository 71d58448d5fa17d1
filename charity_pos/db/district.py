"""What the district's hub tells the store about households' use at the
district's OTHER stores: one row per household (by its district hash) and
period, replaced wholesale by each downstream bundle.

Not journaled, on purpose: it is a copy of the hub's own figures, which the
hub already holds (it computed them from the other stores' journals); the
journal of THIS store records that a bundle was applied (``district.applied``
with the hub, the bundle's sequence and the counts), and the bundle itself
is signed and can be kept. Journaling every row would send the district's
figures back up to the hub in the next upstream bundle, and put one keyed
hash per household into an append-only log that erasure cannot reach.
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import PRIVATE, Base


class OtherStoreUse(Base):
    __tablename__ = "other_store_use"
    __table_args__ = (CheckConstraint("used_fen >= 0", name="used_not_negative"),)

    district_hash: Mapped[str] = mapped_column(String(64), primary_key=True, info=PRIVATE)
    period_key: Mapped[str] = mapped_column(String(10), primary_key=True)  # 2026-11 or 2026-Q4
    used_fen: Mapped[int] = mapped_column(Integer)
