"""Consigned goods (代销): the consignors' register (credit codes checked as
donors' are), their goods received as consigned lots (K) that sell like any
goods but are never donations, unsold goods returned (U, never more than is
left), and the monthly settlement: opening, received, sold x the agreed
price, returned, written off, closing. Managers only; refusals change
nothing and use no number; a lot edited behind the app's back to look
donated is caught by ``verify``."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select

from charity_pos import messages
from charity_pos.db.models import Consignor, Donation, JournalEvent, SaleLine, StockLot, StockMovement
from charity_pos.domain.identity import credit_check_char
from charity_pos.errors import (
    ConsignedShort, ConsignorNotFound, DuplicateName, InvalidInput, NotFound, PermissionDenied,
    SettlementMonthToCome,
)
from charity_pos.ledger.fates import check_identity
from charity_pos.ledger.verify import verify
from charity_pos.reports import figures
from charity_pos.reports.ledgers import sales as sales_ledger
from charity_pos.reports.period import month_bounds
from charity_pos.reports.table import Filters, StoreName
from charity_pos.services.base import Approval
from charity_pos.services.catalog import Source
from charity_pos.services.consignment import ConsignedLine, ConsignmentService, ConsignorDraft
from charity_pos.services.returns import ReturnDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

TILL = "1号收银台"


def credit(first17: str) -> str:
    return first17 + credit_check_char(first17)


#: 云南省普洱市某县的农民专业合作社 (93: a farmers' cooperative) and a second one
CO_OP = credit("93530821MA6N0QY1X")
WORKSHOP = credit("52310106MJ5012345")


def english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


@pytest.fixture
def shop(services, manager, cashier, make_item, clock) -> SimpleNamespace:
    """A consignor with coffee (consigned, 40 in at ¥18.00 owed each) and tea (food, dated), a till open."""
    consign = ConsignmentService(services.ctx, services.accounts)
    coffee = make_item("云南小粒咖啡豆 500g", category="other", unit="袋", price=3800, reference=4500,
                       source=Source.CONSIGNED)
    tea = make_item("普洱熟茶 357g", category="food", unit="饼", price=9800, reference=12000,
                    source=Source.CONSIGNED)
    rice = make_item("东北大米 5kg", barcode="6901234567892", price=3290)
    who = consign.add_consignor(manager, ConsignorDraft(
        "普洱市澜沧县扶贫农业专业合作社", CO_OP, contact="李华", phone="13812345678",
        bank="农业银行澜沧支行 6228480000000000", notes="对口帮扶"))
    clock.advance(minutes=5)
    received = consign.receive(manager, who.ids[0], [ConsignedLine(coffee.id, 40, 1800),
                                                    ConsignedLine(tea.id, 10, 7000, date(2028, 1, 1))])
    clock.advance(minutes=5)
    services.shifts.open(cashier, TILL, 20000)
    return SimpleNamespace(consign=consign, coffee=coffee, tea=tea, rice=rice, consignor=who.ids[0],
                           received=received)


def sell(services, actor, item, quantity: int) -> str:
    price = services.catalog.get(item.id).sale_price_fen
    draft = SaleDraft(uuid.uuid4(), TILL, (LineDraft(item.id, quantity),), (PaymentDraft("cash", price * quantity),))
    return services.sales.complete(actor, draft).number or ""


def count(services, model: Any) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def this_month(clock) -> tuple[date, date]:
    today = clock.at.date()
    return month_bounds(today.year, today.month)


# --- the register ---------------------------------------------------------------------------------------
def test_a_consignor_is_registered_with_a_checked_credit_code_and_listed(services, manager, shop) -> None:
    rows = shop.consign.consignors(manager)
    assert [(r.name, r.credit_code, r.contact, r.phone_masked, r.active) for r in rows] == [
        ("普洱市澜沧县扶贫农业专业合作社", CO_OP, "李华", "138****5678", True)]
    assert shop.consign.consignor(manager, CO_OP.lower()).name == rows[0].name
    assert shop.consign.consignor(manager, " 普洱市澜沧县扶贫农业专业合作社 ").id == rows[0].id


@pytest.mark.parametrize(("draft", "reason"), [
    (ConsignorDraft("", CO_OP), "empty"),
    (ConsignorDraft("合作社", ""), "empty"),
    (ConsignorDraft("合作社", CO_OP[:17] + ("1" if CO_OP[17] != "1" else "2")), "credit_check"),
    (ConsignorDraft("合作社", "12345"), "credit_format"),
    (ConsignorDraft("合作社", WORKSHOP, phone="12"), "phone"),
    (ConsignorDraft("合" * 101, WORKSHOP), "too_long"),
])
def test_a_bad_consignor_is_refused_and_nothing_is_kept(services, manager, events, draft, reason) -> None:
    consign = ConsignmentService(services.ctx, services.accounts)
    before = events(services)
    with pytest.raises(InvalidInput) as caught:
        consign.add_consignor(manager, draft)
    assert caught.value.reason == reason
    assert events(services) == before and count(services, Consignor) == 0


def test_a_name_or_credit_code_is_taken_once(services, manager, shop) -> None:
    with pytest.raises(DuplicateName):
        shop.consign.add_consignor(manager, ConsignorDraft("普洱市澜沧县扶贫农业专业合作社", WORKSHOP))
    with pytest.raises(DuplicateName):
        shop.consign.add_consignor(manager, ConsignorDraft("阳光之家", CO_OP))
    assert count(services, Consignor) == 1


def test_a_cashier_may_not_keep_consignors_or_receive_return_or_settle(services, cashier, shop, events) -> None:
    before = events(services)
    for call in (lambda: shop.consign.add_consignor(cashier, ConsignorDraft("阳光之家", WORKSHOP)),
                 lambda: shop.consign.consignors(cashier),
                 lambda: shop.consign.receive(cashier, shop.consignor, [ConsignedLine(shop.coffee.id, 1, 100)]),
                 lambda: shop.consign.return_goods(cashier, shop.consignor, {shop.coffee.id: 1}, "滞销"),
                 lambda: shop.consign.settlement(cashier, shop.consignor, (date(2026, 3, 1), date(2026, 3, 31)))):
        with pytest.raises(PermissionDenied):
            call()
    assert events(services) == before


# --- goods in -------------------------------------------------------------------------------------------
def test_received_goods_are_consigned_lots_of_the_consignor_never_donations(services, shop) -> None:
    assert shop.received.number.startswith("PT01-2026-K")
    with services.db.read() as s:
        lots = s.execute(select(StockLot.origin, StockLot.consignor_id, StockLot.settlement_price_fen,
                                StockLot.quantity_received, StockLot.donation_line_id, StockLot.barcode)
                         .order_by(StockLot.quantity_received)).all()
        reasons = set(s.scalars(select(StockMovement.reason)))
    assert [(o, c, p, q, d) for o, c, p, q, d, _ in lots] == [
        ("consignment", shop.consignor, 7000, 10, None), ("consignment", shop.consignor, 1800, 40, None)]
    assert reasons == {"consignment"}
    assert count(services, Donation) == 0
    assert services.stock.on_hand(shop.coffee.id) == 40


@pytest.mark.parametrize(("line", "field", "reason"), [
    (lambda s: ConsignedLine(s.coffee.id, 0, 1800), "quantity", "zero"),
    (lambda s: ConsignedLine(s.coffee.id, -3, 1800), "quantity", "negative"),
    (lambda s: ConsignedLine(s.coffee.id, 3, 0), "settlement_price", "zero"),
    (lambda s: ConsignedLine(s.coffee.id, 3, -100), "settlement_price", "negative"),
    (lambda s: ConsignedLine(s.rice.id, 3, 1000), "source", "not_consigned"),
    (lambda s: ConsignedLine(s.tea.id, 3, 1000), "expiry_date", "food_needs_date"),
])
def test_bad_lines_are_refused_and_use_no_number(services, manager, shop, events, line, field, reason) -> None:
    before = events(services), count(services, StockLot)
    with pytest.raises(InvalidInput) as caught:
        shop.consign.receive(manager, shop.consignor, [line(shop)])
    assert (caught.value.field, caught.value.reason) == (field, reason)
    assert (events(services), count(services, StockLot)) == before
    again = shop.consign.receive(manager, shop.consignor, [ConsignedLine(shop.coffee.id, 1, 1800)])
    assert again.number == "PT01-2026-K000002", "the refused document burnt no number"


def test_consigned_goods_never_come_in_as_a_purchase(services, manager, shop, events) -> None:
    before = events(services)
    with pytest.raises(InvalidInput) as caught:
        services.stock.receive(manager, {shop.rice.id: 3, shop.coffee.id: 5})
    assert caught.value.reason == "consigned_goods_in"
    assert "consigned goods screen" in english(caught.value) and events(services) == before
    services.stock.receive(manager, {shop.rice.id: 3})


def test_an_unknown_consignor_or_item_is_refused(services, manager, shop) -> None:
    with pytest.raises(ConsignorNotFound) as caught:
        shop.consign.receive(manager, "不存在的合作社", [ConsignedLine(shop.coffee.id, 1, 100)])
    assert "不存在的合作社" in english(caught.value)
    with pytest.raises(NotFound):
        shop.consign.receive(manager, shop.consignor, [ConsignedLine(uuid.uuid4(), 1, 100)])


def test_a_switched_off_consignor_sends_no_more_goods(services, manager, shop) -> None:
    shop.consign.update_consignor(manager, shop.consignor, ConsignorDraft("普洱市澜沧县扶贫农业专业合作社", CO_OP),
                                  active=False)
    with pytest.raises(InvalidInput) as caught:
        shop.consign.receive(manager, shop.consignor, [ConsignedLine(shop.coffee.id, 1, 100)])
    assert caught.value.reason == "consignor_inactive"


# --- sold like any goods, never a donation ------------------------------------------------------------
def test_consigned_goods_sell_and_their_income_is_the_consignors(services, cashier, shop, clock) -> None:
    sell(services, cashier, shop.coffee, 3)
    with services.db.read() as s:
        assert set(s.scalars(select(SaleLine.source))) == {"consigned"}
        today = clock.at.date()
        report = sales_ledger.build(s, Filters(today, today), StoreName("静安店", "PT01"))
        found = figures.figures(s, today, today)
    by_day = report.section("by_day")
    assert by_day.values("consigned_income") == [3 * 3800] and by_day.values("own_income") == [0]
    assert (found.donations, found.goods_units, found.goods_value_fen) == (0, 0, 0), "never donation figures"


def test_the_overview_and_the_public_notice_say_what_of_the_sales_is_the_consignors(
        services, manager, cashier, shop, make_item, clock) -> None:
    from charity_pos.reports import notice, overview
    from charity_pos.reports.notice import blocks

    rice = shop.rice
    services.stock.receive(manager, {rice.id: 5})
    coffee = sell(services, cashier, shop.coffee, 2)
    sell(services, cashier, rice, 1)
    services.returns.create(manager, ReturnDraft(coffee, TILL, {services.sales.sale(coffee).lines[0].id: 1}, "退货"),
                            Approval("manager", "9999", "顾客退货"))
    today = clock.at.date()
    with services.db.read() as s:
        seen = overview.overview(s, today, overview.Drawer((), (), 0))
        paper = notice.build(s, date(2026, 3, 1), date(2026, 3, 31))
    assert (seen.day_consigned_fen, seen.month_consigned_fen) == (3800, 3800)
    assert seen.day.sales_income_fen == 2 * 3800 + 3290 - 3800, "inside the sales income, never a donation"
    text = "".join(line for block in blocks(paper) for line in block.lines)
    assert "其中代销商品收入 ¥38.00，归委托方所有" in text


# --- returning unsold goods ----------------------------------------------------------------------------
def test_unsold_goods_go_back_and_never_more_than_is_left(services, manager, cashier, shop, events) -> None:
    sell(services, cashier, shop.coffee, 5)
    back = shop.consign.return_goods(manager, shop.consignor, {shop.coffee.id: 30}, "滞销退回")
    assert back.number == "PT01-2026-U000001"
    assert services.stock.on_hand(shop.coffee.id) == 5
    held = {h.item_name: h.left for h in shop.consign.held(manager, shop.consignor)}
    assert held == {"云南小粒咖啡豆 500g": 5, "普洱熟茶 357g": 10}
    before = events(services)
    with pytest.raises(ConsignedShort) as caught:
        shop.consign.return_goods(manager, shop.consignor, {shop.coffee.id: 6}, "滞销")
    assert (caught.value.wanted, caught.value.left) == (6, 5)
    assert "Only 5 of “云南小粒咖啡豆 500g”" in english(caught.value)
    with pytest.raises(InvalidInput):
        shop.consign.return_goods(manager, shop.consignor, {shop.coffee.id: 1}, "  ")
    with pytest.raises(InvalidInput):
        shop.consign.return_goods(manager, shop.consignor, {shop.coffee.id: 0}, "滞销")
    assert events(services) == before
    assert check_identity_clean(services)


def test_another_consignors_goods_are_not_returned(services, manager, shop) -> None:
    other = shop.consign.add_consignor(manager, ConsignorDraft("静安区阳光之家", WORKSHOP)).ids[0]
    with pytest.raises(ConsignedShort) as caught:
        shop.consign.return_goods(manager, other, {shop.coffee.id: 1}, "错发")
    assert caught.value.left == 0


def check_identity_clean(services) -> bool:
    with services.db.read() as s:
        return check_identity(s) == []


# --- the settlement ----------------------------------------------------------------------------------
def test_the_settlement_adds_up_month_by_month(services, manager, cashier, shop, clock) -> None:
    march = (date(2026, 3, 1), date(2026, 3, 31))
    first = sell(services, cashier, shop.coffee, 4)
    sell(services, cashier, shop.tea, 1)
    services.returns.create(manager, ReturnDraft(first, TILL, {services.sales.sale(first).lines[0].id: 1}, "退货"),
                            Approval("manager", "9999", "顾客退货"))
    shop.consign.return_goods(manager, shop.consignor, {shop.tea.id: 2}, "临期退回")
    services.stock.count(manager, {shop.coffee.id: 35}, "月末盘点")  # 37 on the books: 2 missing
    found = shop.consign.settlement(manager, CO_OP, march)
    lines = {line.item_name: line for line in found.lines}
    coffee, tea = lines["云南小粒咖啡豆 500g"], lines["普洱熟茶 357g"]
    assert (coffee.opening, coffee.received, coffee.sold, coffee.returned, coffee.other_out, coffee.closing) == (
        0, 40, 3, 0, 2, 35)
    assert (tea.opening, tea.received, tea.sold, tea.returned, tea.other_out, tea.closing) == (0, 10, 1, 2, 0, 7)
    assert found.owed_fen == 3 * 1800 + 1 * 7000
    assert sorted((d.kind, d.quantity, d.number[-7:]) for d in found.documents) == [
        ("received", 10, "K000001"), ("received", 40, "K000001"), ("returned", 2, "U000001")]

    clock.advance(days=31)  # April: March's closing is April's opening
    sell(services, cashier, shop.coffee, 5)
    april = shop.consign.settlement(manager, shop.consignor, (date(2026, 4, 1), date(2026, 4, 30)))
    coffee = {line.item_name: line for line in april.lines}["云南小粒咖啡豆 500g"]
    assert (coffee.opening, coffee.received, coffee.sold, coffee.closing) == (35, 0, 5, 30)
    assert april.owed_fen == 5 * 1800 and april.documents == ()
    assert check_identity_clean(services)


def test_a_month_to_come_or_an_unknown_consignor_is_refused(services, manager, shop) -> None:
    with pytest.raises(SettlementMonthToCome) as caught:
        shop.consign.settlement(manager, shop.consignor, (date(2026, 4, 1), date(2026, 4, 30)))
    assert "2026-04 has not begun" in english(caught.value)
    with pytest.raises(ConsignorNotFound):
        shop.consign.settlement(manager, "nobody", (date(2026, 3, 1), date(2026, 3, 31)))


# --- verify and the journal ----------------------------------------------------------------------------
def test_the_store_verifies_and_each_change_is_one_event(services, manager, cashier, shop) -> None:
    sell(services, cashier, shop.coffee, 2)
    shop.consign.return_goods(manager, shop.consignor, {shop.coffee.id: 3}, "滞销")
    with services.db.read() as s:
        kinds = [k for k in s.scalars(select(JournalEvent.kind).order_by(JournalEvent.seq))
                 if k.startswith("consign")]
    assert kinds == ["consignor.registered", "consignment.received", "consignment.returned"]
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


@pytest.mark.parametrize("edit", [
    "UPDATE stock_lot SET origin = 'donation', consignor_id = NULL, settlement_price_fen = NULL"
    " WHERE origin = 'consignment'",
    "UPDATE stock_lot SET settlement_price_fen = 1 WHERE origin = 'consignment'",
    "UPDATE stock_movement SET reason = 'writeoff' WHERE reason = 'consignment_return'",
], ids=["made-to-look-donated", "cheaper-settlement-price", "return-as-write-off"])
def test_a_consigned_lot_edited_behind_the_apps_back_is_caught(services, manager, shop, store_path, edit) -> None:
    shop.consign.return_goods(manager, shop.consignor, {shop.coffee.id: 1}, "滞销")
    services.db.close()
    with closing(sqlite3.connect(store_path)) as conn:
        conn.execute(edit)
        conn.commit()
    from charity_pos.services.store_file import open_store

    db = open_store(store_path)
    try:
        with db.engine.connect() as conn:
            report = verify(conn)
    finally:
        db.close()
    assert not report.ok
    assert report.problem is not None and report.problem.table in ("stock_lot", "stock_movement")
