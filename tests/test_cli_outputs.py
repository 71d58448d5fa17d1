"""Every command that writes a file where it is told (receipt, labels, slip,
store-key, export-bundle, hub add-store, hub export-bundle) refuses the
store's own files and the hub's, however the path is spelt, even with
--force; replaces someone else's file only with --force; and says in one
line why it cannot write, with nothing changed: no file, no number used,
no print counted (README, "Command line")."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from charity_pos import config, files
from charity_pos.security.keys import key_path
from charity_pos.services.catalog import Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from tests.helpers import run_cli
from tests.test_cli import dump, one_error_line

WRITERS = ("receipt", "labels", "slip", "store-key", "export-bundle", "hub add-store", "hub export-bundle")
TILL = "1"


@dataclass
class Shop:
    """A closed store with a donation and a sale, registered at a hub."""

    db: Path
    store_id: uuid.UUID
    donation: str
    sale: str
    hub: Path
    registration: Path
    outbox: Path

    def argv(self, command: str, out: Path, *extra: object) -> list[object]:
        return {
            "receipt": ["receipt", "--db", self.db, "--donation", self.donation, "--out", out],
            "labels": ["labels", "--db", self.db, "--donation", self.donation, "--template", "a4-3x8", "--out", out],
            "slip": ["slip", "--db", self.db, "--sale", self.sale, "--out", out],
            "store-key": ["store-key", "--db", self.db, "--out", out],
            "export-bundle": ["export-bundle", "--db", self.db, "--out", out],
            "hub add-store": ["hub", "add-store", "--hub", self.hub, "--registration", self.registration, "--out", out],
            "hub export-bundle": ["hub", "export-bundle", "--hub", self.hub, "--store-code", "PT01", "--out", out],
        }[command] + ["--lang", "en", *extra]

    def writes_into_folder(self, command: str) -> bool:
        return command.endswith("export-bundle")


@pytest.fixture
def shop(capsys, services, manager, cashier, make_item, store_db, clock, tmp_path) -> Shop:
    coat = make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500, reference=12000,
                     source=Source.DONATED)
    donation = services.intake.receive(cashier, IntakeDraft(None, (
        IntakeLine(coat.id, 2, Condition.AS_NEW, Valuation.MARKET, 10000),))).number
    services.shifts.open(cashier, TILL, 20000)
    sale = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), TILL, (LineDraft(coat.id, 1),),
                                                      (PaymentDraft("cash", 2500),), 0, None)).number
    store_id = services.store().id
    store_db.close()
    config.Settings(language="en").save()  # the settings file exists, to be refused
    hub = tmp_path / "hub.sqlite3"
    registration = tmp_path / "PT01.store.json"
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    (tmp_path / "sub").mkdir()
    for argv in (["hub", "init", "--hub", hub, "--district", "普陀区"],
                 ["store-key", "--db", store_db.path, "--out", registration],
                 ["hub", "add-store", "--hub", hub, "--registration", registration, "--out", tmp_path / "trust.json"]):
        code, out, err = run_cli(*argv)
        assert code == 0, err
    return Shop(store_db.path, store_id, str(donation), str(sale), hub, registration, outbox)


def snapshot(shop: Shop) -> dict[str, bytes | None]:
    """Every file the commands must leave alone, byte for byte (None: not there)."""
    paths = [shop.db, *(shop.db.with_name(shop.db.name + s) for s in ("-wal", "-shm", "-journal", ".lock")),
             key_path(shop.store_id), config.config_dir() / "settings.json", shop.hub,
             *(config.config_dir() / "hub-keys").iterdir()]
    return {str(p): p.read_bytes() if p.exists() else None for p in paths}


def own_files(shop: Shop) -> dict[str, Path]:
    """The store's (and the hub's) files, and other ways to name the store's database."""
    tmp = shop.db.parent
    link = tmp / "looks-harmless.pdf"
    if not link.is_symlink():
        link.symlink_to(shop.db)
    return {
        "db": shop.db, "wal": shop.db.with_name(shop.db.name + "-wal"), "shm": shop.db.with_name(shop.db.name + "-shm"),
        "lock": shop.db.with_name(shop.db.name + ".lock"), "key": key_path(shop.store_id),
        "settings": config.config_dir() / "settings.json", "symlink": link,
        "dotdot": tmp / "sub" / ".." / shop.db.name, "hub": shop.hub,
        "hub-key": next((config.config_dir() / "hub-keys").glob("*.key")),
    }


def verifies(capsys, shop: Shop) -> None:
    code, out, err = run_cli("verify", "--db", shop.db, "--lang", "en")
    assert (code, err) == (0, "") and out.startswith("OK: ")


