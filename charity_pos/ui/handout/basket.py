"""The goods a household takes in one visit, and how they stand against what
it has left this period. Plain Python: the judging is the domain's
(``quota.judge``, ``quota.rule_on_change``, ``quota.units_beyond``), so
what the screen shows is what the service decides on completion."""

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


def basket_lines(lines: list[HandoutLine]) -> list[quota.BasketLine]:
    """The lines as the domain judges them (``quota.rule_on_change``, ``quota.units_beyond``)."""
    return [line.basket_line() for line in lines]


def value_fen(lines: list[HandoutLine]) -> int:
    return sum(line.value_fen for line in lines)


def counts(lines: list[HandoutLine]) -> dict[str, int]:
    """Units per goods category."""
    taken: dict[str, int] = {}
    for line in lines:
        taken[line.goods.goods_category] = taken.get(line.goods.goods_category, 0) + line.quantity
    return taken
