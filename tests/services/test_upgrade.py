"""The copy kept before an older store file is upgraded (``services.upgrade``):
where it goes and under what name, that it is made only for an older file and
never by ``verify``, that it is no backup (rotation and the backups' listing
never touch it), and the files refused with the file left as it was: a copy
that fails its check or whose check cannot run, a file from a newer version,
a file whose revision cannot be read."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import tempfile
import uuid
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select

from charity_pos import i18n
from charity_pos.db import migrate, plain
from charity_pos.db.models import AuditEntry
from charity_pos.errors import NewerDatabase, StoreRevisionUnknown, UpgradeCopyFailed
from charity_pos.ledger import verify as verifying
from charity_pos.messages import describe
from charity_pos.security.keys import UNSEALED_COPIES, key_path
from charity_pos.services import backup, upgrade
from charity_pos.services.store_file import open_store
from tests.conftest import FilledStore, store_id_of
from tests.helpers import run_cli

HEAD = migrate.STORE.head()
PREVIOUS = migrate.STORE.chain()[-2]


def english(_context: str, text: str) -> str:
    return text


def set_back(path: Path, revision: str = PREVIOUS) -> Path:
    """The store file as the version of ``revision`` left it (after the seal: its key file says it is sealed)."""
    assert not migrate.STORE.is_before(revision, "0006")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        command.downgrade(migrate.STORE.config(conn), revision)
        conn.commit()
    engine.dispose()
    return path


@pytest.fixture
def older(filled_store: FilledStore) -> Path:
    """A store file of the previous schema revision, with items, stock and a count."""
    return set_back(filled_store.path)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(path: Path) -> list[str]:
    """What is in the store's folder, its lock file apart (it stays, as after every opening)."""
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name + ".lock")


# --- when a copy is made, and its name -------------------------------------------------------------------
def test_a_file_at_this_versions_schema_is_opened_without_a_copy(filled_store: FilledStore) -> None:
    before = beside(filled_store.path)
    with open_store(filled_store.path) as db:
        assert db.upgrade is None
        with db.read() as s:
            assert s.scalars(select(AuditEntry).where(AuditEntry.action == upgrade.UPGRADED)).all() == []
    assert upgrade.copies_of(filled_store.path) == [] and beside(filled_store.path) == before


def test_an_older_file_is_copied_then_upgraded_and_told(older: Path) -> None:
    told: list[tuple[Path, object]] = []
    stop = upgrade.tell_to(lambda path, done: told.append((path, done)))
    try:
        with open_store(older) as db:
            done = db.upgrade
    finally:
        stop()
    assert done is not None and (done.before, done.after) == (PREVIOUS, HEAD)
    assert upgrade.copies_of(older) == [done.copy] and told == [(older, done)]
    assert plain.read_revision(done.copy) == PREVIOUS and plain.read_revision(older) == HEAD
    assert backup.check_copy(done.copy).authenticated, "a sealed copy, checked with the store's key file"
    assert run_cli("verify", "--db", older)[0] == 0
    with open_store(older) as db:  # told once: the next opening has nothing to tell
        assert db.upgrade is None
    assert len(told) == 1 and upgrade.copies_of(older) == [done.copy]


def test_the_copys_name_says_the_store_the_version_the_schema_and_when(tmp_path: Path) -> None:
    at = datetime(2026, 12, 5, 1, 30, 0, tzinfo=UTC)  # 09:30 in Shanghai
    db = tmp_path / "store.sqlite3"
    assert upgrade.copy_name(db, "0007_approval_limits", at).name == \
        "store.sqlite3.before-0.2.0-0007_approval_limits-20261205-093000.sqlite3"
    assert upgrade.copy_name(db, "0003", at, 2).name == "store.sqlite3.before-0.2.0-0003-20261205-093000-2.sqlite3"
    for name in ("store.sqlite3.before-0.2.0-0003-20261205-093000.sqlite3",
                 "store.sqlite3.before-0.2.0-0007_approval_limits-20261205-093000-2.sqlite3",
                 "store.sqlite3.before-0.3.0rc1-0016_future-20270101-000000.sqlite3"):
        (tmp_path / name).write_bytes(b"")
    for other in ("store.sqlite3.before-0.2.0-0003-20261205-093000.sqlite3.sha256",
                  "store.sqlite3.before-0.2.0-0003-20261205-093000.sqlite3.0a1b2c3d.partial",
                  "other.sqlite3.before-0.2.0-0003-20261205-093000.sqlite3", "store.sqlite3.replaced-20261205-093000",
                  "PT01-20261205-093000.sqlite3"):
        (tmp_path / other).write_bytes(b"")
    assert [p.name for p in upgrade.copies_of(db)] == [
        "store.sqlite3.before-0.2.0-0003-20261205-093000.sqlite3",
        "store.sqlite3.before-0.2.0-0007_approval_limits-20261205-093000-2.sqlite3",
        "store.sqlite3.before-0.3.0rc1-0016_future-20270101-000000.sqlite3"]


