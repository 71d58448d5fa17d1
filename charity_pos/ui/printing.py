"""Turning a PDF into paper, or into a file the user names.

The PDFs themselves come from ``charity_pos.printing`` (no Qt there). Here a
PDF is either saved where the user chooses, or printed through Qt's print
dialog: each page is rasterised with pdfium at the printer's resolution and
painted onto the page, so what comes out is exactly the PDF, on any printer
Qt can drive.

The dialogs are methods of ``PdfOutput`` that tests replace, so nothing
blocks. Files are written beside their target and moved into place, never
left half-written, and never over the store's own files (``charity_pos.files``).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRectF, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QTransform
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from charity_pos import files

if TYPE_CHECKING:
    import pypdfium2 as pdfium  # no stubs: its pages are untyped to mypy

    from charity_pos.services.registry import Services

log = logging.getLogger("charity_pos.ui.printing")

#: Rasterising above this many dots per inch only costs memory.
MAX_DPI = 600

#: Writes a PDF to the path it is given. Returns False when it decided not
#: to (the user cancelled a step, or an error was already shown). It may ask
#: for a manager's approval first, so it shows its own busy cursor (``busy``).
MakePdf = Callable[[Path], "bool | None"]


@contextmanager
def busy() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def _write_into(target: Path, make_pdf: MakePdf, protect: files.Protected) -> bool:
    """Make the PDF beside ``target`` and move it into place when complete
    (``charity_pos.files``: never over the store's own files). A maker
    whose PDF uses a number moves it into place itself, before the service
    commits (``files.finish``), so a file that cannot be put there uses
    none. The save dialog has asked before an existing file is
    replaced, hence ``force``."""
    with files.writing(target, protect, force=True, ours=files.is_our_pdf) as pending:
        made = make_pdf(pending.partial)
        if made is False or not (pending.done or _has_content(pending.partial)):
            pending.cancel()
            return False
    return True


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def page_sizes(pdf_path: Path) -> list[tuple[float, float]]:
    """Width and height of every page, in points."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf_path))
    try:
        return [document[i].get_size() for i in range(len(document))]
    finally:
        document.close()


def _pages_to_print(printer: QPrinter, count: int) -> list[int]:
    """Zero-based page numbers, honouring a page range chosen in the dialog."""
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
    pages = list(range(first - 1, last))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        pages.reverse()
    return pages


def _image(page: pdfium.PdfPage, dpi: float, grayscale: bool) -> QImage:
    import pypdfium2.raw as pdfium_c

    bitmap_format = pdfium_c.FPDFBitmap_Gray if grayscale else pdfium_c.FPDFBitmap_BGRx
    bitmap = page.render(scale=dpi / 72.0, force_bitmap_format=bitmap_format, rev_byteorder=not grayscale,
                         fill_color=(255, 255, 255, 255), optimize_mode="print")
    try:
        image_format = QImage.Format.Format_Grayscale8 if grayscale else QImage.Format.Format_RGBX8888
        view = memoryview(bitmap.buffer).cast("B")
        return QImage(view, bitmap.width, bitmap.height, bitmap.stride, image_format).copy()
    finally:
        bitmap.close()


def paint_pdf(printer: QPrinter, pdf_path: Path) -> int:
    """Print every chosen page of a PDF on ``printer``; returns pages printed.

    Each page is scaled to fit the paper, centred, keeping its proportions;
    the PDF brings its own margins."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf_path))
    try:
        pages = _pages_to_print(printer, len(document))
        if not pages:
            return 0
        printer.setFullPage(True)
        dpi = float(min(printer.resolution(), MAX_DPI))
        grayscale = printer.colorMode() == QPrinter.ColorMode.GrayScale
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        printed = 0
        try:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            for copy in range(copies):
                for number, index in enumerate(pages):
                    if copy or number:
                        printer.newPage()
                    page = document[index]
                    image = _image(page, dpi, grayscale)
                    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
                    if (image.width() > image.height()) != (paper.width() > paper.height()):
                        # a landscape label on paper the driver calls portrait: turn it
                        image = image.transformed(QTransform().rotate(90))
                    scale = min(paper.width() / image.width(), paper.height() / image.height())
                    size = QSizeF(image.width() * scale, image.height() * scale)
                    target = QRectF(paper.x() + (paper.width() - size.width()) / 2,
                                    paper.y() + (paper.height() - size.height()) / 2, size.width(), size.height())
                    painter.drawImage(target, image)
                    printed += 1
        finally:
            painter.end()
        return printed
    finally:
        document.close()


def set_paper(printer: QPrinter, width_pt: float, height_pt: float) -> None:
    """Offer the document's own paper size and orientation in the dialog."""
    size = QPageSize(QSizeF(min(width_pt, height_pt), max(width_pt, height_pt)), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if width_pt > height_pt else QPageLayout.Orientation.Portrait
    printer.setPageSize(size)
    printer.setPageOrientation(orientation)


class PdfOutput(QObject):
    """Where PDFs go. Screens hold one; tests replace ``choose_file`` and
    ``choose_printer`` (or give ``printer`` a PDF file to print into)."""

    def __init__(self, parent: QObject | None = None,
                 protect: Callable[[], files.Protected] = files.always) -> None:
        super().__init__(parent)
        self.last_folder = Path.home()
        #: the files a PDF is never saved over (the open store's: ``store_output``)
        self.protect = protect

    # --- the two dialogs, replaceable -------------------------------------
    def choose_file(self, parent: QWidget | None, suggested_name: str) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(
            parent, self.tr("Save as PDF"), str(self.last_folder / suggested_name), self.tr("PDF files (*.pdf)"))
        return Path(name) if name else None

    def choose_printer(self, parent: QWidget | None, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(self.tr("Print"))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def new_printer(self) -> QPrinter:
        return QPrinter(QPrinter.PrinterMode.HighResolution)

    # --- what screens call ------------------------------------------------
    def save_pdf_as(self, parent: QWidget | None, make_pdf: MakePdf, suggested_name: str) -> Path | None:
        """Ask for a file name, then make the PDF there. None: not saved."""
        chosen = self.choose_file(parent, suggested_name)
        if chosen is None:
            return None
        if chosen.suffix.lower() != ".pdf":
            chosen = chosen.with_name(chosen.name + ".pdf")
        self.last_folder = chosen.parent
        return chosen if _write_into(chosen, make_pdf, self.protect()) else None

    def print_pdf(self, parent: QWidget | None, pdf_path: Path) -> bool:
        """Qt's print dialog, then the PDF's pages on paper."""
        printer = self.new_printer()
        sizes = page_sizes(pdf_path)
        if sizes:
            set_paper(printer, *sizes[0])
        printer.setFromTo(1, len(sizes))
        if not self.choose_printer(parent, printer):
            return False
        with busy():
            return paint_pdf(printer, pdf_path) > 0

    def make_and_print(self, parent: QWidget | None, make_pdf: MakePdf,
                       paper_pt: tuple[float, float] | None = None) -> bool:
        """Choose the printer first, then make the PDF and print it. For
        documents that use up a number when made (receipts): cancelling the
        print dialog uses nothing. ``paper_pt``: the document's paper size
        in points, offered in the dialog."""
        printer = self.new_printer()
        if paper_pt is not None:
            set_paper(printer, *paper_pt)
        if not self.choose_printer(parent, printer):
            return False
        with tempfile.TemporaryDirectory(prefix="charity-pos-") as folder:
            pdf = Path(folder) / "document.pdf"
            if make_pdf(pdf) is False or not pdf.exists():
                return False
            with busy():
                return paint_pdf(printer, pdf) > 0


def store_output(parent: QObject | None, services: Services) -> PdfOutput:
    """A ``PdfOutput`` that never saves over the open store's own files."""
    return PdfOutput(parent, lambda: files.store_files(services.db.path, services.store().id))


_default: PdfOutput | None = None


def _output() -> PdfOutput:
    global _default
    if _default is None:
        _default = PdfOutput()
    return _default


def save_pdf_as(parent: QWidget | None, make_pdf: MakePdf, suggested_name: str) -> Path | None:
    """Ask where, then write the PDF there (through the shared ``PdfOutput``)."""
    return _output().save_pdf_as(parent, make_pdf, suggested_name)


def print_pdf(parent: QWidget | None, pdf_path: Path) -> bool:
    """Print a PDF through Qt's print dialog (through the shared ``PdfOutput``)."""
    return _output().print_pdf(parent, pdf_path)
