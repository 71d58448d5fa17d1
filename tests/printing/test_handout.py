"""The relief handout slip (物资发放单) on 80 mm receipt paper and on A5,
read back: its text (masked personal data only), its page sizes, where every
word sits, the number's Code 128 barcode scanned from a 300 dpi raster, and
how 40 lines flow over A5 pages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from charity_pos.domain.money import format_fen
from charity_pos.printing.handout import sheet
from charity_pos.printing.barcode_drawing import encode_code128
from charity_pos.domain.documents import HandoutSlipDoc, HandoutSlipLine
from charity_pos.printing.handout import render_handout_slip
from charity_pos.printing.roll import PAPERS as ROLL_PAPERS
from tests.helpers import cluster, compact, pdf_pages, pdf_words

MM = 72 / 25.4
POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftoppm, pdftotext) is not installed")
PAPERS = ("80mm", "a5")

LINES = (
    HandoutSlipLine("东北大米 5kg", "粮油", 2, 5152, 10304),
    HandoutSlipLine("金龙鱼菜籽油 5L", "粮油", 1, 8990, 8990),
    HandoutSlipLine("儿童羽绒服 130cm", "衣物", 1, 6000, 6000),
    HandoutSlipLine("洗衣液 2kg", "日用品", 3, 1980, 5940, over=True),
)
TOTAL = 10304 + 8990 + 6000 + 5940  # ¥312.34
NAME_MASKED = "张*"
ID_MASKED = "3101**********1234"
SIGNATURE = "领取人签字："


def overridden(**changes: object) -> HandoutSlipDoc:
    """Beyond the allowance with a manager's approval: ¥250.00 left, ¥312.34 taken."""
    doc = HandoutSlipDoc(
        store_name="静安区江宁路街道慈善超市", store_code="JA01", number="JA01-2026-H000012", at="2026-11-05 10:02",
        cashier="王丽华", card_number="JA-2026-000123", head_name_masked=NAME_MASKED, id_masked=ID_MASKED,
        members=3, category="低保", period="2026年11月", lines=LINES, total_value_fen=TOTAL, allowance_fen=30000,
        remaining_before_fen=25000, remaining_after_fen=25000 - TOTAL,
        override_reason="家中老人住院，急需生活用品", approved_by="李建国")
    return replace(doc, **changes)  # type: ignore[arg-type]


def within(**changes: object) -> HandoutSlipDoc:
    """Within the allowance: no line over, no override."""
    lines = LINES[:3]
    total = sum(line.value_fen for line in lines)  # ¥252.94
    doc = overridden(lines=lines, total_value_fen=total, remaining_before_fen=30000, remaining_after_fen=30000 - total,
                     override_reason="", approved_by=None)
    return replace(doc, **changes)  # type: ignore[arg-type]


def forty(**changes: object) -> HandoutSlipDoc:
    lines = tuple(HandoutSlipLine(f"爱心物资第{i}号", "粮油" if i % 2 else "日用品", 1 + i % 3, 250 * i,
                                  250 * i * (1 + i % 3), over=i > 36) for i in range(1, 41))
    total = sum(line.value_fen for line in lines)
    return overridden(lines=lines, total_value_fen=total, remaining_after_fen=25000 - total, **changes)


def render(tmp_path: Path, doc: HandoutSlipDoc, paper: str = "80mm", name: str | None = None) -> Path:
    path = tmp_path / (name or f"handout-{paper}.pdf")
    render_handout_slip(doc, path, paper)
    return path


def page_texts(path: Path) -> list[str]:
    return [compact(text) for text in pdf_pages(path)]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in pypdf.PdfReader(path).pages]


def assert_inside_printable_area(pdf: Path, paper: str) -> None:
    """80 mm: within the 72 mm printable width. A5: within the side
    margins, below the top margin and above the page footer's descent
    (at least 5 mm from the bottom edge)."""
    words = pdf_words(pdf)
    assert words
    for x_min, y_min, x_max, y_max, word, page_w, page_h in words:
        if paper == "80mm":
            margin = ROLL_PAPERS[80].margin
            assert page_w == pytest.approx(80 * MM, abs=0.01)
            assert margin - 0.5 <= x_min and x_max <= page_w - margin + 0.5, (word, x_min, x_max)
            assert 0 <= y_min and y_max <= page_h, word
        else:
            assert (page_w, page_h) == (pytest.approx(419.53, abs=0.05), pytest.approx(595.28, abs=0.05))
            assert sheet.MARGIN_X - 0.5 <= x_min and x_max <= page_w - sheet.MARGIN_X + 0.5, (word, x_min, x_max)
            assert sheet.MARGIN_TOP - 0.5 <= y_min and y_max <= page_h - 5 * MM, (word, y_min, y_max)


