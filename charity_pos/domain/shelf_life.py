"""How much shelf life (保质期) food must have left when a store takes it in.

The store's rule has two numbers a manager sets: a share of the item's usual
shelf life, and a number of days. Food whose usual shelf life is recorded on
the item needs at least that share of it left on its best-before date
(rounded up to whole days: 60% of 365 days is 219 days); food whose shelf
life is not recorded needs at least the number of days. The defaults, 60%
and 30 days, are the seed's practice (one city takes food only with 60% of
its shelf life left). Food past its date is never taken, whatever the rule.

Pure functions, no database: ``services.intake`` applies them to each food
line and asks a manager's approval for a line short of its minimum.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: the share of the usual shelf life a manager may ask for, in percent
PERCENT_RANGE = (0, 100)
#: the days left a manager may ask for of food with no known shelf life (two years at most)
DAYS_RANGE = (0, 730)
#: an item's usual shelf life, in days (ten years at most: tinned food, honey, bottled water)
SHELF_LIFE_RANGE = (1, 3650)


@dataclass(frozen=True)
class MinimumShelfLife:
    """The store's minimum remaining shelf life at intake."""

    percent: int = 60
    days: int = 30


@dataclass(frozen=True)
class Shortfall:
    """A best-before date short of the minimum: the days it leaves, and the
    days the rule asks for."""

    days_left: int
    minimum_days: int


def minimum_days_left(rule: MinimumShelfLife, shelf_life_days: int | None) -> int:
    """The days food must have left at intake: ``rule.percent`` of its usual
    shelf life, rounded up, or ``rule.days`` when that is not known."""
    if shelf_life_days is None:
        return rule.days
    return -(-shelf_life_days * rule.percent // 100)


def shortfall(rule: MinimumShelfLife, shelf_life_days: int | None, best_before: date,
              today: date) -> Shortfall | None:
    """Whether food best before ``best_before``, taken in ``today``, is short
    of the rule's minimum (None: it is not). A date already past is for the
    caller to refuse outright; here it is merely short."""
    days_left = (best_before - today).days
    minimum = minimum_days_left(rule, shelf_life_days)
    return Shortfall(days_left, minimum) if days_left < minimum else None


def within(value: object, bounds: tuple[int, int]) -> bool:
    """Whether ``value`` is a whole number (not a bool) inside ``bounds``."""
    return isinstance(value, int) and not isinstance(value, bool) and bounds[0] <= value <= bounds[1]
