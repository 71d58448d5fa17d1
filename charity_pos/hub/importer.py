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

import gc
import hashlib
import json
import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import psycopg
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from charity_pos.errors import (
    BundleImportCrashed, EventsFork, EventsMissing, EventsUnreadable, HubImportFailed, PosError,
)
from charity_pos.hub.checks import CheckedBundle, Event, check_bundle
from charity_pos.hub.engine import HubDatabase, bulk_insert, uses_copy
from charity_pos.hub.models import HubBundle, HubEvent, HubStore
from charity_pos.hub.downstream import fill_household_hashes, read_links, store_links
from charity_pos.hub.projections import Projector
from charity_pos.hub.transfers import Transfers, note_reads
from charity_pos.services.base import Clock, system_clock
from charity_pos.sync import archive

log = logging.getLogger("charity_pos.hub")

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


#: events read and stored at a time: their ``hub_event`` rows in one executemany (SQLite) or written on into
#: the COPY left open across batches (PostgreSQL)
BATCH_EVENTS = 2000
#: events whose projections are gathered in memory before they are written (a few MB of rows at most): the
#: fewer flushes, the fewer look-ups of held rows and statements
PROJECT_EVENTS = 20_000

#: progress of one file: events read so far, and how many the bundle holds
Progress = Callable[[int, int], None]


# --- applying, in one transaction ----------------------------------------------------------------------
def _apply(db: HubDatabase, bundle: CheckedBundle, sha: str, clock: Clock, progress: Progress | None = None) -> int:
    """Store and project the events the hub lacks, streamed from the file in
    batches; 0 when it held them all. A refusal met at any line, or at the
    end (the file's hash, the manifest's counts), rolls the whole bundle back."""
    now = clock()
    total = bundle.event_count
    with db.begin() as s:
        store = s.execute(select(HubStore).where(HubStore.id == bundle.store_id).with_for_update()).scalar_one()
        held_seq, held_hash = store.last_seq, store.last_hash
        events = bundle.events()
        if bundle.first_seq > held_seq + 1:
            _refuse(events, EventsMissing(store_code=store.code, first=held_seq + 1, last=bundle.first_seq - 1))
        if bundle.first_seq == held_seq + 1 and bundle.prev_hash != held_hash:
            _refuse(events, EventsFork(store_code=store.code, seq=held_seq))
        if bundle.households is not None:
            store_links(s, store.id, read_links(bundle))
        note_reads(store, bundle.reads)
        read = 0
        last: Event | None = None
        batch: list[Event] = []
        with _Store(s, store, bundle, held_seq, events) as stored:
            for event in events:
                batch.append(event)
                if len(batch) >= BATCH_EVENTS:
                    stored.add(batch)
                    read += len(batch)
                    last, batch = batch[-1], []
                    if progress is not None:
                        progress(read, total)
            if batch:
                stored.add(batch)
                read += len(batch)
                last = batch[-1]
            stored.finish()
        applied = stored.applied
        if progress is not None:
            progress(read, total)
        if not applied:
            if bundle.households is not None:
                fill_household_hashes(s, store.id)
            return 0
        assert last is not None
        fill_household_hashes(s, store.id)
        store.last_seq, store.last_hash, store.last_bundle_at = last.seq, last.hash, now
        s.add(HubBundle(sha256=sha, file_name=bundle.path.name[:255], store_id=store.id, first_seq=bundle.first_seq,
                        last_seq=bundle.last_seq, result=APPLIED, events_applied=applied, at=now))
        return applied


def _refuse(rest: Iterator[Event], error: PosError) -> NoReturn:
    """Refuse for what the hub holds only once the file holds together: the
    rest of its events are read and checked first (a damaged file says so
    first, as when files were read whole before the hub was looked at)."""
    for _event in rest:
        pass
    raise error


_EVENT_COLUMNS = ("store_id", "seq", "uuid", "kind", "at", "actor", "payload", "prev_hash", "hash")
_COPY_EVENTS = f"COPY hub_event ({', '.join(_EVENT_COLUMNS)}) FROM STDIN"


