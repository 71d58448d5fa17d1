"""A relief campaign at the store: the package handed out in one step
(its own H number, stock out of lots, one journal event), counted against
the campaign and not the allowance unless the campaign says so, once per
household; and every refusal changing nothing."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from charity_pos.db.models import JournalEvent
from charity_pos.domain import campaign as rules
from charity_pos.errors import (
    CampaignInvalid, CampaignRefused, CampaignStockShort, CardRefused, SessionEnded,
)
from charity_pos.services.base import Actor, Role, local_date
from charity_pos.services.campaigns import ELSEWHERE, HERE, WAITING, CampaignService, CollectDraft
from charity_pos.services.registry import Services
from tests.services.campaign_world import send_campaign
from tests.helpers import run_cli


@pytest.fixture
def campaigns(services: Services) -> CampaignService:
    return CampaignService(services.ctx, services.accounts)


@pytest.fixture
def oil(services: Services, manager: Actor, make_item):
    item = make_item("金龙鱼大豆油 1.8L", category="grain_oil", unit="桶", price=4000, reference=4500,
                     barcode="6901234567892")
    services.stock.receive(manager, {item.id: 3})
    return item


def head(services: Services) -> int:
    with services.db.read() as s:
        return int(s.scalar(select(func.max(JournalEvent.seq))) or 0)


def collect(campaigns: CampaignService, actor: Actor, campaign_id: uuid.UUID, card: str, lines=()):
    return campaigns.collect(actor, CollectDraft(uuid.uuid4(), campaign_id, card, tuple(lines)))


def test_the_package_is_handed_out_in_one_step_and_once(services, campaigns, cashier, oil) -> None:
    made = send_campaign(services)
    used = services.handouts.card("PT100001").standing.used_fen
    before = head(services)
    with pytest.raises(CampaignInvalid):  # a goods package takes no goods chosen
        collect(campaigns, cashier, made, "PT100001", [(oil.id, 1)])
    done = collect(campaigns, cashier, made, " pt100001 ")
    assert done.number is not None and head(services) == before + 1
    row = services.handouts.handouts(limit=1)[0]
    assert (row.number, row.total_value_fen) == (done.number, 4000)
    assert services.handouts.goods(oil.id).on_hand == 2  # out of the lot
    assert services.handouts.card("PT100001").standing.used_fen == used  # the campaign's, not the allowance
    roster = {r.card_number: r for r in campaigns.roster(made)}
    assert roster["PT100001"].standing == HERE and roster["PT100001"].number == done.number
    assert roster["PT100002"].standing == WAITING and roster["PT100002"].head_name_masked == "王**"
    with pytest.raises(CampaignRefused) as again:
        collect(campaigns, cashier, made, "PT100001")
    assert again.value.reason == "collected_here"
    (listed,) = campaigns.campaigns()
    assert (listed.eligible, listed.collected_here, listed.state) == (2, 1, rules.OPEN)


def test_the_package_counts_against_the_allowance_when_the_campaign_says_so(services, campaigns, cashier,
                                                                           oil) -> None:
    made = send_campaign(services, counts_allowance=True)
    used = services.handouts.card("PT100001").standing.used_fen
    collect(campaigns, cashier, made, "PT100001")
    assert services.handouts.card("PT100001").standing.used_fen == used + 4000


@pytest.mark.parametrize(("card", "reason"), [("PT100003", "category"), ("PT100004", "area")])
def test_a_household_outside_the_campaign_is_refused(services, campaigns, cashier, oil, card, reason) -> None:
    made = send_campaign(services)
    before = head(services)
    with pytest.raises(CampaignRefused) as refused:
        collect(campaigns, cashier, made, card)
    assert refused.value.reason == reason and head(services) == before


def test_refusals_change_nothing(services, campaigns, cashier, manager, oil) -> None:
    made = send_campaign(services, listed=("PT100001",), elsewhere={"PT100001": "PT02"})
    before = head(services)
    with pytest.raises(CampaignRefused) as elsewhere:
        collect(campaigns, cashier, made, "PT100001")
    assert (elsewhere.value.reason, elsewhere.value.store) == ("collected_elsewhere", "PT02")
    assert campaigns.roster(made)[0].standing == ELSEWHERE
    with pytest.raises(CampaignRefused) as unlisted:  # in the category and the area, not on the district's list
        collect(campaigns, cashier, made, "PT100002")
    assert unlisted.value.reason == "not_listed"
    with pytest.raises(CardRefused) as unknown:
        collect(campaigns, cashier, made, "PT999999")
    assert unknown.value.reason == "unknown"
    assert head(services) == before
    household = next(h for h in services.households.households() if h.card_number == "PT100002")
    services.household_status.suspend(manager, household.id, "核查中")
    other = send_campaign(services, listed=("PT100002",))
    with pytest.raises(CardRefused) as suspended:
        collect(campaigns, cashier, other, "PT100002")
    assert suspended.value.reason == "suspended"


def test_a_campaign_not_started_or_ended_is_refused(services, campaigns, cashier, oil) -> None:
    today = local_date(services.ctx.now())
    later = send_campaign(services, starts=today + timedelta(days=2), ends=today + timedelta(days=9))
    with pytest.raises(CampaignRefused) as early:
        collect(campaigns, cashier, later, "PT100001")
    assert early.value.reason == rules.NOT_STARTED
    over = send_campaign(services, starts=today - timedelta(days=9), ends=today - timedelta(days=1))
    with pytest.raises(CampaignRefused) as late:
        collect(campaigns, cashier, over, "PT100001")
    assert late.value.reason == rules.ENDED


def test_not_enough_goods_for_the_whole_package_hands_out_nothing(services, campaigns, cashier, oil) -> None:
    made = send_campaign(services, package=(rules.PackageLine(2, barcode="6901234567892"),
                                            rules.PackageLine(1, goods_category="clothing")))
    before = head(services)
    with pytest.raises(CampaignStockShort) as short:
        collect(campaigns, cashier, made, "PT100001")
    assert short.value.available == 0 and head(services) == before
    assert campaigns.roster(made)[0].standing == WAITING


def test_a_value_package_takes_goods_chosen_within_its_value(services, campaigns, cashier, oil) -> None:
    made = send_campaign(services, value_fen=6000)
    with pytest.raises(CampaignInvalid) as too_much:
        collect(campaigns, cashier, made, "PT100001", [(oil.id, 2)])
    assert too_much.value.field == "value"
    with pytest.raises(CampaignInvalid):
        collect(campaigns, cashier, made, "PT100001")
    done = collect(campaigns, cashier, made, "PT100001", [(oil.id, 1)])
    assert done.number is not None


def test_only_an_account_of_the_store_may_hand_out(services, campaigns, oil) -> None:
    made = send_campaign(services)
    before = head(services)
    stranger = Actor(uuid.uuid4(), "nobody", Role.CASHIER)  # no such account (or one switched off)
    with pytest.raises(SessionEnded):
        collect(campaigns, stranger, made, "PT100001")
    assert head(services) == before


def test_a_second_collection_slipped_into_the_file_is_refused_by_the_database(services, campaigns, cashier,
                                                                               oil, store_path) -> None:
    made = send_campaign(services)
    collect(campaigns, cashier, made, "PT100001")
    with sqlite3.connect(store_path) as conn:  # even with the seal's checks out of the way
        row = conn.execute("SELECT campaign_id, household_id FROM campaign_handout").fetchone()
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO campaign_handout (id, campaign_id, handout_id, household_id) "
                         "VALUES (?, ?, ?, ?)", (uuid.uuid4().hex, row[0], uuid.uuid4().hex, row[1]))


def test_verify_passes_after_campaign_handouts(services, campaigns, cashier, oil, store_path) -> None:
    made = send_campaign(services)
    collect(campaigns, cashier, made, "PT100001")
    services.close()
    code, out, err = run_cli("verify", "--db", store_path, lang="en")
    assert code == 0, out + err
