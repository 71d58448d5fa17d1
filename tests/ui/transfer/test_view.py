"""The transfer screen (Ctrl+Shift+Y, managers only): pick the receiving store and lots, Enter adds a lot, F12
sends (the goods leave stock); on the incoming page a transfer the hub passed on waits in red, a line is set to
what arrived with its reason (Enter) and F12 confirms; more than a lot holds, or a short line without its
reason, is refused with nothing changed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from charity_pos.ledger import journal
from charity_pos.services.transfers import (
    DistrictStoreRow, GoodsLine, IncomingTransfer, TransferLineDraft, TransferService, record_incoming,
    replace_district_stores,
)
from charity_pos.ui.transfer import TransferScreen
from tests.ui.conftest import FakeApproval, show_active

NUMBER = "JA02-2026-Y000007"


def district(services) -> None:
    own = services.store().code
    with services.db.begin() as s:
        replace_district_stores(s, [DistrictStoreRow(own, "本店", "store"),
                                    DistrictStoreRow("JA02", "静安区江宁路街道慈善超市", "store"),
                                    DistrictStoreRow("JAWH", "静安区慈善物资仓库", "warehouse")])
        record_incoming(s, [IncomingTransfer(NUMBER, "JA02", own, datetime(2026, 3, 9, 2, 0, tzinfo=UTC), "冬衣", (
            GoodsLine(1, None, "羽绒服 男款", "件", "clothing", 5000, "donated", None, "2200000000017", "donation",
                      "JA02", "2200000000017", "JA02-2026-D000003", 8000, 5),))], at=datetime.now(UTC), sequence=1,
                        where="test")
        journal.append(s, "district.applied", actor=None, at=datetime.now(UTC), facts={"test": True})


@pytest.fixture
def screen(qtbot, services, manager, feedback, stocked):
    district(services)
    made = TransferScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(made)
    made.resize(1024, 768)
    show_active(made)
    made.activate()
    return made


def texts(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_send_picks_a_store_and_lots_and_the_goods_leave_stock(qtbot, screen, services, stocked) -> None:
    stores = [screen.store.itemData(i) for i in range(screen.store.count())]
    assert stores == ["JA02", "JAWH"]  # never this store itself
    rice = stocked["rice"]
    before = services.stock.on_hand(rice.id)
    screen.lot_search.setText(rice.name[:2])
    assert all(rice.name[:2] in row[0] for row in texts(screen.lots_model))
    screen.units.setValue(before + 1)
    qtbot.keyClick(screen.lot_search, Qt.Key.Key_Return)
    assert "cannot be sent" in screen.message.text() or "不能" in screen.message.text()
    assert texts(screen.picked_model) == []
    screen.units.setValue(2)
    qtbot.keyClick(screen.lot_search, Qt.Key.Key_Return)
    assert [row[2] for row in texts(screen.picked_model)] == ["2"]
    screen.store.setCurrentIndex(1)
    qtbot.keyClick(screen, Qt.Key.Key_F12)
    sent = TransferService(services.ctx, services.accounts).transfers(direction="out")
    assert [(t.other_store, t.units_sent) for t in sent] == [("JAWH", 2)]
    assert sent[0].number in screen.message.text()
    assert services.stock.on_hand(rice.id) == before - 2
    assert texts(screen.picked_model) == []


def test_incoming_is_confirmed_line_by_line_with_the_reason_for_a_difference(qtbot, screen, services) -> None:
    screen.tabs.setCurrentIndex(1)
    rows = texts(screen.list_model)
    assert rows[0][0] == NUMBER and "JA02" in rows[0][2]
    assert [row[3:5] for row in texts(screen.arrived_model)] == [["5", "5"]]
    screen.got.setValue(4)
    qtbot.keyClick(screen.why, Qt.Key.Key_Return)  # no reason yet: set, but confirming is refused
    qtbot.keyClick(screen, Qt.Key.Key_F12)
    transfers = TransferService(services.ctx, services.accounts)
    assert transfers.get(NUMBER).status == "waiting"
    assert screen.message.text()
    screen.arrived_table.selectRow(0)
    screen.got.setValue(4)
    screen.why.setText("一件破损")
    qtbot.keyClick(screen.why, Qt.Key.Key_Return)
    qtbot.keyClick(screen, Qt.Key.Key_F12)
    row = transfers.get(NUMBER)
    assert row.status == "received" and row.units_received == 4
    assert row.lines[0].difference_reason == "一件破损" and row.lines[0].lot_code
    assert NUMBER in screen.message.text()
    # the goods are in stock here, in a lot of their own that keeps where they came from
    lots = [lot for lot in transfers.lots() if lot.document == NUMBER]
    assert [(lot.item_name, lot.left, lot.origin) for lot in lots] == [("羽绒服 男款", 4, "donation")]


def test_cashiers_do_not_see_the_screen() -> None:
    from charity_pos.services.base import Role

    assert TransferScreen.roles == frozenset({Role.MANAGER})


def test_the_trace_screen_shows_goods_sent_to_another_store(qtbot, screen, services, manager, feedback,
                                                           stocked) -> None:
    from charity_pos.ui.trace import TraceScreen

    rice = stocked["rice"]
    lot = next(lot for lot in TransferService(services.ctx, services.accounts).lots() if lot.item_name == rice.name)
    number = TransferService(services.ctx, services.accounts).send(
        manager, "JA02", [TransferLineDraft(lot.lot_id, 3)]).number
    trace = TraceScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(trace)
    found = trace.show_trace(number)
    assert found is not None and trace.figures["transferred"].text() == "3"
    sent = [r for r in range(trace.model.rowCount()) if trace.model.index(r, 0).data() and
            "JA02" in (trace.model.index(r, 7).data() or "")]
    assert sent and trace.model.index(sent[0], 1).data() == "调往其他门店"
