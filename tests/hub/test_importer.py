"""Importing a store's bundles into the district hub, as district staff and
an auditor see it: a good bundle lands whole, with the district's tables
showing the store's donations, sales, handouts, receipts and stock; the same
file twice, or an overlapping one, adds nothing twice; and a file with a
gap, a fork, reordered events, a flipped byte, a cut, another store's key or
a manifest that lies is refused with one clear sentence, leaving every hub
table exactly as it was. Each test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from charity_pos import errors
from charity_pos.hub import importer
from charity_pos.hub.importer import import_bundle, import_bundles
from charity_pos.hub.models import (
    HubDonation,
    HubEvent,
    HubHandout,
    HubReceipt,
    HubSale,
    HubStock,
    HubStore,
)
from charity_pos.hub.projections import Projector
from charity_pos.hub.service import add_store
from charity_pos.ledger.canonical import GENESIS
from charity_pos.messages import describe
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
    write_registration,
)


def english(error: BaseException | None) -> str:
    assert error is not None
    return describe(error, lambda _context, text: text)


def scalar(hub: Hub, statement: Any) -> Any:
    with hub.db.read() as s:
        return s.scalar(statement)


def refused(hub: Hub, path: Path, kind: type[errors.PosError]) -> str:
    """Import ``path``: refused for ``kind``, nothing changed but the log of files seen."""
    before, seen = digest(hub.db), len(bundle_log(hub.db))
    result = import_bundle(hub.db, path)
    assert result.status == "refused", result
    assert isinstance(result.error, kind), result.error
    assert digest(hub.db) == before
    log = bundle_log(hub.db)
    assert len(log) == seen + 1 and log[-1][0] == "refused" and type(result.error).__name__ in str(log[-1][2])
    sentence = english(result.error)
    assert "\n" not in sentence and "{" not in sentence
    return sentence


# --- what lands ---------------------------------------------------------------------------------------
def test_a_bundle_lands_whole_and_the_district_sees_the_store(hub: Hub) -> None:
    store, last = hub.store, hub.store.events[-1]
    result = import_bundle(hub.db, hub.bundle(1, last["seq"]))
    assert (result.status, result.events, result.store_code) == ("applied", last["seq"], store.code)
    assert scalar(hub, select(func.count()).select_from(HubEvent)) == last["seq"]
    with hub.db.read() as s:
        row = s.scalars(select(HubStore)).one()
        assert (row.last_seq, row.last_hash) == (last["seq"], last["hash"])
        held = s.execute(select(HubEvent).where(HubEvent.seq == 7)).scalar_one()
        assert {c: getattr(held, c) for c in ("uuid", "kind", "at", "actor", "payload", "prev_hash", "hash")} == {
            c: store.events[6][c] for c in ("uuid", "kind", "at", "actor", "payload", "prev_hash", "hash")}

    # the district's tables say what the store's own tables say
    assert store.count("SELECT count(*) FROM donation") > 0 and store.count("SELECT count(*) FROM handout") > 0
    assert scalar(hub, select(func.count()).select_from(HubDonation)) == store.count("SELECT count(*) FROM donation")
    assert scalar(hub, select(func.sum(HubDonation.total_value_fen))) == store.count(
        "SELECT sum(total_value_fen) FROM donation")
    assert scalar(hub, select(func.sum(HubDonation.units))) == store.count("SELECT sum(quantity) FROM donation_line")
    assert scalar(hub, select(func.sum(HubDonation.lines))) == store.count("SELECT count(*) FROM donation_line")
    assert scalar(hub, select(func.sum(HubDonation.cash_fen))) == store.count("SELECT sum(cash_fen) FROM donation")
    assert scalar(hub, select(func.count()).where(HubDonation.donor_kind == "company")) == store.count(
        "SELECT count(*) FROM donation JOIN donor ON donor.id = donation.donor_id WHERE donor.kind = 'company'")
    for status in ("completed", "voided"):
        assert scalar(hub, select(func.count()).where(HubSale.status == status)) == store.count(
            f"SELECT count(*) FROM sale WHERE status = '{status}'")
    assert scalar(hub, select(func.sum(HubSale.total_fen))) == store.count("SELECT sum(total_fen) FROM sale")
    assert scalar(hub, select(func.sum(HubSale.returned_fen))) == store.count(
        "SELECT coalesce(sum(total_fen), 0) FROM sale_return")
    assert scalar(hub, select(func.sum(HubSale.donated_fen))) == store.count(
        "SELECT sum(amount_fen - ticket_discount_fen) FROM sale_line WHERE source = 'donated'")
    assert scalar(hub, select(func.count()).select_from(HubHandout)) == store.count("SELECT count(*) FROM handout")
    assert scalar(hub, select(func.sum(HubHandout.total_value_fen))) == store.count(
        "SELECT sum(total_value_fen) FROM handout")
    assert scalar(hub, select(func.count()).where(HubHandout.over_allowance.is_(True))) == store.count(
        "SELECT count(*) FROM handout WHERE over_allowance")
    assert scalar(hub, select(func.count()).select_from(HubReceipt)) == store.count("SELECT count(*) FROM receipt")
    assert scalar(hub, select(func.count()).where(HubReceipt.status == "void")) == store.count(
        "SELECT count(*) FROM receipt WHERE status = 'void'")
    assert scalar(hub, select(func.count()).select_from(HubStock)) == store.count("SELECT count(*) FROM item")
    assert scalar(hub, select(func.sum(HubStock.on_hand))) == store.count("SELECT sum(quantity) FROM stock_movement")
    assert bundle_log(hub.db) == [("applied", last["seq"], None)]


def test_the_same_file_twice_changes_nothing(hub: Hub) -> None:
    path = hub.bundle(1, 120)
    assert import_bundle(hub.db, path).status == "applied"
    before = digest(hub.db)
    again = import_bundle(hub.db, path)
    assert (again.status, again.events, again.error) == ("already", 0, None)
    assert digest(hub.db) == before
    assert [r[0] for r in bundle_log(hub.db)] == ["applied", "already"]


def test_bundles_in_parts_and_overlapping_add_each_event_once(hub: Hub) -> None:
    last = hub.store.events[-1]["seq"]
    results = import_bundles(hub.db, [hub.bundle(1, 100), hub.bundle(60, 180), hub.bundle(1, 180),
                                      hub.bundle(181, last)])
    assert [(r.status, r.events) for r in results] == [
        ("applied", 100), ("applied", 80), ("already", 0), ("applied", last - 180)]
    assert scalar(hub, select(func.count()).select_from(HubEvent)) == last
    assert scalar(hub, select(func.sum(HubStock.on_hand))) == hub.store.count(
        "SELECT sum(quantity) FROM stock_movement")
    assert scalar(hub, select(func.sum(HubSale.donated_fen))) == hub.store.count(
        "SELECT sum(amount_fen - ticket_discount_fen) FROM sale_line WHERE source = 'donated'")


# --- refused, and nothing changes -------------------------------------------------------------------------
def test_a_gap_is_refused_with_the_missing_numbers(hub: Hub) -> None:
    assert refused(hub, hub.bundle(51, 80), errors.EventsMissing) == (
        "missing events 1-50 of store JA01: import the earlier bundle first")
    assert import_bundle(hub.db, hub.bundle(1, 100)).status == "applied"
    assert refused(hub, hub.bundle(151, 200), errors.EventsMissing) == (
        "missing events 101-150 of store JA01: import the earlier bundle first")
    assert import_bundle(hub.db, hub.bundle(101, 150)).status == "applied"
    assert import_bundle(hub.db, hub.bundle(151, 200)).events == 50


def test_a_different_event_under_a_number_the_hub_holds_is_a_fork(hub: Hub) -> None:
    assert import_bundle(hub.db, hub.bundle(1, 100)).status == "applied"
    events = [dict(e) for e in hub.store.events[89:120]]  # 90..120
    payload = json.loads(events[5]["payload"])  # event 95
    payload["facts"]["note"] = "written again"
    events[5]["payload"] = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    forged = events[:5] + rechained(events[5:], events[4]["hash"])
    path = events_bundle(hub.folder / "fork.cpbundle", hub.store, forged, hub.key)
    assert refused(hub, path, errors.EventsFork) == (
        "Event #95 of store JA01 differs from the one the hub already holds: refused as tampering (a fork).")
    # a chain that goes on from another #100 than the hub's
    after = rechained([dict(e) for e in hub.store.events[100:120]], "f" * 64)
    path = events_bundle(hub.folder / "fork-after.cpbundle", hub.store, after, hub.key)
    assert "Event #100 of store JA01" in refused(hub, path, errors.EventsFork)


def test_reordered_events_are_refused(hub: Hub) -> None:
    events = list(hub.store.events[:40])
    events[10], events[11] = events[11], events[10]
    path = events_bundle(hub.folder / "reordered.cpbundle", hub.store, events, hub.key,
                         first_seq=1, last_seq=40, prev_hash=GENESIS, last_hash=hub.store.events[39]["hash"])
    assert "out of order or missing (expected #11)" in refused(hub, path, errors.EventsOutOfOrder)
    # the same, done to a good file without its key: its content no longer matches what was signed
    good = hub.bundle(1, 40).read_bytes()
    lines = good.split(b"\n")
    tampered = hub.folder / "swapped.cpbundle"
    tampered.write_bytes(good.replace(lines[11] + b"\n" + lines[12], lines[12] + b"\n" + lines[11]))
    assert tampered.read_bytes() != good
    refused(hub, tampered, errors.BundleDamaged)


def test_a_flipped_byte_anywhere_in_the_file_is_refused(hub: Hub) -> None:
    good = hub.bundle(1, 60)
    data = good.read_bytes()
    offsets = {0, 5, 10, 14, 18, 26, 30, 40, 60, len(data) // 5, len(data) // 3, len(data) // 2,
               2 * len(data) // 3, len(data) - 120, len(data) - 60, len(data) - 22, len(data) - 10, len(data) - 1}
    offsets |= set(random.Random(6).sample(range(len(data)), 25))
    bad = hub.folder / "flipped.cpbundle"
    for offset in sorted(offsets):
        flipped = bytearray(data)
        flipped[offset] ^= 0x10
        bad.write_bytes(bytes(flipped))
        sentence = refused(hub, bad, errors.PosError)
        assert "flipped.cpbundle" in sentence, (offset, sentence)
    assert import_bundle(hub.db, good).events == 60


def test_a_truncated_file_is_refused(hub: Hub) -> None:
    data = hub.bundle(1, 60).read_bytes()
    cut = hub.folder / "cut.cpbundle"
    for length in (0, 1, 22, len(data) // 2, len(data) - 23, len(data) - 1):
        cut.write_bytes(data[:length])
        assert refused(hub, cut, errors.BundleDamaged).endswith(
            "is not a charity-pos bundle, or it is cut short.")


def test_a_bundle_signed_by_another_stores_key_is_refused(hub: Hub, tmp_path: Path) -> None:
    other_key = Ed25519PrivateKey.generate()
    other = write_registration(tmp_path / "pt02.json", hub.store, other_key, store_code="PT02",
                               store_id="6f1c3f3e-2b52-4d7e-9a55-2f4b8f0c1a11", name="普陀区长征镇慈善超市")
    add_store(hub.db, other, tmp_path / "pt02-trust.json")
    events = list(hub.store.events[:30])
    # JA01's events signed with PT02's key
    path = events_bundle(hub.folder / "other-key.cpbundle", hub.store, events, other_key)
    assert refused(hub, path, errors.BundleForged).endswith("is not signed by store:JA01's registered key: "
                                                            "refused as forged or damaged.")
    # signed as PT02 but claiming to hold JA01's events
    path = events_bundle(hub.folder / "other-signer.cpbundle", hub.store, events, other_key, signer="store:PT02")
    assert "is signed by store:PT02 but holds the events of store JA01" in refused(
        hub, path, errors.BundleSignerMismatch)
    # a store nobody registered
    path = events_bundle(hub.folder / "stranger.cpbundle", hub.store, events, other_key, signer="store:XH09",
                         store_code="XH09")
    assert "comes from store XH09, which is not registered" in refused(hub, path, errors.UnknownStore)
    # JA01's code and key, another store's id
    path = events_bundle(hub.folder / "other-id.cpbundle", hub.store, events, hub.key,
                         store_id="6f1c3f3e-2b52-4d7e-9a55-2f4b8f0c1a11")
    refused(hub, path, errors.BundleStoreMismatch)


@pytest.mark.parametrize("case", ["counts", "by_kind", "last_hash", "last_seq", "prev_hash", "kind", "hash",
                                  "chain", "line", "payload", "no_events"])
def test_a_signed_bundle_whose_content_does_not_hold_together_is_refused(hub: Hub, case: str) -> None:
    events = [dict(e) for e in hub.store.events[:30]]
    path = hub.folder / f"{case}.cpbundle"
    expected: type[errors.PosError] = errors.BundleManifestMismatch
    if case == "counts":
        events_bundle(path, hub.store, events, hub.key, counts={"events": 29})
    elif case == "by_kind":
        events_bundle(path, hub.store, events, hub.key, counts={"events": 30, "by_kind": {"item.created": 30}})
    elif case == "last_hash":
        events_bundle(path, hub.store, events, hub.key, last_hash=events[10]["hash"])
    elif case == "last_seq":
        events_bundle(path, hub.store, events, hub.key, last_seq=31)
    elif case == "prev_hash":
        events_bundle(path, hub.store, events[5:], hub.key, prev_hash=events[3]["hash"])
    elif case == "kind":
        events_bundle(path, hub.store, events, hub.key, kind="hub-downstream")
        expected = errors.BundleNotStoreEvents
    elif case == "hash":  # a payload changed, its hash left as it was
        events[12]["payload"] = events[12]["payload"].replace('"insert"', '"update"', 1)
        events_bundle(path, hub.store, events, hub.key)
        expected = errors.EventHashWrong
    elif case == "chain":  # an event replaced by a made-up one with a good hash of its own
        events[12] = rechained([dict(events[12], at="2026-03-11T01:00:00.000000+00:00")], "e" * 64)[0]
        events_bundle(path, hub.store, events, hub.key)
        expected = errors.EventChainBroken
    elif case == "payload":  # signed and chained, but not a payload the store writes
        events = events[:12] + rechained([dict(events[12], payload='{"changes": [{"op": "insert", "table": "sale", "id": "S1"}]}'),
                                          *events[13:]], events[11]["hash"])
        events_bundle(path, hub.store, events, hub.key)
        expected = errors.EventsUnreadable
    elif case == "line":
        events_bundle(path, hub.store, events, hub.key, content=lines_of(events[:3]) + b"{not json\n")
        expected = errors.EventsUnreadable
    else:
        events_bundle(path, hub.store, events, hub.key, content=b"")
    refused(hub, path, expected)


# --- all or nothing -----------------------------------------------------------------------------------------
def test_a_failure_while_applying_leaves_nothing(hub: Hub, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    assert import_bundle(hub.db, hub.bundle(1, 50)).status == "applied"
    before = digest(hub.db)
    real_flush = Projector.flush

    def flush_then_fail(self: Projector, s: Any) -> None:
        real_flush(self, s)  # the events and projections are written in the transaction...
        raise RuntimeError("power cut")  # ...and then it fails

    monkeypatch.setattr(Projector, "flush", flush_then_fail)
    path = hub.bundle(51, 150)
    with caplog.at_level(logging.ERROR, logger="charity_pos.hub"):
        result = import_bundle(hub.db, path)  # a bug refuses the file, it does not stop the import of the next
    assert result.status == "refused" and isinstance(result.error, errors.BundleImportCrashed)
    assert english(result.error) == (f"{path} was refused after an unexpected error (RuntimeError); nothing was "
                                      "saved, and the details are in the log file.")
    assert any(r.exc_info and "power cut" in str(r.exc_info[1]) for r in caplog.records)  # the traceback, logged
    assert digest(hub.db) == before

    def flush_then_database_fails(self: Projector, s: Any) -> None:
        real_flush(self, s)
        raise OperationalError("INSERT ...", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Projector, "flush", flush_then_database_fails)
    result = import_bundle(hub.db, path)
    assert result.status == "refused" and isinstance(result.error, errors.HubImportFailed)
    assert english(result.error).endswith("the hub's database refused the import (disk I/O error); nothing was saved.")
    assert digest(hub.db) == before
    monkeypatch.undo()
    assert import_bundle(hub.db, path).events == 100


def test_an_import_that_collides_with_another_tries_once_more(hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    """As if another import of the store stored the same events between this
    one's check and its insert: the unique (store, seq) refuses the insert,
    the transaction rolls back, and the second try finds them held."""
    from sqlalchemy.exc import IntegrityError

    real_apply = importer._apply
    calls = []

    def apply_after_another(*args: Any) -> int:
        calls.append(1)
        if len(calls) == 1:
            real_apply(*args)  # the other import
            raise IntegrityError("INSERT INTO hub_event ...", {}, Exception("duplicate key"))
        return real_apply(*args)

    monkeypatch.setattr(importer, "_apply", apply_after_another)
    result = import_bundle(hub.db, hub.bundle(1, 40))
    assert (result.status, len(calls)) == ("already", 2)
    assert scalar(hub, select(func.count()).select_from(HubEvent)) == 40


@pytest.mark.parametrize("bug", [TypeError, AttributeError])
def test_a_bug_in_the_projections_is_a_crash_not_an_unreadable_bundle(
        hub: Hub, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, bug: type[Exception]) -> None:
    """District staff told a good bundle is "unreadable" would ask the store for another copy of the same
    file: a mistake in the hub's own code is said as one, with its traceback in the log."""
    before = digest(hub.db)

    def broken(self: Projector, changes: Any) -> None:
        raise bug("a mistake in the projection code")

    monkeypatch.setattr(Projector, "add_changes", broken)
    with caplog.at_level(logging.ERROR, logger="charity_pos.hub"):
        result = import_bundle(hub.db, hub.bundle(1, 50))
    assert result.status == "refused" and type(result.error) is errors.BundleImportCrashed
    assert result.error.facts["error"] == bug.__name__
    assert any(r.exc_info and "projection code" in str(r.exc_info[1]) for r in caplog.records)
    assert digest(hub.db) == before