class _Store:
    """Where a bundle's checked events go, batch by batch, in the import's transaction: those the hub holds
    compared (a fork if they differ), the others' ``hub_event`` rows stored and their changes gathered by a
    ``Projector``, written every ``PROJECT_EVENTS`` events and at the end (``finish``).

    On PostgreSQL the rows go into one COPY left open from batch to batch, so the server stores a batch
    while the next one is read and checked; it is ended before any other statement (a flush of the
    projections, the end). Leaving the block on an error abandons the COPY (the transaction is rolled back).
    A row the hub holds already (an import of the same store that got there first) is an IntegrityError."""

    def __init__(self, s: Session, store: HubStore, bundle: CheckedBundle, held_seq: int,
                 rest: Iterator[Event]) -> None:
        self.s, self.store, self.bundle, self.held_seq, self.rest = s, store, bundle, held_seq, rest
        self.conn = s.connection()
        process = HubEvent.__table__.c.store_id.type.bind_processor(self.conn.dialect)
        self.store_value = process(store.id) if process is not None else store.id
        self.projector = Projector(store.id)
        self.transfers = Transfers(store.id, store.code, str(bundle.path), bundle.first_seq)
        self.gathered = 0  # events in the projector, not yet written
        self.applied = 0
        self._copying: ExitStack | None = None
        self._copy: Any = None

    def __enter__(self) -> _Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        if self._copying is not None and kind is not None:
            copying, self._copying = self._copying, None
            with suppress(Exception):  # the COPY abandoned: what matters is the error that ended the import
                copying.__exit__(kind, exc, tb)

    def add(self, batch: list[Event]) -> None:
        held_part = [event for event in batch if event.seq <= self.held_seq]
        if held_part:
            self._end_copy()
            held = {seq: hash_ for seq, hash_ in self.s.execute(select(HubEvent.seq, HubEvent.hash).where(
                HubEvent.store_id == self.store.id, HubEvent.seq.between(held_part[0].seq, held_part[-1].seq)))}
            for event in held_part:
                if held.get(event.seq) != event.hash:
                    _refuse(self.rest, EventsFork(store_code=self.store.code, seq=event.seq))
        new = batch[len(held_part):] if held_part else batch
        if not new:
            return
        projector, bundle = self.projector, self.bundle
        for event in new:
            try:
                projector.add_changes(event.changes)  # checked before: payloads.read_payload
            except (ValueError, KeyError):  # a value the checks let through that is still no event: refused
                raise EventsUnreadable(path=str(bundle.path), line=event.seq - bundle.first_seq + 1) from None
            # A TypeError or AttributeError here is a bug in the projections, not a bad file: it refuses the
            # file as a crash (BundleImportCrashed, its traceback logged), never as "unreadable" to the staff.
            self.transfers.add(event.seq, event.kind, event.at, event.payload)
        store = self.store_value
        rows = [(store, e.seq, e.uuid, e.kind, e.at, e.actor, e.payload, e.prev_hash, e.hash) for e in new]
        if uses_copy(self.conn.dialect):
            self._copy_rows(rows)
        else:
            bulk_insert(self.conn, "hub_event", _EVENT_COLUMNS, rows)
        self.applied += len(new)
        self.gathered += len(new)
        if self.gathered >= PROJECT_EVENTS:
            self._flush()

    def finish(self) -> None:
        """The last rows stored and every gathered projection written (the transfers too)."""
        self._flush()
        self.transfers.flush(self.s)

    def _flush(self) -> None:
        self._end_copy()
        if self.gathered:
            self.projector.flush(self.s)
            self.projector = Projector(self.store.id)
            self.gathered = 0

    def _copy_rows(self, rows: list[tuple[Any, ...]]) -> None:
        if self._copy is None:
            raw = self.conn.connection.dbapi_connection
            assert isinstance(raw, psycopg.Connection)  # COPY: PostgreSQL only
            copying = ExitStack()
            try:
                cursor = copying.enter_context(raw.cursor())
                self._copy = copying.enter_context(cursor.copy(_COPY_EVENTS))
            except BaseException:
                copying.close()
                raise
            self._copying = copying
        write = self._copy.write_row
        try:
            for row in rows:
                write(row)
        except psycopg.IntegrityError as exc:
            raise IntegrityError(_COPY_EVENTS, None, exc) from exc

    def _end_copy(self) -> None:
        """The open COPY ended: the server has stored every row written into it (or says why not)."""
        copying, self._copying, self._copy = self._copying, None, None
        if copying is not None:
            try:
                copying.close()
            except psycopg.IntegrityError as exc:
                raise IntegrityError(_COPY_EVENTS, None, exc) from exc


