"""Documents as the services build them, for the layouts' tests: a sale with
a name too long for a line, a price change and a discount, paid in cash and
WeChat Pay; a voided reprint; a return; a handout past its allowance; an X
and a Z report."""

from __future__ import annotations

from dataclasses import replace

from charity_pos.domain.documents import (
    HandoutSlipDoc, HandoutSlipLine, ShiftMethodLine, ShiftReportDoc, SlipDoc, SlipLine, SlipPayment,
)

STORE = "静安区石门二路街道慈善超市"
LONG_NAME = "雀巢怡养中老年奶粉 850g (企业捐赠) 高钙低脂配方 铁罐装"
THANKS = "感谢您支持慈善事业！善款善物，用于帮困。"

SALE = SlipDoc(
    store_name=STORE, store_code="JA01", title="销售小票", number="JA01-2026-S000123", at="2026-03-10 10:02",
    cashier="zhangmin", till="1",
    lines=(SlipLine("东北大米 5kg", 2, 3290, 6580, None, 0, "采购"),
           SlipLine(LONG_NAME, 1, 8900, 8400, 14900, 500, "捐赠"),
           SlipLine("Nestle Milk Powder 850g for the elderly, iron tin", 1, 1190, 1190, None, 0, "代售")),
    subtotal_fen=16170, ticket_discount_fen=170, total_fen=16000,
    payments=(SlipPayment("微信支付", 5000, "4200001234202603101234"), SlipPayment("现金", 12000)),
    change_fen=1000, thanks=THANKS)

VOIDED_REPRINT = replace(SALE, reprint_count=2, void=True)

RETURN = SlipDoc(
    store_name=STORE, store_code="JA01", title="退货单", number="JA01-2026-R000007", at="2026-03-10 15:40",
    cashier="zhangmin", till="1", lines=(SlipLine("东北大米 5kg", -1, 3290, -3290, None, 0, "采购"),),
    subtotal_fen=-3290, ticket_discount_fen=0, total_fen=-3290, payments=(SlipPayment("现金", -3290),),
    change_fen=0, thanks=THANKS, original_number="JA01-2026-S000123")

HANDOUT = HandoutSlipDoc(
    store_name=STORE, store_code="JA01", number="JA01-2026-H000012", at="2026-03-10 11:15", cashier="zhangmin",
    card_number="JA-000031", head_name_masked="张*", id_masked="310106********1234", members=3, category="低保",
    period="2026年3月",
    lines=(HandoutSlipLine("金龙鱼大豆油 5L", "粮油", 1, 6990, 6990),
           HandoutSlipLine("福临门东北大米 10kg 五常稻花香 真空包装 家庭装", "粮油", 1, 5990, 5990, over=True)),
    total_value_fen=12980, allowance_fen=10000, remaining_before_fen=10000, remaining_after_fen=-2980,
    override_reason="家中老人住院，店长同意本月多领", approved_by="manager")

X_REPORT = ShiftReportDoc(
    kind="X", store_name=STORE, store_code="JA01", shift_number="JA01-2026-T000042", till="1",
    opened_at="2026-03-10 08:30", opened_by="zhangmin", closed_at=None, closed_by=None,
    printed_at="2026-03-10 12:00", float_fen=50000, sales_count=18, sales_fen=123450, donated_sales_fen=34500,
    returns_count=1, returns_fen=3290, voids_count=1, voids_fen=1190, discounts_fen=870,
    methods=(ShiftMethodLine("现金", 120160, None), ShiftMethodLine("微信支付", 30000, None),
             ShiftMethodLine("支付宝", 15000, None), ShiftMethodLine("储值券", 2000, None)))

Z_REPORT = replace(
    X_REPORT, kind="Z", closed_at="2026-03-10 20:05", closed_by="zhangmin", printed_at="2026-03-10 20:05",
    methods=(ShiftMethodLine("现金", 120160, 118160), ShiftMethodLine("微信支付", 30000, 30000),
             ShiftMethodLine("支付宝", 15000, 15000), ShiftMethodLine("储值券", 2000, 2000)),
    denominations=((10000, 10), (5000, 3), (2000, 1), (1000, 1), (50, 2), (10, 6)),
    difference_reason="找零时多给顾客，已核实", approved_by="manager")
