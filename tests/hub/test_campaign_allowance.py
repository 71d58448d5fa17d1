"""At the hub a campaign's handout counts against the allowance exactly when
the campaign says so: the district's allowance sums (use at other stores,
households past their allowance) leave out only the handouts of a campaign
the hub knows and that does not count; a store naming a campaign the hub
does not know cannot take a handout out of the allowance. On SQLite and
PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from charity_pos.hub.campaigns import OUTSIDE, mark_outside_allowance
from charity_pos.hub.engine import open_hub
from charity_pos.hub.models import HubCampaign, HubCampaignHandout, HubHandout, HubStore, HubUser
from tests.helpers import run_cli


def ok(*argv: object) -> None:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 0, out + err


def test_only_a_known_campaign_that_does_not_count_is_left_out(hub_url: str, tmp_path: Path) -> None:
    store = tmp_path / "JA01.sqlite3"
    ok("init", "--db", store, "--store-code", "JA01", "--name", "静安区慈善超市", "--district", "静安区",
       "--manager-pin", "9999")
    ok("hub", "init", "--hub", hub_url, "--district", "静安区", "--staff-pin", "2468")
    ok("store-key", "--db", store, "--out", tmp_path / "JA01.json")
    ok("hub", "add-store", "--hub", hub_url, "--registration", tmp_path / "JA01.json", "--out", tmp_path / "t.json")
    at = datetime(2026, 12, 3, 2, tzinfo=UTC)
    with open_hub(hub_url) as db:
        with db.begin() as s:
            store_id = s.scalar(select(HubStore.id))
            staff = s.scalar(select(HubUser.id))
            campaigns = {}
            for name, counts in (("冬季送温暖", False), ("中秋慰问", True)):
                row = HubCampaign(name=name, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31), categories="",
                                  areas="", package="[]", value_fen=8000, counts_allowance=counts, created_at=at,
                                  created_by=staff)
                s.add(row)
                s.flush()
                campaigns[name] = row.id
            campaigns["unknown"] = uuid.uuid4()
            handouts = {}
            for name, campaign_id in campaigns.items():
                handout_id = uuid.uuid4()
                handouts[name] = handout_id
                s.add(HubHandout(store_id=store_id, id=handout_id, number=f"JA01-2026-H{len(handouts):06d}", at=at,
                                 household_id=uuid.uuid4(), household_hash="a" * 64, period_key="2026-12",
                                 total_value_fen=8000))
                s.add(HubCampaignHandout(store_id=store_id, id=uuid.uuid4(), campaign_id=campaign_id,
                                         handout_id=handout_id, household_id=uuid.uuid4()))
        for _ in range(2):  # after every import: once marked, left as it is
            with db.begin() as s:
                assert store_id is not None
                mark_outside_allowance(s, store_id)
        with db.read() as s:
            keys = {name: s.scalar(select(HubHandout.period_key).where(HubHandout.id == handout_id))
                    for name, handout_id in handouts.items()}
    assert keys == {"冬季送温暖": OUTSIDE + "2026-12", "中秋慰问": "2026-12", "unknown": "2026-12"}
