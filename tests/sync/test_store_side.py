"""The store's side of upstream sync, as a store manager and the district
hub meet it: the registration file and the signing key behind it, trusting
the hub, and the bundle of journal events the store sends up: exactly the
events after the last export, chained, signed, the same bytes for the same
content, and nothing personal in it.

Most tests call ``cli.main(argv)`` in-process and read what it printed;
what the hub will do with a bundle is checked here with the bundle reader.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import json
import os
import sqlite3
import stat
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import charity_pos
from charity_pos import i18n
from charity_pos.services.store_file import open_store
from charity_pos.errors import BundleForged
from charity_pos.ledger.canonical import GENESIS, canonical_json, event_hash
from charity_pos.security.keys import StoreKeys, key_path
from charity_pos.services.base import Actor, ServiceContext
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.registry import Services
from charity_pos.sync.bundle import check_signature, public_key_from_text, public_key_text, read_bundle
from charity_pos.sync.store_side import EVENT_COLUMNS, StoreSync
from tests.conftest import STORE_CODE, FakeClock, FilledStore
from tests.helpers import dump, run_cli
from tests.helpers import one_error_line as _one_error_line
from tests.services.test_pipl import holding


def ok(capsys: pytest.CaptureFixture[str], *argv: object) -> str:
    code, out, err = run_cli(*argv)
    assert (code, err) == (0, ""), (out, err)
    assert "Traceback" not in out
    return out


def one_error_line(code: int, out: str, err: str, *, english: bool = True) -> str:
    """``helpers.one_error_line``, these tests running the command line in English."""
    return _one_error_line(code, out, err, english=english)


def query(path: Path, sql: str, *params: object) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return list(conn.execute(sql, params))


def store_id(path: Path) -> uuid.UUID:
    return uuid.UUID(query(path, "SELECT id FROM store")[0][0])


def mark(path: Path) -> int | None:
    rows = query(path, "SELECT last_exported_seq FROM sync_state")
    return rows[0][0] if rows else None


def journal_rows(path: Path, first: int = 1) -> list[dict[str, Any]]:
    cols = ", ".join(EVENT_COLUMNS)
    return [dict(zip(EVENT_COLUMNS, row, strict=True))
            for row in query(path, f"SELECT {cols} FROM journal_event WHERE seq >= ? ORDER BY seq", first)]


def bundle_events(path: Path) -> list[dict[str, Any]]:
    data = read_bundle(path).files["events.jsonl"]
    assert data.endswith(b"\n")
    lines = data.decode("utf-8").split("\n")[:-1]
    events = [json.loads(line) for line in lines]
    assert [canonical_json(e) for e in events] == lines, "each line is canonical JSON"
    return events


def add_items(path: Path, count: int) -> None:
    """More business, through the services, as the manager."""
    services = Services.open(path)
    try:
        row = next(u for u in services.accounts.users() if u.username == "manager")
        manager = Actor(row.id, row.username, row.role)
        for i in range(count):
            services.catalog.create_item(manager, ItemDraft(f"挂面 {i + 1}", "grain_oil", "包", 590, 650, None,
                                                            Source.PURCHASED))
    finally:
        services.close()


def registration(capsys: pytest.CaptureFixture[str], db: Path, out: Path) -> dict[str, Any]:
    assert ok(capsys, "store-key", "--db", db, "--out", out) == f"{out}\n"
    return json.loads(out.read_text(encoding="utf-8"))


def trust_file(path: Path, *, hub_key: Ed25519PrivateKey | None = None, hub_id: str = "6f7c2a58-1f3e-4b0e-9a57-2d1c0b9e8f41",
               store_code: str = STORE_CODE, **fields: Any) -> Path:
    """A hub's trust file, as ``charity-pos hub add-store`` writes it."""
    key = hub_key or Ed25519PrivateKey.generate()
    content: dict[str, Any] = {"format": "charity-pos-trust/1", "hub_id": hub_id, "district": "普陀区",
                               "name": "普陀区慈善超市管理中心", "public_key": public_key_text(key.public_key()),
                               "store_code": store_code, "created_at": "2026-03-09T08:00:00+00:00"}
    for name, value in fields.items():
        if value is None:
            content.pop(name, None)
        else:
            content[name] = value
    path.write_text(json.dumps(content, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    folder = tmp_path / "outbox"
    folder.mkdir()
    return folder


# --- the signing key and the registration file --------------------------------------------------------------
def test_registration_file_names_the_store_and_its_public_key(capsys, filled_store: FilledStore, tmp_path) -> None:
    reg = registration(capsys, filled_store.path, tmp_path / "PT01.store.json")
    assert set(reg) == {"format", "store_id", "store_code", "name", "short_name", "district", "public_key",
                        "created_at"}
    assert reg["format"] == "charity-pos-store/1"
    assert reg["store_id"] == str(store_id(filled_store.path))
    assert (reg["store_code"], reg["name"], reg["district"]) == ("PT01", "普陀区长征镇慈善超市", "普陀区")
    assert reg["short_name"] == query(filled_store.path, "SELECT short_name FROM store")[0][0]
    keys = StoreKeys.load(store_id(filled_store.path))
    assert keys.signing is not None
    assert reg["public_key"] == public_key_text(keys.signing.public_key())
    assert public_key_from_text(reg["public_key"])  # a valid Ed25519 key
    # only the public half: the private key is nowhere in the file
    private = json.loads(key_path(store_id(filled_store.path)).read_text())["ed25519"]
    assert private not in (tmp_path / "PT01.store.json").read_text()
    assert not list(tmp_path.glob("*.partial"))


def test_the_key_is_made_at_init_kept_private_and_stays_the_same(capsys, filled_store, tmp_path) -> None:
    path = key_path(store_id(filled_store.path))
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert set(raw) == {"store", "aes_gcm", "hmac_sha256", "ed25519", "sealed"}
    assert len(base64.b64decode(raw["ed25519"])) == 32
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    before = path.read_bytes()
    first = registration(capsys, filled_store.path, tmp_path / "a.json")
    second = registration(capsys, filled_store.path, tmp_path / "b.json")
    assert first["public_key"] == second["public_key"]
    assert path.read_bytes() == before, "a key file that has a signing key is left alone"


def test_an_older_key_file_gets_a_signing_key_on_first_need(capsys, filled_store, tmp_path, outbox) -> None:
    path = key_path(store_id(filled_store.path))
    raw = json.loads(path.read_text(encoding="utf-8"))
    older = {k: raw[k] for k in ("store", "aes_gcm", "hmac_sha256")}
    path.write_text(json.dumps(older), encoding="utf-8")
    os.chmod(path, 0o600)
    # reading the keys for personal data does not touch the file
    keys = StoreKeys.load(store_id(filled_store.path))
    assert keys.signing is None
    assert json.loads(path.read_text()) == older
    # a command that fails before it needs the key adds none
    one_error_line(*run_cli("store-key", "--db", filled_store.path, "--out", tmp_path / "nowhere" / "r.json",
                        "--lang", "en"))
    assert json.loads(path.read_text()) == older

    reg = registration(capsys, filled_store.path, tmp_path / "r.json")
    now = json.loads(path.read_text(encoding="utf-8"))
    assert {k: now[k] for k in older} == older, "the keys for personal data are kept as they were"
    assert reg["public_key"] == public_key_text(
        Ed25519PrivateKey.from_private_bytes(base64.b64decode(now["ed25519"])).public_key())
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "no partial file left beside it"
    # from then on, the same key: the export is signed by it
    assert registration(capsys, filled_store.path, tmp_path / "again.json")["public_key"] == reg["public_key"]
    bundle = read_bundle(Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox).strip()))
    check_signature(bundle, public_key_from_text(reg["public_key"]))
    # and personal data still reads with the old keys
    assert StoreKeys.load(store_id(filled_store.path)).encryption == base64.b64decode(older["aes_gcm"])


