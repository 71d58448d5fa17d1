"""A store file from the first schema revision (0001), filled with what that
version held, is upgraded by this version to the newest: a checked copy of
it as it was is kept first, the upgrade passes ``charity-pos verify``
(sealed as it was, with its key file), everything 0001 held is still there,
the store works on, and the copy is put back by ``charity-pos restore``."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

from charity_pos.db import migrate, plain
from charity_pos.db.models import AuditEntry
from charity_pos.errors import UpgradeCopyFailed
from charity_pos.security.keys import SEALED, UNSEALED_COPIES, StoreKeys, key_path
from charity_pos.services import backup, upgrade
from charity_pos.services.base import STORE_SETUP
from charity_pos.services.registry import Services
from charity_pos.services.store_file import open_store
from tests.db import store_0001
from tests.helpers import run_cli


@pytest.fixture
def old(tmp_path: Path) -> store_0001.Held:
    return store_0001.build(tmp_path / "store.sqlite3")


def revision_of(path: Path) -> str | None:
    return plain.read_revision(path)


def dump(path: Path) -> list[str]:
    """The file's whole content as SQL (schema and every row)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return list(conn.iterdump())


def test_the_file_is_made_at_0001_for_real(old: store_0001.Held) -> None:
    """Not a newer file set back: Alembic's first revision, and the rows 0001's tables take."""
    assert revision_of(old.path) == "0001" != migrate.STORE.head()
    with closing(sqlite3.connect(old.path)) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == set(store_0001.tables_0001()) | {"alembic_version"}
        assert conn.execute("SELECT count(*) FROM journal_event").fetchone()[0] == old.events == 11
    raw = json.loads(key_path(old.store_id).read_text())
    assert set(raw) == {"store", "aes_gcm", "hmac_sha256"}, "the key file as that version wrote it"
    code, out, err = run_cli("verify", "--db", old.path, "--lang", "en")
    assert code == 0 and out.startswith("OK: 11 journal events") and "earlier version (schema 0001)" in err


