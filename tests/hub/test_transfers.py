"""Transfers between the district's stores, store -> hub -> store -> hub, through the commands managers and
district staff type: a donated lot sent from JA01 to JA02 leaves JA01's stock at once; the hub records it from
JA01's bundle and passes it on in JA02's downstream bundle; JA02 confirms what arrived with a difference; the
hub shows the transfer closed with the difference; the donated unit stays traceable at both stores and at the
hub. Runs on SQLite and PostgreSQL; bad input refused with nothing changed."""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from charity_pos.errors import EventPayloadInvalid
from charity_pos.hub.transfers import Transfers
from charity_pos.security.keys import key_path

from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.intake import IntakeDraft, IntakeLine
from charity_pos.services.registry import Services
from tests.helpers import run_cli

PIN = "9999"


def run(*argv: object) -> list[str]:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 0, out + err
    assert "Traceback" not in out + err
    return out.splitlines()


def refused(*argv: object) -> str:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 1, out + err
    assert "Traceback" not in out + err
    return err.strip()


class District:
    """Two stores (and, when asked, a warehouse) registered at one hub, each trusting it."""

    def __init__(self, tmp_path: Path, hub_url: str) -> None:
        self.tmp, self.hub = tmp_path, hub_url
        self.usb = tmp_path / "usb"
        self.usb.mkdir()
        run("hub", "init", "--hub", hub_url, "--district", "静安区")
        self.a = self.store("JA01", "静安区石门二路街道慈善超市")
        self.b = self.store("JA02", "静安区江宁路街道慈善超市")

    def store(self, code: str, name: str, kind: str | None = None) -> Path:
        db = self.tmp / f"{code}.sqlite3"
        run("init", "--db", db, "--store-code", code, "--name", name, "--district", "静安区", "--manager-pin", PIN)
        registration, trust = self.tmp / f"{code}.json", self.tmp / f"{code}-trust.json"
        run("store-key", "--db", db, "--out", registration)
        run("hub", "add-store", "--hub", self.hub, "--registration", registration, "--out", trust,
            *(("--kind", kind) if kind else ()))
        run("trust-hub", "--db", db, trust)
        return db

    def up(self, db: Path) -> None:
        lines = run("export-bundle", "--db", db, "--out", self.usb)
        assert "applied" in run("hub", "import", "--hub", self.hub, lines[-1].strip())[0]

    def down(self, db: Path, code: str) -> Path:
        path = Path(run("hub", "export-bundle", "--hub", self.hub, "--store-code", code, "--out", self.usb)[-1].strip())
        run("import-bundle", "--db", db, path)
        return path

    def sync(self) -> None:
        """Every store sends and gets its downstream bundle once (so each knows the district's stores)."""
        for db, code in ((self.a, "JA01"), (self.b, "JA02")):
            self.up(db)
            self.down(db, code)


def donated_lot(db: Path) -> tuple[str, str]:
    """A donation of 10 coats at the store: (the lot's code, the donation's number)."""
    services = Services.open(db)
    try:
        manager = services.accounts.login("manager", PIN)
        coat = services.catalog.create_item(manager, ItemDraft("羽绒服 男款", "clothing", "件", 5000,
                                                               source=Source.DONATED)).ids[0]
        number = services.intake.receive(manager, IntakeDraft(None, (IntakeLine(coat, 10, unit_value_fen=8000),))).number
        lot = [row for row in services.stock.lots() if row.item_id == coat][0]
        assert lot.lot_code and lot.barcode
        return lot.barcode, number or ""
    finally:
        services.close()