def test_store_key_refuses_bad_output_in_one_line(capsys, filled_store, tmp_path) -> None:
    line = one_error_line(*run_cli("store-key", "--db", filled_store.path, "--out", tmp_path, "--lang", "en"))
    assert line == f"Error: {tmp_path} is a folder; give the name of a file to write."
    missing = tmp_path / "missing"
    line = one_error_line(*run_cli("store-key", "--db", filled_store.path, "--out", missing / "r.json",
                               "--lang", "en"))
    assert line == f"Error: The folder {missing} does not exist."
    line = one_error_line(*run_cli("store-key", "--db", tmp_path / "none.db", "--out", tmp_path / "r.json"),
                          english=False)
    assert line == f"错误：找不到门店数据库：{tmp_path / 'none.db'}。"
    assert not (tmp_path / "r.json").exists()


def test_store_key_without_the_key_file_says_so(capsys, filled_store, tmp_path) -> None:
    path = key_path(store_id(filled_store.path))
    path.unlink()
    line = one_error_line(*run_cli("store-key", "--db", filled_store.path, "--out", tmp_path / "r.json",
                               "--lang", "en"))
    assert line == (f"Error: The store's key file {path} is missing; restore it from the backup to read "
                    "personal data.")
    assert not path.exists() and not (tmp_path / "r.json").exists()


