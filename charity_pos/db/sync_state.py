"""Where the store stands with the district hub: one row of bookkeeping.

Not journaled: it records what was sent and which hub is trusted, not
business. (The journal would also defeat itself here: an event for each
export would be new again at the next export.) Trusting a hub is written to
the journal as an event of its own (``sync.hub_trusted``). Nothing in it is
personal data.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import Base, UtcDateTime

#: The one row's key.
SYNC_STATE_ID = 1


class SyncState(Base):
    __tablename__ = "sync_state"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("last_exported_seq >= 0", name="last_exported_seq_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False, default=SYNC_STATE_ID)
    #: the journal's events up to this one have been written to a bundle
    last_exported_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_export_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: the district hub this store trusts (from its trust file)
    hub_id: Mapped[uuid.UUID | None] = mapped_column()
    hub_name: Mapped[str | None] = mapped_column(String(100))
    hub_district: Mapped[str | None] = mapped_column(String(50))
    #: the hub's Ed25519 public key, base64 of its raw bytes
    hub_public_key: Mapped[str | None] = mapped_column(Text)
    hub_trusted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: the district's key for matching households across stores, if the hub sends one
    district_match_key: Mapped[str | None] = mapped_column(Text)
    #: the last downstream bundle applied: when the hub made it and its sequence number
    last_downstream_created_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_downstream_seq: Mapped[int | None] = mapped_column(Integer)
    #: the last of this store's journal events the hub held when it made that bundle
    #: (its ``events_held``): "the district has this store's data up to ..."
    district_events_seq: Mapped[int | None] = mapped_column(Integer)
    district_events_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