def test_a_transfer_goes_from_store_to_store_through_the_hub_and_closes_with_its_difference(
        hub_url: str, tmp_path: Path) -> None:
    d = District(tmp_path, hub_url)
    lot, donation = donated_lot(d.a)
    d.sync()
    assert "JA02" in run("transfer", "stores", "--db", d.a)[0]

    sent = run("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA02", "--lot", lot, "--quantity", "4",
               "--note", "冬衣")
    number = sent[0].split()[1]
    assert number.startswith("JA01-") and "-Y000001" in number and "4 units" in sent[0]
    # gone from the shelf at once; the lot's fate says where
    trace = json.loads("\n".join(run("trace", "--db", d.a, lot, "--json")))
    assert trace["totals"]["on_shelf"] == 6 and trace["totals"]["transferred"] == 4
    assert any(e["event"] == "transferred" and e["document"] == number and "JA02" in e["detail"]
               for e in trace["events"])
    run("verify", "--db", d.a)

    d.up(d.a)
    in_flight = run("hub", "transfers", "--hub", hub_url)
    assert number in in_flight[0] and "JA01 → JA02" in in_flight[0] and "in flight" in in_flight[0]
    assert donation in in_flight[1] and "JA01" in in_flight[1]

    d.down(d.b, "JA02")
    waiting = run("transfer", "list", "--db", d.b, "--waiting")
    assert number in waiting[0] and "from JA01" in waiting[0] and "waiting" in waiting[0]
    # the same bundle's transfer again with the next bundle: still one transfer
    d.down(d.b, "JA02")
    assert len(run("transfer", "list", "--db", d.b, "--waiting")) == 1

    # B confirms: 3 of 4 arrived, one torn
    assert "short" in refused("transfer", "receive", "--db", d.b, "--user", "manager", "--number", number,
                              "--line", "1=3")
    assert "more than" in refused("transfer", "receive", "--db", d.b, "--user", "manager", "--number", number,
                                  "--line", "1=5")
    got = run("transfer", "receive", "--db", d.b, "--user", "manager", "--number", number, "--line", f"{lot}=3",
              "--reason", "一件破损")
    assert "3 of 4 units" in got[0] and "一件破损" in got[1]
    assert "confirmed already" in refused("transfer", "receive", "--db", d.b, "--user", "manager", "--number", number)
    listed = json.loads("\n".join(run("transfer", "list", "--db", d.b, "--json")))
    line = listed[0]["lines"][0]
    assert (line["origin"], line["origin_store"], line["origin_lot"], line["origin_document"]) == (
        "donation", "JA01", lot, donation)
    # the new lot at B says where it came from
    theirs = json.loads("\n".join(run("trace", "--db", d.b, line["lot"], "--json")))
    assert theirs["totals"]["received"] == 3 and theirs["totals"]["on_shelf"] == 3
    came = [e for e in theirs["events"] if e["event"] == "received"][0]
    assert came["document"] == number and "JA01" in came["detail"] and donation in came["detail"]
    run("verify", "--db", d.b)

    d.up(d.b)
    closed = run("hub", "transfers", "--hub", hub_url, "--all")
    assert number in closed[0] and "received" in closed[0] and "4 sent, 3 received" in closed[0]
    assert "一件破损" in closed[1]
    assert run("hub", "transfers", "--hub", hub_url) == ["No transfers in flight."]
    traced = json.loads("\n".join(run("hub", "transfers", "--hub", hub_url, "--trace", donation, "--json")))
    assert [(t["number"], t["lines"][0]["quantity_received"]) for t in traced] == [(number, 3)]
    # a confirmed transfer is no longer sent down
    d.down(d.b, "JA02")
    assert run("transfer", "list", "--db", d.b, "--waiting") == ["No transfers."]

    # both stores, their PCs lost, are made again from the district's journal and verify
    for db, code in ((d.a, "JA01"), (d.b, "JA02")):
        sid = _store_id(db)
        saved_key = shutil.copy(key_path(sid), tmp_path / f"{code}-saved.key")
        for part in db.parent.glob(db.name + "*"):
            part.unlink()
        key_path(sid).unlink()
        journal = tmp_path / f"{code}.cpjournal"
        run("hub", "export-store", "--hub", hub_url, "--store-code", code, "--out", journal)
        rebuilt = tmp_path / f"{code}-rebuilt.sqlite3"
        run("rebuild", "--db", rebuilt, "--from", journal, "--key", saved_key, "--manager-pin", PIN)
        assert run("verify", "--db", rebuilt)[0].startswith("OK")
        assert run("transfer", "list", "--db", rebuilt)[0].startswith(number)


def _store_id(db: Path) -> uuid.UUID:
    with closing(sqlite3.connect(db)) as conn:
        return uuid.UUID(conn.execute("SELECT id FROM store").fetchone()[0])


