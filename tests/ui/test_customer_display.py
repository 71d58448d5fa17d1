"""The customer display fed by the counter as a cashier works it: goods
scanned on the sale screen show on it with the total, a cash payment shows
what was paid and the change, then the store's name and a thank-you; a relief
handout shows only the thank-you, never the household. The window fits
1024x768 and 1920x1080 with no text cut; its settings refuse what is wrong
and old settings files still load."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTranslator
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDialog, QLabel

from charity_pos.config import Settings, check_customer_display, config_dir
from charity_pos.devices.pole_display import DisplayLine, PoleDisplay
from charity_pos.domain.money import format_fen
from charity_pos.errors import InvalidInput
from charity_pos.ui.app import SCREENS, Shell
from charity_pos.ui.customer_display import (CustomerDisplayWindow, DisplayFeed, FittedLabel, find_screen,
                                             open_displays)
from charity_pos.ui.handout import HandoutScreen
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.sales.payment import SETTLE_MS, PaymentDialog
from charity_pos.ui.settings import SettingsDialog
from tests.ui.conftest import FakeApproval, answer_dialogs, show_active
from tests.ui.handout.test_view import JACKET, MANAGER_OK, PEOPLE, households  # noqa: F401 - a fixture
from tests.ui.sales.test_view import post_burst

RICE = "6901234567892"  # ¥32.90
STORE = "普陀区长征镇慈善超市"
PAID_SECONDS = 1.5


@pytest.fixture
def display(qtbot) -> CustomerDisplayWindow:
    window = CustomerDisplayWindow(STORE)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window


@pytest.fixture
def counter(qtbot, services, cashier, feedback, open_shift, stocked, display) -> Iterator[tuple[MainWindow, SaleScreen]]:
    """The main window as a cashier has it, its sale screen feeding the display (as the app's shell connects it)."""
    window = MainWindow(services, cashier, SCREENS, feedback, FakeApproval(MANAGER_OK))
    qtbot.addWidget(window)
    feed = DisplayFeed([display], paid_seconds=PAID_SECONDS, parent=window)
    feed.watch(window)
    show_active(window)
    sale = next(s for s in window.screens if isinstance(s, SaleScreen))
    assert window.current_screen() is sale
    yield window, sale


def scan(qtbot, sale: SaleScreen, code: str) -> None:
    qtbot.keyClicks(sale.scan, code)
    qtbot.keyClick(sale.scan, Qt.Key.Key_Return)


def shown_lines(display: CustomerDisplayWindow) -> list[tuple[str, str, str]]:
    return [(name.full_text, quantity.text(), amount.text()) for name, quantity, amount in display.rows
            if name.full_text]


def every_text(display: CustomerDisplayWindow) -> str:
    """Every text the window holds, on any page, shown or not."""
    return "\n".join(label.text() for label in display.findChildren(QLabel))


def pay_cash(qtbot, sale: SaleScreen, tendered: str, during) -> None:
    """F12, the cash tendered and Enter; ``during`` looks while the change is on the dialog; Enter closes it."""

    def steps(dialog: PaymentDialog) -> None:
        assert isinstance(dialog, PaymentDialog)
        qtbot.keyClicks(dialog.cash, tendered)
        qtbot.keyClick(dialog.cash, Qt.Key.Key_Return)
        during()
        qtbot.wait(SETTLE_MS + 50)
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    answer_dialogs(qtbot, sale, steps)
    qtbot.keyClick(sale.scan, Qt.Key.Key_F12)


# --- the counter feeds it ------------------------------------------------------------
def test_scanned_lines_and_total_then_paid_and_change_then_the_thank_you(qtbot, counter, display) -> None:
    window, sale = counter
    assert display.state() == CustomerDisplayWindow.IDLE
    assert display.idle_store.text() == STORE and display.idle_thanks.text() == "感谢您支持慈善事业"
    scan(qtbot, sale, RICE)
    assert display.state() == CustomerDisplayWindow.LINES
    assert shown_lines(display) == [("东北大米 5kg", "×1 袋", "¥32.90")]
    scan(qtbot, sale, "2*sc")  # 生抽 by its pinyin initials, two
    scan(qtbot, sale, RICE)  # the rice again counts up its line
    assert shown_lines(display) == [("东北大米 5kg", "×2 袋", "¥65.80"), ("海天金标生抽 500ml", "×2 瓶", "¥23.80")]
    assert display.total_label.text() == "¥89.60" == sale.total.text()
    assert display.count_label.text() == "共 2 行，4 件"
    assert display.total_caption.text() == "合计"

    seen: dict[str, object] = {}

    def during() -> None:
        seen["state"] = display.state()
        seen["texts"] = (display.paid_total_label.text(), display.paid_label.text(), display.change_label.text())
        seen["captions"] = (display.paid_caption.text(), display.change_caption.text())

    pay_cash(qtbot, sale, "100", during)
    assert seen["state"] == CustomerDisplayWindow.PAID, "the change is shown while the cashier hands it over"
    assert seen["texts"] == ("¥89.60", "¥100.00", "¥10.40") and seen["captions"] == ("实收", "找零")
    assert sale.model.rowCount() == 0
    assert display.state() == CustomerDisplayWindow.PAID, "still up after the dialog closes"
    qtbot.waitUntil(lambda: display.state() == CustomerDisplayWindow.IDLE, timeout=3000)
    assert display.idle_store.text() == STORE


def test_the_next_customers_goods_replace_the_change_at_once(qtbot, counter, display) -> None:
    window, sale = counter
    scan(qtbot, sale, RICE)
    pay_cash(qtbot, sale, "50", lambda: None)
    assert display.state() == CustomerDisplayWindow.PAID and display.change_label.text() == "¥17.10"
    scan(qtbot, sale, RICE)
    assert display.state() == CustomerDisplayWindow.LINES and display.total_label.text() == "¥32.90"
    qtbot.wait(int(PAID_SECONDS * 1000) + 100)
    assert display.state() == CustomerDisplayWindow.LINES, "the lines stay: the old change timed out unseen"


def test_the_newest_lines_are_shown_and_older_ones_scroll_away(qtbot, display) -> None:
    lines = [DisplayLine(f"商品{n}", 1, "件", 100 * n, 100 * n) for n in range(1, 12)]
    display.show_lines(sum(line.amount_fen for line in lines), lines)
    shown = shown_lines(display)
    assert [name for name, _, _ in shown] == [f"商品{n}" for n in range(5, 12)]
    assert display.rows[len(shown) - 1][0].objectName() == "displayNewest"
    assert display.count_label.text() == "共 11 行，11 件" and display.total_label.text() == "¥66.00"


def test_a_cancelled_ticket_goes_back_to_the_thank_you(qtbot, counter, display, feedback) -> None:
    window, sale = counter
    scan(qtbot, sale, RICE)
    qtbot.keyClick(sale.scan, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert feedback.confirms and sale.model.rowCount() == 0
    assert display.state() == CustomerDisplayWindow.IDLE


# --- relief handouts: the thank-you only ---------------------------------------------------
def test_a_handout_never_shows_the_household_or_its_allowance(qtbot, services, cashier, feedback, open_shift,
                                                              households, display) -> None:
    window = MainWindow(services, cashier, SCREENS, feedback, FakeApproval(MANAGER_OK))
    qtbot.addWidget(window)
    DisplayFeed([display], parent=window).watch(window)
    show_active(window)
    sale = next(s for s in window.screens if isinstance(s, SaleScreen))
    handout = next(s for s in window.screens if isinstance(s, HandoutScreen))
    scan(qtbot, sale, RICE)
    assert display.state() == CustomerDisplayWindow.LINES
    qtbot.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert window.current_screen() is handout
    assert display.state() == CustomerDisplayWindow.IDLE, "the handout screen in front: the thank-you"
    post_burst(handout.scan, "AX000001\n" + JACKET + "\n3*" + RICE + "\n")  # beyond the allowance: approved
    qtbot.waitUntil(lambda: handout.model.rowCount() == 2)
    qtbot.keyClick(handout.scan, Qt.Key.Key_F10)  # the bag beyond the allowance goes to the sale's ticket
    assert sale.model.rowCount() == 1
    assert display.state() == CustomerDisplayWindow.IDLE
    household_facts = ("AX000001", PEOPLE[0][1], PEOPLE[0][1][0] + "**", PEOPLE[0][2][-4:], "低保", "¥120.00",
                       "¥19.20", "还可领", "救助", "超额")
    texts = every_text(display)
    assert not [fact for fact in household_facts if fact in texts]
    qtbot.keyClick(handout.scan, Qt.Key.Key_F12)
    assert display.state() == CustomerDisplayWindow.IDLE
    qtbot.keyClick(window, Qt.Key.Key_F9)  # back at the sale: the goods to pay for, nothing else
    assert display.state() == CustomerDisplayWindow.LINES
    assert shown_lines(display) == [("东北大米 5kg", "×2 袋", "¥65.80")]
    texts = every_text(display)
    assert not [fact for fact in household_facts if fact in texts]


# --- a pole display that does not answer ------------------------------------------------------
def test_a_missing_pole_display_is_said_once_and_the_sale_goes_on(qtbot, counter, display, caplog) -> None:
    window, sale = counter
    feed = window.findChild(DisplayFeed)

    def connect() -> object:
        raise OSError(2, "could not open port COM7")

    feed.add(PoleDisplay(connect, "COM7", on_error=feed.pole_failed))
    with caplog.at_level(logging.WARNING, logger="charity_pos.devices"):
        scan(qtbot, sale, RICE)
    qtbot.waitUntil(lambda: "COM7" in sale.notice.text())
    assert sale.notice.text() == "客显屏（COM7）无响应：收银照常进行。请检查客显屏的连线、电源和设置中的端口。"
    assert sale.notice.objectName() == "alert"
    assert "COM7" in caplog.text
    scan(qtbot, sale, RICE)
    assert sale.notice.text() == "东北大米 5kg × 2  ¥65.80", "said once"
    assert display.total_label.text() == "¥65.80", "the window goes on"
    pay_cash(qtbot, sale, "100", lambda: None)
    assert len(sale.services.sales.sales()) == 1


def test_a_failure_before_log_in_is_said_at_the_counter(qtbot, counter, display) -> None:
    window, sale = counter
    feed = DisplayFeed()
    pole = PoleDisplay(lambda: (_ for _ in ()).throw(OSError("gone")), "COM4", on_error=feed.pole_failed)
    feed.add(pole)
    feed.show_idle()  # at start-up, before anyone logged in
    assert feed.pending and "COM4" in feed.pending
    feed.watch(window)
    qtbot.waitUntil(lambda: "COM4" in sale.notice.text())
    assert feed.pending is None


# --- where the window goes ----------------------------------------------------------------------
def test_a_screen_not_connected_means_no_display_and_is_logged(qapp, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="charity_pos.ui.display"):
        assert find_screen("HDMI-9", QGuiApplication.primaryScreen()) is None
    assert "HDMI-9" in caplog.text
    feed = open_displays(Settings(customer_display="screen", display_screen="HDMI-9"), STORE,
                         QGuiApplication.primaryScreen())
    assert feed.displays == []
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, CustomerDisplayWindow) and w.isVisible()]