def render_png(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page*.png"))


def scan(png: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(png)) if r.format == zxingcpp.BarcodeFormat.Code128]


# --- what the slip says -----------------------------------------------------
@pytest.mark.parametrize("paper", PAPERS)
def test_reads_back_with_every_field(tmp_path: Path, paper: str) -> None:
    (text,) = page_texts(render(tmp_path, overridden(), paper))
    for expected in ("静安区江宁路街道慈善超市", "JA01", "物资发放单", "JA01-2026-H000012", "2026-11-05 10:02",
                     "王丽华", "救助卡号", "JA-2026-000123", "户主", NAME_MASKED, "身份证号", ID_MASKED,
                     "家庭人数", "3 人", "救助类别", "低保", "发放周期", "2026年11月",
                     "东北大米 5kg", "金龙鱼菜籽油 5L", "儿童羽绒服 130cm", "洗衣液 2kg", "粮油", "衣物", "日用品",
                     "¥51.52", "¥103.04", "¥89.90", "¥60.00", "¥19.80", "¥59.40", "※ 超额",
                     format_fen(TOTAL), "本期额度", "¥300.00", "发放前剩余", "¥250.00", "发放后剩余", "-¥62.34",
                     "家中老人住院，急需生活用品", "李建国", "本人确认已如数领取上列物资",
                     SIGNATURE, "日期：", "经办人："):
        assert compact(expected) in text, expected
    assert "重打" not in text


def test_roll_lines_show_quantity_times_unit_value(tmp_path: Path) -> None:
    (text,) = page_texts(render(tmp_path, overridden(), "80mm"))
    for figures in ("2×¥51.52=¥103.04", "1×¥89.90=¥89.90", "1×¥60.00=¥60.00", "3×¥19.80=¥59.40"):
        assert figures in text, figures
    assert f"物资价值合计{format_fen(TOTAL)}" in text
    assert "本期额度¥300.00" in text and "发放前剩余¥250.00" in text and "发放后剩余-¥62.34" in text
    assert "超额原因：家中老人住院，急需生活用品" in text and "批准店长：李建国" in text


def test_a5_table_rows_read_across(tmp_path: Path) -> None:
    (text,) = page_texts(render(tmp_path, overridden(), "a5"))
    assert "序号物资名称类别数量单位价值价值备注" in text
    assert "1东北大米5kg粮油2¥51.52¥103.04" in text
    assert "4洗衣液2kg日用品3¥19.80¥59.40※超额" in text
    assert f"共4项7件价值合计{format_fen(TOTAL)}" in text
    assert "本期额度发放前剩余本次发放发放后剩余¥300.00¥250.00¥312.34-¥62.34" in text
    assert "超额原因：家中老人住院，急需生活用品" in text and "批准店长：李建国" in text


@pytest.mark.parametrize("paper", PAPERS)
def test_only_the_masked_name_and_id_appear(tmp_path: Path, paper: str) -> None:
    """The document carries the masked forms only, and they are printed as
    given: no 15- or 18-digit ID number and no name but the masked one."""
    texts = page_texts(render(tmp_path, forty(), paper))
    text = "".join(texts)
    assert ID_MASKED in text and NAME_MASKED in text
    assert not re.search(r"\d{15}", text)
    assert set(re.findall(r"张.", text)) == {NAME_MASKED}
    assert re.findall(r"3101\*+1234", text) == [ID_MASKED]  # once, on the first page, and not altered


@pytest.mark.parametrize("paper", PAPERS)
def test_only_lines_beyond_the_allowance_are_marked(tmp_path: Path, paper: str) -> None:
    (text,) = page_texts(render(tmp_path, overridden(), paper))
    legend = 1  # ※ 超额：超出本期额度发放的物品
    assert text.count("※超额") == 1 + legend
    assert text.index("洗衣液2kg") < text.rindex("※超额")
    (text,) = page_texts(render(tmp_path, within(), paper, "within.pdf"))
    assert "※" not in text and "超额" not in text and "超出额度" not in text
    assert "发放后剩余" in text and format_fen(30000 - 25294) in text and "-¥" not in text


@pytest.mark.parametrize("paper", PAPERS)
def test_override_and_reprint_are_shown_only_when_present(tmp_path: Path, paper: str) -> None:
    (text,) = page_texts(render(tmp_path, within(reprint_count=2), paper))
    assert "重打（第2次）" in text
    assert "超额审批" not in text and "批准店长" not in text
    doc = overridden(override_reason="", approved_by="李建国")  # approved, no reason given
    (text,) = page_texts(render(tmp_path, doc, paper, "no-reason.pdf"))
    assert "超额原因：（未填写）" in text and "批准店长：李建国" in text


