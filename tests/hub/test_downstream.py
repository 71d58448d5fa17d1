"""From the hub down to the stores: the district's household registry
(checked as a store checks it, never a whole ID number kept), the district
matching key in the trust file, household links from stores' bundles that
put handouts of one household at several stores together, the signed
downstream bundle for a store (its area's households, the rules, use at
the other stores, the last event the hub holds) and the list of households
that went past their allowance across stores. Each test runs on SQLite and
on PostgreSQL."""

from __future__ import annotations

import base64
import csv
import json
import os
import sqlite3
import stat
import uuid
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from charity_pos.domain.identity import id_check_char, mask_id
from charity_pos.hub import downstream, registry
from charity_pos.hub.importer import import_bundle
from charity_pos.hub.models import HubBase, HubHandout, HubHousehold, HubHouseholdLink, HubStore
from charity_pos.hub.service import DISTRICT_KEY_FIELD, add_store, district_match_key, hub_info, key_path
from charity_pos.ledger.canonical import GENESIS
from charity_pos.services.quotas import DEFAULT_RULES
from charity_pos.sync import district
from charity_pos.sync.bundle import check_signature, public_key_from_text, read_bundle, write_bundle
from tests.helpers import run_cli
from tests.hub import (  # noqa: F401  (fixtures)
    Hub,
    SourceStore,
    hub,
    lines_of,
    source,
    store_key,
    write_registration,
)

AREA_A, AREA_B = "石门二路街道", "南京西路街道"
HEADER = ["救助证号", "户主姓名", "身份证号", "家庭人数", "救助类别", "认定街道", "认定文书号", "有效期起", "有效期止",
          "同意日期"]


def an_id(n: int) -> str:
    first = f"31010619800101{n:03d}"
    return first + id_check_char(first)


def a_row(card: str, name: str, id_number: str, area: str = AREA_A, members: Any = 2, category: str = "低保") -> list:
    return [card, name, id_number, members, category, area, "静民救(2026)1号", "2026-01-01", "2027-12-31",
            "2026-01-05"]


GOOD = [a_row("JA0001", "王小明", an_id(1)), a_row("JA0002", "李红", an_id(2), AREA_B, 1),
        a_row("JA0003", "张三", an_id(3), AREA_A, 3, "特困")]
BAD = [a_row("JA0004", "赵四", an_id(4)[:-1] + ("0" if an_id(4)[-1] != "0" else "1")),  # check digit wrong
       a_row("JA0005", "钱五", an_id(5)), a_row("JA0005", "孙六", an_id(6)),  # one card twice
       a_row("JA0007", "周七", an_id(7), members="")]  # no members
ALL_IDS = [an_id(n) for n in range(1, 8)]


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def every_value(hub: Hub) -> str:
    with hub.db.engine.connect() as conn:
        return "\n".join(str(v) for table in HubBase.metadata.sorted_tables for row in conn.execute(select(table))
                         for v in row)


def second_store(hub: Hub, tmp_path: Path, code: str = "JA02", areas: list[str] | None = None) -> HubStore:
    store = SourceStore(hub.store.path, str(uuid.uuid4()), code, "静安区南京西路慈善超市", "南京西路", hub.store.district, ())
    add_store(hub.db, write_registration(tmp_path / f"{code}.json", store, Ed25519PrivateKey.generate()),
              tmp_path / f"{code}-trust.json", areas=areas)
    with hub.db.read() as s:
        return s.scalars(select(HubStore).where(HubStore.code == code)).one()


def handout(hub: Hub, store_id: uuid.UUID, hash_: str | None, period: str, fen: int) -> None:
    with hub.db.begin() as s:
        s.add(HubHandout(store_id=store_id, id=uuid.uuid4(), number=f"H{uuid.uuid4().hex[:8]}",
                         at=datetime(2025, 3, 5, 2, tzinfo=UTC), household_id=uuid.uuid4(), household_hash=hash_,
                         period_key=period, total_value_fen=fen))


