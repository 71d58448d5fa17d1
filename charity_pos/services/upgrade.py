"""An older store file upgraded: the copy of it kept first, the note in the
audit log, and who is told.

When this version opens a store file an earlier version wrote (its schema
revision older than this version's head), ``db.engine.open_file`` upgrades
it (Alembic) only after ``keep_copy`` has kept a checked copy of the file
as it was: under the file's lock (a second PC opening the same file is
refused until the first is done), before anything of the file is changed.

- The copy goes beside the store file, as
  ``NAME.before-VERSION-REVISION-YYYYmmdd-HHMMSS.sqlite3`` (Shanghai time,
  ``-2``, ``-3``… within one second; e.g.
  ``store.sqlite3.before-0.2.0-0007_approval_limits-20261205-093000.sqlite3``),
  readable by its owner only, with its SHA-256 beside it (``….sha256``, as
  a backup's). Beside the store because that folder is always written (the
  store's own ``-wal``, ``-shm`` and ``.lock`` files are there): the backup
  folder a manager chose may be a USB disk that is not plugged in, and
  only Settings know it. Rotation never removes the copy (it is not in the
  backup folder, and its name is not a backup's, so ``backup.backups_in``
  never lists it); ``charity-pos restore --from COPY`` takes it back.
- It is made as a backup is (``backup.checked_copy``: SQLite's online
  backup, one file, synced, checked by SQLite's integrity check and
  ``verify``). A copy that cannot be made (a full disk, a folder that
  cannot be written) or that fails its check refuses the upgrade
  (``UpgradeCopyFailed``), and the file is left as it was. A copy killed
  half-way leaves only a ``….partial`` file, removed by the next opening
  (which holds the lock, so no other copy can be under way).
- A file from before the seal (``ledger.seal.SEAL_REVISION``) is sealed
  when it is upgraded, with its key file, which is looked for before the
  copy is made; the key file then notes the copy's SHA-256
  (``StoreKeys.vouch_for_copy``), so that ``restore`` takes the copy back
  although the key file says its store has been sealed since.

Once the file is open (``services.store_file.open_store``), ``upgraded``
notes the upgrade in the audit log (``store.upgraded``: from, to, the
version, the copy's name; the audit log is the store's own record of what
was done to it, like ``store.rebuilt``; not the journal, whose events are
business changes the district imports, and an upgrade changes no business
row), logs it, and tells whoever listens (``tell_to``: the command line
prints one line; the app tells the user after log-in from
``StoreDatabase.upgrade``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import charity_pos
from charity_pos.errors import PosError, UpgradeCopyFailed

if TYPE_CHECKING:  # the command line reads ``tell_to`` at its start: nothing heavy is loaded with it
    from charity_pos.db.engine import StoreDatabase, Upgrade

log = logging.getLogger("charity_pos.upgrade")

#: the audit log's action for an upgrade
UPGRADED = "store.upgraded"
#: what follows the store file's name in the name of a copy kept before an upgrade
COPY = re.compile(r"\.before-(?P<version>[^-/\\]+)-(?P<revision>[0-9A-Za-z_]+)-(?P<stamp>\d{8}-\d{6})"
                  r"(?:-(?P<n>\d{1,3}))?\.sqlite3$")

Listener = Callable[[Path, "Upgrade"], None]
_listeners: list[Listener] = []


# --- the copy -------------------------------------------------------------------------------------
def copy_name(db_path: Path, revision: str, at: datetime, n: int = 0) -> Path:
    """Where the copy of ``db_path`` at ``revision`` made at ``at`` goes."""
    from charity_pos.services.base import STORE_TZ

    stamp = at.astimezone(STORE_TZ).strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.name}.before-{charity_pos.__version__}-{revision}-{stamp}"
                             f"{f'-{n}' if n else ''}.sqlite3")


def copies_of(db_path: Path) -> list[Path]:
    """The copies kept beside the store file before its upgrades, oldest first."""
    db_path = Path(db_path)
    try:
        entries = list(db_path.parent.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        m = COPY.fullmatch(path.name[len(db_path.name):]) if path.name.startswith(db_path.name) else None
        if m is not None and path.is_file():
            found.append((m["stamp"], int(m["n"] or 0), path))
    return [path for _stamp, _n, path in sorted(found)]


def _left_behind(db_path: Path) -> re.Pattern[str]:
    """A copy (or its checksum) being written, under its temporary name, and SQLite's files beside it."""
    return re.compile(re.escape(db_path.name) + COPY.pattern.rstrip("$")
                      + r"(?:\.sha256)?\.[0-9a-f]{8}\.partial(?:-journal|-wal|-shm)?$")


def remove_left_behind(db_path: Path) -> tuple[Path, ...]:
    """What a copy killed half-way left beside the store file. Called with the
    store's lock held: no copy of it can be under way elsewhere."""
    pattern, removed = _left_behind(db_path), []
    try:
        entries = list(db_path.parent.iterdir())
    except OSError:
        return ()
    for path in entries:
        if pattern.fullmatch(path.name) and path.is_file() and not path.is_symlink():
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                log.warning("a copy left half-made by an upgrade could not be removed")
    return tuple(removed)


