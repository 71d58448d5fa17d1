"""What the hub app lists: the stores with their last bundle and last
event, and the district's registry with names and ID numbers masked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select

from charity_pos.domain.identity import mask_name
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import HubEvent, HubHousehold, HubStore

#: A store that has sent no bundle for this long is shown with a warning.
STALE_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class StoreRow:
    code: str
    name: str
    last_bundle_at: datetime | None
    last_seq: int
    last_event_at: str | None
    last_event_kind: str | None
    #: ``store`` or ``warehouse`` (``HubStore.kind``)
    kind: str = "store"

    def stale(self, now: datetime) -> bool:
        return self.last_bundle_at is None or now - self.last_bundle_at > STALE_AFTER


def stores(db: HubDatabase) -> list[StoreRow]:
    """Every store with its last event, in one statement (the event by the key: store and number)."""
    query = (select(HubStore.code, HubStore.name, HubStore.last_bundle_at, HubStore.last_seq, HubEvent.at,
                    HubEvent.kind, HubStore.kind)
             .outerjoin(HubEvent, and_(HubEvent.store_id == HubStore.id, HubEvent.seq == HubStore.last_seq))
             .order_by(HubStore.code))
    with db.read() as s:
        return [StoreRow(code, name, last_bundle_at, last_seq, at, kind, store_kind or "store")
                for code, name, last_bundle_at, last_seq, at, kind, store_kind in s.execute(query)]


@dataclass(frozen=True)
class HouseholdRow:
    """A registry household as the hub app shows it: masked."""

    card_number: str
    name_masked: str
    id_masked: str
    members: int
    category: str
    subdistrict: str
    valid_to: date
    status: str


def households(db: HubDatabase, search: str = "", limit: int = 500) -> list[HouseholdRow]:
    """The registry, by card number; ``search`` matches the card number,
    the sub-district or the head's name (shown masked)."""
    text = search.strip()
    query = select(HubHousehold).order_by(HubHousehold.card_number).limit(limit)
    if text:
        like = f"%{text}%"
        query = query.where(or_(HubHousehold.card_number.ilike(like), HubHousehold.subdistrict.ilike(like),
                                HubHousehold.head_name.ilike(like)))
    with db.read() as s:
        return [HouseholdRow(h.card_number, mask_name(h.head_name), h.id_masked, h.members, h.category,
                             h.subdistrict, h.valid_to, h.status) for h in s.scalars(query)]


def store_codes(db: HubDatabase) -> list[str]:
    with db.read() as s:
        return list(s.scalars(select(HubStore.code).order_by(HubStore.code)))
