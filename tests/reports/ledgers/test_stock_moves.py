"""出入库台账: every movement of every lot with its document, what came in
and went out, and the lot's and the item's balance after it; each lot opens
with its balance before the period."""

from __future__ import annotations

from datetime import date

from charity_pos.reports.table import Filters

PICK = ("lot", "movement", "document", "quantity_in", "quantity_out", "lot_balance", "item_balance")


def picked(section, item: str, keys: tuple[str, ...] = PICK) -> list[tuple[object, ...]]:
    at = [section.column(k) for k in keys]
    return [tuple(row[i] for i in at) for row in section.rows if row[section.column("item")] == item]


def test_the_days_movements_lot_by_lot_with_balances_counted_by_hand(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "stock-moves", Filters(st.day, st.day))
    moves = report.section("movements")
    r1 = st.r1
    assert picked(moves, "龙须挂面 1kg") == [
        (r1, "期初结存", "", None, None, 0, 0),
        (r1, "采购入库", r1, 20, None, 20, 20),
        (r1, "销售出库", st.s2, None, 3, 17, 17),
        (r1, "销售出库", st.s3, None, 1, 16, 16),
        (r1, "销售作废退回", st.s3, 1, None, 17, 17),  # a void puts the goods back: a quantity in
    ]
    coat = picked(moves, "男式棉服 XL", ("movement", "document", "quantity_in", "quantity_out", "lot_balance", "note"))
    assert coat == [("期初结存", "", None, None, 0, ""), ("捐赠入库", st.d1, 4, None, 4, ""),
                    ("销售出库", st.s1, None, 2, 2, ""), ("退货入库", st.t1, 1, None, 3, "尺码不合适")]
    assert picked(moves, "男式棉服 XL", ("lot", "lot_origin"))[0][0].startswith("22")  # the coat's own label code
    assert picked(moves, "东北大米 5kg", ("lot", "lot_origin", "movement", "document"))[-1] == (
        st.d2, "捐赠", "发放出库", st.h1)
    assert moves.values("item")[0] == "东北大米 5kg"  # goods in pinyin order: dongbei, longxu, nanshi, yangmao
    totals = moves.totals_row()
    assert (totals[moves.column("quantity_in")], totals[moves.column("quantity_out")]) == (4 + 10 + 2 + 20 + 1 + 1, 2 + 1 + 2 + 3 + 1)
    items = report.section("items")
    assert items.rows == (
        ("东北大米 5kg", "粮油", "采购", "袋", 0, 10, 3, 7),
        ("龙须挂面 1kg", "粮油", "采购", "袋", 0, 21, 4, 17),
        ("男式棉服 XL", "衣物", "捐赠", "件", 0, 5, 2, 3),
        ("羊毛毯", "床上用品", "捐赠", "条", 0, 2, 0, 2),
    )
    assert report.title.zh == "出入库台账" and report.landscape


def test_a_later_period_opens_each_lot_with_its_balance_and_the_item_balance_runs_in_time(ledger_store) -> None:
    st = ledger_store
    st.clock.advance(days=1)
    r2 = st.services.stock.receive(st.manager, {st.noodles.id: 5}).number
    st.clock.advance(minutes=10)
    count = st.services.stock.count(st.manager, {st.noodles.id: 15}, reason="月末盘点").number  # 22 on the books
    report = st.services.reports.run(st.manager, "stock-moves", Filters(st.next_day, st.next_day))
    moves = report.section("movements")
    assert picked(moves, "龙须挂面 1kg", ("lot", "movement", "quantity_in", "quantity_out", "lot_balance",
                                      "item_balance", "note")) == [
        (st.r1, "期初结存", None, None, 17, 17, ""),
        (st.r1, "盘点差异", None, 7, 10, 15, "月末盘点"),  # after the count: 15 on hand in all
        (r2, "期初结存", None, None, 0, 17, ""),
        (r2, "采购入库", 5, None, 5, 22, ""),  # before the count: 17 + 5
    ]
    assert set(moves.values("item")) == {"龙须挂面 1kg"}  # lots that did not move are only in the summary
    assert count in moves.values("document")
    items = {row[0]: row[4:] for row in report.section("items").rows}
    assert items == {"东北大米 5kg": (7, 0, 0, 7), "龙须挂面 1kg": (17, 5, 7, 15), "男式棉服 XL": (3, 0, 0, 3),
                     "羊毛毯": (2, 0, 0, 2)}


def test_filters_by_category_and_origin(ledger_store) -> None:
    st = ledger_store
    clothing = st.services.reports.run(st.manager, "stock-moves", Filters(st.day, st.day, category="clothing"))
    assert set(clothing.section("movements").values("item")) == {"男式棉服 XL"}
    donated = st.services.reports.run(st.manager, "stock-moves", Filters(st.day, st.day, origin="donated"))
    assert [row[0] for row in donated.section("items").rows] == ["男式棉服 XL", "羊毛毯"]
    consigned = st.services.reports.run(st.manager, "stock-moves", Filters(st.day, st.day, origin="consigned"))
    assert consigned.section("movements").rows == () and consigned.section("items").rows == ()


def test_an_empty_period_has_no_rows_and_zero_totals(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "stock-moves", Filters(date(2026, 3, 1), date(2026, 3, 9)))
    assert report.section("movements").rows == () and report.section("items").rows == ()
    assert report.section("movements").totals_row()[7:9] == (0, 0)


def test_the_english_words_for_the_screen(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "stock-moves", Filters(st.day, st.day), language="en")
    moves = report.section("movements")
    assert picked(moves, "龙须挂面 1kg", ("lot_origin", "movement"))[:3] == [
        ("Purchase", "Opening balance"), ("Purchase", "Purchase in"), ("Purchase", "Sale")]
    assert set(moves.values("movement")) == {"Opening balance", "Donation in", "Purchase in", "Sale", "Sale voided",
                                             "Return", "Handout"}
    assert report.section("items").rows[0][1:3] == ("Grain and oil", "Purchased")
    assert moves.columns[moves.column("item_balance")].title.en == "Item balance"