def keep_copy(db_path: Path, revision: str) -> Path:
    """The checked copy of the store file at ``db_path`` (schema ``revision``,
    older than this version's), made before it is upgraded; where it is.
    ``UpgradeCopyFailed`` when it cannot be made, and then nothing is left of
    it. Called by ``db.engine.open_file`` under the store's lock."""
    import uuid
    from contextlib import closing

    from charity_pos import files
    from charity_pos.db import migrate, plain
    from charity_pos.errors import BackupCheckFailed, NotAStoreDatabase, OutputNotWritable, TempFolderUnwritable
    from charity_pos.ledger.seal_body import SEAL_REVISION
    from charity_pos.security.keys import StoreKeys
    from charity_pos.services import backup
    from charity_pos.services.base import system_clock

    db_path = Path(db_path)
    after = migrate.STORE.head()
    with closing(plain.read_only(db_path)) as conn:
        row = conn.execute("SELECT id FROM store").fetchone()
    if row is None:  # store tables without the store: nothing to upgrade
        raise NotAStoreDatabase(path=str(db_path))
    store_id = uuid.UUID(str(row[0]))
    unsealed = migrate.STORE.is_before(revision, SEAL_REVISION)
    if unsealed:  # it is sealed as it is upgraded: not without its key file, and before any copy is made
        from charity_pos.services.store_file import seal_key

        seal_key(store_id)
    remove_left_behind(db_path)
    at, n = system_clock(), 0
    while (taken := copy_name(db_path, revision, at, n)).exists() or taken.with_name(taken.name + ".sha256").exists():
        n = n + 1 if n else 2  # the second copy in the same second is -2
    target = copy_name(db_path, revision, at, n)

    def refused(reason: str, **facts: object) -> UpgradeCopyFailed:
        log.warning("the store file was not upgraded from schema %s: its copy could not be made (%s)",
                    revision, reason)
        return UpgradeCopyFailed(path=str(db_path), before=revision, after=after, copy=str(target), reason=reason,
                                 **facts)

    try:
        try:
            check = backup.checked_copy(db_path, target, files.store_files(db_path, store_id))
            if unsealed:
                StoreKeys.vouch_for_copy(store_id, check.sha256)
        except BaseException:
            _discard(target)  # in place, but its checksum or the key file's note could not be written
            raise
    except OutputNotWritable as exc:
        reason = str(exc.facts.get("reason"))
        raise refused(reason if reason in ("no_space", "permission", "read_only") else "other",
                      detail=str(exc.facts.get("detail") or reason)) from None
    except BackupCheckFailed as exc:
        raise refused("check", kind=str(exc.facts.get("kind")), detail=str(exc.facts.get("detail") or "")) from None
    except TempFolderUnwritable as exc:
        raise refused("check_not_run", folder=str(exc.facts.get("folder")),
                      detail=str(exc.facts.get("detail") or "")) from None
    except OSError as exc:  # the key file's note could not be written
        failed = files.not_writable(target, exc)
        raise refused(str(failed.facts["reason"]), detail=str(failed.facts.get("detail") or "")) from None
    log.info("the store file at schema %s was copied, and the copy checked (%d events), before its upgrade: %s",
             revision, check.events, target.name)
    return target


def _discard(copy: Path) -> None:
    """A copy whose upgrade is refused after all: no copy of an upgrade that did not happen stays."""
    for path in (copy, copy.with_name(copy.name + ".sha256")):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.warning("a copy made for an upgrade that was refused could not be removed")


# --- after the upgrade ---------------------------------------------------------------------------------
def upgraded(db: StoreDatabase) -> None:
    """An opening upgraded ``db``'s file: noted in the audit log (in a unit of
    work of its own, once the upgrade is committed; a store that can write
    nothing, its key file missing, keeps the upgrade without the note, and
    the log says so), logged, and told to every listener."""
    from sqlalchemy.exc import SQLAlchemyError

    from charity_pos.services.audit import audit
    from charity_pos.services.base import system_clock

    done = db.upgrade
    if done is None:
        return
    try:
        with db.begin() as s:
            audit(s, system_clock(), UPGRADED, "ok", None, before=done.before, after=done.after,
                  version=charity_pos.__version__, copy=done.copy.name)
    except (PosError, SQLAlchemyError) as exc:
        log.warning("the upgrade could not be noted in the audit log (%s)", type(exc).__name__)
    log.info("store file upgraded by charity-pos %s from schema %s to %s; the copy of it as it was: %s",
             charity_pos.__version__, done.before, done.after, done.copy)
    for listener in list(_listeners):
        listener(db.path, done)


def tell_to(listener: Listener) -> Callable[[], None]:
    """``listener`` is told of every upgrade an opening makes from now on
    (the store file, the upgrade); the function returned stops that."""
    _listeners.append(listener)

    def stop() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return stop
