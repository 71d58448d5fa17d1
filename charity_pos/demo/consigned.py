"""Consigned goods in the demo store (代销): two consignors, the sub-district's
sheltered workshop (阳光之家, whose crafts the store sells with no
commission: it is owed the whole sale price) and a farmers' cooperative of a
paired poor county in Yunnan (扶贫 products, owed 85% of the price); their
goods are received as consigned lots, sell at the till like any goods, are
restocked now and then, and one batch is sent back unsold, so that the
settlement of the last full month shows figures.

A random generator of its own (``seed`` + 1) keeps the rest of the demo's
choices where they were (the crafts come in the same quantities as before,
at the same moment); the cooperative's goods reach the till's shelf from the
fourth day on.
"""

from __future__ import annotations

import random
from collections.abc import Callable
import uuid
from datetime import date, timedelta

from charity_pos.demo.products import POVERTY_RELIEF
from charity_pos.services.base import Actor
from charity_pos.services.catalog import ItemDraft, ItemRow, Source
from charity_pos.services.consignment import ConsignedLine, ConsignmentService, ConsignorDraft
from charity_pos.services.intake import FOOD_CATEGORIES
from charity_pos.services.registry import Services

WORKSHOP = ConsignorDraft("石门二路街道阳光之家", "52310106MJ5K3Y2X7B", contact="周慧敏", phone="13916052278",
                          bank="上海农商银行静安支行 6224 2100 1234 5678", notes="残疾人手工作品，义卖不收佣金")
CO_OP = ConsignorDraft("澜沧县扶贫农产品专业合作社", "93530828MA6PL7QW4R", contact="扎约", phone="13888124506",
                       bank="农业银行澜沧支行 6228 4807 2100 3344 551", notes="东西部协作对口帮扶，结算价为售价的85%")
#: what the cooperative is owed per unit: 85% of the sale price, in whole jiao
CO_OP_SHARE = 0.85


class Consignment:
    def __init__(self, sv: Services, seed: int, manager: Actor, tick: Callable[[random.Random, int, int], None]
                 ) -> None:
        self.sv = sv
        self.rng = random.Random(seed + 1)
        self.manager = manager
        self.tick = tick
        self.service = ConsignmentService(sv.ctx, sv.accounts)
        self.co_op_goods: list[ItemRow] = []
        self.workshop: uuid.UUID | None = None  # set by ``register``
        self.co_op: uuid.UUID | None = None

    def register(self) -> None:
        """The manager registers both consignors."""
        self.tick(self.rng, 1, 5)
        self.workshop = self.service.add_consignor(self.manager, WORKSHOP).ids[0]
        self.tick(self.rng, 1, 5)
        self.co_op = self.service.add_consignor(self.manager, CO_OP).ids[0]

    def crafts_in(self, quantities: dict[ItemRow, int]) -> None:
        """The workshop's crafts delivered: owed their whole sale price."""
        if not quantities:
            return
        assert self.workshop is not None
        self.service.receive(self.manager, self.workshop, [
            ConsignedLine(item.id, quantity, self.sv.catalog.get(item.id).sale_price_fen)
            for item, quantity in quantities.items()], note="阳光之家送货")

    def co_op_opens(self, today: date) -> None:
        """The cooperative's goods join the catalog and arrive for the first time."""
        for category, name, unit, price, reference in POVERTY_RELIEF:
            self.tick(self.rng, 0, 2)
            changes = self.sv.catalog.create_item(
                self.manager, ItemDraft(name, category, unit, price, reference, None, Source.CONSIGNED))
            self.co_op_goods.append(self.sv.catalog.get(changes.ids[0]))
        self.co_op_in({item: self.rng.randint(12, 30) for item in self.co_op_goods}, today)

    def co_op_in(self, quantities: dict[ItemRow, int], today: date) -> None:
        assert self.co_op is not None
        self.tick(self.rng, 2, 10)
        lines = []
        for item, quantity in quantities.items():
            price = self.sv.catalog.get(item.id).sale_price_fen
            expiry = None
            if item.category_code in FOOD_CATEGORIES:
                expiry = today + timedelta(days=self.rng.choice((240, 300, 365)))
            lines.append(ConsignedLine(item.id, quantity, max(10, int(price * CO_OP_SHARE) // 10 * 10), expiry))
        self.service.receive(self.manager, self.co_op, lines, note="扶贫产品到货")

    def day(self, offset: int, days: int, today: date) -> None:
        """After hours: the cooperative's first delivery on the third day (the last of a shorter demo),
        a restock a fifth of the way through, and unsold goods back a third in (early, so that in a
        30-day demo all fall in the last full month, whatever day it is built). Nothing before the
        third day's close reaches the till's shelf or the clock the other demo choices read."""
        if offset == min(3, days):
            self.co_op_opens(today)
        if not self.co_op_goods or self.co_op is None:
            return
        if days >= 5 and offset == max(4, days // 5):
            restock = self.rng.sample(self.co_op_goods, k=2)
            self.co_op_in({item: self.rng.randint(10, 20) for item in restock}, today)
        if days >= 6 and offset == max(5, days // 3):
            held = {h.item_id: h.left for h in self.service.held(self.manager, self.co_op)}
            slow = [item for item in self.co_op_goods if held.get(item.id, 0) > 0]
            if slow:
                item = max(slow, key=lambda it: held[it.id])
                self.tick(self.rng, 5, 30)
                self.service.return_goods(self.manager, self.co_op, {item.id: min(5, held[item.id])},
                                          "滞销，退回合作社")
