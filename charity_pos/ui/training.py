"""Training mode (培训模式) on screen: the red banner every screen of a
training store carries, and the log-in window's choice between the live
store and training, with a manager's PIN to start, continue or reset the
training copy (``services.training`` checks who may)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QRadioButton, QVBoxLayout, QWidget

from charity_pos.services import training
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services

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

    def __init__(self, services: Services, credentials, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.services = services
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
        self.continue_button.clicked.connect(lambda: self.start(training.Source.LIVE, fresh=False))
        self.fresh_live.clicked.connect(lambda: self.start(training.Source.LIVE, fresh=True))
        self.fresh_demo.clicked.connect(lambda: self.start(training.Source.DEMO, fresh=True))
        self.training.toggled.connect(self.panel.setVisible)
        self.training.toggled.connect(self.mode_changed)
        self.panel.setVisible(False)
        self.message = ""
        self.refresh()

    def refresh(self) -> None:
        self.continue_button.setEnabled(training.training_path(self.services.db.path).exists())

    def start(self, source: training.Source, *, fresh: bool) -> None:
        """Check the manager's PIN on the live store, then make or keep the copy."""
        from charity_pos.errors import PosError
        from charity_pos.i18n import describe
        from PySide6.QtGui import QGuiApplication

        username, pin = self.credentials()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            actor: Actor = self.services.accounts.login(username or "", pin)
            copy = training.start(self.services.ctx, actor, source, fresh=fresh)
        except PosError as exc:
            self.message = describe(exc)
            self.failed.emit(self.message)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.training_ready.emit(Path(copy.path))
