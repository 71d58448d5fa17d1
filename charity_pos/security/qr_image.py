"""The QR code of a receipt from what a person has at hand: the text a
scanner typed, or a photo or scan of the receipt (PNG, JPEG) or its PDF.

Pictures are decoded with zxing-cpp (the C++ port of ZXing), read with
Pillow; a PDF's first pages are rendered at 300 dpi with pdfium first.
Files are read defensively: a size cap, Pillow's guard against decompression
bombs, and every failure of a decoder turned into ``PictureUnreadable``.
No Qt, no database.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from charity_pos.errors import ImportFileMissing, PictureUnreadable, QrNotFound

log = logging.getLogger("charity_pos.receipts")

#: a phone's photo or a scanned page is a few megabytes; anything much larger is not one
MAX_FILE_BYTES = 64 * 1024 * 1024
#: the QR code is in the header of every page: the first pages are enough
MAX_PDF_PAGES = 3
PDF_DPI = 300
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".pdf", ".bmp", ".gif", ".tif", ".tiff", ".webp")
RECEIPT_PREFIX = "CPOS-R"


def qr_text_from(argument: str) -> str:
    """The QR text named by a command line's argument: the text itself, or
    the QR code read from the file it names. ``ImportFileMissing`` for a
    file name (a picture's suffix or a folder in it) where there is none."""
    text = argument.strip()
    if text.startswith(RECEIPT_PREFIX):
        return text
    path = Path(argument)
    try:
        exists = path.exists()
    except (OSError, ValueError):  # a name too long or with a NUL: not a file's
        exists = False
    if exists:
        return qr_text_from_file(path)
    if "://" not in argument and (path.suffix.lower() in PICTURE_SUFFIXES or os.sep in argument or "/" in argument):
        raise ImportFileMissing(path=argument)  # a file's name, not a QR code's text (a link is text)
    return text


def qr_text_from_file(path: Path) -> str:
    """The receipt's QR text in a PNG, JPEG or PDF; ``QrNotFound`` when none
    can be read, ``PictureUnreadable`` when the file is not a picture."""
    path = Path(path)
    if not path.exists():
        raise ImportFileMissing(path=str(path))
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            raise PictureUnreadable(path=str(path))
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        raise PictureUnreadable(path=str(path)) from None
    pictures = _pdf_pages(path) if head.startswith(b"%PDF") else [_picture(path)]
    found: list[str] = []
    for picture in pictures:
        found += _decode(picture)
        if any(t.startswith(RECEIPT_PREFIX) for t in found):
            break
    if not found:
        raise QrNotFound(path=str(path))
    return next((t for t in found if t.startswith(RECEIPT_PREFIX)), found[0])


def _picture(path: Path) -> Any:
    from PIL import Image, ImageOps

    try:
        with Image.open(path) as opened:
            opened.load()
            picture = ImageOps.exif_transpose(opened)
            return picture.convert("L")
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
        log.info("picture %s unreadable: %s", path.name, type(exc).__name__)
        raise PictureUnreadable(path=str(path)) from None


def _pdf_pages(path: Path) -> list[Any]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError, ValueError) as exc:
        log.info("PDF %s unreadable: %s", path.name, type(exc).__name__)
        raise PictureUnreadable(path=str(path)) from None
    try:
        pages = []
        for index in range(min(len(pdf), MAX_PDF_PAGES)):
            page = pdf[index]
            try:
                pages.append(page.render(scale=PDF_DPI / 72, grayscale=True).to_pil())
            finally:
                page.close()
        return pages
    except (pdfium.PdfiumError, OSError, ValueError) as exc:
        log.info("PDF %s unreadable: %s", path.name, type(exc).__name__)
        raise PictureUnreadable(path=str(path)) from None
    finally:
        pdf.close()


def _decode(picture: Any) -> list[str]:
    import zxingcpp

    try:
        results = zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode)  # type: ignore[arg-type]  # one format converts; the stub wants the set
    except (ValueError, RuntimeError) as exc:
        log.info("QR decoder failed: %s", type(exc).__name__)
        return []
    return [r.text for r in results if r.valid and r.text]
