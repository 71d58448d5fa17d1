"""The first start on a PC (首次使用): the store file the app is to open does
not exist yet, so instead of refusing, the app asks what to do: make a new
store (as ``charity-pos init``), restore one from a backup (as ``charity-pos
restore``, with the key file from ``charity-pos backup-key``), open a store
file kept elsewhere (saved in the settings), or quit.

Every check is the services' (``services.store.init_store``,
``services.backup.restore`` and ``unprotect_key``); this window only asks
for what they need and says what they refused, in the user's language.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QApplication, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from charity_pos import config, files, i18n
from charity_pos.errors import PosError
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.pin_field import PinField

log = logging.getLogger("charity_pos.ui")

# Asks for a file to open: (parent, title, filter) -> its path, or "" when none was chosen.
AskFile = Callable[[QWidget, str, str], str]


def ask_file(parent: QWidget, title: str, name_filter: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, "", name_filter)[0]


def _label(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class FirstStartDialog(QDialog):
    """The four choices, then the form of the one chosen. On success ``store``
    is the store file to log in to, and the dialog is accepted; quitting
    rejects it with nothing written."""

    CHOICES, NEW, RESTORE = range(3)

    def __init__(self, store_path: Path, settings: config.Settings, feedback: Feedback | None = None,
                 ask: AskFile = ask_file, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(store_path)
        self.settings = settings
        self.feedback = feedback or Feedback()
        self.ask = ask
        self.store: Path | None = None
        self.restored = False  # the backup is in place; only its key file is still to come
        self.setWindowTitle(self.tr("charity-pos: set up this PC"))
        self.setObjectName("firstStart")
        self.setStyleSheet("QDialog#firstStart QPushButton#choice { font-size: 16pt; padding: 10px 18px; "
                           "text-align: left; }")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choices())
        self.pages.addWidget(self._new_store())
        self.pages.addWidget(self._restore())
        layout = QVBoxLayout(self)
        layout.addWidget(_label(self.tr("Set up this PC"), "screenTitle"))
        layout.addWidget(self.pages)
        self.show_page(self.CHOICES)

    # --- the pages ----------------------------------------------------------------------------------
    def _choices(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label(self.tr("There is no store file on this PC yet ({path}). What would you like "
                                        "to do? Press 1, 2, 3 or 4.").format(path=self.path)))
        self.new_button = self._choice(page, self.tr("1  New store"), "1", lambda: self.show_page(self.NEW))
        self.restore_button = self._choice(page, self.tr("2  Restore from a backup"), "2",
                                           lambda: self.show_page(self.RESTORE))
        self.open_button = self._choice(page, self.tr("3  Open an existing store file"), "3", self.open_existing)
        self.quit_button = self._choice(page, self.tr("4  Quit"), "4", self.reject)
        hints = {  # when each is the one to take, for a volunteer who has not done this before
            self.new_button: self.tr("A store that starts using charity-pos today: its code, name and district "
                                     "come from the district office."),
            self.restore_button: self.tr("This store's PC was replaced or its disk failed: the store comes back "
                                         "from its latest backup (a USB disk, the backup folder)."),
            self.open_button: self.tr("The store file is elsewhere on this PC or on another drive (e.g. D:)."),
        }
        for button in (self.new_button, self.restore_button, self.open_button, self.quit_button):
            layout.addWidget(button)
            if button in hints:
                hint = _label(hints[button], "hint")
                hint.setIndent(12)
                layout.addWidget(hint)
                layout.addSpacing(6)
        self.choice_message = _label("", "warning")
        layout.addWidget(self.choice_message)
        layout.addStretch(1)
        return page

    def _choice(self, page: QWidget, text: str, key: str, then: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("choice")
        button.setAutoDefault(False)
        button.clicked.connect(then)
        # its number, while the choices are shown (a button's own shortcut would click it 100 ms later)
        QShortcut(QKeySequence(key), page, activated=then)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        return button

    def _new_store(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label(self.tr("A new store file is made at {path}, with a first manager account. The "
                                        "manager logs in with the PIN chosen here.").format(path=self.path)))
        form = QFormLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("2-8 capital letters or digits, e.g. PT01"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("the store's full name"))
        self.district = QLineEdit()
        self.manager = QLineEdit()
        self.manager.setPlaceholderText(self.tr("e.g. Wang Fang"))
        self.pin = PinField()
        self.pin_again = PinField()
        form.addRow(self.tr("Store code"), self.code)
        form.addRow(self.tr("Store name"), self.name)
        form.addRow(self.tr("District"), self.district)
        form.addRow(self.tr("Manager's name"), self.manager)
        form.addRow(self.tr("Manager's PIN (4-12 digits)"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin_again)
        layout.addLayout(form)
        self.new_message = _label("", "warning")
        layout.addWidget(self.new_message)
        layout.addStretch(1)
        self.create_button = QPushButton(self.tr("Create the store"))
        self.create_button.setObjectName("primary")
        self.create_button.clicked.connect(self.create_store)
        layout.addLayout(self._buttons(self.create_button))
        for field in (self.code, self.name, self.district, self.manager, self.pin, self.pin_again):
            field.returnPressed.connect(self.create_store)
        return page

    def _restore(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label(self.tr("The backup is checked, then put in place as {path}.").format(path=self.path)))
        form = QFormLayout()
        self.backup = QLineEdit()
        self.backup.setReadOnly(True)
        self.backup_button = QPushButton(self.tr("Choose the backup…"))
        self.backup_button.clicked.connect(self.choose_backup)
        form.addRow(self.tr("Backup file"), self._picker(self.backup, self.backup_button))
        self.backup_found = _label("")
        form.addRow("", self.backup_found)
        self.key = QLineEdit()
        self.key.setReadOnly(True)
        self.key_button = QPushButton(self.tr("Choose the key file…"))
        self.key_button.clicked.connect(self.choose_key)
        form.addRow(self.tr("Protected key file"), self._picker(self.key, self.key_button))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.restore_store)
        form.addRow(self.tr("Its passphrase"), self.passphrase)
        layout.addLayout(form)
        layout.addWidget(_label(self.tr("The store's key file is in no backup. If it is not on this PC, choose "
                                        "the file “charity-pos backup-key” wrote and type its passphrase; "
                                        "without it the store cannot be fully restored.")))
        self.restore_message = _label("", "warning")
        layout.addWidget(self.restore_message)
        layout.addStretch(1)
        self.restore_button_go = QPushButton(self.tr("Restore"))
        self.restore_button_go.setObjectName("primary")
        self.restore_button_go.clicked.connect(self.restore_store)
        layout.addLayout(self._buttons(self.restore_button_go))
        return page

    @staticmethod
    def _picker(field: QLineEdit, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(button)
        return row

    def _buttons(self, go: QPushButton) -> QHBoxLayout:
        back = QPushButton(self.tr("Back"))
        back.setAutoDefault(False)
        back.clicked.connect(lambda: self.show_page(self.CHOICES))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(back)
        row.addWidget(go)
        return row

    def show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        first = {self.CHOICES: self.new_button, self.NEW: self.code, self.RESTORE: self.backup_button}[page]
        first.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and self.pages.currentIndex() != self.CHOICES:
            self.show_page(self.CHOICES)  # Esc on a form: back to the choices, not out of the app
            return
        super().keyPressEvent(event)

    # --- what each choice does ----------------------------------------------------------------------
    def _done(self, path: Path) -> None:
        self.store = path
        self.accept()

    def create_store(self) -> None:
        """``charity-pos init``'s service, with this window's fields; the two PINs must agree first."""
        from charity_pos.services.store import init_store

        if self.pin.text() != self.pin_again.text():
            self.new_message.setText(self.tr("The two PINs differ."))
            return
        try:
            files.check_new_database(self.path)
            db = init_store(self.path, store_code=self.code.text(), name=self.name.text(),
                            district=self.district.text(), manager_pin=self.pin.text(),
                            manager_name=self.manager.text())
        except PosError as exc:
            self.new_message.setText(i18n.describe(exc))
            return
        db.close()
        log.info("first start: a new store file made")
        self._done(self.path)

    def choose_backup(self) -> None:
        from charity_pos.services.backup import identity_of

        chosen = self.ask(self, self.tr("Choose the backup"), self.tr("Backups (*.sqlite3);;All files (*)"))
        if not chosen:
            return
        self.backup.setText(chosen)
        try:
            found = identity_of(Path(chosen))
        except PosError as exc:
            self.backup_found.setText("")
            self.restore_message.setText(i18n.describe(exc))
            return
        self.restore_message.setText("")
        if config.store_key_file(found.id).is_file():
            self.backup_found.setText(self.tr("A backup of store {code}; its key file is on this PC.").format(
                code=found.code))
        else:
            self.backup_found.setText(self.tr("A backup of store {code}; its key file is not on this PC: choose "
                                              "it below.").format(code=found.code))
            self.key_button.setFocus()

    def choose_key(self) -> None:
        chosen = self.ask(self, self.tr("Choose the protected key file"), self.tr("All files (*)"))
        if chosen:
            self.key.setText(chosen)
            self.passphrase.setFocus()

    def restore_store(self) -> None:
        """``charity-pos restore-key`` (when a key file is given; checked to be the backup's
        store's before anything is written), then ``charity-pos restore``."""
        from charity_pos.services import backup

        if not self.backup.text():
            self.restore_message.setText(self.tr("Choose the backup file first."))
            return
        source = Path(self.backup.text())
        made: list[Path] = []
        try:
            if self.key.text():
                backup.unprotect_key(Path(self.key.text()), self.passphrase.text(),
                                     db_path=self.path if self.restored else source)
            if not self.restored:
                made = self._make_folder()
                result = backup.restore(self.path, source)
                self.restored = True
                authenticated = result.authenticated
            else:
                authenticated = True
        except PosError as exc:
            for folder in made:  # the folders made for it, left as they were
                try:
                    folder.rmdir()
                except OSError:
                    break
            self.restore_message.setText(i18n.describe(exc))
            return
        log.info("first start: the store restored from a backup")
        if not authenticated:
            self.feedback.info(self, self.tr("The key file is missing"), self.tr(
                "The store was restored, but its key file is not on this PC. Put it back with "
                "“charity-pos restore-key” before using the store."))
        self._done(self.path)

    def _make_folder(self) -> list[Path]:
        """The store's folder (on a new PC the data folder is not there yet); the ones made, deepest first."""
        missing = [p for p in [self.path.parent, *self.path.parent.parents] if not p.exists()]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise files.not_writable(self.path, exc) from None
        return missing

    def open_existing(self) -> None:
        """A store file kept elsewhere: opened once to check it (the same checks as at every start),
        then saved as the store in the settings, as the settings screen saves them."""
        from charity_pos.ui.login import open_services

        chosen = self.ask(self, self.tr("Choose the store file"), self.tr("Store files (*.sqlite3);;All files (*)"))
        if not chosen:
            return
        path = Path(chosen)
        try:
            open_services(path).close()
        except PosError as exc:
            self.choice_message.setText(i18n.describe(exc))
            return
        self.settings.store_path = str(path)
        self.settings.save()
        log.info("first start: an existing store file chosen and saved in the settings")
        self._done(path)


def first_start(store_path: Path, settings: config.Settings) -> Path | None:
    """The first-start window, until a store is made, restored or chosen (its
    path), or the user quits (None)."""
    app = cast(QApplication, QApplication.instance())  # the app's, made by ``make_application``
    dialog = FirstStartDialog(store_path, settings)
    dialog.show()
    app.processEvents()
    log.info("first-start window up (“%s”): no store file at the path to open", dialog.windowTitle())
    if os.environ.get("CHARITY_POS_EXIT_WHEN_READY"):  # the start-up benchmark and tests: up, and done
        dialog.close()
        return None
    quits = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the log-in window comes next: the app goes on
    try:
        return dialog.store if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        app.setQuitOnLastWindowClosed(quits)
