"""The demo's winter campaign (冬季送温暖), run the way a district runs one
(here, beside the hub: it drives a demo hub and a demo store together):
district staff define it at the hub, the store's downstream bundle brings it
with the store's list, the counter hands the package to the first households
that come, and the store's next bundle tells the hub. For a demo store that
trusts a demo hub (``scripts/screenshots.py`` builds one; the tests too)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from charity_pos.hub import campaigns as hub_campaigns
from charity_pos.hub.downstream import export_bundle
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.importer import import_bundles
from charity_pos.services.base import local_date
from charity_pos.services.campaigns import WAITING, CampaignService, CollectDraft
from charity_pos.services.registry import Services
from charity_pos.sync.downstream import apply_downstream
from charity_pos.sync.store_side import StoreSync

NAME = "冬季送温暖"
#: how many of the store's households come for the package in the demo
COLLECTED = 2


@dataclass(frozen=True)
class DemoCampaign:
    campaign_id: uuid.UUID
    eligible: int
    collected: tuple[str, ...]  # H numbers


def winter_campaign(hub: HubDatabase, store: Path, folder: Path, *, store_code: str, staff: str, staff_pin: str,
                    cashier: str, cashier_pin: str) -> DemoCampaign:
    """Define the campaign at ``hub``, bring it to the store at ``store`` and hand out ``COLLECTED`` packages
    there (one rice or oil a household, 低保, 特困 and 低保边缘 households), then take the store's bundle
    back to the hub. ``folder`` holds the bundles."""
    services = Services.open(store)
    try:
        today = local_date(services.ctx.now())
    finally:
        services.close()
    info = hub_campaigns.add_campaign(hub, hub_campaigns.CampaignDraft(
        NAME, today - timedelta(days=3), today + timedelta(days=27), ("dibao", "tekun", "dibao_edge"), (),
        ({"goods_category": "grain_oil", "quantity": 1},)), staff, staff_pin)
    down = export_bundle(hub, store_code, folder, force=True)
    services = Services.open(store)
    try:
        apply_downstream(services.ctx, down.path)
        actor = services.accounts.login(cashier, cashier_pin)
        campaigns = CampaignService(services.ctx, services.accounts)
        waiting = [r for r in campaigns.roster(info.id) if r.standing == WAITING]
        numbers = tuple(campaigns.collect(actor, CollectDraft(uuid.uuid4(), info.id, r.card_number)).number or ""
                        for r in waiting[:COLLECTED])
        eligible = campaigns.campaign(info.id).eligible
        up = StoreSync(services.ctx).export(folder, force=True)
    finally:
        services.close()
    import_bundles(hub, up.paths)
    return DemoCampaign(info.id, eligible, numbers)
