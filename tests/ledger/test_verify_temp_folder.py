"""When ``verify``'s temporary folder cannot be written (a full disk, a
folder that is missing, read-only or not a folder), the check was not run:
the user is told so, in their language, naming the folder and why, with
its own exit code (75, not the failed check's 1), and the store file is
neither changed nor said to have a problem."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from charity_pos import cli
from charity_pos.errors import TempFolderUnwritable
from charity_pos.ledger import seal
from charity_pos.ledger import verify as verifying
from charity_pos.security.keys import seal_key_for
from tests.helpers import run_cli
from tests.ledger.test_verify import Built, built, raw, store  # noqa: F401
from tests.ledger.test_verify_memory import _append, _new_hex


#: rows the big store's journal replays: past ``verify.HELD``, so the replay goes to its temporary file
BIG = verifying.HELD + 12_000
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def big(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    """The built store given enough donors (the rows in their table, one journal event for all) that its
    replay needs the temporary file, sealed again as the app would: it passes verify."""
    path = tmp_path_factory.mktemp("big") / "big.sqlite3"
    with contextlib.closing(sqlite3.connect(built.path)) as source, contextlib.closing(sqlite3.connect(path)) as target:
        source.backup(target)
    with raw(path) as conn:
        (donor,) = conn.execute("SELECT id FROM donor WHERE credit_code IS NULL").fetchone()
        snapshot = None
        for (payload,) in conn.execute("SELECT payload FROM journal_event ORDER BY seq"):
            for change in json.loads(payload)["changes"]:
                if change["table"] == "donor" and change["id"] == str(uuid.UUID(donor)):
                    snapshot = change["row"]
        changes = []
        for _ in range(BIG):
            new = str(uuid.UUID(_new_hex(conn, "donor", donor)))
            changes.append({"id": new, "op": "insert", "row": dict(snapshot, id=new), "table": "donor"})
        _append(conn, changes)
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            key = seal_key_for(conn, built.key)[0]
            assert key is not None
            seal.adopt(conn, key)
    finally:
        engine.dispose()
    return path


def reading(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_command(path: Path, key: Path, tmpdir: Path, *more: str, limit: int | None = None,
                   home: Path, inside: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """``python -m charity_pos verify --db PATH`` with TMPDIR (and TEMP, TMP) at ``tmpdir``; ``limit``: the
    largest file the process may write, in bytes; ``inside``: the command it runs under."""
    env = dict(os.environ, TMPDIR=str(tmpdir), TEMP=str(tmpdir), TMP=str(tmpdir), CHARITY_POS_HOME=str(home),
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))

    def small_disk() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))

    return subprocess.run([*inside, sys.executable, "-m", "charity_pos", "verify", "--db", str(path), "--key-file",
                           str(key), *more], capture_output=True, text=True, encoding="utf-8", env=env, timeout=300,
                          preexec_fn=small_disk)


def not_run(done: subprocess.CompletedProcess[str], folder: Path) -> str:
    """The check was not run: exit 75, one line on stderr naming the folder, nothing on stdout."""
    assert done.returncode == cli.VERIFY_NOT_RUN == 75, (done.stdout, done.stderr)
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.rstrip("\n").split("\n")
    assert str(folder) in line
    return line


def test_the_big_store_passes_with_its_replay_in_the_temporary_folder(big: Path, built: Built,  # noqa: F811
                                                                      tmp_path: Path) -> None:
    folder = tmp_path / "tmp"
    folder.mkdir()
    done = verify_command(big, built.key, folder, "--lang", "en", home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ")
    assert list(folder.iterdir()) == []  # the temporary file is gone


def test_a_missing_temporary_folder_is_named_and_the_store_is_not_blamed(big: Path, built: Built,  # noqa: F811
                                                                         tmp_path: Path) -> None:
    before = digest(big)
    folder = tmp_path / "no such folder"
    line = not_run(verify_command(big, built.key, folder, home=tmp_path / "home"), folder)
    assert line.startswith("错误：校验未能进行：临时文件夹 ")
    assert "该文件夹不存在" in line and "这并不说明门店数据文件有任何问题" in line
    assert "校验失败" not in line  # a failed check says so: this one was never made
    assert digest(big) == before
    assert not Path(f"{big}-wal").exists() and not Path(f"{big}-shm").exists()


def test_a_temporary_folder_that_is_a_file_is_named_in_english(big: Path, built: Built,  # noqa: F811
                                                               tmp_path: Path) -> None:
    folder = tmp_path / "a file"
    folder.write_text("not a folder")
    line = not_run(verify_command(big, built.key, folder, "--lang", "en", home=tmp_path / "home"), folder)
    assert line == (f"Error: The check could not be run: the temporary folder {folder} cannot be written (it is not "
                    "a folder). This says nothing about the store file, which was not changed. Make room there, "
                    "or set TMPDIR to a folder with room, and run the check again.")


def small_disk_at(folder: Path) -> tuple[str, ...]:
    """A command prefix that runs its command in a mount namespace of its own, with a 1 MB file system (tmpfs)
    at ``folder``: a disk that is really full, gone with the process. Skips where the system allows none."""
    mount = 'mount -t tmpfs -o size=1m tmpfs "$0" && exec "$@"'
    for unshare in (("unshare", "-m"), ("unshare", "-rm")):  # as root; as a user, in a user namespace
        try:
            probe = subprocess.run([*unshare, "sh", "-c", mount, str(folder), "true"], capture_output=True, timeout=30)
        except OSError:
            break
        if probe.returncode == 0:
            return (*unshare, "sh", "-c", mount, str(folder))
    pytest.skip("no mount namespace with a small file system here: test_the_disk_fills_while_the_replay_is_written "
                "and test_no_room_for_the_temporary_file_at_all cover it")


def test_a_full_disk_under_the_temporary_folder(big: Path, built: Built, tmp_path: Path) -> None:  # noqa: F811
    """The temporary folder on a 1 MB disk: SQLite's write meets a full disk (ENOSPC) partway through."""
    before = digest(big)
    folder = tmp_path / "tmp"
    folder.mkdir()
    inside = small_disk_at(folder)
    line = not_run(verify_command(big, built.key, folder, home=tmp_path / "home", inside=inside), folder)
    assert "（磁盘已满）" in line and "这并不说明门店数据文件有任何问题" in line
    assert digest(big) == before


