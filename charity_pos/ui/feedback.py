"""Telling the user what happened: errors in their language, never a traceback.

Dialogs go through ``Feedback`` so that tests can swap it for one that
records messages instead of blocking on a modal box.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from charity_pos.errors import PosError
from charity_pos.i18n import describe

log = logging.getLogger("charity_pos.ui")


class Feedback:
    def error(self, parent: QWidget | None, error: BaseException) -> None:
        if not isinstance(error, PosError):
            log.exception("unexpected error", exc_info=error)
        QMessageBox.warning(parent, QCoreApplication.translate("Feedback", "Not done"), describe(error))

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
