"""Rebuilding a store from the district, as district staff and a store
manager do it when the store's PC and backups are gone: the hub writes the
store's whole journal (``hub export-store``), the store is made again from
it (``rebuild``), ``verify`` accepts it, it holds the same rows as before up
to the last exported event, its numbering goes on, the hub takes its next
bundle (its new key only with a district staff PIN, logged). Every file
that is not the hub's journal of this store, as the hub signed it, is
refused with nothing written.

``rebuild`` writes each journal row through the driver's connection: a
value's stored form must be exactly what SQLAlchemy stores for it (the
column type read as the app reads it, then its bind processing), whether it
takes the shortcut for the form the app writes or the slow way."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import shutil
import sqlite3
import uuid
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from charity_pos import cli
from charity_pos.domain.identity import id_check_char
from charity_pos.ledger.canonical import canonical_json, journaled_columns, journaled_tables
from charity_pos.security import receipt_sig
from charity_pos.security.keys import StoreKeys, key_path
from charity_pos.services.base import STORE_TZ
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.sync import journal_file
from charity_pos.sync.bundle import public_key_text
from charity_pos.sync.rebuild import _slow, stored_form
from tests.helpers import run_cli

TILL = "1号收银台"


def ok(*argv: object) -> str:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 0, err
    assert "Traceback" not in out + err
    return out


def refused(*argv: object) -> str:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 1, (out, err)
    assert "Traceback" not in out + err
    return err


def store_code(db: Path) -> str:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT code FROM store").fetchone()[0]


def store_id(db: Path) -> uuid.UUID:
    with closing(sqlite3.connect(db)) as conn:
        return uuid.UUID(conn.execute("SELECT id FROM store").fetchone()[0])


def copy_db(db: Path, to: Path) -> Path:
    with closing(sqlite3.connect(db)) as src, closing(sqlite3.connect(to)) as dst:
        src.backup(dst)
    return to


def sell(db: Path, username: str = "manager", pin: str = "9999") -> str:
    """A cash sale of one unit of something in stock, in a shift opened for it if none is."""
    services = Services.open(db)
    try:
        actor = services.accounts.login(username, pin)
        with closing(sqlite3.connect(db)) as conn:
            item_id, price = conn.execute(
                "SELECT i.id, i.sale_price_fen FROM item i JOIN stock_movement m ON m.item_id = i.id "
                "WHERE i.active = 1 AND i.sale_price_fen > 0 GROUP BY i.id HAVING SUM(m.quantity) > 0 "
                "ORDER BY i.id LIMIT 1").fetchone()
            shift_open = conn.execute("SELECT 1 FROM cash_shift WHERE till = ? AND closed_at IS NULL",
                                      (TILL,)).fetchone()
        if not shift_open:
            services.shifts.open(actor, TILL, 20000)
        draft = SaleDraft(uuid.uuid4(), TILL, (LineDraft(uuid.UUID(item_id), 1),), (PaymentDraft("cash", price, ""),))
        return services.sales.complete(actor, draft).number or ""
    finally:
        services.close()


def journaled_rows(db: Path, up_to: int | None = None) -> dict[str, list[tuple[object, ...]]]:
    """Every journaled table's journaled columns, row by row, and the journal (to ``up_to``)."""
    out = {}
    with closing(sqlite3.connect(db)) as conn:
        for table in journaled_tables():
            names = ", ".join(f'"{c.name}"' for c in journaled_columns(table))
            out[table.name] = conn.execute(f'SELECT {names} FROM "{table.name}" ORDER BY id').fetchall()
        limit = "" if up_to is None else f" WHERE seq <= {up_to}"
        out["journal_event"] = conn.execute(f"SELECT * FROM journal_event{limit} ORDER BY seq").fetchall()
    return out


