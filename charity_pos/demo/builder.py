"""The demo store: a real catalog and N days of activity, every event made
through the same services a store uses, one transaction per business event."""

from __future__ import annotations

import random
import sqlite3
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy import event, func, select
from sqlalchemy.pool import ConnectionPoolEntry

from charity_pos.db.driver import pooled_driver
from charity_pos.db.engine import StoreDatabase
from charity_pos.db.models import JournalEvent, Sale, SaleReturn
from charity_pos.demo import people
from charity_pos.demo.count import count_demo, shelf_for
from charity_pos.demo.consigned import Consignment
from charity_pos.demo.counter import TILL, Counter, CounterPlan
from charity_pos.demo.near_expiry import NearExpiry, best_before, shelf_life_of
from charity_pos.demo.products import PRODUCTS
from charity_pos.demo.relief import Relief, ReliefPlan
from charity_pos.domain.barcodes import check_digit
from charity_pos.durable import put_in_place
from charity_pos.errors import StoreFileExists
from charity_pos.services.base import STORE_SETUP, STORE_TZ, Actor, Approval, Role, system_clock
from charity_pos.services.catalog import ItemDraft, ItemRow, Source
from charity_pos.services.donors import DonorKind
from charity_pos.services.intake import (
    FOOD_CATEGORIES,
    CashMethod,
    Condition,
    IntakeDraft,
    IntakeLine,
    Valuation,
)
from charity_pos.services.registry import Services
from charity_pos.services.store import init_store

STORE = {"store_code": "JA01", "name": "静安区石门二路街道慈善超市", "short_name": "石门二路慈善超市", "district": "静安区"}
MANAGER_PIN = "9999"
CASHIER_PIN = "1111"
#: Items that arrive during the demo days; the store opens with the rest.
ARRIVING_LATER = 30


@dataclass(frozen=True)
class DemoSummary:
    items: int
    donations: int
    donors: int
    households: int
    events: int
    sales: int = 0  # completed (the voided one not counted)
    returns: int = 0
    shifts: int = 0
    handouts: int = 0  # relief goods handed out to households (at the relief counter, and for a campaign)
    overrides: int = 0  # handouts past the allowance: approved by a manager, or warned
    refused_cards: int = 0  # relief cards turned away (suspended, expired)


