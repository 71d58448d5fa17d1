"""The hub app fits a small district office PC too: its window, holding a
demo store's bundle and a sub-district's registry, laid out offscreen at
1024x768, 1366x768 and 1920x1080 in Chinese and in English, has no control
outside the window and no amount of money cut on any of its screens; a
store's month opens in a dialog that fits; the registry shows household
categories and card states as words (低保, 在用), never as codes."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

import pytest
from charity_pos.hub import reporting
from charity_pos.hub.users import add_user, login
from charity_pos.hub_ui.login import HubLoginScreen
from charity_pos.hub_ui.reporting import StoreMonthDialog
from charity_pos.hub_ui.window import HubWindow
from charity_pos.services.base import STORE_TZ
from tests.hub.test_downstream import GOOD, write_csv
from tests.hub.test_hub_gui_reports import Clock, hub, months  # noqa: F401  (fixtures)
from tests.hub.test_figures import demo  # noqa: F401  (fixtures)
from tests.ui.test_fit import SCALED, SIZES, SMALLEST, money_cut, outside, settle, shoot, squeezed, too_short
from tests.ui.test_fit import clipped  # buttons whose text is cut
from tests.ui.test_fit_dialogs import check_dialog
from tests.ui.test_fit import language  # noqa: F401 - a fixture


@pytest.fixture
def window(qtbot, hub, months, language, tmp_path: Path):  # noqa: F811
    """The hub's window, made in the language under test."""
    add_user(hub, "wangli", "王丽", "2468")
    made = HubWindow(hub, login(hub, "wangli", "2468"), "静安区",
                     Clock(datetime.combine(months[-1].end, time(12), STORE_TZ)))
    qtbot.addWidget(made)
    made.show()
    registry = made.registry_screen
    registry.choose_spreadsheet = lambda: write_csv(tmp_path / "名单.csv", GOOD)  # type: ignore[method-assign]
    registry.import_button.click()
    qtbot.waitUntil(lambda: registry.job is None, timeout=60_000)
    yield made
    made.wait_for_jobs()
    made.close()


def test_every_hub_screen_fits(qtbot, window: HubWindow, language: str) -> None:  # noqa: F811
    problems = []
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        qtbot.waitUntil(lambda: not window.busy(), timeout=60_000)
        name = type(window.stack.currentWidget()).__name__
        for size in SIZES:
            window.resize(size)
            settle(qtbot)
            where = f"{name} at {size.width()}x{size.height()} ({language})"
            if window.size().width() > size.width() or window.size().height() > size.height():
                problems.append(f"{where}: the window cannot shrink to the screen, it is "
                                f"{window.size().width()}x{window.size().height()}")
            problems += [f"{where}: {what} is outside the window" for what in outside(window)]
            problems += [f"{where}: amount cut: {what}" for what in money_cut(window)]
            problems += [f"{where}: button text cut: {what}" for what in clipped(window)]
            problems += [f"{where}: column cut: {what}" for what in squeezed(window)]
            problems += [f"{where}: table too short: {what}" for what in too_short(window)]
            if size == SMALLEST and not SCALED:
                shoot(window, f"hub-{name}-{language}")
    assert not problems, "\n".join(problems)


def test_a_stores_month_fits(qtbot, hub, months, language: str) -> None:  # noqa: F811
    month = reporting.store_month(hub, "JA01", months[-1].start.strftime("%Y-%m"),
                                  clock=Clock(datetime.combine(months[-1].end, time(12), STORE_TZ)))
    dialog = StoreMonthDialog(month)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    dialog.resize(dialog.size().expandedTo(dialog.minimumSizeHint()).boundedTo(SMALLEST))
    settle(qtbot)
    assert dialog.kinds.count() > 1
    assert dialog.size().width() <= SMALLEST.width() and dialog.size().height() <= SMALLEST.height()
    assert outside(dialog) == []
    if not SCALED:
        shoot(dialog, f"hub-dialog-store-month-{language}")


def test_the_hub_login_fits(qtbot, hub, language: str) -> None:  # noqa: F811
    add_user(hub, "wangli", "王丽", "2468")
    problems = check_dialog(qtbot, HubLoginScreen(hub, "静安区"), f"hub-login-{language}")
    assert not problems, "\n".join(problems)


def test_the_registry_shows_words_not_codes(qtbot, window: HubWindow, language: str) -> None:  # noqa: F811
    model = window.registry_screen.model
    window.registry_screen.reload()
    qtbot.waitUntil(lambda: model.rowCount() == len(GOOD), timeout=10_000)
    shown = {model.data(model.index(r, c)) for r in range(model.rowCount()) for c in (4, 7)}
    if language == "zh_CN":
        assert shown == {"低保", "特困", "在用"}
    else:
        assert shown == {"Subsistence allowance", "Extreme poverty", "In use"}
