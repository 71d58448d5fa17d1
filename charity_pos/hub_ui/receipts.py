"""Verifying a donation receipt at the hub: district staff scan the QR code
with a scanner (it types the text and Enter) or open a photo, scan or PDF
of the receipt, and see the verdict in big words (genuine, voided, not yet
imported, forged, older and unsigned) with what the store's journal holds.
The check runs off the UI thread (a PDF takes a moment to render); the
words are the command line's (``messages.describe_receipt_check``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from charity_pos import i18n
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.receipts import HubCheck, verify_receipt
from charity_pos.hub_ui.worker import Job, Report
from charity_pos.messages import describe_receipt_check
from charity_pos.security.qr_image import qr_text_from_file

# the verdict's colours: background, text
COLOURS = {
    "genuine": ("#e3f4e8", "#1b6e35"),
    "voided": ("#fdf0dc", "#9a5b00"),
    "not_imported": ("#fdf0dc", "#9a5b00"),
    "forged": ("#fbe4e1", "#b03a2e"),
    "unsigned": ("#e8eef4", "#34506b"),
    "error": ("#eeeeee", "#444444"),
    "idle": ("#f4f4f4", "#666666"),
}


class ReceiptCheckScreen(QWidget):
    def __init__(self, db: HubDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: Job | None = None
        self.result: HubCheck | None = None
        self.state = "idle"
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Verify a receipt"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        hint = QLabel(self.tr("Scan the QR code at the top left of a donation receipt (or type its text and press "
                              "Enter), or open a photo, scan or PDF of the receipt."))
        hint.setWordWrap(True)
        layout.addWidget(hint)

        row = QHBoxLayout()
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setPlaceholderText("CPOS-R2:…")
        self.scan.setMinimumHeight(36)
        self.scan.returnPressed.connect(self._scanned)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self._scanned)
        self.open_button = QPushButton(self.tr("Open picture or PDF… (Ctrl+O)"))
        self.open_button.clicked.connect(self._open)
        QShortcut(QKeySequence("Ctrl+O"), self, activated=self._open)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        row.addWidget(self.scan, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.open_button)
        layout.addLayout(row)

        self.verdict = QLabel(self.tr("Waiting for a receipt."))
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setMinimumHeight(96)
        layout.addWidget(self.verdict)
        self.source = QLabel("")
        self.source.setObjectName("source")
        self.source.setStyleSheet("color: #666666;")
        self.source.setWordWrap(True)
        layout.addWidget(self.source)

        self.details_box = QWidget()
        self.details = QFormLayout(self.details_box)
        self.details.setHorizontalSpacing(18)
        self.details.setVerticalSpacing(8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.details_box)
        layout.addWidget(scroll, 1)
        self._paint("idle")

    # --- input (tests replace choose_file) -----------------------------------------------------------
    def choose_file(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("A photo, scan or PDF of the receipt"), "",
                                              self.tr("Pictures and PDF (*.png *.jpg *.jpeg *.pdf)"))
        return Path(name) if name else None

    def _open(self) -> None:
        path = self.choose_file()
        if path is not None:
            self.check_file(path)

    def _scanned(self) -> None:
        text = self.scan.text().strip()
        if text:
            self.check_text(text)

    def busy(self) -> bool:
        return self.job is not None

    def check_text(self, text: str) -> bool:
        self.source.setText(self.tr("Scanned: {text}").format(text=text if len(text) <= 60 else text[:57] + "…"))
        db = self.db
        return self._start(lambda _report, _cancelled: verify_receipt(db, text))

    def check_file(self, path: Path) -> bool:
        self.source.setText(self.tr("File: {path}").format(path=path))
        db = self.db
        return self._start(lambda _report, _cancelled: verify_receipt(db, qr_text_from_file(path)))

    def _start(self, work: Callable[[Report, Callable[[], bool]], HubCheck]) -> bool:
        if self.busy():
            return False
        self.scan.clear()
        self.scan.setEnabled(False)
        self.open_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self.verdict.setText(self.tr("Checking…"))
        self._paint("idle")
        self._clear_details()
        self.job = Job(work, self)
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.start()
        return True

    # --- the verdict ----------------------------------------------------------------------------------
    def _done(self, check: object) -> None:
        self._ended()
        assert isinstance(check, HubCheck)
        self.result = check
        language = "en" if i18n.translate("Receipts", "Store") == "Store" else "zh_CN"
        headline, details = describe_receipt_check(check, i18n.translate, language)
        self.verdict.setText(headline)
        self._paint(str(check.verdict) if str(check.verdict) in COLOURS else "unsigned")
        for label, value in details:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            name = QLabel(label)
            name.setStyleSheet("font-weight: bold;")
            self.details.addRow(name, text)

    def _failed(self, error: object) -> None:
        self._ended()
        self.result = None
        self.verdict.setText(i18n.describe(error) if isinstance(error, BaseException) else str(error))
        self._paint("error")

    def _ended(self) -> None:
        self.job = None
        for widget in (self.scan, self.open_button, self.check_button):
            widget.setEnabled(True)
        self.scan.setFocus()

    def _clear_details(self) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)

    def _paint(self, state: str) -> None:
        self.state = state
        background, colour = COLOURS[state]
        size = "15pt" if state in ("idle", "error") else "22pt"
        self.verdict.setStyleSheet(f"QLabel#verdict {{ background: {background}; color: {colour}; font-size: {size}; "
                                   f"font-weight: bold; padding: 14px; border: 2px solid {colour}; "
                                   f"border-radius: 6px; }}")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.scan.setFocus()