def sale_numbers(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return [r[0] for r in conn.execute("SELECT number FROM sale ORDER BY number")]


def register(db: Path, hub: Path, work: Path) -> Path:
    registration, trust = work / "registration.json", work / "trust.json"
    ok("store-key", "--db", db, "--out", registration, "--force")
    ok("hub", "add-store", "--hub", hub, "--registration", registration, "--out", trust, "--force")
    ok("trust-hub", "--db", db, trust)
    return trust


def export(db: Path, hub: Path, usb: Path) -> str:
    bundle = ok("export-bundle", "--db", db, "--out", usb).strip().splitlines()[-1]
    assert "applied" in ok("hub", "import", "--hub", hub, bundle)
    return bundle


def district_store(work: Path) -> tuple[Path, Path, Path]:
    """A demo store (sales, returns, donations, handouts, shifts) trusting its hub, with two bundles
    imported there: (store, hub, usb folder)."""
    db, hub, usb = work / "store.sqlite3", work / "hub.sqlite3", work / "usb"
    usb.mkdir()
    ok("demo", "--db", db, "--days", "2")
    ok("hub", "init", "--hub", hub, "--district", "静安区", "--staff-pin", "4321")
    register(db, hub, work)
    export(db, hub, usb)
    sell(db)
    export(db, hub, usb)
    return db, hub, usb


# --- the whole way round --------------------------------------------------------------------------------
def test_a_lost_store_is_rebuilt_from_the_district_and_goes_on(tmp_path: Path) -> None:
    db, hub, usb = district_store(tmp_path)
    code, sid = store_code(db), store_id(db)
    exported = copy_db(db, tmp_path / "as-exported.sqlite3")
    with closing(sqlite3.connect(exported)) as conn:
        last_exported = conn.execute("SELECT MAX(seq) FROM journal_event").fetchone()[0]
    lost_sale = sell(db)  # never exported: lost with the PC
    # a receipt the store printed before, signed with its key: still genuine at the hub after the key changes
    with closing(sqlite3.connect(exported)) as conn:
        number, issued_at, total = conn.execute(
            "SELECT number, issued_at, total_fen FROM receipt WHERE status = 'issued' ORDER BY number").fetchone()
    old_key = StoreKeys.load(sid, signing=True).signing
    issued_on = datetime.fromisoformat(issued_at).replace(tzinfo=UTC).astimezone(STORE_TZ).date()
    printed_qr = receipt_sig.qr_text(old_key, code, number, issued_on, total)
    # the PC dies: the store file and its key file are gone
    for part in db.parent.glob(db.name + "*"):
        part.unlink()
    key_path(sid).unlink()

    journal = tmp_path / f"{code}.cpjournal"
    said = ok("hub", "export-store", "--hub", hub, "--store-code", code.lower(), "--out", journal)
    assert f"events 1-{last_exported}" in said and str(journal) in said
    rebuilt = tmp_path / "rebuilt.sqlite3"
    said = ok("rebuild", "--db", rebuilt, "--from", journal, "--manager-pin", "2468")
    assert f"after event #{last_exported}" in said and f"from event #{last_exported + 1} on" in said
    assert "new key pair" in said and "next downstream bundle" in said
    assert ok("verify", "--db", rebuilt).startswith("OK")
    shown = ok("show", "store", "--db", rebuilt)
    assert f"after event #{last_exported}" in shown
    note = json.loads(ok("show", "store", "--db", rebuilt, "--json"))[0]["rebuilt"]
    assert note["last_seq"] == last_exported

    # the same rows as the store had when it last exported, table by table, and the same journal
    before, after = journaled_rows(exported, last_exported), journaled_rows(rebuilt)
    assert before["stock_count"] and before["stock_count_entry"], "the demo's stock counts come back too"
    for table in before:
        assert after[table] == before[table], table

    # households' names come back from the district's registry with the next downstream bundle (which also
    # brings the district's members and validity)
    with closing(sqlite3.connect(exported)) as conn:
        card = conn.execute("SELECT card_number FROM household WHERE erased_at IS NULL ORDER BY card_number"
                            ).fetchone()[0]
    with closing(sqlite3.connect(rebuilt)) as conn:
        assert conn.execute("SELECT head_name, id_masked FROM household WHERE card_number = ?",
                            (card,)).fetchone() == ("", "")
    first17 = "31010619520314077"
    id_number = first17 + id_check_char(first17)
    registry = tmp_path / "registry.csv"
    registry.write_text("救助证号,户主姓名,身份证号,家庭人数,救助类别,认定街道,认定文书号,有效期起,有效期止,同意日期\n"
                        f"{card},顾桂英,{id_number},1,低保,石门二路街道,静民救〔2026〕7号,2026-01-01,2027-12-31,"
                        "2026-01-05\n", encoding="utf-8")
    ok("hub", "households", "import", "--hub", hub, registry)
    down = ok("hub", "export-bundle", "--hub", hub, "--store-code", code, "--out", usb).strip().splitlines()[-1]
    ok("import-bundle", "--db", rebuilt, down)
    households = {h["card_number"]: h for h in json.loads(ok("show", "households", "--db", rebuilt, "--json"))}
    assert households[card]["head_name"] == "顾**" and households[card]["id_masked"].endswith(id_number[-4:])
    assert ok("verify", "--db", rebuilt).startswith("OK")

    # numbering goes on from the last number the district holds (the lost sale's number is issued again)
    numbers = sale_numbers(exported)
    next_number = sell(rebuilt, "manager", "2468")
    assert next_number == lost_sale
    assert int(next_number[-6:]) == int(max(numbers)[-6:]) + 1
    assert ok("verify", "--db", rebuilt).startswith("OK")

    # the new key: refused at the hub without a district staff PIN, and with a wrong one
    registration, trust = tmp_path / "new-registration.json", tmp_path / "new-trust.json"
    ok("store-key", "--db", rebuilt, "--out", registration)
    add = ("hub", "add-store", "--hub", hub, "--registration", registration, "--out", trust)
    assert "district staff" in refused(*add)
    assert "Wrong PIN" in refused(*add, "--staff", "district", "--staff-pin", "1111")
    assert not trust.exists()
    with closing(sqlite3.connect(hub)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM hub_key_change").fetchone()[0] == 0
        assert conn.execute("SELECT failed_pins FROM hub_user WHERE username = 'district'").fetchone()[0] == 1
    # before the key is replaced, the hub refuses the rebuilt store's bundle as not signed by its key
    early = ok("export-bundle", "--db", rebuilt, "--out", usb).strip().splitlines()[-1]
    code_, out, _ = run_cli("hub", "import", "--hub", hub, early, lang="en")
    assert code_ == 1 and "refused" in out
    said = ok(*add, "--staff", "district", "--staff-pin", "4321")
    assert "new key" in said and "logged" in said
    with closing(sqlite3.connect(hub)) as conn:
        old_key, new_key, who = conn.execute(
            "SELECT c.old_key, c.new_key, u.username FROM hub_key_change c JOIN hub_user u ON u.id = c.user_id"
        ).fetchone()
    assert who == "district" and old_key != new_key
    assert new_key == json.loads(registration.read_text(encoding="utf-8"))["public_key"]
    ok("trust-hub", "--db", rebuilt, trust)
    assert ok("hub", "verify-receipt", "--hub", hub, printed_qr).startswith(f"GENUINE: receipt {number}")

    # the next bundle follows on from the last event the hub held: the one refused before, now signed by the
    # store's registered key, and the one after it
    assert f"(#{last_exported + 1}-" in ok("hub", "import", "--hub", hub, early)
    bundle = ok("export-bundle", "--db", rebuilt, "--out", usb).strip().splitlines()[-1]
    assert "applied 1 events" in ok("hub", "import", "--hub", hub, bundle)  # trusting the hub again


def test_with_the_old_key_file_the_store_keeps_its_key(tmp_path: Path) -> None:
    db, hub, usb = district_store(tmp_path)
    code, sid = store_code(db), store_id(db)
    saved_key = shutil.copy(key_path(sid), tmp_path / "saved.key")
    for part in db.parent.glob(db.name + "*"):
        part.unlink()
    key_path(sid).unlink()
    journal = tmp_path / "j.cpjournal"
    ok("hub", "export-store", "--hub", hub, "--store-code", code, "--out", journal)
    rebuilt = tmp_path / "rebuilt.sqlite3"
    said = ok("rebuild", "--db", rebuilt, "--from", journal, "--key", saved_key, "--manager-pin", "2468")
    assert "keeps its key" in said
    assert key_path(sid).read_text(encoding="utf-8") != ""
    assert ok("verify", "--db", rebuilt).startswith("OK")
    sell(rebuilt, "manager", "2468")
    bundle = ok("export-bundle", "--db", rebuilt, "--out", usb).strip().splitlines()[-1]
    last = json.loads(lines_of(journal)[0])["last_seq"]
    assert f"applied 1 events of store {code} (#{last + 1}-#{last + 1})" in ok("hub", "import", "--hub", hub, bundle)


# --- what the hub refuses to write ------------------------------------------------------------------------
def test_export_store_refuses_an_unknown_store_and_a_store_or_key_file(tmp_path: Path) -> None:
    hub = tmp_path / "hub.sqlite3"
    ok("hub", "init", "--hub", hub, "--district", "静安区")
    assert "XX99" in refused("hub", "export-store", "--hub", hub, "--store-code", "XX99", "--out", tmp_path / "j")
    db = tmp_path / "store.sqlite3"
    ok("init", "--db", db, "--store-code", "JA01", "--name", "店", "--district", "静安区", "--manager-pin", "9999")
    ok("store-key", "--db", db, "--out", tmp_path / "reg.json")
    ok("hub", "add-store", "--hub", hub, "--registration", tmp_path / "reg.json", "--out", tmp_path / "t.json")
    assert "no event" in refused("hub", "export-store", "--hub", hub, "--store-code", "JA01", "--out", tmp_path / "j")
    ok("trust-hub", "--db", db, tmp_path / "t.json")
    export(db, hub, tmp_path)
    for target in (db, key_path(store_id(db)), hub):
        before = target.read_bytes()
        refused("hub", "export-store", "--hub", hub, "--store-code", "JA01", "--out", target, "--force")
        assert target.read_bytes() == before


# --- files that are not the hub's journal of this store ---------------------------------------------------
@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One store exported through its hub, built once: the journal file, the hub's key file, another
    store's key file, the store's own key file."""
    work = tmp_path_factory.mktemp("district")
    home = tmp_path_factory.mktemp("district-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARITY_POS_HOME", str(home))
        db, hub, usb = district_store(work)
        code = store_code(db)
        ok("hub", "export-store", "--hub", hub, "--store-code", code, "--out", work / "j.cpjournal")
        other = work / "other.sqlite3"
        ok("init", "--db", other, "--store-code", "JA09", "--name", "店", "--district", "静安区",
           "--manager-pin", "9999")
        hub_key = next((home / "config" / "hub-keys").glob("*.key"))
        files = {"journal": work / "j.cpjournal", "hub_key": hub_key, "own_key": key_path(store_id(db)),
                 "other_key": key_path(store_id(other))}
    return files


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def signed(lines: list[bytes], key: Ed25519PrivateKey) -> bytes:
    """The lines with a trailer signed by ``key`` (a hub re-signing what it changed)."""
    import hashlib

    body = b"".join(lines)
    digest = hashlib.sha256(body).hexdigest()
    trailer = {"sha256": digest, "signature": base64.b64encode(key.sign(journal_file.signed_text(digest))).decode()}
    return body + (canonical_json(trailer) + "\n").encode()


def hub_key(district: dict[str, Path]) -> Ed25519PrivateKey:
    raw = json.loads(district["hub_key"].read_text(encoding="utf-8"))
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw["ed25519"]))


def event_of(line: bytes) -> dict[str, object]:
    return json.loads(line)


def line_of(event: dict[str, object]) -> bytes:
    return (canonical_json(event) + "\n").encode()


def changed_event(lines: list[bytes]) -> list[bytes]:
    body = lines[:-1]
    event = event_of(body[20])
    event["payload"] = str(event["payload"]).replace("0", "1", 1)
    body[20] = line_of(event)
    return body


def dropped_event(lines: list[bytes]) -> list[bytes]:
    return lines[:20] + lines[21:-1]


def reordered(lines: list[bytes]) -> list[bytes]:
    body = lines[:-1]
    body[20], body[21] = body[21], body[20]
    return body


@pytest.mark.parametrize(("name", "tamper", "said"), [
    ("changed", changed_event, "event #20 does not follow"),
    ("dropped", dropped_event, "event #20 does not follow"),
    ("reordered", reordered, "event #20 does not follow"),
])
def test_a_changed_dropped_or_moved_event_is_refused_even_re_signed(district, tmp_path: Path, name, tamper,
                                                                   said) -> None:
    bad = tmp_path / f"{name}.cpjournal"
    bad.write_bytes(signed(tamper(lines_of(district["journal"])), hub_key(district)))
    target = tmp_path / "rebuilt.sqlite3"
    assert said in refused("rebuild", "--db", target, "--from", bad, "--manager-pin", "2468")
    assert not target.exists() and list(tmp_path.iterdir()) == [bad]
    assert not key_path(uuid.UUID(district["own_key"].stem)).exists()


def test_a_change_without_the_hubs_key_is_refused_as_forged(district, tmp_path: Path) -> None:
    lines = lines_of(district["journal"])
    bad = tmp_path / "changed.cpjournal"
    bad.write_bytes(b"".join(changed_event(lines)) + lines[-1])  # the hub's trailer kept as it was
    target = tmp_path / "rebuilt.sqlite3"
    err = refused("rebuild", "--db", target, "--from", bad, "--manager-pin", "2468")
    assert "event #20 does not follow" in err or "forged or damaged" in err
    assert list(tmp_path.iterdir()) == [bad]
    assert not key_path(uuid.UUID(district["own_key"].stem)).exists()


def test_a_bad_signature_is_refused(district, tmp_path: Path) -> None:
    lines = lines_of(district["journal"])
    trailer = json.loads(lines[-1])
    signature = bytearray(base64.b64decode(trailer["signature"]))
    signature[5] ^= 1
    trailer["signature"] = base64.b64encode(bytes(signature)).decode()
    bad = tmp_path / "bad.cpjournal"
    bad.write_bytes(b"".join(lines[:-1]) + (canonical_json(trailer) + "\n").encode())
    target = tmp_path / "rebuilt.sqlite3"
    assert "forged or damaged" in refused("rebuild", "--db", target, "--from", bad, "--manager-pin", "2468")
    assert list(tmp_path.iterdir()) == [bad]


def test_a_file_signed_by_another_hub_is_refused(district, tmp_path: Path) -> None:
    lines = lines_of(district["journal"])
    other = Ed25519PrivateKey.generate()
    header = json.loads(lines[0])
    other_id = str(uuid.uuid4())
    header.update(hub_id=other_id, signer=f"hub:{other_id}", hub_public_key=public_key_text(other.public_key()))
    bad = tmp_path / "other-hub.cpjournal"
    bad.write_bytes(signed([line_of(header), *lines[1:-1]], other))
    target = tmp_path / "rebuilt.sqlite3"
    err = refused("rebuild", "--db", target, "--from", bad, "--manager-pin", "2468")
    assert f"signed by hub:{other_id}, not by the hub this store trusted" in err
    assert list(tmp_path.iterdir()) == [bad]


def test_another_stores_key_file_is_refused(district, tmp_path: Path) -> None:
    target = tmp_path / "rebuilt.sqlite3"
    err = refused("rebuild", "--db", target, "--from", district["journal"], "--key", district["other_key"],
                  "--manager-pin", "2468")
    assert "is not the key file of store" in err
    assert not target.exists()
    assert not key_path(uuid.UUID(district["own_key"].stem)).exists()


def test_an_existing_file_is_never_written_over(district, tmp_path: Path) -> None:
    target = tmp_path / "existing.sqlite3"
    target.write_bytes(b"the manager's notes")
    err = refused("rebuild", "--db", target, "--from", district["journal"], "--manager-pin", "2468")
    assert "already exists" in err
    assert target.read_bytes() == b"the manager's notes"
    assert not key_path(uuid.UUID(district["own_key"].stem)).exists()


def test_a_truncated_or_foreign_file_is_refused(district, tmp_path: Path) -> None:
    lines = lines_of(district["journal"])
    for name, data in (("cut", b"".join(lines[:-5])), ("text", b"hello\n"), ("empty", b"")):
        bad = tmp_path / name
        bad.write_bytes(data)
        assert "not a store's journal" in refused("rebuild", "--db", tmp_path / "r.sqlite3", "--from", bad,
                                                  "--manager-pin", "2468")
        assert not (tmp_path / "r.sqlite3").exists()


def test_a_store_that_never_trusted_a_hub_needs_the_hubs_trust_file(tmp_path: Path) -> None:
    db, hub = tmp_path / "store.sqlite3", tmp_path / "hub.sqlite3"
    ok("init", "--db", db, "--store-code", "JA03", "--name", "店", "--district", "静安区", "--manager-pin", "9999")
    ok("hub", "init", "--hub", hub, "--district", "静安区")
    ok("store-key", "--db", db, "--out", tmp_path / "reg.json")
    ok("hub", "add-store", "--hub", hub, "--registration", tmp_path / "reg.json", "--out", tmp_path / "trust.json")
    export(db, hub, tmp_path)  # sent before the trust file was ever loaded
    journal = tmp_path / "j.cpjournal"
    ok("hub", "export-store", "--hub", hub, "--store-code", "JA03", "--out", journal)
    target = tmp_path / "rebuilt.sqlite3"
    assert "names no hub it trusted" in refused("rebuild", "--db", target, "--from", journal, "--manager-pin", "2468")
    assert not target.exists()
    # another hub's trust file does not vouch for this one
    other = tmp_path / "other-hub.sqlite3"
    ok("hub", "init", "--hub", other, "--district", "普陀区")
    ok("hub", "add-store", "--hub", other, "--registration", tmp_path / "reg.json", "--out", tmp_path / "other.json")
    assert "not by the hub this store trusted" in refused("rebuild", "--db", target, "--from", journal, "--trust",
                                                          tmp_path / "other.json", "--manager-pin", "2468")
    assert not target.exists()
    ok("rebuild", "--db", target, "--from", journal, "--trust", tmp_path / "trust.json", "--manager-pin", "2468")
    assert ok("verify", "--db", target).startswith("OK")
    # where a new PC keeps its store by default (and where the lost one was): allowed while nothing is there
    from charity_pos import config

    default = config.default_store_path()
    default.parent.mkdir(parents=True, exist_ok=True)
    ok("rebuild", "--db", default, "--from", journal, "--trust", tmp_path / "trust.json", "--manager-pin", "2468")
    assert ok("verify", "--db", default).startswith("OK")
    assert "already exists" in refused("rebuild", "--db", default, "--from", journal, "--trust",
                                       tmp_path / "trust.json", "--manager-pin", "2468")


def test_the_old_key_file_never_replaces_another_key_of_the_store(district, tmp_path: Path) -> None:
    first = tmp_path / "first.sqlite3"
    ok("rebuild", "--db", first, "--from", district["journal"], "--manager-pin", "2468")  # a new key pair
    made = key_path(uuid.UUID(district["own_key"].stem))
    new_key = made.read_bytes()
    target = tmp_path / "second.sqlite3"
    err = refused("rebuild", "--db", target, "--from", district["journal"], "--key", district["own_key"],
                  "--manager-pin", "2468")
    assert "never writes over a key file" in err
    assert not target.exists() and made.read_bytes() == new_key


def test_refusals_speak_chinese_by_default(district, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["rebuild", "--db", str(tmp_path / "r.sqlite3"), "--from", str(district["journal"]),
                         "--key", str(district["other_key"]), "--manager-pin", "2468"])
    assert code == 1
    assert "不是门店" in err.getvalue() and "未写入任何内容" in err.getvalue()


# --- each journal value as stored (``stored_form``) ----------------------------------------------------
DIALECT = SQLiteDialect_pysqlite()
UUIDS = ["0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E",
         "{0f8fad5b-d9cb-469f-a165-70867728950e}", "0f8fad5bd9cb469fa16570867728950e",
         "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950", "", None, 7]
TIMES = ["2026-03-10T08:00:00.123456+00:00", "2026-03-10T08:00:00+00:00", "2026-03-10T16:00:00.123456+08:00",
         "2026-03-10 08:00:00.123456+00:00", "2026-02-30T08:00:00.123456+00:00", "2026-03-10T24:00:00.000000+00:00",
         "2026-03-10T08:00:00.123456", "２０２６-03-10T08:00:00.123456+00:00", "", None, 5]


def outcome(read: Any, value: Any) -> tuple[str, Any]:
    try:
        return "stored", read(value)
    except Exception as exc:  # noqa: BLE001 - what fails must fail the same way
        return "refused", type(exc).__name__


def columns_of(kind: str) -> list[Any]:
    found = [c for table in journaled_tables() for c in journaled_columns(table) if type(c.type).__name__ == kind]
    assert found, kind
    return found


@pytest.mark.parametrize(("kind", "values"), [("Uuid", UUIDS), ("UtcDateTime", TIMES),
                                              ("Date", ["2026-03-10", "2026-02-30", None]),
                                              ("Boolean", [True, False, 1, 0, None]),
                                              ("Integer", [3290, -1, None]), ("String", ["王丽华", "", None])])
def test_every_journal_value_is_stored_as_sqlalchemy_stores_it(kind: str, values: list[Any]) -> None:
    for column in columns_of(kind):
        fast, slow = stored_form(column, DIALECT), _slow(column, DIALECT)
        for value in values:
            assert outcome(fast, value) == outcome(slow, value), (column, value)


def test_the_app_s_forms_take_the_shortcut_and_refuse_the_impossible() -> None:
    (uuid_column, *_), (time_column, *_) = columns_of("Uuid"), columns_of("UtcDateTime")
    assert stored_form(uuid_column, DIALECT)(UUIDS[0]) == "0f8fad5bd9cb469fa16570867728950e"
    assert stored_form(time_column, DIALECT)(TIMES[0]) == "2026-03-10 08:00:00.123456"
    assert stored_form(time_column, DIALECT)(TIMES[2]) == "2026-03-10 08:00:00.123456"  # the slow way: in UTC
    assert outcome(stored_form(time_column, DIALECT), TIMES[4]) == ("refused", "ValueError")