def test_bad_transfers_are_refused_with_nothing_changed(hub_url: str, tmp_path: Path) -> None:
    d = District(tmp_path, hub_url)
    lot, _ = donated_lot(d.a)
    # before the hub named any store, no code is known
    assert "not a store of the district" in refused("transfer", "send", "--db", d.a, "--user", "manager", "--to",
                                                     "JA02", "--lot", lot, "--quantity", "1")
    d.sync()
    assert "is this store" in refused("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA01",
                                      "--lot", lot, "--quantity", "1")
    assert "not a store of the district" in refused("transfer", "send", "--db", d.a, "--user", "manager", "--to",
                                                     "PT09", "--lot", lot, "--quantity", "1")
    assert "holds 10" in refused("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA02",
                                 "--lot", lot, "--quantity", "11")
    assert "No lot" in refused("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA02",
                               "--lot", "2200000000000", "--quantity", "1")
    assert run("transfer", "list", "--db", d.a) == ["No transfers."]
    trace = json.loads("\n".join(run("trace", "--db", d.a, lot, "--json")))
    assert trace["totals"]["on_shelf"] == 10
    run("verify", "--db", d.a)


def _rewrite(bundle: Path, out: Path, part: str, change) -> Path:
    """A copy of the bundle with one part's bytes changed (its manifest and signature left as they were)."""
    with zipfile.ZipFile(bundle) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                changed = change(data)
                assert changed != data, "the edit must change the part"
                data = changed
            zout.writestr(info, data)
    return out


def test_a_downstream_transfer_crafted_or_for_another_store_is_refused(hub_url: str, tmp_path: Path) -> None:
    d = District(tmp_path, hub_url)
    lot, _ = donated_lot(d.a)
    d.sync()
    run("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA02", "--lot", lot, "--quantity", "4")
    d.up(d.a)
    path = Path(run("hub", "export-bundle", "--hub", hub_url, "--store-code", "JA02", "--out", d.usb)[-1].strip())

    # more coats than were sent, written into the signed bundle: the content's hash no longer matches
    more = _rewrite(path, tmp_path / "more.cpbundle", "transfers.json",
                    lambda data: data.replace(b'"quantity_sent":4', b'"quantity_sent":9'))
    assert "damaged" in refused("import-bundle", "--db", d.b, more)
    # the bundle made for JA02 given to JA01: refused as another store's
    assert "made for store JA02" in refused("import-bundle", "--db", d.a, path)
    assert run("transfer", "list", "--db", d.b) == ["No transfers."]
    run("import-bundle", "--db", d.b, path)
    assert len(run("transfer", "list", "--db", d.b, "--waiting")) == 1


def test_the_hub_refuses_a_store_bundle_whose_transfer_was_edited(hub_url: str, tmp_path: Path) -> None:
    d = District(tmp_path, hub_url)
    lot, _ = donated_lot(d.a)
    d.sync()
    run("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA02", "--lot", lot, "--quantity", "4")
    bundle = Path(run("export-bundle", "--db", d.a, "--out", d.usb)[-1].strip())
    edited = _rewrite(bundle, tmp_path / "edited.cpbundle", "events.jsonl",
                      lambda data: data.replace(b'\\"quantity_sent\\":4', b'\\"quantity_sent\\":2'))
    assert edited.read_bytes() != bundle.read_bytes()
    out = run_cli("hub", "import", "--hub", hub_url, edited, lang="en")
    assert out[0] == 1 and "refused" in out[1]
    assert run("hub", "transfers", "--hub", hub_url) == ["No transfers in flight."]
    assert "applied" in run("hub", "import", "--hub", hub_url, bundle)[0]
    assert "4 sent" in run("hub", "transfers", "--hub", hub_url)[0]


def test_a_warehouse_sends_like_a_store_and_the_hub_names_it(hub_url: str, tmp_path: Path) -> None:
    d = District(tmp_path, hub_url)
    depot = d.store("JAWH", "静安区慈善物资仓库", kind="warehouse")
    lot, _ = donated_lot(depot)
    d.up(depot)
    d.down(depot, "JAWH")
    d.up(d.b)
    d.down(d.b, "JA02")
    assert any("JAWH" in line and "warehouse" in line for line in run("transfer", "stores", "--db", d.b))
    number = run("transfer", "send", "--db", depot, "--user", "manager", "--to", "JA02", "--lot", lot,
                 "--quantity", "10")[0].split()[1]
    d.up(depot)
    assert "JAWH (warehouse) → JA02" in run("hub", "transfers", "--hub", hub_url)[0]
    d.down(d.b, "JA02")
    run("transfer", "receive", "--db", d.b, "--user", "manager", "--number", number)
    run("verify", "--db", d.b)
    run("verify", "--db", depot)
    # a store registered before is made a warehouse, and back
    assert "now a warehouse" in run("hub", "store-kind", "--hub", hub_url, "--store-code", "ja01", "--kind",
                                    "warehouse")[0]
    run("hub", "store-kind", "--hub", hub_url, "--store-code", "JA01", "--kind", "store")
    assert "PT99" in refused("hub", "store-kind", "--hub", hub_url, "--store-code", "PT99", "--kind", "store")


