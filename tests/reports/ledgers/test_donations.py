"""捐赠物资接收台账: every donation line with the donor masked, the valuation
basis and the receipt; the cash apart; filters by category and origin."""

from __future__ import annotations

from datetime import date

import pytest

from charity_pos.errors import InvalidInput, PermissionDenied
from charity_pos.reports.table import Filters


def test_every_line_with_a_persons_name_masked_and_totals(ledger_store) -> None:
    st = ledger_store
    st.services.receipts.print_receipt(st.manager, st.d2)
    report = st.services.reports.run(st.manager, "donations", Filters(st.day, st.day))
    lines = report.section("lines")
    assert lines.values("number") == [st.d1, st.d2, st.d3]
    assert lines.values("donor") == ["张*", "上海爱心科技有限公司", "匿名"]
    assert lines.values("valuation") == ["按市场价", "按发票", "未估价"]
    assert lines.values("value") == [32000, 30000, None]
    assert lines.values("receipt")[1].endswith("J000001") and lines.values("receipt")[0] == ""
    totals = lines.totals_row()
    assert totals[lines.column("quantity")] == 16 and totals[lines.column("value")] == 62000
    cash = report.section("cash")
    assert cash.values("amount") == [20000, 100000] and cash.values("method") == ["现金", "银行转账"]
    assert report.title.zh == "捐赠物资接收台账" and report.store_code


def test_the_english_words_for_the_screen(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "donations", Filters(st.day, st.day), language="en")
    lines = report.section("lines")
    assert lines.values("donor")[2] == "Anonymous" and lines.values("category")[0] == "Clothing"
    assert lines.values("condition") == ["As new", "New", "Used, good"]


def test_filters_by_category_and_origin(ledger_store) -> None:
    st = ledger_store
    only_rice = st.services.reports.run(st.manager, "donations", Filters(st.day, st.day, category="grain_oil"))
    assert only_rice.section("lines").values("number") == [st.d2]
    assert [s.key for s in only_rice.sections] == ["lines"]  # cash has no category
    purchased = st.services.reports.run(st.manager, "donations", Filters(st.day, st.day, origin="purchased"))
    assert purchased.section("lines").rows == ()


@pytest.mark.parametrize(("filters", "field", "reason"), [
    (Filters(date(2026, 3, 10), date(2026, 3, 9)), "to", "date_order"),
    (Filters(date(2020, 1, 1), date(2026, 3, 9)), "to", "too_large"),
    (Filters(date(2026, 3, 10), date(2026, 3, 10), category="weapons"), "category", "unknown"),
    (Filters(date(2026, 3, 10), date(2026, 3, 10), origin="stolen"), "source", "unknown"),
])
def test_bad_filters_are_refused(ledger_store, filters, field, reason) -> None:
    st = ledger_store
    with pytest.raises(InvalidInput) as caught:
        st.services.reports.run(st.manager, "donations", filters)
    assert (caught.value.field, caught.value.reason) == (field, reason)


def test_an_unknown_kind_and_a_cashier_are_refused(ledger_store) -> None:
    st = ledger_store
    with pytest.raises(InvalidInput) as caught:
        st.services.reports.run(st.manager, "salaries", Filters(st.day, st.day))
    assert (caught.value.field, caught.value.reason) == ("report", "unknown")
    with pytest.raises(PermissionDenied):
        st.services.reports.run(st.cashier, "donations", Filters(st.day, st.day))
