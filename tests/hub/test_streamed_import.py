"""A bundle imported as a stream: events read line by line and stored in
batches inside one transaction. What streaming opens up is refused as
before, with nothing changed: content past what the signed hash covers, a
ZIP member longer than its headers say, a line changed after earlier
batches were stored, a line over the cap; and the progress it reports."""

from __future__ import annotations

import gc
import json
import tracemalloc
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import func, select

from charity_pos import errors
from charity_pos.hub import importer, projections
from charity_pos.hub.importer import import_bundle
from charity_pos.hub.models import (
    HubDonation, HubDonationLine, HubEvent, HubHandout, HubSale, HubStock, HubStore,
)
from charity_pos.ledger.canonical import canonical_json
from charity_pos.sync import bundle as bundle_module
from charity_pos.sync.bundle import read_bundle, sha256
from tests.hub import (  # noqa: F401  (fixtures)
    Hub,
    bundle_log,
    digest,
    events_bundle,
    hub,
    lines_of,
    rechained,
    source,
    store_key,
)
from tests.hub.damage import Member, build_zip, members_of, signed


def refused(hub: Hub, path, kind: type[errors.PosError]) -> errors.PosError:
    before = digest(hub.db)
    result = import_bundle(hub.db, path)
    assert result.status == "refused" and isinstance(result.error, kind), result.error
    assert digest(hub.db) == before, "the batches stored before the refusal were rolled back"
    assert bundle_log(hub.db)[-1][0] == "refused"
    return result.error


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(importer, "BATCH_EVENTS", 10)
    return 10


def test_events_stream_in_batches_and_progress_counts_them(hub: Hub, small_batches: int) -> None:
    path = hub.bundle(1, 45)
    seen: list[tuple[int, int]] = []
    result = import_bundle(hub.db, path, progress=lambda read, total: seen.append((read, total)))
    assert (result.status, result.events) == ("applied", 45)
    assert seen == [(10, 45), (20, 45), (30, 45), (40, 45), (45, 45)]
    # a bundle overlapping what the hub holds: the held part compared batch by batch, the rest stored
    again = import_bundle(hub.db, hub.bundle(1, 70, name="more.cpbundle"))
    assert (again.status, again.events) == ("applied", 25)
    with hub.db.read() as s:
        assert s.scalar(select(func.count()).select_from(HubEvent)) == 70


def test_a_line_changed_after_the_hash_is_refused_after_earlier_batches_were_stored(
        hub: Hub, small_batches: int) -> None:
    good = hub.bundle(1, 60).read_bytes()
    line = lines_of([hub.store.events[44]])  # in the fifth batch: four were stored before it is read
    tampered = hub.folder / "tampered.cpbundle"
    tampered.write_bytes(good.replace(line, line[:-2] + (b"0" if line[-2:-1] != b"0" else b"1") + b"\n"))
    assert tampered.read_bytes() != good and len(tampered.read_bytes()) == len(good)
    error = refused(hub, tampered, errors.BundleDamaged)
    assert getattr(error, "detail", "") in ("content_hash", "checksum")
    # signed again by the store's key, the chain broken at event #45: refused at that line, all rolled back
    events = [dict(e) for e in hub.store.events[:60]]
    events[44]["payload"] = events[44]["payload"].replace("}", " }", 1)
    forged = events_bundle(hub.folder / "forged.cpbundle", hub.store, events, hub.key)
    assert refused(hub, forged, errors.EventHashWrong).facts["seq"] == 45


def test_a_hash_that_covers_only_the_first_lines_is_refused(hub: Hub, small_batches: int) -> None:
    events = list(hub.store.events[:60])
    head, whole = lines_of(events[:30]), lines_of(events)
    # the manifest describes thirty events and their hash; thirty more follow them in the member
    signed_for_head = read_bundle(events_bundle(hub.folder / "head.cpbundle", hub.store, events[:30], hub.key))
    assert signed_for_head.manifest["files"]["events.jsonl"] == sha256(head)
    members = members_of((hub.folder / "head.cpbundle").read_bytes())
    longer = [replace(m, data=whole) if m.name == b"events.jsonl" else m for m in members]
    path = hub.folder / "appended.cpbundle"
    path.write_bytes(build_zip(longer))  # the manifest's size says thirty lines: refused from the headers
    assert isinstance(refused(hub, path, errors.BundleZipInvalid), errors.BundleZipInvalid)
    # signed with a size of the whole member, but the hash of the first thirty lines
    # signed with the size of the whole member, but the hash of its first thirty lines only
    path = events_bundle(hub.folder / "hash-of-head.cpbundle", hub.store, events[:30], hub.key, content=whole)
    m = read_bundle(path).manifest
    m["files"]["events.jsonl"] = sha256(head)
    path.write_bytes(build_zip(signed(members_of(path.read_bytes()), canonical_json(m).encode(), hub.key)))
    assert refused(hub, path, errors.BundleDamaged).facts["detail"] == "content_hash"


