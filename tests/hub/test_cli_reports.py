"""``charity-pos hub report KIND``: every kind as .xlsx, .pdf and .csv from a
hub holding a demo store and a store that sent nothing; bad inputs refused
in one line with nothing written. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from charity_pos.hub.engine import open_hub
from charity_pos.hub.figures import parse_months
from charity_pos.hub.reports import build, kinds
from charity_pos.reports.table import ColumnKind
from tests.helpers import pdf_pages, run_cli
from tests.hub.conftest import MadeOnce
from tests.hub.test_figures import demo, demo_months, hub_with, run  # noqa: F401


def fails(capsys, *argv: object) -> str:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 1
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def hub(capsys, made_once: MadeOnce[str], demo) -> str:
    """A hub holding the demo store's bundle (made once per kind of database, copied for each test)."""
    return made_once("demo-hub", lambda url, folder: hub_with(capsys, url, folder, demo))


def span(demo) -> tuple[str, str]:
    months = demo_months(demo[0])
    return months[0].label, months[-1].label


def test_every_kind_is_written_as_xlsx_pdf_and_csv(capsys, hub: str, tmp_path: Path, demo) -> None:
    first, last = span(demo)
    for kind in kinds():
        for suffix in (".xlsx", ".pdf", ".csv"):
            out = tmp_path / f"{kind}{suffix}"
            lines = run(capsys, "hub", "report", kind, "--hub", hub, "--from", first, "--to", last, "--out", out)
            assert str(out) in lines[-1] and out.stat().st_size > 0
    text = "".join(pdf_pages(tmp_path / "stores.pdf"))
    assert "静安区慈善超市统计汇总表" in text and "全区逐月汇总" in text and "未记录" in text and "JA01" in text
    handouts = "".join(pdf_pages(tmp_path / "handouts.pdf"))
    assert "低保" in handouts and "dibao" not in handouts
    rows = list(csv.reader((tmp_path / "sales.csv").open(encoding="utf-8-sig")))
    assert any("销售收入净额" in cell for row in rows for cell in row)
    book = load_workbook(tmp_path / "donations.xlsx")
    assert book.sheetnames


def test_the_reports_figures_are_the_stores_and_the_change_is_in_tenths_of_a_percent(hub: str, demo) -> None:
    from charity_pos.reports.figures import figures
    from charity_pos.services.registry import Services

    months = demo_months(demo[0])
    with open_hub(hub) as db:
        report = build(db, "sales", months)
    last = months[-1]
    section = report.section(f"month-{last.label}")
    services = Services.open(demo[0])
    try:
        with services.db.read() as s:
            own, before = figures(s, last.start, last.end), figures(s, months[0].start, months[0].end)
    finally:
        services.close()
    row = section.rows[section.values("code").index("JA01")]
    assert row[section.column("sales_income")] == own.sales_income_fen
    assert section.columns[section.column("sales_income_change")].kind is ColumnKind.PERCENT
    if len(months) > 1 and before.sales_income_fen:
        expected = round((own.sales_income_fen - before.sales_income_fen) * 1000 / before.sales_income_fen)
        assert row[section.column("sales_income_change")] == expected
    assert section.totals_row()[section.column("sales_income")] == own.sales_income_fen
    district = report.section("district")
    assert district.values("period") == [m.label for m in months] and district.values("reporting")[-1] == 1


@pytest.mark.parametrize("argv, words", [
    (("stores", "--from", "2026-13", "--to", "2026-12"), "2026-13"),
    (("stores", "--from", "2026-06", "--to", "2026-05"), "before"),
    (("profits", "--from", "2026-01", "--to", "2026-02"), "profits"),
    (("stores", "--from", "2026-1", "--to", "2026-02"), "2026-1"),
])
def test_bad_inputs_are_refused_in_one_line(capsys, hub: str, tmp_path: Path, argv, words: str) -> None:
    out = tmp_path / "r.xlsx"
    line = fails(capsys, "hub", "report", *argv, "--hub", hub, "--out", out)
    assert words in line
    assert not out.exists()


def test_an_unwritable_file_or_the_hub_itself_is_refused(capsys, hub: str, tmp_path: Path) -> None:
    fails(capsys, "hub", "report", "stores", "--hub", hub, "--from", "2026-01", "--to", "2026-01",
          "--out", tmp_path / "missing" / "deeper" / "r.xlsx")
    fails(capsys, "hub", "report", "stores", "--hub", hub, "--from", "2026-01", "--to", "2026-01",
          "--out", tmp_path / "r.docx")
    if "://" not in hub or hub.startswith("sqlite"):
        path = hub.split("sqlite:///")[-1]
        before = Path(path).read_bytes()
        fails(capsys, "hub", "report", "stores", "--hub", hub, "--from", "2026-01", "--to", "2026-01",
              "--out", path, "--force")
        assert Path(path).read_bytes() == before


def test_months_are_checked() -> None:
    from charity_pos.errors import InvalidInput

    with pytest.raises(InvalidInput):
        parse_months("2026-00", "2026-01")
    assert len(parse_months("2025-01", "2026-12")) == 24
