"""The hub app's receipt check as district staff use it (offscreen, in
Chinese, on SQLite and PostgreSQL): F9 opens it, a scanner types the QR
text and Enter, or a file is opened; the verdict shows in big words with
the journal's details; bad input says why; it fits 1024x768."""

from __future__ import annotations

from pathlib import Path

import pytest

from charity_pos import cli, i18n
from charity_pos.hub.engine import open_hub
from charity_pos.hub.users import add_user, login
from charity_pos.hub_ui.window import HubWindow
from tests.hub.test_receipts import District, district  # noqa: F401  (fixture)


@pytest.fixture
def window(qtbot, district: District):
    from PySide6.QtWidgets import QApplication

    saved = list(i18n._loaded)

    translators = i18n.load("zh_CN")
    for translator in translators:
        QApplication.instance().installTranslator(translator)  # type: ignore[union-attr]
    db = open_hub(district.hub)
    add_user(db, "wangli", "王丽", "2468")
    made = HubWindow(db, login(db, "wangli", "2468"), "静安区")
    qtbot.addWidget(made)
    made.resize(1024, 768)
    made.show()
    yield made
    made.wait_for_jobs()
    made.close()
    db.close()
    for translator in translators:
        QApplication.instance().removeTranslator(translator)  # type: ignore[union-attr]
    i18n._loaded[:] = saved


def scan(qtbot, window: HubWindow, text: str) -> None:
    screen = window.receipts_screen
    qtbot.keyClicks(screen.scan, text)
    qtbot.keyClick(screen.scan, "\r")
    qtbot.waitUntil(lambda: not screen.busy(), timeout=10_000)


def details(window: HubWindow) -> str:
    form = window.receipts_screen.details
    return "\n".join(form.itemAt(i).widget().text() for i in range(form.count()))


def test_scan_a_genuine_receipt(qtbot, window: HubWindow, district: District, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_F9)
    screen = window.receipts_screen
    assert window.stack.currentWidget() is screen
    scan(qtbot, window, district.genuine)
    assert screen.state == "genuine"
    assert screen.verdict.text().startswith("真实：") and district.genuine_number in screen.verdict.text()
    shown = details(window)
    assert "男式羊毛衫 L码 × 2 件，单价 ¥100.00" in shown and "单位 · 913100********821H" in shown
    assert screen.scan.text() == "" and screen.scan.isEnabled(), "ready for the next scan"
    assert window.width() <= 1024 and window.height() <= 768
    assert screen.verdict.isVisible() and screen.verdict.geometry().bottom() < screen.height()
    window.grab().save(str(tmp_path / "hub-verify-receipt.png"))


@pytest.mark.parametrize("which, state, words", [
    ("voided", "voided", "真实但已作废"),
    ("later", "not_imported", "真实但尚未导入"),
    ("forged", "forged", "伪造：签名不属于门店 JA01"),
    ("older", "unsigned", "旧版收据，无签名"),
    ("foreign", "error", "不是 charity-pos 捐赠收据的二维码"),
    ("damaged", "error", "收据二维码已损坏"),
])
def test_every_verdict_in_big_words(qtbot, window: HubWindow, district: District, which: str, state: str,
                                    words: str) -> None:
    texts = {"voided": district.voided, "later": district.later,
             "forged": district.genuine.replace(":25000:", ":99900:"),
             "older": "CPOS-R1|JA01|JA01-2026-J000001|2026-03-10|25000|AAAA-BBBB-CCCC",
             "foreign": "6901234567892", "damaged": district.genuine[:-5]}
    window.navigation.setCurrentRow(window.stack.indexOf(window.receipts_screen))
    scan(qtbot, window, texts[which])
    screen = window.receipts_screen
    assert screen.state == state, screen.verdict.text()
    assert words in screen.verdict.text()


def test_open_a_pdf_or_a_file_without_a_code(qtbot, window: HubWindow, district: District, tmp_path: Path,
                                             capsys) -> None:
    pdf = tmp_path / "receipt.pdf"
    assert cli.main(["receipt", "--db", str(district.store_db), "--donation", district.genuine_donation,
                     "--out", str(pdf)]) == 0
    screen = window.receipts_screen
    screen.choose_file = lambda: pdf  # type: ignore[method-assign]
    screen.open_button.click()
    qtbot.waitUntil(lambda: not screen.busy(), timeout=20_000)
    assert screen.state == "genuine" and str(pdf) in screen.source.text()
    broken = tmp_path / "photo.jpg"
    broken.write_bytes(b"\xff\xd8\xff not a photo")
    screen.choose_file = lambda: broken  # type: ignore[method-assign]
    screen.open_button.click()
    qtbot.waitUntil(lambda: not screen.busy(), timeout=10_000)
    assert screen.state == "error" and "不是可读取的图片或 PDF" in screen.verdict.text()
    assert details(window) == ""
