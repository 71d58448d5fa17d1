"""Training mode (培训模式) on screen: the red banner every screen of a
training store carries, and the log-in window's choice between the live
store and training, with a manager's PIN to start, continue or reset the
training copy (``services.training`` checks who may).

The log-in window carries the choice before the store is open: the services,
the training service and the worker that makes a copy are loaded when a
manager starts training, not with the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QProgressBar, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from charity_pos.errors import PosError
from charity_pos.i18n import describe

if TYPE_CHECKING:
    from charity_pos.services import training
    from charity_pos.services.base import Actor
    from charity_pos.services.registry import Services
    from charity_pos.ui.reports.worker import Loader

BANNER_STYLE = ("QLabel#trainingBanner { background: #c0392b; color: white; font-size: 15pt; font-weight: bold;"
                " padding: 6px 10px; }")


class TrainingBanner(QLabel):
    """Red, across the top of the window, never hidden while training."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingBanner")
        self.setText(self.tr("TRAINING MODE — nothing here counts in the store's real accounts"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet(BANNER_STYLE)


def with_banner(body: QWidget) -> QWidget:
    """``body`` under a training banner."""
    frame = QWidget()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(TrainingBanner())
    layout.addWidget(body, 1)
    return frame


class ModeChoice(QWidget):
    """正式营业 / 培训模式 on the live store's log-in window. In training
    mode, the user and PIN typed on the window are a manager's, who starts
    training on the existing copy or a fresh one (of this store or of the
    demo) with the buttons of ``panel``, which the window places below its
    fields."""

    # the training copy's path, once a manager has started training
    training_ready = Signal(object)
    # why starting training was refused, in the user's language
    failed = Signal(str)
    # True: training chosen
    mode_changed = Signal(bool)

    def __init__(self, services: Callable[[], Services], live_path: Path,
                 credentials: Callable[[], tuple[str | None, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # () -> the live store's services, opened if they are not yet
        self.services = services
        self.live_path = Path(live_path)
        # () -> (username, pin) typed on the log-in window
        self.credentials = credentials
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.live = QRadioButton(self.tr("&Live business"))
        self.training = QRadioButton(self.tr("&Training mode"))
        self.live.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.live)
        group.addButton(self.training)
        row.addWidget(self.live)
        row.addWidget(self.training)
        layout.addLayout(row)
        self.panel = QWidget()
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(self.tr("A manager's PIN starts training. Trainees then log in to the training copy "
                              "with their own PIN; nothing reaches the live store."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        panel.addWidget(hint)
        self.continue_button = QPushButton(self.tr("Continue the training copy"))
        self.fresh_live = QPushButton(self.tr("Fresh copy of this store"))
        self.fresh_demo = QPushButton(self.tr("Fresh copy of the demo store"))
        for button in (self.continue_button, self.fresh_live, self.fresh_demo):
            panel.addWidget(button)
        # making a copy takes a moment (the demo: seconds): off the UI thread, with a busy bar
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Making the training copy…"))
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        panel.addWidget(self.progress)
        self.loader: Loader | None = None  # made at the first start
        self.continue_button.clicked.connect(lambda: self.start("live", fresh=False))
        self.fresh_live.clicked.connect(lambda: self.start("live", fresh=True))
        self.fresh_demo.clicked.connect(lambda: self.start("demo", fresh=True))
        self.training.toggled.connect(self.panel.setVisible)
        self.training.toggled.connect(self.mode_changed)
        self.panel.setVisible(False)
        self.message = ""
        self.refresh()

    def refresh(self) -> None:
        self.continue_button.setEnabled(self.training_path().exists())

    def training_path(self) -> Path:
        """Where the live store's training copy is (``services.training.training_path``, a test checks they agree)."""
        live = self.live_path
        return live.with_name(f"{live.stem}.training{live.suffix or '.sqlite3'}")

    def _loader(self) -> Loader:
        if self.loader is None:
            from charity_pos.ui.reports.worker import Loader

            self.loader = Loader(self)
            self.loader.loaded.connect(lambda copy: self.training_ready.emit(Path(copy.path)))
            self.loader.failed.connect(self._refused)
            self.loader.busy_changed.connect(self._busy)
        return self.loader

    def start(self, source: str, *, fresh: bool) -> None:
        """Check the PIN on the live store, then (off the UI thread) the
        service checks it is a manager's and makes or keeps the copy.
        ``source``: a ``training.Source``'s value."""
        from charity_pos.demo.builder import build_demo
        from charity_pos.services import training

        loader = self._loader()
        if loader.busy():
            return
        username, pin = self.credentials()
        try:
            services = self.services()
            actor: Actor = services.accounts.login(username or "", pin)
        except PosError as exc:
            self._refused(exc)
            return
        ctx = services.ctx
        kind = training.Source(source)
        loader.load(lambda: training.start(ctx, actor, kind, fresh=fresh, demo=build_demo))

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, PosError):
            raise error  # a bug: never swallowed
        self.message = describe(error)
        self.failed.emit(self.message)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for button in (self.continue_button, self.fresh_live, self.fresh_demo, self.live, self.training):
            button.setEnabled(not busy)
        if not busy:
            self.refresh()
