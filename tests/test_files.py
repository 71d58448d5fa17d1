"""The one guard and writer for every file charity-pos writes where a user
said (``charity_pos.files``): the app's own files are refused however the
path is spelt, someone else's file only with ``force``, and a write is the
whole file or nothing."""

from __future__ import annotations

import errno
import json
import os
import sys
import uuid
from pathlib import Path

import pytest

from charity_pos import config, files
from charity_pos.errors import (
    OutputExists,
    OutputFolderMissing,
    OutputIsFolder,
    OutputNotAFolder,
    OutputNotWritable,
    ProtectedFile,
)
from charity_pos.security.keys import key_path

STORE_ID = uuid.UUID("0b6e6a55-7f24-4c4e-9f0e-6a7c2b1d9e01")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A file that looks like a store: SQLite's header, a -wal, a lock, a key file."""
    db = tmp_path / "shop" / "store.sqlite3"
    db.parent.mkdir()
    db.write_bytes(files.SQLITE_HEADER + b"\0" * 100)
    (db.parent / "store.sqlite3-wal").write_bytes(files.WAL_MAGIC[0] + b"\0" * 28)
    (db.parent / "store.sqlite3.lock").write_bytes(b"")
    key = key_path(STORE_ID)
    key.parent.mkdir(parents=True)
    key.write_text(json.dumps({"store": str(STORE_ID), "aes_gcm": "x", "hmac_sha256": "y"}))
    return db


def protect(db: Path) -> files.Protected:
    return files.store_files(db, STORE_ID)


def what(target: Path, db: Path, **kw) -> str:
    with pytest.raises(ProtectedFile) as caught:
        files.check_target(target, protect(db), **kw)
    assert caught.value.path == str(target)
    return str(caught.value.what)


def test_the_store_and_its_companions_are_refused_even_with_force(store: Path) -> None:
    for name, kind in [("store.sqlite3", "store"), ("store.sqlite3-wal", "store_part"),
                       ("store.sqlite3-shm", "store_part"), ("store.sqlite3-journal", "store_part"),
                       ("store.sqlite3.lock", "lock")]:
        assert what(store.parent / name, store, force=True) == kind, name


def test_key_files_and_their_folder_and_the_settings_are_refused(store: Path) -> None:
    assert what(key_path(STORE_ID), store, force=True) == "key"
    assert what(key_path(STORE_ID).parent / "new.pdf", store) == "key"
    assert what(config.config_dir() / "hub-keys" / "x.key", store) == "key"
    assert what(config.config_dir() / "settings.json", store, force=True) == "settings"


def test_the_store_in_the_settings_and_the_default_hub_are_refused(tmp_path: Path, store: Path) -> None:
    other = tmp_path / "elsewhere" / "main.sqlite3"
    config.Settings(store_path=str(other)).save()
    assert what(other, store) == "store"
    assert what(other.with_name("main.sqlite3-shm"), store) == "store_part"
    assert what(config.data_dir() / "hub.sqlite3-wal", store) == "hub_part"


def test_however_the_path_is_spelt(store: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent.pdf"
    link.symlink_to(store)
    assert what(link, store, force=True) == "store"
    assert what(store.parent / ".." / "shop" / "store.sqlite3", store) == "store"
    folder_link = tmp_path / "via"
    folder_link.symlink_to(store.parent, target_is_directory=True)
    assert what(folder_link / "store.sqlite3-shm", store) == "store_part"
    hard = tmp_path / "hard.pdf"
    os.link(store, hard)
    assert what(hard, store, force=True) == "store"
    # a name that differs only in case, in the same folder (a case-insensitive disk: Windows, macOS, a USB stick)
    assert what(store.parent / "STORE.SQLITE3-WAL", store) == "store_part"


def test_any_database_and_its_companions_are_refused_wherever_they_lie(tmp_path: Path) -> None:
    stranger = tmp_path / "copy" / "backup.db"
    stranger.parent.mkdir()
    stranger.write_bytes(files.SQLITE_HEADER + b"\0" * 10)
    nothing = files.Protected()
    for target, kind in [(stranger, "database"), (stranger.with_name("backup.db-wal"), "database_part"),
                         (stranger.with_name("backup.db-shm"), "database_part"),
                         (stranger.with_name("backup.db.lock"), "lock")]:
        with pytest.raises(ProtectedFile) as caught:
            files.check_target(target, nothing, force=True)
        assert caught.value.what == kind
    wal = tmp_path / "loose-wal"
    wal.write_bytes(files.WAL_MAGIC[1] + b"\0" * 28)
    key = tmp_path / "backup.key"
    key.write_text(json.dumps({"hub": "x", "ed25519": "k"}))
    for target, kind in [(wal, "database_part"), (key, "key")]:
        with pytest.raises(ProtectedFile) as caught:
            files.check_target(target, nothing, force=True)
        assert caught.value.what == kind


def test_someone_elses_file_needs_force_and_the_apps_own_does_not(tmp_path: Path) -> None:
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4 someone else's\n%%EOF")
    with pytest.raises(OutputExists):
        files.check_target(letter, files.Protected(), ours=files.is_our_pdf)
    assert files.check_target(letter, files.Protected(), force=True) == letter
    ours = tmp_path / "receipt.pdf"
    ours.write_bytes(b"%PDF-1.4\n1 0 obj << " + files.PDF_CREATOR + b" >> endobj\n%%EOF")
    assert files.check_target(ours, files.Protected(), ours=files.is_our_pdf) == ours
    dangling = tmp_path / "dangling.pdf"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputExists):
        files.check_target(dangling, files.Protected(), ours=files.is_our_pdf)


