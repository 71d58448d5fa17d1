"""`charity-pos trace`, `show lots` and `charity-pos donor-statement` on a
copy of the demo store: the story in the CLI's language, JSON for scripts,
one clear line and exit 1 for what a user gets wrong, and no household or
person named where they must not be."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import bring_keys
from tests.helpers import pdf_pages, run_cli
from tests.test_cli import one_error_line


@pytest.fixture
def shop(demo_store: tuple[Path, int, str], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path / "store.db"
    shutil.copy2(demo_store[0], path)
    bring_keys(path, tmp_path_factory)
    return path


def query(path: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def person_donor(path: Path) -> tuple[str, str]:
    """A person who gave something: (name, year)."""
    name, at = query(path, "SELECT d.name, n.received_at FROM donor d JOIN donation n ON n.donor_id = d.id "
                           "WHERE d.kind = 'person' ORDER BY n.received_at LIMIT 1")[0]
    return name, str(at)[:4]


def private_words(path: Path) -> set[str]:
    words = {name for (name,) in query(path, "SELECT name FROM donor WHERE kind = 'person'")}
    words |= {f"{n}" for (n,) in query(path, "SELECT head_name FROM household") if n}
    return words


def test_a_donation_is_traced_in_chinese_and_english(capsys: pytest.CaptureFixture[str], shop: Path) -> None:
    number = query(shop, "SELECT n.number FROM donation n JOIN donor d ON d.id = n.donor_id "
                         "WHERE d.kind = 'person' AND EXISTS (SELECT 1 FROM donation_line WHERE donation_id = n.id) "
                         "LIMIT 1")[0][0]
    code, out, err = run_cli("trace", "--db", shop, number, "--lang", "en")
    assert code == 0 and err == ""
    assert f"Trace of {number}" in out and "received" in out and "Received " in out
    code, zh, _ = run_cli("trace", "--db", shop, number)
    assert code == 0 and "追溯" in zh and "接收" in zh
    for word in private_words(shop):
        assert word not in out and word not in zh


def test_trace_json_for_scripts(capsys: pytest.CaptureFixture[str], shop: Path) -> None:
    number = query(shop, "SELECT number FROM handout LIMIT 1")[0][0]
    code, out, _ = run_cli("trace", "--db", shop, number, "--json")
    assert code == 0
    found = json.loads(out)
    assert found["kind"] == "handout" and found["lots"]
    t = found["totals"]
    assert t["received"] == t["sold"] + t["handed_out"] + t["written_off"] + t["counted_difference"] + t["on_shelf"]
    handed = [e for e in found["events"] if e["event"] == "handed_out"]
    assert handed and all(e["card_number"] for e in handed)
    for word in private_words(shop):
        assert word not in out


@pytest.mark.parametrize("code_text", ["JA01-2026-D999999", "2299999999995", "what"])
def test_an_unknown_code_is_one_clear_line(capsys: pytest.CaptureFixture[str], shop: Path, code_text: str) -> None:
    line = one_error_line(*run_cli("trace", "--db", shop, code_text, "--lang", "en"), english=True)
    assert code_text in line and "Nothing in this store has the code" in line
    one_error_line(*run_cli("trace", "--db", shop, code_text))


def test_show_lots_lists_every_lot_empty_ones_too(capsys: pytest.CaptureFixture[str], shop: Path) -> None:
    code, out, _ = run_cli("show", "lots", "--db", shop, "--json")
    assert code == 0
    lots = json.loads(out)
    assert len(lots) == query(shop, "SELECT count(*) FROM stock_lot")[0][0]
    assert any(lot["on_shelf"] == 0 for lot in lots)
    assert all(lot["received"] == lot["sold"] + lot["handed_out"] + lot["written_off"] + lot["counted_difference"]
               + lot["transferred"] + lot["on_shelf"] for lot in lots)
    code, table, _ = run_cli("show", "lots", "--db", shop, "--lang", "en")
    assert code == 0 and "Handed out" in table
    for word in private_words(shop):
        assert word not in out and word not in table
    assert run_cli("show", "stock", "--db", shop)[0] == 0


# --- donor statements ---------------------------------------------------------------------------------------------
def test_a_donor_statement_is_a_one_page_chinese_letter(capsys: pytest.CaptureFixture[str], shop: Path,
                                                        tmp_path: Path) -> None:
    name, year = person_donor(shop)
    out = tmp_path / "letter.pdf"
    code, printed, err = run_cli("donor-statement", "--db", shop, "--donor", name, "--year", year, "--out", out)
    assert code == 0, err
    assert str(out) in printed
    (text,) = pdf_pages(out)
    assert "捐赠反馈函" in text and f"尊敬的{name}" in text and "已义卖" in text
    cards = {c for (c,) in query(shop, "SELECT card_number FROM household")}
    heads = {h for (h,) in query(shop, "SELECT head_name FROM household") if h}
    others = {n for (n,) in query(shop, "SELECT name FROM donor WHERE kind = 'person'")} - {name}
    for word in cards | heads | others:
        assert word not in text


def test_bad_donor_statements_say_one_clear_line(capsys: pytest.CaptureFixture[str], shop: Path,
                                                  tmp_path: Path) -> None:
    name, year = person_donor(shop)
    out = tmp_path / "letter.pdf"

    def refused(*argv: object) -> str:
        return one_error_line(*run_cli("donor-statement", "--db", shop, *argv, "--lang", "en"), english=True)

    assert "not a year" in refused("--donor", name, "--year", "20x6", "--out", out)
    assert "No donor is recorded" in refused("--donor", "无此人", "--year", year, "--out", out)
    assert "Anonymous" in refused("--donor", "匿名", "--year", year, "--out", out)
    assert "gave nothing in 2001" in refused("--donor", name, "--year", "2001", "--out", out)
    assert "store's database" in refused("--donor", name, "--year", year, "--out", shop)
    assert "does not exist" in refused("--donor", name, "--year", year, "--out", tmp_path / "no" / "x.pdf")
    assert not out.exists()
    out.write_text("someone's notes")
    assert "already exists" in refused("--donor", name, "--year", year, "--out", out)
    assert out.read_text() == "someone's notes"
    code, _, _ = run_cli("donor-statement", "--db", shop, "--donor", name, "--year", year, "--out", out, "--force")
    assert code == 0 and out.read_bytes().startswith(b"%PDF")


def test_a_name_several_donors_share_asks_for_their_code(capsys: pytest.CaptureFixture[str], shop: Path,
                                                         tmp_path: Path) -> None:
    name, year = person_donor(shop)
    with contextlib.closing(sqlite3.connect(shop)) as conn:
        rows = conn.execute("SELECT * FROM donor WHERE name = ?", (name,)).fetchall()
        columns = [c[1] for c in conn.execute("PRAGMA table_info(donor)")]
        copy = dict(zip(columns, rows[0], strict=True))
        copy["id"] = "00000000000000000000000000000001"
        copy["phone"] = "13900000000"
        conn.execute(f"INSERT INTO donor ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                     [copy[c] for c in columns])
        conn.commit()
    line = one_error_line(*run_cli("donor-statement", "--db", shop, "--donor", name, "--year", year,
                               "--out", tmp_path / "x.pdf", "--lang", "en"), english=True)
    assert "2 donors are recorded" in line and "credit code" in line
