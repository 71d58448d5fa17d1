"""The demo store's relief campaign (冬季送温暖).

The demo has no district hub, so what a downstream bundle's
``campaigns.json`` brings is put in as applying one puts it
(``CampaignService.record_from_district``, through ``apply_campaigns``), in
one unit of work with its own journal event (``demo.district``): the
district's winter campaign for 低保, 特困 and 低保边缘 households, a bag of
rice and a drum of oil each, open over the demo's last days and the weeks
after, with the store's households of those categories on its list (marked
by their district hash under a demo key, as a hub's key marks them; the key
is not kept, so a real hub's trust file marks them again). Then the first
households come to the counter for the package (their own H numbers, the
goods out of the oldest lots), so the campaign screen lists who has
collected and who has not. No randomness of the demo's: the rest of the
demo stays as it was.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from charity_pos.domain.campaign import PackageLine
from charity_pos.domain.identity import district_hash
from charity_pos.services.base import STORE_SETUP, Actor, local_date
from charity_pos.services.campaigns import WAITING, CampaignService, CollectDraft, DistrictCampaign
from charity_pos.services.catalog import ItemRow
from charity_pos.services.households import HouseholdDraft
from charity_pos.services.registry import Services

DISTRICT = "demo.district"
NAME = "冬季送温暖"
CATEGORIES = ("dibao", "tekun", "dibao_edge")
#: how many households come for the package in the demo
COLLECTED = 3
#: the campaign's id, the same in every demo store
CAMPAIGN_ID = uuid.UUID("5d1f0c2e-7b1a-4c55-9a0e-2026120100f1")


@dataclass(frozen=True)
class DemoCampaign:
    campaign_id: uuid.UUID
    eligible: int
    collected: tuple[str, ...]  # H numbers


def _demo_key(seed: int) -> bytes:
    return hashlib.sha256(f"charity-pos demo district {seed}".encode("ascii")).digest()


def _most_held(goods: list[ItemRow], wanted: Callable[[ItemRow], bool]) -> ItemRow | None:
    found = [it for it in goods if it.active and it.barcode and wanted(it)]
    return max(found, key=lambda it: (it.on_hand, it.name), default=None)


def winter_campaign(sv: Services, cashier: Actor, registered: list[HouseholdDraft], clock: Callable[[], datetime],
                    seed: int, tick: Callable[[random.Random, int, int], None]) -> DemoCampaign:
    """The campaign at the demo store and its first collections. ``registered``: the households the
    manager entered (their whole ID numbers, which the district hashes); ``clock`` stands at the last
    demo day's evening."""
    rng = random.Random(seed)
    key = _demo_key(seed)
    tick(rng, 5, 20)
    today = local_date(clock())
    grain_oil = sv.catalog.search(category_code="grain_oil", limit=None)
    rice = _most_held(grain_oil, lambda it: "米" in it.name and it.unit == "袋" and "小米" not in it.name)
    oil = _most_held(grain_oil, lambda it: it.unit == "桶")
    package = tuple(PackageLine(1, barcode=it.barcode) for it in (rice, oil) if it is not None and it.barcode)
    ids = {draft.card_number: draft.id_number for draft in registered}
    listed = {district_hash(key, ids[row.card_number]): "" for row in sv.households.households()
              if row.category in CATEGORIES and row.card_number in ids and not row.erased}
    campaign = DistrictCampaign(NAME, today - timedelta(days=6), today + timedelta(days=24), CATEGORIES, (),
                                package or (PackageLine(2, goods_category="grain_oil"),), None, False, CAMPAIGN_ID,
                                listed)
    campaigns = CampaignService(sv.ctx, sv.accounts)
    campaigns.record_from_district(STORE_SETUP, key, [campaign], event=DISTRICT)
    cards = {row.card_number: row for row in sv.households.households()}
    numbers: list[str] = []
    for row in campaigns.roster(CAMPAIGN_ID):
        if len(numbers) == COLLECTED:
            break
        card = cards.get(row.card_number)
        if row.standing != WAITING or card is None or card.state_on(today) != "active":
            continue
        tick(rng, 1, 4)
        numbers.append(campaigns.collect(cashier, CollectDraft(uuid.uuid4(), CAMPAIGN_ID, row.card_number)).number or "")
    return DemoCampaign(CAMPAIGN_ID, campaigns.campaign(CAMPAIGN_ID).eligible, tuple(numbers))
