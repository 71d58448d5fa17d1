"""A donation's papers, from whichever screen asks: the receipt (issued on
first print, 补打 after, a new number after a void) and the shelf labels.

A receipt's PDF is made during the service call that issues its number
(outside its transaction, before it commits), so a PDF that fails uses no number; the printer or file is chosen before that, so
cancelling a dialog uses none either."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from charity_pos import files
from charity_pos.errors import PosError
from charity_pos.domain.documents import ReceiptDoc
from charity_pos.services.base import Actor
from charity_pos.services.receipts import ReceiptResult
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval, with_approval
from charity_pos.ui.background import Background
from charity_pos.ui.donations.dialogs import LabelsDialog
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.printing import MakePdf, PdfOutput, busy, paint_pdf, set_paper
from charity_pos.ui.session import unguarded

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
        #: the label sheets, made off the UI thread
        self.background = Background(widget, lambda error: host.feedback.error(widget, error))
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

    def labels(self, donation_number: str, units: int, lines: int,
               done: Callable[[Path | bool], object] | None = None) -> bool:
        """Ask which labels and where (a file, or a printer), then make the
        sheet off the UI thread (``background``) and save or print it;
        ``done`` with the file (or True: printed) when finished. False when
        nothing started (cancelled, or labels already being made)."""
        host, widget, output = self.host, self.widget, self.host.output
        if self.background.busy():
            return False
        dialog = LabelsDialog(donation_number, units, lines, widget)
        if host.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return False
        template, per_unit = dialog.choice()
        service, ended = unguarded(host.services.labels)

        def render(path: Path) -> None:
            from charity_pos.printing.labels import render_labels

            render_labels(service.for_donation(donation_number, per_unit=per_unit), template, path)

        label = self.tr("Making the labels of {number}…").format(number=donation_number)
        finished = done or (lambda _result: None)
        if dialog.to_file:
            chosen = output.choose_file(widget, self.tr("labels-{number}.pdf").format(number=donation_number))
            if chosen is None:
                return False
            if chosen.suffix.lower() != ".pdf":
                chosen = chosen.with_name(chosen.name + ".pdf")
            output.last_folder = chosen.parent
            protect = output.protect()

            def save(_report: object, _cancelled: object) -> Path:
                with files.writing(chosen, protect, force=True, ours=files.is_our_pdf) as pending:
                    render(pending.partial)
                return chosen

            return self.background.run(label, save, finished, ended=ended)
        printer = output.new_printer()
        if template in PAPER:
            set_paper(printer, *PAPER[template])
        if not output.choose_printer(widget, printer):
            return False
        folder = Path(tempfile.mkdtemp(prefix="charity-pos-"))

        def make(_report: object, _cancelled: object) -> Path:
            try:
                render(folder / "labels.pdf")
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            return folder / "labels.pdf"

        def paper(pdf: Path) -> None:  # Qt prints on the UI thread
            try:
                with busy():
                    printed = paint_pdf(printer, pdf) > 0
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            if printed:
                finished(True)

        return self.background.run(label, make, paper, ended=ended)

    def _produce(self, make: MakePdf, name: str, to_file: bool,
                 paper_pt: tuple[float, float] | None) -> Path | bool | None:
        output = self.host.output
        try:
            if to_file:
                return output.save_pdf_as(self.widget, make, name)
            return output.make_and_print(self.widget, make, paper_pt) or None
        except Exception as exc:  # noqa: BLE001 - shown in the user's words; unexpected ones logged by Feedback
            self.host.feedback.error(self.widget, exc)
            return None
