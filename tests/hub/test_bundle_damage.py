"""A hub that refuses every malformed file (issue 9).

Over a thousand damaged bundles derived from one genuine bundle of the demo
store (``tests.hub.damage``: flipped bytes, ZIP structure edits, manifest
and event edits signed again with the store's key, parts over their caps,
zip bombs) go through the importer one by one: each is refused, with a
typed error that reads as one line naming the file in English and in
Chinese, and leaves every hub table as it was; afterwards the genuine
bundle still applies, once. All of them on SQLite, a sample on PostgreSQL.
Then what is not a file at all (a FIFO, a folder), a 2 MB zip bomb in
bounded memory, and ``hub import good bad good`` on the command line.
"""

from __future__ import annotations

import json
import os
import threading
import time
import tracemalloc
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select, text

from charity_pos import cli, errors, i18n
from charity_pos.hub import importer
from charity_pos.hub.cli import _line
from charity_pos.hub.importer import import_bundle
from charity_pos.hub.models import HubEvent
from charity_pos.ledger.canonical import canonical_json
from charity_pos.sync.bundle import read_bundle
from tests.hub import (  # noqa: F401  (fixtures)
    Hub,
    SourceStore,
    bundle_log,
    digest,
    events_bundle,
    hub,
    source,
    store_key,
)
from tests.hub.damage import Genuine, Member, build_zip, damage_names, damaged_bundles, deflate_bomb, members_of

#: errors that mean the importer met something it did not foresee: never for a damaged file
UNFORESEEN = (errors.BundleImportCrashed, errors.HubImportFailed)
POSTGRES_SAMPLE = 50


@pytest.fixture(scope="module")
def genuine(source: SourceStore, store_key: Ed25519PrivateKey, tmp_path_factory: pytest.TempPathFactory) -> Genuine:
    """The demo store's whole journal as one bundle, written as a store writes it."""
    path = events_bundle(tmp_path_factory.mktemp("genuine") / "JA01-1-all.cpbundle", source, list(source.events),
                         store_key)
    bundle = read_bundle(path)
    return Genuine(path.read_bytes(), bundle.manifest, [dict(e) for e in source.events], store_key)


@pytest.fixture(scope="module")
def names(genuine: Genuine) -> list[str]:
    """The names of the damaged bundles, in the order they are made."""
    return damage_names(genuine)


def test_the_generator_makes_over_a_thousand_kinds_of_damage(names: list[str]) -> None:
    kinds = {name.split(":")[0].split("@")[0] for name in names}
    assert len(names) >= 1000 and len(set(names)) == len(names)
    assert kinds >= {"flip", "zip", "manifest", "manifest-raw", "event"}
    for needed in ("zip:method=8", "zip:flag0", "zip:local-crc", "zip:twice", "zip:missing", "zip:cut=",
                   "zip:extra-member", "zip:bomb", "manifest:first_seq=" + str(2**64)[:20],
                   "manifest-raw:first_seq=NaN", "manifest:over-1MiB", "event:sale.total_fen=" + str(2**64)[:16],
                   "event:payload:facts-deep", "event:line:seq="):
        assert any(name.startswith(needed) for name in names), needed


def _lines(results: list[tuple[str, importer.ImportResult]], language: str) -> list[str]:
    i18n.load(language)
    return [_line(result) for _name, result in results]


#: the damaged files imported between two comparisons of the hub's tables
DIGEST_EVERY = 50


def _refuse_all(hub: Hub, cases: Iterable[tuple[str, bytes]]) -> tuple[int, list[str]]:
    """Import each case: how many, and what went wrong, one entry per case not refused as it must be."""
    failures: list[str] = []
    path = hub.folder / "damaged.cpbundle"
    before = digest(hub.db)
    refused = []
    count = 0
    since: list[str] = []  # the cases since the tables were last compared

    def unchanged() -> None:
        # A change stays in the tables, so comparing after every DIGEST_EVERY cases and after the last misses
        # none; a change names the cases it lies among (comparing after each would take a fifth of the test).
        nonlocal before
        if since and digest(hub.db) != before:
            failures.append(f"the hub's tables changed by one of: {', '.join(since)}")
            before = digest(hub.db)
        since.clear()

    for name, data in cases:
        count += 1
        path.write_bytes(data)
        result = import_bundle(hub.db, path)
        since.append(name)
        if result.status != "refused" or not isinstance(result.error, errors.PosError):
            failures.append(f"{name}: {result.status}")
        elif isinstance(result.error, UNFORESEEN):
            failures.append(f"{name}: {type(result.error).__name__} {result.error.facts}")
        else:
            refused.append((name, result))
        if len(since) == DIGEST_EVERY:
            unchanged()
    unchanged()
    # one line each, naming the file, in English and in Chinese
    for (name, _result), english, chinese in zip(refused, _lines(refused, "en"), _lines(refused, "zh_CN"),
                                                 strict=True):
        for line in (english, chinese):
            if "\n" in line or "\r" in line or "{" in line or line.count(path.name) < 2:
                failures.append(f"{name}: {line!r}")
        if english == chinese:
            failures.append(f"{name}: not translated: {english!r}")
    log = bundle_log(hub.db)
    if len(log) != count or any(entry[0] != "refused" for entry in log):
        failures.append(f"the log of files seen: {len(log)} rows for {count} files")
    return count, failures


