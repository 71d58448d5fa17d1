"""Sales and return slips for 80 mm and 58 mm receipt printers, read back:
their text, their page width, where every word sits, and the slip number's
Code 128 barcode scanned from a 300 dpi raster, as a shop scanner reads it."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charity_pos.domain.money import format_fen
from charity_pos.printing.barcode_drawing import decode_code128, encode_code128
from charity_pos.domain.documents import SlipDoc, SlipLine, SlipPayment
from charity_pos.printing.roll import MIN_MODULE, PAPERS, barcode_module
from charity_pos.printing.slip import render_slip
from tests.helpers import cluster, compact, pdf_pages, pdf_words

MM = 72 / 25.4
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) is not installed")
WIDTHS = (80, 58)

LINES = (
    SlipLine("东北大米 5kg", 2, 5152, 10304, source="采购"),
    SlipLine("儿童羽绒服 130cm", 1, 8000, 7000, list_price_fen=12000, discount_fen=1000, source="捐赠"),
    SlipLine("搪瓷杯", 3, 500, 1500, source="代售"),
)
SUBTOTAL = 10304 + 7000 + 1500  # 18804


def sale(**changes: object) -> SlipDoc:
    doc = SlipDoc(
        store_name="普陀区长征镇慈善超市", store_code="PT01", title="销售小票", number="PT01-2026-S000123",
        at="2026-03-10 10:02", cashier="王丽华", till="1号收银台", lines=LINES, subtotal_fen=SUBTOTAL,
        ticket_discount_fen=4, total_fen=SUBTOTAL - 4,
        payments=(SlipPayment("微信支付", 10000, "4200002026031012345678"), SlipPayment("现金", 10000)),
        change_fen=20000 - (SUBTOTAL - 4), thanks="谢谢惠顾，您的每一次购买都在帮助身边的人")
    return replace(doc, **changes)  # type: ignore[arg-type]


def return_slip(**changes: object) -> SlipDoc:
    doc = sale(title="退货单", number="PT01-2026-R000007", original_number="PT01-2026-S000123",
               lines=(SlipLine("东北大米 5kg", -1, 5152, -5152, source="采购"),), subtotal_fen=-5152,
               ticket_discount_fen=0, total_fen=-5152, payments=(SlipPayment("现金", -5152),), change_fen=0)
    return replace(doc, **changes)  # type: ignore[arg-type]


def render(tmp_path: Path, doc: SlipDoc, width: int = 80, name: str | None = None) -> Path:
    path = tmp_path / (name or f"slip{width}.pdf")
    render_slip(doc, path, width)
    return path


def page_texts(path: Path) -> list[str]:
    return [compact(text) for text in pdf_pages(path)]


def page_size(path: Path) -> tuple[float, float]:
    (page,) = pypdf.PdfReader(path).pages
    return float(page.mediabox.width), float(page.mediabox.height)


def assert_inside_printable_width(pdf: Path, width: int) -> None:
    margin = PAPERS[width].margin
    words = pdf_words(pdf)
    assert words
    for x_min, y_min, x_max, y_max, word, page_w, page_h in words:
        assert page_w == pytest.approx(width * MM, abs=0.01)
        assert margin - 0.5 <= x_min and x_max <= page_w - margin + 0.5, (word, x_min, x_max)
        assert 0 <= y_min and y_max <= page_h, word


def scan(pdf: Path, folder: Path, dpi: int = 300) -> list[str]:
    import zxingcpp
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")], check=True)
    (png,) = sorted(folder.glob("page*.png"))
    return [r.text for r in zxingcpp.read_barcodes(Image.open(png)) if r.format == zxingcpp.BarcodeFormat.Code128]


# --- what the slip says -----------------------------------------------------
@pytest.mark.parametrize("width", WIDTHS)
def test_sale_slip_reads_back_with_every_field(tmp_path: Path, width: int) -> None:
    (text,) = page_texts(render(tmp_path, sale(), width))
    for expected in ("普陀区长征镇慈善超市", "PT01", "销售小票", "单号", "PT01-2026-S000123", "2026-03-10 10:02",
                     "王丽华", "1号收银台",
                     "东北大米 5kg", "2 × ¥51.52 = ¥103.04", "采购",
                     "儿童羽绒服 130cm", "1 × ¥80.00 = ¥80.00", "捐赠", "原价 ¥120.00", "优惠-¥10.00",
                     "搪瓷杯", "3 × ¥5.00 = ¥15.00", "代售",
                     "小计¥188.04", "整单优惠-¥0.04", "合计¥188.00",
                     "微信支付¥100.00", "4200002026031012345678", "现金¥100.00", "找零¥12.00",
                     "谢谢惠顾，您的每一次购买都在帮助身边的人"):
        assert compact(expected) in text, expected
    assert "重打" not in text and "作废" not in text and "原销售单" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_reprint_and_void_are_marked(tmp_path: Path, width: int) -> None:
    (text,) = page_texts(render(tmp_path, sale(reprint_count=3), width))
    assert "重打（第3次）" in text and "作废" not in text
    (text,) = page_texts(render(tmp_path, sale(void=True, reprint_count=1), width, "void.pdf"))
    assert "作废" in text and "本单已作废" in text
    assert "重打（第1次）" in text
    assert "PT01-2026-S000123" in text and "合计¥188.00" in text  # the slip is still all there


@pytest.mark.parametrize("width", WIDTHS)
def test_return_slip_shows_the_original_sale(tmp_path: Path, width: int) -> None:
    (text,) = page_texts(render(tmp_path, return_slip(), width))
    for expected in ("退货单", "PT01-2026-R000007", "原销售单PT01-2026-S000123", "-1×¥51.52=-¥51.52",
                     "合计-¥51.52", "现金-¥51.52", "找零¥0.00"):
        assert expected in text, expected
    assert "销售小票" not in text


def test_price_change_without_discount_and_plain_lines(tmp_path: Path) -> None:
    lines = (SlipLine("旧书 一本", 1, 300, 300, list_price_fen=500), SlipLine("毛巾", 2, 800, 1600))
    doc = sale(lines=lines, subtotal_fen=1900, ticket_discount_fen=0, total_fen=1900,
               payments=(SlipPayment("支付宝", 1900, "2026031022001"),), change_fen=0)
    (text,) = page_texts(render(tmp_path, doc, 58))
    assert "原价¥5.00" in text and "1×¥3.00=¥3.00" in text and "2×¥8.00=¥16.00" in text
    assert "优惠" not in text and "整单优惠" not in text
    assert "支付宝¥19.00" in text and "2026031022001" in text and "合计¥19.00" in text


# --- the paper ----------------------------------------------------------------
@needs_poppler
@pytest.mark.parametrize("width", WIDTHS)
def test_page_is_the_paper_width_and_nothing_runs_outside_it(tmp_path: Path, width: int) -> None:
    long_name = "上海市普陀区长征镇社区慈善超市（长征店）第二门市部暨爱心公益服务中心"
    lines = (SlipLine("儿童羽绒服 130cm 粉色 九成新 带帽子 可拆卸内胆 附原厂购物发票与说明书 " + "很长" * 20,
                      12, 1234567, 12 * 1234567 - 99999, list_price_fen=1500000, discount_fen=99999, source="捐赠"),
             SlipLine("Levi's 501 Original Fit Jeans W32 L34 dark indigo stonewash", 1, 9900, 9900, source="代售"),
             *LINES)
    total = sum(line.amount_fen for line in lines)
    doc = sale(store_name=long_name, lines=lines, subtotal_fen=total, ticket_discount_fen=0, total_fen=total,
               payments=(SlipPayment("慈善超市爱心购物券（区民政局发放）", total, "QJ-" + "7" * 60),),
               change_fen=0, reprint_count=12, void=True, thanks="感谢您对慈善事业的支持！" * 4,
               cashier="欧阳明月", till="长征店二楼3号收银台")
    pdf = render(tmp_path, doc, width)
    page_w, _ = page_size(pdf)
    assert page_w == pytest.approx(width * MM, abs=0.01)
    (text,) = page_texts(pdf)
    assert compact(lines[0].name) in text  # wrapped, not cut
    assert compact(long_name) in text and "QJ-" + "7" * 60 in text
    assert format_fen(total) in text
    assert_inside_printable_width(pdf, width)


@needs_poppler
@pytest.mark.parametrize("width", WIDTHS)
def test_sixty_lines_make_one_long_page_with_everything(tmp_path: Path, width: int) -> None:
    lines = tuple(SlipLine(f"捐赠衣物第{i}号", 1 + i % 3, 100 * i, 100 * i * (1 + i % 3), source="捐赠")
                  for i in range(1, 61))
    total = sum(line.amount_fen for line in lines)
    doc = sale(lines=lines, subtotal_fen=total, ticket_discount_fen=0, total_fen=total,
               payments=(SlipPayment("现金", total + 50),), change_fen=50)
    pdf = render(tmp_path, doc, width)
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == 1
    page_w, page_h = page_size(pdf)
    assert page_w == pytest.approx(width * MM, abs=0.01)
    _, short_h = page_size(render(tmp_path, sale(), width, "short.pdf"))
    assert page_h > short_h + 57 * 8 * MM  # 57 lines more, each over 8 mm (name, figures, tag)
    (text,) = page_texts(pdf)
    positions = [text.index(f"捐赠衣物第{i}号") for i in range(1, 61)]
    assert positions == sorted(positions)
    assert f"合计{format_fen(total)}" in text and "找零¥0.50" in text and doc.thanks in text
    assert_inside_printable_width(pdf, width)
    assert scan(pdf, tmp_path) == [doc.number]


# --- the barcode --------------------------------------------------------------
@needs_poppler
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("number", ["PT01-2026-S000123", "ABCDEFGH-2026-S999999", "JA01-2026-R000001"])
def test_slip_number_barcode_scans_back(tmp_path: Path, width: int, number: str) -> None:
    store = number.split("-")[0]
    doc = sale(number=number, store_code=store) if "-R" not in number else return_slip(number=number)
    assert scan(render(tmp_path, doc, width), tmp_path) == [number]


@needs_poppler
@pytest.mark.parametrize("width", WIDTHS)
def test_barcode_modules_and_quiet_zones(tmp_path: Path, width: int) -> None:
    """At 600 dpi: the module is at least 0.25 mm, the bars and their quiet
    zones of ten modules lie within the printable width, and nothing is
    printed in the quiet zones over the bars' whole height."""
    import zxingcpp
    from PIL import Image

    dpi = 600
    doc = sale()
    pdf = render(tmp_path, doc, width)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(tmp_path / "hi")], check=True)
    (png,) = tmp_path.glob("hi*.png")
    image = Image.open(png).convert("L")
    _, ladder = barcode_module(encode_code128(doc.number), PAPERS[width])
    if ladder:  # turn the page so that the bars stand upright, reading left to right
        image = image.rotate(-90, expand=True)
    (result,) = [r for r in zxingcpp.read_barcodes(image, try_rotate=False)
                 if r.format == zxingcpp.BarcodeFormat.Code128]
    assert result.text == doc.number
    px = image.load()
    w, h = image.size

    def dark(x: int, y: int) -> bool:
        return px[x, y] < 128

    y_mid = (result.position.top_left.y + result.position.bottom_left.y) // 2
    x_mid = (result.position.top_left.x + result.position.top_right.x) // 2
    left, right = cluster([x for x in range(w) if dark(x, y_mid)], x_mid, gap=40)
    modules = len(encode_code128(doc.number).pattern)
    module_mm = (right - left + 1) / modules / dpi * 25.4
    assert module_mm >= MIN_MODULE / MM - 0.01
    top, bottom = cluster([y for y in range(h) if dark(left + 1, y)], y_mid, gap=1)
    assert bottom - top > 8 / 25.4 * dpi  # bars at least 8 mm long
    quiet = round(10 * module_mm / 25.4 * dpi) - 1
    if not ladder:  # across the slip: the quiet zones stay inside the printable width
        margin = PAPERS[width].margin / 72 * dpi
        assert left - quiet >= margin - 2 and right + quiet <= w - margin + 2
    assert not any(dark(x, y) for y in range(top, bottom + 1) for x in range(left - quiet, left)), "left"
    assert not any(dark(x, y) for y in range(top, bottom + 1) for x in range(right + 1, right + 1 + quiet)), "right"


