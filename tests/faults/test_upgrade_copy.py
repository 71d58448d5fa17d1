"""The copy kept before an upgrade, when it cannot be made: a full disk (SQLite's
own SQLITE_FULL, the system's ENOSPC at the sync, and a real small disk), a
folder that cannot be written; two PCs opening the same older file at once;
and an opening killed while it copies. Each time the upgrade is refused in
the user's language, the file is left as it was with nothing half-made beside
it, and the next opening, with room again, upgrades it once."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from charity_pos import files, i18n
from charity_pos.db import migrate, plain
from charity_pos.errors import OutputNotWritable, StoreInUse, UpgradeCopyFailed
from charity_pos.services import backup, upgrade
from charity_pos.services.store_file import open_store
from tests.conftest import FilledStore
from tests.faults.disk import full_folder
from tests.helpers import run_cli
from tests.ledger.test_verify_temp_folder import small_disk_at
from tests.services.test_upgrade import PREVIOUS, beside, digest, set_back

ROOT = Path(__file__).resolve().parents[2]
HEAD = migrate.STORE.head()


@pytest.fixture
def older(filled_store: FilledStore) -> Path:
    return set_back(filled_store.path)


def refused(path: Path, reason: str) -> UpgradeCopyFailed:
    """Opening ``path`` is refused for ``reason``, and the file is as it was, with nothing left beside it."""
    before, around = digest(path), beside(path)
    with pytest.raises(UpgradeCopyFailed) as caught:
        open_store(path)
    assert caught.value.facts["reason"] == reason, caught.value.facts
    assert digest(path) == before and beside(path) == around and upgrade.copies_of(path) == []
    assert plain.read_revision(path) == PREVIOUS
    return caught.value


def upgrades_once_there_is_room(path: Path) -> None:
    with open_store(path) as db:
        assert db.upgrade is not None and db.upgrade.before == PREVIOUS
    assert len(upgrade.copies_of(path)) == 1 and plain.read_revision(path) == HEAD
    code, out, err = run_cli("verify", "--db", path, "--lang", "en")
    assert code == 0 and err == "", "verified with the store's key file, in the test's own home"


def test_sqlite_finds_the_disk_full_while_it_writes_the_copy(older: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = sqlite3.connect

    def connect(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real(target, *args, **kwargs)  # type: ignore[arg-type]
        if str(target).endswith(".partial"):
            conn.execute("PRAGMA max_page_count = 2")  # the copy cannot grow past two pages
        return conn

    with monkeypatch.context() as patched:  # (the test's home stays: monkeypatch.undo would undo it too)
        patched.setattr(backup.sqlite3, "connect", connect)
        error = refused(older, "no_space")
        code, out, err = run_cli("show", "items", "--db", older)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "磁盘已满" in err and "门店数据文件未升级，其中的内容没有任何改动" in err and str(older) in err, err
    # the command's own try names its own copy: the same but for its date and time, a second later perhaps
    stem = error.facts["copy"].rsplit("-", 2)[0]
    assert re.search(re.escape(stem) + r"-\d{8}-\d{6}\.sqlite3", err), (stem, err)
    upgrades_once_there_is_room(older)


def test_the_system_finds_the_disk_full_when_the_copy_is_synced(older: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with full_folder(monkeypatch, older.parent):
        error = refused(older, "no_space")
    i18n.load_catalog("en")
    assert "the disk is full. Free some space on it" in i18n.describe(error)
    upgrades_once_there_is_room(older)


@pytest.mark.parametrize(("code", "reason", "words"), [(errno.EACCES, "permission", "may not write in that folder"),
                                                       (errno.EROFS, "read_only", "the disk is read-only")])
def test_a_folder_that_cannot_be_written(older: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str,
                                         words: str) -> None:
    """The store's folder refuses the copy's file (as root here, a real read-only folder refuses nothing: the
    refusal is the system's answer to the copy's creation)."""
    real = os.open

    def opening(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if ".before-" in os.fspath(path):  # type: ignore[arg-type]
            raise OSError(code, os.strerror(code), os.fspath(path))  # type: ignore[arg-type]
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(os, "open", opening)
        error = refused(older, reason)
    i18n.load_catalog("en")
    assert words in i18n.describe(error)
    upgrades_once_there_is_room(older)


def test_a_real_small_disk_holds_the_store_but_not_its_copy(older: Path, tmp_path: Path) -> None:
    """The store on a disk (tmpfs) with room for the file but not for a second one: the command line refuses
    the upgrade in one line, exit 1, and the file on that disk is as it was, with nothing beside it."""
    disk = tmp_path / "disk"
    disk.mkdir()
    size = older.stat().st_size
    inside = small_disk_at(disk)
    inside = tuple(part.replace("size=1m", f"size={(size + 96 * 1024) // 1024}k") for part in inside)
    script = (f'cp "{older}" "{disk}/store.sqlite3" && sha256sum "{disk}/store.sqlite3" && '
              f'"{sys.executable}" -m charity_pos show items --db "{disk}/store.sqlite3" --lang en; '
              f'echo "exit $?"; sha256sum "{disk}/store.sqlite3"; ls -A "{disk}"')
    done = subprocess.run([*inside, "sh", "-c", script], capture_output=True, text=True, timeout=180,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    lines = done.stdout.splitlines()
    assert lines[0].split()[0] == hashlib.sha256(older.read_bytes()).hexdigest(), done.stderr
    assert "exit 1" in lines and lines[-3] == lines[0], done.stdout
    assert lines[-2:] == ["store.sqlite3", "store.sqlite3.lock"], "no copy and no half copy on the disk"
    assert done.stderr.count("\n") == 1 and "the disk is full" in done.stderr, done.stderr


# --- two openings, and one killed -----------------------------------------------------------------------
#: Opens the store file argv[1] with its copy held back, once made, until argv[2]/go exists
#: (argv[2]/started says it is made); then prints what the opening did.
HELD_OPENING = """
import sys, time
from pathlib import Path
from charity_pos.services import backup
real, flags = backup._copy_online, Path(sys.argv[2])
def held(source, target):
    real(source, target)
    (flags / "started").write_text(str(target))
    for _ in range(6000):
        if (flags / "go").exists():
            return
        time.sleep(0.05)
    raise SystemExit("never told to go on")