def test_it_is_upgraded_to_the_newest_after_a_checked_copy_and_keeps_everything(old: store_0001.Held) -> None:
    before = old.path.read_bytes()
    content = dump(old.path)
    code, out, err = run_cli("show", "items", "--db", old.path, "--lang", "en")  # a command that opens it
    assert code == 0 and "东北大米 5kg" in out

    # the copy, kept beside the store file, as it was: at 0001, the same rows, checked, with its checksum
    copies = upgrade.copies_of(old.path)
    assert len(copies) == 1
    copy = copies[0]
    head = migrate.STORE.head()
    assert copy.name.startswith(f"store.sqlite3.before-0.2.0-0001-") and copy.suffix == ".sqlite3"
    assert err == (f"The store file {old.path} was upgraded from schema 0001 to {head} by charity-pos 0.2.0; "
                   f"the file as it was is kept as {copy}.\n"), "one line on stderr"
    assert revision_of(copy) == "0001"
    assert dump(copy) == content, "every row and the schema, as they were"
    copied = copy.read_bytes()
    assert len(copied) == len(before)
    # SQLite's online backup writes the copy as one file (no write-ahead log: header bytes 18-19) and
    # counts its schema as changed once (the schema cookie, bytes 40-43); every other byte is the old file's
    assert [i for i in range(len(before)) if before[i] != copied[i]] == [18, 19, 43]
    assert copy.stat().st_mode & 0o777 == 0o600
    digest = hashlib.sha256(copied).hexdigest()
    assert copy.with_name(copy.name + ".sha256").read_text() == f"{digest}  {copy.name}\n"
    checked = backup.check_copy(copy)
    assert checked.events == old.events and checked.vouched, "the key file vouches for the copy from before the seal"

    # the store is at the newest schema, sealed with its key, and passes verify (authenticated)
    assert revision_of(old.path) == head
    code, out, err = run_cli("verify", "--db", old.path, "--lang", "en")
    assert code == 0 and out.startswith(f"OK: {old.events} journal events") and err == "", err
    raw = json.loads(key_path(old.store_id).read_text())
    assert raw[SEALED] is True and raw[UNSEALED_COPIES] == [digest]

    # everything 0001 held is there, read by this version's services
    services = Services.open(old.path)
    try:
        assert services.db.upgrade is None, "opened again: already at the newest, no second upgrade"
        assert upgrade.copies_of(old.path) == [copy], "and no second copy"
        store = services.store()
        assert (store.id, store.code, store.name) == (old.store_id, "PT01", "普陀区长征镇慈善超市")
        for name, (item_id, barcode, price, reference, source, on_hand) in old.items.items():
            item = services.catalog.get(item_id)
            assert (item.name, item.barcode, item.sale_price_fen, item.reference_price_fen, item.source.value,
                    item.on_hand) == (name, barcode, price, reference, source, on_hand)
            assert services.stock.on_hand(item_id) == on_hand
        [donation] = services.intake.donations(STORE_SETUP)
        assert (donation.number, donation.total_value_fen, donation.cash_fen, donation.units, donation.donor_name,
                donation.receipt_number) == (old.donation_number, old.donation_value_fen, old.cash_fen, 3, "陈建国",
                                             old.receipt_number)
        [household] = services.households.households()
        assert (household.card_number, household.id_masked, household.members) == (
            old.card_number, "310104********7620", 2)
        manager = services.accounts.login("manager", store_0001.MANAGER_PIN)  # the PIN hash 0001 stored
        assert services.households.reveal_id(manager, old.household_id) == store_0001.ID_NUMBER, \
            "the ID number decrypts with the key file 0001 wrote"
        with services.db.read() as s:
            notes = s.scalars(select(AuditEntry).where(AuditEntry.action == upgrade.UPGRADED)).all()
        assert [json.loads(n.detail) for n in notes] == [
            {"before": "0001", "after": head, "version": "0.2.0", "copy": copy.name}], "the audit log notes it"
        with closing(sqlite3.connect(old.path)) as conn:
            for table, count in old.counts.items():
                found = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                # the audit log: + the upgrade's note, the manager's log-in and the ID number's reveal just now
                assert found == count + (3 if table == "audit_entry" else 0), table

        # the store works on: goods received, a cashier logs in, and the file still verifies
        services.stock.receive(manager, {old.items["东北大米 5kg"][0]: 5}, note="到货")
        services.accounts.login("cashier", store_0001.CASHIER_PIN)
        assert services.stock.on_hand(old.items["东北大米 5kg"][0]) == 23
    finally:
        services.close()
    code, out, err = run_cli("verify", "--db", old.path, "--lang", "en")
    assert code == 0 and out.startswith(f"OK: {old.events + 1} journal events") and err == "", err


def test_the_copy_is_put_back_by_restore_and_upgraded_again(old: store_0001.Held) -> None:
    content = dump(old.path)
    assert run_cli("show", "items", "--db", old.path)[0] == 0
    [copy] = upgrade.copies_of(old.path)
    services = Services.open(old.path)
    manager = services.accounts.login("manager", store_0001.MANAGER_PIN)
    services.stock.receive(manager, {old.items["上海药皂 125g"][0]: 6})  # business after the upgrade
    services.close()

    code, out, err = run_cli("restore", "--db", old.path, "--from", copy, "--lang", "en")
    assert code == 1 and "--force" in err, "a store is never replaced without --force"
    code, out, err = run_cli("restore", "--db", old.path, "--from", copy, "--force", "--lang", "en")
    assert code == 0, err
    assert revision_of(old.path) == "0001" and dump(old.path) == content, "the file from before the upgrade"
    assert SEALED not in json.loads(key_path(old.store_id).read_text()), "a file from before the seal again"
    replaced = [p for p in old.path.parent.iterdir() if p.name.startswith("store.sqlite3.replaced-")]
    assert replaced, "the upgraded store is kept aside, as by every restore"

    code, out, err = run_cli("show", "items", "--db", old.path, "--lang", "en")
    assert code == 0 and "upgraded from schema 0001" in err
    assert len(upgrade.copies_of(old.path)) == 2, "a new copy before the new upgrade; the first is kept"
    code, out, err = run_cli("verify", "--db", old.path, "--lang", "en")
    assert code == 0 and out.startswith(f"OK: {old.events} journal events") and err == "", err