def test_module_is_as_wide_as_fits_across_else_turned() -> None:
    number = encode_code128("PT01-2026-S000123")
    module, ladder = barcode_module(number, PAPERS[80])
    assert not ladder and MIN_MODULE <= module and number.total_modules * module <= PAPERS[80].content
    module, ladder = barcode_module(number, PAPERS[58])  # 220 modules at 0.25 mm are 55 mm: more than 48
    assert ladder and module >= MIN_MODULE


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=30))
def test_code128_patterns_decode_back_to_their_text(text: str) -> None:
    encoded = encode_code128(text)
    assert decode_code128(encoded.pattern) == text
    assert encoded.total_modules == len(encoded.pattern) + 20


@needs_poppler
def test_a_number_starting_with_99_scans_back(tmp_path: Path) -> None:
    """python-barcode 0.16 loses a leading 99 (store codes may be digits):
    such numbers are encoded in code set B instead."""
    assert decode_code128(encode_code128("99").pattern) == "99"
    number = "9901-2026-S000042"
    assert scan(render(tmp_path, sale(store_code="9901", number=number), 58), tmp_path) == [number]


def test_code128_refuses_what_it_cannot_carry() -> None:
    for bad in ("", "单号123", "PT01\t2026"):
        with pytest.raises(ValueError):
            encode_code128(bad)
    with pytest.raises(ValueError):
        render_slip(sale(number="单号-123"), io.BytesIO())


# --- the file -----------------------------------------------------------------
def test_unknown_paper_width_is_a_value_error() -> None:
    out = io.BytesIO()
    with pytest.raises(ValueError, match="80 or 58"):
        render_slip(sale(), out, 76)
    assert out.getvalue() == b""


def test_writes_to_a_binary_stream_with_the_font_embedded() -> None:
    out = io.BytesIO()
    render_slip(sale(), out, 58)
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    (page,) = reader.pages
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
