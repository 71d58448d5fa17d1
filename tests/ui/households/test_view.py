"""The households screen: masked everywhere, managers only, suspending with a
reason, the whole ID number shown once and logged, the sub-district's list
imported through its preview, a household's handouts this period."""

from __future__ import annotations

import csv
import dataclasses
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from charity_pos.db.models import AuditEntry
from charity_pos.domain.days import STORE_TZ
from charity_pos.domain.identity import id_check_char
from charity_pos.errors import PermissionDenied
from charity_pos.services.base import local_date
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.ui.app import SCREENS
from charity_pos.ui.households import HouseholdsScreen
from charity_pos.ui.households.dialogs import NewHouseholdDialog, RevealDialog, SuspendDialog
from charity_pos.ui.households.history import HandoutsDialog
from charity_pos.ui.households.importing import ImportPreviewDialog
from charity_pos.ui.households.model import HouseholdTableModel
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.sales import SaleScreen
from tests.ui.conftest import FakeApproval, show_active


def make_id(birth: str, seq: str, area: str = "310105") -> str:
    """A fictitious ID number with a valid check character."""
    first17 = area + birth + seq
    return first17 + id_check_char(first17)


def masked(number: str) -> str:
    return number[:6] + "********" + number[-4:]


TODAY = datetime.now(STORE_TZ).date()  # the store's day (Shanghai), not this machine's
PEOPLE = [  # card, name, ID number, category, valid to
    ("AX000001", "王建国", make_id("19491231", "002"), HouseholdCategory.DIBAO, TODAY + timedelta(days=300)),
    ("AX000002", "李秀英", make_id("19560304", "024"), HouseholdCategory.TEKUN, TODAY + timedelta(days=300)),
    ("AX000003", "张伟明", make_id("19700812", "035"), HouseholdCategory.LOW_INCOME, TODAY - timedelta(days=40)),
]


def _register(services, manager, card: str, name: str, number: str, category: HouseholdCategory,
              valid_to: date) -> uuid.UUID:
    draft = HouseholdDraft(card, name, number, 3, category, "石门二路街道", "静民救〔2026〕001号",
                           valid_to - timedelta(days=365), valid_to, valid_to - timedelta(days=365))
    return services.households.register(manager, draft).ids[0]


@pytest.fixture
def registered(services, manager) -> dict[str, uuid.UUID]:
    return {card: _register(services, manager, card, name, number, category, valid_to)
            for card, name, number, category, valid_to in PEOPLE}


