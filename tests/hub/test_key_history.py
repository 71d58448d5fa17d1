"""A store's earlier keys in the district's keys file, on SQLite and PostgreSQL.

A store's PC is lost with its key file; the store is rebuilt from the
district (``hub export-store``, ``rebuild``) with a new key pair, which
district staff accept (``hub add-store --staff --staff-pin``). Then
``hub publish-keys`` still lists the old key with the days it was in use:
receipts the store signed with it before the change still check offline
and at the hub; a receipt made with the old key (whoever holds the lost
disk) and dated after the change is refused as forged, saying why; the
rebuilt store's reprint of an earlier receipt (signed with the new key) is
genuine. And the periods of several changes, and the attacks on the file."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charity_pos.errors import KeysFileForged, KeysFileInvalid
from charity_pos.security import receipt_sig
from charity_pos.security import keys as store_keys
from charity_pos.security.keys import StoreKeys
from charity_pos.security.receipt_sig import EarlierKey, PublishedKeys, PublishedStore, Verdict
from charity_pos.services.base import local_date
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.registry import Services
from charity_pos.sync.bundle import public_key_text
from tests.helpers import run_cli

CODE, PIN, STAFF_PIN = "PT03", "9999", "4321"


def call(*argv: object, lang: str = "en") -> tuple[int, list[str], str]:
    code, out, err = run_cli(*argv, lang=lang)
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def ok(*argv: object) -> list[str]:
    code, out, err = call(*argv)
    assert code == 0, err
    return out


def store_id_of(db: Path) -> uuid.UUID:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return uuid.UUID(conn.execute("SELECT id FROM store").fetchone()[0])


def donate_and_print(db: Path, fen: int) -> tuple[str, str, str]:
    """A valued donation at the store and its receipt printed: (donation number, receipt number, QR text)."""
    services = Services.open(db)
    try:
        manager = services.accounts.login("manager", PIN)
        coat = services.catalog.get(services.catalog.create_item(manager, ItemDraft(
            f"男式羊毛衫 {fen}", "clothing", "件", 2500, 12000, None, Source.DONATED)).ids[0])
        number = services.intake.receive(manager, IntakeDraft(
            None, (IntakeLine(coat.id, 1, Condition.AS_NEW, Valuation.MARKET, fen),))).number
        document = services.receipts.print_receipt(manager, number).document
        return number, document.receipt_number, document.qr_payload
    finally:
        services.close()


def reprint(db: Path, manager_pin: str, donation_number: str) -> str:
    """The donation's receipt printed again (补打): its QR code signed with the store's key of today."""
    services = Services.open(db)
    try:
        manager = services.accounts.login("manager", manager_pin)
        return services.receipts.print_receipt(manager, donation_number).document.qr_payload
    finally:
        services.close()


def test_a_rebuilt_stores_earlier_key_stays_in_the_keys_file_for_its_days(hub_url: str, tmp_path: Path) -> None:
    db, usb = tmp_path / "store.sqlite3", tmp_path / "usb"
    usb.mkdir()
    ok("init", "--db", db, "--store-code", CODE, "--name", "普陀区宜川路街道慈善超市", "--district", "普陀区",
       "--manager-pin", PIN)
    ok("hub", "init", "--hub", hub_url, "--district", "普陀区", "--staff-pin", STAFF_PIN)
    ok("store-key", "--db", db, "--out", tmp_path / "reg.json")
    ok("hub", "add-store", "--hub", hub_url, "--registration", tmp_path / "reg.json", "--out", tmp_path / "t.json")
    ok("trust-hub", "--db", db, tmp_path / "t.json")
    donation, number, before_change = donate_and_print(db, 10000)
    ok("hub", "import", "--hub", hub_url, ok("export-bundle", "--db", db, "--out", usb)[-1].strip())
    stale = tmp_path / "keys-before.json"  # the keys file as published before the change
    ok("hub", "publish-keys", "--hub", hub_url, "--out", stale)

    # the PC is lost, and its key file with it; whoever has its disk has the old key
    store_id = store_id_of(db)
    old = StoreKeys.load(store_id, signing=True).signing
    assert old is not None
    store_keys.key_path(store_id).rename(tmp_path / "stolen.key")
    ok("hub", "export-store", "--hub", hub_url, "--store-code", CODE, "--out", tmp_path / "journal.cpjournal")
    rebuilt = tmp_path / "rebuilt.sqlite3"
    ok("rebuild", "--db", rebuilt, "--from", tmp_path / "journal.cpjournal", "--manager-pin", "2468")
    ok("store-key", "--db", rebuilt, "--out", tmp_path / "new-reg.json")
    ok("hub", "add-store", "--hub", hub_url, "--registration", tmp_path / "new-reg.json", "--out",
       tmp_path / "t2.json", "--staff", "district", "--staff-pin", STAFF_PIN)
    changed = local_date(datetime.now(UTC))  # the day the hub accepted the new key (Shanghai)

    keys = tmp_path / "keys.json"
    assert ok("hub", "publish-keys", "--hub", hub_url, "--out", keys)[0].startswith("Wrote the keys of 1 stores")
    published = json.loads(keys.read_text(encoding="utf-8"))
    assert published["format"] == "charity-pos-keys/2"
    (entry,) = published["stores"]
    old_text = public_key_text(old.public_key())
    assert entry["public_key"] == json.loads((tmp_path / "new-reg.json").read_text(encoding="utf-8"))["public_key"]
    assert entry["public_key"] != old_text
    assert entry["earlier_keys"] == [{"public_key": old_text, "valid_from": entry["registered"],
                                      "valid_until": changed.isoformat()}]

    offline = ("verify-receipt", "--keys", keys)
    # signed with the old key before the change: still genuine, offline and at the hub, and says which key
    code, out, _ = call(*offline, before_change)
    assert code == 0 and out[0].startswith(f"GENUINE: receipt {number} is signed by")
    assert f"  Key: an earlier key of the store, in use until {changed}" in out
    code, out, _ = call("hub", "verify-receipt", "--hub", hub_url, before_change)
    assert code == 0 and out[0].startswith(f"GENUINE: receipt {number} of ")

    # the attack: a receipt made with the old key, dated after the change
    later = changed + timedelta(days=1)
    forged = receipt_sig.qr_text(old, CODE, f"{CODE}-{later.year}-J000099", later, 500000)
    for argv in (offline, ("hub", "verify-receipt", "--hub", hub_url)):
        code, out, _ = call(*argv, forged)
        assert code == 4, out
        assert out[0] == (f"FORGED: receipt {CODE}-{later.year}-J000099 is signed with an earlier key of store {CODE}, "
                          f"retired on {changed}, but dated {later}, after that day: the store no longer had that key.")
        code, out, _ = call(*argv, forged, lang="zh_CN")
        assert code == 4 and out[0].startswith("伪造：") and f"已于 {changed} 停用" in out[0] and str(later) in out[0]
    # a keys file published before the change cannot know the old key was retired: the check says so
    code, out, _ = call("verify-receipt", "--keys", stale, forged)
    assert code == 0 and out[-1] == ("The receipt is dated after this keys file was published: a store key replaced "
                                     "since then is not in it. For a receipt that matters, check with the district's "
                                     "latest keys file.")
    code, out, _ = call("verify-receipt", "--keys", stale, forged, lang="zh_CN")
    assert out[-1].startswith("收据日期晚于此密钥文件的发布日期")
    assert not call("verify-receipt", "--keys", stale, before_change)[1][-1].startswith("The receipt is dated after")
    # the same with the old key on the day of the change (the lost PC may have printed it that morning): genuine
    same_day = receipt_sig.qr_text(old, CODE, f"{CODE}-{changed.year}-J000098", changed, 500000)
    assert call(*offline, same_day)[0] == 0
    # not a key the store ever had: forged for its signature, as before
    other = receipt_sig.qr_text(Ed25519PrivateKey.generate(), CODE, number, changed, 10000)
    code, out, _ = call(*offline, other)
    assert code == 4 and out[0].startswith("FORGED: the signature is not store")

    # the rebuilt store reprints the earlier receipt, signed with its new key: genuine, no earlier key named
    again = reprint(rebuilt, "2468", donation)
    assert again != before_change and again.split(":")[:5] == before_change.split(":")[:5]
    code, out, _ = call(*offline, again)
    assert code == 0 and not any(line.startswith("  Key:") for line in out)
    assert call("hub", "verify-receipt", "--hub", hub_url, again)[0] == 0

    # the file edited to stretch the old key's days, or to drop it: refused as changed after signing
    for edit in (lambda d: d["stores"][0]["earlier_keys"][0].update(valid_until="2099-12-31"),
                 lambda d: d["stores"][0]["earlier_keys"].clear()):
        data = json.loads(keys.read_text(encoding="utf-8"))
        edit(data)
        (tmp_path / "edited.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        code, out, err = call("verify-receipt", "--keys", tmp_path / "edited.json", forged)
        assert code == 1 and out == [] and "was changed after the hub signed it" in err


# --- the periods, over several changes ------------------------------------------------------------------
def test_each_earlier_key_has_the_days_it_was_in_use(hub_url: str, tmp_path: Path) -> None:
    """A→B→C: A from the registration to the first change, B from it to the second; the days are
    Shanghai's (a change at 17:00 UTC is the next day there). C, the current key, signs any date."""
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.receipts import published_keys, verify_receipt
    from charity_pos.hub.service import add_store

    db = tmp_path / "store.sqlite3"
    ok("init", "--db", db, "--store-code", CODE, "--name", "普陀区宜川路街道慈善超市", "--district", "普陀区",
       "--manager-pin", PIN)
    ok("hub", "init", "--hub", hub_url, "--district", "普陀区", "--staff-pin", STAFF_PIN)
    ok("store-key", "--db", db, "--out", tmp_path / "reg.json")
    registration = json.loads((tmp_path / "reg.json").read_text(encoding="utf-8"))
    a, b, c = (Ed25519PrivateKey.generate() for _ in range(3))
    moments = (datetime(2026, 1, 5, 2, 0, tzinfo=UTC), datetime(2026, 3, 31, 17, 0, tzinfo=UTC),
               datetime(2026, 9, 1, 3, 0, tzinfo=UTC))
    with open_hub(hub_url) as hub:
        for n, (key, at) in enumerate(zip((a, b, c), moments, strict=True)):
            path = tmp_path / f"reg-{n}.json"
            path.write_text(json.dumps(dict(registration, public_key=public_key_text(key.public_key()))),
                            encoding="utf-8")
            add_store(hub, path, tmp_path / f"trust-{n}.json", clock=lambda at=at: at,
                      staff="district" if n else None, staff_pin=STAFF_PIN if n else None)
        keys = published_keys(hub)
        (store,) = keys.stores
        assert store.public_key == public_key_text(c.public_key())
        assert store.earlier == (EarlierKey(public_key_text(a.public_key()), "2026-01-05", "2026-04-01"),
                                 EarlierKey(public_key_text(b.public_key()), "2026-04-01", "2026-09-01"))

        def verdicts(key: Ed25519PrivateKey, day: date) -> tuple[Verdict, Verdict]:
            text = receipt_sig.qr_text(key, CODE, f"{CODE}-2026-J000001", day, 1000)
            at_hub = verify_receipt(hub, text)
            return receipt_sig.check_offline(receipt_sig.parse(text), keys).verdict, at_hub.verdict

        genuine, not_imported, forged = Verdict.GENUINE, Verdict.NOT_IMPORTED, Verdict.FORGED
        assert verdicts(a, date(2026, 4, 1)) == (genuine, not_imported)  # the day A was retired
        assert verdicts(a, date(2026, 4, 2)) == (forged, forged)  # the next day
        assert verdicts(b, date(2026, 9, 1)) == (genuine, not_imported)
        assert verdicts(b, date(2026, 9, 2)) == (forged, forged)
        assert verdicts(b, date(2026, 2, 1)) == (genuine, not_imported)  # B reprinting an earlier receipt
        assert verdicts(c, date(2026, 1, 10)) == (genuine, not_imported)  # the current key: any date
        assert verdicts(c, date(2027, 1, 10)) == (genuine, not_imported)
        text = receipt_sig.qr_text(a, CODE, f"{CODE}-2026-J000001", date(2026, 4, 2), 1000)
        at_hub = verify_receipt(hub, text)
        assert (at_hub.reason, at_hub.retired_on) == ("retired", date(2026, 4, 1))


