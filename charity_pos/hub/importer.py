"""Importing stores' bundles of journal events into the hub.

Each file is first checked on its own (``charity_pos.hub.checks``): read
defensively (a regular file under the caps, ``sync.archive``), signed by
its registered store, its manifest and events of the types and ranges a
store writes, whole and chained.

Then, in one transaction holding the store's row (``SELECT ... FOR UPDATE``
on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` write lock), against what the
hub already holds of the store: events it holds are skipped when their
hash is the same and refused as a fork when it is not; a bundle starting
after a gap is refused; the new events are stored and projected, and the
store's head moves, all or nothing. Should two imports of one store still
collide on ``UNIQUE(store_id, seq)``, the loser rolls back and tries once
more, and then finds the events held.

Every file seen is logged in ``hub_bundle`` with what came of it. A file
is refused in one result, never an exception: even a bug met while
importing it is logged with its traceback and refuses that file only, so
the files after it are still imported.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from charity_pos.errors import (
    BundleImportCrashed, EventsFork, EventsMissing, EventsUnreadable, HubImportFailed, PosError,
)
from charity_pos.hub.checks import CheckedBundle, check_bundle
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import HubBundle, HubEvent, HubStore
from charity_pos.hub.downstream import fill_household_hashes, read_links, store_links
from charity_pos.hub.projections import Projector
from charity_pos.services.base import Clock, system_clock
from charity_pos.sync.archive import read_file

log = logging.getLogger("charity_pos.hub")

INSERT_CHUNK = 1000

APPLIED, ALREADY, REFUSED = "applied", "already", "refused"


@dataclass(frozen=True)
class ImportResult:
    """What came of one file: ``applied`` (``events`` new ones), ``already``
    (the hub held every event) or ``refused`` (``error`` says why)."""

    path: Path
    status: str
    events: int = 0
    store_code: str | None = None
    first_seq: int | None = None
    last_seq: int | None = None
    error: PosError | None = None


# --- applying, in one transaction ----------------------------------------------------------------------
def _apply(db: HubDatabase, bundle: CheckedBundle, sha: str, clock: Clock) -> int:
    """Store and project the events the hub lacks; 0 when it held them all."""
    now = clock()
    with db.begin() as s:
        store = s.execute(select(HubStore).where(HubStore.id == bundle.store_id).with_for_update()).scalar_one()
        held_seq, held_hash = store.last_seq, store.last_hash
        if bundle.first_seq > held_seq + 1:
            raise EventsMissing(store_code=store.code, first=held_seq + 1, last=bundle.first_seq - 1)
        overlap = min(bundle.last_seq, held_seq)
        if overlap >= bundle.first_seq:
            held = {seq: hash_ for seq, hash_ in s.execute(select(HubEvent.seq, HubEvent.hash).where(
                HubEvent.store_id == store.id, HubEvent.seq.between(bundle.first_seq, overlap)))}
            for event in bundle.events[:overlap - bundle.first_seq + 1]:
                if held.get(event.seq) != event.hash:
                    raise EventsFork(store_code=store.code, seq=event.seq)
        elif bundle.events[0].prev_hash != held_hash:
            raise EventsFork(store_code=store.code, seq=held_seq)
        new = bundle.events[max(0, held_seq + 1 - bundle.first_seq):]
        if bundle.households is not None:
            store_links(s, store.id, read_links(bundle))
        if not new:
            if bundle.households is not None:
                fill_household_hashes(s, store.id)
            return 0
        projector = Projector(store.id)
        rows = []
        for event in new:
            rows.append({"store_id": store.id, "seq": event.seq, "uuid": event.uuid, "kind": event.kind,
                         "at": event.at, "actor": event.actor, "payload": event.payload,
                         "prev_hash": event.prev_hash, "hash": event.hash})
            try:
                projector.add_changes(event.changes)  # checked before: payloads.read_payload
            except (ValueError, KeyError, TypeError, AttributeError):  # still not an event: refused, not a crash
                raise EventsUnreadable(path=str(bundle.path), line=event.seq - bundle.first_seq + 1) from None
            if len(rows) >= INSERT_CHUNK:
                s.execute(insert(HubEvent), rows)
                rows = []
        if rows:
            s.execute(insert(HubEvent), rows)
        projector.flush(s)
        fill_household_hashes(s, store.id)
        store.last_seq, store.last_hash, store.last_bundle_at = new[-1].seq, new[-1].hash, now
        s.add(HubBundle(sha256=sha, file_name=bundle.path.name[:255], store_id=store.id, first_seq=bundle.first_seq,
                        last_seq=bundle.last_seq, result=APPLIED, events_applied=len(new), at=now))
        return len(new)


def _log(db: HubDatabase, result: ImportResult, sha: str, store_id: uuid.UUID | None, clock: Clock) -> None:
    """Note a file that changed nothing (already held, or refused), in a transaction of its own."""
    error = result.error
    reason = None if error is None else f"{type(error).__name__}: " + json.dumps(
        {k: str(v) for k, v in error.facts.items()}, ensure_ascii=False, sort_keys=True)
    try:
        with db.begin() as s:
            s.add(HubBundle(sha256=sha, file_name=result.path.name[:255], store_id=store_id,
                            first_seq=result.first_seq, last_seq=result.last_seq, result=result.status,
                            events_applied=0, reason=reason, at=clock()))
    except Exception:  # noqa: BLE001 - the log of files seen must not stop the next file
        log.warning("could not log bundle %s (%s)", result.path.name, result.status, exc_info=True)


def import_bundle(db: HubDatabase, path: Path, *, clock: Clock = system_clock) -> ImportResult:
    """Import one file. Whatever is wrong with it, even a bug met on the way,
    comes back as a refusal (``error`` says why) with the hub's tables as
    they were; nothing but KeyboardInterrupt and the like escapes."""
    path = Path(path)
    sha = ""
    checked: CheckedBundle | None = None
    try:
        data = read_file(path)  # a regular file under the cap, or a refusal: never a blocking read
        sha = hashlib.sha256(data).hexdigest()
        checked = check_bundle(db, path, data)
        del data
        try:
            applied = _apply(db, checked, sha, clock)
        except IntegrityError:
            # Another import of the same store got there between our check and
            # our insert: once more, and the events it stored show as held.
            log.info("bundle %s collided with another import; trying again", path.name)
            applied = _apply(db, checked, sha, clock)
    except PosError as exc:
        error: PosError = exc
    except SQLAlchemyError as exc:
        log.exception("the hub's database refused bundle %s", path.name)
        detail = str(getattr(exc, "orig", None) or type(exc).__name__).strip().splitlines()
        error = HubImportFailed(path=str(path), detail=(detail or ["?"])[0][:200])
    except Exception as exc:  # noqa: BLE001 - a bug: this file is refused, the next one still imported
        log.exception("unexpected error while importing bundle %s", path.name)
        error = BundleImportCrashed(path=str(path), error=type(exc).__name__)
    else:
        assert checked is not None
        status = APPLIED if applied else ALREADY
        result = ImportResult(path, status, applied, checked.store_code, checked.first_seq, checked.last_seq)
        if status == APPLIED:
            log.info("bundle %s: %d events of store %s applied", path.name, applied, checked.store_code)
            return result
        _log(db, result, sha, checked.store_id, clock)
        return result
    result = ImportResult(path, REFUSED, 0, checked.store_code if checked else None,
                          checked.first_seq if checked else None, checked.last_seq if checked else None, error)
    _log(db, result, sha, checked.store_id if checked else None, clock)
    log.warning("bundle %s refused: %s", path.name, type(error).__name__)
    return result


def import_bundles(db: HubDatabase, paths: Iterable[Path], *, clock: Clock = system_clock,
                   progress: Callable[[int, int, ImportResult], None] | None = None) -> list[ImportResult]:
    """Import each file in turn; one result per file, in the order given."""
    files: Sequence[Path] = [Path(p) for p in paths]
    results = []
    for done, path in enumerate(files, start=1):
        results.append(import_bundle(db, path, clock=clock))
        if progress is not None:
            progress(done, len(files), results[-1])
    return results