# --- trusting the hub ----------------------------------------------------------------------------------------
def hub_state(path: Path) -> tuple[Any, ...] | None:
    rows = query(path, "SELECT hub_id, hub_name, hub_district, hub_public_key, hub_trusted_at FROM sync_state")
    return rows[0] if rows else None


def test_trust_hub_keeps_the_hubs_key_and_journals_it(capsys, filled_store, tmp_path) -> None:
    hub_key = Ed25519PrivateKey.generate()
    trust = trust_file(tmp_path / "trust.json", hub_key=hub_key)
    out = ok(capsys, "trust-hub", "--db", filled_store.path, trust, "--lang", "en")
    public = public_key_text(hub_key.public_key())
    fingerprint = hashlib.sha256(base64.b64decode(public)).hexdigest()
    assert out == (f"This store now trusts the hub of 普陀区 (6f7c2a58-1f3e-4b0e-9a57-2d1c0b9e8f41, key "
                   f"{fingerprint[:16]}); journal event #{filled_store.events + 1}.\n")
    state = hub_state(filled_store.path)
    assert state is not None
    assert uuid.UUID(state[0]) == uuid.UUID("6f7c2a58-1f3e-4b0e-9a57-2d1c0b9e8f41")
    assert state[1:4] == ("普陀区慈善超市管理中心", "普陀区", public)
    assert state[4] is not None
    assert mark(filled_store.path) == 0, "trusting a hub exports nothing"
    event = journal_rows(filled_store.path, filled_store.events + 1)
    assert [e["kind"] for e in event] == ["sync.hub_trusted"]
    assert json.loads(event[0]["payload"]) == {"changes": [], "facts": {
        "hub_id": "6f7c2a58-1f3e-4b0e-9a57-2d1c0b9e8f41", "district": "普陀区", "key_sha256": fingerprint}}
    assert ok(capsys, "verify", "--db", filled_store.path, "--lang", "en").startswith("OK: ")

    # the same file again: nothing changes
    before = dump(filled_store.path)
    out = ok(capsys, "trust-hub", "--db", filled_store.path, trust, "--lang", "en")
    assert out.endswith("nothing changed.\n") and "already trusts the hub of 普陀区" in out
    assert dump(filled_store.path) == before


def test_the_same_hub_with_a_new_key_replaces_the_old_one(capsys, filled_store, tmp_path) -> None:
    ok(capsys, "trust-hub", "--db", filled_store.path, trust_file(tmp_path / "t1.json"))
    new_key = Ed25519PrivateKey.generate()
    ok(capsys, "trust-hub", "--db", filled_store.path, trust_file(tmp_path / "t2.json", hub_key=new_key))
    assert hub_state(filled_store.path)[3] == public_key_text(new_key.public_key())  # type: ignore[index]
    kinds = [e["kind"] for e in journal_rows(filled_store.path, filled_store.events + 1)]
    assert kinds == ["sync.hub_trusted", "sync.hub_trusted"]