def _screen(qtbot, services, actor, feedback) -> HouseholdsScreen:
    """The screen with its list in (it is filled right after it is built)."""
    screen = HouseholdsScreen(services, actor, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    screen.changed.connect(screen.on_changed)  # as the main window would pass it on
    with qtbot.waitSignal(screen.model.modelReset):
        pass
    return screen


def _cells(model, roles=(Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.EditRole)) -> list[str]:
    """Every text the model gives: cells, tooltips, headers, and the fields
    of the row objects it hands out."""
    texts = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            texts += [str(model.data(model.index(r, c), role)) for role in roles]
        row = model.data(model.index(r, 0), Qt.ItemDataRole.UserRole)
        texts += [str(getattr(row, f.name)) for f in dataclasses.fields(row)]
    return texts


def _select(screen: HouseholdsScreen, card: str) -> None:
    number = screen.model.row_where(lambda line: line.card_number == card)
    assert number >= 0, card
    screen.table.selectRow(number)


def _status(screen: HouseholdsScreen, card: str) -> str:
    number = screen.model.row_where(lambda line: line.card_number == card)
    return screen.model.data(screen.model.index(number, HouseholdTableModel.STATUS))


# --- the list -------------------------------------------------------------------
def test_the_list_shows_masked_names_and_id_numbers_only(qtbot, qtmodeltester, services, manager, feedback,
                                                          registered) -> None:
    services.household_status.suspend(manager, registered["AX000002"], "证明复核中")
    screen = _screen(qtbot, services, manager, feedback)
    qtmodeltester.check(screen.model)
    assert screen.model.rowCount() == 3
    texts = _cells(screen.model)
    for _card, name, number, _category, _to in PEOPLE:
        assert not any(name in text for text in texts), name
        assert not any(number in text for text in texts), "a whole ID number in the model"
        assert not any(number[6:14] in text for text in texts), "the birth date of an ID number in the model"
    first = [screen.model.data(screen.model.index(0, c)) for c in range(screen.model.columnCount())]
    assert first == ["AX000001", "王**", masked(PEOPLE[0][2]), "3", "低保", "石门二路街道",
                     PEOPLE[0][4].isoformat(), "在用"]
    assert screen.model.headerData(1, Qt.Orientation.Horizontal) == "户主"


def test_suspended_cards_show_their_reason_and_lapsed_ones_are_greyed(qtbot, services, manager, feedback,
                                                                      registered) -> None:
    services.household_status.suspend(manager, registered["AX000002"], "证明复核中")
    screen = _screen(qtbot, services, manager, feedback)
    assert _status(screen, "AX000002") == "已暂停：证明复核中"
    lapsed = screen.model.row_where(lambda line: line.card_number == "AX000003")
    assert _status(screen, "AX000003") == f"已失效（{PEOPLE[2][4].isoformat()}）"
    grey = screen.model.data(screen.model.index(lapsed, HouseholdTableModel.NAME), Qt.ItemDataRole.ForegroundRole)
    assert grey is not None and grey.color().name() == "#888888"
    active = screen.model.row_where(lambda line: line.card_number == "AX000001")
    assert screen.model.data(screen.model.index(active, 1), Qt.ItemDataRole.ForegroundRole) is None
    screen.show_only.setCurrentIndex(HouseholdsScreen.LAPSED)
    assert [line.card_number for line in screen.model.rows()] == ["AX000003"]
    screen.show_only.setCurrentIndex(HouseholdsScreen.SUSPENDED)
    assert [line.card_number for line in screen.model.rows()] == ["AX000002"]


def test_erased_households_stay_in_the_list_greyed_without_personal_data(qtbot, services, manager, feedback) -> None:
    _register(services, manager, "AX000009", "钱淑珍", make_id("19400101", "091"), HouseholdCategory.DIBAO,
              TODAY - timedelta(days=3 * 366))
    assert services.household_status.erase_lapsed(manager) is not None
    screen = _screen(qtbot, services, manager, feedback)
    assert [screen.model.data(screen.model.index(0, c)) for c in (0, 1, 2, 7)] == [
        "AX000009", "—", "—", "已失效，个人信息已删除"]
    _select(screen, "AX000009")
    assert not screen.reveal_button.isEnabled() and not screen.suspend_button.isEnabled()


def test_search_by_card_name_pinyin_and_id_digits(qtbot, services, manager, feedback, registered) -> None:
    screen = _screen(qtbot, services, manager, feedback)

    def found(text: str) -> list[str]:
        screen.search.setText(text)
        screen.refresh()
        return [line.card_number for line in screen.model.rows()]

    assert found("ax000002") == ["AX000002"]
    assert found("王建国") == ["AX000001"], "a manager may type the whole name; it is matched, never shown"
    assert found("zwm") == ["AX000003"]
    assert found(PEOPLE[1][2][-4:]) == ["AX000002"]
    assert found("特困") == ["AX000002"]
    assert found("") == ["AX000001", "AX000002", "AX000003"]


# --- who sees it ------------------------------------------------------------------
def test_a_cashier_does_not_get_the_screen_and_the_services_refuse_anyway(qtbot, services, cashier,
                                                                          feedback, registered) -> None:
    window = MainWindow(services, cashier, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert not any(isinstance(s, HouseholdsScreen) for s in window.screens)
    assert all("困难家庭" not in window.navigation.item(i).text() for i in range(window.navigation.count()))
    with pytest.raises(PermissionDenied):
        services.households.reveal_id(cashier, registered["AX000001"])
    with pytest.raises(PermissionDenied):
        services.household_status.suspend(cashier, registered["AX000001"], "试试")


def test_ctrl_h_brings_the_screen_up_from_the_counter_and_is_used_once(qtbot, services, manager, feedback) -> None:
    window = MainWindow(services, manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    show_active(window)
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert "困难家庭  (Ctrl+H)" in labels
    qtbot.keyClick(window, Qt.Key.Key_F9)  # a manager lands on the overview: go to the counter
    sale = window.current_screen()
    assert isinstance(sale, SaleScreen) and sale.scan.hasFocus(), "from the counter, with the scan field typing"
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    screen = window.current_screen()
    assert isinstance(screen, HouseholdsScreen) and screen.search.hasFocus()
    key = QKeySequence(HouseholdsScreen.shortcut)
    taken = [a for a in window.findChildren(QAction) if key in a.shortcuts()]
    taken += [s for s in window.findChildren(QShortcut) if s.key() == key]
    assert len(taken) == 1, "Ctrl+H belongs to the households screen only"
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert isinstance(window.current_screen(), SaleScreen)


def test_the_keys_work_from_the_search_field(qtbot, services, manager, feedback, registered) -> None:
    """Type to find, ↓ into the list, and each action's key opens it."""
    window = MainWindow(services, manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    show_active(window)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    screen = window.current_screen()
    assert isinstance(screen, HouseholdsScreen)
    opened: list[str] = []
    screen.run_dialog = lambda dialog: opened.append(type(dialog).__name__) or 0  # type: ignore[method-assign]
    screen.choose_file = lambda: opened.append("choose_file")  # type: ignore[method-assign]
    qtbot.keyClicks(screen.search, "AX000002")
    screen.refresh()
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    assert screen.table.hasFocus() and screen.selected().card_number == "AX000002"
    screen.search.setFocus()
    feedback.answer = False
    for key in (Qt.Key.Key_T, Qt.Key.Key_I, Qt.Key.Key_J, Qt.Key.Key_N, Qt.Key.Key_O, Qt.Key.Key_R):
        qtbot.keyClick(screen.search, key, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["SuspendDialog", "HandoutsDialog", "NewHouseholdDialog", "choose_file", "QuotaRulesDialog"]
    assert feedback.confirms[-1][0] == "完整身份证号", "Ctrl+I asked first (and was told no)"
    assert screen.search.text() == "AX000002", "no key edited the search field"


def test_every_action_shows_its_key(qtbot, services, manager, feedback) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    texts = [b.text() for b in (screen.new_button, screen.suspend_button, screen.reveal_button,
                                screen.handouts_button, screen.import_button, screen.rules_button)]
    assert texts == ["新建家庭 (Ctrl+N)", "暂停… (Ctrl+T)", "查看完整身份证号… (Ctrl+I)", "本期领取记录 (Ctrl+J)",
                     "导入表格… (Ctrl+O)", "配额规则… (Ctrl+R)"]


# --- new household -----------------------------------------------------------------
def test_new_household_lists_every_problem_then_saves(qtbot, services, manager, feedback) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    good_id = make_id("19650707", "017")
    shown: list[str] = []

    def fill(dialog: NewHouseholdDialog) -> int:
        dialog.card_number.setText("ax000010")
        dialog.head_name.setText("孙丽华")
        dialog.id_number.setText(good_id[:17] + ("0" if good_id[17] != "0" else "1"))
        dialog.accept()
        shown.append(dialog.problems.text())
        dialog.consent.setChecked(True)
        dialog.id_number.setText(good_id)
        dialog.subdistrict.setText("石门二路街道")
        dialog.certificate_ref.setText("静民救〔2026〕017号")
        dialog.accept()
        shown.append(dialog.id_number.text())
        return dialog.result()

    screen.run_dialog = fill  # type: ignore[method-assign]
    screen.new_household()
    problems = shown[0].splitlines()
    assert problems[0].startswith("请先记录户主的单独同意")
    assert "身份证号最后一位（校验码）错误。" in problems
    assert "街道不能为空。" in problems and "认定文书编号不能为空。" in problems
    assert shown[1] == "", "the typed ID number is wiped once saved"
    assert screen.selected() is not None and screen.selected().card_number == "AX000010"
    assert screen.selected().id_masked == masked(good_id)


# --- suspend and reactivate --------------------------------------------------------
def test_suspend_asks_a_reason_and_the_card_then_shows_suspended(qtbot, services, manager, feedback,
                                                                 registered) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    _select(screen, "AX000001")
    asked: list[str] = []

    def fill(dialog: SuspendDialog) -> int:
        dialog.reason.setText("   ")
        dialog.accept()  # no reason: refused, the dialog stays open
        asked.append(dialog.warning.text())
        dialog.reason.setText("户口迁出本街道")
        dialog.accept()
        return dialog.result()

    screen.run_dialog = fill  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.changed):
        screen.suspend_or_reactivate()
    assert asked == ["原因不能为空。"]
    assert _status(screen, "AX000001") == "已暂停：户口迁出本街道"
    assert screen.selected().card_number == "AX000001"
    assert screen.suspend_button.text() == "恢复使用 (Ctrl+T)"
    assert services.households.households()[0].status == "suspended"

    feedback.answer = True
    with qtbot.waitSignal(screen.changed):
        screen.suspend_or_reactivate()
    assert feedback.confirms[-1][1] == "恢复使用卡 AX000001（王**）？"
    assert _status(screen, "AX000001") == "在用"
    assert screen.suspend_button.text() == "暂停… (Ctrl+T)"


# --- the whole ID number ------------------------------------------------------------
def _reveals(services) -> list[AuditEntry]:
    with services.db.read() as s:
        return [a for a in s.scalars(select(AuditEntry)) if a.action == "household.reveal_id"]


def test_reveal_shows_the_whole_number_once_and_writes_an_audit_entry(qtbot, services, manager, feedback,
                                                                      registered) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    _select(screen, "AX000002")
    seen: list[str] = []

    def look(dialog: RevealDialog) -> int:
        seen.append(dialog.number.text())
        dialog.reject()
        seen.append(dialog.number.text())
        return dialog.result()

    screen.run_dialog = look  # type: ignore[method-assign]
    feedback.answer = True
    screen.reveal_id()
    title, question = feedback.confirms[-1]
    assert title == "完整身份证号" and "审计日志" in question and "AX000002" in question
    assert seen == [PEOPLE[1][2], ""], "the number is shown, then wiped when the dialog closes"
    entries = _reveals(services)
    assert len(entries) == 1 and entries[0].user_id == manager.user_id
    assert str(registered["AX000002"]) in entries[0].detail and PEOPLE[1][2] not in entries[0].detail
    assert not any(PEOPLE[1][2] in text for text in _cells(screen.model)), "never kept in the model"


def test_reveal_declined_shows_nothing_and_logs_nothing(qtbot, services, manager, feedback, registered) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    _select(screen, "AX000001")
    opened: list[QDialog] = []
    screen.run_dialog = lambda dialog: opened.append(dialog) or 0  # type: ignore[method-assign]
    feedback.answer = False
    screen.reveal_id()
    assert opened == [] and _reveals(services) == []


def test_the_reveal_dialog_closes_by_itself(qtbot, services, manager, feedback, registered) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    line = screen.model.row_at(0)
    dialog = RevealDialog(line, PEOPLE[0][2])
    qtbot.addWidget(dialog)
    dialog.timer.setInterval(10)
    dialog.timer.start()
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.number.text() == ""


# --- handouts this period ------------------------------------------------------------
def test_handouts_this_period(qtbot, qtmodeltester, services, manager, feedback, registered, stocked) -> None:
    rice = stocked["rice"]
    services.handouts.complete(manager, HandoutDraft(uuid.uuid4(), registered["AX000001"],
                                                     (HandoutLineDraft(rice.id, 1),)))  # type: ignore[attr-defined]
    screen = _screen(qtbot, services, manager, feedback)
    _select(screen, "AX000001")
    shown: list[HandoutsDialog] = []
    screen.run_dialog = lambda dialog: shown.append(dialog) or 0  # type: ignore[method-assign]
    screen.show_handouts()
    dialog = shown[0]
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 4)) == "¥32.90"
    assert dialog.summary.text() == "本期领取 1 次，共 ¥32.90。"
    today = local_date(services.ctx.now())
    assert dialog.period.start == today.replace(day=1)
    assert "剩余" in dialog.standing.text()


# --- importing the sub-district's list -------------------------------------------------
HEADER = ["救助证号", "户主姓名", "身份证号", "家庭人数", "救助类别", "认定街道", "认定文书号", "有效期起", "有效期止",
          "同意日期"]
GOOD_1 = ("JA100001", "周永福", make_id("19520202", "112"))
GOOD_2 = ("JA100002", "吴桂兰", make_id("19480808", "124"))
BAD = ("JA100003", "郑小红", make_id("19770303", "136")[:17] + "0")
BAD = BAD if make_id("19770303", "136")[17] != "0" else (BAD[0], BAD[1], BAD[2][:17] + "1")


def _csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["石门二路街道困难家庭名单"])
        writer.writerow(HEADER)
        for card, name, number in (GOOD_1, BAD, GOOD_2):
            writer.writerow([card, name, number, 2, "低保", "石门二路街道", "静民救〔2026〕100号", "2026-01-01",
                             "2026-12-31", "2026-01-01"])
    return path


def test_import_previews_the_bad_rows_with_reasons_then_imports_the_good_ones(
        qtbot, qtmodeltester, services, manager, feedback, registered, tmp_path) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    source = _csv(tmp_path / "名单.csv")
    screen.choose_file = lambda: source  # type: ignore[method-assign]
    previews: list[dict[str, object]] = []

    def look_then_import(dialog: ImportPreviewDialog) -> int:
        qtmodeltester.check(dialog.model)
        previews.append({
            "summary": dialog.summary.text(),
            "button": dialog.import_button.text(),
            "rows": [[dialog.model.data(dialog.model.index(r, c)) for c in range(5)]
                     for r in range(dialog.model.rowCount())],
            "texts": _cells(dialog.model, (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)),
        })
        dialog.import_button.click()
        qtbot.waitUntil(lambda: not dialog.background.busy(), timeout=20_000)
        return dialog.result()

    screen.run_dialog = look_then_import  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.changed):
        screen.import_spreadsheet()
    preview = previews[0]
    assert preview["summary"] == "共 3 行：2 行可以导入，1 行需先更正。"
    assert preview["button"] == "导入 2 行正确数据"
    assert preview["rows"] == [["4", "JA100003", "郑**", masked(BAD[2]), "身份证号最后一位（校验码）错误。"]]
    for _card, name, number in (GOOD_1, GOOD_2, BAD):
        assert not any(name in str(t) or number in str(t) for t in preview["texts"]), "masked in the preview"  # type: ignore[attr-defined]

    cards = [h.card_number for h in services.households.households()]
    assert "JA100001" in cards and "JA100002" in cards and "JA100003" not in cards
    assert screen.model.row_where(lambda line: line.card_number == "JA100002") >= 0
    rejects = tmp_path / "名单.rejects.csv"
    title, text = feedback.infos[-1]
    assert title == "导入困难家庭"
    assert text == f"已导入 2 户。\n需更正的 1 行已写入 {rejects}。"
    with rejects.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[-1][0] == "JA100003" and "校验码" in rows[-1][-1]


