"""Sales: by day, category, payment method and cashier; returns and voids in
sections of their own, never netted silently; consigned goods' income apart
from the store's own."""

from __future__ import annotations

import uuid
from datetime import date

from charity_pos.reports.table import Filters
from charity_pos.services.catalog import Source
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from tests.reports.conftest import TILL


def sell_consigned(st, make_item) -> str:
    """A consignor's handmade bag (¥50.00) sold by the manager with ¥1.00 off the ticket."""
    from charity_pos.services.consignment import ConsignedLine, ConsignmentService, ConsignorDraft

    bag = make_item("手工编织包", category="daily", unit="个", price=5000, reference=None, source=Source.CONSIGNED)
    consign = ConsignmentService(st.services.ctx, st.services.accounts)
    workshop = consign.add_consignor(st.manager, ConsignorDraft("阳光之家", "52310106MJ5K3Y2X7B")).ids[0]
    consign.receive(st.manager, workshop, [ConsignedLine(bag.id, 2, 5000)])
    st.clock.advance(minutes=3)
    draft = SaleDraft(uuid.uuid4(), TILL, (LineDraft(bag.id, 1),), (PaymentDraft("cash", 5000),), ticket_discount_fen=100)
    return st.services.sales.complete(st.manager, draft).number


def test_the_days_sales_every_way_counted_by_hand(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "sales", Filters(st.day, st.day))
    assert [s.key for s in report.sections] == ["by_day", "by_category", "by_method", "by_cashier", "returns",
                                                "refunds", "voids"]
    # S1: 2 coats at ¥25.00 and a rice at ¥32.90; S2: 3 noodles at ¥5.90; S3 voided: not a sale
    assert report.section("by_day").rows == ((st.day, 2, 6, 10060, 0, 10060),)
    assert report.section("by_category").rows == (("粮油", 2, 4, 3290 + 1770, 0, 5060), ("衣物", 1, 2, 5000, 0, 5000))
    assert report.section("by_method").rows == (("现金", 1, 8290), ("微信支付", 1, 1770))
    assert report.section("by_cashier").rows == (("cashier", 2, 6, 10060, 0, 10060),)
    (back,) = report.section("returns").rows
    assert back[1:] == (st.t1, st.s1, "男式棉服 XL", "衣物", "捐赠", 1, 2500, "manager", "manager", "尺码不合适")
    assert report.section("refunds").rows == (("现金", 1, 2500),)
    (void,) = report.section("voids").rows
    assert void[2:] == (st.s3, "cashier", "manager", "扫错了", 1, 590)
    assert void[1] > void[0]  # voided after it was sold


def test_returns_and_voids_are_not_taken_off_the_sales(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "sales", Filters(st.day, st.day))
    by_day, by_method = report.section("by_day"), report.section("by_method")
    assert by_day.totals_row()[by_day.column("total")] == by_method.totals_row()[by_method.column("amount")] == 10060
    assert report.section("returns").totals_row()[7] == 2500 and report.section("voids").totals_row()[7] == 590
    assert any("退货与作废单列" in note.zh for note in report.notes)
    assert "未从销售中扣除" in report.section("returns").title.zh and "不计入销售" in report.section("voids").title.zh


def test_consigned_goods_income_is_apart_and_lines_count_what_was_paid(ledger_store, make_item) -> None:
    st = ledger_store
    sale = sell_consigned(st, make_item)
    report = st.services.reports.run(st.manager, "sales", Filters(st.day, st.day))
    assert report.section("by_day").rows == ((st.day, 3, 7, 10060, 4900, 14960),)
    assert report.section("by_category").rows == (  # in the store's category order
        ("粮油", 2, 4, 5060, 0, 5060), ("日用品", 1, 1, 0, 4900, 4900), ("衣物", 1, 2, 5000, 0, 5000))
    assert report.section("by_method").rows[0] == ("现金", 2, 8290 + 4900)
    assert report.section("by_cashier").rows == (("cashier", 2, 6, 10060, 0, 10060), ("manager", 1, 1, 0, 4900, 4900))
    assert report.section("by_day").columns[4].title.zh == "代售商品收入（归委托方）"
    consigned = st.services.reports.run(st.manager, "sales", Filters(st.day, st.day, origin="consigned"))
    assert consigned.section("by_day").rows == ((st.day, 1, 1, 0, 4900, 4900),)
    assert sale


def test_goods_filters_leave_out_what_cannot_be_split_by_goods(ledger_store) -> None:
    st = ledger_store
    grain = st.services.reports.run(st.manager, "sales", Filters(st.day, st.day, category="grain_oil"))
    assert [s.key for s in grain.sections] == ["by_day", "by_category", "by_cashier", "returns", "voids"]
    assert grain.section("by_day").rows == ((st.day, 2, 4, 5060, 0, 5060),)
    assert grain.section("returns").rows == ()  # the coat
    assert grain.section("voids").values("number") == [st.s3]
    donated = st.services.reports.run(st.manager, "sales", Filters(st.day, st.day, origin="donated"))
    assert donated.section("by_category").rows == (("衣物", 1, 2, 5000, 0, 5000),)
    assert donated.section("returns").values("number") == [st.t1] and donated.section("voids").rows == ()


def test_an_empty_period_and_the_english_words(ledger_store) -> None:
    st = ledger_store
    empty = st.services.reports.run(st.manager, "sales", Filters(date(2026, 3, 1), date(2026, 3, 9)))
    assert all(section.rows == () for section in empty.sections)
    report = st.services.reports.run(st.manager, "sales", Filters(st.day, st.day), language="en")
    assert report.section("by_method").values("method") == ["Cash", "WeChat Pay"]
    assert report.section("by_category").values("category") == ["Grain and oil", "Clothing"]
    assert report.section("returns").values("origin") == ["Donated"]
    assert report.section("voids").title.en == "Voided sales (apart: not counted as sales)"