def test_two_copies_in_the_same_second_do_not_overwrite_each_other(older: Path, monkeypatch: pytest.MonkeyPatch
                                                                   ) -> None:
    from charity_pos.services import base

    at = datetime(2026, 12, 5, 1, 30, 0, tzinfo=UTC)
    monkeypatch.setattr(base, "system_clock", lambda: at)
    first = upgrade.keep_copy(older, PREVIOUS)
    second = upgrade.keep_copy(older, PREVIOUS)
    assert (first.name, second.name) == (upgrade.copy_name(older, PREVIOUS, at).name,
                                         upgrade.copy_name(older, PREVIOUS, at, 2).name)
    assert first.read_bytes() == second.read_bytes() and upgrade.copies_of(older) == [first, second]


def test_verify_never_copies_nor_upgrades(older: Path) -> None:
    before = digest(older)
    code, out, err = run_cli("verify", "--db", older, "--lang", "en")
    assert code == 0 and out.startswith("OK: ") and err == ""
    with open_store(older, upgrade=False) as db:  # verify's own way in when only Alembic reads the revision
        assert db.upgrade is None
    assert upgrade.copies_of(older) == [] and digest(older) == before
    assert plain.read_revision(older) == PREVIOUS


def test_the_copy_is_no_backup_rotation_and_the_backups_listing_never_touch_it(older: Path) -> None:
    with open_store(older) as db:
        assert db.upgrade is not None
        copy = db.upgrade.copy
    folder = older.parent  # even if a manager chose the store's own folder for the backups
    assert backup.backups_in(folder, "PT01") == []
    assert backup.rotate(folder, "PT01", backup.Keep(0, 0, 0)) == ()
    assert backup.remove_left_behind(folder, "PT01") == ()
    assert copy.is_file() and copy.with_name(copy.name + ".sha256").is_file()


def test_what_a_copy_killed_half_way_left_is_removed_by_the_next_opening(older: Path) -> None:
    ours = [older.name + ".before-0.2.0-" + PREVIOUS + "-20261205-093000.sqlite3.0a1b2c3d.partial",
            older.name + ".before-0.2.0-" + PREVIOUS + "-20261205-093000.sqlite3.0a1b2c3d.partial-journal",
            older.name + ".before-0.2.0-" + PREVIOUS + "-20261205-093000.sqlite3.sha256.12345678.partial"]
    others = ["other.db.before-0.2.0-0014-20261205-093000.sqlite3.0a1b2c3d.partial", "notes.txt.0a1b2c3d.partial"]
    for name in ours + others:
        (older.parent / name).write_bytes(b"half")
    with open_store(older) as db:
        assert db.upgrade is not None
    left = beside(older)
    assert not set(ours) & set(left) and set(others) <= set(left)


# --- refused, and left as it was -------------------------------------------------------------------------
def refused_untouched(path: Path, error: type[Exception]) -> Exception:
    """Opening ``path`` is refused with ``error``, twice (the first refusal let go of the file), and the file
    is as it was, byte for byte, with nothing left beside it."""
    before, around = digest(path), beside(path)
    for _ in range(2):
        with pytest.raises(error) as caught:
            open_store(path)
    assert digest(path) == before and beside(path) == around
    assert upgrade.copies_of(path) == []
    return caught.value


def test_a_copy_that_fails_its_check_refuses_the_upgrade(older: Path) -> None:
    with closing(sqlite3.connect(older)) as conn:  # a price changed behind the app's back
        conn.execute("UPDATE item SET sale_price_fen = sale_price_fen + 1 WHERE name = '东北大米 5kg'")
        conn.commit()
    refused = refused_untouched(older, UpgradeCopyFailed)
    assert refused.facts["reason"] == "check" and refused.facts["kind"] == "value"
    assert (refused.facts["before"], refused.facts["after"]) == (PREVIOUS, HEAD)
    assert plain.read_revision(older) == PREVIOUS
    sentence = describe(refused, english)
    assert sentence.startswith(f"{older} is from an earlier version of charity-pos (schema {PREVIOUS}) and must be "
                               f"upgraded to this version's schema ({HEAD})")
    assert "did not pass its check (value)" in sentence and "charity-pos verify" in sentence
    assert sentence.endswith("The store file was not upgraded and nothing in it was changed.")
    i18n.load_catalog("zh_CN")
    chinese = i18n.describe(refused)
    assert "未通过校验（value）" in chinese and "门店数据文件未升级，其中的内容没有任何改动" in chinese