def test_a_trust_file_for_another_store_is_refused(capsys, filled_store, tmp_path) -> None:
    before = dump(filled_store.path)
    trust = trust_file(tmp_path / "trust.json", store_code="PT02")
    line = one_error_line(*run_cli("trust-hub", "--db", filled_store.path, trust, "--lang", "en"))
    assert line == f"Error: {trust} was made for store PT02, not for this store (PT01)."
    line = one_error_line(*run_cli("trust-hub", "--db", filled_store.path, trust), english=False)
    assert "PT02" in line and "PT01" in line
    assert dump(filled_store.path) == before


def test_another_hub_does_not_replace_the_trusted_one(capsys, filled_store, tmp_path) -> None:
    ok(capsys, "trust-hub", "--db", filled_store.path, trust_file(tmp_path / "ours.json"))
    before = dump(filled_store.path)
    other = trust_file(tmp_path / "other.json", hub_id="0b6a3f0e-5c4d-4e7f-8a9b-1c2d3e4f5a6b", district="静安区")
    line = one_error_line(*run_cli("trust-hub", "--db", filled_store.path, other, "--lang", "en"))
    assert line == (f"Error: This store already trusts the hub of 普陀区 (6f7c2a58-1f3e-4b0e-9a57-2d1c0b9e8f41); "
                    f"{other} is from another hub and is refused.")
    one_error_line(*run_cli("trust-hub", "--db", filled_store.path, other), english=False)
    assert dump(filled_store.path) == before


@pytest.mark.parametrize(("fields", "field"), [
    ({"format": "charity-pos-store/1"}, "format"),
    ({"format": None}, "format"),
    ({"hub_id": None}, "hub_id"),
    ({"hub_id": "not-a-uuid"}, "hub_id"),
    ({"district": ""}, "district"),
    ({"district": 7}, "district"),
    ({"public_key": None}, "public_key"),
    ({"public_key": "AAAA"}, "public_key"),
    ({"public_key": "not base64!"}, "public_key"),
    ({"store_code": None}, "store_code"),
    ({"created_at": "yesterday"}, "created_at"),
    ({"name": ["a list"]}, "name"),
])
def test_a_malformed_trust_file_is_refused_in_one_line(capsys, filled_store, tmp_path, fields, field) -> None:
    before = dump(filled_store.path)
    trust = trust_file(tmp_path / "trust.json", **fields)
    line = one_error_line(*run_cli("trust-hub", "--db", filled_store.path, trust, "--lang", "en"))
    assert line == f"Error: {trust} is not a hub trust file made by “charity-pos hub add-store” (field {field})."
    assert dump(filled_store.path) == before


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b"\xff\xfe\x00garbage", b"PK\x03\x04" + bytes(100),
                                     b"{" + b" " * 70_000 + b"}"])
def test_a_file_that_is_no_trust_file_is_refused(capsys, filled_store, tmp_path, content) -> None:
    before = dump(filled_store.path)
    trust = tmp_path / "trust.json"
    trust.write_bytes(content)
    line = one_error_line(*run_cli("trust-hub", "--db", filled_store.path, trust, "--lang", "en"))
    assert line.endswith("(field format).")
    missing = tmp_path / "no-such.json"
    line = one_error_line(*run_cli("trust-hub", "--db", filled_store.path, missing, "--lang", "en"))
    assert line == f"Error: There is no file {missing}."
    assert dump(filled_store.path) == before


