"""Count sheets: A4 pages by shelf and name, each line with its barcode and
an empty box, never a book quantity; every page numbered and signed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from charity_pos.domain.barcodes import in_store_code
from charity_pos.domain.stock_count import CountSheet, SheetLine
from charity_pos.printing.count_sheet import PER_PAGE, render_count_sheet
from tests.helpers import pdf_pages


def test_sheets_run_over_pages_each_numbered_with_its_header_and_signatures(tmp_path: Path) -> None:
    lines = tuple(SheetLine(f"A-{i // 6 + 1:02d}", f"商品{i:02d}号 长名称长名称长名称长名称长名称长名称", in_store_code(21, i + 1), "袋")
                  for i in range(PER_PAGE * 2 + 1))
    sheet = CountSheet("普陀区长征镇慈善超市", "PT01-2026-C000007", "location", "A-01", date(2026, 3, 10), lines)
    out = tmp_path / "sheet.pdf"
    render_count_sheet(sheet, out)
    pages = pdf_pages(out)
    assert len(pages) == 3
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 / 共 3 页" in text and "PT01-2026-C000007" in text and "货位：A-01" in text
        assert "盘点人" in text and "复核人" in text and "2026-03-10" in text
    assert "商品00号" in pages[0] and "商品{:02d}号".format(PER_PAGE * 2) in pages[2]
    assert lines[0].barcode[1:7] in pages[0].replace(" ", ""), "the barcode's digits under its bars"


def test_a_count_of_nothing_prints_one_page_saying_so(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    render_count_sheet(CountSheet("店", "PT01-2026-C000001", "all", "", date(2026, 3, 10), ()), out)
    pages = pdf_pages(out)
    assert len(pages) == 1 and "没有商品" in pages[0] and "全部商品" in pages[0]
