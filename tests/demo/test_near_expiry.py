"""Best-before dates in the demo store (charity_pos/demo/near_expiry.py):
food items carry their usual shelf life, donated food is dated within it
(or taken short-dated with a manager's approval), the counter still sells
on the last day, and the near-expiry screen has lots to show, the ones
within a week marked down (临期降价).

Uses the session's demo store (``demo_store`` in tests/conftest.py, three
days), read through the services and the models, never changed."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, strategies as st
from sqlalchemy import select

from charity_pos.db.models import Category, DonationLine, Item, JournalEvent, Sale, StockLot
from charity_pos.demo.near_expiry import best_before, shelf_life_of
from charity_pos.domain.shelf_life import MinimumShelfLife, shortfall
from charity_pos.services.base import COMMAND_LINE, STORE_TZ
from charity_pos.services.expiry import ExpiryService
from charity_pos.services.intake import FOOD_CATEGORIES
from charity_pos.services.registry import Services
from tests.demo.test_counter import demo  # noqa: F401 - the fixture


def facts(services: Services, kind: str) -> list[dict]:
    with services.db.read() as s:
        return [json.loads(p)["facts"] for p in s.scalars(select(JournalEvent.payload)
                                                           .where(JournalEvent.kind == kind))]


def test_the_counter_sells_on_the_last_day(demo: Services) -> None:
    yesterday = demo.ctx.now().astimezone(STORE_TZ).date() - timedelta(days=1)
    with demo.db.read() as s:
        days = {at.astimezone(STORE_TZ).date() for at in s.scalars(
            select(Sale.completed_at).where(Sale.status == "completed"))}
    assert yesterday in days


def test_food_items_carry_a_shelf_life_and_donated_food_is_dated_within_the_rule(demo: Services) -> None:
    approved = {f["number"] for f in facts(demo, "donation.received") if "short_dated" in f}
    with demo.db.read() as s:
        food = s.execute(select(Item.name, Item.shelf_life_days).join(Category)
                         .where(Category.code.in_(FOOD_CATEGORIES))).all()
        lots = s.execute(select(StockLot.document, StockLot.received_at, StockLot.expiry_date, Item.shelf_life_days)
                         .join(DonationLine, DonationLine.id == StockLot.donation_line_id)
                         .join(Item, Item.id == StockLot.item_id).join(Category)
                         .where(Category.code.in_(FOOD_CATEGORIES))).all()
    assert sum(1 for _, life in food if life) >= len(food) * 0.9, "nearly every food item has its shelf life"
    assert lots
    for document, received, expiry, life in lots:
        assert expiry is not None and expiry > received.astimezone(STORE_TZ).date()
        short = shortfall(MinimumShelfLife(), life, expiry, received.astimezone(STORE_TZ).date())
        assert short is None or document in approved, document


def test_near_dated_food_came_with_a_managers_approval(demo: Services) -> None:
    short = [f["short_dated"] for f in facts(demo, "donation.received") if "short_dated" in f]
    assert short and all(f["reason"] and f["approved_by"] and f["lines"] for f in short)


def test_the_near_expiry_list_has_lots_and_the_nearest_are_marked_down(demo: Services) -> None:
    lots = ExpiryService(demo.ctx, demo.accounts).lots(COMMAND_LINE, 30)
    assert any(lot.section == "within_7" for lot in lots)
    (markdown,) = [f for f in facts(demo, "item.updated") if f.get("reason") == "临期降价" and "prices" in f]
    assert markdown["percent"] == 30
    assert {p["item"] for p in markdown["prices"]} <= {str(lot.item_id) for lot in lots}


def test_shelf_lives_are_the_makers_and_unknown_goods_get_none() -> None:
    assert shelf_life_of("光明纯牛奶 250ml×24盒", "food") == 180
    assert shelf_life_of("金龙鱼东北大米 5kg", "grain_oil") == 365
    assert shelf_life_of("男式羊毛衫", "clothing") is None
    assert shelf_life_of("某种新食品", "food") is None


@given(life=st.integers(1, 3650), drawn=st.sampled_from((120, 200, 270, 365, 540)))
def test_a_donated_date_keeps_three_quarters_of_the_shelf_life(life: int, drawn: int) -> None:
    day = date(2026, 3, 10)
    left = (best_before(day, life, drawn) - day).days
    assert life * 3 // 4 <= left <= life
    assert shortfall(MinimumShelfLife(), life, best_before(day, life, drawn), day) is None
    assert best_before(day, None, drawn) == day + timedelta(days=drawn)