backup._copy_online = held
from charity_pos.services.store_file import open_store
db = open_store(Path(sys.argv[1]))
print(db.upgrade.before, db.upgrade.after, db.upgrade.copy)
db.close()
"""


def held_opening(path: Path, flags: Path) -> subprocess.Popen[str]:
    """Another PC (a process of its own) opening ``path``, held once its copy is made: returns when it is."""
    flags.mkdir()
    child = subprocess.Popen([sys.executable, "-c", HELD_OPENING, str(path), str(flags)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    for _ in range(2400):  # waits for the child, whatever the machine's load: no time is asserted
        if (flags / "started").exists() or child.poll() is not None:
            break
        time.sleep(0.05)
    assert (flags / "started").exists(), child.communicate()
    return child


def test_two_pcs_opening_an_older_file_at_once_upgrade_it_once(older: Path, tmp_path: Path) -> None:
    before = digest(older)
    child = held_opening(older, tmp_path / "flags")
    try:
        with pytest.raises(StoreInUse):  # the second PC, while the first copies
            open_store(older)
        code, out, err = run_cli("show", "items", "--db", older, "--lang", "en")
        assert code == 1 and "is open in another running copy" in err
        code, out, err = run_cli("verify", "--db", older, "--lang", "en")
        assert code == 1 and "is open in another running copy" in err
        assert digest(older) == before and plain.read_revision(older) == PREVIOUS, "nothing changed meanwhile"
        assert upgrade.copies_of(older) == [], "the copy is not in place until it is whole and checked"
    finally:
        (tmp_path / "flags" / "go").write_text("")
        out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    before_rev, after, copy = out.split()
    assert (before_rev, after) == (PREVIOUS, HEAD) and upgrade.copies_of(older) == [Path(copy)]
    with open_store(older) as db:  # the second PC, once the first is done: at the newest, nothing to copy
        assert db.upgrade is None
    assert upgrade.copies_of(older) == [Path(copy)]


def test_an_opening_killed_while_it_copies_leaves_the_file_as_it_was(older: Path, tmp_path: Path) -> None:
    before = digest(older)
    child = held_opening(older, tmp_path / "flags")
    partial = Path((tmp_path / "flags" / "started").read_text())
    assert partial.name.endswith(".partial") and partial.is_file()
    os.kill(child.pid, signal.SIGKILL)
    child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    assert digest(older) == before and plain.read_revision(older) == PREVIOUS
    assert upgrade.copies_of(older) == [] and partial.exists(), "only the half copy, under its temporary name"
    upgrades_once_there_is_room(older)
    assert not partial.exists(), "the next opening removed it"
    assert [p for p in beside(older) if p.endswith(".partial")] == []


def test_no_copy_stays_when_its_checksum_cannot_be_written(older: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = files.write_bytes

    def write_bytes(out: object, data: bytes, *args: object, **kwargs: object) -> Path:
        if str(out).endswith(".sha256"):
            raise OutputNotWritable(path=str(out), reason="no_space", detail="No space left on device")
        return real(out, data, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(files, "write_bytes", write_bytes)
        refused(older, "no_space")
    upgrades_once_there_is_room(older)