def test_the_disk_fills_while_the_replay_is_written(big: Path, built: Built, tmp_path: Path) -> None:  # noqa: F811
    """The process may write no file past 3 MB (a file-size limit, which the system answers with EFBIG, SQLite
    with "disk I/O error"): the write fails partway through the replay, and the check is not run, in SQLite's
    words; no half file is left."""
    before = digest(big)
    folder = tmp_path / "tmp"
    folder.mkdir()
    line = not_run(verify_command(big, built.key, folder, "--lang", "en", limit=3_000_000 + 123,
                                  home=tmp_path / "home"), folder)
    assert f"the temporary folder {folder} cannot be written (disk I/O error)" in line
    assert digest(big) == before
    assert list(folder.iterdir()) == []


# --- in the same process: the refusal, from wherever it comes ----------------------------------------
def test_no_room_for_the_temporary_file_at_all(store: Path, built: Built, tmp_path: Path,  # noqa: F811
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The file cannot even be made (ENOSPC): the same one line and exit code, through the command line."""
    def full(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(verifying, "HELD", 0)
    monkeypatch.setattr(tempfile, "mkstemp", full)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    code, out, err = run_cli("verify", "--db", store, "--key-file", built.key, "--lang", "en")
    assert code == 75 and out == ""
    assert err == (f"Error: The check could not be run: the temporary folder {tmp_path} cannot be written (the disk "
                   "is full). This says nothing about the store file, which was not changed. Make room there, or set "
                   "TMPDIR to a folder with room, and run the check again.\n")
    monkeypatch.undo()
    assert run_cli("verify", "--db", store, "--key-file", built.key)[0] == 0


@pytest.mark.parametrize(("raised", "reason"), [
    (OSError(errno.EACCES, "Permission denied"), "permission"),
    (OSError(errno.EROFS, "Read-only file system"), "read_only"),
    (OSError(errno.EIO, "Input/output error"), "other"),
])
def test_each_refusal_says_why(store: Path, built: Built, tmp_path: Path,  # noqa: F811
                               monkeypatch: pytest.MonkeyPatch, raised: OSError, reason: str) -> None:
    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise raised

    monkeypatch.setattr(verifying, "HELD", 0)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with pytest.raises(TempFolderUnwritable) as found, reading(store) as conn:
        verifying.verify(conn)
    assert found.value.facts == {"folder": str(tmp_path), "reason": reason, "detail": raised.strerror}


def test_sqlite_s_own_temporary_files_full_is_not_the_store_s_problem(store: Path,  # noqa: F811
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A sort larger than SQLite's cache writes SQLite's own temporary file: the disk full there (SQLITE_FULL on
    a connection that only reads) is the temporary folder's refusal too, naming SQLite's folder; a damaged page
    is still the store's problem."""
    from charity_pos.ledger import checks

    def raising(name: str, text: str):
        def identity(_conn: object) -> list[object]:
            exc = sqlite3.OperationalError(text)
            exc.sqlite_errorname = name  # type: ignore[attr-defined]
            raise exc
        return identity

    monkeypatch.setenv("SQLITE_TMPDIR", str(store.parent))
    monkeypatch.setattr(checks, "identity", raising("SQLITE_FULL", "database or disk is full"))
    with pytest.raises(TempFolderUnwritable) as found, reading(store) as conn:
        verifying.verify(conn)
    assert found.value.facts["folder"] == str(store.parent) and found.value.facts["reason"] == "no_space"
    monkeypatch.setattr(checks, "identity", raising("SQLITE_CORRUPT", "database disk image is malformed"))
    with reading(store) as conn:
        report = verifying.verify(conn)
    assert report.problem is not None and report.problem.kind == "integrity"


def test_a_backup_whose_check_cannot_run_is_not_called_a_bad_copy(big: Path, built: Built, tmp_path: Path,  # noqa: F811
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The backup's check of its copy is ``verify``: when that cannot run for want of a temporary folder the
    manager is told so (not that the copy failed its check), and no unchecked copy is left as a backup."""
    from charity_pos.services import backup

    monkeypatch.setenv("CHARITY_POS_HOME", str(tmp_path / "home"))
    store_copy = tmp_path / "store.sqlite3"
    with contextlib.closing(sqlite3.connect(big)) as source, contextlib.closing(sqlite3.connect(store_copy)) as to:
        source.backup(to)
    before = digest(store_copy)
    folder = tmp_path / "backups"
    folder.mkdir()
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(tmp_path / "no-such-folder"))
    with pytest.raises(TempFolderUnwritable) as caught:
        backup.make_backup(store_copy, folder, key_file=built.key)
    assert caught.value.facts["folder"] == str(tmp_path / "no-such-folder")
    assert sorted(p.name for p in folder.iterdir()) == []
    assert digest(store_copy) == before
    state = backup.read_state(backup.identity_of_live(store_copy).id)
    assert state.last_ok is False and state.last_problem != "check"  # the dashboard does not call the copy bad
