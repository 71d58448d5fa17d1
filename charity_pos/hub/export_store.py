"""A store's whole journal as the hub holds it (``hub export-store``), for
rebuilding a store whose PC and backups are gone (``charity-pos rebuild``).

The hub keeps every event a store exported exactly as the store wrote it
(``hub_event``: the payload with the full state of every row each event
changed, and its hash chain), so the store's file can be made again from
them. They are streamed from the database into the file in batches, in
one read transaction, and the file is signed with the hub's key
(``sync.journal_file``). The ``--out`` guard (``charity_pos.files``) keeps
the file off the hub's and any store's database and key files; it is
written beside its name and renamed into place.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

import charity_pos
from charity_pos import files
from charity_pos.errors import HubNotFound, StoreJournalEmpty
from charity_pos.hub.downstream import registered_store
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import Hub, HubEvent
from charity_pos.ledger.canonical import plain
from charity_pos.services.base import Clock, system_clock
from charity_pos.sync import journal_file

log = logging.getLogger("charity_pos.hub")

#: events fetched from the database at a time
BATCH = 2000


@dataclass(frozen=True)
class StoreExported:
    path: Path
    store_code: str
    events: int
    last_seq: int
    last_at: str


def export_store(db: HubDatabase, store_code: str, out: Path, *, clock: Clock = system_clock,
                 force: bool = False) -> StoreExported:
    """Write every event the hub holds of the store to ``out``, signed by the hub."""
    from charity_pos.hub.service import protected, signing_key

    code = store_code.strip().upper()
    with db.read() as s:
        hub = s.scalars(select(Hub)).first()
        if hub is None:
            raise HubNotFound(url=db.shown_url)
        store = registered_store(s, code)
        if store.last_seq == 0:
            raise StoreJournalEmpty(store_code=code)
        key = signing_key(hub.id)
        protect = protected(db, hub.id)
        last_at = s.scalar(select(HubEvent.at).where(HubEvent.store_id == store.id, HubEvent.seq == store.last_seq))
        header = {"signer": f"hub:{hub.id}", "hub_id": str(hub.id), "district": hub.district,
                  "hub_public_key": hub.public_key, "store_id": str(store.id), "store_code": store.code,
                  "store_name": store.name, "store_short_name": store.short_name, "store_district": store.district,
                  "events": store.last_seq, "last_seq": store.last_seq, "last_hash": store.last_hash,
                  "last_at": str(last_at), "created_at": plain(clock()), "app_version": charity_pos.__version__}
        with files.writing(out, protect, force=force, ours=journal_file.looks_like_one) as pending:
            try:
                with pending.partial.open("wb") as fh:
                    writer = journal_file.Writer(fh, header)
                    # the events, a batch at a time: never the whole journal in memory
                    after = 0
                    while after < store.last_seq:
                        batch = s.execute(select(HubEvent).where(
                            HubEvent.store_id == store.id, HubEvent.seq > after, HubEvent.seq <= store.last_seq)
                            .order_by(HubEvent.seq).limit(BATCH)).scalars().all()
                        if not batch:
                            break
                        for event in batch:
                            writer.event(event)
                        after = batch[-1].seq
                        s.expunge_all()
                    writer.close(key)
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:
                raise files.not_writable(pending.target, exc) from None
            if writer.events != store.last_seq:  # the hub holds every event from 1 to its head
                raise RuntimeError(f"hub holds {writer.events} events of {code}, its head is {store.last_seq}")
    log.info("journal of store %s exported: %d events", code, store.last_seq)
    return StoreExported(pending.target, code, store.last_seq, store.last_seq, str(last_at))
