"""The app tells the user once, after the first log-in, that it upgraded the
store file from an earlier version's schema, and where the copy of the file
as it was is kept; a store at this version's schema is opened without a word."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from charity_pos.config import Settings
from charity_pos.db import migrate
from charity_pos.services.registry import Services
from charity_pos.services import upgrade
from charity_pos.ui.app import Shell
from tests.db import store_0001
from tests.services.test_upgrade import PREVIOUS, set_back

TITLE = "门店数据文件已升级"


def logged_in(qtbot, services: Services, feedback, username: str = "cashier", pin: str = "1111") -> Shell:
    shell = Shell(services, Settings(till="1"), feedback)
    qtbot.addWidget(shell.login)
    shell.start()
    shell.open_main(services.accounts.login(username, pin))
    assert shell.main is not None
    qtbot.addWidget(shell.main)
    return shell


def test_the_first_log_in_after_an_upgrade_says_it_once(qtbot, services: Services, feedback) -> None:
    path = services.db.path
    services.close()
    set_back(path)
    opened = Services.open(path)  # as the app opens it behind its log-in window
    try:
        assert opened.db.upgrade is not None
        [copy] = upgrade.copies_of(path)
        shell = logged_in(qtbot, opened, feedback)
        qtbot.waitUntil(lambda: bool(feedback.infos))
        [(title, text)] = feedback.infos
        assert title == TITLE
        assert text == (f"charity-pos 0.2.0 已将门店数据文件从数据结构 {PREVIOUS} 升级到 {migrate.STORE.head()}。"
                        f"升级前的原文件保存为 {copy}；如有需要，可用“charity-pos restore”恢复。")
        shell.logout()
        shell.open_main(opened.accounts.login("manager", "9999"))
        assert shell.main is not None
        qtbot.addWidget(shell.main)
        QCoreApplication.processEvents()
        assert len(feedback.infos) == 1, "told once, not at every log-in"
        shell.close_main()
    finally:
        opened.close()


def test_a_store_at_this_versions_schema_opens_without_a_word(qtbot, services: Services, feedback) -> None:
    assert services.db.upgrade is None
    shell = logged_in(qtbot, services, feedback, "manager", "9999")
    QCoreApplication.processEvents()
    assert feedback.infos == [] and not shell.upgrade_told
    shell.close_main()


def test_the_app_upgrades_a_file_from_the_first_revision_behind_its_log_in_window(tmp_path) -> None:
    """``charity-pos gui`` on a store file of revision 0001: the log-in window comes up from the plain read, the
    store is opened behind it (the copy kept, the upgrade made), and the app goes on (exit 0: started)."""
    old = store_0001.build(tmp_path / "store.sqlite3")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "charity_pos", "gui", "--db", str(old.path)], capture_output=True,
                          text=True, timeout=180, cwd=root,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root),
                                   CHARITY_POS_EXIT_WHEN_READY="store"))
    assert done.returncode == 0, done.stderr
    assert "upgraded" not in done.stderr and "升级" not in done.stderr, "the app says it on its screen, after log-in"
    [copy] = upgrade.copies_of(old.path)
    assert copy.name.startswith("store.sqlite3.before-0.2.0-0001-")