def test_a_member_longer_than_its_headers_say_is_refused(hub: Hub) -> None:
    members = members_of(hub.bundle(1, 30).read_bytes())
    events = next(m for m in members if m.name == b"events.jsonl")
    declared = len(events.data) - 100
    # the headers (and CRC) describe its first bytes; the rest lies between it and the next member
    longer = [replace(m, size=declared, crc=None, local={"csize": declared}, central={"csize": declared})
              if m.name == b"events.jsonl" else m for m in members]
    path = hub.folder / "longer.cpbundle"
    path.write_bytes(build_zip(longer))
    assert refused(hub, path, errors.BundleZipInvalid).facts["detail"] in ("layout", "size_mismatch", "checksum")
    # a member whose headers claim more than the file holds
    bigger = [replace(m, size=len(m.data) + 5000, local={"csize": len(m.data) + 5000},
                      central={"csize": len(m.data) + 5000}) if m.name == b"events.jsonl" else m for m in members]
    path.write_bytes(build_zip(bigger))
    refused(hub, path, errors.BundleDamaged)
    # and a part that is neither (a member appended behind the signature's back)
    path.write_bytes(build_zip([*members, Member(b"events.jsonl", events.data)]))
    refused(hub, path, errors.BundleDamaged)


def test_a_line_over_the_cap_is_refused_before_more_of_it_is_read(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    events = list(hub.store.events[:40])
    longest = max(len(lines_of([e])) for e in events)
    monkeypatch.setattr(bundle_module, "MAX_LINE_BYTES", longest - 2)
    error = refused(hub, hub.bundle(1, 40), errors.BundleTooLarge)
    assert error.facts["part"] == "events.jsonl" and error.facts["limit"] == longest - 2
    # one line of nothing but a JSON string, with no newline in it, as long as the whole member
    monkeypatch.setattr(bundle_module, "MAX_LINE_BYTES", 4096)
    monkeypatch.setattr("charity_pos.sync.archive.STREAM_CHUNK", 1024)
    path = events_bundle(hub.folder / "one-line.cpbundle", hub.store, events, hub.key,
                         content=b'"' + b"x" * 200_000 + b'"')
    assert refused(hub, path, errors.BundleTooLarge).facts["part"] == "events.jsonl"


def test_a_bundle_is_imported_in_memory_far_below_its_size(hub: Hub, small_batches: int,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's journal repeated (renumbered and chained again) into a
    bundle of some megabytes: the import's peak of Python memory stays a
    fraction of the file (it once held the file and every event at once)."""
    monkeypatch.setattr("charity_pos.sync.archive.STREAM_CHUNK", 64 * 1024)
    monkeypatch.setattr(importer, "BATCH_EVENTS", 20)
    source = list(hub.store.events)
    events = []
    while sum(len(e["payload"]) for e in events) < 8_000_000:
        events += [dict(e, seq=len(events) + i + 1) for i, e in enumerate(source)]
    events = rechained(events, hub.store.events[0]["prev_hash"])
    warm = len(source)
    events_bundle(hub.folder / "warm.cpbundle", hub.store, events[:warm], hub.key)
    path = events_bundle(hub.folder / "big.cpbundle", hub.store, events[warm:], hub.key)
    size = path.stat().st_size
    # every statement the import makes compiled and cached before measuring
    assert import_bundle(hub.db, hub.folder / "warm.cpbundle").status == "applied"
    tracemalloc.start()
    try:
        result = import_bundle(hub.db, path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.status, result.events) == ("applied", len(events) - warm)
    assert peak < size / 4, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB bundle"


def test_projections_are_the_same_in_small_batches_as_in_one(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    """A row the hub holds gets its changes and its added sums by update, a new one goes in with the batch's
    bulk insert: a bundle applied three events at a time (most changes then land on rows an earlier batch
    stored) leaves every projection exactly as its events projected in one go."""
    monkeypatch.setattr(importer, "BATCH_EVENTS", 3)
    monkeypatch.setattr(importer, "PROJECT_EVENTS", 3)
    events = hub.store.events
    updated = {c["table"] for e in events for c in json.loads(e["payload"])["changes"] if c["op"] == "update"}
    assert updated & set(projections.PARENTS), "the demo's events change rows the projections keep"
    assert import_bundle(hub.db, hub.bundle(1, len(events))).status == "applied"
    in_batches = digest(hub.db)
    monkeypatch.setattr(projections, "REBUILD_CHUNK", len(events))
    with hub.db.begin() as s:
        projections.rebuild(s, s.scalars(select(HubStore.id)).one())
    assert digest(hub.db) == in_batches
    with hub.db.read() as s:
        for model in (HubSale, HubDonation, HubDonationLine, HubStock, HubHandout):
            assert s.scalar(select(func.count()).select_from(model)), model.__tablename__
        assert s.scalar(select(func.sum(HubStock.on_hand))), "stock movements summed into the items' stock"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_paused_while_applying_and_left_as_it_was(hub: Hub, enabled: bool) -> None:
    """Applied or refused, an import leaves Python's cycle collector as it found it."""
    was = gc.isenabled()
    seen: list[bool] = []
    try:
        (gc.enable if enabled else gc.disable)()
        result = import_bundle(hub.db, hub.bundle(1, 30), progress=lambda _read, _total: seen.append(gc.isenabled()))
        assert result.status == "applied" and gc.isenabled() is enabled
        assert refused(hub, hub.bundle(40, 50, name="gap.cpbundle"), errors.EventsMissing)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert seen and not any(seen), "paused while the events were stored"


def test_projections_are_what_the_events_say(hub: Hub) -> None:
    """Worked out here from the demo's payloads, plainly: each sale's number, total, status, donated share and
    returns, each donation's lines and units, each item's stock on hand; the import's projections hold
    exactly those, row for row."""
    sales: dict[str, dict[str, Any]] = {}
    donations: dict[str, dict[str, Any]] = {}
    stock: dict[str, int] = {}
    for event in hub.store.events:
        for change in json.loads(event["payload"])["changes"]:
            table, row = change["table"], change.get("row")
            if table == "sale" and row is not None:
                sale = sales.setdefault(change["id"], {"donated": 0, "returned": 0})
                sale.update(number=row["number"], total=row["total_fen"], status=row["status"])
            elif table == "donation" and row is not None:
                donations.setdefault(change["id"], {"lines": 0, "units": 0})
            elif change["op"] != "insert":
                continue
            elif table == "sale_line" and row["source"] == "donated":
                sales[row["sale_id"]]["donated"] += row["amount_fen"] - row["ticket_discount_fen"]
            elif table == "sale_return":
                sales[row["sale_id"]]["returned"] += row["total_fen"]
            elif table == "donation_line":
                donations[row["donation_id"]]["lines"] += 1
                donations[row["donation_id"]]["units"] += row["quantity"]
            elif table == "stock_movement":
                stock[row["item_id"]] = stock.get(row["item_id"], 0) + row["quantity"]
    assert sales and donations and stock
    assert any(s["donated"] for s in sales.values()) and any(s["returned"] for s in sales.values())
    assert import_bundle(hub.db, hub.bundle(1, len(hub.store.events))).status == "applied"
    with hub.db.read() as s:
        assert {str(r.id): {"donated": r.donated_fen, "returned": r.returned_fen, "number": r.number,
                            "total": r.total_fen, "status": r.status} for r in s.scalars(select(HubSale))} == sales
        assert {str(r.id): {"lines": r.lines, "units": r.units} for r in s.scalars(select(HubDonation))} == donations
        assert {str(r.id): r.on_hand for r in s.scalars(select(HubStock))} == stock
