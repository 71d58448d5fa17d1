"""Backups of the store: made online while the store is open, checked at
once, kept by rotation, restored only when sound and of the same store, and
the key file protected by a passphrase."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from charity_pos import config, messages
from charity_pos.services.store_file import open_store
from charity_pos.errors import (
    BackupCheckFailed,
    BackupFromOtherStore,
    KeyFileMissing,
    KeyFileOfOtherStore,
    NotABackup,
    NotAStoreDatabase,
    OutputFolderMissing,
    OutputNotAFolder,
    PassphraseRefused,
    PermissionDenied,
    ProtectedFile,
    RestoreWouldReplace,
    StoreInUse,
    StoreNotFound,
    WrongPassphrase,
)
from charity_pos.security.keys import key_path
from charity_pos.services import backup
from charity_pos.services.backup import Keep
from charity_pos.services.store import init_store
from tests.conftest import FakeClock

PASSPHRASE = "十二月的长征镇 2026"


def _verify_ok(path: Path) -> None:
    from charity_pos.ledger.verify import verify
    from charity_pos.security.keys import seal_key_for

    with open_store(path, upgrade=False) as db, db.engine.connect() as conn:
        key, _where, marked = seal_key_for(conn)
        report = verify(conn, key, key_says_sealed=marked)
    assert report.ok and report.authenticated, report.problem


def _other_store(tmp_path: Path) -> Path:
    path = tmp_path / "other" / "store.db"
    path.parent.mkdir()
    init_store(path, store_code="JA01", name="静安区慈善超市", district="静安区", manager_pin="9999").close()
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "usb"
    made.mkdir()
    return made


# --- making a backup --------------------------------------------------------------------------------
def test_a_backup_of_the_open_store_is_one_checked_file_named_by_store_and_time(
        services, manager, make_item, folder, clock) -> None:
    make_item("东北大米 5kg")
    result = backup.make_backup(services.db.path, folder, clock=clock)  # the store is open: online backup
    assert result.path == folder / "PT01-20260310-100000.sqlite3"  # 10:00 in Shanghai
    assert sorted(p.name for p in folder.iterdir()) == [result.path.name, result.path.name + ".sha256"], \
        "no partial, no -wal, no -journal; its checksum beside it"
    assert (folder / (result.path.name + ".sha256")).read_text().split()[1] == result.path.name
    assert result.authenticated and result.events >= 3
    assert stat.S_IMODE(result.path.stat().st_mode) & 0o077 == 0, "readable by its owner only"
    with sqlite3.connect(result.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete", "one file, no write-ahead log"
        assert conn.execute("SELECT name FROM item").fetchone()[0] == "东北大米 5kg"
    store_id = services.store().id
    services.close()
    _verify_ok(result.path)
    st = backup.status(store_id, folder, clock() + timedelta(hours=1))
    assert (st.level, st.reason, st.state.last_good_file) == ("ok", "ok", result.path.name)


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(services, folder, clock) -> None:
    first = backup.make_backup(services.db.path, folder, clock=clock)
    second = backup.make_backup(services.db.path, folder, clock=clock)
    assert first.path != second.path and first.path.exists() and second.path.name.endswith("-1.sqlite3")


def test_a_missing_usb_folder_fails_and_warns(services, tmp_path, clock) -> None:
    gone = tmp_path / "E-drive" / "backups"
    with pytest.raises(OutputFolderMissing):
        backup.make_backup(services.db.path, gone, clock=clock)
    assert not gone.exists(), "a chosen folder is never made: the USB disk is not there"
    st = backup.status(services.store().id, gone, clock())
    assert (st.level, st.reason) == ("warning", "folder_missing")


def test_a_folder_that_is_a_file_and_a_wrong_store_path(services, tmp_path, folder, clock) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    with pytest.raises(OutputNotAFolder):
        backup.make_backup(services.db.path, a_file, clock=clock)
    with pytest.raises(StoreNotFound):
        backup.make_backup(tmp_path / "nowhere.db", folder, clock=clock)
    with pytest.raises(NotAStoreDatabase):
        backup.make_backup(a_file, folder, clock=clock)
    assert list(folder.iterdir()) == []


def test_never_into_the_key_folder(services, clock) -> None:
    keys = key_path(services.store().id).parent
    with pytest.raises(ProtectedFile):
        backup.make_backup(services.db.path, keys, clock=clock)
    assert [p.suffix for p in keys.iterdir()] == [".key"]


def test_a_store_edited_behind_the_apps_back_gives_a_failed_check_and_an_alarm(
        services, make_item, folder, clock) -> None:
    make_item("东北大米 5kg")
    store_id = services.store().id
    services.close()
    with sqlite3.connect(services.db.path) as conn:
        assert conn.execute("UPDATE item SET sale_price_fen = 1").rowcount == 1
    with pytest.raises(BackupCheckFailed) as caught:
        backup.make_backup(services.db.path, folder, clock=clock)
    assert caught.value.facts["kind"] in ("value", "digest")
    assert list(folder.iterdir()) == [], "a copy that fails its check is not kept"
    st = backup.status(store_id, folder, clock())
    assert (st.level, st.reason) == ("alarm", "check_failed")


def test_the_first_start_of_each_day_makes_one_backup(services, folder, clock) -> None:
    settings = config.Settings(backup_folder=str(folder))
    assert backup.backup_at_start(services.db.path, settings, clock) is not None
    clock.advance(hours=3)
    assert backup.backup_at_start(services.db.path, settings, clock) is None, "the same day: none"
    clock.advance(hours=20)
    assert backup.backup_at_start(services.db.path, settings, clock) is not None
    assert len(list(folder.glob("*.sqlite3"))) == 2


def test_the_default_folder_is_made_in_the_data_folder(services, clock) -> None:
    result = backup.make_backup(services.db.path, config.Settings().backups, clock=clock)
    assert result.path.parent == config.data_dir() / "backups"


# --- rotation ------------------------------------------------------------------------------------------
def test_rotation_over_a_simulated_year_keeps_7_daily_4_weekly_12_monthly(tmp_path) -> None:
    clock = FakeClock(datetime(2026, 1, 1, 1, 0, tzinfo=UTC))  # 09:00 in Shanghai
    folder = tmp_path / "backups"
    folder.mkdir()
    end = clock() + timedelta(days=365)
    while clock() < end:
        for hours in (0, 9):  # the day's first start and the shift close
            at = clock() + timedelta(hours=hours)
            (folder / backup.backup_name("PT01", at)).write_bytes(b"")
            backup.rotate(folder, "PT01", Keep())
        clock.advance(days=1)
    kept = [at for at, _path in backup.backups_in(folder, "PT01")]
    days = sorted({at.date() for at in kept}, reverse=True)
    newest = kept[0]
    assert newest.date() == (end - timedelta(days=1)).date()
    assert days[:7] == [newest.date() - timedelta(days=i) for i in range(7)], "the last 7 days"
    assert len(kept) == len(days), "one a day at most: the day's last"
    assert all(at.hour == 18 for at in kept), "the day's last backup is the one kept"
    weeks = {at.isocalendar()[:2] for at in kept}
    months = {(at.year, at.month) for at in kept}
    assert len(months) == 12 and len(weeks) >= 4
    assert len(kept) <= 7 + 4 + 12
    # every one of the last 4 weeks and 12 months still has its last backup
    for weeks_back in range(4):
        week = (newest - timedelta(weeks=weeks_back)).isocalendar()[:2]
        assert week in weeks
    oldest = kept[-1]
    assert (newest - oldest).days > 300, "a backup from about a year ago is still there"


def test_rotation_never_removes_the_newest_good_backup_nor_others_files(tmp_path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    at = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    names = [backup.backup_name("PT01", at - timedelta(days=d)) for d in range(5)]
    for name in names:
        (folder / name).write_bytes(b"")
    (folder / "JA01-20260101-090000.sqlite3").write_bytes(b"")  # another store's
    (folder / "notes.txt").write_text("mine")
    removed = backup.rotate(folder, "PT01", Keep(0, 0, 0), protect={names[3]})
    left = sorted(p.name for p in folder.iterdir())
    assert names[0] in left and names[3] in left, "the newest, and the newest good one"
    assert "JA01-20260101-090000.sqlite3" in left and "notes.txt" in left
    assert len(removed) == 3


def test_make_backup_rotates_with_the_settings_counts(services, folder, clock) -> None:
    for _ in range(4):
        result = backup.make_backup(services.db.path, folder, clock=clock, keep=Keep(2, 0, 0))
        clock.advance(days=1)
    assert sorted(p.name for p in folder.glob("*.sqlite3"))[-1] == result.path.name
    assert len(list(folder.glob("*.sqlite3"))) == 2 and len(list(folder.glob("*.sha256"))) == 2, \
        "a removed backup's checksum goes with it"


# --- restore --------------------------------------------------------------------------------------------
@pytest.fixture
def made(services, make_item, folder, clock) -> Path:
    make_item("东北大米 5kg")
    result = backup.make_backup(services.db.path, folder, clock=clock)
    make_item("海天金标生抽 500ml", unit="瓶", price=1190, reference=1290)  # after the backup
    services.close()
    return result.path


def test_restore_refuses_to_replace_the_store_without_force(made, services) -> None:
    before = services.db.path.read_bytes()
    with pytest.raises(RestoreWouldReplace):
        backup.restore(services.db.path, made)
    assert services.db.path.read_bytes() == before


def test_restore_with_force_keeps_the_replaced_file_and_leaves_a_sound_store(made, services, clock) -> None:
    result = backup.restore(services.db.path, made, force=True, clock=clock)
    assert result.replaced == services.db.path.with_name("store.db.replaced-20260310-100000")
    assert result.replaced.exists() and result.authenticated
    _verify_ok(services.db.path)
    with sqlite3.connect(services.db.path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM item")]
    assert names == ["东北大米 5kg"], "the store as it was at the backup"
    with sqlite3.connect(result.replaced) as conn:
        assert len(list(conn.execute("SELECT name FROM item"))) == 2, "the replaced file is whole"


def test_restore_into_a_new_file(made, tmp_path) -> None:
    target = tmp_path / "new-pc" / "store.sqlite3"
    target.parent.mkdir()
    result = backup.restore(target, made)
    assert result.replaced is None and result.store.code == "PT01"
    _verify_ok(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["store.sqlite3", "store.sqlite3.lock"]


def test_restore_refuses_a_backup_of_another_store(made, services, tmp_path, folder, clock) -> None:
    other = _other_store(tmp_path)
    theirs = backup.make_backup(other, tmp_path / "other", clock=clock).path
    with pytest.raises(BackupFromOtherStore) as caught:
        backup.restore(services.db.path, theirs, force=True)
    assert caught.value.facts["found"] == "JA01" and caught.value.facts["expected"] == "PT01"
    with pytest.raises(KeyFileOfOtherStore):  # a new file, but the key file given is another store's
        backup.restore(tmp_path / "fresh.db", theirs, key_file=key_path(backup.identity_of(made).id))
    assert not (tmp_path / "fresh.db").exists()
    with pytest.raises(KeyFileOfOtherStore):
        backup.make_backup(other, folder, key_file=key_path(backup.identity_of(made).id), clock=clock)
    with pytest.raises(KeyFileMissing):
        backup.make_backup(other, folder, key_file=tmp_path / "no.key", clock=clock)
    assert list(folder.glob("*.sqlite3")) == [made]


def test_another_stores_key_file_is_told_in_a_sentence(made, tmp_path, clock) -> None:
    """The refusal reads as its own sentence (it once took the rebuild's, whose facts it lacks, and failed)."""
    other = _other_store(tmp_path)
    theirs = backup.make_backup(other, tmp_path / "other", clock=clock).path
    with pytest.raises(KeyFileOfOtherStore) as caught:
        backup.restore(tmp_path / "fresh.db", theirs, key_file=key_path(backup.identity_of(made).id))
    key = key_path(backup.identity_of(made).id)
    assert messages.describe(caught.value, lambda _context, text: text) == (
        f"{key} is the key file of another store, not of store JA01.")


def test_restore_refuses_while_the_app_holds_the_store(made, services) -> None:
    with open_store(services.db.path):
        with pytest.raises(StoreInUse):
            backup.restore(services.db.path, made, force=True)
    assert not list(services.db.path.parent.glob("*.replaced-*"))


def test_restore_refuses_a_corrupted_backup(made, services) -> None:
    before = services.db.path.read_bytes()
    with open(made, "r+b") as fh:
        fh.seek(made.stat().st_size // 2)
        fh.write(b"\x00garbage\xff" * 64)
    with pytest.raises((BackupCheckFailed, NotABackup)):
        backup.restore(services.db.path, made, force=True)
    assert services.db.path.read_bytes() == before
    assert sorted(p.name for p in services.db.path.parent.iterdir() if "partial" in p.name or "replaced" in p.name) == []


def test_restore_refuses_a_backup_with_a_row_edited(made, services) -> None:
    with sqlite3.connect(made) as conn:
        conn.execute("UPDATE item SET sale_price_fen = 1")
    with pytest.raises(BackupCheckFailed) as caught:
        backup.restore(services.db.path, made, force=True)
    assert caught.value.facts["kind"] == "checksum", "its checksum file says it changed"
    made.with_name(made.name + ".sha256").unlink()  # copied alone: verify still finds the edit
    with pytest.raises(BackupCheckFailed) as caught:
        backup.restore(services.db.path, made, force=True)
    assert caught.value.facts["kind"] in ("value", "digest")
    assert not list(services.db.path.parent.glob("*.replaced-*"))


def test_restore_refuses_the_store_itself_and_non_backups(made, services, tmp_path) -> None:
    with pytest.raises(ProtectedFile):
        backup.restore(tmp_path / "x.db", services.db.path)
    text = tmp_path / "backup.sqlite3"
    text.write_text("not a database")
    with pytest.raises(NotABackup):
        backup.restore(services.db.path, text, force=True)
    with pytest.raises(StoreNotFound):
        backup.restore(services.db.path, tmp_path / "missing.sqlite3", force=True)
    with pytest.raises(ProtectedFile):  # never restored over the settings file
        backup.restore(config.config_dir() / "settings.json", made)


# --- the key file, protected -----------------------------------------------------------------------
def test_the_key_file_protected_and_back(services, tmp_path) -> None:
    store_id = services.store().id
    original = key_path(store_id).read_bytes()
    out = backup.protect_key(services.db.path, tmp_path / "key.protected", PASSPHRASE)
    raw = json.loads(out.read_text())
    assert raw["format"] == backup.KEY_FORMAT and "aes_gcm" not in out.read_text()
    assert base64_free_of(original, out.read_bytes())
    key_path(store_id).unlink()
    assert backup.unprotect_key(out, PASSPHRASE, db_path=services.db.path) == key_path(store_id)
    assert key_path(store_id).read_bytes() == original
    assert stat.S_IMODE(key_path(store_id).stat().st_mode) == 0o600
    assert backup.unprotect_key(out, PASSPHRASE) == key_path(store_id), "the same key again: nothing to do"


def base64_free_of(secret: bytes, written: bytes) -> bool:
    raw = json.loads(secret)
    return all(raw[k].encode() not in written for k in ("aes_gcm", "hmac_sha256"))


def test_a_wrong_passphrase_or_a_changed_file_opens_nothing(services, tmp_path) -> None:
    out = backup.protect_key(services.db.path, tmp_path / "key.protected", PASSPHRASE)
    key_path(services.store().id).unlink()
    with pytest.raises(WrongPassphrase):
        backup.unprotect_key(out, "not the passphrase")
    raw = json.loads(out.read_text())
    raw["store_code"] = "XX"  # not covered: harmless; the data is
    data = bytearray(__import__("base64").b64decode(raw["data"]))
    data[5] ^= 1
    raw["data"] = __import__("base64").b64encode(bytes(data)).decode()
    out.write_text(json.dumps(raw))
    with pytest.raises(WrongPassphrase):
        backup.unprotect_key(out, PASSPHRASE)
    assert not key_path(services.store().id).exists()


def test_passphrase_rules_and_where_the_protected_file_may_go(services, tmp_path) -> None:
    with pytest.raises(PassphraseRefused) as caught:
        backup.protect_key(services.db.path, tmp_path / "k", "short")
    assert caught.value.facts["reason"] == "short"
    with pytest.raises(PassphraseRefused):
        backup.check_passphrase(PASSPHRASE, PASSPHRASE + "x")
    for target in (key_path(services.store().id), services.db.path, services.db.path.with_name("store.db-wal")):
        with pytest.raises(ProtectedFile):
            backup.protect_key(services.db.path, target, PASSPHRASE)
    key_path(services.store().id).read_bytes()  # untouched


def test_a_key_of_another_store_is_refused_and_a_different_key_never_replaced(services, tmp_path) -> None:
    other = _other_store(tmp_path)
    theirs = backup.protect_key(other, tmp_path / "theirs.key.protected", PASSPHRASE)
    with pytest.raises(BackupFromOtherStore):
        backup.unprotect_key(theirs, PASSPHRASE, db_path=services.db.path)
    mine = backup.protect_key(services.db.path, tmp_path / "mine.key.protected", PASSPHRASE)
    path = key_path(services.store().id)
    path.write_text(path.read_text().replace('"hmac_sha256": "', '"hmac_sha256": "AA'))
    changed = path.read_bytes()
    with pytest.raises(ProtectedFile):
        backup.unprotect_key(mine, PASSPHRASE)
    assert path.read_bytes() == changed
    not_ours = tmp_path / "plain.json"
    not_ours.write_text("{}")
    with pytest.raises(NotABackup):
        backup.unprotect_key(not_ours, PASSPHRASE)


# --- the folder, a manager's choice ---------------------------------------------------------------------
def test_only_a_manager_chooses_the_backup_folder(services, manager, cashier, folder, tmp_path) -> None:
    settings = config.Settings.load()
    with pytest.raises(PermissionDenied):
        backup.change_settings(services.ctx, cashier, settings, str(folder))
    assert config.Settings.load().backup_folder == ""
    with pytest.raises(OutputFolderMissing):
        backup.change_settings(services.ctx, manager, settings, str(tmp_path / "F-drive"))
    with pytest.raises(ProtectedFile):
        backup.change_settings(services.ctx, manager, settings, str(key_path(services.store().id).parent))
    backup.change_settings(services.ctx, manager, settings, str(folder), Keep(3, 2, 6))
    saved = config.Settings.load()
    assert (saved.backups, saved.backup_keep_daily, saved.backup_keep_weekly, saved.backup_keep_monthly) == (
        folder, 3, 2, 6)


def test_an_edited_settings_file_cannot_set_odd_counts(tmp_path) -> None:
    folder = config.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps({"backup_keep_daily": -3, "backup_keep_weekly": "x",
                                                      "backup_folder": 5}))
    loaded = config.Settings.load()
    assert (loaded.backup_keep_daily, loaded.backup_keep_weekly, loaded.backup_folder) == (7, 4, "")


def test_status_warns_when_the_last_good_backup_is_over_two_days_old(services, folder, clock) -> None:
    store_id = services.store().id
    assert backup.status(store_id, folder, clock()).reason == "never"
    backup.make_backup(services.db.path, folder, clock=clock)
    assert backup.status(store_id, folder, clock() + timedelta(days=2)).level == "ok"
    assert backup.status(store_id, folder, clock() + timedelta(days=2, minutes=1)).reason == "stale"
    os.rename(folder, folder.with_name("unplugged"))
    assert backup.status(store_id, folder, clock()).reason == "folder_missing"


# --- at shift close ----------------------------------------------------------------------------------
def test_a_backup_follows_each_shift_close_and_a_failed_one_never_undoes_it(
        services, cashier, folder, tmp_path, clock) -> None:
    made: list[object] = []
    target = {"folder": folder}

    def after_close(_changes) -> None:
        made.append(backup.make_backup(services.db.path, target["folder"], clock=clock))

    services.shifts.after_close.append(after_close)
    services.shifts.open(cashier, "1", 50000)
    closed = services.shifts.close(cashier, "1", {10000: 5})
    assert len(made) == 1 and made[0].path.exists()
    with sqlite3.connect(made[0].path) as conn:
        assert conn.execute("SELECT closed_at FROM cash_shift").fetchone()[0] is not None, "the close is in it"
    target["folder"] = tmp_path / "unplugged"
    clock.advance(hours=1)
    services.shifts.open(cashier, "1", 50000)
    again = services.shifts.close(cashier, "1", {10000: 5})  # the backup fails: the close stands
    assert again.number != closed.number and services.shifts.current("1") is None
    assert backup.status(services.store().id, target["folder"], clock()).reason == "folder_missing"


def test_a_restore_that_cannot_put_the_file_in_place_leaves_the_old_store(made, services, monkeypatch) -> None:
    from charity_pos.errors import OutputNotWritable

    before = services.db.path.read_bytes()
    real_replace = os.replace

    def full_disk(src, dst):
        if str(src).endswith(".partial"):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OutputNotWritable):
        backup.restore(services.db.path, made, force=True)
    monkeypatch.setattr(os, "replace", real_replace)
    assert services.db.path.read_bytes() == before, "the old store is back in place"
    assert sorted(p.name for p in services.db.path.parent.iterdir()
                  if "replaced" in p.name or "partial" in p.name) == []


