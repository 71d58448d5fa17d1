"""A donation's papers, from whichever screen asks: the receipt (issued on
first print, 补打 after, a new number after a void) and the shelf labels.

A receipt's PDF is made inside the service call that issues its number, so a
PDF that fails uses no number; the printer or file is chosen before that, so
cancelling a dialog uses none either."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from charity_pos import files
from charity_pos.errors import PosError
from charity_pos.printing.documents import ReceiptDoc
from charity_pos.services.base import Actor
from charity_pos.services.receipts import ReceiptResult
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval, with_approval
from charity_pos.ui.donations.dialogs import LabelsDialog
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.printing import PdfOutput, busy

MM = 72 / 25.4
#: Paper of each label template, in points, offered in the print dialog.
PAPER = {"a4-3x8": (210 * MM, 297 * MM), "thermal-40x30": (40 * MM, 30 * MM)}


class PaperHost(Protocol):
    """What a screen offers the papers: its services, user, dialogs."""

    services: Services
    actor: Actor
    feedback: Feedback
    ask: AskApproval
    output: PdfOutput

    def run_dialog(self, dialog: QDialog) -> int: ...


class Papers(QObject):
    #: What issuing or reprinting a receipt changed (Changes).
    changed = Signal(object)

    def __init__(self, host: PaperHost, widget: QWidget) -> None:
        super().__init__(widget)
        self.host = host
        self.widget = widget

    def receipt(self, donation_number: str, *, to_file: bool, reissue: bool = False) -> ReceiptResult | None:
        """Print (or save) the donation's receipt; None if not done."""
        host, widget = self.host, self.widget
        done: list[ReceiptResult] = []

        def make(path: Path) -> bool:
            from charity_pos.printing.receipt import render_receipt

            def render(document: ReceiptDoc) -> None:
                with busy():
                    render_receipt(document, path)
                files.finish(path)  # a saved file in place before the number is used

            result = with_approval(
                widget,
                lambda approval: host.services.receipts.print_receipt(
                    host.actor, donation_number, approval, reissue=reissue, render=render),
                host.ask, host.feedback)
            if result is None:
                return False
            done.append(result)
            return True

        name = self.tr("receipt-{number}.pdf").format(number=donation_number)
        self._produce(make, name, to_file, None)
        if not done:
            return None
        self.changed.emit(done[0].changes)
        return done[0]

    def labels(self, donation_number: str, units: int, lines: int) -> Path | bool | None:
        """Ask which labels, then print or save them. None if not done."""
        host, widget = self.host, self.widget
        dialog = LabelsDialog(donation_number, units, lines, widget)
        if host.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        template, per_unit = dialog.choice()
        try:
            labels = host.services.labels.for_donation(donation_number, per_unit=per_unit)
        except PosError as exc:
            host.feedback.error(widget, exc)
            return None

        def make(path: Path) -> bool:
            from charity_pos.printing.labels import render_labels

            with busy():
                render_labels(labels, template, path)
            return True

        name = self.tr("labels-{number}.pdf").format(number=donation_number)
        return self._produce(make, name, dialog.to_file, PAPER.get(template))

    def _produce(self, make, name: str, to_file: bool,  # type: ignore[no-untyped-def]
                 paper_pt: tuple[float, float] | None) -> Path | bool | None:
        output = self.host.output
        try:
            if to_file:
                return output.save_pdf_as(self.widget, make, name)
            return output.make_and_print(self.widget, make, paper_pt) or None
        except Exception as exc:  # noqa: BLE001 - shown in the user's words; unexpected ones logged by Feedback
            self.host.feedback.error(self.widget, exc)
            return None