def test_the_cashiers_own_screen_is_never_covered(qapp, caplog) -> None:
    own = QGuiApplication.primaryScreen()
    with caplog.at_level(logging.WARNING, logger="charity_pos.ui.display"):
        assert find_screen(own.name(), own) is None
    assert "cashier" in caplog.text
    assert open_displays(Settings(customer_display="screen", display_screen=own.name()), STORE, own).displays == []


def test_a_second_screen_gets_the_window_full_screen_and_frameless(qapp) -> None:
    other = QGuiApplication.primaryScreen()
    feed = open_displays(Settings(customer_display="screen", display_screen=other.name()), STORE, None)
    [window] = feed.displays
    try:
        assert isinstance(window, CustomerDisplayWindow)
        assert window.isVisible() and window.isFullScreen() and window.screen() is other
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
        assert not window.testAttribute(Qt.WidgetAttribute.WA_QuitOnClose)
        assert window.state() == CustomerDisplayWindow.IDLE
    finally:
        window.close()
        window.deleteLater()


def test_the_app_connects_the_counter_to_the_display_it_has_in_settings(qtbot, services, cashier, feedback,
                                                                        open_shift, stocked, tmp_path) -> None:
    """The shell opens the pole from the settings at start-up and feeds it from
    each session's sale screen; the failure found before log-in is said at the counter."""
    port = str(tmp_path / "ttyUSB7")
    shell = Shell(services, Settings(till="1", customer_display="pole", pole_port=port, pole_baud=9600), feedback)
    qtbot.addWidget(shell.login)
    shell.start()
    [pole] = shell.display.displays
    assert isinstance(pole, PoleDisplay) and pole.port == port and pole.failure is not None
    seen: list[tuple[str, object]] = []
    shell.display.displays.append(type("Spy", (), {  # what the counter tells the displays
        "show_lines": lambda self, total, lines: seen.append(("lines", total)),
        "show_paid": lambda self, paid, change: seen.append(("paid", change)),
        "show_idle": lambda self: seen.append(("idle", None))})())
    shell.open_main(cashier)
    assert shell.main is not None
    qtbot.addWidget(shell.main)
    show_active(shell.main)
    sale = next(s for s in shell.main.screens if isinstance(s, SaleScreen))
    qtbot.waitUntil(lambda: "ttyUSB7" in sale.notice.text())
    scan(qtbot, sale, RICE)
    assert seen[-1] == ("lines", 3290)
    shell.logout()
    assert seen[-1] == ("idle", None)


