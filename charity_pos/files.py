"""Every file charity-pos writes where a user said (``--out``, a save dialog,
the reject file beside an imported list) goes through here: one guard and
one way of writing.

The guard (``check_target``) refuses:

- the app's own files, whatever the path looks like: the store's database
  and its ``-wal``, ``-shm``, ``-journal`` and ``.lock`` files, the key
  files (the whole folder), the settings file, the district hub's database
  and its companions. Paths are compared as the file system sees them: the
  real path (symlinks and ``..`` resolved), names that differ only in case
  in the same folder, and any other name of the same file (a hard link:
  same device and inode). And wherever it lies, whatever ``force`` says:
  any SQLite database or write-ahead log, the companion names beside a
  database, a key file (``by_content``);
- a folder where a file should go, a folder that does not exist, something
  that is not an ordinary file (``/dev/...``);
- an existing file that charity-pos did not write, unless ``force``. What
  the app wrote is recognised by its content (``ours``: a PDF whose
  creator is charity-pos, a bundle, a registration or trust file, a reject
  file), so writing the same receipt or bundle again just works.

The writer (``writing``/``write_file``) makes the file beside its target
under a fresh name and renames it into place when it is complete, so a
failure leaves no half file and never touches what was there. A caller
inside a transaction calls ``finish`` to rename before its commit: then a
file that cannot be put in place undoes the transaction (a receipt's
number is not used). Errors of the file system come out as
``OutputNotWritable`` with the reason, never as "something went wrong".
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import stat
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charity_pos import config
from charity_pos.durable import (  # noqa: F401 -- read_json_object and NotAJsonObject: callers know them here
    SMALL_JSON_BYTES, NotAJsonObject, put_in_place, read_json_object,
)
from charity_pos.errors import (
    OutputExists,
    OutputFolderMissing,
    OutputIsFolder,
    OutputNotAFolder,
    OutputNotWritable,
    ProtectedFile,
)

#: What SQLite (and the store's lock) keeps beside a database file.
PARTS = ("-wal", "-shm", "-journal")
LOCK = ".lock"
#: A file larger than this is not read to see whether the app wrote it.
MAX_SNIFF_BYTES = 64 * 1024 * 1024
#: The PDF creator charity-pos's documents carry (charity_pos.printing).
PDF_CREATOR = b"/Creator (charity-pos)"

Ours = Callable[[Path], bool]


# --- what is protected ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Protected:
    """Files and folders never written over, each with what it is (a key of
    ``messages.PROTECTED_WHAT``)."""

    files: tuple[tuple[Path, str], ...] = ()
    folders: tuple[tuple[Path, str], ...] = ()

    def __add__(self, other: Protected) -> Protected:
        return Protected(self.files + other.files, self.folders + other.folders)

    def find(self, target: Path) -> str | None:
        """What ``target`` is, if it is (or would be written over) one of these."""
        real = _real(target)
        for path, what in self.files:
            if _same(real, target, path):
                return what
        for folder, what in self.folders:
            if _inside(real, folder):
                return what
        return None


def database_files(path: Path | str, *, hub: bool = False) -> Protected:
    """A SQLite database and what lives beside it."""
    path = Path(path)
    main, part = ("hub", "hub_part") if hub else ("store", "store_part")
    files = [(path, main)] + [(path.with_name(path.name + p), part) for p in PARTS]
    if not hub:
        files.append((path.with_name(path.name + LOCK), "lock"))
    return Protected(tuple(files))


def reserved() -> Protected:
    """The settings file and the key folders: never the place for anything
    else, not even a new store (``init``, ``demo``)."""
    folder = config.config_dir()
    return Protected(
        files=((folder / "settings.json", "settings"), (folder / "settings.json.tmp", "settings")),
        folders=((folder / "keys", "key"), (folder / "hub-keys", "key")))


def check_new_database(path: Path | str) -> None:
    """A new store or hub file is not made where the app keeps its settings
    or keys, nor under a companion's name beside a database (a store made
    as ``store.sqlite3-wal`` would be taken for the other's log). An
    existing file is left to the caller, which refuses it."""
    path = Path(path)
    if not path.exists():
        what = reserved().find(path) or by_content(path)
        if what is not None:
            raise ProtectedFile(path=str(path), what=what)


def always() -> Protected:
    """What is protected whatever is being written: the settings file, the
    key folders, the store named in the settings and the default hub."""
    protected = reserved() + database_files(config.Settings.load().store)
    protected += database_files(config.default_store_path())
    return protected + database_files(config.data_dir() / "hub.sqlite3", hub=True)


def store_files(db_path: Path | str, store_id: uuid.UUID | None = None) -> Protected:
    """A store's database, its companions and its key file (and what ``always`` holds)."""
    protected = always() + database_files(db_path)
    if store_id is not None:
        protected += Protected(((config.store_key_file(store_id), "key"),))
    return protected


