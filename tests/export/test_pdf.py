"""A ledger as a PDF: the store, the title and the period on every page,
"第 N 页 / 共 M 页", landscape when wide, money as ¥1,234.50, a totals row."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from charity_pos.export import write_report
from tests.export.conftest import small_report
from tests.helpers import pdf_pages


def test_the_days_donations_as_a_landscape_pdf(report_of_day, tmp_path: Path) -> None:
    out = tmp_path / "donations.pdf"
    write_report(report_of_day, out)
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape A4
    assert round(float(box.width)) == 842
    text = pdf_pages(out)[0]
    for expected in ("捐赠物资接收台账", "普陀区长征镇慈善超市（PT01）", "期间：2026-03-10 至 2026-03-10",
                     "第 1 页 / 共 1 页", "¥620.00", "¥1,200.00", "合计", "上海爱心科技有限公司", "张*"):
        assert expected in text, expected
    assert "张伟" not in text


def test_a_long_ledger_repeats_its_header_and_numbers_every_page(tmp_path: Path) -> None:
    out = tmp_path / "long.pdf"
    write_report(small_report(150, landscape=False), out)
    texts = pdf_pages(out)
    assert len(texts) >= 3
    box = PdfReader(out).pages[0].mediabox
    assert float(box.width) < float(box.height)  # portrait
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 / 共 {len(texts)} 页" in text
        assert "测试台账" in text and "普陀区长征镇慈善超市" in text and "期间：2026-03-01 至 2026-03-31" in text
        assert "捐赠人" in text and "金额" in text  # the header row on each page
    assert "¥1,234.50" in texts[0]
    assert "11,325" in texts[-1] and "¥13,980,712.50" in texts[-1]  # 1 + … + 150, and ¥1,234.50 times that
    assert "说明：捐赠与销售分开核算。" in texts[-1]


def test_long_text_wraps_inside_its_column(tmp_path: Path) -> None:
    long = "为困难老人捐赠的冬季保暖衣物与被褥，请优先发放给独居老人家庭" * 3
    out = tmp_path / "wrap.pdf"
    write_report(small_report(2, texts=(long,)), out)
    text = pdf_pages(out)[0]
    assert "为困难老人捐赠" in text
    assert max(len(line) for line in text.splitlines()) < len(long)  # broken over lines, not cut off the page


def test_the_pdf_is_ours_so_it_may_be_written_again(report_of_day, tmp_path: Path) -> None:
    out = tmp_path / "again.pdf"
    write_report(report_of_day, out)
    write_report(report_of_day, out)  # no --force needed for a PDF charity-pos wrote
    assert PdfReader(out).metadata.creator == "charity-pos"
