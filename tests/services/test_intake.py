"""Taking in donations: one transaction, gap-free numbers, a lot per line,
food dates, cash, and the refusals a cashier meets.

The donations' list as the donations screen reads it: newest first, in
plain SQL, searched by the service (any part of the donation's number or
its receipt's, the donor's name or its pinyin), for whoever takes
donations in and for no account switched off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from charity_pos.errors import ExpiredGoods, InvalidInput, NotFound, SessionEnded
from charity_pos.services.catalog import Source
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.intake import CashMethod, Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.base import COMMAND_LINE

TODAY = date(2026, 3, 10)  # the clock fixture's day in Shanghai


@pytest.fixture
def goods(make_item):
    rice = make_item("东北大米 5kg", barcode="6901234567892", source=Source.DONATED)
    coat = make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500, reference=12000,
                     source=Source.DONATED)
    return rice, coat


@pytest.fixture
def company(services, cashier):
    changes = services.donors.create(cashier, DonorDraft(DonorKind.COMPANY, "上海梅林正广和股份有限公司",
                                                         credit_code="91310000132200821H", wishes="给独居老人"))
    return changes.ids[0]


def _rice_line(rice, quantity=10, days=300, value=3000):
    return IntakeLine(rice.id, quantity, Condition.NEW, Valuation.INVOICE, value, TODAY + timedelta(days=days))


def test_donation_is_numbered_stocked_and_valued(services, cashier, goods, company, events) -> None:
    rice, coat = goods
    before = events(services)
    changes = services.intake.receive(cashier, IntakeDraft(company, (
        _rice_line(rice), IntakeLine(coat.id, 3, Condition.AS_NEW, Valuation.UNVALUED, None)), 50000, CashMethod.WECHAT))
    assert changes.number == "PT01-2026-D000001"
    assert events(services) == before + 1
    row = services.intake.donations(COMMAND_LINE)[0]
    assert (row.lines, row.units, row.cash_fen, row.total_value_fen) == (2, 13, 50000, 30000 + 50000)
    assert row.donor_name == "上海梅林正广和股份有限公司" and row.wants_receipt
    lots = {lot.name: lot for lot in services.stock.lots()}
    assert lots["东北大米 5kg"].barcode == "6901234567892" and not lots["东北大米 5kg"].lot_code
    assert lots["男式羊毛衫 L码"].lot_code and lots["男式羊毛衫 L码"].barcode.startswith("22")
    assert services.stock.on_hand(coat.id) == 3


def test_numbers_stay_gap_free_after_refused_donations(services, cashier, goods) -> None:
    rice, coat = goods
    first = services.intake.receive(cashier, IntakeDraft(None, (_rice_line(rice),)))
    with pytest.raises(ExpiredGoods):
        services.intake.receive(cashier, IntakeDraft(None, (
            IntakeLine(coat.id, 1, Condition.NEW, Valuation.UNVALUED, None), _rice_line(rice, days=-1))))
    with pytest.raises(InvalidInput):
        services.intake.receive(cashier, IntakeDraft(None, (IntakeLine(coat.id, 0),)))
    second = services.intake.receive(cashier, IntakeDraft(None, (_rice_line(rice),)))
    assert (first.number, second.number) == ("PT01-2026-D000001", "PT01-2026-D000002")
    assert services.stock.on_hand(coat.id) == 0, "a refused donation puts nothing on the shelf"


def test_short_shelf_life_is_taken_with_a_warning(services, cashier, goods) -> None:
    rice, _ = goods
    changes = services.intake.receive(cashier, IntakeDraft(None, (_rice_line(rice, days=90),)))
    assert changes.warnings == ("short_shelf_life",)
    assert services.intake.receive(cashier, IntakeDraft(None, (_rice_line(rice, days=200),))).warnings == ()


@pytest.mark.parametrize(
    ("line", "field", "reason"),
    [
        (dict(quantity=0), "quantity", "zero"),
        (dict(quantity=-2), "quantity", "negative"),
        (dict(unit_value_fen=None), "unit_value", "empty"),
        (dict(unit_value_fen=-5), "unit_value", "negative"),
        (dict(expiry_date=None), "expiry_date", "food_needs_date"),
        (dict(valuation=Valuation.UNVALUED), "unit_value", "unvalued_with_value"),
    ],
)
def test_bad_lines_are_refused_and_change_nothing(services, cashier, goods, events, line, field, reason) -> None:
    rice, _ = goods
    base = dict(item_id=rice.id, quantity=1, condition=Condition.NEW, valuation=Valuation.MARKET,
                unit_value_fen=3000, expiry_date=TODAY + timedelta(days=300))
    before = events(services)
    with pytest.raises(InvalidInput) as caught:
        services.intake.receive(cashier, IntakeDraft(None, (IntakeLine(**{**base, **line}),)))
    assert (caught.value.field, caught.value.reason) == (field, reason)
    assert events(services) == before and services.intake.donations(COMMAND_LINE) == []


def test_cash_needs_a_method_and_an_empty_donation_is_refused(services, cashier) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.intake.receive(cashier, IntakeDraft(None, (), 10000, None))
    assert caught.value.field == "cash_method"
    with pytest.raises(InvalidInput) as caught:
        services.intake.receive(cashier, IntakeDraft(None))
    assert caught.value.field == "lines"
    cash_only = services.intake.receive(cashier, IntakeDraft(None, (), 10000, CashMethod.CASH))
    assert services.intake.donations(COMMAND_LINE)[0].total_value_fen == 10000 and cash_only.number.endswith("D000001")


def test_unknown_donor_or_item_is_refused(services, cashier, goods) -> None:
    import uuid

    rice, _ = goods
    with pytest.raises(NotFound):
        services.intake.receive(cashier, IntakeDraft(uuid.uuid4(), (_rice_line(rice),)))
    with pytest.raises(NotFound):
        services.intake.receive(cashier, IntakeDraft(None, (IntakeLine(uuid.uuid4(), 1, valuation=Valuation.UNVALUED),)))


def test_a_donor_who_declines_a_receipt_is_recorded_as_such(services, cashier, goods) -> None:
    _, coat = goods
    donor = services.donors.create(cashier, DonorDraft(DonorKind.PERSON, "王建国", "13812345678",
                                                       declines_receipt=True)).ids[0]
    services.intake.receive(cashier, IntakeDraft(donor, (IntakeLine(coat.id, 1, valuation=Valuation.UNVALUED),)))
    assert services.intake.donations(COMMAND_LINE)[0].wants_receipt is False
    assert services.donors.donors()[0].phone_masked == "138****5678"


def test_donor_rules(services, cashier) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.donors.create(cashier, DonorDraft(DonorKind.COMPANY, "某公司", credit_code="91310000132200821J"))
    assert caught.value.reason == "credit_check"
    with pytest.raises(InvalidInput):
        services.donors.create(cashier, DonorDraft(DonorKind.PERSON, ""))
    anonymous = services.donors.create(cashier, DonorDraft(DonorKind.ANONYMOUS, "不该记下的名字", "13812345678"))
    row = next(d for d in services.donors.donors() if d.id == anonymous.ids[0])
    assert row.name == "" and row.phone_masked == "", "nothing personal is kept for an anonymous donor"


def test_stock_count_takes_missing_goods_from_the_oldest_lot(services, cashier, manager, goods, clock) -> None:
    rice, _ = goods
    services.intake.receive(cashier, IntakeDraft(None, (_rice_line(rice, quantity=5),)))
    clock.advance(days=1)
    services.intake.receive(cashier, IntakeDraft(None, (_rice_line(rice, quantity=4),)))
    services.stock.count(manager, {rice.id: 7}, reason="盘点")
    left = [lot.on_hand for lot in services.stock.lots(include_empty=True) if lot.item_id == rice.id]
    assert left == [3, 4]


# --- the donations' list (``intake.donations``) ----------------------------------------------------------
@pytest.fixture
def given(services, cashier, manager, make_item):
    """王建国's donation (its receipt issued), then 上海梅林's, then an anonymous one."""
    rice = make_item("东北大米 5kg", barcode="6901234567892")
    numbers = {}
    person = services.donors.create(cashier, DonorDraft(DonorKind.PERSON, "王建国", phone="13812345678")).ids[0]
    company = services.donors.create(cashier, DonorDraft(DonorKind.COMPANY, "上海梅林正广和股份有限公司",
                                                         credit_code="91310000132200821H")).ids[0]
    for name, donor in (("王建国", person), ("梅林", company), ("anonymous", None)):
        numbers[name] = services.intake.receive(cashier, IntakeDraft(donor, (
            IntakeLine(rice.id, 1, Condition.NEW, Valuation.MARKET, 3590, TODAY + timedelta(days=300)),))).number
    receipt = services.receipts.print_receipt(manager, numbers["王建国"], render=lambda _doc: None)
    numbers["receipt"] = receipt.document.receipt_number
    return numbers


def _found(services, actor, text: str, **options) -> list[str]:
    return [row.number for row in services.intake.donations(actor, text, **options)]


def test_the_whole_list_newest_first(services, cashier, given) -> None:
    assert _found(services, cashier, "") == [given["anonymous"], given["梅林"], given["王建国"]]
    assert _found(services, cashier, "  ") == _found(services, COMMAND_LINE, ""), "blank is no search; the command line too"
    assert _found(services, cashier, "", limit=1) == [given["anonymous"]]


@pytest.mark.parametrize(("typed", "who"), [
    ("wjg", "王建国"), ("wangjianguo", "王建国"), ("jianguo", "王建国"), ("建国", "王建国"), ("WJG", "王建国"),
    ("梅林", "梅林"), ("ml", "梅林"), ("shanghai meilin", "梅林"),
])
def test_a_donor_is_found_by_name_or_pinyin(services, cashier, given, typed, who) -> None:
    assert _found(services, cashier, typed) == [given[who]]


def test_a_donation_is_found_by_its_number_or_its_receipts(services, cashier, given) -> None:
    assert _found(services, cashier, given["梅林"][-7:].lower()) == [given["梅林"]]
    assert _found(services, cashier, given["receipt"]) == [given["王建国"]]
    assert _found(services, cashier, "zzz") == [], "nothing answers: nothing listed"


def test_anonymous_donations_only_when_the_screen_asks(services, cashier, given) -> None:
    assert _found(services, cashier, "匿名") == [], "no donor is called that"
    assert _found(services, cashier, "匿名", anonymous_too=True) == [given["anonymous"]]
    assert _found(services, cashier, "", anonymous_too=True) == _found(services, cashier, "")


def test_a_switched_off_account_lists_nothing(services, cashier, manager, given) -> None:
    services.accounts.set_active(manager, "cashier", False)
    with pytest.raises(SessionEnded):
        services.intake.donations(cashier)
    with pytest.raises(SessionEnded):
        services.intake.donations(cashier, "wjg")
    assert len(services.intake.donations(manager)) == 3, "the manager still lists them"