@pytest.mark.parametrize("paper", PAPERS)
def test_signature_lines_come_last(tmp_path: Path, paper: str) -> None:
    (text,) = page_texts(render(tmp_path, overridden(), paper))
    assert text.index("发放后剩余") < text.index(SIGNATURE) < text.index("日期：") < text.index("经办人：")
    assert text.count(SIGNATURE) == 1 and text.count("经办人：") == 1


# --- the paper ----------------------------------------------------------------
def test_80mm_is_one_page_80mm_wide(tmp_path: Path) -> None:
    ((w, h),) = page_sizes(render(tmp_path, overridden(), "80mm"))
    assert w == pytest.approx(80 * MM, abs=0.01)
    assert h > 150 * MM  # as long as the slip


def test_a5_is_a5_portrait(tmp_path: Path) -> None:
    ((w, h),) = page_sizes(render(tmp_path, overridden(), "a5"))
    assert (w, h) == (pytest.approx(419.5, abs=0.1), pytest.approx(595.3, abs=0.1))


@needs_poppler
@pytest.mark.parametrize("paper", PAPERS)
def test_nothing_runs_outside_the_printable_area(tmp_path: Path, paper: str) -> None:
    long_store = "上海市静安区江宁路街道社区慈善超市（江宁路店）第二门市部暨爱心公益服务中心"
    long_name = "儿童羽绒服 130cm 粉色 九成新 带帽子 可拆卸内胆 附原厂购物发票与说明书 " + "很长" * 20
    lines = (HandoutSlipLine(long_name, "衣物鞋帽及床上用品（冬季）", 12, 1234567, 12 * 1234567, over=True),
             HandoutSlipLine("Levi's 501 Original Fit Jeans W32 L34 dark indigo stonewash", "衣物", 1, 9900, 9900),
             *LINES)
    total = sum(line.value_fen for line in lines)
    reason = "家中老人住院，急需生活用品；" * 8
    doc = overridden(store_name=long_store, lines=lines, total_value_fen=total, remaining_after_fen=25000 - total,
                     override_reason=reason, approved_by="欧阳明月", reprint_count=12, cashier="欧阳明月",
                     card_number="JA-2026-0001234567", category="低保边缘家庭（因病支出型贫困）",
                     period="2026年第4季度（10月—12月）")
    pdf = render(tmp_path, doc, paper)
    text = "".join(page_texts(pdf))
    assert compact(long_name) in text and compact(long_store) in text  # wrapped, not cut
    assert compact(reason) in text and format_fen(total) in text and format_fen(25000 - total) in text
    assert_inside_printable_area(pdf, paper)


@needs_poppler
@pytest.mark.parametrize("paper", PAPERS)
def test_the_usual_slip_is_inside_the_printable_area(tmp_path: Path, paper: str) -> None:
    assert_inside_printable_area(render(tmp_path, overridden(reprint_count=1), paper), paper)


# --- the barcode --------------------------------------------------------------
@needs_poppler
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("number", ["JA01-2026-H000012", "9901-2026-H999999", "ABCDEFGH-2026-H000001"])
def test_number_barcode_scans_back(tmp_path: Path, paper: str, number: str) -> None:
    pngs = render_png(render(tmp_path, overridden(number=number), paper), tmp_path, 300)
    assert scan(pngs[0]) == [number]


@needs_poppler
@pytest.mark.parametrize("paper", PAPERS)
def test_barcode_quiet_zones_are_clear(tmp_path: Path, paper: str) -> None:
    """At 300 dpi: nothing dark within ten modules either side of the bars,
    over their whole height, and the bars inside the printable width."""
    import zxingcpp
    from PIL import Image

    dpi = 300
    doc = overridden(reprint_count=3)
    (png, *_) = render_png(render(tmp_path, doc, paper), tmp_path, dpi)
    image = Image.open(png).convert("L")
    (result,) = [r for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.Code128]
    px = image.load()
    w, _ = image.size
    y_mid = (result.position.top_left.y + result.position.bottom_left.y) // 2
    x_mid = (result.position.top_left.x + result.position.top_right.x) // 2
    dark_x = sorted(x for x in range(w) if px[x, y_mid] < 128)
    left, right = cluster(dark_x, x_mid, gap=25)
    module = (right - left + 1) / len(encode_code128(doc.number).pattern)
    assert module / dpi * 25.4 >= 0.25 - 0.01
    top, bottom = cluster([y for y in range(image.size[1]) if px[left + 1, y] < 128], y_mid, gap=1)
    assert (bottom - top) / dpi * 25.4 > 8  # bars at least 8 mm long
    quiet = round(10 * module) - 1
    margin = (ROLL_PAPERS[80].margin if paper == "80mm" else sheet.MARGIN_X) / 72 * dpi
    assert left - quiet >= margin - 2 and right + quiet <= w - margin + 2
    for x in [*range(left - quiet, left), *range(right + 1, right + 1 + quiet)]:
        assert not any(px[x, y] < 128 for y in range(top, bottom + 1)), x


