"""Best-before dates in the demo store: each food item's usual shelf life
(保质期, as its maker prints it), donated food dated within it, two
supermarket donations of food near its date taken with the manager's
approval (临期捐赠), and the manager's markdown of what is within a week of
its date on the last day (临期降价), so the near-expiry screen has lots to
show. Its own random stream: the rest of the demo stays as it was."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from charity_pos.services.base import Actor, Approval
from charity_pos.services.catalog import ItemRow, Source
from charity_pos.services.expiry import ExpiryService, Markdown
from charity_pos.services.intake import FOOD_CATEGORIES, Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.registry import Services

#: usual shelf lives in days, by a word of the goods' name (the first that matches)
SHELF_LIVES = (
    ("酸奶", 150), ("奶粉", 720), ("月饼", 60), ("软面包", 90), ("巧克力派", 180), ("火腿肠", 180),
    ("牛奶", 180), ("AD钙奶", 240), ("面 5连包", 180), ("一菜一面", 180), ("雪饼", 270), ("饼干", 365),
    ("水", 365), ("可乐", 365), ("茶 500ml", 365), ("凉茶", 720), ("咖啡", 540), ("红茶", 720),
    ("罐头", 1095), ("辣椒", 540), ("榨菜", 270), ("糖", 540), ("蜂蜜", 720), ("燕麦片", 540),
    ("芝麻糊", 365), ("瓜子", 240), ("米", 365), ("粉", 270), ("挂面", 365), ("豆", 365),
    ("油", 540), ("酱油", 720), ("生抽", 720), ("老抽", 720), ("酱", 540), ("醋", 1095), ("料酒", 1095),
    ("鸡精", 540), ("盐", 1095), ("十三香", 720),
)
#: how a manager approves the supermarket's near-dated food at the counter
APPROVAL_REASONS = ("超市临期食品，本周内售完或发放", "临期捐赠，优先发放困难家庭")


def shelf_life_of(name: str, category_code: str) -> int | None:
    """The usual shelf life the demo records on a food item (None: not food, or not known)."""
    if category_code not in FOOD_CATEGORIES:
        return None
    return next((days for word, days in SHELF_LIVES if word in name), None)


def best_before(day: date, shelf_life: int | None, drawn: int) -> date:
    """A donated food line's date: ``drawn`` days on (the demo's draw) when
    its shelf life is not recorded, else within the last quarter of it, so
    it has at least 75% of its shelf life left."""
    if shelf_life is None:
        return day + timedelta(days=drawn)
    return day + timedelta(days=shelf_life - drawn % max(1, shelf_life // 4))


class NearExpiry:
    """Near-dated donations on two days (twelve and three days before the
    end) and the markdown on the last day."""

    def __init__(self, sv: Services, seed: int, days: int, tick: Callable[[random.Random], None],
                 managers: Sequence[str], manager_pin: str, till: str) -> None:
        self.sv, self.rng, self.tick = sv, random.Random(seed ^ 0x15), tick
        self.managers, self.manager_pin, self.till = managers, manager_pin, till
        #: the day of each near-dated donation, with the days its food has left
        self.plan = {max(1, days - 12): (20, 25), max(1, days - 3): (5, 9)}
        self.last_day = days

    def day(self, offset: int, today: date, cashier: Actor, donor_id: uuid.UUID | None,
            items: list[ItemRow]) -> None:
        if offset not in self.plan:
            return
        food = sorted((it for it in items if it.category_code in FOOD_CATEGORIES and it.source == Source.DONATED),
                      key=lambda it: it.name)
        if not food:
            return
        low, high = self.plan[offset]
        lines = tuple(IntakeLine(it.id, self.rng.randint(4, 12), Condition.NEW, Valuation.MARKET,
                                 max(100, it.reference_price_fen or it.sale_price_fen),
                                 today + timedelta(days=self.rng.randint(low, high)))
                      for it in self.rng.sample(food, k=min(len(food), 3)))
        self.tick(self.rng)
        approval = Approval(self.rng.choice(self.managers), self.manager_pin, self.rng.choice(APPROVAL_REASONS),
                            self.till)
        self.sv.intake.receive(cashier, IntakeDraft(donor_id, lines, wishes="超市临期食品", approval=approval))

    def mark_down(self, manager: Actor) -> None:
        """The manager's markdown: 30% off the goods with a lot within a week of its date."""
        expiry = ExpiryService(self.sv.ctx, self.sv.accounts)
        items = tuple(dict.fromkeys(lot.item_id for lot in expiry.lots(manager, 7) if lot.section == "within_7"))
        if items:
            self.tick(self.rng)
            expiry.mark_down(manager, Markdown(items, percent=30))
