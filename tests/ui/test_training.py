"""Training mode on screen: the log-in's choice, the red banner on every
screen, the title, and the live store's file untouched."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import Qt

from charity_pos.config import Settings
from charity_pos.services import training
from charity_pos.ui.app import Shell
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.training import TrainingBanner
from tests.ui.conftest import show_active
from tests.ui.sales.test_payment import SETTLE_MS, enter, pay, scan



def fingerprint(path: Path) -> tuple[str, str]:
    wal = path.with_name(path.name + "-wal")
    return (hashlib.sha256(path.read_bytes()).hexdigest(),
            hashlib.sha256(wal.read_bytes()).hexdigest() if wal.exists() else "-")


def choose(login, username: str, pin: str) -> None:
    login.user.setCurrentIndex(login.user.findData(username))
    login.pin.setText(pin)


def test_a_manager_switches_to_training_and_every_screen_carries_the_banner(
        qtbot, services, feedback, tmp_path) -> None:
    """The screens are saved as pictures in CHARITY_POS_SHOTS if set (to look at), else in the test's folder."""
    shots = Path(os.environ.get("CHARITY_POS_SHOTS") or tmp_path)
    shell = Shell(services, Settings(till="1"), feedback)
    qtbot.addWidget(shell.login)
    shell.start()
    login = shell.login
    assert login.mode is not None and not login.mode.panel.isVisible()
    login.mode.training.setChecked(True)
    assert login.mode.panel.isVisible()
    assert not login.mode.continue_button.isEnabled(), "no copy to continue yet"
    shots.mkdir(parents=True, exist_ok=True)
    login.show()
    login.grab().save(str(shots / "training-login-choice.png"))
    # a cashier cannot start training: told why, nothing made
    choose(login, "cashier", "1111")
    qtbot.mouseClick(login.mode.fresh_live, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: login.message.text() != "")
    assert "权限" in login.message.text() or "无权" in login.message.text(), login.message.text()
    assert shell.training is None and not training.training_path(services.db.path).exists()
    # a manager's PIN starts it from a fresh copy of this store
    choose(login, "manager", "9999")
    qtbot.mouseClick(login.mode.fresh_live, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.training is not None)
    assert shell.training_login is not None
    services.db.checkpoint()
    live_before = fingerprint(services.db.path)
    trainee_login = shell.training_login
    qtbot.addWidget(trainee_login)
    assert "培训" in trainee_login.windowTitle()
    assert trainee_login.findChild(TrainingBanner) is not None and trainee_login.mode is None
    trainee_login.grab().save(str(shots / "training-login-trainee.png"))
    # a trainee logs in to the copy with their own PIN
    choose(trainee_login, "cashier", "1111")
    qtbot.keyClick(trainee_login.pin, Qt.Key.Key_Return)
    main = shell.main
    assert main is not None
    qtbot.addWidget(main)
    main.showNormal()
    main.resize(1024, 768)
    show_active(main)
    assert "培训" in main.windowTitle()
    banner = main.findChild(TrainingBanner)
    assert banner is not None and "培训模式" in banner.text() and "数据不计入正式账目" in banner.text()
    for row in range(main.navigation.count()):
        main.navigation.setCurrentRow(row)
        qtbot.wait(10)
        assert banner.isVisible() and banner.visibleRegion().boundingRect().height() >= banner.height() - 1
        top_left = banner.mapTo(main, banner.rect().topLeft())
        assert top_left.y() <= main.menuBar().height() + 2, "at the top of the window"
        assert banner.mapTo(main, banner.rect().bottomRight()).x() <= main.width()
    main.navigation.setCurrentRow(0)
    qtbot.wait(20)
    main.grab().save(str(shots / "training-main-1024x768.png"))
    # business in training: goods in and a shift opened, then a sale at the counter, key by key
    sv = main.services
    rice = sv.catalog.search("东北大米")[0]
    manager = sv.accounts.login("manager", "9999")
    main.broadcast(sv.stock.receive(manager, {rice.id: 5}))
    main.broadcast(sv.shifts.open(main.actor, "1", 0))
    counter = main.screens[0]
    assert isinstance(counter, SaleScreen)
    scan(qtbot, counter, "6901234567892")

    def steps(dialog) -> None:
        qtbot.keyClicks(dialog.cash, "50")
        enter(qtbot, dialog)
        qtbot.wait(SETTLE_MS + 50)
        enter(qtbot, dialog)

    pay(qtbot, counter, steps)
    assert len(sv.sales.sales()) == 1 and banner.isVisible()
    # switching back to the live store is a log-out
    shell.logout()
    assert shell.training is None and shell.main is None and login.isVisible()
    assert login.findChild(TrainingBanner) is None and "培训" not in login.windowTitle()
    assert fingerprint(services.db.path) == live_before
    assert services.sales.sales() == []
    # continuing keeps what was done in training
    login.mode.training.setChecked(True)
    assert login.mode.continue_button.isEnabled()
    choose(login, "manager", "9999")
    qtbot.mouseClick(login.mode.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.training is not None)
    assert len(shell.training.sales.sales()) == 1
    shell.leave_training()


def test_log_in_in_training_mode_without_a_choice_says_what_to_do(qtbot, services, feedback) -> None:
    shell = Shell(services, Settings(till="1"), feedback)
    qtbot.addWidget(shell.login)
    shell.login.mode.training.setChecked(True)
    choose(shell.login, "cashier", "1111")
    with qtbot.assertNotEmitted(shell.login.logged_in):
        qtbot.keyClick(shell.login.pin, Qt.Key.Key_Return)
    assert shell.login.message.text()


def test_the_training_log_in_goes_back_to_the_live_store(qtbot, services, feedback) -> None:
    from PySide6.QtWidgets import QPushButton

    shell = Shell(services, Settings(till="1"), feedback)
    qtbot.addWidget(shell.login)
    shell.start()
    shell.login.mode.training.setChecked(True)
    choose(shell.login, "manager", "9999")
    qtbot.mouseClick(shell.login.mode.fresh_live, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shell.training is not None)
    trainee_login = shell.training_login
    assert trainee_login is not None and not shell.login.isVisible()
    qtbot.addWidget(trainee_login)
    back = next(b for b in trainee_login.findChildren(QPushButton) if "返回正式门店" in b.text())
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert shell.training is None and shell.training_login is None and shell.login.isVisible()
    assert shell.login.mode.live.isChecked() and shell.login.mode.continue_button.isEnabled()