def test_an_unreadable_file_is_refused_before_any_preview(qtbot, services, manager, feedback, tmp_path) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    wrong = tmp_path / "名单.txt"
    wrong.write_text("户主姓名\n", encoding="utf-8")
    screen.choose_file = lambda: wrong  # type: ignore[method-assign]
    opened: list[QDialog] = []
    screen.run_dialog = lambda dialog: opened.append(dialog) or 0  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.background.failed, timeout=20_000):
        assert screen.import_spreadsheet()
    assert opened == [] and len(feedback.errors) == 1 and "名单.txt" in feedback.errors[0]


def test_cancelling_the_preview_imports_nothing(qtbot, services, manager, feedback, tmp_path) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    source = _csv(tmp_path / "list.csv")
    screen.choose_file = lambda: source  # type: ignore[method-assign]
    screen.run_dialog = lambda dialog: dialog.reject() or dialog.result()  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.background.succeeded, timeout=20_000):
        screen.import_spreadsheet()
    assert services.households.households() == [] and not (tmp_path / "list.rejects.csv").exists()
    assert feedback.infos == []


def test_a_folder_at_the_reject_files_name_keeps_the_preview_open_and_imports_nothing(
        qtbot, services, manager, feedback, tmp_path) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    source = _csv(tmp_path / "名单.csv")
    (tmp_path / "名单.rejects.csv").mkdir()
    screen.choose_file = lambda: source  # type: ignore[method-assign]
    shown: list[str] = []

    def try_import(dialog: ImportPreviewDialog) -> int:
        dialog.import_button.click()
        qtbot.waitUntil(lambda: not dialog.background.busy(), timeout=20_000)
        shown.append(dialog.problem.text())
        assert dialog.import_button.isEnabled(), "the user may try again"
        dialog.reject()
        return dialog.result()

    screen.run_dialog = try_import  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.background.succeeded, timeout=20_000):
        screen.import_spreadsheet()
    assert shown == [f"{tmp_path / '名单.rejects.csv'} 是文件夹；请指定要写入的文件名。"]
    assert services.households.households() == [] and feedback.infos == []


