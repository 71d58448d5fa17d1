"""A small city on one hub: six stores, each with its own key and the demo
store's three days of events (made through the services), imported by
several `charity-pos hub import` processes at once, as district staff at
several PCs would. Every store's events end up there once, chained and
projected; the same bundle sent by two PCs at once gives one copy and no
error to either. (``make bench`` runs the same with 233 stores.)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from charity_pos.hub.engine import open_hub
from charity_pos.hub.models import HubBundle, HubDonation, HubEvent, HubHandout, HubSale, HubStock, HubStore
from charity_pos.hub.service import init_hub
from charity_pos.ledger.canonical import GENESIS, event_hash
from tests.hub import DISTRICT, SourceStore, source  # noqa: F401  (fixtures)
from tests.hub.city import import_at_once, register_city, shares_of

STORES = 6


def city_hub(url: str, source: SourceStore, folder: Path, count: int = STORES) -> list:  # noqa: F811
    init_hub(url, DISTRICT)
    return register_city(url, source, count, folder / "city")


def store_state(url: str) -> dict[str, dict[str, object]]:
    """Per store code: what the hub holds of it."""
    with open_hub(url) as db, db.read() as s:
        out = {}
        for store in s.scalars(select(HubStore)):
            events = s.execute(select(HubEvent.seq, HubEvent.uuid, HubEvent.kind, HubEvent.at, HubEvent.actor,
                                      HubEvent.payload, HubEvent.prev_hash, HubEvent.hash)
                               .where(HubEvent.store_id == store.id).order_by(HubEvent.seq)).all()
            prev, chained = GENESIS, True
            for n, e in enumerate(events, start=1):
                chained &= (e.seq == n and e.prev_hash == prev
                            and event_hash(e.prev_hash, e.seq, e.uuid, e.kind, e.at, e.actor, e.payload) == e.hash)
                prev = e.hash
            count = lambda model: s.scalar(select(func.count()).select_from(model).where(model.store_id == store.id))
            out[store.code] = {
                "events": len(events), "chained": chained, "head": (store.last_seq, store.last_hash),
                "last": (events[-1].seq, events[-1].hash) if events else None,
                "sales": count(HubSale), "donations": count(HubDonation), "handouts": count(HubHandout),
                "on_hand": s.scalar(select(func.sum(HubStock.on_hand)).where(HubStock.store_id == store.id)),
                "applied": s.scalar(select(func.count()).select_from(HubBundle).where(
                    HubBundle.store_id == store.id, HubBundle.result == "applied")),
            }
        return out


def expected(source: SourceStore) -> dict[str, object]:  # noqa: F811
    last = source.events[-1]
    return {"events": len(source.events), "chained": True, "head": (last["seq"], last["hash"]),
            "last": (last["seq"], last["hash"]), "sales": source.count("SELECT count(*) FROM sale"),
            "donations": source.count("SELECT count(*) FROM donation"),
            "handouts": source.count("SELECT count(*) FROM handout"),
            "on_hand": source.count("SELECT sum(quantity) FROM stock_movement"), "applied": 1}


@pytest.mark.parametrize("processes", [2, 4])
def test_a_city_imported_by_several_processes_at_once_holds_every_store_once(
        hub_url: str, source: SourceStore, tmp_path: Path, processes: int) -> None:  # noqa: F811
    stores = city_hub(hub_url, source, tmp_path)
    _took, importers = import_at_once(hub_url, shares_of([s.bundle for s in stores], processes),
                                      Path(os.environ["CHARITY_POS_HOME"]), tmp_path / "logs")
    for imp in importers:
        assert imp.exit_code == 0, (imp.out, imp.err)
        assert "refused" not in imp.out and "Traceback" not in imp.err, (imp.out, imp.err)
    lines = "".join(imp.out for imp in importers).splitlines()
    assert sorted(line.split(": ", 1)[1] for line in lines) == sorted(
        f"applied {len(source.events)} events of store {s.code} (#1-#{len(source.events)})" for s in stores)
    state = store_state(hub_url)
    assert sorted(state) == sorted(s.code for s in stores)
    for code in state:
        assert state[code] == expected(source), code
    assert expected(source)["sales"] and expected(source)["handouts"]  # the template holds real activity


def test_the_same_bundles_sent_by_two_pcs_at_once_give_one_copy_and_no_error(
        postgres_url: str, source: SourceStore, tmp_path: Path) -> None:  # noqa: F811
    """Four processes: two carry every store's bundle, two carry them in the
    other order; each store's events are held once, and every process
    says "applied" or "already imported", never a deadlock."""
    stores = city_hub(postgres_url, source, tmp_path)
    paths = [s.bundle for s in stores]
    _took, importers = import_at_once(postgres_url, [paths, paths[::-1], paths[::-1], paths],
                                      Path(os.environ["CHARITY_POS_HOME"]), tmp_path / "logs")
    for imp in importers:
        assert imp.exit_code == 0, (imp.out, imp.err)
        assert "deadlock" not in (imp.out + imp.err).lower(), (imp.out, imp.err)
    results = [line.split(": ", 1)[1] for imp in importers for line in imp.out.splitlines()]
    assert len(results) == 4 * STORES
    assert sum(r.startswith("applied") for r in results) == STORES
    assert sum(r == "already imported" for r in results) == 3 * STORES
    state = store_state(postgres_url)
    for code in state:
        assert state[code] == expected(source), code
    with open_hub(postgres_url) as db, db.read() as s:
        assert s.scalar(select(func.count()).select_from(HubEvent)) == STORES * len(source.events)
