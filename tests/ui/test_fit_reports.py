"""Every ledger and report fits the counter PC's screen: each kind shown
in the main window at 1024x768, in Chinese and in English, for the day of
the store with large amounts (¥12,345.67 given, a sale of ¥12,402.70), has
every amount whole in its column, on every tab, and nothing off-screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from charity_pos.ui.app import SCREENS
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.reports import ReportsScreen
from tests.ui.conftest import FakeApproval
from tests.ui.ledger import cashier, ledger_store, manager, services  # noqa: F401 - fixtures
from tests.ui.test_fit import SCALED, SMALLEST, money_cut, outside, settle, shoot, squeezed, too_short
from tests.ui.test_fit import clipped  # buttons whose text is cut
from tests.ui.test_fit import big_store, language  # noqa: F401 - fixtures


def test_every_report_fits(qtbot, big_store, feedback, language) -> None:  # noqa: F811
    st = big_store
    window = MainWindow(st.services, st.manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    window.show()
    window.resize(SMALLEST)
    screen = next(s for s in window.screens if isinstance(s, ReportsScreen))
    window.navigation.setCurrentRow(window.screens.index(screen))
    settle(qtbot)
    kinds = [screen.kinds.item(i).data(Qt.ItemDataRole.UserRole) for i in range(screen.kinds.count())]
    assert len(kinds) > 5
    problems = []
    for kind in kinds:
        assert screen.select_kind(kind)
        screen.set_period(st.day, st.day)
        screen.show_now()
        qtbot.waitUntil(lambda: not screen.loader.busy(), timeout=20_000)
        assert screen.report is not None and screen.report.kind == kind, screen.message.text()
        for tab in range(screen.tabs.count()):
            screen.tabs.setCurrentIndex(tab)
            settle(qtbot)
            where = f"{kind} tab {screen.tabs.tabText(tab)!r} at {SMALLEST.width()}x{SMALLEST.height()} ({language})"
            problems += [f"{where}: {what} is outside the window" for what in outside(window)]
            problems += [f"{where}: amount cut: {what}" for what in money_cut(window)]
            problems += [f"{where}: button text cut: {what}" for what in clipped(window)]
            problems += [f"{where}: column cut: {what}" for what in squeezed(window)]
            problems += [f"{where}: table too short: {what}" for what in too_short(window)]
            if tab == 0 and not SCALED:
                shoot(window, f"report-{kind}-{language}")
    assert not problems, "\n".join(problems)
