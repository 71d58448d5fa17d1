"""Backups in the app. ``BackupRunner`` backs the store up off the UI thread
at the first start of each day and after every shift close (the service does
the work: ``services.backup``). ``BackupBanner`` is the line on the manager's
overview: a red alarm when a backup failed its check, a warning when the
backup folder is missing (the USB disk not plugged in), a backup failed or
the last good one is more than 2 days old, and a quiet line when all is well."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from charity_pos import config
from charity_pos.services import backup
from charity_pos.services.base import STORE_TZ, Changes, system_clock
from charity_pos.ui.background import Job, _running

log = logging.getLogger("charity_pos.ui")


def _time(at: datetime | None) -> str:
    return at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M") if at is not None else QCoreApplication.translate("Backups", "none yet")


def status_text(st: backup.BackupStatus) -> str:
    """What the manager reads about the store's backups."""
    s = st.state
    good = _time(s.last_good_at)
    if st.reason == "check_failed":
        return QCoreApplication.translate("Backups", "ALARM: the backup at {time} did not pass its check ({kind}) and was not kept: the store file "
                   "may be damaged or changed. Run “charity-pos verify” on it and call for help. Last good "
                   "backup: {good}.").format(time=_time(s.last_at), kind=s.last_detail, good=good)
    if st.reason == "folder_missing":
        return QCoreApplication.translate("Backups", "The backup folder {folder} is missing (is the USB disk plugged in, the network folder "
                   "reachable?): no backup can be made. Last good backup: {good}.").format(folder=st.folder, good=good)
    if st.reason == "failed":
        return QCoreApplication.translate("Backups", "The backup at {time} failed ({detail}). Last good backup: {good}.").format(
            time=_time(s.last_at), detail=s.last_detail, good=good)
    if st.reason == "never":
        return QCoreApplication.translate("Backups", "No backup of this store has been made yet.")
    if st.reason == "stale":
        return QCoreApplication.translate("Backups", "The last good backup is more than 2 days old ({good}).").format(good=good)
    return QCoreApplication.translate("Backups", "Last backup {good}, checked: {file}.").format(good=good, file=s.last_good_file)


class BackupBanner(QLabel):
    """The backups' line on the overview; its ``level`` is ok, warning or alarm."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.level = ""

    def show_status(self, st: backup.BackupStatus) -> None:
        self.level = st.level
        self.setObjectName({"alarm": "alert", "warning": "warning"}.get(st.level, "hint"))
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(status_text(st))


class BackupRunner(QObject):
    """One backup at a time, in a thread of its own; a request while one runs
    makes one more when it ends. ``started`` says one began, ``finished`` carries the ``BackupResult``
    (or None: the day's start backup was made already), ``failed`` the error."""

    started = Signal()
    finished = Signal(object)
    failed = Signal(object)
    _requested = Signal(object)

    def __init__(self, db_path: Path, settings: config.Settings, clock: Callable[[], datetime] = system_clock,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.settings = settings
        self.clock = clock
        self.job: Job | None = None
        self.pending: Callable[[], Any] | None = None
        # a hook may be called from any thread: the request travels to this object's thread
        self._requested.connect(self._start)

    def at_start(self) -> None:
        self._requested.emit(lambda: backup.backup_at_start(self.db_path, self.settings, self.clock))

    def now(self) -> None:
        self._requested.emit(self._backup)

    def after_close(self, _changes: Changes) -> None:
        """The shift service's hook (``ShiftService.after_close``)."""
        self.now()

    def _backup(self) -> backup.BackupResult:
        return backup.make_backup(self.db_path, self.settings.backups, clock=self.clock,
                                  keep=backup.Keep.from_settings(self.settings))

    def _start(self, work: Callable[[], Any]) -> None:
        if self.job is not None:
            self.pending = work
            return
        job = self.job = Job(lambda _report, _cancelled: work())
        _running.add(job)  # kept until its thread is done, whatever becomes of this runner
        job.ended.connect(lambda: _running.discard(job))
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        job.start()
        self.started.emit()

    def _finished(self, result: object) -> None:
        if shiboken6.isValid(self):
            self._ended()
            self.finished.emit(result)

    def _failed(self, error: object) -> None:
        if shiboken6.isValid(self):
            self._ended()
            self.failed.emit(error)

    def _ended(self) -> None:
        self.job = None
        if self.pending is not None:
            work, self.pending = self.pending, None
            self._start(work)

    def busy(self) -> bool:
        return self.job is not None or self.pending is not None
