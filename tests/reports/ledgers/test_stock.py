"""库存: stock at a date, valued at sale price and at donation value, by item,
lot and origin; slow movers; goods out of stock that sold lately."""

from __future__ import annotations

import uuid
from datetime import date

from charity_pos.reports.table import Filters
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from tests.reports.conftest import TILL


def test_stock_at_the_end_of_the_day_counted_by_hand(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "stock", Filters(st.day, st.day))
    assert report.section("items").rows == (
        ("东北大米 5kg", "粮油", "采购", "袋", 7, 3290, 7 * 3290, 7 * 3000),  # donated rice, valued by invoice
        ("龙须挂面 1kg", "粮油", "采购", "袋", 17, 590, 17 * 590, None),  # bought: no donation value
        ("男式棉服 XL", "衣物", "捐赠", "件", 3, 2500, 3 * 2500, 3 * 8000),
        ("羊毛毯", "床上用品", "捐赠", "条", 2, 4000, 2 * 4000, None),  # donated, not valued
    )
    lots = report.section("lots")
    assert lots.values("lot")[:2] == [st.d2, st.r1] and lots.values("lot")[2].startswith("22")
    assert lots.values("lot_origin") == ["捐赠", "采购入库", "捐赠", "捐赠"]
    assert lots.values("expiry") == [date(2027, 3, 1), None, None, None]
    assert lots.values("donation_unit_value") == [3000, None, 8000, None]
    assert report.section("by_origin").rows == (("捐赠", 5, 7500 + 8000, 24000), ("采购", 24, 23030 + 10030, 21000))
    totals = report.section("items").totals_row()
    assert totals[4:] == (29, None, 48560, 45000)
    # the blankets never sold; everything else sold today
    assert report.section("slow").rows == (("羊毛毯", "床上用品", "捐赠", 2, 8000, st.day, None),)
    assert report.section("out_of_stock").rows == ()


def test_the_same_figures_as_the_period_figures(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "stock", Filters(st.day, st.day))
    figures = st.services.reports.figures(st.manager, st.day, st.day)
    by_origin = {row[0]: row[1:3] for row in report.section("by_origin").rows}
    assert by_origin == {{"donated": "捐赠", "purchased": "采购"}[o.source]: (o.units, o.value_fen)
                         for o in figures.stock_by_source}


def test_goods_sold_out_are_an_alert_and_two_months_later_everything_is_slow(ledger_store) -> None:
    st = ledger_store
    st.clock.advance(minutes=5)
    st.services.sales.complete(st.cashier, SaleDraft(uuid.uuid4(), TILL, (LineDraft(st.coat.id, 3),),
                                                     (PaymentDraft("cash", 7500),)))
    report = st.services.reports.run(st.manager, "stock", Filters(st.day, st.day))
    assert report.section("out_of_stock").rows == (("男式棉服 XL", "衣物", "捐赠", 5, st.day, 0),)  # 2 + 3 sold
    assert "男式棉服 XL" not in report.section("items").values("item")
    later = st.services.reports.run(st.manager, "stock", Filters(date(2026, 5, 9), date(2026, 5, 9)))
    assert later.section("slow").values("item") == ["东北大米 5kg", "龙须挂面 1kg", "羊毛毯"]
    assert later.section("slow").values("last_sale") == [st.day, st.day, None]
    assert later.section("out_of_stock").rows == ()  # sold more than 30 days before
    sixty = st.services.reports.run(st.manager, "stock", Filters(date(2026, 5, 8), date(2026, 5, 8)))
    assert sixty.section("slow").values("item") == ["羊毛毯"]  # 2026-03-10 is the 60th day up to 05-08


def test_a_date_before_anything_and_the_filters(ledger_store) -> None:
    st = ledger_store
    before = st.services.reports.run(st.manager, "stock", Filters(date(2026, 3, 9), date(2026, 3, 9)))
    assert all(section.rows == () for section in before.sections)
    donated = st.services.reports.run(st.manager, "stock", Filters(st.day, st.day, origin="donated"))
    assert donated.section("items").values("item") == ["男式棉服 XL", "羊毛毯"]
    assert donated.section("by_origin").rows == (("捐赠", 5, 15500, 24000),)
    grain = st.services.reports.run(st.manager, "stock", Filters(st.day, st.day, category="grain_oil"))
    assert grain.section("items").values("item") == ["东北大米 5kg", "龙须挂面 1kg"] and grain.section("slow").rows == ()


def test_the_english_words(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "stock", Filters(st.day, st.day), language="en")
    assert report.section("by_origin").values("origin") == ["Donated", "Purchased"]
    assert report.section("lots").values("lot_origin") == ["Donation", "Purchase", "Donation", "Donation"]
    assert report.section("slow").title.en == "Slow movers (no sale in 60 days)"
    assert report.section("items").values("category")[2] == "Clothing"