def test_when_only_the_reject_file_fails_the_user_is_told_what_was_imported(
        qtbot, services, manager, feedback, tmp_path, monkeypatch) -> None:
    from charity_pos import files

    screen = _screen(qtbot, services, manager, feedback)
    source = _csv(tmp_path / "名单.csv")
    screen.choose_file = lambda: source  # type: ignore[method-assign]
    def import_and_wait(dialog: ImportPreviewDialog) -> int:
        dialog.import_button.click()
        qtbot.waitUntil(lambda: not dialog.background.busy(), timeout=20_000)
        return dialog.result()

    screen.run_dialog = import_and_wait  # type: ignore[method-assign]

    def held(source, target):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as mp, qtbot.waitSignal(screen.changed):
        mp.setattr(files.os, "replace", held)
        screen.import_spreadsheet()
    assert {h.card_number for h in services.households.households()} == {"JA100001", "JA100002"}
    _title, text = feedback.infos[-1]
    rejects = tmp_path / "名单.rejects.csv"
    assert text == (f"已导入 2 户。\n已导入 2 户家庭，但需更正的记录没有写出：无法写入 {rejects}："
                    "没有写入权限（或文件正被其他程序打开）。")


def test_the_list_is_read_and_imported_off_the_ui_thread(qtbot, services, manager, feedback, tmp_path,
                                                         monkeypatch) -> None:
    import threading

    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    from charity_pos.services import household_import

    threads: dict[str, QThread] = {}
    release = threading.Event()
    real_preview, real_import = household_import.preview, household_import.import_with_rejects

    def preview(*args, **kwargs):
        threads["read"] = QThread.currentThread()
        assert release.wait(10)
        return real_preview(*args, **kwargs)

    def import_with_rejects(*args, **kwargs):
        threads["import"] = QThread.currentThread()
        return real_import(*args, **kwargs)

    monkeypatch.setattr(household_import, "preview", preview)
    monkeypatch.setattr(household_import, "import_with_rejects", import_with_rejects)
    screen = _screen(qtbot, services, manager, feedback)
    source = _csv(tmp_path / "名单.csv")
    chosen: list[Path] = []
    screen.choose_file = lambda: chosen.append(source) or source  # type: ignore[method-assign]

    def import_and_wait(dialog: ImportPreviewDialog) -> int:
        dialog.import_button.click()
        qtbot.waitUntil(lambda: not dialog.background.busy(), timeout=20_000)
        return dialog.result()

    screen.run_dialog = import_and_wait  # type: ignore[method-assign]
    assert screen.import_spreadsheet()
    qtbot.waitUntil(lambda: "read" in threads)
    assert screen.background.dialog is not None and screen.background.dialog.isVisible()
    assert not screen.import_spreadsheet() and len(chosen) == 1, "Ctrl+O again while reading does nothing"
    with qtbot.waitSignal(screen.changed, timeout=20_000):
        release.set()
    main = QApplication.instance().thread()
    assert threads["read"] is not main and threads["import"] is not main
    assert {h.card_number for h in services.households.households()} == {"JA100001", "JA100002"}


def test_cancelling_the_reading_shows_no_preview(qtbot, services, manager, feedback, tmp_path,
                                                 monkeypatch) -> None:
    import threading

    from PySide6.QtWidgets import QPushButton

    from charity_pos.services import household_import

    release, real = threading.Event(), household_import.preview
    monkeypatch.setattr(household_import, "preview",
                        lambda *args, **kwargs: (release.wait(10), real(*args, **kwargs))[1])
    screen = _screen(qtbot, services, manager, feedback)
    screen.choose_file = lambda: _csv(tmp_path / "名单.csv")  # type: ignore[method-assign]
    opened: list[QDialog] = []
    screen.run_dialog = lambda dialog: opened.append(dialog) or 0  # type: ignore[method-assign]
    assert screen.import_spreadsheet()
    cancel = screen.background.dialog.findChildren(QPushButton)[0]  # type: ignore[union-attr]
    with qtbot.waitSignal(screen.background.cancelled, timeout=20_000):
        cancel.click()
        release.set()
    assert opened == [] and services.households.households() == [] and feedback.errors == []
