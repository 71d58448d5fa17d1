"""The store's side of downstream sync: the district key from the hub's
trust file, the district hashes a store sends up, and the bundle the hub
sends down (households, quota rules, use at the district's other stores)
applied in one transaction, or refused in one line with nothing changed.

The downstream bundles are built here with the bundle writer and a hub key
made in the test: nothing of the hub's own code is used.

The store's ``import-bundle`` reads a downstream bundle with the hub's
defensive reader: damaged bundles derived from a genuine one (ZIP edits,
zip bombs, flipped content, manifest and content edits signed again with the
hub's key: wrong types, integers beyond 64 bits, negatives, deep nesting,
NaN) are each refused with a typed error in one line, the store file
unchanged; a FIFO does not block; the genuine bundle still applies.
"""

from __future__ import annotations

import base64
import json
import os
import random
import secrets
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charity_pos import errors, messages
from charity_pos.errors import ApprovalRequired, IdNotHeldHere
from charity_pos.i18n import describe
from charity_pos.ledger.canonical import canonical_json
from charity_pos.services.base import Actor, ServiceContext
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.quotas import RuleDraft
from charity_pos.services.registry import Services
from charity_pos.services.store_file import open_store
from charity_pos.sync.bundle import read_bundle, write_bundle
from charity_pos.sync.district import district_hash
from charity_pos.sync.downstream import apply_downstream
from tests.conftest import STORE_CODE, FakeClock
from tests.helpers import run_cli
from tests.hub.damage import BAD_TYPES, BIG, Member, build_zip, deep, deflate_bomb, members_of, signed
from tests.services.test_pipl import holding, store_files
from tests.sync.test_store_side import dump, journal_rows, ok, one_error_line, query, trust_file

HUB_ID = "6f7c2a58-1f3e-4b0e-9a57-2d1c0b9e8f41"
DISTRICT_KEY = secrets.token_bytes(32)
#: card, head, ID number: the store's own households
OWN = (("AX000001", "袁建华", "310104195803017620"), ("AX000002", "陈国强", "310105196207150418"))
#: a household of the district the store has not registered, and its (hub-side) ID number
NEW_ID = "310106194809230535"
NUMBERS = [number for _card, _name, number in OWN] + [NEW_ID]
SNACK = "6901234567007"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@pytest.fixture
def store(store_db, services: Services, manager: Actor, cashier: Actor, clock: FakeClock) -> Path:
    """A closed store file: two 低保 households, ¥50 a month, and a ¥10 snack in stock."""
    from datetime import date

    services.quotas.set_rule(manager, RuleDraft(HouseholdCategory.DIBAO.value, "month", 5000, 0, 0, "", "enforce", ()))
    for card, name, number in OWN:
        services.households.register(manager, HouseholdDraft(
            card, name, number, 2, HouseholdCategory.DIBAO, "长征镇", "普民救〔2026〕018号", date(2026, 1, 1),
            date(2026, 12, 31), date(2026, 1, 1)))
    snack = services.catalog.create_item(manager, ItemDraft("饼干 400g", "grain_oil", "包", 1000, 1100, SNACK,
                                                            Source.PURCHASED)).ids[0]
    services.stock.receive(manager, {snack: 10})
    store_db.close()
    return store_db.path


@pytest.fixture
def hub_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


@pytest.fixture
def trusted(capsys, store: Path, hub_key: Ed25519PrivateKey, tmp_path: Path) -> Path:
    trust = trust_file(tmp_path / "trust.json", hub_key=hub_key, district_match_key=b64(DISTRICT_KEY))
    ok(capsys, "trust-hub", "--db", store, trust, "--lang", "en")
    return store


def dh(number: str) -> str:
    return district_hash(DISTRICT_KEY, number)


def household_line(card: str, name: str, number: str, **fields: Any) -> dict[str, Any]:
    line = {"card_number": card, "head_name": name, "id_masked": number[:6] + "********" + number[-4:],
            "district_hash": dh(number), "members": 2, "category": "dibao", "subdistrict": "长征镇",
            "valid_from": "2026-01-01", "valid_to": "2026-12-31", "status": "active", "consent_on": "2026-01-01"}
    line.update(fields)
    return line