# --- the database refusing the import ---------------------------------------------------------------------
#: what the drivers raise past SQLAlchemy (the events and projections go in by psycopg's COPY, on the raw
#: connection): refused as the database's refusal, as SQLAlchemy's own errors are
DRIVER_ERRORS: tuple[type[Exception], ...] = (psycopg.Error, sqlite3.Error)
#: what the hub's database may raise at an import (SQLAlchemy's and the drivers' own)
_DATABASE_ERRORS: tuple[type[Exception], ...] = (SQLAlchemyError, *DRIVER_ERRORS)
#: PostgreSQL's SQLSTATEs (and their classes) for the refusals staff are told in their own words
_DISK_FULL = frozenset({"53100"})  # disk_full
_CONNECTION = frozenset({"57P01", "57P02", "57P03"})  # admin_shutdown, crash_shutdown, cannot_connect_now
_CONNECTION_CLASS = "08"  # connection_exception and the like
#: serialization_failure, deadlock_detected, lock_not_available (lock_timeout), query_canceled (statement_timeout)
_BUSY = frozenset({"40001", "40P01", "55P03", "57014"})
_SQLITE_BUSY = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def refusal_reason(exc: BaseException) -> str | None:
    """Why the database refused, as staff are told it: ``disk_full``, ``connection`` (the server ended the
    session or could not be reached), ``busy`` (a lock or a conflict held too long); None for any other."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, sqlite3.Error):
        code = getattr(orig, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        if primary == sqlite3.SQLITE_FULL:
            return "disk_full"
        return "busy" if primary in _SQLITE_BUSY else None
    state = getattr(orig, "sqlstate", None)
    if isinstance(state, str) and state:
        if state in _DISK_FULL:
            return "disk_full"
        if state in _CONNECTION or state.startswith(_CONNECTION_CLASS):
            return "connection"
        return "busy" if state in _BUSY else None
    if isinstance(orig, psycopg.OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated):
        return "connection"  # no SQLSTATE: the connection itself was lost (closed by the server, the network)
    return None


def database_refused(path: Path, exc: BaseException) -> HubImportFailed:
    """The hub's database refusing to store a file: the reason staff are told (``refusal_reason``), and the
    first line of the database's own text as ``detail`` (said only when the reason is none of those)."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    detail = str(orig or type(exc).__name__).strip().splitlines()
    reason = refusal_reason(exc)
    facts: dict[str, object] = {"path": str(path), "detail": (detail or ["?"])[0][:200]}
    if reason is not None:
        facts["reason"] = reason
    return HubImportFailed(**facts)


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


def file_sha256(path: Path) -> str:
    """The whole file's SHA-256 (for the log of files seen), read in chunks
    from a regular file under the cap: never a blocking read, never whole."""
    digest = hashlib.sha256()
    chunk = archive.STREAM_CHUNK
    with archive.open_file(path) as data:
        for at in range(0, data.size, chunk):
            digest.update(data.read(at, min(chunk, data.size - at)))
    return digest.hexdigest()


@contextmanager
def _cycles_collected_after() -> Iterator[None]:
    """Python's cycle collector paused while a file is imported, and run as it was after: every batch's
    events, changes and rows stay alive until it is stored, and the collector, set off by so many new
    objects, went over all of them again and again (a fifth of an import's time) to find no cycle. Memory
    stays bounded: what a batch leaves is freed by reference counting when the next replaces it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def import_bundle(db: HubDatabase, path: Path, *, clock: Clock = system_clock,
                  progress: Progress | None = None) -> ImportResult:
    """Import one file, streamed: memory stays bounded whatever its size.
    Whatever is wrong with it, even a bug met on the way, comes back as a
    refusal (``error`` says why) with the hub's tables as they were; nothing
    but KeyboardInterrupt and the like escapes. ``progress(read, total)``
    is told the events read after each batch."""
    path = Path(path)
    sha = ""
    checked: CheckedBundle | None = None
    error: PosError | None = None
    try:
        sha = file_sha256(path)  # a regular file under the cap, or a refusal
        checked = check_bundle(db, path)
        with _cycles_collected_after():
            try:
                applied = _apply(db, checked, sha, clock, progress)
            except IntegrityError:
                # Another import of the same store got there between our check and
                # our insert: once more, and the events it stored show as held.
                log.info("bundle %s collided with another import; trying again", path.name)
                applied = _apply(db, checked, sha, clock, progress)
    except PosError as exc:
        error = exc
    except _DATABASE_ERRORS as exc:
        # the server's own words go to the log (and to the log of files seen), staff read why in their language
        log.exception("the hub's database refused bundle %s", path.name)
        error = database_refused(path, exc)
    except Exception as exc:  # noqa: BLE001 - a bug: this file is refused, the next one still imported
        log.exception("unexpected error while importing bundle %s", path.name)
        error = BundleImportCrashed(path=str(path), error=type(exc).__name__)
    finally:
        if checked is not None:
            checked.close()
    if error is None:
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
                   progress: Callable[[int, int, ImportResult], None] | None = None,
                   events: Callable[[Path, int, int], None] | None = None) -> list[ImportResult]:
    """Import each file in turn; one result per file, in the order given.
    ``progress(done, files, result)`` after each file; ``events(path, read,
    total)`` as each file's events are read."""
    files: Sequence[Path] = [Path(p) for p in paths]
    results = []
    for done, path in enumerate(files, start=1):
        told = None if events is None else (lambda read, total, path=path: events(path, read, total))
        results.append(import_bundle(db, path, clock=clock, progress=told))
        if progress is not None:
            progress(done, len(files), results[-1])
    return results
