"""The demo store's relief counter: households in hardship come with their
card when the store opens, a few a day, and take grain, oil and daily goods
within what remains of their allowance, each signing a printed slip.

Over the demo days the rarer things happen once each, on days planned like
the counter's (``ReliefPlan``): a manager suspends a card, and the household
is turned away when it comes; a card whose validity ran out is refused; a
household is let past its allowance with a manager's approval and reason;
and one category's rule, switched to warn mode before the first day, lets a
household past with the warning logged.

Everything goes through the services, with the builder's seeded random and
clock; households and goods are always taken in a sorted order.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import func, select

from charity_pos.db.models import Category, Item, StockLot, StockMovement
from charity_pos.demo.counter import TILL
from charity_pos.errors import ApprovalRequired, CardRefused
from charity_pos.services.base import Actor, Approval, local_date
from charity_pos.services.handouts import (
    CardView,
    HandoutDraft,
    HandoutLineDraft,
    HandoutWarning,
)
from charity_pos.services.households import HouseholdCategory, HouseholdRow
from charity_pos.services.registry import Services

#: What relief households take: grain and oil, and daily goods.
RELIEF_GOODS = ("grain_oil", "daily")
#: The category whose rule the manager switches to warn mode, if one of its
#: households is valid all through the demo; else the next.
WARN_PREFERENCE = (HouseholdCategory.TEMPORARY, HouseholdCategory.EXPENSE, HouseholdCategory.LOW_INCOME,
                   HouseholdCategory.DIBAO_EDGE, HouseholdCategory.TEKUN, HouseholdCategory.DIBAO)
#: What a household must have left to come back in the same month, and how
#: many days later at the soonest.
MIN_LEFT_FEN = 1500
REVISIT_DAYS = 5
SUSPEND_REASON = "街道通知：家庭收入情况变化，资格复核中，暂停发放"
OVERRIDE_REASONS = ("家中有病人，同意多领一些", "家里刚遭水淹，临时多发", "孩子开学开支大，同意多领")


@dataclass(frozen=True)
class ReliefPlan:
    """On which demo days (1-based) the rarer things happen, for any length
    of demo."""

    suspend_day: int  # a manager suspends a card before the visits
    expired_day: int  # a household with an expired card is turned away
    override_day: int  # one past the allowance, approved by a manager
    warned_day: int  # one past the allowance under the warn rule
    suspended_visit_day: int  # the suspended household comes and is turned away

    @classmethod
    def for_days(cls, days: int) -> ReliefPlan:
        def at(share: float) -> int:
            return min(days, max(1, math.ceil(days * share)))

        return cls(suspend_day=1, expired_day=at(0.25), override_day=at(0.4), warned_day=at(0.6),
                   suspended_visit_day=at(0.8))


@dataclass
class ReliefTally:
    handouts: int = 0
    approved: int = 0  # past the allowance with a manager's approval
    warned: int = 0  # past it under a warn rule
    refused: dict[str, int] = field(default_factory=dict)  # reason -> cards turned away
    warn_category: str | None = None


@dataclass
class _Shelf:
    item_id: uuid.UUID
    barcode: str | None
    price_fen: int
    category: str
    left: int


class Relief:
    """The relief counter of the demo store, driven day by day by the builder."""

    def __init__(self, sv: Services, rng: random.Random, now: Callable[[], datetime], tick: Callable[..., None],
                 plan: ReliefPlan, managers: tuple[str, ...], manager_pin: str) -> None:
        self.sv = sv
        self.rng = rng
        self.now = now
        self.tick = tick
        self.plan = plan
        self.managers = managers
        self.manager_pin = manager_pin
        self.tally = ReliefTally()
        self._suspended: HouseholdRow | None = None
        self._warned: HouseholdRow | None = None
        #: card -> (the day it last took goods, the month, what was left of its allowance)
        self._visited: dict[str, tuple[date, str, int]] = {}
        self._shelf: list[_Shelf] = []

    # --- before the first day -------------------------------------------------------------------
    def prepare(self, manager: Actor, first_day: date, last_day: date) -> None:
        """The manager sets one category to warn mode, and picks out the
        household a card will be suspended for."""
        households = self.sv.households.households()  # by card number
        throughout = [h for h in households if h.valid_from <= first_day and h.valid_to >= last_day]
        for category in WARN_PREFERENCE:
            ofit = [h for h in throughout if h.category == category]
            if ofit:
                self._warned = self.rng.choice(ofit)
                rule = next(r for r in self.sv.quotas.rules() if r.household_category == category.value)
                self.sv.quotas.set_rule(manager, replace(rule, mode="warn"))
                self.tally.warn_category = category.value
                break
        others = [h for h in throughout if h.category != self.tally.warn_category]
        if others:
            self._suspended = self.rng.choice(others)

    # --- a day ------------------------------------------------------------------------------------
    def day(self, offset: int, cashier: Actor, manager: Actor) -> None:
        """The households waiting when the store opens, served one by one."""
        today = local_date(self.now())
        if offset == self.plan.suspend_day and self._suspended is not None:
            self.sv.household_status.suspend(manager, self._suspended.id, SUSPEND_REASON)
            self.tick(self.rng, 1, 3)
        households = self.sv.households.households()
        month = f"{today:%Y-%m}"
        valid = [h for h in households if h.status == "active" and h.valid_from <= today <= h.valid_to]
        warned = self._warned.card_number if self._warned is not None else None
        fresh = [h for h in valid if h.card_number != warned and self._may_come(h.card_number, today, month)]
        visitors: list[tuple[HouseholdRow, str]] = [
            (h, "within") for h in self.rng.sample(fresh, k=min(len(fresh), self.rng.randint(2, 6)))]
        chosen = {h.card_number for h, _ in visitors}
        specials: list[tuple[HouseholdRow, str]] = []
        if offset == self.plan.expired_day:
            expired = [h for h in households if h.valid_to < today and h.status == "active"]
            if expired:
                specials.append((self.rng.choice(expired), "refused"))
        if offset == self.plan.suspended_visit_day and self._suspended is not None:
            specials.append((self._suspended, "refused"))
        if offset == self.plan.override_day:
            enforced = [h for h in fresh if h.category != self.tally.warn_category and h.card_number not in chosen]
            if enforced:
                specials.append((self.rng.choice(enforced), "override"))
        if offset == self.plan.warned_day and self._warned is not None:
            specials.append((self._warned, "override"))
        for special in specials:
            visitors.insert(self.rng.randint(0, len(visitors)), special)
        self._stock_shelf(today)
        for household, kind in visitors:
            self.tick(self.rng, 2, 6)
            self._visit(cashier, household, kind)

    def _may_come(self, card: str, today: date, month: str) -> bool:
        """Once a month, and again some days later while something is left."""
        last = self._visited.get(card)
        if last is None or last[1] != month:
            return True
        day, _month, left = last
        return (today - day).days >= REVISIT_DAYS and left >= MIN_LEFT_FEN

    def _stock_shelf(self, today: date) -> None:
        """Grain, oil and daily goods on the shelf today, with what is left
        (food lots past their date not counted)."""
        left = func.sum(StockMovement.quantity)
        with self.sv.db.read() as s:
            rows = s.execute(
                select(Item.id, Item.barcode, Item.sale_price_fen, Category.code, left)
                .join(Item.category).join(StockMovement, StockMovement.item_id == Item.id)
                .join(StockLot, StockLot.id == StockMovement.lot_id)
                .where(Item.active, Category.code.in_(RELIEF_GOODS),
                       (StockLot.expiry_date.is_(None)) | (StockLot.expiry_date >= today))
                .group_by(Item.id).having(left > 0).order_by(Item.barcode, Item.id)).all()
        self._shelf = [_Shelf(item_id, barcode, price, category, int(n)) for item_id, barcode, price, category, n
                       in rows]

    # --- one household at the counter -------------------------------------------------------------------
    def _visit(self, cashier: Actor, household: HouseholdRow, kind: str) -> None:
        try:
            view = self.sv.handouts.card(household.card_number)  # the card scanned
        except CardRefused as refused:
            reason = str(refused.reason)
            self.tally.refused[reason] = self.tally.refused.get(reason, 0) + 1
            return
        today = local_date(self.now())
        basket = self._basket(view, past=kind == "override")
        value = sum(goods.price_fen * quantity for goods, quantity in basket)
        self._visited[household.card_number] = (today, f"{today:%Y-%m}", view.standing.remaining_fen - value)
        if not basket:
            return
        lines = tuple(HandoutLineDraft(goods.item_id, quantity) for goods, quantity in basket)
        self.tick(self.rng, 0, 2)  # the goods scanned one by one, what remains on the screen
        draft = HandoutDraft(uuid.UUID(int=self.rng.getrandbits(128), version=4), view.household_id, lines)
        try:
            changes = self.sv.handouts.complete(cashier, draft)
        except ApprovalRequired:  # the cashier calls the manager, who types her PIN and says why
            self.tick(self.rng, 1, 3)
            approval = Approval(self.rng.choice(self.managers), self.manager_pin, self.rng.choice(OVERRIDE_REASONS), TILL)
            changes = self.sv.handouts.complete(cashier, replace(draft, approval=approval))
            self.tally.approved += 1
        if HandoutWarning.OVER_ALLOWANCE in changes.warnings:
            self.tally.warned += 1
        self.tally.handouts += 1
        for goods, quantity in basket:
            goods.left -= quantity
        assert changes.number is not None
        self.sv.handouts.print_slip(cashier, changes.number)  # printed, signed, kept

    def _basket(self, view: CardView, *, past: bool) -> list[tuple[_Shelf, int]]:
        """Goods within what remains, in value and in limited categories; one
        more beyond it when the household is to go past its allowance."""
        # many take part of the month's allowance now and come back for the rest
        value_left = view.standing.remaining_fen
        if not past and self.rng.random() < 0.6:
            value_left = value_left * 3 // 5
        counts_left = {c: view.standing.remaining_count(c) for c in RELIEF_GOODS}
        basket: list[tuple[_Shelf, int]] = []
        taken: set[uuid.UUID] = set()
        for _ in range(self.rng.randint(1, 4)):
            fits = [g for g in self._shelf if g.left > 0 and g.item_id not in taken and g.price_fen <= value_left
                    and ((count := counts_left[g.category]) is None or count > 0)]
            if not fits:
                break
            goods = self.rng.choice(fits)
            quantity = 2 if goods.price_fen * 2 <= value_left and goods.left >= 2 and self.rng.random() < 0.3 \
                and ((count := counts_left[goods.category]) is None or count >= 2) else 1
            basket.append((goods, quantity))
            taken.add(goods.item_id)
            value_left -= goods.price_fen * quantity
            if (count := counts_left[goods.category]) is not None:
                counts_left[goods.category] = count - quantity
        if past:  # a bag of rice or a bottle of oil more than the allowance takes
            def past_it(g: _Shelf) -> bool:
                count_left = counts_left[g.category]
                return g.price_fen > value_left or (count_left is not None and count_left < 1)

            beyond = [g for g in self._shelf if g.left > 0 and g.item_id not in taken and past_it(g)]
            if beyond:  # the least that goes past it, grain or oil if there is any
                basket.append((min(beyond, key=lambda g: (g.category != "grain_oil", g.price_fen)), 1))
        return basket
