"""charity-pos report, funds use and notice: what they write, and for every
bad input one line on stderr, exit 1, nothing written and nothing changed."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from charity_pos.services.reports import ReportService
from tests.helpers import run_cli
from tests.reports.conftest import ledger_store  # noqa: F401 - the fixture, shared
from tests.test_cli import dump, files_in, one_error_line

#: the kinds of the contract (issue 10); each must be accepted once it exists
CONTRACT_KINDS = ("donations", "stock-moves", "handouts", "sales", "funds", "stock", "expiry")


@pytest.fixture
def shop(ledger_store, tmp_path: Path) -> SimpleNamespace:
    """The hand-counted store, closed, and an empty folder to write into."""
    path = ledger_store.services.db.path
    ledger_store.services.close()
    out = tmp_path / "out"
    out.mkdir()
    return SimpleNamespace(db=path, out=out, st=ledger_store)


def report(shop: SimpleNamespace, out: object, *extra: object, kind: str = "donations",
           start: str = "2026-03-10", end: str = "2026-03-10") -> list[object]:
    return ["report", kind, "--db", shop.db, "--from", start, "--to", end, "--out", out, "--lang", "en", *extra]


def test_report_writes_the_file_and_says_what(shop, capsys) -> None:
    out = shop.out / "捐赠台账.xlsx"
    code, stdout, err = run_cli(*report(shop, out))
    assert (code, err) == (0, "")
    assert stdout == f"Donations received, 2026-03-10 to 2026-03-10: 5 rows written to {out}.\n"
    assert load_workbook(out).sheetnames == ["捐赠物资接收台账", "现金捐赠"]


def test_report_filters_by_category_and_origin(shop, capsys) -> None:
    out = shop.out / "clothing.csv"
    code, stdout, _ = run_cli(*report(shop, out, "--category", "clothing", "--origin", "donated"))
    assert code == 0 and ": 1 rows written" in stdout
    assert "男式棉服" in out.read_text("utf-8-sig") and "东北大米" not in out.read_text("utf-8-sig")
    code, stdout, _ = run_cli(*report(shop, shop.out / "bought.csv", "--origin", "purchased"))
    assert code == 0 and ": 0 rows written" in stdout


def test_every_kind_of_the_contract_is_accepted_once_it_exists(shop, capsys) -> None:
    present = [kind for kind in CONTRACT_KINDS if kind in ReportService.kinds()]
    assert "donations" in present
    for kind in present:
        out = shop.out / f"{kind}.pdf"
        code, _, err = run_cli(*report(shop, out, kind=kind))
        assert (code, err) == (0, ""), kind
        assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(("change", "says"), [
    ({"kind": "donation"}, "There is no report “donation”; the reports are: donations"),
    ({"start": "2026-3-1"}, "From: “2026-3-1” is not a date"),
    ({"end": "2026-02-30"}, "To: “2026-02-30” is not a date"),
    ({"start": "2026-03-11"}, "To is before the start date."),
    ({"extra": ("--category", "nosuch")}, "Category: “nosuch” is not known."),
    ({"extra": ("--origin", "stolen")}, "“stolen” is not known."),
    ({"name": "ledger.txt"}, "a report is written as an Excel workbook (.xlsx), a PDF (.pdf) or a .csv file, not as “.txt”"),
    ({"name": "missing/ledger.xlsx"}, "does not exist"),
    ({"name": "."}, "is a folder"),
])
def test_a_bad_report_command_says_why_in_one_line(shop, capsys, change, says) -> None:
    before = dump(shop.db)
    argv = report(shop, shop.out / change.get("name", "ledger.xlsx"), *change.get("extra", ()),
                  **{k: v for k, v in change.items() if k in ("kind", "start", "end")})
    line = one_error_line(*run_cli(*argv), english=True)
    assert says in line, line
    assert files_in(shop.out) == set()
    assert dump(shop.db) == before


@pytest.mark.parametrize("force", [False, True])
def test_report_never_writes_over_the_store_file(shop, capsys, force) -> None:
    before = shop.db.read_bytes()
    line = one_error_line(*run_cli(*report(shop, shop.db, *(["--force"] if force else []))), english=True)
    assert "is the store's database" in line or "never writes over it" in line
    assert shop.db.read_bytes() == before


def test_report_leaves_someone_elses_file_unless_forced(shop, capsys) -> None:
    theirs = shop.out / "theirs.csv"
    theirs.write_text("their numbers", "utf-8")
    line = one_error_line(*run_cli(*report(shop, theirs)), english=True)
    assert "already exists" in line and "--force" in line
    assert theirs.read_text("utf-8") == "their numbers"
    code, _, _ = run_cli(*report(shop, theirs, "--force"))
    assert code == 0 and theirs.read_text("utf-8-sig").startswith("捐赠物资接收台账")


def test_report_in_chinese_by_default(shop, capsys) -> None:
    argv = report(shop, shop.out / "x.pdf", kind="nosuch")[:-2]
    code, out, err = run_cli(*argv, "--lang", "zh_CN")
    line = one_error_line(code, out, err)
    assert "nosuch" in line


# --- funds use ---------------------------------------------------------------------------------
def funds(shop: SimpleNamespace, **change: str) -> list[object]:
    args = {"date": "2026-03-10", "amount": "150.00", "kind": "cash_aid", "purpose": "临时救助 3 户"} | change
    argv: list[object] = ["funds", "use", "--db", shop.db, "--lang", "en"]
    for key, value in args.items():
        argv += [f"--{key}", value]
    return argv


def test_funds_use_is_recorded_and_lowers_what_is_left(shop, capsys) -> None:
    code, out, err = run_cli(*funds(shop, voucher="FP-0032"))
    assert (code, err) == (0, "")
    assert out.startswith("Use PT01-2026-F000002 of donated cash recorded: ¥150.00 on 2026-03-10;")
    assert out.endswith("¥750.00 of donated cash left.\n")  # ¥1,200.00 received, ¥300.00 and ¥150.00 used
    assert any("FP-0032" in line and "F000002" in line for line in dump(shop.db))


@pytest.mark.parametrize(("change", "says"), [
    ({"amount": "12.5x"}, "Amount: “12.5x” is not a number."),
    ({"amount": "0"}, "Amount must be more than zero."),
    ({"amount": "-5"}, "Amount must not be negative."),
    ({"amount": "1.234"}, "at most two decimals"),
    ({"amount": "900.01"}, "Only ¥900.00 of donated cash is left"),
    ({"kind": "party"}, "“party” is not known."),
    ({"purpose": "  "}, "Purpose must not be empty."),
    ({"date": "2099-01-01"}, "Date of use is a day still to come."),
    ({"date": "10/03/2026"}, "is not a date"),
])
def test_a_bad_funds_use_says_why_in_one_line_and_changes_nothing(shop, capsys, change, says) -> None:
    before = dump(shop.db)
    line = one_error_line(*run_cli(*funds(shop, **change)), english=True)
    assert says in line, line
    assert dump(shop.db) == before


# --- notice ------------------------------------------------------------------------------------
def notice(shop: SimpleNamespace, out: object, month: str = "2026-03", *extra: object) -> list[object]:
    return ["notice", "--db", shop.db, "--month", month, "--out", out, "--lang", "en", *extra]


def test_notice_writes_the_pdf_and_the_page_into_a_new_folder(shop, capsys) -> None:
    folder = shop.out / "公示"
    code, out, err = run_cli(*notice(shop, folder))
    assert (code, err) == (0, "")
    pdf, html = folder / "公示-PT01-2026-03.pdf", folder / "公示-PT01-2026-03.html"
    assert out == f"Public notice of 2026-03 written to {pdf} and {html}.\n"
    assert files_in(folder) == {pdf.name, html.name}
    assert pdf.read_bytes().startswith(b"%PDF-") and "上海爱心科技有限公司" in html.read_text("utf-8")
    code, _, _ = run_cli(*notice(shop, folder))  # again: its own files are replaced without --force
    assert code == 0 and files_in(folder) == {pdf.name, html.name}


@pytest.mark.parametrize(("month", "says"), [
    ("2026-3", "“2026-3” is not a month"),
    ("2026-13", "“2026-13” is not a month"),
    ("march", "“march” is not a month"),
    ("2099-01", "2099-01 has not begun yet"),
])
def test_a_bad_month_is_refused_and_nothing_written(shop, capsys, month, says) -> None:
    folder = shop.out / "公示"
    line = one_error_line(*run_cli(*notice(shop, folder, month)), english=True)
    assert says in line, line
    assert not folder.exists()


def test_notice_refuses_a_file_a_missing_parent_and_the_store_folder_files(shop, capsys) -> None:
    a_file = shop.out / "notes.txt"
    a_file.write_text("x", "utf-8")
    assert "is a file, not a folder" in one_error_line(*run_cli(*notice(shop, a_file)), english=True)
    missing = shop.out / "no" / "such"
    assert "does not exist" in one_error_line(*run_cli(*notice(shop, missing)), english=True)
    assert not (shop.out / "no").exists()
    assert "never writes over it" in one_error_line(*run_cli(*notice(shop, shop.db)), english=True)
    assert files_in(shop.out) == {"notes.txt"}


def test_notice_leaves_someone_elses_file_of_the_same_name_unless_forced(shop, capsys) -> None:
    theirs = shop.out / "公示-PT01-2026-03.html"
    theirs.write_text("<p>their page</p>", "utf-8")
    assert "already exists" in one_error_line(*run_cli(*notice(shop, shop.out)), english=True)
    assert files_in(shop.out) == {theirs.name}  # not the PDF alone either
    assert theirs.read_text("utf-8") == "<p>their page</p>"
    code, _, _ = run_cli(*notice(shop, shop.out, "2026-03", "--force"))
    assert code == 0 and "公示" in theirs.read_text("utf-8")