# --- exporting the journal -----------------------------------------------------------------------------------
def test_export_writes_every_event_since_the_last_export_chained_and_signed(capsys, filled_store, tmp_path,
                                                                              outbox) -> None:
    reg = registration(capsys, filled_store.path, tmp_path / "reg.json")
    assert mark(filled_store.path) is None, "a store that never exported has no sync state yet"
    first = Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox).rstrip("\n"))
    assert first == outbox / f"PT01-1-{filled_store.events}.cpbundle"
    assert mark(filled_store.path) == filled_store.events

    add_items(filled_store.path, 3)
    head = filled_store.events + 3
    second = Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox).rstrip("\n"))
    assert second == outbox / f"PT01-{filled_store.events + 1}-{head}.cpbundle"
    assert mark(filled_store.path) == head

    rows = journal_rows(filled_store.path)
    for path, lo in ((first, 1), (second, filled_store.events + 1)):
        bundle = read_bundle(path)
        check_signature(bundle, public_key_from_text(reg["public_key"]))
        events = bundle_events(path)
        hi = lo + len(events) - 1
        assert events == rows[lo - 1:hi], "every column of exactly those events, as stored"
        m = bundle.manifest
        assert m["kind"] == "store-events" and m["signer"] == "store:PT01"
        assert (m["store_code"], m["store_id"]) == ("PT01", reg["store_id"])
        assert (m["first_seq"], m["last_seq"]) == (lo, hi)
        assert m["prev_hash"] == (GENESIS if lo == 1 else rows[lo - 2]["hash"])
        assert m["prev_hash"] == events[0]["prev_hash"]
        assert m["last_hash"] == events[-1]["hash"] == rows[hi - 1]["hash"]
        assert m["counts"]["events"] == len(events)
        assert sum(m["counts"]["by_kind"].values()) == len(events)
        assert m["counts"]["by_kind"] == {k: sum(1 for e in events if e["kind"] == k) for k in {e["kind"] for e in events}}
        assert m["app_version"] == charity_pos.__version__
        assert m["created_at"].endswith("+00:00")
        # the hub can recompute every hash from the lines alone
        prev = m["prev_hash"]
        for e in events:
            assert e["prev_hash"] == prev
            assert event_hash(prev, e["seq"], e["uuid"], e["kind"], e["at"], e["actor"], e["payload"]) == e["hash"]
            prev = e["hash"]
    assert bundle_events(second)[0]["prev_hash"] == bundle_events(first)[-1]["hash"]
    assert sorted(p.name for p in outbox.iterdir()) == sorted([first.name, second.name])
    assert ok(capsys, "verify", "--db", filled_store.path, "--lang", "en").startswith("OK: ")


def test_a_bundle_signed_by_another_key_does_not_verify(capsys, filled_store, outbox) -> None:
    bundle = read_bundle(Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox).strip()))
    with pytest.raises(BundleForged):
        check_signature(bundle, Ed25519PrivateKey.generate().public_key())


def test_nothing_new_writes_nothing(capsys, filled_store, outbox) -> None:
    ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox)
    files = sorted(outbox.iterdir())
    before = dump(filled_store.path)
    out = ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox, "--lang", "en")
    assert out == f"Nothing new to export: journal events up to #{filled_store.events} were exported already.\n"
    out = ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox)
    assert len(out.splitlines()) == 1 and str(filled_store.events) in out and "Nothing" not in out
    assert sorted(outbox.iterdir()) == files
    assert dump(filled_store.path) == before


def test_from_seq_exports_again_without_moving_the_mark_back(capsys, filled_store, outbox) -> None:
    ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox)
    head = filled_store.events
    again = Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox, "--from-seq", 3).strip())
    assert again.name == f"PT01-3-{head}.cpbundle"
    events = bundle_events(again)
    assert [e["seq"] for e in events] == list(range(3, head + 1))
    assert read_bundle(again).manifest["prev_hash"] == journal_rows(filled_store.path)[1]["hash"]
    assert mark(filled_store.path) == head, "the mark does not go backwards"
    # the last event alone, and from the very first
    assert Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox, "--from-seq", head)
                .strip()).name == f"PT01-{head}-{head}.cpbundle"
    whole = Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox, "--from-seq", 1).strip())
    assert read_bundle(whole).manifest["prev_hash"] == GENESIS
    # new events after a re-export: the next plain export starts after the mark
    add_items(filled_store.path, 2)
    nxt = Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox).strip())
    assert nxt.name == f"PT01-{head + 1}-{head + 2}.cpbundle"
    assert mark(filled_store.path) == head + 2