def set_rules(hub: Hub, tmp_path: Path, rules: Any = None) -> None:
    """The district's quota rules: by default the same figures the stores start with."""
    from charity_pos.hub.rules import import_rules

    path = tmp_path / "rules.json"
    path.write_text(json.dumps(rules if rules is not None else [downstream.rule_dict(r) for r in DEFAULT_RULES]),
                    encoding="utf-8")
    import_rules(hub.db, path, datetime(2026, 3, 1, tzinfo=UTC))


def registry_hashes(hub: Hub) -> dict[str, str]:
    with hub.db.read() as s:
        return {h.card_number: h.district_hash for h in s.scalars(select(HubHousehold))}


def demo_households(source: SourceStore) -> list[uuid.UUID]:
    with closing(sqlite3.connect(source.path.resolve().as_uri() + "?mode=ro", uri=True)) as conn:
        return [uuid.UUID(str(r[0])) for r in conn.execute("SELECT DISTINCT household_id FROM handout ORDER BY 1")]


def with_links(hub: Hub, path: Path, first: int, last: int, links: dict[uuid.UUID, str]) -> Path:
    s = hub.store
    events = [e for e in s.events if first <= e["seq"] <= last]
    manifest = {"kind": "store-events", "signer": f"store:{s.code}", "store_code": s.code, "store_id": s.id,
                "first_seq": first, "last_seq": last, "prev_hash": events[0]["prev_hash"],
                "last_hash": events[-1]["hash"], "created_at": "2026-03-13T02:00:00.000000+00:00",
                "app_version": "0.1.0",
                "counts": {"events": len(events), "by_kind": dict(sorted(
                    {k: sum(1 for e in events if e["kind"] == k) for k in {e["kind"] for e in events}}.items()))}}
    lines = b"".join((json.dumps({"household_id": str(h), "district_hash": d}) + "\n").encode() for h, d in
                     links.items())
    return write_bundle(path, manifest, {"events.jsonl": lines_of(events), "households.jsonl": lines}, hub.key)


# --- the registry ----------------------------------------------------------------------------------
def test_registry_import_checks_rows_as_a_store_does_and_keeps_no_whole_id(hub: Hub, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "list.csv", GOOD + BAD)
    done = registry.import_households(hub.db, sheet)
    assert done.imported == 3
    assert [b.row_number for b in done.preview.bad] == [5, 6, 7, 8]
    assert done.rejects == tmp_path / "list.rejects.csv" and done.rejects.is_file()
    for bad in done.preview.bad:
        assert bad.values["id_number"] in ("", mask_id(bad.values["id_number"])) or "*" in bad.values["id_number"]
        assert bad.reasons
    with hub.db.read() as s:
        rows = {h.card_number: h for h in s.scalars(select(HubHousehold))}
    assert set(rows) == {"JA0001", "JA0002", "JA0003"}
    key = district_match_key(hub_info(hub.db).id)
    assert rows["JA0001"].district_hash == district.district_hash(key, an_id(1))
    assert rows["JA0001"].id_masked == mask_id(an_id(1)) and rows["JA0003"].category == "tekun"
    # against the registry: the same ID under another card is refused, by its district hash
    again = registry.import_households(hub.db, write_csv(tmp_path / "again.csv",
                                                         [a_row("JA0009", "王小明", an_id(1)),
                                                          a_row("JA0003", "吴八", an_id(8))]))
    assert again.imported == 0 and len(again.preview.bad) == 2
    text = every_value(hub)
    for number in ALL_IDS + [an_id(8)]:
        assert number not in text


def test_registry_import_checks_the_reject_files_path_first(hub: Hub, tmp_path: Path) -> None:
    from charity_pos.errors import OutputIsFolder

    sheet = write_csv(tmp_path / "list.csv", GOOD + BAD)
    (tmp_path / "list.rejects.csv").mkdir()
    with pytest.raises(OutputIsFolder):
        registry.import_households(hub.db, sheet)
    with hub.db.read() as s:
        assert list(s.scalars(select(HubHousehold))) == [], "nothing imported"


