"""Stock counts as a session (盘点), as the manager, the volunteers at the
tills and the district's inspector see them: a count is numbered (C) and
covers all goods, a category or a shelf; entries from several tills add up;
a recount replaces an item's earlier entries; differences over the threshold
need a recount or a manager's reason; the finish changes only what was
counted, by the difference against the books at the moment each item was
counted, so sales during the count are not shortages; a cancelled count
changes nothing; and the file still verifies, or names an entry edited
after the finish."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select

from charity_pos import messages
from charity_pos.db.models import JournalEvent, StockCountEntry, StockLot, StockMovement
from charity_pos.errors import (
    CountNotOpen, CountOverlaps, CountUnsettled, InvalidInput, NotFound, OutsideCount, PermissionDenied,
    UnknownBarcode,
)
from charity_pos.ledger.verify import verify
from charity_pos.services.base import COMMAND_LINE, Actor
from charity_pos.services.counter_rules import CounterRules
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.services.stock_count import CountService
from charity_pos.services.store_file import open_store

RICE_CODE = "6901234567892"
TILL = "1号收银台"


def english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


def counts(services: Services) -> CountService:
    return CountService(services.ctx, services.accounts)


@pytest.fixture
def shop(services: Services, manager: Actor, make_item: Callable[..., Any], clock) -> SimpleNamespace:
    """Rice (A-01, ¥32.90), oil (A-02), soap (B-01, daily goods) and a sweater with no shelf,
    received 20, 12, 30 and 4; the counting service."""
    rice = make_item("东北大米 5kg", barcode=RICE_CODE, price=3290)
    oil = make_item("金龙鱼调和油 1.8L", unit="桶", price=2590)
    soap = make_item("上海药皂 125g", category="daily", unit="块", price=350)
    sweater = make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500)
    for item, shelf in ((rice, "a-01"), (oil, "A-02"), (soap, "B-01")):
        services.catalog.update_item(manager, item.id, replace(item.draft(), location=shelf))
    services.stock.receive(manager, {rice.id: 20, oil.id: 12, soap.id: 30, sweater.id: 4})
    clock.advance(minutes=5)
    return SimpleNamespace(rice=rice, oil=oil, soap=soap, sweater=sweater, counts=counts(services))


def on_hand(services: Services, item: Any) -> int:
    return services.stock.on_hand(item.id)


def sell(services: Services, cashier: Actor, item: Any, quantity: int) -> None:
    services.sales.complete(cashier, SaleDraft(uuid.uuid4(), TILL, (LineDraft(item.id, quantity),),
                                               (PaymentDraft("cash", item.sale_price_fen * quantity),), 0, None))


def check(services: Services) -> None:
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


def line_of(services: Services, number: str, item: Any) -> Any:
    return next(line for line in counts(services).variance(number).lines if line.item_id == item.id)


# --- starting ---------------------------------------------------------------------------
def test_a_manager_starts_a_numbered_count_and_the_item_keeps_its_shelf(services, manager, shop) -> None:
    assert services.catalog.get(shop.rice.id).location == "A-01", "shelves are kept in capitals"
    started = shop.counts.start(manager, "location", location=" a-01 ")
    assert started.number == "PT01-2026-C000001"
    row = shop.counts.get(started.number)
    assert (row.scope, row.location, row.status, row.opened_by) == ("location", "A-01", "open", "manager")
    check(services)


def test_a_cashier_may_not_start_finish_or_cancel_a_count(services, manager, cashier, shop) -> None:
    with pytest.raises(PermissionDenied):
        shop.counts.start(cashier, "all")
    number = shop.counts.start(manager, "all").number
    shop.counts.scan(cashier, number, RICE_CODE, till=TILL)
    with pytest.raises(PermissionDenied):
        shop.counts.finish(cashier, number)
    with pytest.raises(PermissionDenied):
        shop.counts.cancel(cashier, number, "算了")
    assert shop.counts.get(number).status == "open"


def test_counts_over_the_same_goods_may_not_be_open_at_once(manager, shop) -> None:
    grain = shop.counts.start(manager, "category", category_code="grain_oil").number
    with pytest.raises(CountOverlaps) as refused:
        shop.counts.start(manager, "all")
    assert refused.value.number == grain
    assert "PT01-2026-C000001" in english(refused.value)
    with pytest.raises(CountOverlaps):
        shop.counts.start(manager, "location", location="A-02")  # oil is grain and oil, on A-02
    shop.counts.start(manager, "location", location="B-01")  # soap: daily goods, no overlap
    shop.counts.start(manager, "category", category_code="clothing")


def test_a_shelf_no_goods_stand_on_or_an_unknown_category_is_refused(manager, shop) -> None:
    with pytest.raises(InvalidInput) as empty:
        shop.counts.start(manager, "location", location="Z-99")
    assert empty.value.reason == "no_goods"
    with pytest.raises(InvalidInput):
        shop.counts.start(manager, "category", category_code="nonsense")
    with pytest.raises(InvalidInput):
        shop.counts.start(manager, "shelf")
    assert shop.counts.counts() == []


# --- entering ----------------------------------------------------------------------------
def test_a_scan_adds_one_and_a_prefix_adds_that_many(services, cashier, manager, shop) -> None:
    number = shop.counts.start(manager, "all").number
    assert shop.counts.scan(cashier, number, RICE_CODE, till=TILL).counted == 1
    assert shop.counts.scan(cashier, number, f"12*{RICE_CODE}", till=TILL).counted == 13
    entered = shop.counts.scan(cashier, number, f"6×{RICE_CODE}", till="2号收银台")
    assert (entered.item_name, entered.quantity, entered.counted) == ("东北大米 5kg", 6, 19)
    line = line_of(services, number, shop.rice)
    assert (line.counted, line.expected, line.difference, line.entries, line.tills) == (
        19, 20, -1, 3, (TILL, "2号收银台"))


@pytest.mark.parametrize("text, reason", [("0*" + RICE_CODE, "zero"), ("-3*" + RICE_CODE, "negative"),
                                          ("99999999*" + RICE_CODE, "too_large"), ("10001*" + RICE_CODE, "too_large"),
                                          ("3*", "empty")])
def test_a_quantity_of_nothing_below_nothing_or_absurd_is_refused(services, cashier, manager, shop, text,
                                                                 reason) -> None:
    number = shop.counts.start(manager, "all").number
    before = services.db.engine.connect().execute(select(func.count(StockCountEntry.id))).scalar()
    with pytest.raises(InvalidInput) as refused:
        shop.counts.scan(cashier, number, text, till=TILL)
    assert refused.value.reason == reason
    assert english(refused.value)
    with services.db.read() as s:
        assert s.scalar(select(func.count(StockCountEntry.id))) == before == 0


def test_an_unknown_barcode_or_goods_outside_the_count_are_refused(cashier, manager, shop) -> None:
    number = shop.counts.start(manager, "location", location="A-01").number
    with pytest.raises(UnknownBarcode):
        shop.counts.scan(cashier, number, "6900000000007", till=TILL)
    with pytest.raises(OutsideCount) as outside:
        shop.counts.add(cashier, number, shop.oil.id, 2, till=TILL)
    assert "A-02" in english(outside.value) and "金龙鱼调和油" in english(outside.value)
    assert shop.counts.variance(number).lines == ()


def test_the_same_item_at_two_tills_is_summed_and_a_recount_replaces_it(services, cashier, manager, shop) -> None:
    number = shop.counts.start(manager, "all").number
    shop.counts.add(cashier, number, shop.oil.id, 5, till=TILL)
    shop.counts.add(manager, number, shop.oil.id, 4, till="2号收银台")
    assert line_of(services, number, shop.oil).counted == 9
    shop.counts.recount(cashier, number, shop.oil.id)
    marked = line_of(services, number, shop.oil)
    assert marked.recount_pending and (marked.earlier, marked.round) == (9, 2)
    with pytest.raises(InvalidInput):
        shop.counts.recount(cashier, number, shop.oil.id)  # marked already, nothing new to replace
    shop.counts.add(cashier, number, shop.oil.id, 11, till=TILL)
    again = line_of(services, number, shop.oil)
    assert (again.counted, again.earlier, again.difference, again.recount_pending) == (11, 9, -1, False)


def test_none_on_the_shelf_is_a_count_of_zero(services, cashier, manager, shop) -> None:
    number = shop.counts.start(manager, "all").number
    shop.counts.none_found(cashier, number, shop.sweater.id, till=TILL)
    line = line_of(services, number, shop.sweater)
    assert (line.counted, line.expected, line.difference, line.value_fen) == (0, 4, -4, -4 * 2500)


# --- the variance report and settling -----------------------------------------------------
def test_differences_over_the_threshold_need_a_recount_or_a_reason(services, cashier, manager, shop) -> None:
    services.counter_rules.set_rules(manager, CounterRules(count_threshold_units=2, count_threshold_fen=5000))
    number = shop.counts.start(manager, "all").number
    shop.counts.add(cashier, number, shop.rice.id, 17, till=TILL)  # 3 short: over 2 units
    shop.counts.add(cashier, number, shop.soap.id, 29, till=TILL)  # 1 short, ¥3.50: within
    shop.counts.add(cashier, number, shop.oil.id, 10, till=TILL)  # 2 short, ¥51.80: over the value
    report = shop.counts.variance(number)
    by_name = {line.name: line for line in report.lines}
    assert [(by_name[n].over, by_name[n].settled) for n in ("东北大米 5kg", "上海药皂 125g", "金龙鱼调和油 1.8L")] == [
        (True, False), (False, True), (True, False)]
    assert by_name["东北大米 5kg"].value_fen == -3 * 3290
    assert report.unsettled == 2 and report.missing_fen == 3 * 3290 + 350 + 2 * 2590
    with pytest.raises(CountUnsettled) as refused:
        shop.counts.finish(manager, number)
    assert (refused.value.reason, refused.value.items) == ("unexplained", 2)
    assert on_hand(services, shop.rice) == 20, "nothing moved"
    shop.counts.explain(manager, number, shop.rice.id, "鼠咬破袋，已清理")
    with pytest.raises(PermissionDenied):
        shop.counts.explain(cashier, number, shop.oil.id, "不知道")
    shop.counts.recount(cashier, number, shop.oil.id)
    with pytest.raises(CountUnsettled) as pending:
        shop.counts.finish(manager, number)
    assert pending.value.reason == "recount"
    shop.counts.add(cashier, number, shop.oil.id, 10, till=TILL)  # the second count says the same
    shop.counts.finish(manager, number)
    assert [on_hand(services, i) for i in (shop.rice, shop.soap, shop.oil)] == [17, 29, 10]


def test_finishing_changes_only_what_was_counted(services, cashier, manager, shop, clock) -> None:
    """The food-bank bug: a count that zeroes what nobody counted."""
    number = shop.counts.start(manager, "all").number
    shop.counts.add(cashier, number, shop.rice.id, 21, till=TILL)  # one bag found
    shop.counts.add(cashier, number, shop.soap.id, 28, till=TILL)  # two missing
    clock.advance(minutes=30)
    changes = shop.counts.finish(manager, number)
    assert changes.number == number and set(changes.ids) == {shop.rice.id, shop.soap.id}
    assert [on_hand(services, i) for i in (shop.rice, shop.soap, shop.oil, shop.sweater)] == [21, 28, 12, 4]
    with services.db.read() as s:
        moved = sorted((m.quantity, m.reason) for m in s.scalars(
            select(StockMovement).where(StockMovement.document == number)))
        found = s.scalars(select(StockLot).where(StockLot.document == number)).one()
        kinds = [e.kind for e in s.scalars(select(JournalEvent).where(JournalEvent.seq == changes.event_seq))]
    assert moved == [(-2, "count"), (1, "count")]
    assert (found.origin, found.quantity_received) == ("count", 1)
    assert kinds == ["count.finished"]
    assert shop.counts.get(number).status == "finished"
    check(services)


def test_a_sale_after_an_item_was_counted_is_no_shortage(services, cashier, manager, shop, clock) -> None:
    services.shifts.open(cashier, TILL, 10000)
    number = shop.counts.start(manager, "all").number
    shop.counts.add(cashier, number, shop.rice.id, 20, till=TILL)  # all there
    clock.advance(minutes=10)
    sell(services, cashier, shop.rice, 3)  # sold after it was counted, before the finish
    clock.advance(minutes=10)
    line = line_of(services, number, shop.rice)
    assert (line.counted, line.expected, line.difference) == (20, 20, 0)
    shop.counts.finish(manager, number)
    assert on_hand(services, shop.rice) == 17, "the sale stays; the count moved nothing"
    check(services)


def test_a_sale_before_an_item_was_counted_is_in_what_is_expected(services, cashier, manager, shop, clock) -> None:
    services.shifts.open(cashier, TILL, 10000)
    number = shop.counts.start(manager, "all").number
    sell(services, cashier, shop.oil, 2)  # during the count, before anyone reached the oil
    clock.advance(minutes=10)
    shop.counts.add(cashier, number, shop.oil.id, 9, till=TILL)  # 10 should be there: one missing
    clock.advance(minutes=10)
    sell(services, cashier, shop.oil, 1)  # and one more after it was counted
    line = line_of(services, number, shop.oil)
    assert (line.counted, line.expected, line.difference) == (9, 10, -1)
    shop.counts.finish(manager, number)
    assert on_hand(services, shop.oil) == 8, "12 - 2 sold - 1 missing - 1 sold"
    check(services)


def test_missing_goods_beyond_what_the_books_hold_go_below_zero_as_at_a_sale(services, cashier, manager,
                                                                             shop, clock) -> None:
    services.shifts.open(cashier, TILL, 10000)
    number = shop.counts.start(manager, "all").number
    shop.counts.add(cashier, number, shop.sweater.id, 1, till=TILL)  # 4 on the books: 3 missing
    sell(services, cashier, shop.sweater, 3)  # then three more sold than the shelf held
    shop.counts.explain(manager, number, shop.sweater.id, "登记错误")
    shop.counts.finish(manager, number)
    assert on_hand(services, shop.sweater) == -2
    check(services)


# --- cancelling, and a closed count -------------------------------------------------------
def test_a_cancelled_count_changes_no_stock_and_takes_nothing_more(services, cashier, manager, shop) -> None:
    number = shop.counts.start(manager, "all").number
    shop.counts.add(cashier, number, shop.rice.id, 3, till=TILL)
    with pytest.raises(InvalidInput):
        shop.counts.cancel(manager, number, "   ")
    shop.counts.cancel(manager, number, "停电，改日再盘")
    row = shop.counts.get(number)
    assert (row.status, row.note) == ("cancelled", "停电，改日再盘")
    assert on_hand(services, shop.rice) == 20
    for attempt in (lambda: shop.counts.scan(cashier, number, RICE_CODE, till=TILL),
                    lambda: shop.counts.finish(manager, number)):
        with pytest.raises(CountNotOpen) as closed:
            attempt()
        assert closed.value.status == "cancelled"
    assert shop.counts.start(manager, "all").number == "PT01-2026-C000002", "the next count may start"
    check(services)


def test_nothing_is_added_to_a_finished_count(services, cashier, manager, shop) -> None:
    number = shop.counts.start(manager, "all").number
    shop.counts.add(cashier, number, shop.rice.id, 20, till=TILL)
    shop.counts.finish(manager, number)
    with pytest.raises(CountNotOpen) as closed:
        shop.counts.scan(cashier, number, RICE_CODE, till=TILL)
    assert "PT01-2026-C000001" in english(closed.value)
    with pytest.raises(CountNotOpen):
        shop.counts.finish(manager, number)
    with pytest.raises(NotFound):
        shop.counts.scan(cashier, "PT01-2026-C000009", RICE_CODE, till=TILL)


def test_an_empty_count_does_not_finish(manager, shop) -> None:
    number = shop.counts.start(manager, "all").number
    with pytest.raises(CountUnsettled) as refused:
        shop.counts.finish(manager, number)
    assert refused.value.reason == "empty"


def test_the_command_line_counts_as_the_store_itself(services, shop) -> None:
    number = shop.counts.start(COMMAND_LINE, "all").number
    shop.counts.scan(COMMAND_LINE, number, f"20*{RICE_CODE}")
    shop.counts.scan(COMMAND_LINE, number, f"2*{RICE_CODE}")
    shop.counts.finish(COMMAND_LINE, number)
    assert on_hand(services, shop.rice) == 22
    check(services)


# --- two tills, and the inspector ----------------------------------------------------------
def test_two_tills_on_the_same_store_file_add_at_once(services, store_path, cashier, manager, shop, clock) -> None:
    number = shop.counts.start(manager, "all").number
    other = Services.for_db(open_store(store_path, lock=False), clock)  # a second till's own connections
    try:
        tills = [(counts(services), TILL), (counts(other), "2号收银台")]
        errors: list[BaseException] = []

        def scan_at(service: CountService, till: str) -> None:
            try:
                for _ in range(15):
                    service.scan(cashier, number, RICE_CODE, till=till)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=scan_at, args=pair) for pair in tills]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        line = line_of(services, number, shop.rice)
        assert (line.counted, line.entries, sorted(line.tills)) == (30, 30, sorted([TILL, "2号收银台"]))
    finally:
        other.close()
    check(services)


def test_an_entry_edited_after_the_finish_is_caught_by_verify(services, store_path, cashier, manager, shop) -> None:
    number = shop.counts.start(manager, "all").number
    shop.counts.add(cashier, number, shop.rice.id, 18, till=TILL)
    shop.counts.explain(manager, number, shop.rice.id, "破袋报废未登记")
    shop.counts.finish(manager, number)
    services.db.close()
    with sqlite3.connect(store_path) as conn:
        conn.execute("UPDATE stock_count_entry SET quantity = 20")
    conn.close()
    from charity_pos.db.plain import read_store

    with read_store(store_path) as raw:
        report = verify(raw)
    assert not report.ok
    assert (report.problem.kind, report.problem.table, report.problem.column) == ("value", "stock_count_entry",
                                                                                 "quantity")


def test_the_one_step_count_leaves_goods_under_an_open_count_alone(services, manager, shop) -> None:
    """Else that count's finish would move the same difference a second time."""
    number = shop.counts.start(manager, "location", location="A-01").number
    with pytest.raises(CountOverlaps) as refused:
        services.stock.count(manager, {shop.rice.id: 18}, "周盘点")
    assert refused.value.number == number
    services.stock.count(manager, {shop.oil.id: 11}, "周盘点")  # not on A-01: counted as before
    assert (on_hand(services, shop.rice), on_hand(services, shop.oil)) == (20, 11)
