"""Importing stores' bundle files: chosen or dropped, imported one after
the other off the UI thread, a progress bar of files and one of the events
read of the file at hand (with their count), and one result line per file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.importer import ALREADY, APPLIED, ImportResult, import_bundle
from charity_pos.i18n import describe
from charity_pos.services.base import Clock, system_clock
from charity_pos.sync.bundle import SUFFIX
from charity_pos.hub_ui.worker import Job


class EventsRead(NamedTuple):
    """How far the import of one file has come: events read of those it holds."""

    path: Path
    read: int
    total: int


class ImportScreen(QWidget):
    # a file was imported (the stores' list is out of date)
    imported = Signal()

    def __init__(self, db: HubDatabase, clock: Clock = system_clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.job: Job | None = None
        self.results: list[ImportResult] = []
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Import bundles"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        hint = QLabel(self.tr("Drop the stores' bundle files (.cpbundle) here, or choose them."))
        hint.setObjectName("hint")
        layout.addWidget(hint)
        buttons = QHBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose files…"))
        self.choose_button.setObjectName("primary")
        self.choose_button.clicked.connect(self._choose)
        self.cancel_button = QPushButton(self.tr("Stop after this file"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        # the file at hand, by events: a year's bundle takes minutes
        self.events_bar = QProgressBar()
        self.events_bar.setRange(0, 1)
        self.events_bar.setValue(0)
        self.events_bar.setTextVisible(False)
        layout.addWidget(self.events_bar)
        self.events_label = QLabel("")
        layout.addWidget(self.events_label)
        self.status = QLabel("")
        layout.addWidget(self.status)
        self.lines = QListWidget()
        layout.addWidget(self.lines, 1)

    # --- choosing files (tests replace choose_files) ---------------------------------------------
    def choose_files(self) -> list[Path]:
        names, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Choose bundle files"), "", self.tr("Bundles (*{suffix})").format(suffix=SUFFIX))
        return [Path(n) for n in names]

    def _choose(self) -> None:
        paths = self.choose_files()
        if paths:
            self.start_import(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._bundles(event.mimeData().urls()) and not self.busy():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._bundles(event.mimeData().urls())
        if paths and not self.busy():
            event.acceptProposedAction()
            self.start_import(paths)
        else:
            event.ignore()

    @staticmethod
    def _bundles(urls: Sequence[QUrl]) -> list[Path]:
        paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return [p for p in paths if p.suffix.lower() == SUFFIX]

    # --- importing ---------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.job is not None

    def start_import(self, paths: Sequence[Path]) -> bool:
        """Import ``paths`` in the background; False when an import is already running."""
        if self.busy() or not paths:
            return False
        files = [Path(p) for p in paths]
        db, clock = self.db, self.clock

        def work(report: Callable[[int, int, object], None], cancelled: Callable[[], bool]) -> int:
            done = 0
            for path in files:
                if cancelled():
                    break

                def events(read: int, total: int, path: Path = path, done: int = done) -> None:
                    report(done, len(files), EventsRead(path, read, total))

                result = import_bundle(db, path, clock=clock, progress=events)
                done += 1
                report(done, len(files), result)
            return done

        self.results = []
        self.lines.clear()
        self.events_bar.setRange(0, 1)
        self.events_bar.setValue(0)
        self.events_label.setText("")
        self.progress.setRange(0, len(files))
        self.progress.setValue(0)
        self.status.setText(self.tr("Importing %n file(s)…", "", len(files)))
        self.choose_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.job = Job(work, self)
        self.job.progress.connect(self._one_done)
        self.job.finished.connect(lambda done, total=len(files): self._all_done(done, total))
        self.job.failed.connect(self._failed)
        self.job.start()
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Stopping after the file at hand…"))

    def line_text(self, result: ImportResult) -> str:
        if result.status == APPLIED:
            assert result.last_seq is not None
            text = self.tr("applied %n event(s) of store {code} (#{first}-#{last})", "", result.events).format(
                code=result.store_code, first=result.last_seq - result.events + 1,
                last=result.last_seq)
        elif result.status == ALREADY:
            text = self.tr("already imported")
        else:
            text = self.tr("refused: {reason}").format(reason=describe(result.error) if result.error else "")
        return f"{result.path.name}: {text}"

    def events_text(self, step: EventsRead) -> str:
        return self.tr("{name}: {read} of {total} events read").format(
            name=step.path.name, read=f"{step.read:,}", total=f"{step.total:,}")

    def _one_done(self, done: int, _total: int, result: object) -> None:
        if isinstance(result, EventsRead):
            self.events_bar.setRange(0, max(result.total, 1))
            self.events_bar.setValue(min(result.read, max(result.total, 1)))
            self.events_label.setText(self.events_text(result))
            return
        assert isinstance(result, ImportResult)
        self.results.append(result)
        item = QListWidgetItem(self.line_text(result))
        item.setToolTip(str(result.path))
        if result.status not in (APPLIED, ALREADY):
            item.setForeground(Qt.GlobalColor.red)
        self.lines.addItem(item)
        self.progress.setValue(done)
        if result.status == APPLIED:
            self.imported.emit()

    def _all_done(self, done: int, total: int) -> None:
        stopped = self.job is not None and self.job.cancelled and done < total
        self.job = None
        self.choose_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        refused = sum(1 for r in self.results if r.status not in (APPLIED, ALREADY))
        if stopped:
            self.status.setText(self.tr("Stopped: {done} of %n file(s) imported.", "", total).format(done=done))
        else:
            self.status.setText(self.tr("Done: %n file(s), {refused} refused.", "", total).format(refused=refused))

    def _failed(self, error: object) -> None:
        self.job = None
        self.choose_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.status.setText(describe(error) if isinstance(error, BaseException) else str(error))
