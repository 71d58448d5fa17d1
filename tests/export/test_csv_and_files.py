"""A ledger as a .csv file (UTF-8 with BOM, yuan with two decimals, no
formulas) and how every export is put in place: by its suffix only, never
over someone else's file without force, never half-written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from charity_pos import files
from charity_pos.errors import OutputExists, ProtectedFile, UnknownExportType
from charity_pos.export import write_report
from tests.export.conftest import small_report


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_csv_has_a_bom_titles_and_yuan(report_of_day, tmp_path: Path) -> None:
    out = tmp_path / "donations.csv"
    write_report(report_of_day, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(out)
    assert rows[0] == ["捐赠物资接收台账"]
    assert rows[1] == ["普陀区长征镇慈善超市（PT01）", "期间：2026-03-10 至 2026-03-10"]
    assert rows[2][:3] == ["接收时间", "捐赠单号", "捐赠人"]
    assert rows[3][0] == "2026-03-10 10:05" and rows[3][10:12] == ["80.00", "320.00"]
    assert rows[5][10:12] == ["", ""]  # the blankets: not valued
    assert rows[6][0] == "合计" and rows[6][6] == "16" and rows[6][11] == "620.00"
    cash_title = rows.index(["捐赠物资接收台账：现金捐赠"])
    assert rows[cash_title + 5][4] == "1200.00"


def test_csv_keeps_formula_text_as_text(tmp_path: Path) -> None:
    out = tmp_path / "tricky.csv"
    write_report(small_report(5), out)
    names = [row[2] for row in read_csv(out)[3:8]]
    assert names == ["'=1+1", "'@SUM(A1)", "'+8613800000000", "'-2+3", "正常文字"]
    assert read_csv(out)[-1] == ["说明：捐赠与销售分开核算。"]


@pytest.mark.parametrize("name", ["report.txt", "report", "report.xls", "report.pdf.bak"])
def test_another_suffix_is_refused_and_nothing_written(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnknownExportType):
        write_report(small_report(), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".pdf"])
def test_someone_elses_file_is_replaced_only_with_force(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"theirs{suffix}"
    out.write_bytes(b"not ours")
    with pytest.raises(OutputExists):
        write_report(small_report(), out)
    assert out.read_bytes() == b"not ours"
    write_report(small_report(), out, force=True)
    assert out.read_bytes() != b"not ours"


def test_a_workbook_charity_pos_wrote_is_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "ours.xlsx"
    write_report(small_report(1), out)
    write_report(small_report(2), out)
    assert out.stat().st_size > 0


def test_the_store_file_is_never_written_over(ledger_store, tmp_path: Path) -> None:
    st = ledger_store
    path = st.services.db.path
    before = path.read_bytes()
    protect = files.store_files(path, st.services.store().id)
    with pytest.raises(ProtectedFile):
        write_report(small_report(), path, protect=protect, force=True)
    with pytest.raises(ProtectedFile):  # a copy of a database, wherever it lies, named .csv
        copy = tmp_path / "copy.csv"
        copy.write_bytes(before[:4096])
        write_report(small_report(), copy, force=True)
    assert path.read_bytes() == before


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".pdf"])
def test_a_failure_while_writing_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    import charity_pos.export as export

    real = export._writer(suffix)

    def broken(report, path):
        real(report, path)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export, "_writer", lambda _suffix: broken)
    with pytest.raises(Exception) as caught:
        write_report(small_report(), tmp_path / f"x{suffix}")
    assert type(caught.value).__name__ == "OutputNotWritable"
    assert list(tmp_path.iterdir()) == []
