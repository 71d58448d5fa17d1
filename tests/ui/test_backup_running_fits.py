"""The status bar's "backing up" line fits a 1024x768 window in both
languages beside the store, user and date: nothing widens the window and
nothing is cut."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel

from charity_pos.ui.app import SCREENS
from charity_pos.ui.main_window import MainWindow
from tests.ui.conftest import FakeApproval
from tests.ui.test_fit import language, settle  # noqa: F401 - a fixture


def test_the_backup_line_fits_beside_the_status(qtbot, services, manager, feedback, language) -> None:  # noqa: F811
    window = MainWindow(services, manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    window.resize(QSize(1024, 768))
    window.show()
    window.show_backup_running(True)
    settle(qtbot)
    assert window.width() <= 1024, f"the window grew to {window.width()}"
    busy = window.backup_running
    assert busy.isVisible() and busy.geometry().right() <= window.statusBar().width()
    for label in [window.status_label, *busy.findChildren(QLabel)]:
        assert label.width() >= label.sizeHint().width(), f"{label.text()!r} cut"
    window.show_backup_running(False)
    assert busy.isHidden()