def test_from_seq_before_the_first_export_moves_the_mark_to_the_end(capsys, filled_store, outbox) -> None:
    path = Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox, "--from-seq", 4).strip())
    assert path.name == f"PT01-4-{filled_store.events}.cpbundle"
    assert mark(filled_store.path) == filled_store.events


@pytest.mark.parametrize("seq", [0, -1, "{head+1}", "{head+50}"])
def test_from_seq_beyond_the_journal_is_one_line(capsys, filled_store, outbox, seq) -> None:
    head = filled_store.events
    value = {"{head+1}": head + 1, "{head+50}": head + 50}.get(seq, seq)  # type: ignore[call-overload]
    before = dump(filled_store.path)
    line = one_error_line(*run_cli("export-bundle", "--db", filled_store.path, "--out", outbox,
                               "--from-seq", value, "--lang", "en"))
    assert line == f"Error: There is no journal event #{value}: this store's journal runs from #1 to #{head}."
    assert list(outbox.iterdir()) == []
    assert dump(filled_store.path) == before


def test_the_same_content_makes_the_same_bytes(filled_store, clock: FakeClock, tmp_path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    with open_store(filled_store.path) as db:
        sync = StoreSync(ServiceContext(db, clock))
        one = sync.export(a)
        two = sync.export(b, from_seq=1)
    assert one.path is not None and two.path is not None
    assert one.path.name == two.path.name
    assert one.path.read_bytes() == two.path.read_bytes()
    manifest = read_bundle(one.path).manifest
    assert manifest["created_at"] == "2026-03-10T08:16:00.000000+00:00"  # the test clock's time


def test_bad_inputs_are_one_line_and_change_nothing(capsys, filled_store, tmp_path, outbox) -> None:
    before = dump(filled_store.path)
    missing = tmp_path / "no-folder"
    line = one_error_line(*run_cli("export-bundle", "--db", filled_store.path, "--out", missing, "--lang", "en"))
    assert line == f"Error: The folder {missing} does not exist."
    line = one_error_line(*run_cli("export-bundle", "--db", filled_store.path, "--out", missing), english=False)
    assert line == f"错误：文件夹 {missing} 不存在。"
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    line = one_error_line(*run_cli("export-bundle", "--db", filled_store.path, "--out", a_file, "--lang", "en"))
    assert line == f"Error: {a_file} is a file, not a folder; give the folder to write into."
    line = one_error_line(*run_cli("export-bundle", "--db", tmp_path / "none.db", "--out", outbox, "--lang", "en"))
    assert line == f"Error: No store database at {tmp_path / 'none.db'}."
    code, out, err = run_cli("export-bundle", "--db", filled_store.path, "--out", outbox, "--from-seq", "x")
    assert code == 2 and out == "" and "Traceback" not in err and "--from-seq: invalid int value" in err
    assert not missing.exists() and list(outbox.iterdir()) == [] and a_file.read_text() == "x"
    assert dump(filled_store.path) == before


def test_a_store_open_elsewhere_is_refused(capsys, filled_store, tmp_path, outbox) -> None:
    before = dump(filled_store.path)
    holder = Services.open(filled_store.path)
    try:
        for argv in (["export-bundle", "--out", outbox], ["store-key", "--out", tmp_path / "r.json"],
                     ["trust-hub", trust_file(tmp_path / "t.json")]):
            line = one_error_line(*run_cli(*argv, "--db", filled_store.path, "--lang", "en"))
            assert line == (f"Error: {filled_store.path} is open in another running copy of charity-pos; "
                            "close that one first.")
    finally:
        holder.close()
    assert dump(filled_store.path) == before
    assert list(outbox.iterdir()) == [] and not (tmp_path / "r.json").exists()


def test_a_broken_journal_is_not_exported(capsys, filled_store, outbox) -> None:
    with closing(sqlite3.connect(filled_store.path)) as conn:
        conn.execute("UPDATE journal_event SET payload = payload || ' ' WHERE seq = 3")
        conn.commit()
    before = dump(filled_store.path)
    line = one_error_line(*run_cli("export-bundle", "--db", filled_store.path, "--out", outbox, "--lang", "en"))
    assert line == (f"Error: The journal of {filled_store.path} is broken at event #3; nothing was exported. "
                    "Run charity-pos verify.")
    assert list(outbox.iterdir()) == []
    assert dump(filled_store.path) == before


def test_a_failed_write_leaves_no_file_and_the_mark_where_it_was(capsys, filled_store, outbox,
                                                                 monkeypatch) -> None:
    from charity_pos import files as written_files

    ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox)
    add_items(filled_store.path, 1)
    files = sorted(outbox.iterdir())
    before = dump(filled_store.path)
    real = os.replace

    def full_disk(source: Any, target: Any) -> None:
        if str(target).endswith(".cpbundle"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    with monkeypatch.context() as mp:
        mp.setattr(written_files.os, "replace", full_disk)
        code, out, err = run_cli("export-bundle", "--db", filled_store.path, "--out", outbox, "--lang", "en")
    target = outbox / f"PT01-{filled_store.events + 1}-{filled_store.events + 1}.cpbundle"
    assert one_error_line(code, out, err) == f"Error: {target} cannot be written: the disk is full."
    assert sorted(outbox.iterdir()) == files, "no half file, no partial file"
    assert dump(filled_store.path) == before, "the mark did not move"
    nxt = Path(ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox).strip())
    assert nxt.name == f"PT01-{filled_store.events + 1}-{filled_store.events + 1}.cpbundle"


