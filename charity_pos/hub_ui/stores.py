"""The registered stores, their last bundle and last event, a warning for
a store silent for 7 days; and writing every store's downstream bundle."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from charity_pos.errors import PosError
from charity_pos.hub import overview
from charity_pos.hub.downstream import Downstream, export_bundle
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.overview import StoreRow
from charity_pos.hub_ui.worker import Job
from charity_pos.i18n import describe
from charity_pos.services.base import STORE_TZ, Clock, system_clock
from charity_pos.ui.table_model import RowsModel, make_table_view

RED = QColor("#b03a2e")


def local_time(at: datetime | None) -> str:
    return at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M") if at is not None else ""


def _event_time(text: str | None) -> str:
    """An event's time as the store wrote it (ISO, UTC), in Shanghai time."""
    if not text:
        return ""
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return text[:16].replace("T", " ")
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return local_time(at)


class StoresModel(RowsModel[StoreRow]):
    def __init__(self, clock: Clock, parent: Any = None) -> None:
        self.clock = clock
        super().__init__(parent)

    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Store"), self.tr("Kind"), self.tr("Last bundle"), self.tr("Last event"),
                self.tr("Sync")]

    def _key(self, row: StoreRow) -> object:
        return row.code

    def _display(self, row: StoreRow, column: int) -> str:
        if column == 0:
            return row.code
        if column == 1:
            return row.name
        if column == 2:
            return self.tr("Warehouse") if row.kind == "warehouse" else self.tr("Store")
        if column == 3:
            return local_time(row.last_bundle_at) or self.tr("never")
        if column == 4:
            if not row.last_seq:
                return ""
            return self.tr("#{seq} at {at}").format(seq=row.last_seq, at=_event_time(row.last_event_at))
        if row.last_bundle_at is None:
            return self.tr("Never synced")
        if row.stale(self.clock()):
            return self.tr("Not synced for %n day(s)", "", (self.clock() - row.last_bundle_at).days)
        return self.tr("OK")

    def _foreground(self, row: StoreRow, column: int) -> Any:
        return RED if column == 5 and row.stale(self.clock()) else None


class StoresScreen(QWidget):
    def __init__(self, db: HubDatabase, clock: Clock = system_clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.job: Job | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Stores"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        self.warning = QLabel("")
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.model = StoresModel(clock, self)
        self.table = make_table_view(self.model, 1)
        layout.addWidget(self.table, 2)
        buttons = QHBoxLayout()
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.reload)
        self.downstream_button = QPushButton(self.tr("Write downstream bundles for every store…"))
        self.downstream_button.setObjectName("primary")
        self.downstream_button.clicked.connect(self._downstream)
        buttons.addWidget(refresh)
        buttons.addStretch(1)
        buttons.addWidget(self.downstream_button)
        layout.addLayout(buttons)
        self.downstream_status = QLabel("")
        layout.addWidget(self.downstream_status)
        self.downstream_lines = QListWidget()
        layout.addWidget(self.downstream_lines, 1)
        self.reload()

    def reload(self) -> None:
        rows = overview.stores(self.db)
        self.model.set_rows(rows)
        now = self.clock()
        stale = [r.code for r in rows if r.stale(now)]
        if stale:
            self.warning.setText(self.tr("Not synced for 7 days or never: {stores}").format(stores=", ".join(stale)))
        else:
            self.warning.clear()

    # --- downstream bundles (tests replace choose_folder) ------------------------------------------
    def choose_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the downstream bundles"))
        return Path(folder) if folder else None

    def _downstream(self) -> None:
        folder = self.choose_folder()
        if folder is not None:
            self.write_downstream(folder)

    def busy(self) -> bool:
        return self.job is not None

    def write_downstream(self, folder: Path) -> bool:
        """Write one downstream bundle per store into ``folder``, in the background."""
        if self.busy():
            return False
        db, clock = self.db, self.clock

        def work(report: Callable[[int, int, object], None], cancelled: Callable[[], bool]) -> int:
            codes = overview.store_codes(db)
            for done, code in enumerate(codes, start=1):
                if cancelled():
                    break
                try:
                    outcome: object = export_bundle(db, code, folder, clock=clock)
                except PosError as exc:
                    outcome = (code, exc)
                report(done, len(codes), outcome)
            return len(codes)

        self.downstream_lines.clear()
        self.downstream_status.setText(self.tr("Writing downstream bundles…"))
        self.downstream_button.setEnabled(False)
        self.job = Job(work, self)
        self.job.progress.connect(self._written)
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.start()
        return True

    def _written(self, _done: int, _total: int, outcome: object) -> None:
        if isinstance(outcome, tuple):
            code, error = outcome
            self.downstream_lines.addItem(self.tr("{code}: not written: {reason}").format(
                code=code, reason=describe(error)))
            self.downstream_lines.item(self.downstream_lines.count() - 1).setForeground(RED)
        else:
            assert isinstance(outcome, Downstream)  # the work reports a bundle written, or (code, error)
            self.downstream_lines.addItem(self.tr("{code}: #{sequence}, %n household(s) → {path}", "",
                                                  outcome.counts["households"]).format(
                code=outcome.store_code, sequence=outcome.sequence, path=outcome.path))

    def _done(self, total: int) -> None:
        self.job = None
        self.downstream_button.setEnabled(True)
        self.downstream_status.setText(self.tr("%n store(s) done.", "", total))

    def _failed(self, error: object) -> None:
        self.job = None
        self.downstream_button.setEnabled(True)
        self.downstream_status.setText(describe(error) if isinstance(error, BaseException) else str(error))