def test_verify_never_upgrades_nor_copies(old: store_0001.Held) -> None:
    before = old.path.read_bytes()
    for lang in ("en", "zh_CN"):
        code, out, _err = run_cli("verify", "--db", old.path, "--lang", lang)
        assert code == 0
    assert upgrade.copies_of(old.path) == [] and revision_of(old.path) == "0001"
    assert old.path.read_bytes() == before


def test_the_line_on_stderr_is_chinese_by_default(old: store_0001.Held) -> None:
    code, out, err = run_cli("show", "stock", "--db", old.path)
    [copy] = upgrade.copies_of(old.path)
    assert code == 0 and err == (f"门店数据文件 {old.path} 已由 charity-pos 0.2.0 从数据结构 0001 升级到 "
                                 f"{migrate.STORE.head()}；升级前的原文件保存为 {copy}。\n")


def test_a_store_set_back_to_before_the_seal_by_hand_is_not_upgraded(old: store_0001.Held) -> None:
    """The key file says its store was sealed; a file without the seal passed off as it is refused (the copy
    fails its check: "downgraded"), not sealed as it is: else anyone could rewrite a store as an
    unsealed file and have the next opening seal the forgery."""
    assert run_cli("show", "items", "--db", old.path)[0] == 0  # upgraded and sealed: the key file says so now
    [copy] = upgrade.copies_of(old.path)
    with closing(sqlite3.connect(copy)) as conn:  # the copy from before the seal, with a price changed
        conn.execute("UPDATE item SET sale_price_fen = 100")
        conn.commit()
    forged = old.path.with_name("forged.sqlite3")
    copy.rename(forged)
    before = forged.read_bytes()
    code, out, err = run_cli("show", "items", "--db", forged, "--lang", "en")
    assert code == 1 and out == ""
    assert "did not pass its check" in err and "The store file was not upgraded" in err, err
    assert forged.read_bytes() == before and upgrade.copies_of(forged) == []
    code, out, err = run_cli("restore", "--db", old.path, "--from", forged, "--force", "--lang", "en")
    assert code == 1 and "did not pass its check" in err, "nor restored: the key file vouches for the copy as it was"


def test_a_file_from_before_the_seal_without_its_key_file_is_not_copied_nor_upgraded(old: store_0001.Held) -> None:
    key_path(old.store_id).unlink()
    before = old.path.read_bytes()
    code, out, err = run_cli("show", "items", "--db", old.path, "--lang", "en")
    assert code == 1 and "key file" in err and err.count("\n") == 1
    assert old.path.read_bytes() == before and upgrade.copies_of(old.path) == []
    assert [p.name for p in old.path.parent.iterdir() if p.name != "store.sqlite3.lock"] == ["store.sqlite3"]


def test_the_store_id_is_what_the_copy_and_the_key_say(old: store_0001.Held) -> None:
    assert run_cli("show", "items", "--db", old.path)[0] == 0
    [copy] = upgrade.copies_of(old.path)
    assert backup.identity_of(copy) == backup.StoreIdentity(old.store_id, "PT01")
    assert uuid.UUID(json.loads(key_path(old.store_id).read_text())["store"]) == old.store_id


def test_no_copy_stays_when_the_key_file_cannot_note_it(old: store_0001.Held, monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy is made and checked, then the key file cannot be written (a full disk): the upgrade is refused,
    and the copy goes too (no copy of an upgrade that did not happen)."""
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    before, key_before = old.path.read_bytes(), key_path(old.store_id).read_bytes()
    with monkeypatch.context() as patched, pytest.raises(UpgradeCopyFailed) as caught:
        patched.setattr(StoreKeys, "vouch_for_copy", staticmethod(full))
        open_store(old.path)
    assert caught.value.facts["reason"] == "no_space"
    assert old.path.read_bytes() == before and key_path(old.store_id).read_bytes() == key_before
    assert sorted(p.name for p in old.path.parent.iterdir()) == ["store.sqlite3", "store.sqlite3.lock"]
    with open_store(old.path) as db:
        assert db.upgrade is not None