# --- personal data ---------------------------------------------------------------------------------------------
def test_a_bundle_of_the_demo_holds_no_personal_data(capsys, tmp_path, outbox) -> None:
    """Every household's name and whole ID number, every donor's name and
    phone and every staff member's name are in the demo store, and none of
    them is anywhere in its bundle's bytes."""
    from charity_pos.demo.builder import build_demo

    path = tmp_path / "demo.db"
    build_demo(path, days=3)
    services = Services.open(path)
    try:
        row = next(u for u in services.accounts.users() if u.username == "manager")
        manager = Actor(row.id, row.username, row.role)
        households = services.households.households()
        id_numbers = [services.households.reveal_id(manager, h.id) for h in households if h.id_masked]
        head_names = [h.head_name for h in households if h.head_name]
    finally:
        services.close()
    donors = query(path, "SELECT name, phone FROM donor")
    donor_texts = [v for name, phone in donors for v in (name, phone) if v]
    staff = [name for (name,) in query(path, "SELECT display_name FROM app_user")]
    assert len(id_numbers) >= 56 and len(head_names) >= 56
    assert len([p for _, p in donors if p]) >= 5 and len(staff) >= 4

    bundle = Path(ok(capsys, "export-bundle", "--db", path, "--out", outbox).strip())
    data = bundle.read_bytes()
    events = bundle_events(bundle)
    assert len(events) == query(path, "SELECT count(*) FROM journal_event")[0][0]
    kinds = {e["kind"] for e in events}
    assert {"household.registered", "donation.received", "sale.completed", "handout.completed"} <= kinds \
        or {"households.imported", "donation.received", "sale.completed", "handout.completed"} <= kinds
    assert holding(data, id_numbers) == []
    texts = head_names + donor_texts + staff
    leaked = [t for t in texts if any(form in data for form in (
        t.encode("utf-8"), json.dumps(t)[1:-1].encode("ascii"), t.encode("utf-16-le")))]
    assert leaked == []