def test_a_copy_whose_check_cannot_run_refuses_the_upgrade(older: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patched:  # (the test's home stays: monkeypatch.undo would undo it too)
        patched.setattr(verifying, "HELD", 0)  # the check's replay goes to a temporary file at once
        patched.setattr(tempfile, "mkstemp", full)
        patched.setenv("TMPDIR", str(tmp_path / "tmp"))
        refused = refused_untouched(older, UpgradeCopyFailed)
    assert refused.facts["reason"] == "check_not_run" and refused.facts["folder"] == str(tmp_path / "tmp")
    assert f"the temporary folder {tmp_path / 'tmp'} cannot be written" in describe(refused, english)
    with open_store(older) as db:  # room again: the same file is upgraded
        assert db.upgrade is not None


def test_a_file_from_a_newer_version_is_refused_before_any_copy(older: Path) -> None:
    with closing(sqlite3.connect(older)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
        conn.commit()
    refused = refused_untouched(older, NewerDatabase)
    assert refused.facts == {"path": str(older), "revision": "0099_from_the_future"}


@pytest.mark.parametrize(("rows", "state", "words"), [((), "", "its version table is empty"),
                                                     (("0005", "0009"), "several", "holding several revisions")])
def test_a_file_whose_revision_cannot_be_read_is_refused(older: Path, rows: tuple[str, ...], state: str,
                                                         words: str) -> None:
    with closing(sqlite3.connect(older)) as conn:
        conn.execute("DELETE FROM alembic_version")
        conn.executemany("INSERT INTO alembic_version VALUES (?)", [(r,) for r in rows])
        conn.commit()
    refused = refused_untouched(older, StoreRevisionUnknown)
    assert refused.facts == {"path": str(older), "revision": state}
    sentence = describe(refused, english)
    assert words in sentence and "nothing in it was changed" in sentence and "charity-pos restore" in sentence
    code, out, err = run_cli("show", "items", "--db", older, "--lang", "en")
    assert code == 1 and out == "" and err == f"Error: {sentence}\n"


@pytest.mark.parametrize("reason", ["no_space", "permission", "read_only", "check", "check_not_run", "other"])
def test_every_refusal_is_said_in_both_languages(reason: str) -> None:
    refused = UpgradeCopyFailed(path="D:/门店/store.sqlite3", before="0009", after=HEAD,
                                copy="D:/门店/store.sqlite3.before-0.2.0-0009-20261205-093000.sqlite3", reason=reason,
                                kind="value", folder="C:/Temp", detail="disk I/O error")
    sentence = describe(refused, english)
    assert "D:/门店/store.sqlite3.before-0.2.0-0009-20261205-093000.sqlite3" in sentence and "{" not in sentence
    i18n.load_catalog("zh_CN")
    chinese = i18n.describe(refused)
    assert "门店数据文件未升级" in chinese and "{" not in chinese and "0009" in chinese


def test_the_key_file_vouches_only_for_copies_from_before_the_seal(older: Path) -> None:
    """A copy from after the seal is checked with the key as it is: the key file lists nothing for it."""
    with open_store(older) as db:
        assert db.upgrade is not None
    assert UNSEALED_COPIES not in json.loads(key_path(uuid.UUID(store_id_of(older))).read_text())


def test_restore_puts_a_sealed_copy_back_and_the_next_opening_upgrades_it_again(older: Path) -> None:
    with open_store(older) as db:
        assert db.upgrade is not None
        copy = db.upgrade.copy
    code, out, err = run_cli("restore", "--db", older, "--from", copy, "--force", "--lang", "en")
    assert code == 0, err
    assert plain.read_revision(older) == PREVIOUS
    code, out, err = run_cli("verify", "--db", older, "--lang", "en")
    assert code == 0 and err == "", "the copy from after the seal, checked with the key file as it is"
    with open_store(older) as db:
        assert db.upgrade is not None and db.upgrade.copy != copy
    assert len(upgrade.copies_of(older)) == 2 and plain.read_revision(older) == HEAD
