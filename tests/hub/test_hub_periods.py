"""Periods at the hub are Shanghai's, as at the counter: a downstream bundle
written at 03:00 on the first day of a month or quarter, Shanghai time (19:00
UTC the day before), counts the new month and quarter. On SQLite and
PostgreSQL; the clock is injected."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from charity_pos.hub import downstream, registry
from charity_pos.hub.models import HubStore
from charity_pos.sync import district
from charity_pos.sync.bundle import read_bundle
from tests.hub import Hub, hub, source, store_key  # noqa: F401  (fixtures)
from tests.hub.test_downstream import GOOD, handout, registry_hashes, second_store, write_csv


@pytest.mark.parametrize(("utc", "month", "quarter"), [
    (datetime(2026, 11, 30, 19, 0, tzinfo=UTC), "2026-12", "2026-Q4"),  # 2026-12-01 03:00 in Shanghai
    (datetime(2026, 9, 30, 19, 0, tzinfo=UTC), "2026-10", "2026-Q4"),  # 2026-10-01 03:00: a quarter's first day
    (datetime(2026, 9, 30, 15, 59, tzinfo=UTC), "2026-09", "2026-Q3"),  # 23:59 on 30 September in Shanghai
])
def test_a_downstream_bundle_counts_the_shanghai_period(hub: Hub, tmp_path: Path, utc: datetime, month: str,
                                                        quarter: str) -> None:
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    hashes = registry_hashes(hub)
    second_store(hub, tmp_path, "JA02")
    with hub.db.read() as s:
        own = s.scalars(select(HubStore).where(HubStore.code == hub.store.code)).one()
    used = {"2026-09": 100, "2026-10": 200, "2026-11": 300, "2026-12": 400, "2026-Q3": 500, "2026-Q4": 600}
    for key, fen in used.items():
        handout(hub, own.id, hashes["JA0001"], key, fen)
    out = tmp_path / "down"
    out.mkdir()
    written = downstream.export_bundle(hub.db, "JA02", out, clock=lambda: utc)
    bundle = read_bundle(written.path)
    use = {u["period_key"]: u["used_fen"] for u in map(json.loads, bundle.files[district.USE].splitlines())
           if u["district_hash"] == hashes["JA0001"]}
    assert use == {month: used[month], quarter: used[quarter]}
    assert bundle.manifest["created_at"].startswith(utc.strftime("%Y-%m-%dT%H:%M"))  # the time itself stays UTC
