"""经营概览: the manager's first screen shows the hand-counted store's figures
as the manager reads them, each figure opens its report, it reloads when a
change concerns it (only while in front), and cashiers never see it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from charity_pos.domain.money import format_fen
from charity_pos.errors import PermissionDenied
from charity_pos.reports.table import Filters
from charity_pos.ui.app import SCREENS
from charity_pos.ui.dashboard import DashboardScreen
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.reports import ReportsScreen
from charity_pos.ui.sales import SaleScreen
from tests.ui.conftest import FakeApproval
from tests.ui.ledger import cashier, ledger_store, manager, services  # noqa: F401 - fixtures

MONTH = Filters(date(2026, 3, 1), date(2026, 3, 10))
DAY = Filters(date(2026, 3, 10), date(2026, 3, 10))


def _dashboard(qtbot, st, feedback) -> DashboardScreen:
    screen = DashboardScreen(st.services, st.manager, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    screen.resize(1024, 700)
    screen.show()
    screen.activate()
    qtbot.waitUntil(lambda: screen.overview is not None and not screen.loader.busy(), timeout=10_000)
    return screen


def _figure(screen: DashboardScreen, key: str) -> tuple[str, str]:
    tile = screen.tiles[key]
    return tile.value.text(), tile.detail.text()


def test_todays_figures_as_the_manager_reads_them(qtbot, ledger_store, feedback) -> None:
    screen = _dashboard(qtbot, ledger_store, feedback)
    assert _figure(screen, "today_sales") == ("¥75.60", "2 笔销售，退款 ¥25.00")
    assert _figure(screen, "today_donations") == ("3 笔", "物资 ¥620.00 · 16 件")
    assert _figure(screen, "today_cash") == ("¥1,200.00", "2 笔 · 已使用 ¥300.00")
    assert _figure(screen, "today_handouts") == ("1 人次", "物资 ¥65.80 · 2 件")
    assert _figure(screen, "today_households") == ("1 户", "")
    assert _figure(screen, "month_sales")[0] == "¥75.60", "the month so far is the one day"
    assert screen.today_title.text() == "今天 2026-03-10"
    assert screen.month_title.text() == "本月 2026-03-01 至 2026-03-10"


def test_the_drawer_and_the_alerts(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = _dashboard(qtbot, st, feedback)
    # float ¥500 + S1 paid in cash ¥82.90 − T1's coat refunded in cash ¥25.00 (S2 by WeChat, S3 voided)
    value, detail = _figure(screen, "drawer")
    shift = st.services.shifts.current("T1").number  # PT01-2026-B000001
    assert value == "¥557.90" and detail == f"1 个班次未交班：{shift.rsplit('-', 1)[1]}"
    assert _figure(screen, "expiry_soon") == ("0 批", "货架上 0 件")
    assert _figure(screen, "out_of_stock")[0] == "0 种"


def test_the_charts_show_the_period(qtbot, ledger_store, feedback) -> None:
    screen = _dashboard(qtbot, ledger_store, feedback)
    relief = screen.relief_chart.chart()
    axis = relief.axes(Qt.Orientation.Horizontal)[0]
    assert axis.categories() == ["低保"]
    pie = screen.stock_chart.chart().series()[0]
    assert [piece.label().split(" ")[0] for piece in pie.slices()] == ["捐赠", "采购"]
    lines = screen.daily_chart.chart().series()
    assert [line.count() for line in lines] == [30, 30]
    assert lines[0].at(29).y() == pytest.approx(75.60)


def test_each_figure_opens_the_report_behind_it(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = _dashboard(qtbot, st, feedback)
    opened: list[tuple[str, Filters]] = []
    screen.to_report.connect(lambda kind, filters: opened.append((kind, filters)))
    screen.tiles["month_sales"].click()
    screen.tiles["today_donations"].click()
    screen.tiles["month_cash"].setFocus()
    qtbot.keyClick(screen.tiles["month_cash"], Qt.Key.Key_Return)
    qtbot.keyClick(screen.tiles["today_households"], Qt.Key.Key_Space)
    screen.tiles["expiry_later"].click()
    screen.tiles["out_of_stock"].click()
    assert opened == [("sales", MONTH), ("donations", DAY), ("funds", MONTH), ("handouts", DAY),
                      ("expiry", Filters(st.day, st.day + timedelta(days=30))), ("stock", DAY)]


def test_in_the_main_window_a_figure_shows_its_ledger(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    window = MainWindow(st.services, st.manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    dashboard = window.current_screen()
    assert isinstance(dashboard, DashboardScreen), "managers land on the overview"
    assert window.navigation.item(0).text() == "经营概览  (Ctrl+M)"
    qtbot.waitUntil(lambda: dashboard.overview is not None)
    dashboard.tiles["month_donations"].click()
    reports = window.current_screen()
    assert isinstance(reports, ReportsScreen)
    qtbot.waitUntil(lambda: reports.report is not None and not reports.loader.busy())
    assert reports.report.kind == "donations" and reports.report.filters == MONTH
    assert reports.section_model("lines").rowCount() == 4  # three lines and the totals


def test_it_reloads_on_a_change_it_shows_and_not_on_others(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = _dashboard(qtbot, st, feedback)
    changes = st.services.funds.record_use(st.manager, used_on=st.day, amount_fen=10000, kind="activities",
                                           purpose="重阳节敬老活动")
    with qtbot.waitSignal(screen.loader.loaded):
        screen.on_changed(changes)
    assert _figure(screen, "today_cash")[1] == "2 笔 · 已使用 ¥400.00"
    from charity_pos.services.base import Changes, Entity

    screen.on_changed(Changes(frozenset({Entity.USERS})))
    assert not screen.loader.busy()


def test_hidden_it_only_marks_itself_stale_and_reloads_when_shown(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = _dashboard(qtbot, st, feedback)
    screen.hide()
    st.clock.advance(minutes=5)
    changes = st.services.stock.receive(st.manager, {st.noodles.id: 10})
    screen.on_changed(changes)
    assert screen.stale and not screen.loader.busy()
    screen.show()
    with qtbot.waitSignal(screen.loader.loaded):
        screen.activate()
    assert not screen.stale
    pie = screen.stock_chart.chart().series()[0]
    assert pie.slices()[1].label().startswith("采购 34 ")


def test_cashiers_never_see_it_and_keep_the_counter_first(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    window = MainWindow(st.services, st.cashier, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert isinstance(window.current_screen(), SaleScreen)
    assert not any(isinstance(s, DashboardScreen | ReportsScreen) for s in window.screens)
    with pytest.raises(PermissionDenied):
        st.services.reports.figures(st.cashier, st.day, st.day)


def test_a_refusal_is_said_on_the_screen(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = DashboardScreen(st.services, st.cashier, feedback, FakeApproval(None))  # made by mistake
    qtbot.addWidget(screen)
    screen.show()
    screen.activate()
    qtbot.waitUntil(lambda: screen.message.isVisible())
    assert screen.message.text() == "您的角色无权查看台账与报表。" and screen.overview is None


def test_a_long_list_in_a_tile_never_widens_the_overview(qtbot, ledger_store, feedback) -> None:
    from PySide6.QtWidgets import QScrollArea

    screen = _dashboard(qtbot, ledger_store, feedback)
    names = "、".join(f"不锈钢晾衣架 10只装 (捐赠) 第{i}种" for i in range(12))  # many goods out of stock
    screen.tiles["out_of_stock"].set_figure("12 种", names)
    area = screen.findChild(QScrollArea)
    qtbot.waitUntil(lambda: area.widget().width() <= area.viewport().width(), timeout=3_000)
    assert area.widget().minimumSizeHint().width() <= area.viewport().width(), "no tile is cut off at the right"
    detail = screen.tiles["out_of_stock"].detail
    assert detail.text().endswith("…") and detail.toolTip() == names, "the list is cut with …, whole on hover"
    assert screen.tiles["out_of_stock"].accessibleName().endswith(names)


def test_goods_written_off_this_month_and_their_report(qtbot, ledger_store, feedback) -> None:
    from charity_pos.services.writeoffs import WriteoffDraft, WriteoffLineDraft

    st = ledger_store
    lot = max(st.services.writeoffs.lots_on_hand(), key=lambda lot: (lot.on_hand, lot.item_name))
    st.services.writeoffs.write_off(st.manager, WriteoffDraft((WriteoffLineDraft(lot.lot_id, 2),), "damaged"))
    screen = _dashboard(qtbot, st, feedback)
    assert _figure(screen, "written_off") == ("2 件", f"1 张报损单 · 按售价 {format_fen(2 * lot.unit_price_fen)}")
    opened: list[tuple[str, Filters]] = []
    screen.to_report.connect(lambda kind, filters: opened.append((kind, filters)))
    screen.tiles["written_off"].click()
    assert opened == [("writeoffs", MONTH)]
