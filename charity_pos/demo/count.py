"""The demo's stock count (盘点) as a session: the goods stand on shelves
(货位: a letter per category, six goods a shelf), the manager counts the
grain and oil in the evening of the last day with two tills scanning, one
line is recounted, one difference explained, and the count finished; a count
of shelf A-01 is left open with a few goods scanned, for the screen to show.
Its own random numbers, so the rest of the demo stays as it was."""

from __future__ import annotations

import random
from collections.abc import Callable

from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from charity_pos.services.stock_count import CountService

#: the shelf letter of each goods category, in the shop's order
SHELF_LETTERS = {"food": "A", "grain_oil": "B", "daily": "C", "clothing": "D", "shoes_hats": "E",
                 "bedding": "F", "books": "G", "toys": "H", "appliances": "J", "other": "K"}
PER_SHELF = 6
TILLS = ("1", "2")


def shelf_for(category: str, placed: dict[str, int]) -> str:
    """The next place on the category's shelves: ``B-01`` holds the first six grain and oil goods."""
    index = placed.get(category, 0)
    placed[category] = index + 1
    return f"{SHELF_LETTERS.get(category, 'K')}-{index // PER_SHELF + 1:02d}"


def count_demo(sv: Services, manager: Actor, cashier: Actor, tick: Callable[[random.Random, int, int], None],
               seed: int) -> str:
    """The finished count and the open one; returns the finished count's number."""
    rng = random.Random(seed)
    counts = CountService(sv.ctx, sv.accounts)
    number = counts.start(manager, "category", category_code="grain_oil").number or ""
    goods = [it for it in sv.catalog.search(category_code="grain_oil", include_inactive=True, limit=None)
             if it.on_hand > 0]
    goods.sort(key=lambda it: (it.location or "", it.name))
    found = {it.id: it.on_hand for it in goods}
    if len(goods) >= 4:
        found[goods[1].id] = max(0, goods[1].on_hand - 1)  # a bag gone: within the threshold
        found[goods[-1].id] = goods[-1].on_hand + 2  # two found on the wrong shelf
        found[goods[0].id] = max(0, goods[0].on_hand - 6)  # six short: over the threshold
        found[goods[3].id] = max(0, goods[3].on_hand - 7)  # seven short: explained by the manager
    for index, item in enumerate(goods):
        tick(rng, 0, 2)
        till = TILLS[index % 2]
        if found[item.id] == 0:
            counts.none_found(cashier, number, item.id, till=till)
            continue
        first = found[item.id] // 2 if index == 2 and found[item.id] > 1 else found[item.id]  # at both tills
        counts.add(cashier, number, item.id, first, till=till)
        if first < found[item.id]:
            counts.add(manager, number, item.id, found[item.id] - first, till=TILLS[1])
    if goods and found[goods[0].id]:  # the six short counted again by the manager: the same
        tick(rng, 2, 5)
        counts.recount(manager, number, goods[0].id)
        counts.add(manager, number, goods[0].id, found[goods[0].id], till=TILLS[0])
    for line in counts.variance(number).lines:
        if not line.settled:
            tick(rng, 1, 3)
            counts.explain(manager, number, line.item_id, "货架后方有破袋，已清理未登记报损")
    tick(rng, 2, 6)
    counts.finish(manager, number)
    # the next count, of shelf A-01, under way
    tick(rng, 30, 60)
    shelf = counts.start(manager, "location", location="A-01").number or ""
    for item in [it for it in sv.catalog.search(category_code="food", limit=None) if it.location == "A-01"][:3]:
        tick(rng, 0, 2)
        if item.on_hand > 0:
            counts.add(cashier, shelf, item.id, item.on_hand, till=TILLS[0])
    return number