def test_an_older_store_gets_no_transfers_part(hub_url: str, tmp_path: Path) -> None:
    """A store whose bundles do not say it reads transfers.json (an older version) gets bundles as before."""
    d = District(tmp_path, hub_url)
    path = Path(run("hub", "export-bundle", "--hub", hub_url, "--store-code", "JA01", "--out", d.usb)[-1].strip())
    with zipfile.ZipFile(path) as zf:
        assert "transfers.json" not in zf.namelist()
    d.up(d.a)
    path = Path(run("hub", "export-bundle", "--hub", hub_url, "--store-code", "JA01", "--out", d.usb)[-1].strip())
    with zipfile.ZipFile(path) as zf:
        assert "transfers.json" in zf.namelist()


def test_transfers_a_hub_imported_before_it_knew_them_are_recorded_when_it_is_upgraded(
        hub_url: str, tmp_path: Path) -> None:
    """A store's transfer events imported by a hub of an older version are kept in hub_event only; hub migration
    0008 records them (``hub.transfers.backfill``), the confirmation after the transfer whatever the stores' order."""
    from sqlalchemy import delete

    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.models import HubTransfer, HubTransferLine
    from charity_pos.hub.transfers import backfill

    d = District(tmp_path, hub_url)
    lot, _ = donated_lot(d.a)
    d.sync()
    number = run("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA02", "--lot", lot, "--quantity",
                 "4")[0].split()[1]
    d.up(d.a)
    d.down(d.b, "JA02")
    run("transfer", "receive", "--db", d.b, "--user", "manager", "--number", number, "--line", "1=3", "--reason", "破损")
    d.up(d.b)
    with open_hub(hub_url) as db:
        with db.begin() as s:  # as a hub of the release before holds them: the events only
            s.execute(delete(HubTransferLine))
            s.execute(delete(HubTransfer))
        assert run("hub", "transfers", "--hub", hub_url, "--all") == ["No transfers."]
        with db.begin() as s:
            assert backfill(s) == 1
        with db.begin() as s:
            assert backfill(s) == 0  # once
    assert "4 sent, 3 received" in run("hub", "transfers", "--hub", hub_url, "--all")[0]


def test_a_transfer_that_is_not_the_importing_stores_own_is_left_out_and_the_bundle_taken(
        hub_url: str, tmp_path: Path) -> None:
    """A store's journal copied under another code (its transfer names the first store): the hub takes the
    bundle, its events all kept, and records no transfer of a store that did not send it."""
    d = District(tmp_path, hub_url)
    lot, _ = donated_lot(d.a)
    d.sync()
    run("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA02", "--lot", lot, "--quantity", "4")
    with closing(sqlite3.connect(d.a)) as conn:
        payload = conn.execute("SELECT payload FROM journal_event WHERE kind = 'transfer.sent'").fetchone()[0]
    facts = json.loads(payload)["facts"]
    copied = Transfers(uuid.uuid4(), "JA09", "copy", 1)
    copied.add(7, "transfer.sent", "2026-03-09T02:00:00+00:00", payload)
    assert copied.sent == []  # not JA09's own
    mine = Transfers(uuid.uuid4(), "JA01", "mine", 1)
    mine.add(7, "transfer.sent", "2026-03-09T02:00:00+00:00", payload)
    assert [s.number for s in mine.sent] == [facts["number"]]
    bad = json.loads(payload)
    bad["facts"]["lines"][0]["quantity_sent"] = -4
    with pytest.raises(EventPayloadInvalid):
        mine.add(8, "transfer.sent", "2026-03-09T02:00:00+00:00", json.dumps(bad))
