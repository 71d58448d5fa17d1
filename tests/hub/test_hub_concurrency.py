"""Four district PCs import the same store's bundle into the hub at the same
moment: every event is stored exactly once, and exactly one import applies
it; the others find it held. On PostgreSQL (the store's row locked with
SELECT ... FOR UPDATE) and on SQLite (its write lock, taken at BEGIN)."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from charity_pos.hub.models import HubBundle, HubDonation, HubEvent, HubSale, HubStock, HubStore
from tests.hub import Hub, hub, source, store_key  # noqa: F401  (fixtures)

PROCESSES = 4


def _import_at_once(url: str, paths: list[str], home: str, start: Any, results: Any) -> None:
    """In a process of its own: wait for the others, then import."""
    os.environ["CHARITY_POS_HOME"] = home
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.importer import import_bundle

    with open_hub(url) as db:
        start.wait(timeout=60)
        for path in paths:
            result = import_bundle(db, Path(path))
            results.put((os.getpid(), path, result.status, result.events, type(result.error).__name__))


def race(hub: Hub, paths: list[list[Path]]) -> list[tuple[Any, ...]]:
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(len(paths)), ctx.Queue()
    workers = [ctx.Process(target=_import_at_once,
                           args=(hub.url, [str(p) for p in mine], os.environ["CHARITY_POS_HOME"], start, results))
               for mine in paths]
    for w in workers:
        w.start()
    got = [results.get(timeout=240) for _ in range(sum(len(mine) for mine in paths))]
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    return got


def held(hub: Hub) -> dict[str, Any]:
    with hub.db.read() as s:
        return {
            "events": s.scalar(select(func.count()).select_from(HubEvent)),
            "distinct": s.scalar(select(func.count(func.distinct(HubEvent.seq)))),
            "head": tuple(s.execute(select(HubStore.last_seq, HubStore.last_hash)).one()),
            "donations": s.scalar(select(func.count()).select_from(HubDonation)),
            "sales": s.scalar(select(func.count()).select_from(HubSale)),
            "on_hand": s.scalar(select(func.sum(HubStock.on_hand))),
            "log": sorted(tuple(r) for r in s.execute(select(HubBundle.result, HubBundle.events_applied))),
        }


def test_four_imports_of_one_bundle_at_once_store_each_event_once(hub: Hub) -> None:
    last = hub.store.events[-1]
    path = hub.bundle(1, last["seq"])
    got = race(hub, [[path]] * PROCESSES)
    assert sorted((status, events) for _pid, _path, status, events, _error in got) == sorted(
        [("applied", last["seq"])] + [("already", 0)] * (PROCESSES - 1)), got
    state = held(hub)
    assert state["events"] == state["distinct"] == last["seq"]
    assert state["head"] == (last["seq"], last["hash"])
    assert state["donations"] == hub.store.count("SELECT count(*) FROM donation")
    assert state["sales"] == hub.store.count("SELECT count(*) FROM sale")
    assert state["on_hand"] == hub.store.count("SELECT sum(quantity) FROM stock_movement")
    assert state["log"] == sorted([("applied", last["seq"])] + [("already", 0)] * (PROCESSES - 1))


def test_overlapping_bundles_imported_at_once_in_any_order_end_the_same(hub: Hub) -> None:
    """Each PC has the store's bundles in another order; whatever wins, each
    event is stored once and the projections add up."""
    last = hub.store.events[-1]["seq"]
    parts = [hub.bundle(1, 120), hub.bundle(100, 240), hub.bundle(200, last)]
    orders = [parts, parts[::-1], [parts[1], parts[0], parts[2]], [parts[0], parts[2], parts[1]]]
    got = race(hub, orders)
    applied = sum(events for *_rest, status, events, _error in got if status == "applied")
    assert applied == last  # every event applied by exactly one import
    assert {status for *_rest, status, _events, _error in got} <= {"applied", "already", "refused"}
    refusals = {error for *_rest, status, _events, error in got if status == "refused"}
    assert refusals <= {"EventsMissing"}  # a later part before its earlier one, never anything else
    state = held(hub)
    assert state["events"] == state["distinct"] == last
    assert state["on_hand"] == hub.store.count("SELECT sum(quantity) FROM stock_movement")
