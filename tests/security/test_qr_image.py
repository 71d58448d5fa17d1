"""A receipt's QR code read back from what a person holds: the store's
real receipt PDF, a 300 dpi scan of it as PNG and as a phone's JPEG, its
code printed at 20 mm; and the files that hold none (a blank picture, a
damaged file, a missing one), each refused with its own error."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charity_pos.errors import ImportFileMissing, PictureUnreadable, QrNotFound
from charity_pos.security import receipt_sig
from charity_pos.security.qr_image import qr_text_from, qr_text_from_file
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.catalog import Source
from charity_pos.sync.bundle import public_key_text
from charity_pos.sync.store_side import StoreSync

needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is not installed")


@pytest.fixture
def receipt_pdf(services, manager, make_item, tmp_path: Path):
    """A receipt as the store prints it, and the QR text it carries."""
    from charity_pos.printing.receipt import render_receipt

    coat = make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500, reference=12000,
                     source=Source.DONATED)
    number = services.intake.receive(manager, IntakeDraft(None, (
        IntakeLine(coat.id, 3, Condition.AS_NEW, Valuation.MARKET, 123456),))).number
    path = tmp_path / "receipt.pdf"
    document = services.receipts.print_receipt(manager, number, render=lambda doc: render_receipt(doc, path)).document
    return path, document.qr_payload


def rasterise(pdf: Path, dpi: int = 300) -> Path:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-singlefile", str(pdf), str(pdf.with_suffix(""))],
                   check=True)
    return pdf.with_suffix(".png")


def test_the_receipt_carries_a_code_signed_by_the_key_the_hub_holds(services, receipt_pdf) -> None:
    _path, text = receipt_pdf
    claim = receipt_sig.parse(text)
    assert (claim.version, claim.store_code, claim.number, claim.issued_on, claim.total_fen) == (
        2, "PT01", "PT01-2026-J000001", date(2026, 3, 10), 370368)
    registered = StoreSync(services.ctx).registration()["public_key"]  # what the hub's add-store keeps
    assert receipt_sig.signature_valid(claim, registered)
    assert not receipt_sig.signature_valid(claim, public_key_text(Ed25519PrivateKey.generate().public_key()))


def test_a_voided_receipt_keeps_its_signed_code(services, manager, receipt_pdf) -> None:
    _path, text = receipt_pdf
    services.receipts.void(manager, "PT01-2026-J000001", "写错了")
    assert services.receipts.document("PT01-2026-J000001").qr_payload == text


def test_the_receipt_pdf_itself(receipt_pdf) -> None:
    path, text = receipt_pdf
    assert qr_text_from(str(path)) == text


@needs_poppler
def test_a_scan_as_png_and_a_photo_as_jpeg(receipt_pdf, tmp_path: Path) -> None:
    from PIL import Image

    path, text = receipt_pdf
    png = rasterise(path)
    assert qr_text_from(str(png)) == text
    jpeg = tmp_path / "photo.jpg"
    with Image.open(png) as scan:
        scan.convert("RGB").rotate(90, expand=True).save(jpeg, quality=70)
    assert qr_text_from_file(jpeg) == text


@needs_poppler
def test_the_code_still_reads_printed_at_20_mm(tmp_path: Path) -> None:
    """The longest code a store prints (an amount of 12 digits), drawn as the
    receipt draws it but 20 mm wide, scanned at 300 dpi."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from charity_pos.printing.receipt import _draw_qr

    text = receipt_sig.qr_text(Ed25519PrivateKey.generate(), "ABCD1234", "ABCD1234-2026-J999999", date(2026, 12, 31),
                               999_999_999_999)
    widget = QrCodeWidget(text, barLevel="M")
    widget.qr.make()
    modules = widget.qr.getModuleCount()
    assert modules <= 45, "version 7 at most: a module of 0.4 mm or more at 20 mm"
    assert 20 / (modules + 4) >= 0.4
    pdf = tmp_path / "qr20.pdf"
    canvas = Canvas(str(pdf), pagesize=(40 * mm, 40 * mm))
    _draw_qr(canvas, text, 10 * mm, 10 * mm, 20 * mm)
    canvas.save()
    assert qr_text_from_file(rasterise(pdf)) == text


def test_a_picture_without_a_qr_code(tmp_path: Path) -> None:
    from PIL import Image, ImageDraw

    blank = tmp_path / "blank.png"
    picture = Image.new("L", (600, 400), 255)
    ImageDraw.Draw(picture).text((20, 20), "no code here", fill=0)
    picture.save(blank)
    with pytest.raises(QrNotFound):
        qr_text_from(str(blank))


@needs_poppler
def test_another_qr_code_is_read_and_left_to_the_verdict(tmp_path: Path) -> None:
    """A payment code photographed instead: read, then refused as foreign by the parser."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from charity_pos.errors import ReceiptQrForeign
    from charity_pos.printing.receipt import _draw_qr

    pdf = tmp_path / "pay.pdf"
    canvas = Canvas(str(pdf), pagesize=(60 * mm, 60 * mm))
    _draw_qr(canvas, "https://qr.alipay.com/abc", 10 * mm, 10 * mm, 40 * mm)
    canvas.save()
    text = qr_text_from(str(rasterise(pdf, 150)))
    assert text == "https://qr.alipay.com/abc"
    with pytest.raises(ReceiptQrForeign):
        receipt_sig.parse(text)


@pytest.mark.parametrize("name, content", [
    ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200),
    ("scan.jpg", b"\xff\xd8\xff\xe0 not really a jpeg"),
    ("receipt.pdf", b"%PDF-1.7\n this is not a PDF\n"),
    ("notes.txt", "收据".encode()),
    ("empty.png", b""),
])
def test_a_damaged_or_foreign_file_is_unreadable(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PictureUnreadable):
        qr_text_from(str(path))


def test_a_folder_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(PictureUnreadable):
        qr_text_from(str(tmp_path))


@pytest.mark.parametrize("name", ["missing.png", "scans/missing.pdf", "C:/receipts/r.jpeg"])
def test_a_missing_file(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ImportFileMissing):
        qr_text_from(name)


@pytest.mark.parametrize("text", ["CPOS-R2:PT01:anything", "https://weixin.qq.com/x", "6901234567892"])
def test_text_is_passed_on_as_text(text: str) -> None:
    assert qr_text_from(text) == text
