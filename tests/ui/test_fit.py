"""Every screen fits a small counter PC's screen: the main window laid out
offscreen at 1024x768 and 1366x768, in Chinese and in English, has no
control outside the window and no navigation label cut."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, QTranslator
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QLabel, QLineEdit,
                               QWidget)

from charity_pos.ui.app import SCREENS
from charity_pos.ui.main_window import MainWindow, Navigation
from tests.ui.conftest import FakeApproval
from tests.ui.ledger import cashier, ledger_store, manager, services  # noqa: F401 - fixtures

SIZES = (QSize(1024, 768), QSize(1366, 768))
CHECKED = (QAbstractButton, QLineEdit, QLabel, QComboBox, QAbstractSpinBox, QAbstractScrollArea)

#: Every screen a manager sees (all of them). A screen left out here still
#: has something off-screen at 1024x768: the comment beside it says what.
FITTING = [screen for screen in SCREENS]


class English(QTranslator):
    """The app in English: every text is its source, ahead of the Chinese
    catalogs the UI conftest installs for the session."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]  # noqa: ARG002
        return source

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    if request.param == "zh_CN":
        yield request.param
        return
    english = English()
    qapp.installTranslator(english)
    yield request.param
    qapp.removeTranslator(english)


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        QCoreApplication.processEvents()
        qtbot.wait(10)


def _describe(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return f"{name} {text!r}" if text else name


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    """Inside a scroll area (a scroll area's contents, a table's cell
    editor): it scrolls into view, it is not off the window."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def _outside(window: MainWindow) -> list[str]:
    bounds = window.rect()
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CHECKED) or not widget.isVisible() or _scrolled(widget, window):
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not bounds.contains(rect):
            found.append(f"{_describe(widget)} at {rect.getRect()}")
    return found


def _elided(navigation: Navigation) -> list[str]:
    metrics = QFontMetrics(navigation.font())
    room = navigation.viewport().width() - Navigation.ITEM_PADDING
    return [f"{navigation.item(i).text()!r} needs {metrics.horizontalAdvance(navigation.item(i).text())} of {room}"
            for i in range(navigation.count())
            if metrics.horizontalAdvance(navigation.item(i).text()) > room]


@pytest.mark.parametrize("screen_class", FITTING, ids=lambda c: c.__name__)
def test_screen_fits_the_window(qtbot, ledger_store, feedback, language, screen_class) -> None:  # type: ignore[no-untyped-def]
    st = ledger_store
    window = MainWindow(st.services, st.manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert len(window.screens) == len(SCREENS), "a manager sees every screen"
    window.show()
    row = next(i for i, s in enumerate(window.screens) if isinstance(s, screen_class))
    problems = []
    for size in SIZES:
        window.resize(size)
        window.navigation.setCurrentRow(row)
        _settle(qtbot)
        where = f"{screen_class.__name__} at {size.width()}x{size.height()} ({language})"
        if window.width() > size.width() or window.height() > size.height():
            problems.append(f"{where}: the window cannot shrink to the screen, it is "
                            f"{window.width()}x{window.height()} (the widest screen's minimum: "
                            f"{window.minimumSizeHint().width()}x{window.minimumSizeHint().height()})")
        problems += [f"{where}: {what} is outside the window" for what in _outside(window)]
        problems += [f"{where}: navigation label cut: {what}" for what in _elided(window.navigation)]
    assert not problems, "\n".join(problems)
