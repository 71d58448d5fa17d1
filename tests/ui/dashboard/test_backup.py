"""Backups as the manager sees them: the alarm and the warnings on the
overview, the backup after a shift close with its message, and the backup
folder in Settings, a manager's choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from charity_pos import config
from charity_pos.services import backup
from charity_pos.services.backup import BackupState
from charity_pos.ui.app import Shell
from charity_pos.ui.dashboard import DashboardScreen
from charity_pos.ui.dashboard.backup import BackupRunner
from charity_pos.ui.settings import SettingsDialog
from tests.ui.conftest import FakeApproval
from tests.ui.ledger import cashier, manager, services  # noqa: F401 - fixtures


def _dashboard(qtbot, services, manager, feedback, settings) -> DashboardScreen:
    screen = DashboardScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    screen.use_settings(settings)
    screen.resize(1024, 700)
    screen.show()
    screen.activate()
    qtbot.waitUntil(lambda: not screen.loader.busy(), timeout=10_000)
    return screen


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    made = tmp_path / "usb"
    made.mkdir()
    return made


def test_a_good_backup_is_a_quiet_line(qtbot, services, manager, feedback, usb, clock) -> None:
    made = backup.make_backup(services.db.path, usb, clock=clock)
    screen = _dashboard(qtbot, services, manager, feedback, config.Settings(backup_folder=str(usb)))
    assert screen.backup.isVisible() and screen.backup.level == "ok"
    assert screen.backup.objectName() == "hint"
    assert made.path.name in screen.backup.text() and "已校验" in screen.backup.text()


def test_a_failed_check_is_an_alarm_on_the_overview(qtbot, services, manager, feedback, usb, clock) -> None:
    backup.make_backup(services.db.path, usb, clock=clock)
    good = backup.read_state(services.store().id)
    clock.advance(days=1)
    backup._write_state(services.store().id, BackupState(clock(), False, "check", "value", good.last_good_at,
                                                          good.last_good_file))
    screen = _dashboard(qtbot, services, manager, feedback, config.Settings(backup_folder=str(usb)))
    assert screen.backup.level == "alarm" and screen.backup.objectName() == "alert"
    assert screen.backup.text().startswith("警报") and "value" in screen.backup.text()
    assert "2026-03-10 10:00" in screen.backup.text(), "the last good backup is named"


def test_a_missing_usb_folder_and_an_old_backup_are_warnings(qtbot, services, manager, feedback, usb, clock) -> None:
    backup.make_backup(services.db.path, usb, clock=clock)
    gone = usb.with_name("E-drive")
    screen = _dashboard(qtbot, services, manager, feedback, config.Settings(backup_folder=str(gone)))
    assert screen.backup.level == "warning" and str(gone) in screen.backup.text() and "U 盘" in screen.backup.text()
    clock.advance(days=2, hours=1)
    screen.use_settings(config.Settings(backup_folder=str(usb)))
    assert screen.backup.level == "warning" and "超过 2 天" in screen.backup.text()


def test_the_backup_after_a_shift_close_is_told_and_shown(qtbot, services, manager, cashier, feedback, usb,
                                                          clock) -> None:
    from charity_pos.ui.main_window import MainWindow
    from charity_pos.ui.app import screens

    settings = config.Settings(backup_folder=str(usb))
    shell = Shell(services, settings, feedback)
    runner = BackupRunner(services.db.path, settings, clock)
    shell.start_backups(runner, at_start=False)
    shell.main = MainWindow(services, manager, screens(), feedback, FakeApproval(None))
    qtbot.addWidget(shell.main)
    services.shifts.open(cashier, "1", 50000)
    with qtbot.waitSignal(runner.finished, timeout=20_000):
        services.shifts.close(cashier, "1", {10000: 5})
        # the backup runs in the background: the status bar says so meanwhile
        assert not shell.main.backup_running.isHidden()
        assert any(label.text() == "正在备份…" for label in shell.main.backup_running.findChildren(QLabel))
    assert shell.main.backup_running.isHidden(), "gone once the backup is made"
    assert [p.name for p in usb.glob("*.sqlite3")] == ["PT01-20260310-100000.sqlite3"]
    assert "备份完成并已校验" in shell.main.statusBar().currentMessage()
    # the USB disk is pulled out: the next close stands, and the manager is told why no backup was made
    usb.rename(usb.with_name("pulled"))
    services.shifts.open(cashier, "1", 50000)
    with qtbot.waitSignal(runner.failed, timeout=20_000):
        services.shifts.close(cashier, "1", {10000: 5})
    assert services.shifts.current("1") is None
    assert shell.main.backup_running.isHidden(), "a failed backup is not shown as still running"
    assert feedback.errors and "不存在" in feedback.errors[-1]
    qtbot.waitUntil(lambda: not runner.busy())


def test_the_days_first_start_backs_up_once(qtbot, services, feedback, usb, clock) -> None:
    settings = config.Settings(backup_folder=str(usb))
    runner = BackupRunner(services.db.path, settings, clock)
    with qtbot.waitSignal(runner.finished, timeout=20_000) as first:
        runner.at_start()
    assert first.args[0] is not None
    with qtbot.waitSignal(runner.finished, timeout=20_000) as second:
        runner.at_start()
    assert second.args[0] is None and len(list(usb.glob("*.sqlite3"))) == 1


# --- Settings ----------------------------------------------------------------------------------------------
def test_a_manager_chooses_the_backup_folder(qtbot, services, manager, usb) -> None:
    settings = config.Settings()
    dialog = SettingsDialog(settings, None, services, manager)
    qtbot.addWidget(dialog)
    assert any("backup-key" in label.text() for label in dialog.findChildren(QLabel)), "keep the key file apart"
    dialog.ask_folder = lambda: str(usb.with_name("F-drive"))  # type: ignore[method-assign]
    dialog.choose_backup_folder()
    dialog.accept()
    assert not dialog.message.isHidden() and "不存在" in dialog.message.text()
    assert config.Settings.load().backup_folder == "", "nothing saved"
    dialog.ask_folder = lambda: str(usb)  # type: ignore[method-assign]
    dialog.choose_backup_folder()
    dialog.keep["monthly"].setValue(24)
    dialog.accept()
    saved = config.Settings.load()
    assert (saved.backups, saved.backup_keep_monthly) == (usb, 24)


def test_a_cashier_cannot_change_the_backup_folder(qtbot, services, cashier, usb) -> None:
    settings = config.Settings()
    dialog = SettingsDialog(settings, None, services, cashier)
    qtbot.addWidget(dialog)
    assert not dialog.backup_folder.isEnabled() and not dialog.keep["daily"].isEnabled()
    dialog.backup_folder.setText(str(usb))  # enabled or not, the service decides
    dialog.accept()
    assert not dialog.message.isHidden() and config.Settings.load().backup_folder == ""
