"""The donation receipt PDF, read back as a donor's PC would: its text, its
fonts (embedded), its QR code, and where its words sit on the page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdf
import pytest

from charity_pos.domain.money import format_fen
from charity_pos.errors import FontMissing
from charity_pos.printing import fonts
from charity_pos.domain.documents import ReceiptDoc, ReceiptLine
from charity_pos.printing.receipt import render_receipt
from tests.helpers import compact, pdf_pages, pdf_words

MM = 72 / 25.4
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) is not installed")

LINES = (
    ReceiptLine("儿童羽绒服 130cm", "件", 4, "九成新 · 按市场价", 12000, 48000),
    ReceiptLine("东北大米 5kg", "袋", 10, "全新 · 按发票", 5152, 51520),
    ReceiptLine("儿童绘本（旧书）", "本", 35, "完好旧物 · 未估价", None, None),
)


def company_doc(**changes: object) -> ReceiptDoc:
    doc = ReceiptDoc(
        store_name="普陀区长征镇慈善超市", store_code="PT01", district="普陀区",
        receipt_number="PT01-2026-J000012", donation_number="PT01-2026-D000057", issued_on=date(2026, 3, 10),
        donor_name="上海长征实业发展有限公司", donor_credit_code="91310107MA1G8XYZ3K", lines=LINES,
        cash_fen=1000, cash_method="微信支付", total_fen=48000 + 51520 + 1000, handler="王丽华",
        remarks="捐赠人意愿：用于辖区独居老人家庭", verification_code="7KQ2-M4XD-91PF",
        qr_payload="CPOS1|PT01|PT01-2026-J000012|7KQ2-M4XD-91PF")
    return replace(doc, **changes)  # type: ignore[arg-type]


def render(tmp_path: Path, doc: ReceiptDoc, name: str = "receipt.pdf") -> Path:
    path = tmp_path / name
    render_receipt(doc, path)
    return path


def page_texts(path: Path) -> list[str]:
    """Each page's text with all white space removed (line breaks fall
    anywhere in a wrapped cell)."""
    return [compact(text) for text in pdf_pages(path)]


def test_company_receipt_reads_back_with_every_field(tmp_path: Path) -> None:
    (text,) = page_texts(render(tmp_path, company_doc()))
    for expected in ("捐赠收据", "普陀区长征镇慈善超市", "收据号码", "PT01-2026-J000012", "PT01-2026-D000057",
                     "开票日期", "2026年03月10日", "交款人", "上海长征实业发展有限公司", "统一社会信用代码",
                     "91310107MA1G8XYZ3K", "项目名称", "单位", "数量", "标准", "金额",
                     "儿童羽绒服130cm", "东北大米5kg", "儿童绘本（旧书）", "九成新·按市场价",
                     "¥480.00", "¥515.20", "未估价", "现金捐赠·微信支付", "¥10.00",
                     "合计（大写）：人民币壹仟零伍元贰角整", "¥1,005.20", "校验码", "7KQ2-M4XD-91PF",
                     "经办人", "王丽华", "备注", "捐赠人意愿：用于辖区独居老人家庭", "盖章", "票据代码", "票据号码"):
        assert compact(expected) in text, expected
    assert "补打" not in text
    assert "作废" not in text


def test_unvalued_goods_show_quantity_only(tmp_path: Path) -> None:
    (text,) = page_texts(render(tmp_path, company_doc()))
    # the unvalued line: name, unit, quantity 35, no price, and 未估价 in the amount column
    assert re.search(r"儿童绘本（旧书）本35—完好旧物·未估价未估价", text), text


def test_individual_without_cash_or_credit_code(tmp_path: Path) -> None:
    doc = company_doc(donor_name="张伟", donor_credit_code=None, cash_fen=0, cash_method=None,
                      lines=LINES[:1], total_fen=48000)
    (text,) = page_texts(render(tmp_path, doc))
    assert "张伟" in text
    assert "现金捐赠" not in text
    assert "¥480.00" in text


def test_official_receipt_code_and_number_are_filled_when_given(tmp_path: Path) -> None:
    doc = company_doc(official_code="31010126", official_number="0001234567")
    (text,) = page_texts(render(tmp_path, doc))
    assert "票据代码31010126" in text
    assert "票据号码0001234567" in text


def test_fonts_are_embedded_subsets(tmp_path: Path) -> None:
    reader = pypdf.PdfReader(render(tmp_path, company_doc()))
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            assert re.fullmatch(r"/[A-Z]{6}\+.+", str(font["/BaseFont"])), font["/BaseFont"]  # a subset
            seen += 1
    assert seen


@needs_poppler
def test_qr_code_carries_the_payload(tmp_path: Path) -> None:
    import zxingcpp
    from PIL import Image

    pdf = render(tmp_path, company_doc())
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = sorted(tmp_path.glob("page*.png"))
    found = zxingcpp.read_barcodes(Image.open(png))
    assert [r.text for r in found if r.format == zxingcpp.BarcodeFormat.QRCode] == [company_doc().qr_payload]


def test_reprint_is_marked_with_its_count(tmp_path: Path) -> None:
    (text,) = page_texts(render(tmp_path, company_doc(reprint_count=2)))
    assert "补打（第2次）" in text
    assert "PT01-2026-J000012" in text


def test_void_is_marked_with_its_reason(tmp_path: Path) -> None:
    doc = company_doc(void_reason="捐赠人名称填写错误，已重开", reprint_count=1)
    (text,) = page_texts(render(tmp_path, doc))
    assert "作废" in text
    assert "作废原因：捐赠人名称填写错误，已重开" in text
    assert "PT01-2026-J000012" in text  # the number stays
    assert "补打（第1次）" in text


def test_forty_lines_flow_onto_a_second_page_with_the_header_repeated(tmp_path: Path) -> None:
    from charity_pos.domain.capitals import amount_in_capitals

    lines = tuple(ReceiptLine(f"捐赠衣物第{i}号", "件", i, "九成新 · 按市场价", 500, 500 * i) for i in range(1, 41))
    total = sum(line.amount_fen or 0 for line in lines) + 1000
    doc = company_doc(lines=lines, total_fen=total)
    pages = page_texts(render(tmp_path, doc))
    assert len(pages) == 2
    for text in pages:  # the header on both pages
        for expected in ("捐赠收据", "PT01-2026-J000012", "上海长征实业发展有限公司", "91310107MA1G8XYZ3K", "项目名称"):
            assert expected in text
    assert "第1页/共2页" in pages[0] and "第2页/共2页" in pages[1]
    every = "".join(pages)
    assert all(f"捐赠衣物第{i}号" in every for i in range(1, 41))
    assert "捐赠衣物第1号" in pages[0] and "捐赠衣物第40号" in pages[1]
    assert format_fen(total) in pages[1] and format_fen(total) not in pages[0]
    assert amount_in_capitals(total) in pages[1] and "合计" not in pages[0]
    assert "盖章" in pages[1]


@needs_poppler
def test_long_names_wrap_inside_the_page(tmp_path: Path) -> None:
    long_name = "上海市普陀区长征镇某某某某某某某某科技发展股份有限公司第二分公司长征经营部（筹）"
    long_line = "儿童羽绒服 130cm 粉色 九成新 带帽子 可拆卸内胆 附原厂购物发票与说明书 " + "很长" * 30
    doc = company_doc(donor_name=long_name, lines=(ReceiptLine(long_line, "件", 1, "九成新 · 按市场价", 100, 100),)
                      + LINES[1:], total_fen=100 + 51520 + 1000, remarks="备注很长" * 60)
    pdf = render(tmp_path, doc)
    (text,) = page_texts(pdf)
    assert compact(long_line) in text  # wrapped, not cut
    words = pdf_words(pdf)
    assert words
    margin = 15 * MM
    for x_min, y_min, x_max, y_max, word, page_w, page_h in words:
        assert margin - 1 <= x_min and x_max <= page_w - margin + 1, word
        assert 0 <= y_min and y_max <= page_h, word


def test_writes_to_a_binary_stream(tmp_path: Path) -> None:
    out = io.BytesIO()
    render_receipt(company_doc(), out)
    assert out.getvalue().startswith(b"%PDF")
    assert len(pypdf.PdfReader(io.BytesIO(out.getvalue())).pages) == 1


def test_no_chinese_font_is_a_typed_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts, "candidates", lambda: [fonts.Candidate(tmp_path / "nowhere.ttf")])
    monkeypatch.setattr(fonts, "_fontconfig_candidates", lambda: [])
    with pytest.raises(FontMissing) as caught:
        fonts.register_font()
    assert caught.value.searched == [str(tmp_path / "nowhere.ttf")]


def test_a_font_without_chinese_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.is_file():
        pytest.skip("DejaVu Sans is not installed")
    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts, "candidates", lambda: [fonts.Candidate(dejavu)])
    monkeypatch.setattr(fonts, "_fontconfig_candidates", lambda: [])
    with pytest.raises(FontMissing):
        fonts.register_font()