# --- the keys file itself --------------------------------------------------------------------------------
HUB, STORE, OLD = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()


def keys_with(earlier: tuple[EarlierKey, ...], form: str = receipt_sig.KEYS_FORMAT) -> PublishedKeys:
    store = PublishedStore(CODE, "普陀区宜川路街道慈善超市", public_key_text(STORE.public_key()), "2026-01-05",
                           earlier if form == receipt_sig.KEYS_FORMAT else ())
    return PublishedKeys("普陀区", public_key_text(HUB.public_key()), "2026-05-01T02:00:00+00:00", (store,), form)


def test_a_keys_file_of_format_1_still_reads(tmp_path: Path) -> None:
    """Written before earlier keys were listed: read as it was signed, with none."""
    path = tmp_path / "keys.json"
    path.write_bytes(receipt_sig.keys_file_bytes(keys_with((), receipt_sig.KEYS_FORMAT_V1), HUB))
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "charity-pos-keys/1"
    read = receipt_sig.read_keys_file(path)
    assert read.stores[0].earlier == () and read.format == receipt_sig.KEYS_FORMAT_V1
    text = receipt_sig.qr_text(STORE, CODE, f"{CODE}-2026-J000001", date(2026, 3, 10), 1000)
    assert receipt_sig.check_offline(receipt_sig.parse(text), read).verdict == Verdict.GENUINE
    # a format-1 file given earlier keys is not one charity-pos wrote
    data = json.loads(path.read_text(encoding="utf-8"))
    data["stores"][0]["earlier_keys"] = []
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeysFileInvalid):
        receipt_sig.read_keys_file(path)