# --- long exports split into consecutive bundles -------------------------------------------------------------
def test_an_export_longer_than_max_events_is_split_into_consecutive_bundles_each_verifiable_alone(
        capsys, filled_store, tmp_path, outbox) -> None:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.importer import import_bundle
    from charity_pos.hub.service import add_store, init_hub

    reg = registration(capsys, filled_store.path, tmp_path / "reg.json")
    head = filled_store.events
    out = ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox, "--max-events", 4)
    paths = [Path(line) for line in out.splitlines()]
    bounds = [(lo, min(lo + 3, head)) for lo in range(1, head + 1, 4)]
    assert len(bounds) >= 3, "the store has enough events for three bundles"
    assert [p.name for p in paths] == [f"PT01-{lo}-{hi}.cpbundle" for lo, hi in bounds]
    assert sorted(outbox.iterdir()) == sorted(paths), "no spool or partial file left beside them"
    assert mark(filled_store.path) == head
    rows = journal_rows(filled_store.path)
    for path, (lo, hi) in zip(paths, bounds, strict=True):
        bundle = read_bundle(path)
        check_signature(bundle, public_key_from_text(reg["public_key"]))
        m = bundle.manifest
        assert (m["first_seq"], m["last_seq"], m["counts"]["events"]) == (lo, hi, hi - lo + 1)
        assert m["prev_hash"] == (GENESIS if lo == 1 else rows[lo - 2]["hash"]) and m["last_hash"] == rows[hi - 1]["hash"]
        assert bundle_events(path) == rows[lo - 1:hi]
    assert "Nothing new" in ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox, "--lang", "en")

    # the hub takes them in order; one out of order is refused in one line and changes nothing
    hub_url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    init_hub(hub_url, "静安区")
    with open_hub(hub_url) as hub:
        add_store(hub, tmp_path / "reg.json", tmp_path / "trust.json")
        early = import_bundle(hub, paths[1])
        assert early.status == "refused" and type(early.error).__name__ == "EventsMissing"
        i18n.load("en")
        from charity_pos.i18n import describe
        assert describe(early.error) == "missing events 1-4 of store PT01: import the earlier bundle first"
        results = [import_bundle(hub, path) for path in paths]
        assert [(r.status, r.events) for r in results] == [("applied", hi - lo + 1) for lo, hi in bounds]


def test_max_events_below_one_is_one_line_and_changes_nothing(capsys, filled_store, outbox) -> None:
    before = dump(filled_store.path)
    for value in (0, -3):
        line = one_error_line(*run_cli("export-bundle", "--db", filled_store.path, "--out", outbox,
                                   "--max-events", value, "--lang", "en"))
        assert line == "Error: --max-events must be more than zero."
    code, out, err = run_cli("export-bundle", "--db", filled_store.path, "--out", outbox, "--max-events", "x")
    assert code == 2 and "--max-events: invalid int value" in err
    assert list(outbox.iterdir()) == [] and dump(filled_store.path) == before


def test_a_failed_write_of_a_later_bundle_keeps_the_earlier_ones_and_moves_the_mark_to_them(
        capsys, filled_store, outbox, monkeypatch) -> None:
    from charity_pos import files as written_files

    real = os.replace
    writes: list[str] = []

    def full_disk_at_the_third(source: Any, target: Any) -> None:
        if str(target).endswith(".cpbundle"):
            writes.append(str(target))
            if len(writes) == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)

    with monkeypatch.context() as mp:
        mp.setattr(written_files.os, "replace", full_disk_at_the_third)
        code, out, err = run_cli("export-bundle", "--db", filled_store.path, "--out", outbox, "--max-events", 2,
                             "--lang", "en")
    assert filled_store.events >= 7
    assert one_error_line(code, out, err) == f"Error: {outbox / 'PT01-5-6.cpbundle'} cannot be written: the disk is full."
    assert sorted(p.name for p in outbox.iterdir()) == ["PT01-1-2.cpbundle", "PT01-3-4.cpbundle"]
    assert mark(filled_store.path) == 4
    out = ok(capsys, "export-bundle", "--db", filled_store.path, "--out", outbox, "--max-events", 2)
    assert out.splitlines()[0].endswith("PT01-5-6.cpbundle")
    assert mark(filled_store.path) == filled_store.events