def test_json_files_are_recognised_by_their_format(tmp_path: Path) -> None:
    registration = tmp_path / "r.json"
    registration.write_text(json.dumps({"format": "charity-pos-store/1"}))
    assert files.json_format("charity-pos-store/1")(registration)
    assert not files.json_format("charity-pos-trust/1")(registration)
    registration.write_text("[1, 2]")
    assert not files.json_format("charity-pos-store/1")(registration)


def test_folders_missing_and_folders_given_for_files(tmp_path: Path) -> None:
    with pytest.raises(OutputIsFolder):
        files.check_target(tmp_path, files.Protected())
    with pytest.raises(OutputFolderMissing) as caught:
        files.check_target(tmp_path / "gone" / "x.pdf", files.Protected())
    assert caught.value.path == str(tmp_path / "gone")
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    with pytest.raises(OutputNotWritable) as caught:
        files.check_target(plain / "x.pdf", files.Protected())
    assert caught.value.reason == "not_a_folder"
    with pytest.raises(OutputNotAFolder):
        files.check_folder(plain, files.Protected())
    with pytest.raises(OutputFolderMissing):
        files.check_folder(tmp_path / "gone", files.Protected())


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    with pytest.raises(OutputNotWritable) as caught:
        files.check_target(Path("/dev/null"), files.Protected(), force=True)
    assert caught.value.reason == "special"


def test_a_write_is_the_whole_file_or_nothing(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    assert files.write_bytes(out, b"%PDF-1", files.Protected()) == out
    assert out.read_bytes() == b"%PDF-1"

    def broken(path: Path) -> None:
        path.write_bytes(b"half")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        files.write_file(out, broken, files.Protected(), force=True)
    assert out.read_bytes() == b"%PDF-1" and sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]


def test_the_file_systems_refusals_are_typed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "a.pdf"

    def full(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputNotWritable) as caught:
        files.write_file(out, full, files.Protected())
    assert (caught.value.path, caught.value.reason) == (str(out), "no_space")
    real = os.open

    def denied(path, *args, **kwargs):
        if str(path).endswith(".partial"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", denied)
    with pytest.raises(OutputNotWritable) as caught:
        files.write_bytes(out, b"x", files.Protected())
    assert caught.value.reason == "permission"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root (or Windows) writes anywhere")
def test_a_folder_without_the_right_to_write(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputNotWritable) as caught:
            files.write_bytes(locked / "a.pdf", b"x", files.Protected())
        assert caught.value.reason == "permission"
    finally:
        locked.chmod(0o700)


def test_finish_puts_the_file_in_place_before_the_block_ends(tmp_path: Path) -> None:
    out = tmp_path / "slip.pdf"
    with files.writing(out, files.Protected()) as pending:
        pending.partial.write_bytes(b"%PDF")
        files.finish(pending.partial)
        assert out.read_bytes() == b"%PDF"
    files.finish(tmp_path / "not-pending.pdf")  # a path being printed, not saved: nothing to do
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slip.pdf"]


def test_a_private_file_is_its_owners_only(tmp_path: Path) -> None:
    out = files.write_bytes(tmp_path / "trust.json", b"{}", files.Protected(), private=True)
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