def test_registry_import_says_what_went_in_when_only_the_reject_file_failed(hub: Hub, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from charity_pos import files
    from charity_pos.messages import describe

    sheet = write_csv(tmp_path / "list.csv", GOOD + BAD)
    real = os.replace

    def too_late(source: Any, target: Any) -> None:
        if str(target).endswith("list.rejects.csv"):
            raise IsADirectoryError(21, "Is a directory")
        real(source, target)

    with monkeypatch.context() as mp:
        mp.setattr(files.os, "replace", too_late)
        done = registry.import_households(hub.db, sheet)
    assert done.imported == 3 and done.rejects is None and done.rejects_error is not None
    assert describe(done.rejects_error, lambda _c, t: t) == (
        f"3 households imported, but the rows to correct were not written: {tmp_path / 'list.rejects.csv'} is a "
        "folder; give the name of a file to write.")
    with hub.db.read() as s:
        assert len(list(s.scalars(select(HubHousehold)))) == 3


def test_hub_import_prints_no_control_character_from_the_file(capsys: pytest.CaptureFixture[str], hub: Hub,
                                                              tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "list.csv", [a_row("JA0031", "\x1b[2J\x1b[31m王", an_id(31), members=""),
                                              a_row("JA0032\u202e", "李", an_id(32), category="低保\x1b[5m")])
    code, out, err = run(capsys, "hub", "households", "import", "--hub", hub.url, sheet)
    text = "\n".join(out) + err
    assert code == 1 and "\x1b" not in text and "\u202e" not in text
    assert "\\x1b" in text and "JA0032\\u202e" in text
    back = (tmp_path / "list.rejects.csv").read_text(encoding="utf-8")
    assert "\x1b[2J" in back, "the reject file keeps the office's own cells"


# --- the district key ---------------------------------------------------------------------------------
def test_trust_file_carries_the_district_key_and_old_key_files_get_one(hub: Hub) -> None:
    hub_id = hub_info(hub.db).id
    trust = json.loads(hub.trust_file.read_text(encoding="utf-8"))
    key = base64.b64decode(trust[DISTRICT_KEY_FIELD])
    assert len(key) == district.KEY_BYTES and key == district_match_key(hub_id)
    assert stat.S_IMODE(os.stat(hub.trust_file).st_mode) == 0o600
    # a key file from before the district key: one is added, once, owner only
    path = key_path(hub_id)
    raw = json.loads(path.read_text())
    del raw[DISTRICT_KEY_FIELD]
    path.write_text(json.dumps(raw))
    added = district_match_key(hub_id)
    assert added != key and len(added) == 32 and district_match_key(hub_id) == added
    assert json.loads(path.read_text())["ed25519"] == raw["ed25519"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


# --- links and the downstream bundle ------------------------------------------------------------------
def test_links_fill_household_hash_now_and_later(hub: Hub, source: SourceStore) -> None:
    ids = demo_households(source)
    assert ids
    links = {h: f"{n:064x}" for n, h in enumerate(ids, start=1)}
    half = len(source.events) // 2
    result = import_bundle(hub.db, with_links(hub, hub.folder / "a.cpbundle", 1, half, links))
    assert result.status == "applied", result.error
    result = import_bundle(hub.db, hub.bundle(half + 1, source.events[-1]["seq"]))  # without links: later handouts
    assert result.status == "applied", result.error
    with hub.db.read() as s:
        handouts = list(s.scalars(select(HubHandout)))
        assert s.scalar(select(HubHouseholdLink.district_hash).limit(1)) is not None
    assert handouts and all(h.household_hash == links[h.household_id] for h in handouts)


def test_export_bundle_sends_the_area_rules_use_elsewhere_and_events_held(hub: Hub, tmp_path: Path,
                                                                          source: SourceStore) -> None:
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    hashes = registry_hashes(hub)
    other = second_store(hub, tmp_path, "JA02", [AREA_A])
    last = source.events[-1]
    assert import_bundle(hub.db, hub.bundle(1, last["seq"])).status == "applied"
    with hub.db.read() as s:
        own = s.scalars(select(HubStore).where(HubStore.code == source.code)).one()
    # handouts this month: 1000 and 500 at the demo store, 700 at JA02, for JA0001
    handout(hub, own.id, hashes["JA0001"], "2026-03", 1000)
    handout(hub, own.id, hashes["JA0001"], "2026-03", 500)
    handout(hub, own.id, hashes["JA0002"], "2026-02", 900)  # last month: not sent
    handout(hub, other.id, hashes["JA0001"], "2026-03", 700)
    def clock() -> datetime:
        return datetime(2026, 3, 20, 4, tzinfo=UTC)

    out = tmp_path / "down"
    out.mkdir()
    first = downstream.export_bundle(hub.db, "JA02", out, clock=clock)
    second = downstream.export_bundle(hub.db, "JA02", out, clock=clock)
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.path == out / "JA02-down-2.cpbundle"
    bundle = read_bundle(second.path)
    check_signature(bundle, public_key_from_text(hub_info(hub.db).public_key))
    m = bundle.manifest
    assert m["kind"] == district.DOWNSTREAM and m["signer"] == f"hub:{hub_info(hub.db).id}"
    assert (m["store_code"], m["sequence"], m["district"]) == ("JA02", 2, "静安区")
    assert m["events_held"] == {"last_seq": 0, "last_hash": GENESIS, "last_at": None}
    households = [json.loads(line) for line in bundle.files[district.HOUSEHOLDS].splitlines()]
    assert sorted(h["card_number"] for h in households) == ["JA0001", "JA0003"]  # its area only
    assert set(households[0]) == {"card_number", "head_name", "id_masked", "district_hash", "members", "category",
                                  "subdistrict", "valid_from", "valid_to", "status", "consent_on"}
    rules = json.loads(bundle.files[district.RULES])
    assert len(rules) == len(DEFAULT_RULES) and rules[0]["limits"][0]["goods_category"] == "grain_oil"
    use = {(u["district_hash"], u["period_key"]): u["used_fen"]
           for u in map(json.loads, bundle.files[district.USE].splitlines())}
    assert use[(hashes["JA0001"], "2026-03")] == 1500  # at the demo store, not its own 700
    assert use[(hashes["JA0001"], "2026-Q1")] == 0 and use[(hashes["JA0003"], "2026-03")] == 0
    assert m["counts"] == {"households": 2, "rules": len(DEFAULT_RULES), "use": 4}
    whole = b"".join(bundle.files.values()).decode()
    assert not any(number in whole for number in ALL_IDS)
    # the demo store: the whole district, use at JA02 only, its last event held
    mine = read_bundle(downstream.export_bundle(hub.db, source.code, out, clock=clock).path)
    assert mine.manifest["sequence"] == 1
    assert mine.manifest["events_held"] == {"last_seq": last["seq"], "last_hash": last["hash"], "last_at": last["at"]}
    use = {(u["district_hash"], u["period_key"]): u["used_fen"]
           for u in map(json.loads, mine.files[district.USE].splitlines())}
    assert use[(hashes["JA0001"], "2026-03")] == 700 and use[(hashes["JA0002"], "2026-03")] == 0
    assert len(mine.files[district.HOUSEHOLDS].splitlines()) == 3


def test_over_allowance_across_two_stores(hub: Hub, tmp_path: Path) -> None:
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    set_rules(hub, tmp_path)
    hashes = registry_hashes(hub)
    other = second_store(hub, tmp_path)
    with hub.db.read() as s:
        own = s.scalars(select(HubStore).where(HubStore.code == hub.store.code)).one()
    # 低保, 1 member (JA0002): ¥50 a month in March; 30 + 30 at two stores
    handout(hub, own.id, hashes["JA0002"], "2025-03", 3000)
    handout(hub, other.id, hashes["JA0002"], "2025-03", 3000)
    handout(hub, own.id, hashes["JA0001"], "2025-03", 3000)  # 2 members: ¥70, within
    found = downstream.over_allowance(hub.db)
    assert [(f.card_number, f.name_masked, f.period_key, f.allowance_fen, f.used_fen, f.stores) for f in found] == [
        ("JA0002", "李*", "2025-03", 5000, 6000, ("JA01", "JA02"))]
    assert [(f.category, f.members, f.visits, f.by_store) for f in found] == [
        ("dibao", 1, 2, (downstream.StoreUse("JA01", 1, 3000), downstream.StoreUse("JA02", 1, 3000)))]


# --- the command line ---------------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, list[str], str]:
    code, out, err = run_cli(*argv, lang="en")
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def test_hub_downstream_commands(capsys: pytest.CaptureFixture[str], hub: Hub, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "list.csv", GOOD + BAD)
    code, out, _ = run(capsys, "hub", "households", "import", "--hub", hub.url, sheet)
    assert code == 1
    assert "3 households imported into the district registry, 4 rejected." in out
    assert sum(line.startswith("Row ") for line in out) == 4
    assert (tmp_path / "list.rejects.csv").is_file()
    assert not any(number in "\n".join(out) for number in ALL_IDS) and "王小明" not in "\n".join(out)
    code, out, _ = run(capsys, "hub", "households", "import", "--hub", hub.url,
                       write_csv(tmp_path / "more.csv", [a_row("JA0010", "冯十", an_id(10))]))
    assert code == 0 and "1 households imported into the district registry, 0 rejected." in out

    down = tmp_path / "down"
    down.mkdir()
    code, out, _ = run(capsys, "hub", "export-bundle", "--hub", hub.url, "--store-code", hub.store.code, "--out", down)
    assert code == 0 and out == [str(down / f"{hub.store.code}-down-1.cpbundle")]
    code, out, err = run(capsys, "hub", "export-bundle", "--hub", hub.url, "--store-code", "ZZ99", "--out", down)
    assert code == 1 and err.count("\n") == 1 and "ZZ99" in err and "is registered at this hub" in err
    code, out, err = run(capsys, "hub", "export-bundle", "--hub", hub.url, "--store-code", hub.store.code,
                         "--out", tmp_path / "nowhere")
    assert code == 1 and err.count("\n") == 1 and "does not exist" in err
    assert not list(down.glob("*-down-2.cpbundle"))

    code, out, _ = run(capsys, "hub", "over-allowance", "--hub", hub.url)
    assert code == 0 and out == ["The hub cannot judge yet: the district has set no quota rules (charity-pos hub "
                                 "rules import); until then each store applies its own."]
    set_rules(hub, tmp_path)
    code, out, _ = run(capsys, "hub", "over-allowance", "--hub", hub.url)
    assert code == 0 and out == ["No store has sent a handout yet: there is nothing to judge."]
    other = second_store(hub, tmp_path)
    hashes = registry_hashes(hub)
    with hub.db.read() as s:
        own = s.scalars(select(HubStore).where(HubStore.code == hub.store.code)).one()
    handout(hub, own.id, hashes["JA0002"], "2025-03", 3000)
    handout(hub, other.id, hashes["JA0002"], "2025-03", 2500)
    code, out, _ = run(capsys, "hub", "over-allowance", "--hub", hub.url)
    assert code == 0 and out == ["JA0002 李* · Subsistence allowance, household of 1 · March 2025: allowance ¥50.00, "
                                 "used ¥55.00 (visits: 2) at JA01 (visits: 1, ¥30.00), JA02 (visits: 1, ¥25.00)"]
