"""The till's receipt printer: sales slips, return slips and shift reports,
and the cash drawer plugged into it.

Settings choose how: through Qt (a printer driver, or a PDF), or straight to
an ESC/POS receipt printer (``charity_pos.devices``), which also opens the
drawer. An ESC/POS job is sent before the service's unit of work that counts
the print commits (outside it: the store's write lock stays free), so a slip
the printer did not take is not counted; whatever the printer says is shown
in the user's words and the sale stays as it was.

Through Qt: with a printer named in the settings (``slip_printer``) a slip goes straight
to it, no dialog (that is what automatic printing needs); otherwise Qt's
print dialog asks. The printer is settled before the PDF is made, because
making a sale's slip counts a print (the second is marked 重打): cancelling
the dialog counts nothing. Each PDF is one page as long as the slip; the
page size is given to the printer so nothing is scaled onto A4."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

from charity_pos import files
from charity_pos.config import Settings
from charity_pos.devices.receipt_printer import ReceiptPrinter
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from charity_pos.services.sales import SaleView
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.printing import busy, page_sizes, paint_pdf, set_paper, store_output

log = logging.getLogger("charity_pos.ui.sales")

MM = 72 / 25.4
#: The paper offered in the print dialog before the slip's own length is known.
OFFERED_LENGTH_MM = 200

MakePdf = Callable[[Path], "bool | None"]
T = TypeVar("T")


class SlipPrinter(QObject):
    def __init__(self, services: Services, actor: Actor, feedback: Feedback, settings: Callable[[], Settings],
                 widget: QWidget) -> None:
        super().__init__(widget)
        self.services = services
        self.actor = actor
        self.feedback = feedback
        self.settings = settings
        self.widget = widget
        self.output = store_output(self, services)

    # --- the printer, replaceable ------------------------------------------
    def named_printer(self, name: str) -> QPrinter | None:
        """The printer of that name, if this PC has it."""
        info = QPrinterInfo.printerInfo(name)
        if info.isNull():
            log.warning("slip printer %r not found; asking instead", name)
            return None
        return QPrinter(info, QPrinter.PrinterMode.HighResolution)

    def escpos_printer(self) -> ReceiptPrinter:
        """The ESC/POS printer the settings describe (tests give one that
        writes to python-escpos's Dummy). Raises InvalidInput for settings
        that do not describe one."""
        return ReceiptPrinter.from_settings(self.settings())

    @property
    def escpos(self) -> bool:
        return self.settings().slip_output == "escpos"

    def _escpos(self, parent: QWidget | None, send: Callable[[ReceiptPrinter], T]) -> T | None:
        """Run ``send`` with the printer; errors are shown, never raised."""
        try:
            with busy():
                return send(self.escpos_printer())
        except Exception as exc:  # noqa: BLE001 - shown in the user's words; unexpected ones logged by Feedback
            self.feedback.error(parent or self.widget, exc)
            return None

    # --- the cash drawer --------------------------------------------------
    @property
    def has_drawer(self) -> bool:
        """A drawer hangs on this till's ESC/POS printer."""
        settings = self.settings()
        return settings.slip_output == "escpos" and settings.cash_drawer

    def open_drawer(self, parent: QWidget | None = None) -> bool:
        """Pulse the drawer open (after a cash sale or return). False, with
        the reason shown, when the printer did not take the pulse."""
        if not self.has_drawer:
            return False
        def pulse(printer: ReceiptPrinter) -> bool:
            printer.open_drawer()
            return True

        return self._escpos(parent, pulse) is True

    def pulse(self) -> None:
        """The drawer's pulse, raising ``PrinterFailed``: for a service that
        logs the opening only once it happened."""
        self.escpos_printer().open_drawer()

    # --- what the counter prints ------------------------------------------
    def sale_slip(self, number: str, parent: QWidget | None = None) -> SaleView | None:
        """Print a sale's slip (the first print is the original, later ones
        are marked 重打). Returns the sale as printed; None if not printed."""
        printed: list[SaleView] = []
        if self.escpos:
            def send(printer: ReceiptPrinter) -> SaleView:
                from charity_pos.devices.escpos_layout import sale_slip as layout
                from charity_pos.services.slips import sale_slip

                def render(view: SaleView, reprints: int) -> None:
                    printer.send(layout(sale_slip(self.services.ctx, view, reprints), printer.connection.width_mm))

                return self.services.sales.print_slip(self.actor, number, render=render)

            return self._escpos(parent, send)

        def make(path: Path) -> bool:
            from charity_pos.printing.slip import render_slip
            from charity_pos.services.slips import sale_slip

            width = self.settings().slip_width_mm

            def render(view: SaleView, reprints: int) -> None:
                render_slip(sale_slip(self.services.ctx, view, reprints), path, width)
                files.finish(path)  # a saved file in place before the print is counted

            printed.append(self.services.sales.print_slip(self.actor, number, render=render))
            return True

        return printed[0] if self._print(make, parent) and printed else None

    def return_slip(self, number: str, parent: QWidget | None = None) -> bool:
        if self.escpos:
            def send(printer: ReceiptPrinter) -> bool:
                from charity_pos.devices.escpos_layout import sale_slip as layout
                from charity_pos.services.slips import return_slip

                printer.send(layout(return_slip(self.services.ctx, number), printer.connection.width_mm))
                return True

            return self._escpos(parent, send) is True
        def make(path: Path) -> bool:
            from charity_pos.printing.slip import render_slip
            from charity_pos.services.slips import return_slip

            render_slip(return_slip(self.services.ctx, number), path, self.settings().slip_width_mm)
            return True

        return self._print(make, parent)

    def shift_report(self, number_or_till: str, parent: QWidget | None = None, *, to_file: bool = False) -> bool:
        """The X report of the open shift, or the Z report of a closed one."""
        try:
            doc = self.services.shifts.report_doc(number_or_till)
        except Exception as exc:  # noqa: BLE001 - shown in the user's words
            self.feedback.error(parent or self.widget, exc)
            return False

        def make(path: Path) -> bool:
            from charity_pos.printing.shift_report import render_shift_report

            render_shift_report(doc, path, self.settings().slip_width_mm)
            return True

        if not to_file and self.escpos:
            def send(printer: ReceiptPrinter) -> bool:
                from charity_pos.devices.escpos_layout import shift_report

                printer.send(shift_report(doc, printer.connection.width_mm))
                return True

            return self._escpos(parent, send) is True
        if not to_file:
            return self._print(make, parent)
        name = self.tr("{kind}-report-{number}.pdf").format(kind=doc.kind, number=doc.shift_number)
        try:
            return self.output.save_pdf_as(parent or self.widget, make, name) is not None
        except Exception as exc:  # noqa: BLE001
            self.feedback.error(parent or self.widget, exc)
            return False

    # --- how ----------------------------------------------------------------
    def _printer(self, parent: QWidget) -> QPrinter | None:
        settings = self.settings()
        if settings.slip_printer:
            printer = self.named_printer(settings.slip_printer)
            if printer is not None:
                return printer
        printer = self.output.new_printer()
        set_paper(printer, settings.slip_width_mm * MM, OFFERED_LENGTH_MM * MM)
        return printer if self.output.choose_printer(parent, printer) else None

    def _print(self, make: MakePdf, parent: QWidget | None) -> bool:
        parent = parent or self.widget
        try:
            printer = self._printer(parent)
            if printer is None:
                return False
            with tempfile.TemporaryDirectory(prefix="charity-pos-") as folder:
                pdf = Path(folder) / "slip.pdf"
                with busy():
                    if make(pdf) is False or not pdf.exists():
                        return False
                    sizes = page_sizes(pdf)
                    if sizes:
                        set_paper(printer, *sizes[0])
                    return paint_pdf(printer, pdf) > 0
        except Exception as exc:  # noqa: BLE001 - shown in the user's words; unexpected ones logged by Feedback
            self.feedback.error(parent, exc)
            return False
