"""The handout slip (物资发放单) the recipient signs, on the till's receipt
printer (80 mm, straight to the printer named in the settings, like a sales
slip; or on the ESC/POS printer, on its paper), on A5 through the print
dialog, or saved as a PDF (A5).

Each of them counts a print of the slip (the second is marked 重打), and
only once the PDF exists: cancelling the print dialog counts nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from charity_pos import files

from charity_pos.ui.printing import MakePdf
from charity_pos.ui.sales.slip_printer import MM, SlipPrinter

if TYPE_CHECKING:
    from charity_pos.devices.receipt_printer import ReceiptPrinter
    from charity_pos.domain.documents import HandoutSlipDoc

#: A5 portrait, in points.
A5_PT = (148 * MM, 210 * MM)
ROLL = "80mm"
SHEET = "a5"


class HandoutSlips(SlipPrinter):
    def _maker(self, number: str, paper: str) -> MakePdf:
        def make(path: Path) -> bool:
            from charity_pos.printing.handout import render_handout_slip

            def render(doc: HandoutSlipDoc) -> None:
                render_handout_slip(doc, path, paper)
                files.finish(path)  # a saved file in place before the print is counted

            self.services.handouts.print_slip(self.actor, number, render=render)
            return True

        return make

    def handout_slip(self, number: str, paper: str = ROLL, parent: QWidget | None = None) -> bool:
        """Print the slip: 80 mm on the slip printer (or the dialog when none
        is named), A5 through the print dialog."""
        if paper == ROLL and self.escpos:
            def send(printer: ReceiptPrinter) -> bool:
                from charity_pos.devices.escpos_layout import handout_slip
                from charity_pos.domain.documents import HandoutSlipDoc

                def render(doc: object) -> None:
                    assert isinstance(doc, HandoutSlipDoc)  # what print_slip builds
                    printer.send(handout_slip(doc, printer.connection.width_mm))

                self.services.handouts.print_slip(self.actor, number, render=render)
                return True

            return self._escpos(parent, send) is True
        if paper == ROLL:
            return self._print(self._maker(number, ROLL), parent)
        try:
            return self.output.make_and_print(parent or self.widget, self._maker(number, SHEET), A5_PT)
        except Exception as exc:  # noqa: BLE001 - shown in the user's words; unexpected ones logged by Feedback
            self.feedback.error(parent or self.widget, exc)
            return False

    def save_slip(self, number: str, parent: QWidget | None = None) -> Path | None:
        """The A5 slip as a PDF where the user says."""
        name = self.tr("handout-{number}.pdf").format(number=number)
        try:
            return self.output.save_pdf_as(parent or self.widget, self._maker(number, SHEET), name)
        except Exception as exc:  # noqa: BLE001
            self.feedback.error(parent or self.widget, exc)
            return None