def test_a_pole_in_the_settings_gets_a_pole(tmp_path) -> None:
    feed = open_displays(Settings(customer_display="pole", pole_port=str(tmp_path / "ttyS9"), pole_baud=9600),
                         STORE, None)
    [pole] = feed.displays
    assert isinstance(pole, PoleDisplay) and pole.failure is not None, "tried at once, failed quietly"
    assert feed.pending and "ttyS9" in feed.pending


# --- it fits any screen -------------------------------------------------------------------------
def _cut(display: CustomerDisplayWindow) -> list[str]:
    problems = []
    bounds = display.rect()
    for label in display.visible_labels():
        metrics = label.fontMetrics()
        room = label.contentsRect()
        if metrics.horizontalAdvance(label.text()) > room.width():
            problems.append(f"{label.text()!r} needs {metrics.horizontalAdvance(label.text())} of {room.width()}")
        if metrics.height() > room.height():
            problems.append(f"{label.text()!r} is {metrics.height()} high in {room.height()}")
        if not bounds.contains(QRect(label.mapTo(display, QPoint(0, 0)), label.size())):
            problems.append(f"{label.text()!r} is outside the window")
    return problems


@pytest.mark.parametrize("size", [QSize(1024, 768), QSize(1920, 1080), QSize(800, 600), QSize(1080, 1920)],
                         ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_display_fits_with_no_text_cut(qtbot, display, size) -> None:
    display.resize(size)
    qtbot.waitUntil(lambda: display.size() == size)
    long_name = "海天金标生抽 500ml 特级酿造 零添加 家庭装 超长的商品名称一直写到屏幕另一边"
    lines = [DisplayLine("东北大米 5kg", 3, "袋", 3290, 9870)] * 8 + [
        DisplayLine(long_name, 999, "瓶", 99_999_99, 99_999_99 * 999)]
    total = sum(line.amount_fen for line in lines)
    problems = []
    display.show_lines(total, lines)
    qtbot.wait(20)
    problems += [f"lines: {p}" for p in _cut(display)]
    assert display.total_label.text() == format_fen(total), "the total whole"
    newest = display.rows[-1][0]
    assert newest.full_text == long_name and newest.text().endswith("…") and len(newest.text()) >= 6
    assert [amount.text() for _, _, amount in display.rows] == [format_fen(line.amount_fen) for line in lines[-7:]]
    display.show_paid(1_234_567_89, 99_999_99)
    qtbot.wait(20)
    problems += [f"paid: {p}" for p in _cut(display)]
    display.show_idle()
    qtbot.wait(20)
    problems += [f"idle: {p}" for p in _cut(display)]
    assert not problems, "\n".join(problems)
    labels = display.visible_labels()
    assert {label.text() for label in labels} >= {STORE, "感谢您支持慈善事业"}


class English(QTranslator):
    """The app in English: every text is its source."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
        return source

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@pytest.mark.parametrize("size", [QSize(1024, 768), QSize(1920, 1080)], ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_display_fits_in_english_too(qtbot, qapp, size) -> None:
    english = English()
    qapp.installTranslator(english)
    try:
        window = CustomerDisplayWindow("Jing'an Shimen Road No. 2 Sub-district Charity Supermarket")
        qtbot.addWidget(window)
        window.resize(size)
        window.show()
        qtbot.waitUntil(lambda: window.size() == size)
        assert window.idle_thanks.text() == "Thank you for supporting charity"
        problems = [f"idle: {p}" for p in _cut(window)]
        window.show_lines(1_234_567_89, [DisplayLine("Rice 5kg", 12, "bag", 3290, 39480)])
        problems += [f"lines: {p}" for p in _cut(window)]
        assert window.count_label.text() == "Lines: 1 · items: 12"
        window.show_paid(1_300_000_00, 65_432_11)
        problems += [f"paid: {p}" for p in _cut(window)]
        assert window.change_caption.text() == "Change" and window.change_label.text() == "¥65,432.11"
    finally:
        qapp.removeTranslator(english)
    assert not problems, "\n".join(problems)


def test_fonts_grow_with_the_screen(qtbot, display) -> None:
    display.show_lines(9870, [DisplayLine("东北大米 5kg", 3, "袋", 3290, 9870)])
    heights = []
    for size in (QSize(1024, 768), QSize(1920, 1080)):
        display.resize(size)
        qtbot.waitUntil(lambda s=size: display.size() == s)
        heights.append((display.rows[0][0].font().pixelSize(), display.total_label.font().pixelSize()))
    assert heights[1][0] > heights[0][0] and heights[1][1] > heights[0][1]
    assert heights[0][0] >= 30, "big type even at 768 lines"


# --- the settings ---------------------------------------------------------------------------------
def _dialog(qtbot, settings: Settings) -> SettingsDialog:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    return dialog


def _saved() -> dict[str, object]:
    path = config_dir() / "settings.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def test_a_pole_display_is_saved_for_the_next_start(qtbot) -> None:
    dialog = _dialog(qtbot, Settings())
    assert dialog.display_kind.currentData() == "none"
    assert not dialog.pole_port.isEnabled() and not dialog.display_screen.isEnabled()
    dialog.display_kind.setCurrentIndex(dialog.display_kind.findData("pole"))
    assert dialog.pole_port.isEnabled() and dialog.pole_baud.isEnabled()
    qtbot.keyClicks(dialog.pole_port, " COM3 ")
    dialog.pole_baud.setCurrentIndex(dialog.pole_baud.findData(19200))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    loaded = Settings.load()
    assert (loaded.customer_display, loaded.pole_port, loaded.pole_baud) == ("pole", "COM3", 19200)


@pytest.mark.parametrize(("port", "message"), [
    ("", "请填写客显屏的串口，例如 COM3 或 /dev/ttyUSB0。"),
    ("COM 3", "“COM 3”不是串口名称，应类似 COM3 或 /dev/ttyUSB0。"),
    ("/dev/" + "x" * 70, "不是串口名称，应类似 COM3 或 /dev/ttyUSB0。"),
])
def test_a_bad_serial_port_is_refused_and_nothing_saved(qtbot, port, message) -> None:
    dialog = _dialog(qtbot, Settings())
    dialog.show()
    dialog.display_kind.setCurrentIndex(dialog.display_kind.findData("pole"))
    dialog.pole_port.setText(port)
    dialog.accept()
    told = dialog.display_message
    assert told.isVisible() and message in told.text()
    qtbot.waitUntil(lambda: told.height() >= told.heightForWidth(told.width()))  # the whole message, wrapped
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert _saved() == {} and dialog.settings.customer_display == "none"


def test_the_cashiers_own_screen_is_refused(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QScreen, "name", lambda screen: "HDMI-1")  # the offscreen screen has no name
    dialog = _dialog(qtbot, Settings())
    dialog.show()
    own = dialog.screen()
    dialog.display_kind.setCurrentIndex(dialog.display_kind.findData("screen"))
    assert dialog.display_screen.isEnabled()
    size = own.geometry().size()
    assert dialog.display_screen.currentText() == f"{own.name()}（{size.width()}×{size.height()}）"
    dialog.accept()
    assert dialog.display_message.text() == f"{own.name()} 是收银员自己的屏幕：顾客显示屏应放在第二块屏幕上。"
    assert _saved() == {}


def test_a_second_screen_not_connected_now_is_listed_and_kept(qtbot) -> None:
    dialog = _dialog(qtbot, Settings(customer_display="screen", display_screen="HDMI-2"))
    assert dialog.display_screen.currentText() == "HDMI-2（未连接）"
    dialog.accept()
    loaded = Settings.load()
    assert (loaded.customer_display, loaded.display_screen) == ("screen", "HDMI-2")


def test_settings_checked_below_the_ui() -> None:
    check_customer_display("none", "", "", 9600)
    check_customer_display("pole", "", "/dev/ttyUSB0", 115200)
    check_customer_display("screen", "HDMI-2", "", 9600)
    for bad in (("projector", "", "", 9600), ("screen", "", "", 9600), ("pole", "", "", 9600),
                ("pole", "", "COM3", 9601), ("pole", "", "COM3", "9600"), ("pole", "", "COM3", True),
                ("pole", "", "COM\t3", 9600), ("pole", "", 3, 9600), ("screen", None, "", 9600)):
        with pytest.raises(InvalidInput):
            check_customer_display(*bad)


def test_an_old_settings_file_still_loads() -> None:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps(
        {"language": "zh_CN", "store_path": "", "font_point_size": 14, "till": "2", "slip_printer": "",
         "slip_width_mm": 58, "auto_print_slip": True}), encoding="utf-8")
    loaded = Settings.load()
    assert (loaded.till, loaded.slip_width_mm, loaded.font_point_size) == ("2", 58, 14)
    assert (loaded.customer_display, loaded.pole_port, loaded.pole_baud) == ("none", "", 9600)


@pytest.mark.parametrize("written", [
    {"customer_display": "pole", "pole_port": "", "pole_baud": 9600},
    {"customer_display": "pole", "pole_port": "COM3", "pole_baud": "fast"},
    {"customer_display": "hologram"},
    {"customer_display": "screen", "display_screen": ""},
])
def test_a_settings_file_with_a_bad_display_loads_with_none(written, caplog) -> None:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps({"till": "3", **written}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="charity_pos.config"):
        loaded = Settings.load()
    assert loaded.till == "3" and loaded.customer_display == "none"
    assert "customer display" in caplog.text


def test_fitted_label_elides_a_name_but_never_an_amount(qtbot) -> None:
    name, amount = FittedLabel("一个很长很长很长很长的名字", elide=True), FittedLabel("¥1,234,567.89")
    for label in (name, amount):
        qtbot.addWidget(label)
        label.resize(100, 60)
        label.fit(40, 100)
    assert name.text().endswith("…") and name.full_text == "一个很长很长很长很长的名字"
    assert amount.text() == "¥1,234,567.89" and amount.fontMetrics().horizontalAdvance(amount.text()) <= 100
