"""The first start on a new PC: with no store file where the app looks, the
first-start window comes up (and only then); a new store made in it, a
backup restored through it or a store file chosen in it leads to the usual
log-in, where the manager logs in; what the services refuse is said in the
window with their own message and nothing is written; quitting leaves nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from charity_pos import config, i18n
from charity_pos.errors import NotABackup, PosError, WrongPassphrase
from charity_pos.services import backup
from charity_pos.services.store import glance, init_store
from charity_pos.ui.first_start import FirstStartDialog
from charity_pos.ui.login import LoginScreen, StoreDoor
from tests.ui.conftest import FakeFeedback, show_active

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "长江黄河 泰山华山 2026"


def _home() -> Path:
    return Path(os.environ["CHARITY_POS_HOME"])


def _written(home: Path) -> list[str]:
    """Every file under the app's folders (data, settings, keys, logs aside)."""
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file() and "logs" not in p.parts)


class Asked:
    """Stands in for the file dialog: answers the paths given, in turn, and remembers being asked."""

    def __init__(self, *answers: Path | str) -> None:
        self.answers = [str(a) for a in answers]
        self.titles: list[str] = []

    def __call__(self, parent, title: str, name_filter: str) -> str:
        self.titles.append(title)
        return self.answers.pop(0) if self.answers else ""


def _dialog(qtbot, path: Path, ask: Asked | None = None, feedback: FakeFeedback | None = None,
            settings: config.Settings | None = None) -> FirstStartDialog:
    dialog = FirstStartDialog(path, settings or config.Settings(), feedback or FakeFeedback(), ask or Asked())
    qtbot.addWidget(dialog)
    show_active(dialog)  # the keys 1-4 are the window's shortcuts
    return dialog


def _fill(dialog: FirstStartDialog, code: str = "pt09", name: str = "普陀区真如镇慈善超市", district: str = "普陀区",
          manager: str = "王芳", pin: str = "2468", again: str | None = None) -> None:
    dialog.code.setText(code)
    dialog.name.setText(name)
    dialog.district.setText(district)
    dialog.manager.setText(manager)
    dialog.pin.setText(pin)
    dialog.pin_again.setText(pin if again is None else again)


def _log_in(qtbot, path: Path, username: str, pin: str) -> list[str]:
    door = StoreDoor(path, glance(path))
    login = LoginScreen(door)
    qtbot.addWidget(login)
    login.show()
    assert login.user.findData(username) >= 0
    login.user.setCurrentIndex(login.user.findData(username))
    login.pin.setText(pin)
    actors: list[str] = []
    login.logged_in.connect(lambda actor: actors.append(actor.username))
    login.submit()
    door.close()
    return actors


# --- when it comes up -------------------------------------------------------------------------------------
def _run(argv: list[str], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "charity_pos", *argv], capture_output=True, text=True, timeout=180,
                          cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
                                             CHARITY_POS_HOME=str(home), **env))


