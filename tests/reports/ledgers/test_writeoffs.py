"""报损明细: every line written off in the period under its W document, with
its reason, the charity or the text, the lot, units, value at sale price
and donation value, who recorded and who approved; a summary by reason;
filters; and the same write-offs in the 出入库台账. Counted by hand on the
reports' store: rice donated at ¥30.00 a bag (sale price ¥32.90), noodles
bought in (¥5.90), blankets donated without a value (¥40.00)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from charity_pos.reports.table import Filters
from charity_pos.services.base import Approval
from charity_pos.services.counter_rules import CounterRules
from charity_pos.services.writeoffs import WriteoffDraft, WriteoffLineDraft


@pytest.fixture
def written(ledger_store):
    st = ledger_store
    sv = st.services
    lots = {lot.item_id: lot for lot in sv.writeoffs.lots_on_hand()}
    sv.counter_rules.set_rules(st.manager, CounterRules(writeoff_limit_fen=5000))  # ¥50: the blankets need a manager
    st.clock.advance(minutes=5)
    w1 = sv.writeoffs.write_off(st.manager, WriteoffDraft((WriteoffLineDraft(lots[st.rice.id].lot_id, 2),),
                                                          "expired")).number
    st.clock.advance(minutes=5)
    w2 = sv.writeoffs.write_off(st.cashier, WriteoffDraft((WriteoffLineDraft(lots[st.noodles.id].lot_id, 5),),
                                                          "damaged", note="包装破损")).number
    st.clock.advance(minutes=5)
    w3 = sv.writeoffs.write_off(st.cashier, WriteoffDraft(
        (WriteoffLineDraft(lots[st.blanket.id].lot_id, 2),), "donated_on", recipient="静安区慈善基金会",
        approval=Approval("manager", "9999", "整批转赠")))
    st.w1, st.w2, st.w3 = w1, w2, w3.number
    st.lots = lots
    return st


def test_every_line_with_its_reason_value_and_who(written) -> None:
    st = written
    report = st.services.reports.run(st.manager, "writeoffs", Filters(st.day, st.day))
    rows = [row[1:] for row in report.section("lines").rows]
    assert rows == [
        (st.w1, "过期", "", "东北大米 5kg", "粮油", "采购", st.d2, "捐赠", 2, 3290, 6580, 6000, "店长", ""),
        (st.w2, "破损", "包装破损", "龙须挂面 1kg", "粮油", "采购", st.r1, "采购入库", 5, 590, 2950, None, "王丽华", ""),
        (st.w3, "转赠", "静安区慈善基金会", "羊毛毯", "床上用品", "捐赠", st.lots[st.blanket.id].code, "捐赠", 2, 4000, 8000, None, "王丽华",
         "店长"),
    ]
    assert report.section("lines").totals_row()[9:] == (9, None, 17530, 6000, None, None)
    assert report.section("reasons").rows == (("破损", 1, 5, 2950, 0), ("过期", 1, 2, 6580, 6000),
                                              ("转赠", 1, 2, 8000, 0))
    assert report.title.zh == "报损明细" and report.landscape


def test_filters_the_day_after_and_english(written) -> None:
    st = written
    donated = st.services.reports.run(st.manager, "writeoffs", Filters(st.day, st.day, origin="donated"))
    assert [row[4] for row in donated.section("lines").rows] == ["羊毛毯"]  # rice and noodles are tagged purchased
    bedding = st.services.reports.run(st.manager, "writeoffs", Filters(st.day, st.day, category="bedding"))
    assert len(bedding.section("lines").rows) == 1
    later = st.services.reports.run(st.manager, "writeoffs", Filters(st.next_day, st.next_day + timedelta(days=3)))
    assert later.section("lines").rows == () and later.section("reasons").rows == ()
    english = st.services.reports.run(st.manager, "writeoffs", Filters(st.day, st.day), language="en")
    assert [row[0] for row in english.section("reasons").rows] == ["Damaged", "Expired", "Given to another charity"]


def test_the_stock_moves_ledger_shows_them_and_the_stock_is_less(written) -> None:
    st = written
    moves = st.services.reports.run(st.manager, "stock-moves", Filters(st.day, st.day))
    rows = [row for row in moves.section("movements").rows if row[5] == "报损核销"]
    assert sorted((row[0], row[6], row[8], row[11]) for row in rows) == [
        ("东北大米 5kg", st.w1, 2, "过期"), ("羊毛毯", st.w3, 2, "转赠：静安区慈善基金会"),
        ("龙须挂面 1kg", st.w2, 5, "破损：包装破损")]
    assert st.services.stock.on_hand(st.rice.id) == 5 and st.services.stock.on_hand(st.blanket.id) == 0


def test_a_rice_bag_written_off_shows_in_its_trace(written) -> None:
    st = written
    trace = st.services.trace.trace(st.manager, st.w3)
    assert trace.kind == "writeoff"
    [event] = [e for e in trace.events if e.kind == "written_off"]
    assert (event.document, event.detail, event.party, event.quantity) == (st.w3, "donated_on", "静安区慈善基金会", 2)
    rice = st.services.trace.trace(st.manager, st.d2)
    assert (rice.totals.received, rice.totals.sold, rice.totals.handed_out, rice.totals.written_off,
            rice.totals.on_shelf) == (10, 1, 2, 2, 5)
