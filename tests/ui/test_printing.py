"""PDFs onto paper: every page rasterised at the printer's resolution and
painted, honouring the page range; and saving as a file the user names,
never leaving half a file behind."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from charity_pos.errors import OutputFolderMissing
from charity_pos.ui.printing import PdfOutput


def _pdf(path: Path, pages: int, size: QPageSize | None = None) -> Path:
    """A PDF with a big page number on each page."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(size or QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setResolution(72)
    painter = QPainter(writer)
    font = QFont()
    font.setPointSize(60)
    painter.setFont(font)
    for number in range(1, pages + 1):
        if number > 1:
            writer.newPage()
        painter.fillRect(20, 20, 100, 100, QColor("black"))
        painter.drawText(40, 240, str(number))
    painter.end()
    return path


def _pages(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


class PrintInto:
    """Stands in for the print dialog: the 'printer' writes a PDF file."""

    def __init__(self, out: Path, first: int = 0, last: int = 0, copies: int = 1,
                 portrait: bool = False) -> None:
        self.out, self.first, self.last, self.copies, self.portrait = out, first, last, copies, portrait
        self.seen_size: QSizeF | None = None

    def __call__(self, parent, printer: QPrinter) -> bool:  # type: ignore[no-untyped-def]
        self.seen_size = printer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.out))
        printer.setResolution(100)
        if self.first:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(self.first, self.last)
        printer.setCopyCount(self.copies)
        if self.portrait:
            printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        return True


@pytest.fixture
def output(qtbot) -> PdfOutput:  # type: ignore[no-untyped-def]
    return PdfOutput()


def test_print_pdf_paints_every_page_on_a_page_of_the_pdfs_size(output, tmp_path) -> None:
    source = _pdf(tmp_path / "three.pdf", 3)
    fake = PrintInto(tmp_path / "printed.pdf")
    output.choose_printer = fake  # type: ignore[method-assign]
    assert output.print_pdf(None, source)
    assert _pages(tmp_path / "printed.pdf") == 3
    assert fake.seen_size is not None and round(fake.seen_size.width()) == 148, "A5 offered in the dialog"


def test_print_pdf_honours_the_page_range(output, tmp_path) -> None:
    source = _pdf(tmp_path / "five.pdf", 5)
    output.choose_printer = PrintInto(tmp_path / "printed.pdf", first=2, last=3)  # type: ignore[method-assign]
    assert output.print_pdf(None, source)
    assert _pages(tmp_path / "printed.pdf") == 2


def test_cancelled_print_dialog_prints_nothing(output, tmp_path) -> None:
    source = _pdf(tmp_path / "one.pdf", 1)
    output.choose_printer = lambda parent, printer: False  # type: ignore[method-assign]
    assert not output.print_pdf(None, source)


def test_printed_page_shows_what_the_pdf_shows(output, tmp_path) -> None:
    source = _pdf(tmp_path / "one.pdf", 1)
    output.choose_printer = PrintInto(tmp_path / "printed.pdf")  # type: ignore[method-assign]
    output.print_pdf(None, source)
    bitmap = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))[0].render(scale=1, grayscale=True)
    pixels = bitmap.buffer
    # the black square drawn at (20..120, 20..120) points is black where it was
    assert pixels[70 * bitmap.stride + 70] < 60
    assert pixels[300 * bitmap.stride + 300] > 200


def test_save_pdf_as_writes_where_chosen_and_adds_pdf(output, tmp_path) -> None:
    output.choose_file = lambda parent, name: tmp_path / "收据"  # type: ignore[method-assign]
    saved = output.save_pdf_as(None, lambda path: _pdf(path, 1) and True, "receipt.pdf")
    assert saved == tmp_path / "收据.pdf" and _pages(saved) == 1
    assert list(tmp_path.glob("*.partial")) == []


def test_save_pdf_as_leaves_nothing_when_making_fails(output, tmp_path) -> None:
    output.choose_file = lambda parent, name: tmp_path / "r.pdf"  # type: ignore[method-assign]

    def broken(path: Path) -> bool:
        path.write_bytes(b"%PDF-1.4 half")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        output.save_pdf_as(None, broken, "r.pdf")
    assert list(tmp_path.iterdir()) == []


def test_save_into_a_missing_folder_is_refused(output, tmp_path) -> None:
    output.choose_file = lambda parent, name: tmp_path / "nope" / "r.pdf"  # type: ignore[method-assign]
    with pytest.raises(OutputFolderMissing):
        output.save_pdf_as(None, lambda path: True, "r.pdf")


def test_make_and_print_chooses_the_printer_before_making(output, tmp_path) -> None:
    order: list[str] = []
    fake = PrintInto(tmp_path / "printed.pdf")

    def choose(parent, printer):  # type: ignore[no-untyped-def]
        order.append("dialog")
        return fake(parent, printer)

    def make(path: Path) -> bool:
        order.append("make")
        _pdf(path, 2)
        return True

    output.choose_printer = choose  # type: ignore[method-assign]
    assert output.make_and_print(None, make)
    assert order == ["dialog", "make"] and _pages(tmp_path / "printed.pdf") == 2
    output.choose_printer = lambda parent, printer: False  # type: ignore[method-assign]
    order.clear()
    assert not output.make_and_print(None, make)
    assert order == [], "cancelling the print dialog makes nothing (a receipt number stays unused)"


def test_landscape_label_is_offered_landscape_and_printed_whole(output, tmp_path) -> None:
    label = QPageSize(QSizeF(30, 40), QPageSize.Unit.Millimeter, "label", QPageSize.SizeMatchPolicy.ExactMatch)
    writer = QPdfWriter(str(tmp_path / "label.pdf"))
    writer.setPageLayout(QPageLayout(label, QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    painter.fillRect(writer.pageLayout().paintRectPixels(writer.resolution()), QColor("black"))
    painter.end()
    assert [round(x / 72 * 25.4) for x in pdfium.PdfDocument(str(tmp_path / "label.pdf"))[0].get_size()] == [40, 30]
    fake = PrintInto(tmp_path / "printed.pdf")
    output.choose_printer = fake  # type: ignore[method-assign]
    assert output.print_pdf(None, tmp_path / "label.pdf")
    width, height = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))[0].get_size()
    assert round(width / 72 * 25.4) == 40 and round(height / 72 * 25.4) == 30
    output.choose_printer = PrintInto(tmp_path / "portrait.pdf", portrait=True)  # type: ignore[method-assign]
    assert output.print_pdf(None, tmp_path / "label.pdf")
    page = pdfium.PdfDocument(str(tmp_path / "portrait.pdf"))[0]
    assert [round(x / 72 * 25.4) for x in page.get_size()] == [30, 40], "the driver's portrait label"
    bitmap = page.render(scale=1, grayscale=True)
    assert bitmap.buffer[(bitmap.height // 2) * bitmap.stride + bitmap.width // 2] < 60, "turned, not shrunk away"