@pytest.mark.parametrize("command", WRITERS)
def test_no_command_writes_over_the_stores_own_files(capsys, shop, command) -> None:
    run_cli("verify", "--db", shop.db)  # the lock file as an opened store leaves it
    before, rows, outbox = snapshot(shop), dump(shop.db), sorted(shop.outbox.iterdir())
    for name, target in own_files(shop).items():
        for force in ((), ("--force",)):
            line = one_error_line(*run_cli(*shop.argv(command, target, *force)), english=True)
            assert line.startswith(f"Error: {target} is ") and "charity-pos never writes over it" in line, (name, line)
            assert snapshot(shop) == before, (name, force)
    assert dump(shop.db) == rows, "no number used, no print counted, no export mark moved"
    assert sorted(shop.outbox.iterdir()) == outbox
    assert not list(shop.db.parent.rglob("*.partial"))
    verifies(capsys, shop)


def test_the_messages_name_what_the_file_is(capsys, shop) -> None:
    targets = own_files(shop)
    expected = {
        "db": "the store's database", "wal": "part of the store's database (its -wal, -shm or -journal file)",
        "lock": "the store's lock file", "key": "a key file, or in the folder of the key files",
        "settings": "the settings file", "symlink": "the store's database", "dotdot": "the store's database",
    }
    for name, what in expected.items():
        line = one_error_line(*run_cli(*shop.argv("receipt", targets[name])), english=True)
        assert line == f"Error: {targets[name]} is {what}: charity-pos never writes over it; choose another file."
    line = one_error_line(*run_cli(*shop.argv("hub export-bundle", targets["hub"])), english=True)
    assert "is the district hub's database" in line
    # the hub does not know where a store keeps its file: the file's content says it is a database
    line = one_error_line(*run_cli(*shop.argv("hub add-store", targets["db"])), english=True)
    assert "is a database (a store's, the hub's or a copy)" in line
    chinese = one_error_line(*run_cli(*shop.argv("receipt", targets["db"])[:-2], "--lang", "zh_CN"))
    assert chinese == f"错误：{targets['db']} 是门店数据库，charity-pos 不会覆盖它；请另选一个文件。"


def test_a_bundle_named_like_the_store_file_is_refused(capsys, shop) -> None:
    code, out, _ = run_cli("show", "journal", "--db", shop.db, "--json")
    head = json.loads(out)[-1]["seq"]
    trap = shop.outbox / f"PT01-1-{head}.cpbundle"
    trap.symlink_to(shop.db)
    before, rows = snapshot(shop), dump(shop.db)
    line = one_error_line(*run_cli(*shop.argv("export-bundle", shop.outbox, "--force")), english=True)
    assert line.startswith(f"Error: {trap} is ") and "never writes over it" in line
    assert snapshot(shop) == before and dump(shop.db) == rows, "the export mark did not move"


# --- someone else's file -------------------------------------------------------------------------------------
def foreign_target(shop: Shop, command: str) -> tuple[Path, list[object]]:
    """Someone's file where the command writes, and the command's argv."""
    if command == "export-bundle":
        rows = dump(shop.db)
        head = sum(1 for r in rows if r.startswith('INSERT INTO "journal_event"'))
        target = shop.outbox / f"PT01-1-{head}.cpbundle"
    elif command == "hub export-bundle":
        target = shop.outbox / "PT01-down-1.cpbundle"
    else:
        target = shop.outbox / "mine.pdf"
    folder_or_file = shop.outbox if shop.writes_into_folder(command) else target
    return target, shop.argv(command, folder_or_file)


@pytest.mark.parametrize("command", WRITERS)
def test_someone_elses_file_is_replaced_only_with_force(capsys, shop, command) -> None:
    target, argv = foreign_target(shop, command)
    target.write_bytes("我的笔记".encode())
    rows = dump(shop.db)
    line = one_error_line(*run_cli(*argv), english=True)
    assert line == (f"Error: {target} already exists and was not written by charity-pos, so it is left as it is; "
                    "choose another name, move it away, or (on the command line) add --force to replace it.")
    assert target.read_bytes() == "我的笔记".encode()
    assert dump(shop.db) == rows, "nothing used, counted or moved"
    code, out, err = run_cli(*argv, "--force")
    assert (code, err) == (0, ""), err
    assert target.read_bytes() != "我的笔记".encode()
    assert sorted(p.name for p in shop.outbox.iterdir()) == [target.name], "no partial file left"


@pytest.mark.parametrize("command", ["receipt", "labels", "slip", "store-key", "hub add-store"])
def test_a_file_the_app_wrote_is_written_again_without_force(capsys, shop, command) -> None:
    target = shop.outbox / "again.out"
    for _ in range(2):
        code, out, err = run_cli(*shop.argv(command, target))
        assert (code, err) == (0, ""), err
    # ... but not over another kind of the app's files: a PDF is not a trust file
    other = "store-key" if command != "store-key" else "receipt"
    line = one_error_line(*run_cli(*shop.argv(other, target)), english=True)
    assert "already exists and was not written by charity-pos" in line


