"""What both apps share (``ui.shell``, ``ui.login_form``): log in, the main
window in place of the log-in, log out and the log-in again, with its
accounts read again; a refused start said as the command line says it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from charity_pos.errors import PosError, WrongPin
from charity_pos.ui.login_form import LoginForm
from charity_pos.ui.shell import AppWindow, LoginShell, refuse


class Form(LoginForm):
    def __init__(self) -> None:
        super().__init__()
        self.reloads = 0
        self.reload_users()

    def accounts(self) -> list[tuple[str, str]]:
        self.reloads += 1
        return [("王丽华 · 收银员 (cashier)", "cashier")]

    def check(self, username: str, pin: str) -> object:
        if pin != "1111":
            raise WrongPin(username=username, attempts_left=4)
        return username


class Shell(LoginShell):
    def make_main(self, actor: Any) -> AppWindow:
        self.actor = actor
        return AppWindow()


def test_log_in_main_window_log_out_and_log_in_again(qtbot) -> None:
    shell = Shell(Form())
    qtbot.addWidget(shell.login)
    shell.start()
    shell.login.pin.setText("0000")
    shell.login.button.click()
    assert shell.main is None and "4 次" in shell.login.message.text() and shell.login.pin.text() == ""
    shell.login.pin.setText("1111")
    shell.login.button.click()
    main = shell.main
    assert main is not None and shell.actor == "cashier"
    qtbot.addWidget(main)
    assert main.isVisible() and main.isMaximized() and not shell.login.isVisible()
    main.logout_requested.emit()
    assert shell.main is None and shell.login.isVisible() and shell.login.reloads == 2


def test_a_main_window_of_a_given_size(qtbot) -> None:
    shell = Shell(Form())
    shell.MAIN_SIZE = QSize(900, 600)
    qtbot.addWidget(shell.login)
    shell.start()
    shell.login.pin.setText("1111")
    shell.login.submit()
    assert shell.main is not None
    qtbot.addWidget(shell.main)
    assert shell.main.size() == QSize(900, 600) and not shell.main.isMaximized()


def test_a_refused_start_is_said_on_the_terminal(capsys) -> None:
    refuse(QApplication.instance(), PosError())  # type: ignore[arg-type]
    assert capsys.readouterr().err.startswith("错误：")