def test_the_window_comes_up_when_the_store_file_is_missing_and_only_then(tmp_path: Path) -> None:
    home = tmp_path / "new-pc"
    done = _run([], home, CHARITY_POS_EXIT_WHEN_READY="1")  # the start-menu shortcut: no arguments
    log = (home / "logs" / "charity-pos.log").read_text(encoding="utf-8")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "first-start window up" in log and "log-in window up" not in log
    assert _written(home) == []  # only looked: no store, no settings
    store = home / "data" / "store.sqlite3"
    init_store(store, store_code="PT01", name="普陀一店", district="普陀区", manager_pin="1234").close()
    (home / "logs" / "charity-pos.log").unlink()
    done = _run([], home, CHARITY_POS_EXIT_WHEN_READY="1")
    log = (home / "logs" / "charity-pos.log").read_text(encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert "log-in window up" in log and "first-start" not in log


def test_a_damaged_store_file_is_refused_as_before_not_set_up_again(tmp_path: Path) -> None:
    home = tmp_path / "pc"
    store = home / "data" / "store.sqlite3"
    store.parent.mkdir(parents=True)
    store.write_bytes(b"not a store")
    done = _run([], home, CHARITY_POS_EXIT_WHEN_READY="store")
    assert done.returncode == 1 and done.stderr.strip() and "Traceback" not in done.stderr
    assert "first-start" not in (home / "logs" / "charity-pos.log").read_text(encoding="utf-8")
    assert store.read_bytes() == b"not a store"


APP_THROUGH_THE_WINDOW = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from charity_pos import config
from charity_pos.ui import app as app_module, first_start

choice = sys.argv[1]
def answer(self):
    if choice == "new":
        self.new_button.click()
        self.code.setText("pt09"); self.name.setText("普陀区真如镇慈善超市"); self.district.setText("普陀区")
        self.manager.setText("王芳"); self.pin.setText("2468"); self.pin_again.setText("2468")
        self.create_button.click()
    else:
        self.quit_button.click()
    return self.result()
first_start.FirstStartDialog.exec = answer

def start(self):
    app_module.LoginShell.start(self)
    login = self.login
    login.user.setCurrentIndex(login.user.findData("manager"))
    login.pin.setText("2468")
    actors = []
    login.logged_in.connect(lambda actor: actors.append(actor.username))
    login.submit()
    print(json.dumps({"title": login.findChild(type(login.message), "screenTitle").text(), "users": [login.user.itemText(i) for i in range(login.user.count())],
                      "logged_in": actors}, ensure_ascii=False))
    QTimer.singleShot(0, QApplication.instance().quit)
app_module.Shell.start = start
sys.exit(app_module.run_app(config.Settings.load().store, "zh_CN"))
"""


def test_a_store_made_in_the_window_goes_on_to_log_in_where_the_manager_logs_in(tmp_path: Path) -> None:
    home = tmp_path / "new-pc"
    done = subprocess.run([sys.executable, "-c", APP_THROUGH_THE_WINDOW, "new"], capture_output=True, text=True,
                          timeout=180, cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen",
                                                          PYTHONPATH=str(ROOT), CHARITY_POS_HOME=str(home)))
    assert done.returncode == 0, done.stderr
    up = json.loads(done.stdout.strip().splitlines()[-1])
    assert "普陀区真如镇慈善超市" in up["title"]
    assert any("王芳" in user for user in up["users"])
    assert up["logged_in"] == ["manager"]
    assert (home / "data" / "store.sqlite3").is_file()  # where the settings say (the default path)


def test_quitting_the_window_ends_the_app_and_leaves_nothing(tmp_path: Path) -> None:
    home = tmp_path / "new-pc"
    done = subprocess.run([sys.executable, "-c", APP_THROUGH_THE_WINDOW, "quit"], capture_output=True, text=True,
                          timeout=180, cwd=ROOT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen",
                                                          PYTHONPATH=str(ROOT), CHARITY_POS_HOME=str(home)))
    assert done.returncode == 0 and done.stdout == "", done.stderr
    assert _written(home) == []


# --- the choices, by keyboard -------------------------------------------------------------------------------
def test_each_choice_says_when_it_is_the_one_to_take(qtbot, tmp_path: Path) -> None:
    """A volunteer who has not set up a PC before reads under each choice which case it is for."""
    from PySide6.QtWidgets import QLabel

    dialog = _dialog(qtbot, tmp_path / "store.sqlite3")
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert any("门店代码、名称和所属区由区里提供" in text for text in shown), shown
    assert any("电脑换了新的" in text and "备份" in text for text in shown), shown
    assert any("其他磁盘上" in text for text in shown), shown


def test_the_choices_are_taken_by_their_number_and_esc_goes_back_then_quits(qtbot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "data" / "store.sqlite3")
    assert dialog.findChild(type(dialog.choice_message), "screenTitle").text() == "首次使用：设置这台电脑"
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert dialog.pages.currentIndex() == dialog.NEW and dialog.code.hasFocus()
    qtbot.keyClick(dialog.code, Qt.Key.Key_1)  # typed into the field: no choice taken
    assert dialog.code.text() == "1" and dialog.pages.currentIndex() == dialog.NEW
    qtbot.keyClick(dialog.code, Qt.Key.Key_Escape)
    assert dialog.pages.currentIndex() == dialog.CHOICES and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    assert dialog.pages.currentIndex() == dialog.RESTORE
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.keyClick(dialog, Qt.Key.Key_4)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.store is None
    assert _written(_home()) == [] and not (tmp_path / "data").exists()


# --- a new store -----------------------------------------------------------------------------------------------
def test_a_new_store_made_in_the_window_is_the_one_init_makes(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "LocalAppData" / "charity-pos" / "store.sqlite3"  # its folder not there yet
    dialog = _dialog(qtbot, path)
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    _fill(dialog)
    qtbot.keyClick(dialog.pin_again, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.store == path
    seen = glance(path)
    assert seen is not None and seen.store.code == "PT09" and seen.store.district == "普陀区"
    assert [(m.username, m.display_name, m.role) for m in seen.staff] == [("manager", "王芳", "manager")]
    assert config.store_key_file(seen.store.id).is_file()
    assert _log_in(qtbot, path, "manager", "1357") == []  # the PIN chosen, not another
    assert _log_in(qtbot, path, "manager", "2468") == ["manager"]


BAD = {
    "empty store name": dict(name="  "),
    "empty district": dict(district=""),
    "empty manager's name": dict(manager=" "),
    "short PIN": dict(pin="12"),
    "bad store code": dict(code="普陀1"),
    "store code too long": dict(code="PT0000001"),
    "store code of one letter": dict(code="P"),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_input_is_refused_with_the_services_message_and_nothing_written(qtbot, tmp_path: Path,
                                                                              case: str) -> None:
    fields = dict(code="pt09", name="普陀区真如镇慈善超市", district="普陀区", manager="王芳", pin="2468") | BAD[case]
    with pytest.raises(PosError) as refused:  # what ``charity-pos init``'s service says of it
        init_store(tmp_path / "elsewhere.sqlite3", store_code=fields["code"], name=fields["name"],
                   district=fields["district"], manager_pin=fields["pin"], manager_name=fields["manager"])
    path = tmp_path / "new" / "store.sqlite3"
    dialog = _dialog(qtbot, path)
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    _fill(dialog, **fields)
    dialog.create_button.click()
    assert dialog.new_message.text() == i18n.describe(refused.value)
    assert dialog.isVisible() and dialog.store is None
    assert not (tmp_path / "new").exists() and not (tmp_path / "elsewhere.sqlite3").exists()
    assert _written(_home()) == []  # no key file either


def test_pins_that_differ_are_refused_before_anything_is_written(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    dialog = _dialog(qtbot, path)
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    _fill(dialog, pin="2468", again="2469")
    dialog.create_button.click()
    assert dialog.new_message.text() == "两次输入的 PIN 不一致。"
    assert not path.exists() and _written(_home()) == []
    dialog.pin_again.setText("2468")  # put right: made
    dialog.create_button.click()
    assert dialog.store == path and path.is_file()


def test_a_new_store_is_never_made_over_a_protected_file(qtbot, tmp_path: Path) -> None:
    keys = config.config_dir() / "keys" / "store.sqlite3"  # inside the key folder: refused as init refuses it
    dialog = _dialog(qtbot, keys)
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    _fill(dialog)
    dialog.create_button.click()
    assert dialog.new_message.text() and dialog.store is None and not keys.exists()


# --- restore ------------------------------------------------------------------------------------------------------
@pytest.fixture
def backed_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A store on the old PC, its backup (``charity-pos backup``'s service) and its protected key file
    (``backup-key``'s) on a USB disk; then the new PC, which has neither the store nor its key."""
    monkeypatch.setenv("CHARITY_POS_HOME", str(tmp_path / "old-pc"))
    store = tmp_path / "old-pc" / "store.sqlite3"
    init_store(store, store_code="PT07", name="普陀区长寿路街道慈善超市", district="普陀区", manager_pin="8642",
               manager_name="李敏").close()
    usb = tmp_path / "usb"
    usb.mkdir()
    made = backup.make_backup(store, usb)
    key = backup.protect_key(store, usb / "PT07.key", PASSPHRASE)
    monkeypatch.setenv("CHARITY_POS_HOME", str(tmp_path / "new-pc"))
    return made.path, key


def test_a_backup_and_its_key_file_restored_through_the_window(qtbot, tmp_path: Path, backed_up) -> None:
    source, key = backed_up
    path = tmp_path / "new-pc" / "data" / "store.sqlite3"
    feedback = FakeFeedback()
    dialog = _dialog(qtbot, path, Asked(source, key), feedback)
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    dialog.backup_button.click()
    assert dialog.backup_found.text() == "门店 PT07 的备份；这台电脑上没有它的密钥文件：请在下面选择。"
    dialog.key_button.click()
    dialog.passphrase.setText("wrong passphrase 1")
    dialog.restore_button_go.click()  # the key file is opened first: nothing is written
    assert dialog.restore_message.text() == i18n.describe(WrongPassphrase(path=str(key)))
    assert not path.exists() and _written(tmp_path / "new-pc") == []
    dialog.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.store == path and feedback.infos == []
    seen = glance(path)
    assert seen is not None and seen.store.code == "PT07"
    assert config.store_key_file(seen.store.id).is_file()
    assert _log_in(qtbot, path, "manager", "8642") == ["manager"]


def test_a_backup_restored_without_its_key_file_says_so_honestly(qtbot, tmp_path: Path, backed_up) -> None:
    source, _ = backed_up
    path = tmp_path / "new-pc" / "data" / "store.sqlite3"
    feedback = FakeFeedback()
    dialog = _dialog(qtbot, path, Asked(source), feedback)
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    dialog.backup_button.click()
    dialog.restore_button_go.click()
    assert dialog.store == path and path.is_file()
    assert len(feedback.infos) == 1 and "charity-pos restore-key" in feedback.infos[0][1]


def test_what_is_not_a_backup_is_refused_with_the_services_message(qtbot, tmp_path: Path) -> None:
    junk = tmp_path / "photo.sqlite3"
    junk.write_bytes(b"\x89PNG not a backup")
    path = tmp_path / "data" / "store.sqlite3"
    dialog = _dialog(qtbot, path, Asked(junk))
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    dialog.restore_button_go.click()
    assert dialog.restore_message.text() == "请先选择备份文件。"
    dialog.backup_button.click()
    with pytest.raises(PosError) as refused:
        backup.restore(tmp_path / "elsewhere.sqlite3", junk)
    assert dialog.restore_message.text() == i18n.describe(NotABackup(path=str(junk)))
    dialog.restore_button_go.click()
    assert dialog.restore_message.text() == i18n.describe(refused.value)
    assert dialog.store is None and not (tmp_path / "data").exists() and _written(_home()) == []


# --- a store file kept elsewhere -------------------------------------------------------------------------------
def test_an_existing_store_file_is_opened_and_saved_in_the_settings(qtbot, tmp_path: Path) -> None:
    elsewhere = tmp_path / "D" / "门店" / "store.sqlite3"
    init_store(elsewhere, store_code="PT03", name="普陀三店", district="普陀区", manager_pin="1111").close()
    settings = config.Settings(till="2")
    dialog = _dialog(qtbot, tmp_path / "data" / "store.sqlite3", Asked("", elsewhere), settings=settings)
    qtbot.keyClick(dialog, Qt.Key.Key_3)  # the file dialog cancelled: nothing happens
    assert dialog.isVisible() and not (config.config_dir() / "settings.json").exists()
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    assert dialog.store == elsewhere
    saved = config.Settings.load()
    assert saved.store == elsewhere and saved.till == "2"  # the settings as they were, with the store's path
    assert _log_in(qtbot, elsewhere, "manager", "1111") == ["manager"]


def test_a_file_that_is_not_a_store_is_refused_and_not_saved(qtbot, tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("购物清单", encoding="utf-8")
    dialog = _dialog(qtbot, tmp_path / "data" / "store.sqlite3", Asked(junk))
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    assert dialog.choice_message.text() and dialog.store is None and dialog.isVisible()
    assert not (config.config_dir() / "settings.json").exists()
    assert junk.read_text(encoding="utf-8") == "购物清单"
