"""善款收支 (收支两条线): donated cash received and used is one account with
its balance, sales income another; the two are never added into one figure."""

from __future__ import annotations

from datetime import date

from charity_pos.reports.table import Filters, Report
from tests.reports.ledgers.test_sales import sell_consigned


def all_cells(report: Report) -> list[object]:
    return [cell for section in report.sections for row in (*section.rows, section.totals_row()) for cell in row]


def test_donated_cash_from_opening_to_closing_counted_by_hand(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "funds", Filters(st.day, st.day))
    assert [s.key for s in report.sections] == ["donated_cash", "sales_by_method", "sales_by_period"]
    assert report.section("donated_cash").rows == (
        (st.day, "期初余额", "", "", "", "", None, None, 0),
        (st.day, "现金捐赠", st.d1, "张*", "现金", "", 20000, None, 20000),
        (st.day, "现金捐赠", st.d2, "上海爱心科技有限公司", "银行转账", "", 100000, None, 120000),
        (st.day, "善款使用", st.f1, "购买米面油发放困难家庭", "购买帮困物资", "FP-2026-0031", None, 30000, 90000),
        (st.day, "期末余额", "", "", "", "", None, None, 90000),
    )
    assert report.section("donated_cash").totals_row()[6:8] == (120000, 30000)
    assert report.extra["donated_cash_left_fen"] == 90000 == st.services.funds.balance(st.manager).left_fen


def test_sales_income_less_refunds_by_method_and_by_day(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "funds", Filters(st.day, st.day))
    assert report.section("sales_by_method").rows == (("现金", 8290, 2500, 5790), ("微信支付", 1770, 0, 1770))
    assert report.section("sales_by_period").rows == ((st.day, 10060, 2500, 7560, 7560, 0),)
    assert report.extra["sales_income_fen"] == 7560 == st.services.reports.figures(st.manager, st.day, st.day).sales_income_fen


def test_the_two_accounts_are_never_summed_and_the_rules_are_stated(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "funds", Filters(st.day, st.day))
    cells = all_cells(report)
    assert 120000 in cells and 7560 in cells
    assert 120000 + 7560 not in cells and 90000 + 7560 not in cells and 120000 + 10060 not in cells
    notes = " ".join(w.zh for w in report.notes)
    english = " ".join(w.en for w in report.notes)
    assert "隔离管理、分别核算" in notes and "收支两条线" in notes and "凭证" in notes and "归委托方" in notes
    assert "kept apart and accounted separately" in english and "voucher" in english and "consignor" in english


def test_a_later_period_opens_with_what_was_left(ledger_store) -> None:
    st = ledger_store
    st.clock.advance(days=1)
    f2 = st.services.funds.record_use(st.manager, used_on=st.next_day, amount_fen=10000, kind="cash_aid",
                                      purpose="困难家庭临时救助").number
    report = st.services.reports.run(st.manager, "funds", Filters(st.next_day, st.next_day))
    assert report.section("donated_cash").rows == (
        (st.next_day, "期初余额", "", "", "", "", None, None, 90000),
        (st.next_day, "善款使用", f2, "困难家庭临时救助", "困难救助金", "", None, 10000, 80000),
        (st.next_day, "期末余额", "", "", "", "", None, None, 80000),
    )
    assert report.section("sales_by_method").rows == () and report.section("sales_by_period").rows == ()


def test_long_periods_are_summed_by_month_and_consigned_income_is_apart(ledger_store, make_item) -> None:
    st = ledger_store
    sell_consigned(st, make_item)
    report = st.services.reports.run(st.manager, "funds", Filters(date(2026, 1, 1), date(2026, 6, 30)))
    by_period = report.section("sales_by_period")
    assert by_period.columns[0].key == "month" and by_period.title.zh.endswith("按月")
    assert by_period.rows == (("2026-03", 14960, 2500, 12460, 7560, 4900),)
    assert report.section("donated_cash").rows[0][0] == date(2026, 1, 1)


def test_goods_filters_do_not_apply_and_an_empty_period_keeps_its_balance(ledger_store) -> None:
    st = ledger_store
    plain = st.services.reports.run(st.manager, "funds", Filters(st.day, st.day))
    filtered = st.services.reports.run(st.manager, "funds", Filters(st.day, st.day, category="clothing", origin="donated"))
    assert filtered.sections == plain.sections
    assert any("不适用" in w.zh for w in plain.notes)
    before = st.services.reports.run(st.manager, "funds", Filters(date(2026, 3, 1), date(2026, 3, 9)))
    assert [row[1] for row in before.section("donated_cash").rows] == ["期初余额", "期末余额"]
    assert before.section("donated_cash").values("balance") == [0, 0]


def test_the_english_words(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "funds", Filters(st.day, st.day), language="en")
    cash = report.section("donated_cash")
    assert cash.values("entry") == ["Opening balance", "Cash donation", "Cash donation", "Use of donated cash",
                                    "Closing balance"]
    assert cash.values("kind")[1:4] == ["Cash", "Bank transfer", "Relief goods bought"]
    assert report.section("sales_by_method").values("method") == ["Cash", "WeChat Pay"]
