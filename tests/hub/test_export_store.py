"""``hub export-store`` on SQLite and PostgreSQL: a store's whole journal as
the hub holds it, every event in order exactly as the store wrote it, read
from the database in batches, signed by the hub; a store rebuilt from it
passes ``verify``."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from charity_pos.hub import export_store
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.registry import Services
from charity_pos.sync.store_side import EVENT_COLUMNS
from tests.helpers import run_cli


def ok(*argv: object) -> str:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 0, err
    return out


def test_the_hub_writes_every_event_of_the_store_in_batches(hub_url: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.sqlite3"
    ok("init", "--db", db, "--store-code", "PT01", "--name", "普陀区长风街道慈善超市", "--district", "普陀区",
       "--manager-pin", "9999")
    ok("hub", "init", "--hub", hub_url, "--district", "普陀区")
    ok("store-key", "--db", db, "--out", tmp_path / "reg.json")
    ok("hub", "add-store", "--hub", hub_url, "--registration", tmp_path / "reg.json", "--out", tmp_path / "t.json")
    ok("trust-hub", "--db", db, tmp_path / "t.json")
    services = Services.open(db)
    try:
        manager = services.accounts.login("manager", "9999")
        for n in range(12):
            item = services.catalog.create_item(manager, ItemDraft(f"东北大米 {n + 1}kg", "grain_oil", "袋", 3290 + n,
                                                                   3590 + n, None, Source.PURCHASED)).ids[0]
            services.stock.receive(manager, {item: 5})
    finally:
        services.close()
    bundle = ok("export-bundle", "--db", db, "--out", tmp_path).strip().splitlines()[-1]
    assert "applied" in ok("hub", "import", "--hub", hub_url, bundle)

    monkeypatch.setattr(export_store, "BATCH", 7)  # many batches for a small store
    journal = tmp_path / "PT01.cpjournal"
    ok("hub", "export-store", "--hub", hub_url, "--store-code", "PT01", "--out", journal)
    lines = journal.read_bytes().splitlines()
    with closing(sqlite3.connect(db)) as conn:
        held = conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM journal_event ORDER BY seq").fetchall()
    header, events = json.loads(lines[0]), [json.loads(line) for line in lines[1:-1]]
    assert header["store_code"] == "PT01" and header["last_seq"] == len(held) > 7 * 3
    assert [tuple(e[c] for c in EVENT_COLUMNS) for e in events] == held
    assert set(json.loads(lines[-1])) == {"sha256", "signature"}

    # written again over its own earlier file; and a store rebuilt from it passes verify
    ok("hub", "export-store", "--hub", hub_url, "--store-code", "pt01", "--out", journal)
    rebuilt = tmp_path / "rebuilt.sqlite3"
    ok("rebuild", "--db", rebuilt, "--from", journal, "--manager-pin", "2468")
    assert ok("verify", "--db", rebuilt).startswith(f"OK: {len(held)} journal events")


def refused(*argv: object) -> str:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 1, out
    return err


def test_a_stores_new_key_needs_a_district_staff_pin_and_is_logged(hub_url: str, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from sqlalchemy import select

    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.models import HubKeyChange, HubStore, HubUser
    from charity_pos.sync.bundle import public_key_text

    db = tmp_path / "store.sqlite3"
    ok("init", "--db", db, "--store-code", "PT02", "--name", "店", "--district", "普陀区", "--manager-pin", "9999")
    ok("hub", "init", "--hub", hub_url, "--district", "普陀区", "--staff-pin", "4321")
    registration = tmp_path / "reg.json"
    ok("store-key", "--db", db, "--out", registration)
    old_key = json.loads(registration.read_text(encoding="utf-8"))["public_key"]
    ok("hub", "add-store", "--hub", hub_url, "--registration", registration, "--out", tmp_path / "t.json")
    # the same store with a new key pair (rebuilt without its key file)
    new_key = public_key_text(Ed25519PrivateKey.generate().public_key())
    renewed = tmp_path / "renewed.json"
    renewed.write_text(json.dumps(dict(json.loads(registration.read_text(encoding="utf-8")), public_key=new_key)),
                       encoding="utf-8")
    add = ("hub", "add-store", "--hub", hub_url, "--registration", renewed, "--out", tmp_path / "new-trust.json")
    assert "district staff account's PIN" in refused(*add)
    assert "district staff account's PIN" in refused(*add, "--staff", "district")
    assert "Wrong PIN" in refused(*add, "--staff", "district", "--staff-pin", "1234")
    assert "Wrong user name or PIN" in refused(*add, "--staff", "nobody", "--staff-pin", "4321")
    assert not (tmp_path / "new-trust.json").exists()
    with open_hub(hub_url) as hub:
        with hub.read() as s:
            assert s.scalars(select(HubStore.public_key)).one() == old_key
            assert s.scalars(select(HubKeyChange)).all() == []
    assert "logged" in ok(*add, "--staff", "district", "--staff-pin", "4321")
    with open_hub(hub_url) as hub:
        with hub.read() as s:
            assert s.scalars(select(HubStore.public_key)).one() == new_key
            change = s.scalars(select(HubKeyChange)).one()
            staff = s.get(HubUser, change.user_id)
            assert (change.old_key, change.new_key, staff.username) == (old_key, new_key, "district")
    # nor does the old registration put the old key back without a PIN
    assert "already registered with another key" in refused("hub", "add-store", "--hub", hub_url, "--registration",
                                                            registration, "--out", tmp_path / "x.json")
