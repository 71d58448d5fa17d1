"""The catalog: barcodes checked and unique, prices in whole fen, price
changes a manager's (or approved by one) and journaled, search by name,
barcode and pinyin, and in-store codes for goods without a maker's barcode."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from charity_pos import messages
from charity_pos.db.models import JournalEvent, Sale
from charity_pos.domain import barcodes
from charity_pos.errors import (
    ApprovalRequired,
    DuplicateBarcode,
    InvalidBarcode,
    InvalidInput,
    NotFound,
    UnknownBarcode,
)
from charity_pos.services.base import Approval
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

MANAGER_PIN = "9999"  # as tests/conftest.py makes it
RICE_CODE = "6901234567892"  # a valid EAN-13


def english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


def draft(name: str = "东北大米 5kg", price: int = 3290, barcode: str | None = None, **more: object) -> ItemDraft:
    return ItemDraft(name, str(more.pop("category", "grain_oil")), str(more.pop("unit", "袋")), price,
                     more.pop("reference", None), barcode, more.pop("source", Source.PURCHASED))  # type: ignore[arg-type]


def event_payload(services, seq: int) -> dict:  # type: ignore[no-untyped-def, type-arg]
    with services.db.read() as s:
        event = s.scalars(select(JournalEvent).where(JournalEvent.seq == seq)).one()
        return {"kind": event.kind, "actor": event.actor, **json.loads(event.payload)}


# --- barcodes --------------------------------------------------------------------
def test_an_item_with_a_valid_ean13_is_created_and_journaled(services, manager, events) -> None:
    before = events(services)
    changes = services.catalog.create_item(manager, draft(barcode=RICE_CODE, reference=3590))
    assert events(services) == before + 1 and changes.event_seq == before + 1
    item = services.catalog.get(changes.ids[0])
    assert (item.name, item.barcode, item.sale_price_fen, item.reference_price_fen, item.category_name, item.on_hand) \
        == ("东北大米 5kg", RICE_CODE, 3290, 3590, "粮油", 0)
    payload = event_payload(services, changes.event_seq)
    assert payload["kind"] == "item.created" and payload["actor"] == str(manager.user_id)
    row = next(c["row"] for c in payload["changes"] if c["table"] == "item")
    assert (row["barcode"], row["sale_price_fen"]) == (RICE_CODE, 3290)


@pytest.mark.parametrize("code", ["96385074", "036000291452", "4006381333931"])  # EAN-8, UPC-A, EAN-13
def test_ean8_and_upca_are_accepted_too(services, manager, code) -> None:
    item_id = services.catalog.create_item(manager, draft(barcode=code)).ids[0]
    assert services.catalog.get(item_id).barcode == code


def test_what_a_scanner_adds_around_a_code_is_dropped(services, manager) -> None:
    item_id = services.catalog.create_item(manager, draft(barcode=f" {RICE_CODE}\r\n")).ids[0]
    assert services.catalog.get(item_id).barcode == RICE_CODE
    assert services.catalog.find_by_barcode(f"{RICE_CODE}\n").id == item_id


@pytest.mark.parametrize(
    ("code", "reason", "why"),
    [
        ("6901234567893", "check_digit", "the check digit is wrong"),
        ("96385075", "check_digit", "the check digit is wrong"),
        ("036000291453", "check_digit", "the check digit is wrong"),
        ("690123456789", "check_digit", "the check digit is wrong"),
        ("69012345678921", "length", "it must have 8, 12 or 13 digits (EAN-8, UPC-A, EAN-13)"),
        ("1234567", "length", "it must have 8, 12 or 13 digits (EAN-8, UPC-A, EAN-13)"),
        ("69012345678X2", "not_digits", "only digits are allowed"),
        ("６９０１２３４５６７８９２", "not_digits", "only digits are allowed"),
    ],
)
def test_a_bad_barcode_is_refused_and_nothing_is_made(services, manager, events, code, reason, why) -> None:
    before = events(services)
    with pytest.raises(InvalidBarcode) as caught:
        services.catalog.create_item(manager, draft(barcode=code))
    assert caught.value.reason == reason
    assert english(caught.value) == f"Barcode {code} is not valid: {why}."
    assert services.catalog.count() == 0 and events(services) == before


def test_a_barcode_belongs_to_one_item(services, manager, events) -> None:
    services.catalog.create_item(manager, draft(barcode=RICE_CODE))
    other = services.catalog.create_item(manager, draft("福临门大豆油 5L", 6990, "6921234567890")).ids[0]
    before = events(services)
    with pytest.raises(DuplicateBarcode) as caught:
        services.catalog.create_item(manager, draft("金龙鱼大米 5kg", barcode=RICE_CODE))
    assert english(caught.value) == f"Barcode {RICE_CODE} already belongs to “东北大米 5kg”."
    row = services.catalog.get(other)
    with pytest.raises(DuplicateBarcode):
        services.catalog.update_item(manager, other, replace(row.draft(), barcode=RICE_CODE))
    assert services.catalog.count() == 2 and events(services) == before
    assert services.catalog.get(other).barcode == "6921234567890"
    assert services.catalog.find_by_barcode(RICE_CODE).name == "东北大米 5kg"


# --- prices ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("price", "reason"),
    [(-100, "negative"), (32.9, "not_a_number"), (3290.0, "not_a_number"), ("3290", "not_a_number"),
     (True, "not_a_number"), (10**12, "too_large")],
)
def test_a_price_is_a_whole_number_of_fen(services, manager, events, price, reason) -> None:
    before = events(services)
    with pytest.raises(InvalidInput) as caught:
        services.catalog.create_item(manager, draft(price=price))
    assert (caught.value.field, caught.value.reason) == ("sale_price", reason)
    with pytest.raises(InvalidInput) as caught:
        services.catalog.create_item(manager, draft(price=100, reference=price))
    assert (caught.value.field, caught.value.reason) == ("reference_price", reason)
    assert services.catalog.count() == 0 and events(services) == before


def test_a_sale_price_must_be_more_than_zero(services, manager, events) -> None:
    before = events(services)
    with pytest.raises(InvalidInput) as caught:
        services.catalog.create_item(manager, draft(price=0))
    assert (caught.value.field, caught.value.reason) == ("sale_price", "zero")
    assert services.catalog.count() == 0 and events(services) == before


def test_one_fen_is_a_price(services, manager) -> None:
    item_id = services.catalog.create_item(manager, draft(price=1)).ids[0]
    assert services.catalog.get(item_id).sale_price_fen == 1


def test_a_price_above_the_market_reference_is_allowed_with_a_warning(services, manager) -> None:
    assert services.catalog.create_item(manager, draft(price=3990, reference=3590)).warnings == (
        "price_above_reference",)
    assert services.catalog.create_item(manager, draft("小米 1kg", price=3590, reference=3590)).warnings == ()


# --- price changes ------------------------------------------------------------------
@pytest.fixture
def rice(make_item):
    return make_item("东北大米 5kg", barcode=RICE_CODE, price=3290, reference=3590)


def test_a_cashier_changing_a_price_needs_a_manager(services, manager, cashier, rice, events, clock) -> None:
    before = events(services)
    with pytest.raises(ApprovalRequired) as caught:
        services.catalog.update_item(cashier, rice.id, replace(rice.draft(), sale_price_fen=2990))
    assert english(caught.value) == "A manager must approve this: change a price."
    assert services.catalog.get(rice.id).sale_price_fen == 3290 and events(services) == before

    clock.advance(minutes=10)
    changes = services.catalog.update_item(cashier, rice.id, replace(rice.draft(), sale_price_fen=2990),
                                           Approval("manager", MANAGER_PIN, "临期促销"))
    assert services.catalog.get(rice.id).sale_price_fen == 2990
    assert events(services) == before + 1
    payload = event_payload(services, changes.event_seq)
    assert payload["kind"] == "item.updated" and payload["actor"] == str(cashier.user_id)
    assert payload["facts"]["price"] == {"from": [3290, 3590], "to": [2990, 3590]}
    assert payload["facts"]["approval"] == {"approved_by": str(manager.user_id), "reason": "临期促销"}
    row = next(c["row"] for c in payload["changes"] if c["table"] == "item")
    assert row["sale_price_fen"] == 2990


def test_a_cashier_changing_the_reference_price_needs_a_manager_too(services, cashier, rice) -> None:
    with pytest.raises(ApprovalRequired):
        services.catalog.update_item(cashier, rice.id, replace(rice.draft(), reference_price_fen=2000))
    assert services.catalog.get(rice.id).reference_price_fen == 3590


def test_a_cashier_taking_an_item_off_sale_needs_a_manager(services, cashier, rice) -> None:
    with pytest.raises(ApprovalRequired) as caught:
        services.catalog.update_item(cashier, rice.id, replace(rice.draft(), active=False))
    assert english(caught.value) == "A manager must approve this: take an item off sale."
    assert services.catalog.get(rice.id).active
    services.catalog.update_item(cashier, rice.id, replace(rice.draft(), active=False),
                                 Approval("manager", MANAGER_PIN, "过期下架"))
    assert not services.catalog.get(rice.id).active
    assert services.catalog.search("大米") == [] and len(services.catalog.search("大米", include_inactive=True)) == 1


def test_a_cashier_may_fix_a_name_without_a_manager(services, cashier, rice, events) -> None:
    before = events(services)
    services.catalog.update_item(cashier, rice.id, replace(rice.draft(), name="  东北  珍珠大米   5kg "))
    item = services.catalog.get(rice.id)
    assert (item.name, item.sale_price_fen) == ("东北 珍珠大米 5kg", 3290)
    assert events(services) == before + 1
    assert [r.id for r in services.catalog.search("dbzzdm")] == [rice.id], "pinyin follows the new name"


def test_editing_an_unknown_item_is_not_found(services, manager, rice) -> None:
    import uuid

    with pytest.raises(NotFound):
        services.catalog.update_item(manager, uuid.uuid4(), rice.draft())


# --- search --------------------------------------------------------------------------
@pytest.fixture
def shelf(services, make_item):
    names = ["东北小米 1kg", "小米粥 300g", "小号米袋", "海天金标生抽 500ml", "100%纯棉T恤", "儿童_玩具 套装"]
    return {name: make_item(name, price=500, reference=None) for name in names}


def names(rows) -> list[str]:
    return [r.name for r in rows]


def test_search_by_any_part_of_the_name(services, shelf) -> None:
    assert set(names(services.catalog.search("小米"))) == {"东北小米 1kg", "小米粥 300g"}
    assert names(services.catalog.search("生抽")) == ["海天金标生抽 500ml"]
    assert set(names(services.catalog.search("米"))) == {"东北小米 1kg", "小米粥 300g", "小号米袋"}


def test_search_by_pinyin_initials_and_full_pinyin(services, shelf) -> None:
    assert names(services.catalog.search("htjbsc")) == ["海天金标生抽 500ml"]
    assert names(services.catalog.search("shengchou")) == ["海天金标生抽 500ml"]
    assert names(services.catalog.search("haitianjinbiao")) == ["海天金标生抽 500ml"]
    assert names(services.catalog.search("HTJB")) == ["海天金标生抽 500ml"], "capitals are fine"
    assert names(services.catalog.search("hai tian")) == ["海天金标生抽 500ml"], "spaces are ignored"


def test_names_whose_pinyin_starts_with_the_text_come_first(services, shelf) -> None:
    # Alphabetically dongbeixiaomi sorts before xiaomizhou: the order below is
    # the ranking's doing, not the alphabet's.
    assert names(services.catalog.search("xm")) == ["小米粥 300g", "东北小米 1kg"]
    assert names(services.catalog.search("xiaomi")) == ["小米粥 300g", "东北小米 1kg"]
    assert names(services.catalog.search("xh")) == ["小号米袋"]


def test_a_scanned_barcode_comes_first(services, shelf, make_item) -> None:
    target = shelf["小号米袋"]
    rows = services.catalog.search(target.barcode)
    assert rows[0].id == target.id
    assert len(services.catalog.search("21")) == len(shelf), "a barcode prefix finds every in-store code"


def test_search_treats_wildcards_as_text(services, shelf) -> None:
    assert names(services.catalog.search("%")) == ["100%纯棉T恤"]
    assert names(services.catalog.search("_")) == ["儿童_玩具 套装"]
    assert services.catalog.search("无此商品") == []


def test_search_within_a_category(services, shelf, make_item) -> None:
    make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500, reference=None)
    assert names(services.catalog.search("", category_code="clothing")) == ["男式羊毛衫 L码"]
    assert names(services.catalog.search("m", category_code="clothing")) == ["男式羊毛衫 L码"]
    assert len(services.catalog.search("")) == len(shelf) + 1


# --- find by barcode ------------------------------------------------------------------
def test_find_by_barcode(services, rice, make_item) -> None:
    oil = make_item("海天金标生抽 500ml", unit="瓶", price=1190, reference=1290)
    assert services.catalog.find_by_barcode(RICE_CODE).id == rice.id
    assert services.catalog.find_by_barcode(oil.barcode).name == "海天金标生抽 500ml"
    with pytest.raises(UnknownBarcode) as caught:
        services.catalog.find_by_barcode("4006381333931")
    assert english(caught.value) == "No item has barcode 4006381333931."


# --- in-store codes --------------------------------------------------------------------
def test_items_without_a_barcode_get_unique_in_store_ean13s(services, manager) -> None:
    codes = [services.catalog.get(services.catalog.create_item(manager, draft(f"旧衣物 {i}", 500)).ids[0]).barcode
             for i in range(12)]
    assert len(set(codes)) == 12
    for code in codes:
        assert len(code) == 13 and code.startswith("21") and barcodes.is_in_store(code)
        assert barcodes.validate(code) == barcodes.Symbology.EAN13
    assert codes[0] == "2100000000012" and codes[1] == "2100000000029"
    assert [services.catalog.find_by_barcode(c).name for c in codes] == [f"旧衣物 {i}" for i in range(12)]


def test_a_refused_item_uses_no_in_store_code(services, manager) -> None:
    first = services.catalog.get(services.catalog.create_item(manager, draft("旧衣物 1", 500)).ids[0]).barcode
    with pytest.raises(InvalidInput):
        services.catalog.create_item(manager, draft("旧衣物 2", 500, category="no_such_category"))
    second = services.catalog.get(services.catalog.create_item(manager, draft("旧衣物 3", 500)).ids[0]).barcode
    assert (first, second) == ("2100000000012", "2100000000029")


def test_a_typed_barcode_is_kept_when_the_item_is_edited_without_one(services, manager, rice) -> None:
    services.catalog.update_item(manager, rice.id, replace(rice.draft(), barcode=None, name="东北大米 5kg 袋装"))
    assert services.catalog.get(rice.id).barcode == RICE_CODE


def test_an_in_store_code_never_collides_with_a_typed_one(services, manager) -> None:
    typed = barcodes.in_store_code(21, 1)  # 2100000000012, which some other shop printed
    services.catalog.create_item(manager, draft("别家超市的散装红枣", 1500, typed))
    made = services.catalog.get(services.catalog.create_item(manager, draft("旧衣物", 500)).ids[0]).barcode
    assert made != typed and barcodes.is_in_store(made)


def test_a_typed_code_in_the_stores_lot_range_is_refused(services, manager, events) -> None:
    """Codes starting 22 name this store's lots; an item may not take one,
    or a scan could mean two things."""
    before = events(services)
    with pytest.raises(InvalidBarcode) as caught:
        services.catalog.create_item(manager, draft("别家的散装花生", 900, barcodes.in_store_code(22, 7)))
    assert messages.describe(caught.value, lambda _c, t: t).endswith("codes starting 22 are the store's own lot codes.")
    assert events(services) == before


# --- ranking: whole initials, then prefixes, then sales, then name ---------------------
@pytest.fixture
def demo_shelf(services, manager, make_item, cashier):
    """Names as the demo store has them, with some goods sold."""
    names = ["大宝SOD蜜 200ml", "金龙鱼东北大米 5kg", "十月稻田五常大米 5kg", "大米 散装 1kg", "大麦茶 300g",
             "达美乐饼干 100g"]
    items = {name: make_item(name, price=1000, reference=None) for name in names}
    services.stock.receive(manager, {item.id: 50 for item in items.values()})
    services.shifts.open(cashier, "1号收银台", 20000)

    def sell(name: str, quantity: int) -> None:
        services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "1号收银台", (LineDraft(items[name].id, quantity),),
                                                   (PaymentDraft("cash", 1000 * quantity),), 0, None))

    return SimpleNamespace(items=items, sell=sell)


def test_dm_lists_rice_whose_whole_initials_are_dm_before_anything_else(services, demo_shelf) -> None:
    demo_shelf.sell("大宝SOD蜜 200ml", 9)  # the best seller, yet not what "dm" means
    found = names(services.catalog.search("dm"))
    assert found[0] == "大米 散装 1kg", "the initials of the whole name (less its size) are dm"
    assert found.index("大麦茶 300g") < found.index("金龙鱼东北大米 5kg"), "a prefix before a name ending in dm"
    assert found.index("金龙鱼东北大米 5kg") < found.index("大宝SOD蜜 200ml"), "东北大米 ends in dm: before 大宝SOD蜜"
    assert names(services.catalog.search("大米"))[0] == "大米 散装 1kg"
    assert names(services.catalog.search("dami"))[0] == "大米 散装 1kg"


def test_equal_matches_rank_by_units_sold_in_the_last_90_days_then_by_name(services, demo_shelf, clock) -> None:
    rice = ["金龙鱼东北大米 5kg", "十月稻田五常大米 5kg"]

    def rice_order() -> list[str]:
        return [n for n in names(services.catalog.search("dm")) if n in rice]

    assert rice_order() == rice, "none sold: by name in pinyin order (jinlongyu before shiyue)"
    demo_shelf.sell("十月稻田五常大米 5kg", 2)
    assert rice_order() == rice[::-1]
    demo_shelf.sell("金龙鱼东北大米 5kg", 1)
    assert rice_order() == rice[::-1], "2 sold beat 1"
    clock.advance(days=91)  # out of the window: back to the name order
    assert rice_order() == rice


def test_a_voided_sale_does_not_count_for_the_ranking(services, demo_shelf, manager) -> None:
    demo_shelf.sell("十月稻田五常大米 5kg", 3)
    with services.db.read() as s:
        number = s.scalars(select(Sale.number)).one()
    services.sales.void(manager, number, "收错了")
    assert [n for n in names(services.catalog.search("dm")) if "大米 5kg" in n][0] == "金龙鱼东北大米 5kg"
