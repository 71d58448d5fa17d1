"""物资发放台账: every handout line by card number, never a name or an ID
number; the beyond-allowance mark and its approver; a monthly summary of
households and 人次 served."""

from __future__ import annotations

import uuid
from datetime import date

from charity_pos.domain.identity import id_check_char
from charity_pos.reports.table import Filters, Report
from charity_pos.services.base import Approval
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from tests.reports.conftest import CARD, HEAD, ID_NUMBER

SECOND_CARD = "AX000002"
SECOND_HEAD = "李秀英"
SECOND_ID = "31010619450101002" + id_check_char("31010619450101002")


def more_handouts(st) -> tuple[str, str]:
    """Past the allowance the same day (approved by the manager), and a
    second household, 特困, in April."""
    st.clock.advance(minutes=3)
    over = st.services.handouts.complete(st.manager, HandoutDraft(uuid.uuid4(), st.household, (
        HandoutLineDraft(st.rice.id, 1, None), HandoutLineDraft(st.noodles.id, 2, None)),
        approval=Approval("manager", "", "家中有病人，店长同意多领"))).number
    second = st.services.households.register(st.manager, HouseholdDraft(
        SECOND_CARD, SECOND_HEAD, SECOND_ID, 1, HouseholdCategory.TEKUN, "石门二路街道", "特困证 2026-007",
        date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 5))).ids[0]
    st.clock.advance(days=25)  # 2026-04-04
    april = st.services.handouts.complete(st.cashier, HandoutDraft(uuid.uuid4(), second, (
        HandoutLineDraft(st.noodles.id, 2, None),))).number
    st.clock.advance(minutes=3)
    st.services.handouts.complete(st.cashier, HandoutDraft(uuid.uuid4(), st.household, (
        HandoutLineDraft(st.noodles.id, 1, None),)))
    return over, april


def cells(report: Report) -> list[str]:
    found = [report.title.zh, report.title.en, *(w.zh for w in report.notes), *(w.en for w in report.notes)]
    for section in report.sections:
        found += [section.title.zh, section.title.en]
        found += [str(cell) for row in section.rows for cell in row]
    return found


def test_every_line_by_card_number_with_its_value_counted_by_hand(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "handouts", Filters(st.day, st.day))
    (row,) = report.section("lines").rows
    assert row[1:] == (st.h1, CARD, "低保", "东北大米 5kg", "粮油", "采购", 2, "袋", 3290, 6580, "", "")
    assert row[0].isoformat() == "2026-03-10T02:43:00+00:00"
    assert report.section("monthly").rows == (("2026-03", "低保", 1, 1, 2, 6580), ("2026-03", "合计", 1, 1, 2, 6580))
    assert report.title.zh == "物资发放台账" and report.landscape


def test_past_the_allowance_is_marked_with_its_approver_and_months_are_summed_apart(ledger_store) -> None:
    st = ledger_store
    over, april = more_handouts(st)
    report = st.services.reports.run(st.manager, "handouts", Filters(st.day, date(2026, 4, 30)))
    lines = report.section("lines")
    pick = [lines.column(k) for k in ("number", "card", "household_category", "goods", "quantity", "value",
                                      "over_allowance", "approver")]
    assert [tuple(row[i] for i in pick) for row in lines.rows] == [
        (st.h1, CARD, "低保", "东北大米 5kg", 2, 6580, "", ""),
        (over, CARD, "低保", "东北大米 5kg", 1, 3290, "是", "manager"),
        (over, CARD, "低保", "龙须挂面 1kg", 2, 1180, "是", "manager"),
        (april, SECOND_CARD, "特困", "龙须挂面 1kg", 2, 1180, "", ""),
        (lines.rows[-1][1], CARD, "低保", "龙须挂面 1kg", 1, 590, "", ""),
    ]
    totals = lines.totals_row()
    assert (totals[lines.column("quantity")], totals[lines.column("value")]) == (8, 6580 + 3290 + 1180 + 1180 + 590)
    assert report.section("monthly").rows == (
        ("2026-03", "低保", 1, 2, 5, 11050),
        ("2026-03", "合计", 1, 2, 5, 11050),
        ("2026-04", "低保", 1, 1, 1, 590),
        ("2026-04", "特困", 1, 1, 2, 1180),
        ("2026-04", "合计", 2, 2, 3, 1770),
        ("全期", "低保", 1, 3, 6, 11640),  # one household, three visits
        ("全期", "特困", 1, 1, 2, 1180),
        ("全期", "合计", 2, 4, 8, 12820),
    )
    assert not report.section("monthly").totals  # households are not added up across months


def test_no_name_or_id_number_anywhere_only_card_numbers(ledger_store) -> None:
    st = ledger_store
    more_handouts(st)
    for language in ("zh_CN", "en"):
        found = cells(st.services.reports.run(st.manager, "handouts", Filters(st.day, date(2026, 4, 30)), language))
        text = "\n".join(found)
        for secret in (HEAD, SECOND_HEAD, ID_NUMBER, SECOND_ID, ID_NUMBER[:6] + "********" + ID_NUMBER[-4:],
                       "低保证 2026-001", "特困证 2026-007", "家中有病人"):
            assert secret not in text, secret
        assert CARD in found and SECOND_CARD in found


def test_filters_narrow_the_lines_and_the_summary(ledger_store) -> None:
    st = ledger_store
    more_handouts(st)
    period = (st.day, date(2026, 4, 30))
    clothing = st.services.reports.run(st.manager, "handouts", Filters(*period, category="clothing"))
    assert clothing.section("lines").rows == () and clothing.section("monthly").rows == ()
    rice = st.services.reports.run(st.manager, "handouts", Filters(*period, category="grain_oil", origin="purchased"))
    assert len(rice.section("lines").rows) == 5
    donated = st.services.reports.run(st.manager, "handouts", Filters(*period, origin="donated"))
    assert donated.section("lines").rows == ()  # rice and noodles are tagged purchased
    april = st.services.reports.run(st.manager, "handouts", Filters(date(2026, 4, 1), date(2026, 4, 30)))
    assert april.section("monthly").values("month") == ["2026-04", "2026-04", "2026-04"]  # one month: no whole-period rows


def test_an_empty_period_and_the_english_words(ledger_store) -> None:
    st = ledger_store
    empty = st.services.reports.run(st.manager, "handouts", Filters(date(2026, 2, 1), date(2026, 3, 9)))
    assert empty.section("lines").rows == () and empty.section("monthly").rows == ()
    assert empty.section("lines").totals_row()[empty.section("lines").column("value")] == 0
    more_handouts(st)
    report = st.services.reports.run(st.manager, "handouts", Filters(st.day, st.day), language="en")
    lines = report.section("lines")
    assert lines.values("household_category") == ["Subsistence allowance"] * 3
    assert lines.values("over_allowance") == ["", "Yes", "Yes"] and lines.values("category")[0] == "Grain and oil"
    assert report.section("monthly").values("household_category") == ["Subsistence allowance", "Total"]
    assert report.title.en == "Relief handouts"