def hub_files(sqlite_path: Path | str | None, hub_id: uuid.UUID | None = None) -> Protected:
    """The hub's database when it is a SQLite file, and its key file (and what ``always`` holds)."""
    protected = always()
    if sqlite_path is not None:
        protected += database_files(sqlite_path, hub=True)
    if hub_id is not None:
        protected += Protected(((config.hub_key_file(hub_id), "key"),))
    return protected


def _real(path: Path | str) -> Path:
    return Path(os.path.realpath(os.path.abspath(path)))


def _fold(path: Path) -> str:
    text = os.path.normcase(str(path))
    return text.casefold() if sys.platform in ("win32", "darwin") else text


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def _same_file(a: Path, b: Path) -> bool:
    sa, sb = _stat(a), _stat(b)
    # st_ino 0: a file system that numbers no files, where equal numbers prove nothing
    return (sa is not None and sb is not None and sa.st_ino != 0
            and (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino))


def _same(real: Path, given: Path, protected: Path) -> bool:
    other = _real(protected)
    if _fold(real) == _fold(other):
        return True
    # the same folder and a name that differs only in case (a case-insensitive disk)
    if real.name.casefold() == other.name.casefold() and (
            _fold(real.parent) == _fold(other.parent) or _same_file(real.parent, other.parent)):
        return True
    # another name of the same file: a hard link, or a spelling the disk folds
    return _same_file(given, protected)


def _inside(real: Path, folder: Path) -> bool:
    folder_real = _real(folder)
    for candidate in (real, *real.parents):
        if _fold(candidate).casefold() == _fold(folder_real).casefold() or _same_file(candidate, folder_real):
            return True
    return False


# --- what is protected wherever it lies -----------------------------------------------------------------
SQLITE_HEADER = b"SQLite format 3\x00"
#: The first four bytes of a SQLite write-ahead log (either byte order of its checksums).
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
KEY_FIELDS = ("aes_gcm", "hmac_sha256", "ed25519", "district_match_key")


