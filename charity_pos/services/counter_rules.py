"""The limits a manager sets for the counter: how far a cashier may bring a
price down without a manager, how much the counted drawer may differ from
what it should hold before a manager must explain it, and how much shelf
life food must have left when it is taken in."""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import CounterRule
from charity_pos.domain.shelf_life import DAYS_RANGE, PERCENT_RANGE, MinimumShelfLife, within
from charity_pos.errors import InvalidInput
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Actor, Changes, Entity, ServiceContext
from charity_pos.services.permissions import Action, require


@dataclass(frozen=True)
class CounterRules:
    #: a price change or discount taking more than this share off needs a manager
    discount_limit_percent: int = 10
    #: a counted drawer further than this from what it should hold needs a reason and a manager
    cash_tolerance_fen: int = 500
    #: a household whose eligibility lapsed this many months ago has its personal data erased
    erase_after_months: int = 24
    #: food taken in needs at least this share of its usual shelf life left (保质期, on the item) ...
    min_shelf_life_percent: int = 60
    #: ... or, when the item's shelf life is not recorded, at least this many days
    min_days_left: int = 30
    #: a write-off worth more than this at sale price needs a manager (报损审批额度)
    writeoff_limit_fen: int = 10_000
    #: a stock count's difference beyond this many units needs a recount or a manager's reason
    count_threshold_units: int = 5
    #: or beyond this value at the sale price
    count_threshold_fen: int = 10_000

    @property
    def minimum_shelf_life(self) -> MinimumShelfLife:
        return MinimumShelfLife(self.min_shelf_life_percent, self.min_days_left)


LIMITS = {"discount_limit_percent": (0, 100), "cash_tolerance_fen": (0, 100_000), "erase_after_months": (1, 120),
          "min_shelf_life_percent": PERCENT_RANGE, "min_days_left": DAYS_RANGE, "writeoff_limit_fen": (0, 10_000_000),
          "count_threshold_units": (0, 100_000), "count_threshold_fen": (0, 10_000_000)}

log = logging.getLogger("charity_pos.counter_rules")


def rules_in(session: Session) -> CounterRules:
    """The rules as stored. A stored value outside its range is not used:
    only an edit made outside the app can put one there (``set_rules``
    refuses it, and ``verify`` finds the edit), so the rule's default
    applies instead and the log says so."""
    stored = {rule.key: rule.value for rule in session.scalars(select(CounterRule))}
    kept = {}
    for f in fields(CounterRules):
        if f.name not in stored:
            continue
        if within(stored[f.name], LIMITS[f.name]):
            kept[f.name] = stored[f.name]
        else:
            log.warning("counter rule %s holds %r, outside %s: its default is used", f.name, stored[f.name],
                        LIMITS[f.name])
    return CounterRules(**kept)


class CounterRuleService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def rules(self) -> CounterRules:
        with self.ctx.db.read() as s:
            return rules_in(s)

    def set_rules(self, actor: Actor, rules: CounterRules) -> Changes:
        for name, (low, high) in LIMITS.items():
            value = getattr(rules, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidInput(field="limit", value=value, reason="not_a_number")
            if not low <= value <= high:
                raise InvalidInput(field="limit", value=value, reason="negative" if value < low else "too_large")
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.SET_COUNTER_RULES)
            stored = {rule.key: rule for rule in s.scalars(select(CounterRule))}
            for name in LIMITS:
                value = getattr(rules, name)
                if name in stored:
                    stored[name].value = value
                else:
                    s.add(CounterRule(key=name, value=value))
            ev = journal.append(s, "counter.rules_set", actor=actor.user_id, at=now)
        return Changes(frozenset({Entity.STORE}), (), ev.seq)