def test_a_bundle_exported_again_replaces_the_same_bundle(capsys, shop) -> None:
    first = run_cli(*shop.argv("export-bundle", shop.outbox))[1].strip()
    again = run_cli(*shop.argv("export-bundle", shop.outbox, "--from-seq", "1"))
    assert again[0] == 0 and again[1].strip() == first


# --- where nothing can be written ---------------------------------------------------------------------------
@pytest.mark.parametrize("command", WRITERS)
def test_a_missing_folder_or_a_folder_for_a_file_changes_nothing(capsys, shop, command) -> None:
    rows, before = dump(shop.db), snapshot(shop)
    missing = shop.outbox / "no-such-folder"
    target = missing if shop.writes_into_folder(command) else missing / "x.out"
    line = one_error_line(*run_cli(*shop.argv(command, target)), english=True)
    assert line == f"Error: The folder {missing} does not exist."
    a_file = shop.outbox / "a-file.txt"
    a_file.write_text("x")
    if shop.writes_into_folder(command):
        line = one_error_line(*run_cli(*shop.argv(command, a_file)), english=True)
        assert line == f"Error: {a_file} is a file, not a folder; give the folder to write into."
    else:
        line = one_error_line(*run_cli(*shop.argv(command, shop.outbox)), english=True)
        assert line == f"Error: {shop.outbox} is a folder; give the name of a file to write."
        line = one_error_line(*run_cli(*shop.argv(command, a_file / "x.out")), english=True)
        assert line == (f"Error: {a_file / 'x.out'} cannot be written: a part of the path before the file name is "
                        "not a folder.")
    assert dump(shop.db) == rows and snapshot(shop) == before
    assert sorted(p.name for p in shop.outbox.iterdir()) == ["a-file.txt"]


@pytest.mark.parametrize("command", WRITERS)
def test_a_folder_that_refuses_writing_changes_nothing(capsys, shop, command, monkeypatch) -> None:
    locked = shop.outbox / "locked"
    locked.mkdir()
    real = os.open

    def denied(path, *args, **kwargs):
        if Path(path).parent == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    rows, before = dump(shop.db), snapshot(shop)
    target = locked if shop.writes_into_folder(command) else locked / "x.out"
    with monkeypatch.context() as mp:
        mp.setattr(files.os, "open", denied)
        code, out, err = run_cli(*shop.argv(command, target))
    line = one_error_line(code, out, err, english=True)
    assert line.startswith(f"Error: {locked}") and line.endswith(
        "cannot be written: permission denied (or another program has the file open).")
    assert "Something went wrong" not in line
    assert dump(shop.db) == rows, "no number used, no print counted, no export mark moved"
    assert snapshot(shop) == before and list(locked.iterdir()) == []


@pytest.mark.parametrize("command", ["receipt", "slip"])
def test_a_pdf_that_cannot_be_put_in_place_uses_no_number(capsys, shop, command, monkeypatch) -> None:
    """The last step, the rename, fails (a viewer holds the file on Windows):
    the service's transaction is undone, so the receipt's number is not
    used and the print is not counted."""
    rows = dump(shop.db)
    target = shop.outbox / "held.pdf"

    def held(source: object, destination: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    with monkeypatch.context() as mp:
        mp.setattr(files.os, "replace", held)
        line = one_error_line(*run_cli(*shop.argv(command, target)), english=True)
    assert line.startswith(f"Error: {target} cannot be written")
    assert dump(shop.db) == rows
    assert list(shop.outbox.iterdir()) == []
    code, out, err = run_cli(*shop.argv(command, target))
    assert code == 0
    if command == "receipt":
        assert " issued to " in out, "the receipt is issued now, with the number the failed one did not use"
    else:
        conn = sqlite3.connect(shop.db)
        try:
            assert conn.execute("SELECT slip_prints FROM sale").fetchall() == [(1,)], "the first print, not a reprint"
        finally:
            conn.close()


@pytest.mark.parametrize("command", WRITERS)
def test_force_is_optional_and_documented(capsys, command) -> None:
    with pytest.raises(SystemExit):
        from charity_pos import cli

        cli.main([*command.split(), "--help"])
    assert "--force" in capsys.readouterr().out


def test_a_new_store_or_hub_never_takes_a_companions_name_or_the_key_folder(capsys, shop) -> None:
    before = snapshot(shop)
    for target in (shop.db.with_name(shop.db.name + "-wal"), shop.db.with_name(shop.db.name + "-journal"),
                   key_path(shop.store_id).parent / "new.db", config.config_dir() / "settings.json.tmp"):
        for argv in (["init", "--db", target, "--store-code", "PT09", "--name", "新店", "--district", "普陀区",
                      "--manager-pin", "1234"], ["demo", "--db", target, "--days", "1"],
                     ["hub", "init", "--hub", target, "--district", "普陀区"]):
            line = one_error_line(*run_cli(*argv, "--lang", "en"), english=True)
            assert "charity-pos never writes over it" in line, (argv, line)
            assert not target.exists()
    assert snapshot(shop) == before
    verifies(capsys, shop)