class SimClock:
    """A clock the builder moves through the demo days."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at

    def tick(self, rng: random.Random, low: int = 1, high: int = 9) -> None:
        self.at += timedelta(minutes=rng.randint(low, high), seconds=rng.randint(0, 59))

    def day(self, day: datetime, hour: int) -> None:
        self.at = datetime.combine(day.date(), time(hour, 0), tzinfo=STORE_TZ)

    def not_before(self, day: datetime, hour: int, minute: int = 0) -> None:
        """On to that time of the day, unless the day has already gone past it."""
        self.at = max(self.at, datetime.combine(day.date(), time(hour, minute), tzinfo=STORE_TZ))

    def minutes_until(self, day: datetime, hour: int, minute: int = 0) -> int:
        return int((datetime.combine(day.date(), time(hour, minute), tzinfo=STORE_TZ) - self.at).total_seconds() // 60)


#: what the demo store spends donated cash on
FUND_USES = (("relief_goods", "采购米面油，发放困难家庭"), ("cash_aid", "困难家庭临时救助金"),
             ("activities", "社区助老志愿活动物资"))


def _chunks(items: list[ItemRow], size: int) -> list[list[ItemRow]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _donate(sv: Services, rng: random.Random, actor: Actor, donor_id: uuid.UUID | None, goods: list[ItemRow], *,
            day: datetime, cash: int = 0) -> None:
    lines = []
    for item in goods:
        valuation = rng.choices((Valuation.MARKET, Valuation.INVOICE, Valuation.UNVALUED), (6, 1, 3))[0]
        value = None
        if valuation != Valuation.UNVALUED:
            value = max(100, item.reference_price_fen or item.sale_price_fen)
        expiry = None
        if item.category_code in FOOD_CATEGORIES:
            expiry = best_before(day.date(), item.shelf_life_days, rng.choice((120, 200, 270, 365, 540)))
        condition = Condition.NEW if item.category_code in FOOD_CATEGORIES else rng.choice(list(Condition))
        lines.append(IntakeLine(item.id, rng.randint(1, 6), condition, valuation, value, expiry))
    sv.intake.receive(actor, IntakeDraft(donor_id, tuple(lines), cash, CashMethod.WECHAT if cash else None))


def _write_off(sv: Services, actor: Actor, reason: str) -> None:
    """A cashier finds a torn garment or a cracked pot (破损, one unit of the first donated non-food lot); a
    manager takes the food nearest its date off the shelf (过期, two units of it)."""
    from charity_pos.services.writeoffs import WriteoffDraft, WriteoffLineDraft

    lots = sv.writeoffs.lots_on_hand()
    if reason == "expired":
        dated = [lot for lot in lots if lot.expiry_date is not None]
        chosen = min(dated, key=lambda lot: (lot.expiry_date, lot.item_name)) if dated else None
        units, note = 2, "临近保质期，已变味"
    else:
        chosen = next((lot for lot in lots if lot.origin == "donation" and lot.expiry_date is None), None)
        units, note = 1, "整理时发现破损"
    if chosen is None:
        return
    sv.writeoffs.write_off(actor, WriteoffDraft((WriteoffLineDraft(chosen.lot_id, min(units, chosen.on_hand)),),
                                                reason, note=note,
                                                approval=Approval("manager", MANAGER_PIN, "确认无法出售", TILL)))


def _manufacturer_codes(rng: random.Random, count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        payload = rng.choice(("690", "691", "692", "693", "694", "695", "696")) + f"{rng.randrange(10**9):09d}"
        codes.add(payload + str(check_digit(payload)))
    # sorted first: a set's order changes from run to run (string hashing), the shuffle must not
    return sorted(sorted(codes), key=lambda _: rng.random())


def build_demo(path: Path, *, days: int = 30, seed: int = 20261128, today: datetime | None = None) -> DemoSummary:
    """Build the demo in a file beside ``path`` and move it into place only
    when it is complete, so that a failure leaves no half-made store. Its
    last day is the day before ``today`` (by default the real one): with the
    same ``days``, ``seed`` and ``today`` it holds the same (a release's test
    store, ``scripts/make-release-store.py``)."""
    path = Path(path)
    if path.exists():
        raise StoreFileExists(path=str(path))
    building = path.with_name(path.name + ".building")
    for leftover in _files_of(building):
        leftover.unlink(missing_ok=True)
    try:
        summary = _build(building, days=days, seed=seed, today=today)
        put_in_place(building, path)
    finally:
        for leftover in _files_of(building):
            leftover.unlink(missing_ok=True)
    return summary


def _files_of(db: Path) -> list[Path]:
    return [db, *(db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", ".lock"))]


def _unsynced(db: StoreDatabase) -> None:
    """Build without waiting for the disk at every commit.

    The demo is built in a file of its own and moved into place only when
    complete; a crash halfway leaves a file that is thrown away. So its
    thousand-odd commits need not each wait for an fsync (PRAGMA
    synchronous=OFF; that saves 1 to 4 s of a 30-day build, depending on the
    disk); ``_synced`` writes the finished file out once, properly, before it
    is moved into place. Stores the app opens keep synchronous=FULL: the
    pragma is per connection, not kept in the file.
    """

    @event.listens_for(db.engine, "connect")
    def _no_sync(dbapi_conn: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_conn.execute("PRAGMA synchronous = OFF")

    db.engine.dispose()  # connections made before the listener reconnect with it


def _synced(db: StoreDatabase) -> None:
    """Everything in the WAL into the database file, synced to disk."""
    raw = db.engine.raw_connection()
    try:
        sqlite = pooled_driver(raw)
        sqlite.execute("PRAGMA synchronous = FULL")
        sqlite.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        raw.close()


def _build(path: Path, *, days: int, seed: int, today: datetime | None) -> DemoSummary:
    rng = random.Random(seed)
    today = (today or system_clock()).astimezone(STORE_TZ)
    first_day = today - timedelta(days=days + 1)  # the last demo day is yesterday
    clock = SimClock(first_day)
    clock.day(first_day, 8)
    db = init_store(path, manager_pin=MANAGER_PIN, clock=clock, **STORE)
    _unsynced(db)
    sv = Services.for_db(db, clock)
    try:
        manager = sv.accounts.login("manager", MANAGER_PIN)
        for username, name, role in (("cashier", "王丽华", Role.CASHIER), ("zhangmin", "张敏", Role.CASHIER),
                                     ("lijun", "李军", Role.MANAGER)):
            clock.tick(rng)
            sv.accounts.create_user(manager, username, name, role, CASHIER_PIN if role == Role.CASHIER else MANAGER_PIN)
        cashier = sv.accounts.login("cashier", CASHIER_PIN)
        till = Counter(sv, rng, clock, clock.tick, CounterPlan.for_days(days), ("manager", "lijun"),
                       MANAGER_PIN)
        relief = Relief(sv, rng, clock, clock.tick, ReliefPlan.for_days(days), ("manager", "lijun"), MANAGER_PIN)
        near = NearExpiry(sv, seed, days, clock.tick, ("manager", "lijun"), MANAGER_PIN, TILL)
        # The sub-district's list of households in hardship, entered by the manager.
        registered = people.households(rng, first_day.date())
        for household in registered:
            clock.tick(rng, 0, 2)
            sv.households.register(manager, household)
        # Donors who have given before (their donations come with intake).
        for donor in people.donors(rng):
            clock.tick(rng, 0, 3)
            sv.donors.create(cashier, donor)

        products = list(PRODUCTS)
        rng.shuffle(products)
        codes = iter(_manufacturer_codes(rng, len(products)))
        opening = len(products) - ARRIVING_LATER
        items: list[ItemRow] = []
        placed: dict[str, int] = {}  # goods put on each category's shelves so far

        def add(product: tuple[str, str, str, int, int, str, bool], actor: Actor) -> ItemRow:
            category, name, unit, price, reference, source, has_code = product
            clock.tick(rng, 0, 2)
            draft = ItemDraft(name, category, unit, price, reference, next(codes) if has_code else None, Source(source),
                              shelf_life_days=shelf_life_of(name, category),
                              location=shelf_for(category, placed))
            changes = sv.catalog.create_item(actor, draft)
            row = sv.catalog.get(changes.ids[0])
            items.append(row)
            return row

        for product in products[:opening]:
            add(product, manager)
        donors = sv.donors.donors()
        # Bought goods come in as goods receipts, consigned goods from their
        # consignors (代销), donated goods only ever through donations.
        consigned = Consignment(sv, seed, manager, clock.tick)
        consigned.register()
        clock.tick(rng)
        bought = [it for it in items if it.source != Source.DONATED]
        first_stock = {it: rng.randint(3, 40) for it in bought}
        sv.stock.receive(manager, {it.id: q for it, q in first_stock.items() if it.source != Source.CONSIGNED},
                         note="开业盘入")
        consigned.crafts_in({it: q for it, q in first_stock.items() if it.source == Source.CONSIGNED})
        for batch in _chunks([it for it in items if it.source == Source.DONATED], 6):
            clock.tick(rng, 2, 15)
            _donate(sv, rng, cashier, rng.choice(donors).id if rng.random() < 0.8 else None, batch, day=first_day)
        later = products[opening:]
        # The manager sets the quota rules for the relief counter.
        clock.tick(rng)
        relief.prepare(manager, (first_day + timedelta(days=1)).date(), (first_day + timedelta(days=days)).date())

        for offset in range(1, days + 1):
            day = first_day + timedelta(days=offset)
            clock.day(day, 9)
            actor = cashier if rng.random() < 0.7 else manager
            sv.accounts.login(actor.username, CASHIER_PIN if actor is cashier else MANAGER_PIN)
            # A cashier opens till 1 with the float: 王丽华, or 张敏 on the days 王丽华 is off.
            clock.tick(rng, 0, 4)
            at_till = cashier if actor is cashier else sv.accounts.login("zhangmin", CASHIER_PIN)
            # Households with a relief card waiting at the door are served
            # first (a handout takes nothing from the drawer), then the till
            # opens for sales with the shelves as the handouts left them.
            relief.day(offset, at_till, manager)
            till.open(at_till, offset)
            # New goods arrive most days: some new lines, deliveries of known ones.
            for _ in range(min(len(later), rng.randint(1, 4))):
                row = add(later.pop(), actor)
                clock.tick(rng)
                if row.source == Source.DONATED:
                    _donate(sv, rng, actor, rng.choice(donors).id, [row], day=day)
                elif row.source == Source.CONSIGNED:
                    consigned.crafts_in({row: rng.randint(2, 20)})
                else:
                    sv.stock.receive(actor, {row.id: rng.randint(2, 20)}, note="到货")
            if rng.random() < 0.6:
                clock.tick(rng, 10, 60)
                delivery = rng.sample(bought, k=min(len(bought), rng.randint(3, 12)))
                quantities = {it: rng.randint(5, 30) for it in delivery}
                restock = {it.id: q for it, q in quantities.items() if it.source != Source.CONSIGNED}
                if restock:
                    sv.stock.receive(actor, restock, note="补货")
                consigned.crafts_in({it: q for it, q in quantities.items() if it.source == Source.CONSIGNED})
            # Now and then a supermarket brings food near its date, taken with the manager's approval.
            near.day(offset, day.date(), cashier, next((d.id for d in donors if d.kind == DonorKind.COMPANY), None),
                     items)
            # Through the day: customers at the till, now and then one bringing
            # goods back, and residents and companies bringing donations.
            happenings = ["donation"] * rng.randint(1, 4) + ["sale"] * till.baskets(day.weekday())
            rng.shuffle(happenings)
            if till.returns_due():
                happenings.insert(rng.randint(len(happenings) // 2, len(happenings)), "return")
            # spread out to be done by about 16:40 (a sale takes a minute or two at the till)
            gap = max(2, (clock.minutes_until(day, 16, 40) - 2 * len(happenings)) // (len(happenings) + 1))
            for happening in happenings:
                clock.tick(rng, gap // 2, gap + gap // 2 - 1)
                if happening == "sale":
                    till.sell()
                elif happening == "return":
                    till.give_back()
                else:
                    donor_id = rng.choice(donors).id if rng.random() < 0.75 else None
                    donated = [it for it in items
                               if it.source == Source.DONATED or it.category_code in ("food", "grain_oil")]
                    _donate(sv, rng, actor, donor_id, rng.sample(donated, k=rng.randint(1, 4)), day=day,
                            cash=rng.choice((0, 0, 0, 0, 5000, 10000, 20000)))
            # The store closes at five: the cashier counts the drawer and closes the shift.
            clock.not_before(day, 16, 45)
            clock.tick(rng, 1, 9)
            till.close()
            # The manager prints the day's receipts for donors who want one.
            clock.not_before(day, 17)
            for donation in sv.intake.donations(STORE_SETUP, limit=10):
                if donation.wants_receipt and donation.receipt_number is None:
                    clock.tick(rng, 0, 3)
                    sv.receipts.print_receipt(manager, donation.number)
            # Price changes: the manager directly, a cashier with approval.
            if rng.random() < 0.3:
                clock.tick(rng, 5, 90)
                item = sv.catalog.get(rng.choice(items).id)
                # prices stay in whole jiao, as the drawer has no fen coins
                new_price = max(10, int(item.sale_price_fen * rng.choice((0.8, 0.9, 0.95))) // 10 * 10)
                draft = replace(item.draft(), sale_price_fen=new_price)
                if actor is cashier:
                    sv.catalog.update_item(cashier, item.id, draft, Approval("manager", MANAGER_PIN, "临期降价", TILL))
                else:
                    sv.catalog.update_item(manager, item.id, draft)
            # Goods written off (报损), with no randomness: the rest of the demo stays as it was.
            if offset in (1, 2):
                clock.not_before(day, 17, 50)
                _write_off(sv, cashier if offset == 1 else manager, "damaged" if offset == 1 else "expired")
            # A weekly stock count by the manager.
            if offset % 7 == 0:
                clock.not_before(day, 18)
                counted = rng.sample(items, k=min(len(items), 15))
                levels = {it.id: max(0, sv.stock.on_hand(it.id) - rng.choice((0, 0, 0, 1, 2))) for it in counted}
                sv.stock.count(manager, levels, reason="周盘点")
            # Every ten days the manager spends half of the donated cash left on
            # relief (no randomness: the rest of the demo stays as it was).
            if offset % 10 == 9:
                left = sv.funds.balance(manager).left_fen // 2 // 1000 * 1000
                if left:
                    clock.not_before(day, 18, 30)
                    kind, purpose = FUND_USES[(offset // 10) % len(FUND_USES)]
                    sv.funds.record_use(manager, used_on=day.date(), amount_fen=left, kind=kind, purpose=purpose,
                                        voucher=f"PZ{day:%Y%m%d}")
            # The cooperative's 扶贫 goods arrive, are restocked and go back unsold, after hours.
            consigned.day(offset, days, day.date())
        # A receipt printed with a mistake is voided and issued again.
        issued = [(d.number, d.receipt_number) for d in sv.intake.donations(STORE_SETUP) if d.receipt_number]
        if issued:
            number, receipt_number = issued[0]
            clock.tick(rng, 5, 20)
            sv.receipts.void(manager, receipt_number, "捐赠人名称有误")
            sv.receipts.print_receipt(manager, number, reissue=True)
        # The manager marks down what is within a week of its date (临期降价).
        near.mark_down(manager)
        # One item taken off sale, as stores do with recalled goods.
        clock.tick(rng, 10, 30)
        gone = sv.catalog.get(items[-1].id)
        sv.catalog.update_item(manager, gone.id, replace(gone.draft(), active=False))
        # The evening's stock count of grain and oil, two tills scanning; the next one under way.
        clock.not_before(first_day + timedelta(days=days), 19)
        count_demo(sv, manager, cashier, clock.tick, seed + 15)
        # The district's stores, a transfer from its warehouse waiting, and one sent to a neighbour (no randomness).
        clock.tick(rng, 5, 20)
        from charity_pos.demo.transfers import district_and_transfers

        district_and_transfers(sv, manager, clock())
        # The district's winter campaign, and the first households collecting its package (no randomness).
        from charity_pos.demo.campaign import winter_campaign

        campaign = winter_campaign(sv, cashier, registered, clock, seed + 16, clock.tick)
        with db.read() as s:
            events = s.scalar(select(func.count(JournalEvent.seq))) or 0
            sales = s.scalar(select(func.count(Sale.id)).where(Sale.status == "completed")) or 0
            returns = s.scalar(select(func.count(SaleReturn.id))) or 0
        _synced(db)
        return DemoSummary(items=len(items) + len(consigned.co_op_goods), donations=len(sv.intake.donations(STORE_SETUP)),
                           donors=len(sv.donors.donors()), households=len(sv.households.households()),
                           events=events, sales=sales, returns=returns,
                           shifts=till.tally.shifts, handouts=relief.tally.handouts + len(campaign.collected),
                           overrides=relief.tally.approved + relief.tally.warned,
                           refused_cards=sum(relief.tally.refused.values()))
    finally:
        sv.close()
