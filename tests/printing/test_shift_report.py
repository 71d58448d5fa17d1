"""X and Z shift reports on 80 mm and 58 mm receipt paper, read back: what
they say (a Z report has the counted amounts and the differences, an X
report has not), the page width, and every word inside the printable width."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from charity_pos.domain.documents import ShiftMethodLine, ShiftReportDoc
from charity_pos.printing.shift_report import render_shift_report
from charity_pos.printing.roll import PAPERS
from tests.helpers import compact, pdf_pages

MM = 72 / 25.4
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
WIDTHS = (80, 58)

METHODS = (ShiftMethodLine("现金", 448800, 448600), ShiftMethodLine("微信支付", 563215, 563215),
           ShiftMethodLine("支付宝", 173400, 173400), ShiftMethodLine("慈善购物券", 12000, 12000))
DENOMINATIONS = ((10000, 40), (5000, 5), (2000, 6), (1000, 9), (500, 4), (100, 5), (50, 2))  # ¥4,486.00


def z_report(**changes: object) -> ShiftReportDoc:
    doc = ShiftReportDoc(
        kind="Z", store_name="普陀区长征镇慈善超市", store_code="PT01", shift_number="PT01-2026-B000042",
        till="1号收银台", opened_at="2026-03-10 08:30", opened_by="王丽华", closed_at="2026-03-10 17:05",
        closed_by="张伟", printed_at="2026-03-10 17:06", float_fen=50000, sales_count=87, sales_fen=1234567,
        donated_sales_fen=801250, returns_count=2, returns_fen=6152, voids_count=1, voids_fen=2300,
        discounts_fen=4580, methods=METHODS, denominations=DENOMINATIONS,
        difference_reason="找零时多找给顾客 2 元", approved_by="李建国")
    return replace(doc, **changes)  # type: ignore[arg-type]


def x_report(**changes: object) -> ShiftReportDoc:
    doc = z_report(kind="X", closed_at=None, closed_by=None, printed_at="2026-03-10 12:00",
                   methods=tuple(replace(m, counted_fen=None) for m in METHODS), denominations=(),
                   difference_reason="", approved_by=None)
    return replace(doc, **changes)  # type: ignore[arg-type]


def render(tmp_path: Path, doc: ShiftReportDoc, width: int = 80, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    render_shift_report(doc, path, width)
    return path


def text_of(path: Path) -> str:
    (page,) = pdf_pages(path)
    return compact(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_z_report_shows_counted_amounts_and_differences(tmp_path: Path, width: int) -> None:
    text = text_of(render(tmp_path, z_report(), width))
    for expected in ("普陀区长征镇慈善超市", "Z报表（交班）", "PT01-2026-B000042", "1号收银台",
                     "开班2026-03-1008:30王丽华", "交班2026-03-1017:05张伟", "打印2026-03-1017:06",
                     "销售87笔¥12,345.67", "其中捐赠物品¥8,012.50", "退货2笔¥61.52", "作废1笔¥23.00",
                     "优惠¥45.80", "备用金¥500.00", "应有", "实点", "差额",
                     "¥4,488.00", "¥4,486.00", "-¥2.00", "¥5,632.15", "¥1,734.00", "慈善购物券",
                     "¥11,974.15", "¥11,972.15",  # the totals expected and counted
                     "现金清点", "¥100.00×40¥4,000.00", "¥0.50×2¥1.00", "清点合计¥4,486.00",
                     "原因：找零时多找给顾客2元", "批准店长：李建国", "收银员签字", "店长签字"):
        assert expected in text, expected
    assert "X报表" not in text and "班中" not in text


@pytest.mark.parametrize("width", WIDTHS)
def test_x_report_has_no_counted_amounts(tmp_path: Path, width: int) -> None:
    text = text_of(render(tmp_path, x_report(), width))
    for expected in ("X报表（班中）", "PT01-2026-B000042", "开班2026-03-1008:30王丽华", "打印2026-03-1012:00",
                     "销售87笔¥12,345.67", "其中捐赠物品¥8,012.50", "备用金¥500.00", "应有",
                     "现金¥4,488.00", "微信支付¥5,632.15", "支付宝¥1,734.00", "慈善购物券¥120.00", "合计¥11,974.15"):
        assert expected in text, expected
    for absent in ("Z报表", "交班", "实点", "差额", "现金清点", "原因", "批准", "签字"):
        assert absent not in text, absent


@pytest.mark.parametrize("width", WIDTHS)
def test_z_report_without_difference_has_no_reason(tmp_path: Path, width: int) -> None:
    methods = tuple(replace(m, counted_fen=m.expected_fen) for m in METHODS)
    text = text_of(render(tmp_path, z_report(methods=methods, difference_reason="", approved_by=None), width))
    assert "实点" in text and "差异说明" not in text and "批准" not in text
    assert "-¥" not in text.split("收款方式")[1]  # no negative difference anywhere below


def test_a_surplus_is_signed_and_an_unapproved_difference_says_so(tmp_path: Path) -> None:
    methods = (ShiftMethodLine("现金", 50000, 50500),)
    text = text_of(render(tmp_path, z_report(methods=methods, difference_reason="", approved_by=None)))
    assert "+¥5.00" in text
    assert "原因：（未填写）" in text and "批准店长：（未批准）" in text


def test_z_report_without_denominations(tmp_path: Path) -> None:
    text = text_of(render(tmp_path, z_report(denominations=()), 58))
    assert "现金清点" in text and "未按面额清点" in text


@needs_poppler
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["X", "Z"])
def test_page_is_the_paper_width_and_nothing_runs_outside_it(tmp_path: Path, width: int, kind: str) -> None:
    long_methods = (ShiftMethodLine("现金", 99999999999, 99999999998),
                    ShiftMethodLine("慈善超市爱心购物券（区民政局发放，限本区使用）", 123456789, 123456700),
                    ShiftMethodLine("银联卡", 0, 0))
    doc = z_report(store_name="上海市普陀区长征镇社区慈善超市（长征店）第二门市部", methods=long_methods,
                   till="长征店二楼3号收银台", opened_by="欧阳明月", closed_by="欧阳明月",
                   difference_reason="清点时发现一张百元假币，已上交派出所并登记。" * 3, sales_fen=99999999999)
    if kind == "X":
        doc = replace(doc, kind="X", closed_at=None, closed_by=None, denominations=(),
                      methods=tuple(replace(m, counted_fen=None) for m in long_methods))
    pdf = render(tmp_path, doc, width)
    (page,) = pypdf.PdfReader(pdf).pages
    assert float(page.mediabox.width) == pytest.approx(width * MM, abs=0.01)
    text = text_of(pdf)
    assert "慈善超市爱心购物券（区民政局发放，限本区使用）" in text and "¥999,999,999.99" in text
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    page_w = float(re.search(r'<page width="([\d.]+)"', html)[1])  # type: ignore[index]
    assert page_w == pytest.approx(width * MM, abs=0.01)
    margin = PAPERS[width].margin
    words = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', html)
    assert words
    for x_min, x_max, word in words:
        assert margin - 0.5 <= float(x_min) and float(x_max) <= page_w - margin + 0.5, word


def test_errors_and_streams() -> None:
    with pytest.raises(ValueError, match="X or a Z"):
        render_shift_report(z_report(kind="Y"), io.BytesIO())
    with pytest.raises(ValueError, match="80 or 58"):
        render_shift_report(z_report(), io.BytesIO(), 100)
    out = io.BytesIO()
    render_shift_report(x_report(), out, 58)
    assert len(pypdf.PdfReader(io.BytesIO(out.getvalue())).pages) == 1
