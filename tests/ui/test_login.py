from __future__ import annotations

from PySide6.QtCore import Qt

from charity_pos.services.base import Role
from charity_pos.ui.login import LoginScreen


def _choose(screen: LoginScreen, username: str) -> None:
    screen.user.setCurrentIndex(screen.user.findData(username))


def test_cashier_logs_in_with_keyboard(qtbot, services) -> None:
    screen = LoginScreen(services)
    qtbot.addWidget(screen)
    assert screen.user.currentData() == "cashier", "the most frequent user is offered first"
    qtbot.keyClicks(screen.pin, "1111")
    with qtbot.waitSignal(screen.logged_in) as signal:
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    actor = signal.args[0]
    assert actor.username == "cashier" and actor.role == Role.CASHIER
    assert screen.pin.text() == "", "the PIN never stays on screen"


def test_wrong_pin_says_how_many_tries_are_left(qtbot, services) -> None:
    screen = LoginScreen(services)
    qtbot.addWidget(screen)
    with qtbot.assertNotEmitted(screen.logged_in):
        qtbot.keyClicks(screen.pin, "0000")
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert "PIN 码错误" in screen.message.text()
    assert "4 次" in screen.message.text()


def test_five_wrong_pins_lock_the_account(qtbot, services) -> None:
    screen = LoginScreen(services)
    qtbot.addWidget(screen)
    for _ in range(5):
        qtbot.keyClicks(screen.pin, "0000")
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert "已锁定" in screen.message.text()
    with qtbot.assertNotEmitted(screen.logged_in):
        qtbot.keyClicks(screen.pin, "1111")
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert "已锁定" in screen.message.text()


def test_pin_field_takes_digits_only(qtbot, services) -> None:
    screen = LoginScreen(services)
    qtbot.addWidget(screen)
    qtbot.keyClicks(screen.pin, "12ab34")
    assert screen.pin.text() == "1234"