@pytest.mark.parametrize("entry", [
    {"public_key": "not a key", "valid_from": "2026-01-05", "valid_until": "2026-04-01"},
    {"public_key": None, "valid_from": "2026-01-05", "valid_until": "2026-04-01"},
    {"valid_from": "2026-01-05", "valid_until": "2026-04-01"},
    {"valid_from": "2026-01-05", "valid_until": "2026-04-01", "public_key": "K", "extra": 1},
    {"public_key": "K", "valid_from": "2026-04-02", "valid_until": "2026-04-01"},  # ends before it starts
    {"public_key": "K", "valid_from": "2026-01-05", "valid_until": "2026-13-01"},
    {"public_key": "K", "valid_from": "2026-01-05", "valid_until": "someday"},
])
def test_an_earlier_key_entry_not_as_the_hub_writes_it_is_refused(tmp_path: Path, entry: dict[str, object]) -> None:
    """Signed by the hub or not, a file whose earlier keys are not a key with two days in order is no keys
    file (the hub never writes one): refused before any receipt is judged by it."""
    if entry.get("public_key") == "K":
        entry = dict(entry, public_key=public_key_text(OLD.public_key()))
    body = json.loads(receipt_sig.keys_file_bytes(keys_with(()), HUB))
    body["stores"][0]["earlier_keys"] = [entry]
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    with pytest.raises(KeysFileInvalid) as caught:
        receipt_sig.read_keys_file(path)
    assert caught.value.field.startswith("stores[0].earlier_keys[0]")


def test_an_earlier_key_added_by_whoever_holds_it_breaks_the_hub_signature(tmp_path: Path) -> None:
    """The old key's holder adds it to the file, or moves its last day on: the hub's signature no longer holds."""
    path = tmp_path / "keys.json"
    path.write_bytes(receipt_sig.keys_file_bytes(keys_with(()), HUB))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["stores"][0]["earlier_keys"] = [{"public_key": public_key_text(OLD.public_key()),
                                          "valid_from": "2026-01-05", "valid_until": "2099-12-31"}]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(KeysFileForged):
        receipt_sig.read_keys_file(path)
