"""The trace screen (Ctrl+G, managers only): scan or type a code and see the
story and the fate totals; an unknown code says so; from the donations
list Ctrl+Enter traces the donation selected, and Ctrl+D writes the
donor's statement."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from charity_pos.services.base import Actor
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.intake import IntakeDraft, IntakeLine
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.ui.app import SCREENS
from charity_pos.ui.donations import DonationsScreen
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.trace import TraceScreen
from tests.ui.conftest import TILL, FakeApproval, show_active
from tests.helpers import pdf_pages

DONOR = "张伟"


@pytest.fixture
def donated(services: Services, manager: Actor, open_shift) -> str:
    """张伟 gave 5 sweaters; 2 were sold. Returns the donation's number."""
    sweater = services.catalog.search("羊毛衫")[0]
    donor = services.donors.create(manager, DonorDraft(DonorKind.PERSON, DONOR, "13800138000")).ids[0]
    number = services.intake.receive(manager, IntakeDraft(donor, (IntakeLine(sweater.id, 5, unit_value_fen=3000),))).number
    services.sales.complete(manager, SaleDraft(uuid.uuid4(), TILL, (LineDraft(sweater.id, 2),),
                                               (PaymentDraft("cash", 5000),), 0))
    return number  # type: ignore[return-value]


@pytest.fixture
def screen(qtbot, services, manager, feedback, donated):
    made = TraceScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(made)
    made.resize(1024, 768)
    show_active(made)
    made.activate()
    return made


def figures(screen: TraceScreen) -> dict[str, str]:
    return {key: label.text() for key, label in screen.figures.items()}


def test_a_scanned_number_shows_the_story_and_the_totals(qtbot, screen: TraceScreen, donated: str) -> None:
    qtbot.keyClicks(screen.scan, donated)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    assert figures(screen) == {"received": "5", "sold": "2", "handed_out": "0", "written_off": "0",
                               "counted_difference": "0", "transferred": "0", "on_shelf": "3"}
    rows = [[screen.model.index(r, c).data() for c in range(screen.model.columnCount())]
            for r in range(screen.model.rowCount())]
    assert [row[1] for row in rows] == ["接收", "售出", "在架"]
    assert rows[0][2] == donated and rows[0][7] == "张*"
    assert DONOR not in repr(rows)
    assert screen.message.text() == "" and "捐赠" in screen.summary.text()


def test_an_unknown_code_says_so_and_clears_the_story(qtbot, screen: TraceScreen, donated: str) -> None:
    screen.show_trace(donated)
    qtbot.keyClicks(screen.scan, "2299999999995")
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    assert "2299999999995" in screen.message.text() and "没有" in screen.message.text()
    assert screen.model.rowCount() == 0 and set(figures(screen).values()) == {"–"}


def test_cashiers_have_no_trace(qtbot, services, cashier, feedback) -> None:
    window = MainWindow(services, cashier, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert not any(isinstance(s, TraceScreen) for s in window.screens)
    donations = next(s for s in window.screens if isinstance(s, DonationsScreen))
    assert donations.trace_button.isHidden() and donations.statement_button.isHidden()


def test_ctrl_enter_on_a_donation_opens_its_trace(qtbot, services, manager, feedback, donated) -> None:
    window = MainWindow(services, manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    window.resize(1024, 768)
    show_active(window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    donations = window.current_screen()
    assert isinstance(donations, DonationsScreen)
    qtbot.waitUntil(lambda: donations.selected() is not None)  # the list follows, on its newest donation
    donations.table.selectRow(0)
    assert "Ctrl+Enter" in donations.trace_button.text()
    qtbot.keyClick(donations.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    tracer = window.current_screen()
    assert isinstance(tracer, TraceScreen)
    assert tracer.trace is not None and tracer.trace.document == donated
    assert tracer.figures["on_shelf"].text() == "3"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is tracer


def test_the_donor_statement_button_writes_the_letter(qtbot, services, manager, feedback, donated,
                                                      tmp_path: Path, monkeypatch) -> None:
    import charity_pos.printing.donor_letter as letter
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    real, threads = letter.render_donor_letter, []
    monkeypatch.setattr(letter, "render_donor_letter",
                        lambda doc, path: (threads.append(QThread.currentThread()), real(doc, path))[1])
    screen = DonationsScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)  # the list follows the screen
    screen.table.selectRow(0)
    asked: list[int] = []
    screen.ask_year = lambda default: asked.append(default) or default  # type: ignore[method-assign]
    screen.output.choose_file = lambda parent, name: tmp_path / name  # type: ignore[method-assign]
    assert screen.donor_statement()
    assert not screen.donor_statement(), "a second press while it runs does nothing"
    qtbot.waitUntil(lambda: not screen.background.busy() and bool(list(tmp_path.glob("*.pdf"))), timeout=20_000)
    assert feedback.errors == []
    saved = next(tmp_path.glob("*.pdf"))
    assert str(saved) in screen.notice.text()
    text = pdf_pages(saved)[0]
    assert f"尊敬的{DONOR}" in text and "已义卖 2 件" in text
    assert str(asked[0]) in saved.name
    assert len(threads) == 1 and threads[0] is not QApplication.instance().thread(), "written off the UI thread"


def test_no_statement_for_a_year_without_donations_nor_for_an_anonymous_donor(
        qtbot, services, manager, feedback, donated, tmp_path: Path) -> None:
    screen = DonationsScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)  # the list follows the screen
    screen.table.selectRow(0)
    screen.ask_year = lambda default: 2001  # type: ignore[method-assign]
    screen.output.choose_file = lambda parent, name: tmp_path / name  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.background.failed, timeout=20_000):
        assert screen.donor_statement()
    assert feedback.errors and "2001" in feedback.errors[-1]
    sweater = services.catalog.search("羊毛衫")[0]
    services.intake.receive(manager, IntakeDraft(None, (IntakeLine(sweater.id, 1, unit_value_fen=3000),)))
    screen.refresh()
    screen.table.selectRow(0)
    assert not screen.statement_button.isEnabled()
    assert not screen.donor_statement()
    assert "匿名" in feedback.errors[-1]
    assert list(tmp_path.glob("*.pdf")) == []


def test_cancelling_while_the_year_is_gathered_asks_for_no_file(qtbot, services, manager, feedback, donated,
                                                                tmp_path: Path, monkeypatch) -> None:
    import threading

    from PySide6.QtWidgets import QPushButton

    release = threading.Event()
    real = type(services.trace).donor_statement
    monkeypatch.setattr(type(services.trace), "donor_statement",
                        lambda self, *args: (release.wait(10), real(self, *args))[1])
    screen = DonationsScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)  # the list follows the screen
    screen.table.selectRow(0)
    screen.ask_year = lambda default: default  # type: ignore[method-assign]
    asked: list[str] = []
    screen.output.choose_file = lambda parent, name: asked.append(name) or tmp_path / name  # type: ignore[method-assign]
    assert screen.donor_statement()
    cancel = screen.background.dialog.findChildren(QPushButton)[0]  # type: ignore[union-attr]
    with qtbot.waitSignal(screen.background.cancelled, timeout=20_000):
        cancel.click()
        release.set()
    assert asked == [] and list(tmp_path.glob("*.pdf")) == [] and feedback.errors == []
