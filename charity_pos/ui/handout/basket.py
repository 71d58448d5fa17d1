"""The goods a household takes in one visit, and how they stand against what
it has left this period. Plain Python: the judging is the domain's
(``quota.judge``), so what the screen shows is what the service decides on
completion.

A line's units *beyond* the allowance are found in scan order: each line
takes what still fits in value and in its goods category's count, the rest
of it is beyond. A basket with nothing beyond is exactly a basket the quota
judges within."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from charity_pos.domain import quota
from charity_pos.services.base import Approval
from charity_pos.services.handouts import CardView, Goods, HandoutLineDraft


@dataclass
class HandoutLine:
    goods: Goods
    quantity: int = 1
    beyond: int = 0  # units past the allowance, as the whole basket stands

    @property
    def name(self) -> str:
        return self.goods.name

    @property
    def value_fen(self) -> int:
        return self.quantity * self.goods.unit_value_fen

    def basket_line(self) -> quota.BasketLine:
        return self.goods.line(self.quantity)

    def draft(self) -> HandoutLineDraft:
        return HandoutLineDraft(self.goods.item_id, self.quantity, self.goods.lot_id)

    def same_goods(self, goods: Goods) -> bool:
        return self.goods.item_id == goods.item_id and self.goods.lot_id == goods.lot_id


@dataclass
class Visit:
    """One household at the counter: from its card to the handout's number.
    A new card is a new visit, with a new ticket id (finishing twice makes
    one handout)."""

    card: CardView | None = None
    ticket_id: uuid.UUID = field(default_factory=uuid.uuid4)
    approval: Approval | None = None  # the manager's, for going past an enforce rule's allowance
    number: str | None = None  # the handout's, once finished
    moved: int = 0  # lines sent to a paid sale in this visit

    @property
    def open(self) -> bool:
        return self.card is not None and self.number is None


def verdict(standing: quota.Standing, lines: list[HandoutLine]) -> quota.Verdict:
    return quota.judge(standing, [line.basket_line() for line in lines])


def worse(before: quota.Verdict, after: quota.Verdict) -> bool:
    """Does the change take the basket further past the allowance?"""
    return after.over_value_fen > before.over_value_fen or any(
        count > before.over_counts.get(category, 0) for category, count in after.over_counts.items())


def units_beyond(standing: quota.Standing, lines: list[HandoutLine]) -> list[int]:
    """For each line, how many of its units do not fit in what is left."""
    value_left = max(0, standing.remaining_fen)
    counts_left = {category: max(0, standing.remaining_count(category) or 0) for category in standing.limits}
    beyond = []
    for line in lines:
        fits = line.quantity
        unit = line.goods.unit_value_fen
        if unit > 0:
            fits = min(fits, value_left // unit)
        category = line.goods.goods_category
        if category in counts_left:
            fits = min(fits, counts_left[category])
            counts_left[category] -= fits
        value_left -= fits * unit
        beyond.append(line.quantity - fits)
    return beyond


def value_fen(lines: list[HandoutLine]) -> int:
    return sum(line.value_fen for line in lines)


def counts(lines: list[HandoutLine]) -> dict[str, int]:
    """Units per goods category."""
    taken: dict[str, int] = {}
    for line in lines:
        taken[line.goods.goods_category] = taken.get(line.goods.goods_category, 0) + line.quantity
    return taken
