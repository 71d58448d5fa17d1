"""Starting the app: the log-in window comes up from a plain read of the
store file, before SQLAlchemy, the models or any service is loaded; the
store is opened right behind it (checks, lock, upgrade), and a store that
cannot be opened is refused as before, with a message and exit status 1."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from charity_pos.services import training
from charity_pos.services import store as store_module
from charity_pos.services.base import Role
from charity_pos.services.registry import Services
from charity_pos.services.store import glance
from charity_pos.ui.app import Shell
from charity_pos.ui.login import LoginScreen, StoreDoor
from charity_pos.config import Settings

ROOT = Path(__file__).resolve().parents[2]

UP_WITHOUT_THE_STORE = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
from charity_pos import config
from charity_pos.services.store import glance
from charity_pos.ui.app import Shell
from charity_pos.ui.login import StoreDoor
qt = QApplication([])
path = Path(sys.argv[1])
shell = Shell(StoreDoor(path, glance(path)), config.Settings())
shell.start()
qt.processEvents()
login = shell.login
up = {"visible": login.isVisible(), "title": login.findChild(type(login.message), "screenTitle").text(),
      "users": [login.user.itemData(i) for i in range(login.user.count())],
      "loaded": sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy" or
                       m.startswith(("charity_pos.db", "charity_pos.services.")) and m != "charity_pos.services.store")}
login.user.setCurrentIndex(login.user.findData("cashier"))
login.pin.setText("1111")
actors = []
login.logged_in.connect(actors.append)
login.submit()
up["logged_in"] = [a.username for a in actors]
print(json.dumps(up, ensure_ascii=False))
shell.door.close()
"""


def _run(argv: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=180, cwd=ROOT,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), **env))


def test_the_log_in_window_comes_up_before_the_store_is_opened(services: Services) -> None:
    path = services.db.path
    services.close()  # the child opens it
    done = _run([sys.executable, "-c", UP_WITHOUT_THE_STORE, str(path)])
    assert done.returncode == 0, done.stderr
    up = json.loads(done.stdout.strip().splitlines()[-1])
    assert up["visible"] and up["title"] == "普陀区长征镇慈善超市"
    assert up["users"] == ["cashier", "manager"], "cashiers first, as the services list them"
    assert up["loaded"] == [], "no SQLAlchemy, model or service before the window is up"
    assert up["logged_in"] == ["cashier"], "Enter opens the store if it is not open yet, and logs in"


def test_glance_reads_what_the_services_read(services: Services) -> None:
    manager = services.accounts.login("manager", "9999")
    services.accounts.create_user(manager, "zhao", "赵敏", Role.CASHIER, "2222")
    services.accounts.set_active(manager, "zhao", False)
    services.accounts.create_user(manager, "amy", "李艾米", Role.MANAGER, "3333")
    seen = glance(services.db.path)
    assert seen is not None
    assert seen.store == services.store()
    assert [(m.username, m.display_name, m.role) for m in seen.staff] == [
        (u.username, u.display_name, u.role.value) for u in services.accounts.users(active_only=True)]
    assert "zhao" not in [m.username for m in seen.staff], "an account switched off is not offered"


def test_glance_says_nothing_of_what_is_not_a_store(tmp_path: Path) -> None:
    assert glance(tmp_path / "missing.db") is None
    (tmp_path / "text.db").write_text("not a database")
    assert glance(tmp_path / "text.db") is None
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE store (x)")
    other.commit()
    other.close()
    assert glance(tmp_path / "other.db") is None, "a file of another schema: opening it says what is wrong"
    assert glance(tmp_path) is None


def test_glance_knows_a_training_copy_as_the_training_service_does(services: Services) -> None:
    assert store_module._TRAINING_APP_ID == training.TRAINING_APP_ID
    manager = services.accounts.login("manager", "9999")
    copy = training.start(services.ctx, manager, training.Source.LIVE)
    seen = glance(Path(copy.path))
    assert seen is not None and seen.store.training
    assert not glance(services.db.path).store.training  # type: ignore[union-attr]


def test_the_training_choice_finds_the_copy_where_the_service_makes_it(qtbot, services: Services) -> None:
    screen = LoginScreen(services)
    qtbot.addWidget(screen)
    assert screen.mode is not None
    assert screen.mode.training_path() == training.training_path(services.db.path)


def test_enter_before_the_store_is_open_opens_it_and_refuses_a_wrong_pin(qtbot, services: Services) -> None:
    path = services.db.path
    services.close()
    door = StoreDoor(path, glance(path))
    screen = LoginScreen(door)
    qtbot.addWidget(screen)
    assert not door.is_open
    qtbot.keyClicks(screen.pin, "0000")
    with qtbot.assertNotEmitted(screen.logged_in):
        qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    assert door.is_open and "PIN 码错误" in screen.message.text()
    door.close()


def test_enter_while_the_store_cannot_be_opened_says_why_on_the_log_in_window(qtbot, services: Services) -> None:
    """Enter pressed before the store is open asks for it; a refusal is said
    on the log-in window and logs no one in (the app itself, opening the
    store behind the window, says it and ends: see the tests below)."""
    door = StoreDoor(services.db.path, glance(services.db.path))  # this process holds the store: in use
    shell = Shell(door, Settings(till="1"))
    qtbot.addWidget(shell.login)
    shell.login.user.setCurrentIndex(shell.login.user.findData("cashier"))
    qtbot.keyClicks(shell.login.pin, "1111")
    with qtbot.assertNotEmitted(shell.login.logged_in):
        qtbot.keyClick(shell.login.pin, Qt.Key.Key_Return)
    assert "使用" in shell.login.message.text(), shell.login.message.text()
    assert not door.is_open


def test_the_app_opens_the_store_behind_its_log_in_window(services: Services) -> None:
    path = services.db.path
    services.close()
    for ready in ("1", "store"):
        done = _run([sys.executable, "-m", "charity_pos", "gui", "--db", str(path)], CHARITY_POS_EXIT_WHEN_READY=ready)
        assert done.returncode == 0, done.stderr


def test_the_app_refuses_a_store_in_use_with_a_message(services: Services, tmp_path: Path) -> None:
    # held by this process (another copy of the app): the log-in window came up, the store is refused
    done = _run([sys.executable, "-m", "charity_pos", "gui", "--db", str(services.db.path)],
                CHARITY_POS_EXIT_WHEN_READY="store")
    assert done.returncode == 1
    assert "使用" in done.stderr and "Traceback" not in done.stderr, done.stderr
    # a file that is not there is not refused: the first-start window comes up (tests/ui/test_first_start.py)
    done = _run([sys.executable, "-m", "charity_pos", "gui", "--db", str(tmp_path / "missing.db")],
                CHARITY_POS_EXIT_WHEN_READY="store", CHARITY_POS_HOME=str(tmp_path / "home"))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "first-start window up" in (tmp_path / "home" / "logs" / "charity-pos.log").read_text(encoding="utf-8")
    assert not (tmp_path / "missing.db").exists()
