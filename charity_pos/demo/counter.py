"""The demo store's counter: a cash shift a day on till 1, baskets sold
through the sales service, a few returns and one void, the drawer counted
by denomination at the close. Everything through the services, with the
builder's seeded random and clock.

All money here stays in whole jiao (multiples of 10 fen): prices, discounts
and the refunds chosen, so that the drawer can be counted exactly in notes
and coins; the two planned differences are the only ones.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select

from charity_pos.db.models import Category, Item, StockLot, StockMovement
from charity_pos.services.base import Actor, Approval, local_date
from charity_pos.services.registry import Services
from charity_pos.services.returns import ReturnDraft, refund_for
from charity_pos.services.sales import LineDraft, Method, PaymentDraft, SaleDraft, SoldLine
from charity_pos.services.shifts import DENOMINATIONS

TILL = "1"
FLOAT_FEN = 20_000  # ¥200
#: The float as it goes into the drawer in the morning: small notes and coins.
FLOAT_DRAWER = {5000: 1, 2000: 3, 1000: 5, 500: 4, 100: 15, 50: 6, 10: 20}
#: How likely each kind of goods is to be in a basket.
CATEGORY_WEIGHTS = {"food": 6, "grain_oil": 6, "daily": 5, "clothing": 3, "shoes_hats": 2, "books": 2,
                    "bedding": 1, "toys": 1, "appliances": 1, "other": 1}
#: Goods people take two or three of.
MULTIPLES = frozenset({"food", "grain_oil", "daily"})
#: One round of how customers pay; drawn without replacement and dealt again,
#: so every way of paying shows up within any twenty sales.
PAYMENT_DECK = ("cash",) * 8 + ("wechat",) * 5 + ("alipay",) * 3 + ("unionpay", "voucher", "voucher", "mixed")
VOUCHER_FACES = (10_000, 5_000, 2_000, 1_000)  # 爱心券 of ¥100, 50, 20, 10
#: How long a customer may bring goods back.
RETURN_DAYS = 7


@dataclass(frozen=True)
class CounterPlan:
    """On which demo days (1-based) the rarer things happen, spread over any
    length of demo: the one void, the drawer differences, the discounts a
    manager approves, the returns (partial and whole in turn)."""

    void_day: int
    small_difference_day: int | None  # within the tolerance
    large_difference_day: int  # beyond it: a reason and a manager
    approved_discount_days: frozenset[int]
    return_days: frozenset[int]

    @classmethod
    def for_days(cls, days: int) -> CounterPlan:
        def at(share: float) -> int:
            return min(days, max(1, math.ceil(days * share)))

        large = at(0.75)
        small = at(0.45)
        return cls(
            void_day=at(0.3),
            small_difference_day=None if small == large else small,
            large_difference_day=large,
            approved_discount_days=frozenset({at(0.2), at(0.65)}),
            return_days=frozenset(d for d in range(1, days + 1) if d % 5 == 2 or d == days),
        )


@dataclass
class _Goods:
    item_id: uuid.UUID
    barcode: str
    price_fen: int
    category: str
    left: int  # units on the shelf, not past their date
    lots: dict[str, int] = field(default_factory=dict)  # a lot's own code -> units left in it


@dataclass(frozen=True)
class _Line:
    goods: _Goods
    code: str  # what was scanned
    quantity: int


@dataclass
class CounterTally:
    shifts: int = 0
    sales: int = 0
    returns: int = 0
    voids: int = 0
    vouchers: int = 0
    approvals: int = 0
    methods: dict[str, int] = field(default_factory=dict)


def drawer(amount_fen: int) -> dict[int, int]:
    """The notes and coins in a drawer holding ``amount_fen``: the morning's
    float as it went in, the takings in the largest notes."""
    counts = dict.fromkeys(DENOMINATIONS, 0)
    rest = amount_fen
    if amount_fen >= FLOAT_FEN:
        counts.update(FLOAT_DRAWER)
        rest -= FLOAT_FEN
    for value in DENOMINATIONS:
        extra, rest = divmod(rest, value)
        counts[value] += extra
    return {value: n for value, n in counts.items() if n}


def _up_to(amount_fen: int, note_fen: int) -> int:
    return -(-amount_fen // note_fen) * note_fen


class Counter:
    """Till 1 of the demo store, driven day by day by the builder."""

    def __init__(self, sv: Services, rng: random.Random, now: Callable[[], datetime], tick: Callable[..., None],
                 plan: CounterPlan, managers: tuple[str, ...], manager_pin: str) -> None:
        self.sv = sv
        self.rng = rng
        self.now = now
        self.tick = tick
        self.plan = plan
        self.managers = managers
        self.manager_pin = manager_pin
        rules = sv.counter_rules.rules()
        self.limit_percent = rules.discount_limit_percent
        self.tolerance_fen = rules.cash_tolerance_fen
        self.tally = CounterTally()
        self.sold: list[tuple[str, int]] = []  # (sale number, demo day) of sales that may come back
        self.returned: set[str] = set()
        self._deck: list[str] = []
        self._returns_made = 0
        self._voided = False
        self._cashier: Actor | None = None
        self._day = 0
        self._sales_today = 0
        self._approved_today = False
        self._goods: list[_Goods] = []
        self._weights: list[int] = []
        self._category: dict[uuid.UUID, str] = {}

    # --- the day ----------------------------------------------------------------
    def open(self, cashier: Actor, day: int) -> None:
        self._cashier = cashier
        self._day = day
        self._sales_today = 0
        self._approved_today = day not in self.plan.approved_discount_days
        self.sv.shifts.open(cashier, TILL, FLOAT_FEN)
        self.tally.shifts += 1
        self._stock_shelves(local_date(self.now()))

    def baskets(self, weekday: int) -> int:
        """Customers in a day: more at the weekend."""
        return self.rng.randint(12, 20) if weekday >= 5 else self.rng.randint(8, 15)

    def returns_due(self) -> int:
        return 1 if self._day in self.plan.return_days else 0

    def close(self) -> None:
        """Count the drawer: as expected, except on the two planned days."""
        assert self._cashier is not None
        expected = self.sv.shifts.expected(TILL).expected_fen["cash"]
        reason, approval, difference = "", None, 0
        if self._day == self.plan.large_difference_day:
            # ¥20 short: the cashier explains it, the manager approves with her PIN
            difference = -2000
            reason = "少一张20元，看监控回放确认为找零时多找"
            approval = self._approval("已看监控回放，同意按实点数交班")
        elif self._day == self.plan.small_difference_day:
            difference = self.rng.choice((-200, -50, 100, 150))
            assert abs(difference) <= self.tolerance_fen
        self.sv.shifts.close(self._cashier, TILL, drawer(expected + difference), None, reason, approval)
        self._cashier = None

    # --- what is on the shelves ----------------------------------------------------
    def _stock_shelves(self, today: date) -> None:
        """What can be sold today: goods with units left, not past their date.
        Goods labelled with their lot's own code are sold by that code."""
        left = func.sum(StockMovement.quantity)
        with self.sv.db.read() as s:
            items = {item_id: (barcode, price, category) for item_id, barcode, price, category in s.execute(
                select(Item.id, Item.barcode, Item.sale_price_fen, Category.code).join(Item.category)
                .where(Item.active))}
            lots = s.execute(select(StockLot.item_id, StockLot.barcode, StockLot.expiry_date, left)
                             .join(StockMovement, StockMovement.lot_id == StockLot.id)
                             .group_by(StockLot.id).having(left > 0)
                             .order_by(StockLot.item_id, StockLot.received_at, StockLot.id)).all()
        self._category = {item_id: row[2] for item_id, row in items.items()}
        shelf: dict[uuid.UUID, _Goods] = {}
        for item_id, lot_code, expiry, on_hand in lots:
            if item_id not in items or (expiry is not None and expiry < today):
                continue
            goods = shelf.get(item_id)
            if goods is None:
                barcode, price, category = items[item_id]
                goods = shelf[item_id] = _Goods(item_id, barcode or "", price, category, 0)
            goods.left += int(on_hand)
            if lot_code:
                goods.lots[lot_code] = int(on_hand)
        self._goods = sorted(shelf.values(), key=lambda g: g.barcode)
        self._weights = [CATEGORY_WEIGHTS.get(g.category, 1) for g in self._goods]

    def _basket(self, lines: int) -> list[_Line]:
        basket: list[_Line] = []
        chosen: set[uuid.UUID] = set()
        for _ in range(lines * 4):
            if len(basket) == lines or not self._goods:
                break
            goods = self.rng.choices(self._goods, self._weights)[0]
            if goods.item_id in chosen or goods.left <= 0:
                continue
            lots = [(code, left) for code, left in goods.lots.items() if left > 0]
            if goods.lots and not lots:
                continue  # labelled goods whose labelled lots are gone
            limit = min(lots[0][1], goods.left) if lots else goods.left
            quantity = 1
            if goods.category in MULTIPLES:
                quantity = min(limit, self.rng.choices((1, 2, 3), (70, 22, 8))[0])
            code = lots[0][0] if lots else goods.barcode
            if lots:
                goods.lots[code] -= quantity
            goods.left -= quantity
            chosen.add(goods.item_id)
            basket.append(_Line(goods, code, quantity))
        return basket

    def _put_back(self, basket: list[_Line]) -> None:
        for line in basket:
            line.goods.left += line.quantity
            if line.code in line.goods.lots:
                line.goods.lots[line.code] += line.quantity

    # --- selling ------------------------------------------------------------------
    def sell(self) -> None:
        """One customer at the till."""
        self._sales_today += 1
        if self._day == self.plan.void_day and not self._voided and self._sales_today == 3:
            self._sell_then_void()
            return
        lines = self.rng.choices((1, 2, 3, 4, 5, 6), (30, 26, 19, 12, 8, 5))[0]
        basket = self._basket(lines)
        if basket:
            self._ring_up(basket, self._draw())

    def _draw(self) -> str:
        if not self._deck:
            self._deck = list(PAYMENT_DECK)
            self.rng.shuffle(self._deck)
        return self._deck.pop()

    def _ring_up(self, basket: list[_Line], paying: str, *, discounts: bool = True) -> str:
        assert self._cashier is not None
        drafts: list[LineDraft] = []
        for line in basket:
            lot_id = None
            if line.code in line.goods.lots:  # a lot's own label: the scan says which lot
                scanned = self.sv.sales.scan(line.code)
                lot_id = scanned.lot_id
            drafts.append(LineDraft(line.goods.item_id, line.quantity, lot_id=lot_id))
        ticket_discount, approval = 0, None
        subtotal = sum(line.goods.price_fen * line.quantity for line in basket)
        if discounts and not self._approved_today:
            drafts, approval = self._approved_discount(basket, drafts)
        elif discounts and self.rng.random() < 0.12:  # within the cashier's own limit
            if self.rng.random() < 0.5 and subtotal >= 1000 and subtotal % 100:
                ticket_discount = subtotal % 100  # 抹零: the jiao off the total
            else:
                drafts = self._small_discount(basket, drafts)
        totals = self.sv.sales.totals([(d, line.goods.price_fen) for d, line in zip(drafts, basket, strict=True)],
                                      ticket_discount)
        self.tick(self.rng, 0, 2)  # scanning, bagging, paying
        payments = self._payments(paying, totals.total_fen)
        ticket = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        changes = self.sv.sales.complete(self._cashier, SaleDraft(ticket, TILL, tuple(drafts), payments,
                                                                  ticket_discount, approval))
        number = changes.number
        assert number is not None
        self.tally.sales += 1
        for payment in payments:
            self.tally.methods[payment.method] = self.tally.methods.get(payment.method, 0) + 1
        self.sold.append((number, self._day))
        return number

    def _small_discount(self, basket: list[_Line], drafts: list[LineDraft]) -> list[LineDraft]:
        """A line a little off (near its date, a scuffed box), within the limit."""
        at = self.rng.randrange(len(basket))
        line = basket[at]
        percent = min(self.limit_percent, self.rng.choice((5, 10)))
        off = line.goods.price_fen * line.quantity * percent // 100 // 10 * 10
        if off:
            drafts[at] = LineDraft(drafts[at].item_id, drafts[at].quantity, None, off, drafts[at].lot_id)
        return drafts

    def _approved_discount(self, basket: list[_Line],
                           drafts: list[LineDraft]) -> tuple[list[LineDraft], Approval | None]:
        """More off than a cashier may give alone: a manager types her PIN."""
        worth = [i for i, line in enumerate(basket) if line.goods.price_fen >= 1000]
        if not worth:
            return drafts, None
        at = self.rng.choice(worth)
        line = basket[at]
        if line.goods.category in ("clothing", "shoes_hats", "bedding"):
            percent, reason = 30, "有轻微污渍，七折"
        elif line.goods.category in ("food", "grain_oil"):
            percent, reason = 20, "外包装破损，八折"
        else:
            percent, reason = 20, "展示样品，八折"
        assert percent > self.limit_percent
        off = line.goods.price_fen * line.quantity * percent // 100 // 10 * 10
        drafts[at] = LineDraft(drafts[at].item_id, drafts[at].quantity, None, off, drafts[at].lot_id)
        self._approved_today = True
        return drafts, self._approval(reason)

    def _approval(self, reason: str) -> Approval:
        self.tally.approvals += 1
        return Approval(self.rng.choice(self.managers), self.manager_pin, reason, TILL)

    # --- paying ------------------------------------------------------------------
    def _payments(self, paying: str, total: int) -> tuple[PaymentDraft, ...]:
        rng = self.rng
        if paying == "cash":
            return (self._cash(total),)
        if paying in ("wechat", "alipay", "unionpay"):
            return (PaymentDraft(paying, total, self._reference(paying)),)
        if paying == "voucher":  # the largest 爱心券 the total takes; the rest in cash
            face = next((f for f in VOUCHER_FACES if f <= total), None)
            if face is None or face == total:  # 爱心券不找零: a small purchase takes it whole
                return (PaymentDraft(Method.VOUCHER.value, total, self._voucher()),)
            return (PaymentDraft(Method.VOUCHER.value, face, self._voucher()), self._cash(total - face))
        # mixed: part in notes, the rest by phone; or a voucher and the rest by phone
        notes = next((note for note in (10_000, 5_000, 2_000, 1_000) if note < total), None)
        phone = rng.choice(("wechat", "alipay"))
        if notes is None:
            return (self._cash(total),)
        if rng.random() < 0.3:
            face = next((f for f in VOUCHER_FACES if f < total), None)
            if face is not None:
                return (PaymentDraft(Method.VOUCHER.value, face, self._voucher()),
                        PaymentDraft(phone, total - face, self._reference(phone)))
        return (PaymentDraft(phone, total - notes, self._reference(phone)), PaymentDraft(Method.CASH.value, notes))

    def _cash(self, amount: int) -> PaymentDraft:
        """Notes handed over: the amount rounded up to ¥50 or ¥100, change back."""
        note = self.rng.choice((5_000, 10_000)) if amount <= 10_000 else 10_000
        return PaymentDraft(Method.CASH.value, _up_to(amount, note))

    def _reference(self, method: str) -> str:
        """Transaction numbers as the terminals print them."""
        rng, at = self.rng, self.now()
        if method == "wechat":  # 微信支付单号: 28 digits, the date in the middle
            return f"4200{rng.randrange(10**6):06d}{at:%Y%m%d}{rng.randrange(10**10):010d}"
        if method == "alipay":  # 支付宝交易号: the date first, 28 digits
            return f"{at:%Y%m%d}2200{rng.randrange(10**16):016d}"
        # 银联刷卡: the terminal's 12-digit reference number (参考号)
        return f"{at:%H%M%S}{rng.randrange(10**6):06d}"

    def _voucher(self) -> str:
        """爱心券 handed out by the sub-district, each numbered and used once."""
        self.tally.vouchers += 1
        return f"AXQ{local_date(self.now()).year}{self.tally.vouchers:05d}"

    # --- voiding and returns ----------------------------------------------------------
    def _sell_then_void(self) -> None:
        """The demo's one void: a customer changes her mind about one of the
        goods after paying; the manager voids the sale within the shift and
        the rest is rung up again."""
        basket = self._basket(3)
        if len(basket) < 2:
            self._put_back(basket)
            self._sales_today -= 1  # try again with the next customer
            return
        number = self._ring_up(basket, "cash", discounts=False)
        self.sold.pop()
        self.tally.sales -= 1
        self.tick(self.rng, 1, 3)
        assert self._cashier is not None
        self.sv.sales.void(self._cashier, number, "顾客付款后不要其中一件，整单作废重新结账",
                           self._approval("顾客改变主意，同意作废"))
        self._voided = True
        self.tally.voids += 1
        self._put_back(basket[-1:])
        self.tick(self.rng, 0, 2)
        self._ring_up(basket[:-1], self._draw())

    def give_back(self) -> None:
        """A customer brings goods back, receipt in hand: the manager approves.
        Partial and whole returns in turn."""
        assert self._cashier is not None
        whole = self._returns_made % 2 == 1
        recent = [number for number, day in self.sold
                  if self._day - day <= RETURN_DAYS and number not in self.returned]
        self.rng.shuffle(recent)
        for number in recent[:20]:
            sale = self.sv.sales.sale(number)
            if sale.status != "completed" or sale.refunded_fen:
                continue
            quantities = self._returning(sale.lines, whole)
            if not quantities:
                continue
            by_id = {line.id: line for line in sale.lines}
            # what the service will give back (SoldLine has the fields refund_for reads)
            refund = sum(refund_for(by_id[i], 0, q) for i, q in quantities.items())
            if refund % 10:  # the drawer holds no fen coins
                continue
            if whole:
                reason = "顾客不需要了，整单退货"
            else:
                returned = by_id[next(iter(quantities))]
                category = self._category.get(returned.item_id, "")
                reason = {"clothing": "尺码不合适", "shoes_hats": "尺码不合适", "food": "买重复了",
                          "grain_oil": "买重复了"}.get(category, "家里已有，不需要了")
            self.sv.returns.create(self._cashier, ReturnDraft(number, TILL, quantities, reason),
                                   self._approval("核对小票和商品无误，同意退货"))
            self.returned.add(number)
            self._returns_made += 1
            self.tally.returns += 1
            return

    def _returning(self, lines: tuple[SoldLine, ...], whole: bool) -> dict[uuid.UUID, int]:
        if whole:
            return {line.id: line.quantity for line in lines}
        several = [line for line in lines if line.quantity > 1]
        if several:  # some of one line
            line = self.rng.choice(several)
            return {line.id: self.rng.randint(1, line.quantity - 1)}
        if len(lines) > 1:  # one line of several
            line = self.rng.choice(lines)
            return {line.id: line.quantity}
        return {}
