"""Backups of the store file, checked at once, kept by rotation, and put back.

A backup is made with SQLite's online backup API (``sqlite3.Connection.backup``):
it copies the live file page by page while the app goes on selling, never a
plain file copy that could catch a write half-done. The copy is written beside
its final name, switched to a single file (no write-ahead log), synced to disk,
then checked: SQLite's integrity check and the journal's ``verify`` with the
store's seal key, as ``charity-pos verify`` does. Only a copy that passes is
renamed into place (``CODE-YYYYmmdd-HHMMSS.sqlite3``, store time); one that
fails is removed and the failure recorded, so the dashboard raises an alarm.

What happened last is kept per store in ``backup-state.json`` in the data
folder (not in the backup folder: a USB disk that is not plugged in must not
hide that the backup failed). Rotation keeps the newest backup of each of the
last 7 days, 4 ISO weeks and 12 months that have one (grandfather-father-son,
counts in the settings), and never the newest good backup.

Restore checks the backup first (integrity and ``verify``), refuses a backup of
another store, refuses to replace a store without ``force`` and while the app
holds the store's lock, keeps the replaced file (and its ``-wal``/``-shm``)
beside it as ``NAME.replaced-YYYYmmdd-HHMMSS``, and puts the checked copy in
place by a rename.

The key file is never in a backup. ``protect_key`` writes it encrypted under a
passphrase (scrypt, then AES-256-GCM), ``unprotect_key`` puts it back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import secrets
import sqlite3
import urllib.parse
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from charity_pos import config, durable, files
from charity_pos.errors import (
    TempFolderUnwritable,
    BackupCheckFailed,
    OutputNotWritable,
    BackupFromOtherStore,
    KeyFileMissing,
    KeyFileOfOtherStore,
    NotABackup,
    NotAStoreDatabase,
    OutputFolderMissing,
    OutputNotAFolder,
    PassphraseRefused,
    PosError,
    ProtectedFile,
    RestoreWouldReplace,
    StoreNotFound,
    WrongPassphrase,
)
from charity_pos.services.base import STORE_TZ, Actor, ServiceContext, system_clock

log = logging.getLogger("charity_pos.backup")

Clock = Callable[[], datetime]
STATE_FILE = "backup-state.json"
#: a warning on the dashboard when the last good backup is older than this
STALE_AFTER = timedelta(days=2)
NAME = re.compile(r"^(?P<code>[A-Z0-9]{1,8})-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d{1,3}))?\.sqlite3$")
#: the passphrase of a protected key file, for scripts (else it is asked for twice)
PASSPHRASE_ENV = "CHARITY_POS_KEY_PASSPHRASE"
PASSPHRASE_MIN = 10
KEY_FORMAT = "charity-pos-protected-key"
SCRYPT = {"n": 2 ** 15, "r": 8, "p": 1}


# --- the store behind a file ------------------------------------------------------------------
@dataclass(frozen=True)
class StoreIdentity:
    id: uuid.UUID
    code: str


def _is_store_file(path: Path) -> bool:
    from charity_pos.db.plain import has_store_tables, looks_like_sqlite

    return looks_like_sqlite(path) and has_store_tables(path)


def _identity(conn: sqlite3.Connection) -> StoreIdentity:
    row = conn.execute("SELECT id, code FROM store").fetchone()
    return StoreIdentity(uuid.UUID(str(row[0])), str(row[1]))


def _uri(path: Path) -> str:
    """A SQLite URI for ``path`` with no authority, so that a network folder
    (``\\\\server\\share``, which ``Path.as_uri`` makes ``file://server/...``) opens too."""
    text = path.resolve().as_posix()
    if not text.startswith("/"):  # C:/... on Windows
        text = "/" + text
    return "file://" + urllib.parse.quote(text, safe="/:")


def _read_only(path: Path) -> sqlite3.Connection:
    """A file that nothing else writes (a backup, a copy), read without a byte written."""
    return sqlite3.connect(_uri(path) + "?mode=ro&immutable=1", uri=True)


def identity_of(path: Path | str) -> StoreIdentity:
    """The store a backup (or a closed store file) holds; NotABackup when it holds none."""
    path = Path(path)
    if not path.is_file() or not _is_store_file(path):
        raise NotABackup(path=str(path))
    try:
        with closing(_read_only(path)) as conn:
            return _identity(conn)
    except (sqlite3.Error, ValueError, TypeError):
        raise NotABackup(path=str(path)) from None


# --- checking a copy --------------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    events: int
    #: the seal was checked with the store's key file
    authenticated: bool
    #: a file from before the seal that the key file vouches for (a copy kept before its store was
    #: upgraded and sealed, ``services.upgrade``): restoring it lets the key file say so again
    vouched: bool = False
    #: the SHA-256 of the file checked, when it was worked out (``checked_copy``)
    sha256: str = ""


def check_copy(path: Path, key_file: Path | None = None) -> Check:
    """SQLite's integrity check and the journal's ``verify`` on a copy that
    nothing writes; BackupCheckFailed naming the first problem."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from charity_pos.ledger.verify import verify
    from charity_pos.security.keys import seal_key_for, vouches_for

    try:
        with closing(_read_only(path)) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.Error as exc:
        raise BackupCheckFailed(path=str(path), kind="integrity", detail=str(exc), problem=None) from None
    if rows != ["ok"]:
        raise BackupCheckFailed(path=str(path), kind="integrity", detail="; ".join(rows[:3]), problem=None)
    engine = create_engine("sqlite://", creator=lambda: _read_only(path), poolclass=NullPool)
    vouched = False
    try:
        with engine.connect() as conn:
            key, where, marked = seal_key_for(conn, key_file)
            report = verify(conn, key, key_says_sealed=marked)
            if report.problem is not None and report.problem.kind == "downgraded" and \
                    vouches_for(where, _sha256(path)):
                # the key file says its store was sealed since, and that this very file is the copy of it
                # kept before that: checked as the file from before the seal it is
                vouched = True
                report = verify(conn, key, key_says_sealed=False)
    except TempFolderUnwritable:  # the check could not run: nothing is known of the copy, it is not failed
        raise
    except Exception as exc:  # noqa: BLE001 - a file verify cannot even read fails its check
        raise BackupCheckFailed(path=str(path), kind="integrity", detail=type(exc).__name__, problem=None) from None
    finally:
        engine.dispose()
    if not report.ok:
        assert report.problem is not None
        raise BackupCheckFailed(path=str(path), kind=report.problem.kind, detail=report.problem.detail,
                                problem=report.problem)
    return Check(report.events, report.authenticated, vouched)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _sum_file(backup: Path) -> Path:
    """Beside each backup, its SHA-256 (as ``sha256sum`` writes it): a byte
    changed anywhere, even where SQLite's checks do not look, is found."""
    return backup.with_name(backup.name + ".sha256")


def _check_sum(backup: Path, copy: Path) -> None:
    """The copy about to be restored has the bytes the backup had when it was
    made, if its checksum file is beside it (a backup copied alone has none)."""
    try:
        recorded = _sum_file(backup).read_text(encoding="ascii", errors="replace").split()[:1]
    except OSError:
        return
    if recorded != [_sha256(copy)]:
        raise BackupCheckFailed(path=str(backup), kind="checksum", detail="", problem=None)


# --- the state of backups -----------------------------------------------------------------------
@dataclass(frozen=True)
class BackupState:
    """What the last backup of a store did, and the last good one."""

    last_at: datetime | None = None
    last_ok: bool | None = None
    #: why the last one failed: "check" (its copy failed the check), "folder_missing", "other"
    last_problem: str = ""
    last_detail: str = ""
    last_good_at: datetime | None = None
    last_good_file: str = ""
    #: the store-time day of the last backup at the app's start (one a day)
    day_started: str = ""


def _state_path() -> Path:
    return config.data_dir() / STATE_FILE


def _read_all() -> dict[str, dict[str, object]]:
    try:
        return files.read_json_object(_state_path())
    except (OSError, ValueError):
        return {}


def _when(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def read_state(store_id: uuid.UUID) -> BackupState:
    raw = _read_all().get(str(store_id))
    if not isinstance(raw, dict):
        return BackupState()
    ok = raw.get("last_ok")
    return BackupState(_when(raw.get("last_at")), ok if isinstance(ok, bool) else None,
                       str(raw.get("last_problem") or ""), str(raw.get("last_detail") or ""),
                       _when(raw.get("last_good_at")), str(raw.get("last_good_file") or ""),
                       str(raw.get("day_started") or ""))


def _write_state(store_id: uuid.UUID, state: BackupState) -> None:
    everything = _read_all()
    everything[str(store_id)] = {
        "last_at": state.last_at.isoformat() if state.last_at else None, "last_ok": state.last_ok,
        "last_problem": state.last_problem, "last_detail": state.last_detail[:300],
        "last_good_at": state.last_good_at.isoformat() if state.last_good_at else None,
        "last_good_file": state.last_good_file, "day_started": state.day_started}
    path = _state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        durable.write_text_in_place(path, json.dumps(everything, ensure_ascii=False, indent=1))
    except OSError:
        log.exception("the backup state could not be written")


@dataclass(frozen=True)
class BackupStatus:
    """What the dashboard shows. ``level``: ok, warning or alarm; ``reason``:
    ok, check_failed (alarm), folder_missing, failed, stale, never."""

    level: str
    reason: str
    folder: Path
    state: BackupState


def status(store_id: uuid.UUID, folder: Path, now: datetime) -> BackupStatus:
    state = read_state(store_id)
    if state.last_ok is False and state.last_problem == "check":
        return BackupStatus("alarm", "check_failed", folder, state)
    if not folder.is_dir() and folder != config.default_backup_folder():  # the default one is made at the first backup
        return BackupStatus("warning", "folder_missing", folder, state)
    if state.last_ok is False:
        return BackupStatus("warning", "failed", folder, state)
    if state.last_good_at is None:
        return BackupStatus("warning", "never", folder, state)
    if now - state.last_good_at > STALE_AFTER:
        return BackupStatus("warning", "stale", folder, state)
    return BackupStatus("ok", "ok", folder, state)


# --- making a backup ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Keep:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    @classmethod
    def from_settings(cls, settings: config.Settings) -> Keep:
        return cls(settings.backup_keep_daily, settings.backup_keep_weekly, settings.backup_keep_monthly)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    at: datetime
    events: int
    authenticated: bool
    removed: tuple[Path, ...] = field(default=())


def backup_name(code: str, at: datetime, n: int = 0) -> str:
    stamp = at.astimezone(STORE_TZ).strftime("%Y%m%d-%H%M%S")
    return f"{code}-{stamp}{f'-{n}' if n else ''}.sqlite3"


def _copy_online(source: Path, target: Path) -> None:
    """SQLite's online backup of the live ``source`` into ``target``, then one file (no WAL)."""
    with closing(sqlite3.connect(source, timeout=10)) as src, closing(sqlite3.connect(target)) as dst:
        src.execute("PRAGMA busy_timeout = 10000")
        src.backup(dst, pages=1024)
        dst.execute("PRAGMA journal_mode = DELETE")
    durable.sync_file(target)


def make_backup(db_path: Path | str, folder: Path | str, *, clock: Clock = system_clock, keep: Keep = Keep(),
                key_file: Path | None = None) -> BackupResult:
    """Back the store at ``db_path`` up into ``folder``, check the copy, put it
    in place, rotate, and record what happened (a failure too, then raised)."""
    db_path, folder = Path(db_path), Path(folder)
    if not db_path.is_file():
        raise StoreNotFound(path=str(db_path))
    if not _is_store_file(db_path):
        raise NotAStoreDatabase(path=str(db_path))
    store = identity_of_live(db_path)
    _check_key_file(key_file, store)
    if folder == config.default_backup_folder():
        folder.mkdir(parents=True, exist_ok=True)  # the default folder is made; a chosen one must be there
    now = clock()
    before = read_state(store.id)
    try:
        result = _backup(db_path, folder, store, now, keep, key_file, before)
    except PosError as exc:
        problem = ("check" if isinstance(exc, BackupCheckFailed)
                   else "folder_missing" if isinstance(exc, OutputFolderMissing) else "other")
        detail = str(exc.facts.get("kind") or exc.facts.get("reason") or type(exc).__name__)
        _write_state(store.id, BackupState(now, False, problem, detail, before.last_good_at, before.last_good_file,
                                           before.day_started))
        log.warning("backup failed: %s (%s)", type(exc).__name__, detail)
        raise
    _write_state(store.id, BackupState(now, True, "", "", now, result.path.name, before.day_started))
    log.info("backup made and checked: %s (%d events)", result.path.name, result.events)
    return result


#: what a backup killed half-way leaves: its copy (or its checksum) under a temporary name, and SQLite's journal
LEFT_BEHIND = re.compile(r"^(?P<code>[A-Z0-9]{1,8})-\d{8}-\d{6}(?:-\d{1,3})?\.sqlite3(?:\.sha256)?\.[0-9a-f]{8}\.partial"
                         r"(?:-journal|-wal|-shm)?$")
#: a temporary copy older than this is no backup still being made (one takes seconds to minutes)
LEFT_AFTER = timedelta(hours=6)


def remove_left_behind(folder: Path, code: str) -> tuple[Path, ...]:
    """Remove this store's temporary backup copies that a backup killed
    half-way (power cut, task killed) left in ``folder``: never a finished
    backup, and not one young enough to be a backup still being made."""
    import time

    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return ()
    for path in entries:
        m = LEFT_BEHIND.match(path.name)
        try:
            if m is None or m.group("code") != code or not path.is_file() or path.is_symlink() or \
                    time.time() - path.stat().st_mtime < LEFT_AFTER.total_seconds():
                continue
            path.unlink()
            removed.append(path)
        except OSError:
            log.warning("a temporary backup copy left behind could not be removed")
    return tuple(removed)


def checked_copy(db_path: Path, target: Path, protect: files.Protected, key_file: Path | None = None) -> Check:
    """A copy of the store at ``db_path`` put in place at ``target``: SQLite's
    online backup written beside it (``….partial``), checked (``check_copy``),
    renamed into place, with its SHA-256 beside it. A backup is made so, and
    so is the copy of an older store file kept before it is upgraded.
    Raises OutputNotWritable (a full disk, no right to write), BackupCheckFailed
    (named as ``target``; as ``db_path`` when SQLite finds the store itself
    damaged) or TempFolderUnwritable (the check could not run); nothing is
    left under ``target`` then."""
    with files.writing(target, protect, private=True) as pending:
        try:
            _copy_online(db_path, pending.partial)
        except sqlite3.DatabaseError as exc:
            text = str(exc)
            if "malformed" in text or "not a database" in text:  # the store itself is damaged
                raise BackupCheckFailed(path=str(db_path), kind="integrity", detail=text, problem=None) from None
            raise OutputNotWritable(path=str(target), reason="no_space" if "full" in text else "other",
                                          detail=text) from None
        except OSError as exc:
            raise files.not_writable(target, exc) from None
        try:
            check = check_copy(pending.partial, key_file)
        except BackupCheckFailed as exc:  # named as the copy it would have been
            raise BackupCheckFailed(**dict(exc.facts, path=str(target))) from None
        digest = _sha256(pending.partial)
    files.write_bytes(_sum_file(target), f"{digest}  {target.name}\n".encode("ascii"), protect, private=True)
    durable.sync_folder(target.parent)
    return replace(check, sha256=digest)


def _backup(db_path: Path, folder: Path, store: StoreIdentity, now: datetime, keep: Keep,
            key_file: Path | None, before: BackupState) -> BackupResult:
    protect = files.store_files(db_path, store.id)
    files.check_folder(folder, protect)
    remove_left_behind(folder, store.code)
    n = 0
    while (folder / backup_name(store.code, now, n)).exists():
        n += 1
    target = folder / backup_name(store.code, now, n)
    check = checked_copy(db_path, target, protect, key_file)
    removed = rotate(folder, store.code, keep, protect={target.name, before.last_good_file})
    return BackupResult(target, now, check.events, check.authenticated, removed)


def backups_in(folder: Path, code: str) -> list[tuple[datetime, Path]]:
    """This store's backups in ``folder`` by their names' time (store time), newest first."""
    found: list[tuple[datetime, int, Path]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        m = NAME.match(path.name)
        if m is None or m.group("code") != code or not path.is_file() or path.is_symlink():
            continue
        try:
            at = datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S").replace(tzinfo=STORE_TZ)
        except ValueError:
            continue
        found.append((at, int(m.group("n") or 0), path))
    found.sort(key=lambda entry: entry[:2], reverse=True)
    return [(at, path) for at, _n, path in found]


def to_keep(backups: list[tuple[datetime, Path]], keep: Keep) -> set[Path]:
    """Grandfather-father-son: the newest backup of each of the newest
    ``keep.daily`` days, ``keep.weekly`` ISO weeks and ``keep.monthly`` months
    that have one (``backups`` newest first)."""
    kept: set[Path] = set()
    for count, period in ((keep.daily, lambda at: at.date()), (keep.weekly, lambda at: at.isocalendar()[:2]),
                          (keep.monthly, lambda at: (at.year, at.month))):
        seen: set[object] = set()
        for at, path in backups:
            if len(seen) >= count:
                break
            key = period(at)
            if key not in seen:
                seen.add(key)
                kept.add(path)
    if backups:
        kept.add(backups[0][1])  # the newest, whatever the counts say
    return kept


def rotate(folder: Path, code: str, keep: Keep, protect: frozenset[str] | set[str] = frozenset()) -> tuple[Path, ...]:
    """Remove this store's backups that rotation does not keep; never one
    named in ``protect`` (the newest good one). Only files named as backups are touched."""
    backups = backups_in(folder, code)
    kept = to_keep(backups, keep)
    removed = []
    for _at, path in backups:
        if path in kept or path.name in protect:
            continue
        try:
            path.unlink()
            _sum_file(path).unlink(missing_ok=True)
            removed.append(path)
        except OSError:
            log.warning("an old backup could not be removed by rotation")
    return tuple(removed)


def backup_at_start(db_path: Path, settings: config.Settings, clock: Clock = system_clock) -> BackupResult | None:
    """The first start of each store day makes a backup; later starts that day do not.
    A failure is recorded and raised, and the day is counted (the dashboard says it failed)."""
    store = identity_of_live(Path(db_path))
    today = clock().astimezone(STORE_TZ).date().isoformat()
    if read_state(store.id).day_started == today:
        return None
    try:
        return make_backup(db_path, settings.backups, clock=clock, keep=Keep.from_settings(settings))
    finally:
        state = read_state(store.id)
        _write_state(store.id, BackupState(state.last_at, state.last_ok, state.last_problem, state.last_detail,
                                           state.last_good_at, state.last_good_file, today))


# --- the settings of backups ----------------------------------------------------------------------
def change_settings(ctx: ServiceContext, actor: Actor, settings: config.Settings, folder: str,
                    keep: Keep | None = None) -> None:
    """A manager chooses the backup folder (a USB disk, a network folder; ""
    = the default) and how many backups are kept. The folder must exist and
    be a folder; not where the store's own files or keys are. Saved at once."""
    from charity_pos.errors import InvalidInput
    from charity_pos.services.permissions import Action, require

    with ctx.db.read() as s:
        require(s, actor, Action.MANAGE_BACKUPS)
    folder = folder.strip()
    if folder:
        files.check_folder(Path(folder), files.store_files(ctx.db.path) + files.reserved())
    keep = keep or Keep.from_settings(settings)
    for name in ("daily", "weekly", "monthly"):
        value = getattr(keep, name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= config.MAX_KEEP:
            raise InvalidInput(field="count", value=value, reason="too_large" if isinstance(value, int) and value > 0
                               else "negative")
    settings.backup_folder = folder
    settings.backup_keep_daily, settings.backup_keep_weekly, settings.backup_keep_monthly = \
        keep.daily, keep.weekly, keep.monthly
    settings.save()


# --- restore --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RestoreResult:
    path: Path
    store: StoreIdentity
    events: int
    authenticated: bool
    #: where the replaced store file went, if there was one
    replaced: Path | None


def _check_key_file(key_file: Path | None, store: StoreIdentity) -> None:
    """A key file given by hand must be this store's."""
    if key_file is not None and _key_store(key_file) != str(store.id):
        raise KeyFileOfOtherStore(path=str(key_file), expected=store.code)


def _key_store(key_file: Path) -> str | None:
    try:
        return str(files.read_json_object(key_file)["store"])
    except files.NotAJsonObject as exc:
        if exc.reason == "object":
            return None  # JSON, but not a key file's object: no key file of this store
        raise KeyFileMissing(path=str(key_file)) from None
    except (OSError, KeyError):
        raise KeyFileMissing(path=str(key_file)) from None


def restore(db_path: Path | str, backup: Path | str, *, force: bool = False, key_file: Path | None = None,
            clock: Clock = system_clock) -> RestoreResult:
    """Put ``backup`` in place as the store at ``db_path``, as described above."""
    from charity_pos.db.plain import lock_store
    from charity_pos.security.keys import key_path

    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise StoreNotFound(path=str(backup))
    found = identity_of(backup)
    what = files.reserved().find(db_path)
    if what is None and (files.database_files(db_path).find(backup) is not None or _in_wal_mode(backup)):
        what = "store"  # the store itself, or another live store: a backup is one file, never in WAL mode
    if what is not None:
        raise ProtectedFile(path=str(db_path if what != "store" else backup), what=what)
    _check_key_file(key_file, found)
    exists = db_path.exists()
    if exists:
        if not db_path.is_file():
            raise NotAStoreDatabase(path=str(db_path))
        try:
            current: StoreIdentity | None = identity_of_live(db_path) if _is_store_file(db_path) else None
        except NotAStoreDatabase:
            current = None
        if current is None and key_file is None and not key_path(found.id).is_file():
            # a damaged store is replaced only by a backup of the store whose key this PC holds
            raise NotAStoreDatabase(path=str(db_path))
        if current is not None and current.id != found.id:
            raise BackupFromOtherStore(path=str(backup), found=found.code, expected=current.code)
        if not force:
            raise RestoreWouldReplace(path=str(db_path))
    else:
        files.check_new_database(db_path)
        if not db_path.parent.is_dir():
            raise OutputFolderMissing(path=str(db_path.parent))
    lock = lock_store(db_path)  # StoreInUse while the app (or a command) has it open
    try:
        with files.writing(db_path.with_name(db_path.name + ".restoring"), files.reserved(),
                           private=True) as pending:
            try:
                with backup.open("rb") as src, pending.partial.open("wb") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
                    dst.flush()
                    os.fsync(dst.fileno())
            except OSError as exc:
                raise files.not_writable(db_path, exc) from None
            _check_sum(backup, pending.partial)
            try:
                check = check_copy(pending.partial, key_file)
            except BackupCheckFailed as exc:  # named as the backup given
                raise BackupCheckFailed(**dict(exc.facts, path=str(backup))) from None
            replaced = _set_aside(db_path, clock()) if exists else None
            try:
                os.replace(pending.partial, db_path)
            except OSError as exc:
                if replaced is not None:  # put the old store back as it was
                    _put_back(replaced, db_path)
                raise files.not_writable(db_path, exc) from None
            pending.cancel()  # renamed into place here, not by the writer
            pending.done = True
        durable.sync_folder(db_path.parent)
        if check.vouched:  # the copy kept before the store was first sealed: the store is that file again
            from charity_pos.security.keys import StoreKeys

            StoreKeys.unmark_sealed(found.id)
    finally:
        lock.release()
    log.info("store restored from a backup (%d events)", check.events)
    return RestoreResult(db_path, found, check.events, check.authenticated, replaced)


def _aside_name(db_path: Path, now: datetime) -> Path:
    """``NAME.replaced-YYYYmmdd-HHMMSS`` (``-2``, ``-3``… when a restore in the same second set one aside)."""
    stamp = now.astimezone(STORE_TZ).strftime("%Y%m%d-%H%M%S")
    n = 1
    while True:
        name = db_path.with_name(f"{db_path.name}.replaced-{stamp}{f'-{n}' if n > 1 else ''}")
        if not any(name.with_name(name.name + part).exists() for part in ("", *files.PARTS)):
            return name
        n += 1


def _fold_log(db_path: Path) -> None:
    """Fold the store's write-ahead log into the file (no one else has it open:
    the lock is held), so that the file set aside is whole by itself."""
    try:
        with closing(sqlite3.connect(db_path, timeout=10)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error:
        log.warning("the write-ahead log of the store being replaced could not be folded in")


def _set_aside(db_path: Path, now: datetime) -> Path:
    """Keep the store file as ``NAME.replaced-YYYYmmdd-HHMMSS`` while it still
    stands under its own name: a second name (a hard link) first, so that the
    rename of the restored copy over it is the one step that swaps them, and
    a kill at any moment leaves the old store or the new one in place, never
    none. Its companions (``-wal``, ``-shm``) go aside with it: the old file's
    log must never meet the restored file. Where the disk has no hard links
    the store is renamed aside (a kill just then leaves it only there)."""
    _fold_log(db_path)
    replaced = _aside_name(db_path, now)
    try:
        try:
            os.link(db_path, replaced)
        except OSError:
            os.replace(db_path, replaced)
        for part in files.PARTS:
            companion = db_path.with_name(db_path.name + part)
            if companion.exists():
                os.replace(companion, replaced.with_name(replaced.name + part))
    except OSError as exc:
        _put_back(replaced, db_path)
        raise files.not_writable(db_path, exc) from None
    return replaced


def _put_back(replaced: Path, db_path: Path) -> None:
    """Undo ``_set_aside``: the old store and its companions under their own names again."""
    for part in ("", *files.PARTS):
        aside = replaced.with_name(replaced.name + part)
        if not aside.exists():
            continue
        own = db_path.with_name(db_path.name + part)
        try:
            if own.exists() and os.path.samefile(aside, own):  # the second name only: drop it
                aside.unlink()
            else:
                os.replace(aside, own)
        except OSError:
            log.exception("the replaced store file could not be put back; it is kept as it was set aside")


def _in_wal_mode(path: Path) -> bool:
    """A store file in use writes ahead (WAL: bytes 18 and 19 of its header are 2); a backup never does."""
    try:
        with path.open("rb") as fh:
            return fh.read(20)[18:20] == b"\x02\x02"
    except OSError:
        return False


def identity_of_live(path: Path) -> StoreIdentity:
    """The store in a store file that may have a write-ahead log beside it
    (read by an ordinary connection that writes nothing: the last one to
    close folds the log in and removes it, as the app does)."""
    try:
        with closing(sqlite3.connect(path, timeout=10)) as conn:
            return _identity(conn)
    except (sqlite3.Error, ValueError, TypeError):
        raise NotAStoreDatabase(path=str(path)) from None


# --- the key file, protected by a passphrase ---------------------------------------------------------
def check_passphrase(first: str, second: str | None = None) -> str:
    if not first:
        raise PassphraseRefused(reason="missing", variable=PASSPHRASE_ENV)
    if second is not None and first != second:
        raise PassphraseRefused(reason="differ")
    if len(first) < PASSPHRASE_MIN:
        raise PassphraseRefused(reason="short", minimum=PASSPHRASE_MIN)
    return first


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def protect_key(db_path: Path | str, out: Path | str, passphrase: str, *, force: bool = False) -> Path:
    """The store's key file, encrypted under ``passphrase``, written to ``out``."""
    from charity_pos.security.keys import key_path

    db_path = Path(db_path)
    if not db_path.is_file():
        raise StoreNotFound(path=str(db_path))
    if not _is_store_file(db_path):
        raise NotAStoreDatabase(path=str(db_path))
    store = identity_of_live(db_path)
    check_passphrase(passphrase)
    source = key_path(store.id)
    try:
        data = source.read_bytes()
    except OSError:
        raise KeyFileMissing(path=str(source)) from None
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    aad = f"{KEY_FORMAT}:{store.id}".encode()
    sealed = AESGCM(_derive(passphrase, salt, **SCRYPT)).encrypt(nonce, data, aad)
    text = json.dumps({"format": KEY_FORMAT, "store": str(store.id), "store_code": store.code,
                       "kdf": dict(SCRYPT, name="scrypt", salt=base64.b64encode(salt).decode()),
                       "cipher": "AES-256-GCM", "nonce": base64.b64encode(nonce).decode(),
                       "data": base64.b64encode(sealed).decode()}, indent=1)
    return files.write_bytes(out, text.encode("utf-8"), files.store_files(db_path, store.id), force=force,
                             ours=files.json_format(KEY_FORMAT), private=True)


def unprotect_key(source: Path | str, passphrase: str, *, db_path: Path | None = None) -> Path:
    """Put the key file in ``source`` (from ``protect_key``) back into this
    PC's key folder. An existing, different key file of the store is never replaced."""
    from charity_pos.security.keys import key_path

    source = Path(source)
    if not source.is_file():
        raise StoreNotFound(path=str(source))
    try:
        raw = files.read_json_object(source, limit=1 << 20)
        if raw.get("format") != KEY_FORMAT:
            raise ValueError
        store_id = uuid.UUID(str(raw["store"]))
        kdf = raw["kdf"]
        salt, nonce = base64.b64decode(kdf["salt"]), base64.b64decode(raw["nonce"])
        sealed = base64.b64decode(raw["data"])
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2 ** 14 <= n <= 2 ** 20 and 1 <= r <= 16 and 1 <= p <= 4):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise NotABackup(path=str(source)) from None
    if db_path is not None:
        current = identity_of_live(Path(db_path)) if Path(db_path).is_file() else None
        if current is None:
            raise StoreNotFound(path=str(db_path))
        if current.id != store_id:
            raise BackupFromOtherStore(path=str(source), found=str(raw.get("store_code", "?")), expected=current.code)
    check_passphrase(passphrase)
    try:
        data = AESGCM(_derive(passphrase, salt, n, r, p)).decrypt(nonce, sealed, f"{KEY_FORMAT}:{store_id}".encode())
    except (InvalidTag, ValueError):
        raise WrongPassphrase(path=str(source)) from None
    target = key_path(store_id)
    if target.exists():
        if target.read_bytes() == data:
            return target
        raise ProtectedFile(path=str(target), what="key")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + f".{secrets.token_hex(4)}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.link(partial, target)  # fails rather than replace a key file written meanwhile
    except FileExistsError:
        raise ProtectedFile(path=str(target), what="key") from None
    finally:
        partial.unlink(missing_ok=True)
    return target