def jsonl(rows: list[dict[str, Any]]) -> bytes:
    return b"".join((json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8") for row in rows)


def downstream(path: Path, key: Ed25519PrivateKey, *, sequence: int = 1, store_code: str = STORE_CODE,
               hub_id: str = HUB_ID, households: list[dict[str, Any]] | None = None,
               rules: list[dict[str, Any]] | None = None, use: list[dict[str, Any]] | None = None,
               **manifest_fields: Any) -> Path:
    """A bundle from the hub to a store, as the contract in sync.district describes it."""
    households = households if households is not None else [
        household_line(*OWN[0], members=4, subdistrict="真如镇"),
        household_line("AX000009", "李秀英", NEW_ID, members=1),
    ]
    rules = rules if rules is not None else [
        {"household_category": "dibao", "period": "month", "base_fen": 5000, "per_member_fen": 0, "topup_fen": 0,
         "topup_months": "", "mode": "enforce",
         "limits": [{"goods_category": "grain_oil", "base_count": 6, "per_member_count": 0}]}]
    use = use if use is not None else [
        {"district_hash": dh(OWN[0][2]), "period_key": "2026-03", "used_fen": 4000},
        {"district_hash": dh(NEW_ID), "period_key": "2026-02", "used_fen": 1500},
    ]
    manifest = {"kind": "hub-downstream", "signer": f"hub:{hub_id}", "hub_id": hub_id, "district": "普陀区",
                "store_code": store_code, "sequence": sequence, "created_at": "2026-03-10T01:00:00+00:00",
                "events_held": {"last_seq": 12, "last_hash": "ab" * 32, "last_at": "2026-03-09T10:00:00+00:00"},
                "counts": {"households": len(households), "rules": len(rules), "use": len(use)}}
    manifest.update(manifest_fields)
    return write_bundle(path, manifest, {"households.jsonl": jsonl(households),
                                         "rules.json": json.dumps(rules).encode("utf-8"), "use.jsonl": jsonl(use)},
                        key)


def households(path: Path) -> dict[str, tuple[Any, ...]]:
    return {row[0]: row[1:] for row in query(
        path, "SELECT card_number, members, subdistrict, id_cipher, id_hash, id_masked, district_hash "
              "FROM household ORDER BY card_number")}


# --- the district key --------------------------------------------------------------------------------------
def test_trust_hub_keeps_the_district_key_and_hashes_the_stores_households(capsys, store, hub_key, tmp_path) -> None:
    assert {card: row[-1] for card, row in households(store).items()} == {"AX000001": None, "AX000002": None}
    trust = trust_file(tmp_path / "trust.json", hub_key=hub_key, district_match_key=b64(DISTRICT_KEY))
    ok(capsys, "trust-hub", "--db", store, trust, "--lang", "en")
    assert query(store, "SELECT district_match_key FROM sync_state") == [(b64(DISTRICT_KEY),)]
    assert {card: row[-1] for card, row in households(store).items()} == {
        card: dh(number) for card, _name, number in OWN}
    # a secret: not in the journal
    assert all(b64(DISTRICT_KEY) not in e["payload"] for e in journal_rows(store))
    # a bad key is refused in one line
    bad = trust_file(tmp_path / "bad.json", hub_key=hub_key, district_match_key="not base64!")
    line = one_error_line(*run_cli("trust-hub", "--db", store, bad, "--lang", "en"))
    assert "district_match_key" in line


def test_export_sends_district_hashes_and_never_an_id_number(capsys, trusted, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    bundle = read_bundle(Path(ok(capsys, "export-bundle", "--db", trusted, "--out", out).strip()))
    ids = dict(query(trusted, "SELECT card_number, id FROM household"))
    lines = [json.loads(line) for line in bundle.files["households.jsonl"].decode().splitlines()]
    assert lines == sorted(({"household_id": str(uuid.UUID(ids[card])), "district_hash": dh(number)}
                            for card, _name, number in OWN), key=lambda row: row["household_id"])
    assert holding(b"".join(bundle.files.values()) + bundle.manifest_bytes, NUMBERS) == []


def test_export_without_the_district_key_has_no_households_file(capsys, store, hub_key, tmp_path) -> None:
    ok(capsys, "trust-hub", "--db", store, trust_file(tmp_path / "trust.json", hub_key=hub_key), "--lang", "en")
    out = tmp_path / "out"
    out.mkdir()
    bundle = read_bundle(Path(ok(capsys, "export-bundle", "--db", store, "--out", out).strip()))
    assert set(bundle.files) == {"events.jsonl"}


# --- applying a bundle -----------------------------------------------------------------------------------------
def test_a_good_bundle_applies_in_one_event(capsys, trusted, hub_key, tmp_path, clock, cashier, manager) -> None:
    before = journal_rows(trusted)
    path = downstream(tmp_path / "down.cpbundle", hub_key)
    out = ok(capsys, "import-bundle", "--db", trusted, path, "--lang", "en")
    assert out == ("Applied district bundle #1: 1 households added, 1 updated, 1 quota rules, 2 rows of use in other "
                   "stores; the district has your data up to 2026-03-09.\n")
    rows = households(trusted)
    assert rows["AX000001"][:2] == (4, "真如镇")
    assert rows["AX000002"][:2] == (2, "长征镇")
    assert rows["AX000009"] == (1, "长征镇", "", "", "310106********0535", dh(NEW_ID))
    assert query(trusted, "SELECT base_count FROM quota_item_limit") == [(6,)]
    assert sorted(query(trusted, "SELECT period_key, used_fen FROM other_store_use")) == [("2026-02", 1500),
                                                                                          ("2026-03", 4000)]
    assert query(trusted, "SELECT last_downstream_seq, district_events_seq FROM sync_state") == [(1, 12)]
    events = journal_rows(trusted)[len(before):]
    assert [e["kind"] for e in events] == ["district.applied"]
    assert json.loads(events[0]["payload"])["facts"] == {"hub_id": HUB_ID, "sequence": 1, "counts": {
        "households_added": 1, "households_updated": 1, "rules": 1, "use_rows": 2}}
    assert "李秀英" not in events[0]["payload"] and "袁建华" not in events[0]["payload"]
    assert holding(store_files(trusted), NUMBERS) == []

    # the handout counts the use elsewhere: ¥40 of ¥50 taken at another store leaves ¥10 here
    services = Services.open(trusted, clock)
    try:
        card = services.handouts.card("AX000001")
        assert (card.used_elsewhere_fen, card.standing.used_fen, card.standing.remaining_fen) == (4000, 4000, 1000)
        assert services.handouts.card("AX000002").used_elsewhere_fen == 0
        snack = services.handouts.scan(SNACK)
        assert services.handouts.judge(card.household_id, [(snack, 1)]).within
        services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), card.household_id,
                                                         (HandoutLineDraft(snack.item_id, 1),)))
        assert services.handouts.card("AX000001").standing.remaining_fen == 0
        assert not services.handouts.judge(card.household_id, [(snack, 1)]).within
        with pytest.raises(ApprovalRequired):  # ¥10 more is past the allowance: a manager's approval
            services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), card.household_id,
                                                             (HandoutLineDraft(snack.item_id, 1),)))
        # the whole number of a household from the district is not held here
        added = services.handouts.card("AX000009").household_id
        with pytest.raises(IdNotHeldHere) as refused:
            services.households.reveal_id(manager, added)
        assert "AX000009" in describe(refused.value)
    finally:
        services.close()


