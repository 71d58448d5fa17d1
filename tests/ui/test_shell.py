"""What both apps share (``ui.shell``, ``ui.login_form``): log in, the main
window in place of the log-in, log out and the log-in again, with its
accounts read again; a refused start said as the command line says it."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from charity_pos.errors import PosError, WrongPin
from charity_pos.ui.login_form import LoginForm
from charity_pos.ui import shell as shell_module
from charity_pos.ui.shell import AppWindow, LoginShell, app_icon, refuse


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


def test_the_apps_icon_comes_from_the_package() -> None:
    """The icon every window and the task bar show (drawn by packaging/icon.py): from the
    package's files, so that an installed package and the standalone build carry it."""
    icon = app_icon()
    assert not icon.isNull()
    assert icon.availableSizes() == [QSize(256, 256)]


def test_a_missing_icon_leaves_the_app_without_one_and_says_so_in_the_log(monkeypatch, caplog) -> None:
    monkeypatch.setattr(shell_module, "ICON", "resources/icons/gone.png")
    assert app_icon().isNull()
    assert "resources/icons/gone.png" in caplog.text


def test_both_apps_windows_carry_the_icon(tmp_path) -> None:
    """make_application (the store's app and the hub's) sets it for the application, so every window has it;
    in a fresh process, as it changes the application for good (translations, theme)."""
    probe = ("from PySide6.QtWidgets import QWidget\n"
             "from charity_pos.config import Settings\n"
             "from charity_pos.ui.shell import make_application\n"
             "app = make_application('en', Settings())\n"
             "print(app.windowIcon().isNull(), QWidget().windowIcon().isNull())\n")
    env = dict(os.environ, CHARITY_POS_HOME=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