def test_a_number_code128_cannot_carry_is_a_value_error() -> None:
    for paper in PAPERS:
        out = io.BytesIO()
        with pytest.raises(ValueError):
            render_handout_slip(overridden(number="发放-123"), out, paper)
        assert out.getvalue() == b""


# --- long slips ---------------------------------------------------------------
@needs_poppler
def test_forty_lines_on_a5_flow_onto_a_second_page(tmp_path: Path) -> None:
    doc = forty()
    pdf = render(tmp_path, doc, "a5")
    pages = page_texts(pdf)
    assert len(pages) == 2
    assert page_sizes(pdf) == [(pytest.approx(419.5, abs=0.1), pytest.approx(595.3, abs=0.1))] * 2
    for text in pages:  # the header, and the table's column heads, on both pages
        for expected in ("物资发放单", doc.number, doc.card_number, NAME_MASKED, "2026年11月",
                         "序号物资名称类别数量单位价值价值备注"):
            assert expected in text, expected
    assert "第1页/共2页" in pages[0] and "续下页" in pages[0] and "第2页/共2页" in pages[1]
    every = "".join(pages)
    positions = [every.index(f"爱心物资第{i}号") for i in range(1, 41)]
    assert positions == sorted(positions)
    assert "爱心物资第1号" in pages[0] and "爱心物资第40号" in pages[1]
    # the totals, the allowance and the signatures at the end only
    total = format_fen(doc.total_value_fen)
    assert total in pages[1] and total not in pages[0]
    assert "发放后剩余" not in pages[0] and "超额审批" not in pages[0]
    assert SIGNATURE not in pages[0] and "经办人：" not in pages[0]
    assert pages[1].count(SIGNATURE) == 1 and pages[1].index(SIGNATURE) > pages[1].index("爱心物资第40号")
    assert pages[1].count("※超额") == 4 + 1  # lines 37-40 and the legend
    assert_inside_printable_area(pdf, "a5")
    assert scan(render_png(pdf, tmp_path, 300)[0]) == [doc.number]


@needs_poppler
def test_forty_lines_on_80mm_make_one_long_page(tmp_path: Path) -> None:
    doc = forty()
    pdf = render(tmp_path, doc, "80mm")
    ((w, h),) = page_sizes(pdf)
    ((_, short_h),) = page_sizes(render(tmp_path, overridden(), "80mm", "short.pdf"))
    assert w == pytest.approx(80 * MM, abs=0.01)
    assert h > short_h + 36 * 8 * MM  # 36 lines more, each about 9 mm (name and figures, category)
    (text,) = page_texts(pdf)
    positions = [text.index(f"爱心物资第{i}号") for i in range(1, 41)]
    assert positions == sorted(positions)
    assert text.index("爱心物资第40号") < text.index(f"物资价值合计{format_fen(doc.total_value_fen)}")
    assert text.index("物资价值合计") < text.index(SIGNATURE)
    assert_inside_printable_area(pdf, "80mm")
    assert scan(render_png(pdf, tmp_path, 300)[0]) == [doc.number]


# --- the file -----------------------------------------------------------------
@pytest.mark.parametrize("paper", ["58mm", "80", "a4", "A4", "", "80 mm"])
def test_other_paper_is_a_value_error(paper: str) -> None:
    out = io.BytesIO()
    with pytest.raises(ValueError, match="80mm or a5"):
        render_handout_slip(overridden(), out, paper)
    assert out.getvalue() == b""


@pytest.mark.parametrize("paper", PAPERS)
def test_writes_to_a_binary_stream_with_the_font_embedded(paper: str) -> None:
    out = io.BytesIO()
    render_handout_slip(overridden(), out, paper)
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    assert reader.metadata is not None and reader.metadata.title == "物资发放单 JA01-2026-H000012"
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_default_paper_is_80mm(tmp_path: Path) -> None:
    path = tmp_path / "default.pdf"
    render_handout_slip(overridden(), path)
    ((w, _),) = page_sizes(path)
    assert w == pytest.approx(80 * MM, abs=0.01)