def test_a_later_bundle_replaces_the_use_elsewhere(capsys, trusted, hub_key, tmp_path) -> None:
    ok(capsys, "import-bundle", "--db", trusted, downstream(tmp_path / "1.cpbundle", hub_key), "--lang", "en")
    second = downstream(tmp_path / "2.cpbundle", hub_key, sequence=2, households=[], rules=[], use=[
        {"district_hash": dh(OWN[1][2]), "period_key": "2026-03", "used_fen": 700}])
    out = ok(capsys, "import-bundle", "--db", trusted, second, "--lang", "en")
    assert out.startswith("Applied district bundle #2: 0 households added, 0 updated, 0 quota rules, 1 rows")
    assert query(trusted, "SELECT period_key, used_fen FROM other_store_use") == [("2026-03", 700)]


# --- refusals ---------------------------------------------------------------------------------------------------
def flip(path: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("case", ["other_store", "other_key", "other_hub", "same_sequence", "older", "flipped",
                                  "truncated", "store_events", "bad_line"])
def test_refusals_are_one_line_and_change_nothing(capsys, trusted, hub_key, tmp_path, case) -> None:
    ok(capsys, "import-bundle", "--db", trusted, downstream(tmp_path / "first.cpbundle", hub_key, sequence=5),
       "--lang", "en")
    path = tmp_path / "bad.cpbundle"
    expected = {
        "other_store": "was made for store PT02, not for this store (PT01)",
        "other_key": "is not signed by",
        "other_hub": "not by the hub of 普陀区 that this store trusts",
        "same_sequence": "older than the one last applied",
        "older": "older than the one last applied",
        "flipped": ("damaged", "is not a charity-pos bundle, or it is cut short"),
        "truncated": ("damaged", "is not a charity-pos bundle, or it is cut short"),
        "store_events": "is not a bundle from the district hub to a store",
        "bad_line": "line 1 of households.jsonl",
    }[case]
    if case == "other_store":
        downstream(path, hub_key, sequence=6, store_code="PT02")
    elif case == "other_key":
        downstream(path, Ed25519PrivateKey.generate(), sequence=6)
    elif case == "other_hub":
        downstream(path, hub_key, sequence=6, hub_id=str(uuid.uuid4()))
    elif case == "same_sequence":
        downstream(path, hub_key, sequence=5)
    elif case == "older":
        downstream(path, hub_key, sequence=4)
    elif case == "flipped":
        flip(downstream(path, hub_key, sequence=6))
    elif case == "truncated":
        data = downstream(path, hub_key, sequence=6).read_bytes()
        path.write_bytes(data[: len(data) - 40])
    elif case == "store_events":
        downstream(path, hub_key, sequence=6, kind="store-events")
    elif case == "bad_line":
        downstream(path, hub_key, sequence=6, households=[{"card_number": "AX1"}])
    before = dump(trusted)
    line = one_error_line(*run_cli("import-bundle", "--db", trusted, path, "--lang", "en"))
    assert any(words in line for words in ((expected,) if isinstance(expected, str) else expected)), line
    assert dump(trusted) == before


def test_no_hub_trusted_is_refused_in_one_line(capsys, store, hub_key, tmp_path) -> None:
    path = downstream(tmp_path / "down.cpbundle", hub_key)
    before = dump(store)
    line = one_error_line(*run_cli("import-bundle", "--db", store, path, "--lang", "en"))
    assert "trusts no district hub yet" in line
    assert dump(store) == before


# --- damaged bundles (``import-bundle`` through the hub's defensive reader) ---------------------------
Recipe = tuple[str, Callable[[], bytes]]
RAW_NUMBERS = ("NaN", "Infinity", "-Infinity", "1e999", "9" * 25, "1" * 400)


def english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


def _resigned(genuine: bytes, key: Ed25519PrivateKey, manifest: bytes) -> bytes:
    return build_zip(signed(members_of(genuine), manifest, key))


def _with_content(tmp: Path, key: Ed25519PrivateKey, manifest: dict[str, Any], files: dict[str, bytes]) -> bytes:
    fields = {k: v for k, v in manifest.items() if k not in ("format", "files", "sizes")}
    return write_bundle(tmp / "edited.cpbundle", fields, files, key).read_bytes()


def _cases(genuine: bytes, key: Ed25519PrivateKey, tmp: Path) -> Iterator[Recipe]:
    rng = random.Random(11)
    members = members_of(genuine)
    bundle = read_bundle(tmp / "genuine.cpbundle")
    manifest, files = bundle.manifest, dict(bundle.files)

    def edit(index: int, **changes: Any) -> list[Member]:
        return [replace(m, **changes) if i == index else m for i, m in enumerate(members)]

    # the ZIP
    start = 0
    for i, m in enumerate(members):
        label = m.name.decode()
        start += 30 + len(m.name)  # where its content starts in the file
        for method in (8, 12, 99):
            for side in ("local", "central"):
                yield f"zip:method={method}:{side}:{label}", lambda: build_zip(edit(i, **{side: {"method": method}}))
        for bit in (0, 1, 3, 6, 11, 13):
            yield f"zip:flag{bit}:{label}", lambda: build_zip(edit(i, local={"flags": 1 << bit},
                                                                   central={"flags": 1 << bit}))
        yield f"zip:local-crc:{label}", lambda: build_zip(edit(i, local={"crc": 1}))
        yield f"zip:size:{label}", lambda: build_zip(edit(i, size=len(m.data) + 1, local={"csize": len(m.data) + 1},
                                                          central={"csize": len(m.data) + 1}))
        yield f"zip:missing:{label}", lambda: build_zip([x for j, x in enumerate(members) if j != i])
        yield f"zip:twice:{label}", lambda: build_zip([*members, m])
        yield f"zip:extra-field:{label}", lambda: build_zip(edit(i, local_extra=b"\x01\x00\x00\x00"))
        for offset in rng.sample(range(start, start + len(m.data)), min(8, len(m.data))):
            yield f"flip@{offset}", lambda: (genuine[:offset] + bytes([genuine[offset] ^ 0x20])
                                             + genuine[offset + 1:])
        start += len(m.data)
    for name in (b"events.jsonl", b"evil.txt", b"../rules.json"):
        yield f"zip:extra-member={name!r}", lambda: build_zip([*members, Member(name, b"{}\n")])
    for length in (0, 22, len(genuine) // 2, len(genuine) - 1):
        yield f"zip:cut={length}", lambda: genuine[:length]
    bomb, size, crc = deflate_bomb(64)
    yield "zip:bomb", lambda: build_zip([members[0], Member(b"households.jsonl", bomb, size=size, crc=crc,
                                                           local={"method": 8}, central={"method": 8}),
                                         *members[2:]])

    # the manifest, signed again with the hub's key
    for fld, values in {"sequence": (*BAD_TYPES, *BIG, 0, "2", 2.0, deep(12)),
                        "kind": (None, 1, "", "store-events", deep(12)),
                        "signer": (None, 1, "", "hub:", "store:PT01"),
                        "hub_id": (None, 1, "x", deep(12)),
                        "events_held": (deep(12), {"last_seq": 2**64}),
                        "created_at": (deep(12),)}.items():
        for value in values:
            changed = dict(manifest, **{fld: value})
            yield f"manifest:{fld}={str(value)[:20]}", lambda: _resigned(
                genuine, key, canonical_json(changed).encode())
    text = canonical_json(manifest)
    for raw in (*RAW_NUMBERS, "[" * 3000 + "]" * 3000):
        start = text.index('"sequence":') + len('"sequence":')
        edited = (text[:start] + raw + text[start + 1:]).encode()
        yield f"manifest-raw:sequence={raw[:10]}", lambda: _resigned(genuine, key, edited)

    # the content, signed again
    household = json.loads(files["households.jsonl"].splitlines()[0])
    for fld, values in {"members": (*BAD_TYPES, *BIG, 0, 21), "district_hash": (None, 1, "x", "A" * 64),
                        "valid_from": (None, 1, "x", "2026-02-30"), "status": (None, 1, "gone"),
                        "category": (None, 1, "rich"), "card_number": (None, 1, "", "X" * 21),
                        "head_name": (None, 1, [], "")}.items():
        for value in values:
            line = json.dumps(dict(household, **{fld: value}), ensure_ascii=False).encode()
            yield f"households:{fld}={str(value)[:20]}", lambda: _with_content(
                tmp, key, manifest, dict(files, **{"households.jsonl": line + b"\n"}))
    rule = json.loads(files["rules.json"])[0]
    for fld, values in {"base_fen": (*BAD_TYPES, -1, 10**12, 2**63, 2**64, 10**30),
                        "per_member_fen": ("1", 1.5, -1, 2**64),
                        "topup_months": (1, [1], "13", "x", None), "household_category": (None, 1, "rich"),
                        "period": (None, 1, "week"), "mode": (None, 1, "x"),
                        "limits": (None, 1, "x", [1], [{"goods_category": 1, "base_count": 1}],
                                   [{"goods_category": "grain_oil", "base_count": 2**64}],
                                   [{"goods_category": "grain_oil", "base_count": "1"}],
                                   [{"goods_category": "grain_oil"}], [{"goods_category": "gold", "base_count": 1}],
                                   deep(20))}.items():
        for value in values:
            rules = json.dumps([dict(rule, **{fld: value})]).encode()
            yield f"rules:{fld}={str(value)[:20]}", lambda: _with_content(
                tmp, key, manifest, dict(files, **{"rules.json": rules}))
    raw_rules = [f'[{{"household_category":"dibao","base_fen":{raw}}}]' for raw in RAW_NUMBERS]
    for raw in (*raw_rules, "[" * 3000 + "]" * 3000, "{}", "[1]", '"x"', "[", "\ufeff[]"):
        yield f"rules-raw:{raw[:48]}", lambda: _with_content(tmp, key, manifest,
                                                             dict(files, **{"rules.json": raw.encode()}))
    use = json.loads(files["use.jsonl"].splitlines()[0])
    for fld, values in {"used_fen": (*BAD_TYPES, *BIG), "period_key": (None, 1, "2026-13", "2026-Q5"),
                        "district_hash": (None, 1, "x")}.items():
        for value in values:
            line = json.dumps(dict(use, **{fld: value})).encode()
            yield f"use:{fld}={str(value)[:20]}", lambda: _with_content(
                tmp, key, manifest, dict(files, **{"use.jsonl": line + b"\n"}))
    for label, raw_line in {"nan": b'{"used_fen": NaN}', "deep": b"[" * 3000 + b"]" * 3000, "latin1": b"{\xe9}",
                            "big": b'{"used_fen": ' + b"9" * 400 + b"}", "array": b"[]"}.items():
        for part in ("households.jsonl", "use.jsonl"):
            yield f"{part}-raw:{label}", lambda: _with_content(tmp, key, manifest, dict(files, **{part: raw_line}))


def test_every_damaged_downstream_bundle_is_refused_and_changes_nothing(trusted: Path, hub_key: Ed25519PrivateKey,
                                                                       tmp_path: Path) -> None:
    genuine_path = downstream(tmp_path / "genuine.cpbundle", hub_key)
    genuine = genuine_path.read_bytes()
    path = tmp_path / "damaged.cpbundle"
    failures, count = [], 0
    db = open_store(trusted)
    try:
        ctx = ServiceContext(db)
        before = dump(trusted)
        for name, make in _cases(genuine, hub_key, tmp_path):
            count += 1
            path.write_bytes(make())
            try:
                apply_downstream(ctx, path)
            except errors.PosError as exc:
                sentence = english(exc)
                if "\n" in sentence or "{" in sentence or str(path) not in sentence:
                    failures.append(f"{name}: {sentence!r}")
            except Exception as exc:  # noqa: BLE001 - what this test is looking for
                failures.append(f"{name}: {type(exc).__name__}: {exc}")
            else:
                failures.append(f"{name}: applied")
                before = dump(trusted)
                continue
            if dump(trusted) != before:
                failures.append(f"{name}: the store changed")
                before = dump(trusted)
        assert count >= 250
        assert not failures, f"{len(failures)} of {count}:\n" + "\n".join(failures[:40])
        assert apply_downstream(ctx, genuine_path).sequence == 1  # and the genuine one still applies
    finally:
        db.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX only")
def test_a_fifo_is_refused_at_the_store_without_blocking(trusted: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "down.cpbundle"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    db = open_store(trusted)

    def attempt() -> None:
        try:
            apply_downstream(ServiceContext(db), fifo)
        except errors.PosError as exc:
            outcome.append(exc)

    try:
        worker = threading.Thread(target=attempt, daemon=True)
        worker.start()
        worker.join(timeout=20)
        assert not worker.is_alive(), "importing a FIFO blocked"
    finally:
        db.close()
    assert isinstance(outcome[0], errors.BundleNotAFile)
    assert english(outcome[0]) == f"{fifo} is a pipe (FIFO), not a bundle file: refused without reading it."