def _is_database(path: Path) -> bool:
    try:
        return _head(path, len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _is_key_file(path: Path) -> bool:
    try:
        if _head(path, 1) != b"{":
            return False
        raw = read_json_object(path, limit=64 * 1024)
    except (OSError, ValueError):
        return False
    return any(name in raw for name in KEY_FIELDS) and "format" not in raw


def by_content(target: Path) -> str | None:
    """What ``target`` is when its content (or its neighbour's) says so,
    wherever it lies: any SQLite database (a store or a hub the command does
    not know, a copy), a write-ahead log, the ``-wal``/``-shm``/``-journal``
    or ``.lock`` name beside a database, a key file (a backup of one)."""
    if target.is_file():
        if _is_database(target):
            return "database"
        try:
            if _head(target, 4) in WAL_MAGIC:
                return "database_part"
        except OSError:
            pass
        if _is_key_file(target):
            return "key"
    real = _real(target)
    for suffix, what in [*((p, "database_part") for p in PARTS), (LOCK, "lock")]:
        for name in {target.name, real.name}:
            if len(name) > len(suffix) and name.casefold().endswith(suffix):
                for folder in {target.parent, real.parent}:
                    if _is_database(folder / name[: -len(suffix)]):
                        return what
    return None


# --- what the app wrote ------------------------------------------------------------------------------
def _head(path: Path, size: int) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


def is_our_pdf(path: Path) -> bool:
    """A PDF that charity-pos made (its creator says so)."""
    try:
        if path.stat().st_size > MAX_SNIFF_BYTES or _head(path, 5) != b"%PDF-":
            return False
        return PDF_CREATOR in path.read_bytes()
    except OSError:
        return False


def json_format(name: str) -> Ours:
    """Recognises a small JSON file whose ``format`` is ``name`` (registration and trust files)."""

    def ours(path: Path) -> bool:
        try:
            return read_json_object(path, limit=64 * 1024, bom=True).get("format") == name
        except (OSError, ValueError):
            return False

    return ours


# --- the guard --------------------------------------------------------------------------------------
def check_target(out: Path | str, protect: Protected, *, force: bool = False, ours: Ours | None = None) -> Path:
    """``out`` if a file may be written there; else the error saying why.
    Nothing is created or changed."""
    out = Path(out)
    what = protect.find(out) or by_content(out)
    if what is not None:
        raise ProtectedFile(path=str(out), what=what)
    if out.is_dir() or out.name in ("", ".", ".."):
        raise OutputIsFolder(path=str(out))
    folder = out.parent
    if not folder.exists():
        raise OutputFolderMissing(path=str(folder))
    if not folder.is_dir():
        raise OutputNotWritable(path=str(out), reason="not_a_folder", detail="")
    if out.exists() or out.is_symlink():
        mode = _stat(out)
        if mode is not None and not stat.S_ISREG(mode.st_mode):
            raise OutputNotWritable(path=str(out), reason="special", detail="")
        if not force and not (ours is not None and mode is not None and ours(out)):
            raise OutputExists(path=str(out))
    return out


def check_folder(folder: Path | str, protect: Protected) -> Path:
    """A folder files are to be written into (a bundle's ``--out DIR``)."""
    folder = Path(folder)
    what = protect.find(folder) or by_content(folder)
    if what is not None:
        raise ProtectedFile(path=str(folder), what=what)
    if not folder.exists():
        raise OutputFolderMissing(path=str(folder))
    if not folder.is_dir():
        raise OutputNotAFolder(path=str(folder))
    return folder


def not_writable(path: Path | str, exc: OSError) -> OutputNotWritable:
    """The file system's refusal, in the app's terms."""
    reasons = {errno.EACCES: "permission", errno.EPERM: "permission", errno.EROFS: "read_only",
               errno.ENOSPC: "no_space", errno.EDQUOT: "no_space", errno.ENOTDIR: "not_a_folder",
               errno.ENAMETOOLONG: "name", errno.EINVAL: "name"}
    reason = reasons.get(exc.errno or 0, "permission" if isinstance(exc, PermissionError) else "other")
    return OutputNotWritable(path=str(path), reason=reason, detail=exc.strerror or type(exc).__name__)


# --- the writer -------------------------------------------------------------------------------------
class PendingFile:
    """A file being written beside ``target`` as ``partial``, until ``commit``."""

    def __init__(self, target: Path, partial: Path) -> None:
        self.target = target
        self.partial = partial
        self.done = False
        self.cancelled = False

    def commit(self) -> Path:
        if self.done:
            return self.target
        try:
            put_in_place(self.partial, self.target)
        except IsADirectoryError:
            raise OutputIsFolder(path=str(self.target)) from None
        except OSError as exc:
            raise not_writable(self.target, exc) from None
        self.done = True
        return self.target

    def cancel(self) -> None:
        """Put nothing in place (the caller decided not to write after all)."""
        self.cancelled = True


_pending: dict[str, PendingFile] = {}


def _new_partial(target: Path, private: bool) -> Path:
    for _ in range(10):
        partial = target.with_name(f"{target.name[:200]}.{secrets.token_hex(4)}.partial")
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise not_writable(target, exc) from None
        os.close(fd)
        return partial
    raise OutputNotWritable(path=str(target), reason="other", detail="no free temporary name")


@contextmanager
def writing(out: Path | str, protect: Protected, *, force: bool = False, ours: Ours | None = None,
            private: bool = False) -> Iterator[PendingFile]:
    """Check ``out``, then give a ``PendingFile`` to write ``partial`` of;
    it is renamed into place when the block ends (or at ``finish``), and
    removed if the block fails. ``private``: readable by its owner only."""
    target = check_target(out, protect, force=force, ours=ours)
    pending = PendingFile(target, _new_partial(target, private))
    _pending[str(pending.partial)] = pending
    try:
        yield pending
        if not pending.cancelled:
            pending.commit()
    finally:
        _pending.pop(str(pending.partial), None)
        if not pending.done:
            try:
                pending.partial.unlink(missing_ok=True)
            except OSError:
                pass


def finish(path: Path | str) -> None:
    """Rename the file being written at ``path`` into place now, if it is
    a ``PendingFile``'s partial (a file printed into a temporary folder is
    not): called inside a transaction, so that a file that cannot be put in
    place undoes it."""
    pending = _pending.get(str(path))
    if pending is not None:
        pending.commit()


def write_file(out: Path | str, render: Callable[[Path], object], protect: Protected, *, force: bool = False,
               ours: Ours | None = None, private: bool = False) -> Path:
    """Check ``out``, let ``render`` write the file beside it, and rename it
    into place: the whole file or nothing."""
    with writing(out, protect, force=force, ours=ours, private=private) as pending:
        try:
            render(pending.partial)
        except OSError as exc:
            raise not_writable(pending.target, exc) from None
    return pending.target


def write_bytes(out: Path | str, data: bytes, protect: Protected, *, force: bool = False, ours: Ours | None = None,
                private: bool = False) -> Path:
    def render(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())

    return write_file(out, render, protect, force=force, ours=ours, private=private)
