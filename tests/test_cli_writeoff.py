"""``charity-pos writeoff``: goods written off from the command line by a
person with their PIN, a manager's PIN beyond the limit, listed (``--list``,
``show writeoffs``) and printed as the 报损单 PDF; bad input is one line,
exit 1, and changes nothing; verify passes after."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.helpers import compact, one_error_line, pdf_text, run_cli, this_year

RICE = "6901234567892"


def writeoffs(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT count(*) FROM writeoff").fetchone()[0]


def oil_lot(db: Path, oil_id: str) -> str:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT id FROM stock_lot WHERE item_id = ?", (oil_id.replace("-", ""),)).fetchone()[0]


def test_a_cashier_writes_off_lists_and_prints(filled_store, tmp_path: Path) -> None:
    db = filled_store.path
    number = f"PT01-{this_year()}-W000001"
    lot = oil_lot(db, filled_store.oil_id)
    code, out, err = run_cli("writeoff", "--db", db, "--lot", lot, "--quantity", "2", "--reason", "expired",
                             "--user", "cashier", "--pin", "1111", "--pdf", tmp_path / "w.pdf", lang="en")
    assert (code, err) == (0, "")
    assert f"Write-off {number}: 2 units, ¥23.80 at sale price, out of 1 lots." in out
    text = compact(pdf_text(tmp_path / "w.pdf"))
    for words in ("物资报损单", number, "报损原因：过期", "海天金标生抽500ml", "¥23.80", "经办人（签字）",
                  "复核人（签字）", "登记人："):
        assert compact(words) in text
    listed = json.loads(run_cli("show", "writeoffs", "--db", db, "--json")[1])
    assert [(w["number"], w["reason"], w["units"], w["value_fen"], w["approved_by"]) for w in listed] == [
        (number, "expired", 2, 2380, None)]
    code, out, _ = run_cli("writeoff", "--db", db, "--list", lang="en")
    assert code == 0 and number in out and "expired" in out
    # the stock screen's listing and the trace see it
    stock = {row["lot_id"].replace("-", ""): row["on_hand"] for row in json.loads(
        run_cli("show", "stock", "--db", db, "--json")[1])}
    assert stock[lot] == 10
    code, out, _ = run_cli("trace", "--db", db, number, lang="en")
    assert code == 0 and "written off (expired)" in out
    code, out, _ = run_cli("writeoff", "--db", db, "--number", number.lower(), "--pdf", tmp_path / "again.pdf",
                           lang="en")
    assert code == 0 and "again.pdf" in out
    code, out, _ = run_cli("verify", "--db", db)
    assert code == 0, out


def test_beyond_the_limit_a_cashier_needs_a_managers_pin(filled_store) -> None:
    db = filled_store.path
    args = ("writeoff", "--db", db, "--lot", RICE, "--quantity", "5", "--reason", "donated_on", "--to", "静安区慈善基金会",
            "--user", "cashier", "--pin", "1111")
    line = one_error_line(*run_cli(*args, lang="en"), english=True)
    assert line == "Error: A manager must approve this: write off goods worth more than the limit."
    line = one_error_line(*run_cli(*args, "--manager", "manager", "--manager-pin", "1234", "--approval-reason", "转赠",
                                   lang="en"), english=True)
    assert "Wrong" in line
    assert writeoffs(db) == 0
    code, out, err = run_cli(*args, "--manager", "manager", "--manager-pin", "9999", "--approval-reason", "整批转赠")
    assert (code, err) == (0, ""), err
    listed = json.loads(run_cli("show", "writeoffs", "--db", db, "--json")[1])
    assert [(w["recipient"], w["units"], w["approved_by"]) for w in listed] == [("静安区慈善基金会", 5, "店长")]


def test_bad_input_is_one_line_and_changes_nothing(filled_store) -> None:
    db = filled_store.path
    base = ("writeoff", "--db", db, "--user", "cashier", "--pin", "1111")
    cases = [
        (("--lot", RICE, "--quantity", "0", "--reason", "damaged"), "Quantity must be more than zero."),
        (("--lot", RICE, "--quantity", "-1", "--reason", "damaged"), "Quantity must not be negative."),
        (("--lot", RICE, "--quantity", "19", "--reason", "damaged"), "holds 18: 19 cannot be written off."),
        (("--lot", "2200000000001", "--quantity", "1", "--reason", "damaged"), "No lot has the code “2200000000001”"),
        (("--lot", RICE, "--quantity", "1", "--reason", "other"), "What happened must not be empty."),
        (("--lot", RICE, "--lot", RICE, "--quantity", "1", "--reason", "damaged"), "one --quantity for each --lot"),
        (("--lot", RICE, "--quantity", "1", "--reason", "damaged", "--pin", "0000"), "Wrong PIN."),
    ]
    for extra, words in cases:
        line = one_error_line(*run_cli(*base, *extra, lang="en"), english=True)
        assert words in line, (extra, line)
    assert writeoffs(db) == 0
    line = one_error_line(*run_cli("writeoff", "--db", db, "--number", "PT01-2026-W000009", "--pdf", db.with_name("x.pdf"),
                                   lang="en"), english=True)
    assert "There is no write-off numbered “PT01-2026-W000009”." in line
    # the store's own file is never a PDF's target, and nothing is written off for trying
    line = one_error_line(*run_cli(*base, "--lot", RICE, "--quantity", "1", "--reason", "damaged", "--pdf", db,
                                   lang="en"), english=True)
    assert "never writes over it" in line
    assert writeoffs(db) == 0