def test_every_damaged_bundle_is_refused_in_one_line_and_changes_nothing(
        hub: Hub, genuine: Genuine, names: list[str]) -> None:
    sample = None if "sqlite" in hub.url else set(names[::len(names) // POSTGRES_SAMPLE][:POSTGRES_SAMPLE])
    cases = damaged_bundles(genuine, only=sample)  # on PostgreSQL, a spread of every kind
    began = time.perf_counter()
    count, failures = _refuse_all(hub, cases)
    took = time.perf_counter() - began
    assert not failures, f"{len(failures)} of {count} not refused as they must be:\n" + "\n".join(failures[:40])
    assert count == (len(names) if "sqlite" in hub.url else POSTGRES_SAMPLE)
    print(f"{count} damaged bundles made and refused in {took:.1f} s")

    # and the genuine bundle still applies, exactly once
    path = hub.folder / "genuine.cpbundle"
    path.write_bytes(genuine.data)
    first, again = import_bundle(hub.db, path), import_bundle(hub.db, path)
    assert (first.status, first.events) == ("applied", len(genuine.events))
    assert (again.status, again.events) == ("already", 0)
    with hub.db.read() as s:
        assert s.scalar(select(func.count()).select_from(HubEvent)) == len(genuine.events)


def test_a_damaged_file_that_changed_the_hub_would_be_caught_and_named(
        hub: Hub, genuine: Genuine, names: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables are compared only every ``DIGEST_EVERY`` files: an importer that let one damaged file change
    them is still caught, and the failure names the files the change lies among."""
    cases = list(damaged_bundles(genuine, only=set(names[:DIGEST_EVERY + 10])))
    culprit = cases[DIGEST_EVERY + 3][0]
    real, culprit_data = importer.import_bundle, dict(cases)[culprit]

    def leaky(db: Any, path: Path) -> importer.ImportResult:
        result = real(db, path)
        if path.read_bytes() == culprit_data:
            with db.begin() as s:
                s.execute(text("UPDATE hub_store SET name = name || '!'"))
        return result

    monkeypatch.setitem(globals(), "import_bundle", leaky)  # what _refuse_all calls
    count, failures = _refuse_all(hub, cases)
    assert count == DIGEST_EVERY + 10
    assert len(failures) == 1 and "the hub's tables changed" in failures[0]
    assert culprit in failures[0] and cases[DIGEST_EVERY - 1][0] not in failures[0]


def test_a_bundle_a_step_from_genuine_is_accepted(hub: Hub, genuine: Genuine) -> None:
    """The builder and the re-signing the damage is made with make good bundles when nothing is damaged:
    so each refusal above is the damage's doing."""
    path = hub.folder / "rebuilt.cpbundle"
    path.write_bytes(build_zip(members_of(genuine.data)))
    assert import_bundle(hub.db, path).status == "applied"
    path.write_bytes(genuine.with_event(len(genuine.events) - 1, lambda e: None))
    assert import_bundle(hub.db, path).status == "already"


# --- what the fast reader must read as the standard library did ------------------------------------------
def _with_facts(g: Genuine, index: int, raw_value: str) -> bytes:
    """Event ``index`` with ``"x": raw_value`` (JSON text, as written) in its payload's facts, re-chained and signed."""
    def edit(event: dict[str, Any]) -> None:
        payload = json.loads(event["payload"])
        payload["facts"]["x"] = "@@"
        event["payload"] = canonical_json(payload).replace('"@@"', raw_value)
    return g.with_event(index, edit)


def _with_raw_payload(g: Genuine, index: int, payload: str) -> bytes:
    return g.with_event(index, lambda e: e.__setitem__("payload", payload))


@pytest.mark.parametrize(("label", "make", "error", "facts"), [
    ("facts NaN", lambda g: _with_facts(g, 3, "NaN"), errors.EventPayloadInvalid, {"line": 4, "field": "number"}),
    ("facts 1e999", lambda g: _with_facts(g, 3, "1e999"), errors.EventPayloadInvalid, {"line": 4, "field": "number"}),
    ("facts -Infinity", lambda g: _with_facts(g, 3, "-Infinity"), errors.EventPayloadInvalid,
     {"line": 4, "field": "number"}),
    ("facts 2**64", lambda g: _with_facts(g, 3, str(2**64)), errors.EventPayloadInvalid,
     {"line": 4, "field": "facts"}),
    ("facts -(2**70) in a list", lambda g: _with_facts(g, 3, "[1, " + str(-(2**70)) + "]"), errors.EventPayloadInvalid,
     {"line": 4, "field": "facts"}),
    ("payload 5000 deep", lambda g: _with_raw_payload(g, 3, "[" * 5000 + "]" * 5000), errors.EventPayloadInvalid,
     {"line": 4, "field": "depth"}),
    ("line seq 2**64", lambda g: g.with_event(0, lambda e: e.__setitem__("seq", 2**64)), errors.EventsUnreadable,
     {"line": 1}),
    ("line seq 19 digits", lambda g: g.with_event(0, lambda e: e.__setitem__("seq", 10**18 + 1)),
     errors.EventsUnreadable, {"line": 1}),
])
def test_numbers_and_nesting_orjson_reads_otherwise_are_refused_as_before(
        hub: Hub, genuine: Genuine, label: str, make: Any, error: type[errors.PosError], facts: dict[str, Any]) -> None:
    path = hub.folder / "hostile.cpbundle"
    path.write_bytes(make(genuine))
    before = digest(hub.db)
    result = import_bundle(hub.db, path)
    assert result.status == "refused" and type(result.error) is error, (label, result.error)
    assert {key: result.error.facts[key] for key in facts} == facts
    assert digest(hub.db) == before


def test_a_lone_surrogate_in_an_event_line_is_refused_as_unreadable_not_a_crash(hub: Hub, genuine: Genuine) -> None:
    """A payload holding a lone surrogate (written escaped in the line) is text no store writes: it has no
    UTF-8 and so no hash. The line is refused as not an event, in one clear line, and nothing changes."""
    lines = [canonical_json(e).encode() for e in genuine.events]
    event = dict(genuine.events[4])
    payload = json.loads(event["payload"])
    payload["facts"]["x"] = "\ud800"
    event["payload"] = canonical_json(payload)
    hostile = json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()
    assert b"\\ud800" in hostile
    path = hub.folder / "surrogate.cpbundle"
    path.write_bytes(genuine.with_events(lines[:4] + [hostile] + lines[5:]))
    before = digest(hub.db)
    result = import_bundle(hub.db, path)
    assert result.status == "refused" and type(result.error) is errors.EventsUnreadable, result.error
    assert result.error.facts["line"] == 5
    assert digest(hub.db) == before
    i18n.load("zh_CN")
    assert "\n" not in _line(result) and path.name in _line(result)


@pytest.mark.parametrize(("label", "index", "raw_value"), [
    ("an escaped lone surrogate in facts", 3, '"\\ud800"'),
    ("a float in facts", 3, "1.5"),
    ("an integer of 20 digits in a row the hub does not read", None, str(2**64)),
    ("a row the hub does not read nested 600 deep", None, "[" * 600 + "]" * 600),
])
def test_what_the_standard_library_read_is_still_imported(hub: Hub, genuine: Genuine, label: str,
                                                           index: int | None, raw_value: str) -> None:
    """What the standard library accepted, orjson refuses or reads otherwise: those payloads are still read
    by the standard library, and the bundle applies as before."""
    if index is not None:
        data = _with_facts(genuine, index, raw_value)
    else:  # a change of a table the hub does not read, holding the value in its row
        at = next(i for i, e in enumerate(genuine.events) if '"table":"sale_line_lot"' in e["payload"]
                  or '"table":"payment"' in e["payload"])

        def edit(event: dict[str, Any]) -> None:
            payload = json.loads(event["payload"])
            change = next(c for c in payload["changes"] if c["table"] in ("sale_line_lot", "payment"))
            change["row"]["x"] = "@@"
            event["payload"] = canonical_json(payload).replace('"@@"', raw_value)
        data = genuine.with_event(at, edit)
    path = hub.folder / "accepted.cpbundle"
    path.write_bytes(data)
    result = import_bundle(hub.db, path)
    assert (result.status, result.events) == ("applied", len(genuine.events)), (label, result.error)


# --- not a file at all ---------------------------------------------------------------------------------
def _import_in_a_thread(hub: Hub, path: Path) -> importer.ImportResult:
    outcome: list[importer.ImportResult] = []
    worker = threading.Thread(target=lambda: outcome.append(import_bundle(hub.db, path)), daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), f"importing {path.name} blocked"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX only")
def test_a_fifo_given_as_a_file_is_refused_without_blocking(hub: Hub) -> None:
    fifo = hub.folder / "pipe.cpbundle"
    os.mkfifo(fifo)
    before = digest(hub.db)
    result = _import_in_a_thread(hub, fifo)
    assert result.status == "refused" and isinstance(result.error, errors.BundleNotAFile)
    i18n.load("en")
    assert _line(result) == f"{fifo}: refused: {fifo} is a pipe (FIFO), not a bundle file: refused without reading it."
    assert digest(hub.db) == before


def test_a_folder_given_as_a_file_is_refused(hub: Hub) -> None:
    folder = hub.folder / "a-folder.cpbundle"
    folder.mkdir()
    result = _import_in_a_thread(hub, folder)
    assert result.status == "refused" and isinstance(result.error, errors.BundleNotAFile)
    i18n.load("en")
    assert _line(result).endswith(f"{folder} is a folder, not a bundle file: refused without reading it.")
    i18n.load("zh_CN")
    assert _line(result).endswith(f"{folder} 是一个文件夹，不是数据包文件：未读取即拒收。")


def test_a_file_over_the_cap_is_refused_before_it_is_read(hub: Hub, genuine: Genuine,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from charity_pos.sync import archive

    path = hub.folder / "big.cpbundle"
    path.write_bytes(genuine.data)
    monkeypatch.setattr(archive, "MAX_BUNDLE_BYTES", len(genuine.data) - 1)
    result = import_bundle(hub.db, path)
    assert isinstance(result.error, errors.BundleTooLarge)
    i18n.load("en")
    assert "is larger than a bundle may be" in _line(result)


def test_a_2mb_zip_bomb_is_refused_in_bounded_memory(hub: Hub, genuine: Genuine) -> None:
    """2 MB of deflated zeros that would expand to 2 GB: refused from its
    header, without inflating a byte of it."""
    stream, size, crc = deflate_bomb(2000)
    members = members_of(genuine.data)
    bomb = build_zip([members[0], Member(b"events.jsonl", stream, size=size, crc=crc, local={"method": 8},
                                         central={"method": 8}), members[-1]])
    assert 1.9e6 < len(bomb) < 2.5e6 and size > 2e9
    path = hub.folder / "bomb.cpbundle"
    path.write_bytes(bomb)
    del stream, bomb
    tracemalloc.start()
    try:
        result = import_bundle(hub.db, path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(result.error, errors.BundleZipInvalid) and result.error.detail == "compressed"
    assert peak < 100 * 1024**2, f"peak {peak / 1e6:.0f} MB"


# --- on the command line ---------------------------------------------------------------------------------
def test_hub_import_good_bad_good_says_one_line_each_and_applies_both_good_ones(
        capsys: pytest.CaptureFixture[str], hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    good1, good2 = hub.bundle(1, 100), hub.bundle(101, 200)
    bad = hub.folder / "bad.cpbundle"
    data = bytearray(hub.bundle(1, 50, name="x.cpbundle").read_bytes())
    data[data.index(b"PK\x01\x02") + 10] = 8  # the manifest's compression method: deflated
    bad.write_bytes(bytes(data))
    code = cli.main(["hub", "import", "--hub", hub.url, str(good1), str(bad), str(good2), "--lang", "en"])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{good1}: applied 100 events of store JA01 (#1-#100)",
        f"{bad}: refused: {bad} is damaged or not from charity-pos: a part is compressed, and charity-pos stores "
        "every part uncompressed.",
        f"{good2}: applied 100 events of store JA01 (#101-#200)"]
    with hub.db.read() as s:
        assert s.scalar(select(func.count()).select_from(HubEvent)) == 200

    # a bug met while importing one file: that file refused in one line, the next still imported
    real = importer.check_bundle

    def crash_on_the_first(db: Any, path: Path) -> Any:
        if path.name.startswith("JA01-201"):
            raise KeyError("a bug")
        return real(db, path)

    monkeypatch.setattr(importer, "check_bundle", crash_on_the_first)
    crashing, good3 = hub.bundle(201, 250), hub.bundle(201, 300, name="after.cpbundle")
    code = cli.main(["hub", "import", "--hub", hub.url, str(crashing), str(good3)])  # Chinese by default
    out, err = capsys.readouterr()
    assert code == 1 and err == "" and "Traceback" not in out
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{crashing}: ") and "KeyError" in lines[0] and "日志" in lines[0]
    assert lines[1].startswith(f"{good3}: ") and "300" in lines[1]