def test_a_full_backup_disk_is_said_and_leaves_no_half_file(services, folder, clock, monkeypatch) -> None:
    from charity_pos.errors import OutputNotWritable

    def full(_source: Path, target: Path) -> None:
        target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # half a copy, then the disk is full
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "_copy_online", full)
    with pytest.raises(OutputNotWritable) as caught:
        backup.make_backup(services.db.path, folder, clock=clock)
    assert caught.value.facts["reason"] == "no_space"
    assert list(folder.iterdir()) == []
    st = backup.status(services.store().id, folder, clock())
    assert (st.level, st.reason) == ("warning", "failed")
    assert services.shifts.current("1") is None  # the store goes on


def test_folder_names_with_spaces_and_uri_characters(services, tmp_path, clock) -> None:
    odd = tmp_path / "U 盘 #1 %20?"
    odd.mkdir()
    made = backup.make_backup(services.db.path, odd, clock=clock)
    assert made.path.parent == odd and backup.identity_of(made.path).code == "PT01"


def test_the_default_folder_not_made_yet_is_not_called_missing(services, clock) -> None:
    from charity_pos import config

    default = config.default_backup_folder()
    assert not default.exists()
    st = backup.status(services.store().id, default, clock())
    assert (st.level, st.reason) == ("warning", "never"), "a fresh store is told it has no backup yet, not to plug in a disk"
    backup.make_backup(services.db.path, default, clock=clock)
    assert default.is_dir() and backup.status(services.store().id, default, clock()).level == "ok"
