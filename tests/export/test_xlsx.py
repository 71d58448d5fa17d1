"""A ledger as an Excel workbook: Chinese sheet names, a title row, a frozen
header, real numbers and dates, widths that fit, a bold totals row, the
notes, and no formula smuggled in through a name."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from charity_pos.export import write_report
from charity_pos.export.cells import display_width
from charity_pos.export.xlsx import HEADER_ROW, sheet_names
from tests.export.conftest import small_report


def rows_of(ws) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW)]


def test_the_days_donations_come_back_as_numbers_and_dates(report_of_day, tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    write_report(report_of_day, out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["捐赠物资接收台账", "现金捐赠"]
    ws = wb["捐赠物资接收台账"]
    assert ws["A1"].value == "捐赠物资接收台账"
    assert ws["A2"].value == "普陀区长征镇慈善超市（PT01）　期间：2026-03-10 至 2026-03-10"
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    header, *body = rows_of(ws)
    assert header[:3] == ["接收时间", "捐赠单号", "捐赠人"]
    first = body[0]
    assert first[0] == datetime(2026, 3, 10, 10, 5)  # Shanghai wall time, not UTC
    assert ws.cell(HEADER_ROW + 1, 1).number_format == "yyyy-mm-dd hh:mm"
    assert first[2] == "张*"  # a person masked
    assert first[6] == 4 and isinstance(first[6], int)
    assert first[10] == 80 and ws.cell(HEADER_ROW + 1, 11).number_format == "#,##0.00"
    assert first[11] == 320
    total = body[3]  # three donation lines, then the totals
    assert total[0] == "合计" and total[6] == 16 and total[11] == 620
    assert all(ws.cell(HEADER_ROW + 4, c).font.bold for c in (1, 7, 12))
    assert not ws.cell(HEADER_ROW + 1, 1).font.bold
    cash = rows_of(wb["现金捐赠"])
    assert [r[4] for r in cash[1:]] == [200, 1000, 1200]  # ¥200.00, ¥1,000.00, the total


def test_columns_are_as_wide_as_their_chinese_text(report_of_day, tmp_path: Path) -> None:
    out = tmp_path / "wide.xlsx"
    write_report(report_of_day, out)
    ws = load_workbook(out)["现金捐赠"]
    donor = ws.column_dimensions["C"].width
    assert donor >= display_width("上海爱心科技有限公司") == 20
    assert ws.column_dimensions["A"].width >= len("2026-03-10 10:05")
    assert ws.column_dimensions["D"].width < donor  # 银行转账 is narrower than the company's name


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    out = tmp_path / "tricky.xlsx"
    write_report(small_report(5), out)
    ws = load_workbook(out).worksheets[0]
    names = [ws.cell(r, 3) for r in range(HEADER_ROW + 1, HEADER_ROW + 6)]
    assert [c.value for c in names] == ["'=1+1", "'@SUM(A1)", "'+8613800000000", "'-2+3", "正常文字"]
    assert all(c.data_type == "s" for c in names)
    assert all(not isinstance(c.value, str) or not c.value.startswith("=") for row in ws.iter_rows() for c in row)


def test_money_is_exact_yuan_and_the_notes_are_under_the_table(tmp_path: Path) -> None:
    out = tmp_path / "notes.xlsx"
    write_report(small_report(3), out)
    ws = load_workbook(out).worksheets[0]
    values = [ws.cell(r, 5).value for r in range(HEADER_ROW + 1, HEADER_ROW + 5)]
    assert [Decimal(str(v)) for v in values] == [Decimal("1234.5"), Decimal("2469"), Decimal("3703.5"), Decimal("7407")]
    assert ws.cell(HEADER_ROW + 1, 2).number_format == "yyyy-mm-dd"
    texts = [c.value for row in ws.iter_rows(min_row=HEADER_ROW + 5) for c in row if c.value]
    assert texts == ["说明：捐赠与销售分开核算。"]


def test_sheet_names_are_what_excel_accepts() -> None:
    names = sheet_names(["出入库台账: 明细/汇总 [2026]", "捐赠" * 20, "捐赠" * 20, "现金捐赠", "现金捐赠"])
    assert names[0] == "出入库台账 明细汇总 2026"
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len(set(names)) == 5
    assert names[4] == "现金捐赠(2)"


@pytest.mark.parametrize("rows", [0, 1])
def test_an_empty_or_short_ledger_still_makes_a_workbook(tmp_path: Path, rows: int) -> None:
    out = tmp_path / f"{rows}.xlsx"
    write_report(small_report(rows), out)
    ws = load_workbook(out).worksheets[0]
    assert ws.cell(HEADER_ROW, 1).value == "时间"
    assert ws.cell(HEADER_ROW + 1 + rows, 1).value == "合计"
