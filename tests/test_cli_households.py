"""``charity-pos households import --db PATH FILE``: the preview printed with
names and ID numbers masked, the good rows imported in one event, the bad
ones written beside the file for correcting; exit 0 when every row went in,
1 when some did not or on an error (and then nothing changed)."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from charity_pos import config
from charity_pos.domain.identity import mask_id
from charity_pos.security.keys import StoreKeys
from charity_pos.services import households
from charity_pos.services.household_import import REASONS_HEADER
from tests.helpers import run_cli
from tests.services.test_household_import import (
    ALL_IDS,
    BAD,
    BAD_ROW_NUMBERS,
    FORMATS,
    GOOD,
    HEADER,
    ID_BAD_CHECK,
    ID_REGISTERED,
    NAMES,
    REGISTERED,
    ROWS,
    make_id,
    read_back,
    row,
    write_csv,
)
from tests.test_cli import ENTRY_POINT, FULL_ID, dump, one_error_line, show_json

GOOD_ONLY = [ROWS[0], ROWS[1], ROWS[2], ROWS[16], ROWS[17]]
REGISTERED_CARD = "AX000900"


def row_with(card: str, name: str, number: str, *, category: str = "低保", note: str = "") -> list[object]:
    """A row refused for its members (0), whatever else it holds."""
    return row(card, name, number, "0", category, 1, note=note)


@pytest.fixture
def store(store_db, services, manager) -> Path:
    """A closed store file with one household registered."""
    services.households.register(manager, REGISTERED)
    store_db.close()
    return store_db.path


def import_(capsys, store: Path, sheet: Path, *extra: str) -> tuple[int, str, str]:
    return run_cli("households", "import", "--db", store, sheet, *extra)


def no_whole_id_or_name(text: str) -> None:
    assert not FULL_ID.search(text.upper()), text
    for number in ALL_IDS:
        assert number not in text and number.lower() not in text
    for name in NAMES:
        if len(name) > 1:
            assert name not in text, name


def test_import_previews_imports_the_good_and_writes_the_bad_beside_the_file(capsys, store, tmp_path) -> None:
    sheet = FORMATS["csv-gbk"](tmp_path, ROWS)
    code, out, err = import_(capsys, store, sheet, "--lang", "en")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    rejects = tmp_path / "名单.rejects.csv"
    assert lines[0] == f"{sheet}: 16 rows, 3 good, 13 to correct."
    assert lines[1] == f"Row 4 (AX000102 李** {mask_id(ID_BAD_CHECK)}): " \
                       "The ID number's last character (check character) is wrong."
    assert [int(line.split()[1]) for line in lines[1:14]] == BAD_ROW_NUMBERS
    assert lines[14].startswith("Imported 3 households (journal event #")
    assert lines[15] == f"13 rows to correct written to {rejects}."
    assert len(lines) == 16
    no_whole_id_or_name(out)
    assert mask_id(ID_REGISTERED) in out
    cards = {h["card_number"] for h in show_json(capsys, "households", store)}
    assert cards == {REGISTERED.card_number, *(d.card_number for d in GOOD)}
    assert rejects.exists() and not list(tmp_path.glob("*.partial"))
    back = read_back(rejects)
    assert back[0] == HEADER + [REASONS_HEADER]
    assert [r[:len(HEADER)] for r in back[1:]] == [ROWS[n - 1] for n in BAD_ROW_NUMBERS]
    assert back[1][-1] == dict(BAD)[4][0]


def test_chinese_by_default(capsys, store, tmp_path) -> None:
    sheet = FORMATS["xlsx"](tmp_path, ROWS)
    code, out, err = import_(capsys, store, sheet)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == f"{sheet}：共 16 行，3 行无误，13 行需更正。"
    assert lines[1] == f"第 4 行（AX000102 李** {mask_id(ID_BAD_CHECK)}）：身份证号最后一位（校验码）错误。"
    assert lines[14].startswith("已导入 3 户家庭（日志事件 #")
    no_whole_id_or_name(out)
    rejects = tmp_path / "名单.rejects.xlsx"
    back = read_back(rejects)
    assert back[0] == HEADER + [REASONS_HEADER]
    assert [r[0] for r in back[1:]] == [ROWS[n - 1][0] for n in BAD_ROW_NUMBERS]
    assert back[1][-1] == "身份证号最后一位（校验码）错误。"
    assert back[1][2] == ID_BAD_CHECK  # the office's own row, to correct


def test_a_list_without_bad_rows_exits_0_and_writes_no_reject_file(capsys, store, tmp_path) -> None:
    sheet = FORMATS["csv-utf8-bom"](tmp_path, GOOD_ONLY)
    code, out, err = import_(capsys, store, sheet, "--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"{sheet}: 3 rows, 3 good, 0 to correct."
    assert out.splitlines()[1].startswith("Imported 3 households") and len(out.splitlines()) == 2
    assert not list(tmp_path.glob("*.rejects.*")) and not list(tmp_path.glob("*.partial"))
    assert len(show_json(capsys, "households", store)) == 4


def test_dry_run_only_previews(capsys, store, tmp_path) -> None:
    sheet = FORMATS["csv-utf8"](tmp_path, ROWS)
    before = dump(store)
    code, out, err = import_(capsys, store, sheet, "--dry-run", "--lang", "en")
    assert (code, err) == (1, "")
    assert out.splitlines()[-1] == "Dry run: nothing was imported or written."
    assert len(out.splitlines()) == 15
    assert dump(store) == before and not list(tmp_path.glob("*.rejects.*"))
    good = FORMATS["csv-utf8"](tmp_path, GOOD_ONLY)
    code, out, err = import_(capsys, store, good, "--dry-run", "--lang", "en")
    assert (code, err) == (0, "") and dump(store) == before


def test_only_bad_rows_import_nothing(capsys, store, tmp_path) -> None:
    sheet = FORMATS["csv-utf8"](tmp_path, [ROWS[1], ROWS[3], ROWS[4]])
    before = dump(store)
    code, out, err = import_(capsys, store, sheet, "--lang", "en")
    assert (code, err) == (1, "")
    assert "No household was imported." in out.splitlines()
    assert dump(store) == before and (tmp_path / "名单.rejects.csv").exists()


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("list.xls", b"\xd0\xcf\x11\xe0", "is neither an Excel workbook (.xlsx) nor a .csv file"),
    ("list.xlsx", b"PK\x03\x04 broken", "cannot be read"),
    ("list.csv", "户主姓名,家庭人数\n王建国,3\n".encode("gbk"), "has no header row"),
    ("list.csv", "救助证号,户主姓名,家庭人数,救助类别,认定街道,认定文书号,有效期起,有效期止,同意日期\n".encode(),
     "the header row has no column 身份证号."),
    ("list.csv", ",".join(HEADER).encode() + b"\n", "has no households below its header row."),
    ("missing.csv", None, "There is no file"),
])
def test_a_file_that_cannot_be_imported_is_one_line_and_changes_nothing(capsys, store, tmp_path, name, content,
                                                                        expected) -> None:
    sheet = tmp_path / name
    if content is not None:
        sheet.write_bytes(content)
    before, files = dump(store), sorted(tmp_path.iterdir())
    line = one_error_line(*import_(capsys, store, sheet, "--lang", "en"), english=True)
    assert expected in line
    assert dump(store) == before and sorted(tmp_path.iterdir()) == files


def test_a_missing_store_is_one_line(capsys, tmp_path) -> None:
    sheet = FORMATS["csv-utf8"](tmp_path, ROWS)
    one_error_line(*import_(capsys, tmp_path / "none.db", sheet))
    assert not (tmp_path / "none.db").exists() and not list(tmp_path.glob("*.rejects.*"))


def test_a_database_refusal_midway_changes_nothing_and_writes_no_rejects(capsys, store, tmp_path,
                                                                         monkeypatch) -> None:
    sheet = FORMATS["csv-gbk"](tmp_path, ROWS)
    before = dump(store)
    real = households._new_household
    made: list[object] = []

    def bad_third(checked, keys, now):
        household = real(checked, keys, now)
        made.append(household)
        if len(made) == 3:
            household.members = 0
        return household

    monkeypatch.setattr(households, "_new_household", bad_third)
    code, out, err = import_(capsys, store, sheet)
    assert code == 1 and "Traceback" not in err
    assert err.splitlines() == ["错误：数据库拒绝导入这 3 户家庭（IntegrityError），未保存任何内容。"]
    assert dump(store) == before
    assert sorted(p.name for p in tmp_path.iterdir() if "rejects" in p.name or p.suffix == ".partial") == []
    no_whole_id_or_name(out + err)


def test_an_unexpected_failure_midway_changes_nothing(capsys, store, tmp_path, monkeypatch) -> None:
    sheet = FORMATS["xlsx"](tmp_path, ROWS)
    before = dump(store)
    real = StoreKeys.encrypt
    calls: list[str] = []

    def failing_third(self, text, context):
        calls.append(context)
        if len(calls) == 3:
            raise OSError("disk gone")
        return real(self, text, context)

    monkeypatch.setattr(StoreKeys, "encrypt", failing_third)
    code, out, err = import_(capsys, store, sheet)
    assert code == 3 and len(err.splitlines()) == 1 and "Traceback" not in err
    no_whole_id_or_name(out + err)
    assert dump(store) == before and not [p for p in tmp_path.iterdir() if "rejects" in p.name]


def test_the_entry_point_leaves_no_id_number_in_the_file_or_the_log(store, tmp_path, isolated_home) -> None:
    """A real run, in its own process: its log is config.log_dir()'s."""
    sheet = FORMATS["csv-gbk"](tmp_path, ROWS)
    env = dict(os.environ) | {"CHARITY_POS_HOME": str(isolated_home)}
    done = subprocess.run([str(ENTRY_POINT), "households", "import", "--db", str(store), str(sheet)],
                          check=False, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    no_whole_id_or_name(done.stdout + done.stderr)
    logs = list(config.log_dir().glob("charity-pos.log*"))
    assert logs
    log_bytes = b"".join(p.read_bytes() for p in logs)
    assert b"households imported" in log_bytes
    raw = b"".join(p.read_bytes() for p in store.parent.glob(store.name + "*") if not p.name.endswith(".lock"))
    imported = [d.id_number for d in GOOD] + [ID_REGISTERED]
    for number in imported:
        for form in (number.encode(), json.dumps(number).encode(), number.lower().encode()):
            assert form not in raw and form not in log_bytes, number
    for name in NAMES:
        assert name.encode() not in log_bytes


# --- the reject file's path, and what reaches the terminal ----------------------------------------------------
def households_in(store: Path) -> set[str]:
    conn = sqlite3.connect(store)
    try:
        return {r[0] for r in conn.execute("SELECT card_number FROM household")}
    finally:
        conn.close()


def test_a_folder_at_the_reject_files_name_stops_the_import_before_it_starts(capsys, store, tmp_path) -> None:
    sheet = FORMATS["csv-utf8"](tmp_path, ROWS)
    folder = tmp_path / "名单.rejects.csv"
    folder.mkdir()
    (folder / "keep.txt").write_text("x")
    before = dump(store)
    code, out, err = import_(capsys, store, sheet, "--lang", "en")
    assert code == 1 and "Traceback" not in err
    assert err.splitlines() == [f"Error: {folder} is a folder; give the name of a file to write."]
    assert "Imported" not in out and "Something went wrong" not in err
    assert dump(store) == before, "nothing imported: the reject file is checked first"
    assert [p.name for p in folder.iterdir()] == ["keep.txt"] and not list(tmp_path.glob("*.partial"))


def test_when_only_the_last_step_fails_it_says_what_was_imported(capsys, store, tmp_path, monkeypatch) -> None:
    from charity_pos import files

    sheet = FORMATS["csv-gbk"](tmp_path, ROWS)
    rejects = tmp_path / "名单.rejects.csv"
    real = os.replace

    def too_late(source, target):
        if Path(target) == rejects:  # a folder appears there after the check, or a viewer holds the file
            raise IsADirectoryError(21, "Is a directory")
        real(source, target)

    with monkeypatch.context() as mp:
        mp.setattr(files.os, "replace", too_late)
        code, out, err = import_(capsys, store, sheet, "--lang", "en")
    assert code == 1 and "Traceback" not in err
    assert out.splitlines()[14].startswith("Imported 3 households (journal event #")
    assert err.splitlines() == [f"Error: 3 households imported, but the rows to correct were not written: "
                                f"{rejects} is a folder; give the name of a file to write."]
    assert households_in(store) == {REGISTERED_CARD, *(d.card_number for d in GOOD)}
    assert not rejects.exists() and not list(tmp_path.glob("*.partial"))
    code, out, err = import_(capsys, store, sheet)
    assert "错误：已导入" not in err


def test_someone_elses_file_at_the_reject_files_name_needs_force(capsys, store, tmp_path) -> None:
    sheet = FORMATS["csv-utf8"](tmp_path, ROWS)
    theirs = tmp_path / "名单.rejects.csv"
    theirs.write_text("街道的另一份表\n", encoding="utf-8")
    before = dump(store)
    code, out, err = import_(capsys, store, sheet, "--lang", "en")
    assert code == 1 and err.splitlines() == [
        f"Error: {theirs} already exists and was not written by charity-pos, so it is left as it is; choose another "
        "name, move it away, or (on the command line) add --force to replace it."]
    assert dump(store) == before and theirs.read_text(encoding="utf-8") == "街道的另一份表\n"
    code, out, err = import_(capsys, store, sheet, "--force", "--lang", "en")
    assert (code, err) == (1, "") and read_back(theirs)[0] == HEADER + [REASONS_HEADER]
    # a reject file charity-pos wrote is replaced without --force: corrected and imported again
    again = FORMATS["csv-utf8"](tmp_path, [ROWS[0], ROWS[1], ROWS[3]])
    code, out, err = import_(capsys, store, again, "--lang", "en")
    assert (code, err) == (1, "") and len(read_back(theirs)) == 2


def test_the_reject_file_is_never_one_of_the_stores_files(capsys, store, tmp_path) -> None:
    sheet = FORMATS["csv-utf8"](tmp_path, ROWS)
    (tmp_path / "名单.rejects.csv").symlink_to(store)
    before, raw = dump(store), store.read_bytes()
    code, out, err = import_(capsys, store, sheet, "--force", "--lang", "en")
    assert code == 1 and "charity-pos never writes over it" in err and len(err.splitlines()) == 1
    assert store.read_bytes() == raw and dump(store) == before


INJECTED = ["=HYPERLINK(\"http://evil.example\",\"点我\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\tTAB", "\rCR"]


def injection_rows() -> list[list[object]]:
    """Bad rows (no members) whose cells a spreadsheet would take for formulas."""
    return [HEADER] + [row_with(f"AX0003{n:02d}", text, make_id("19900101", f"{n:03d}"), note=text)
                       for n, text in enumerate(INJECTED, start=1)] + [
        row_with("AX000399", "王平", make_id("19900101", "099"), note="-")]


def test_reject_csv_cells_that_look_like_formulas_stay_text(capsys, store, tmp_path) -> None:
    sheet = FORMATS["csv-utf8"](tmp_path, injection_rows())
    code, out, err = import_(capsys, store, sheet, "--lang", "en")
    assert code == 1, err
    text = (tmp_path / "名单.rejects.csv").read_bytes().decode("utf-8")
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert len(back) == 1 + len(INJECTED) + 1
    for cells, raw in zip(back[1:], INJECTED, strict=False):
        assert cells[1] == "'" + raw and cells[10] == "'" + raw
    assert back[-1][1] == "王平" and back[-1][10] == "'-"
    assert all(not cell.startswith(tuple("=+-@\t\r")) for cells in back for cell in cells)


def test_reject_workbooks_keep_formula_like_cells_as_text(capsys, store, tmp_path) -> None:
    from openpyxl import load_workbook

    rows = injection_rows()
    rows[1][1] = "=WEBSERVICE(\"http://evil.example\")"
    sheet = FORMATS["xlsx"](tmp_path, rows)
    workbook = load_workbook(sheet)
    for cells in workbook.worksheets[0].iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # what the office typed as text, not a formula
    workbook.save(sheet)
    code, out, err = import_(capsys, store, sheet, "--lang", "en")
    assert code == 1, err
    workbook = load_workbook(tmp_path / "名单.rejects.xlsx")
    cells = [c for r in workbook.worksheets[0].iter_rows() for c in r if c.value is not None]
    workbook.close()
    assert all(c.data_type != "f" for c in cells), "no cell of the reject workbook is a formula"
    assert "=WEBSERVICE(\"http://evil.example\")" in [c.value for c in cells]


ANSI_NAME = "\x1b[2J\x1b[31m王\x1b]0;pwned\x07"


def test_control_characters_from_the_file_never_reach_the_terminal_raw(capsys, store, tmp_path) -> None:
    rows = [HEADER,
            row_with("AX000401", ANSI_NAME, make_id("19900101", "401")),
            row_with("AX000402\u202e", "李\nRow 99 (fake): all good", make_id("19900101", "402"),
                     category="低保\x1b[1m")]
    sheet = write_csv(tmp_path / "名单\x1b[7m.csv", rows, "utf-8")
    code, out, err = import_(capsys, store, sheet, "--lang", "en")
    assert code == 1
    for text in (out, err):
        assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text and "\r" not in text
    lines = out.splitlines()
    assert len(lines) == 1 + 2 + 2, "a newline in a cell does not start a line"
    assert lines[0].startswith(f"{str(sheet).replace(chr(27), chr(92) + 'x1b')}: 2 rows")
    assert lines[1].startswith("Row 2 (AX000401 \\x1b") and "\\x1b" in lines[1]
    assert "AX000402\\u202e" in lines[2] and "低保\\x1b[1m" in lines[2]
    assert not any(line.startswith("Row 99") for line in lines)
    # a --dry-run prints the same, just as safely
    code, out, err = import_(capsys, store, sheet, "--dry-run", "--lang", "en")
    assert "\x1b" not in out + err


def test_error_messages_with_a_files_name_are_escaped_too(capsys, store, tmp_path) -> None:
    missing = tmp_path / "名单\x1b[31m.csv"
    code, out, err = import_(capsys, store, missing, "--lang", "en")
    assert code == 1 and "\x1b" not in err and "名单\\x1b[31m.csv" in err
