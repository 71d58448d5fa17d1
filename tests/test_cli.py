"""The command line, as the district's scripts and a store's staff meet it:
the commands and options in README's "Command line" are a contract.

Most tests call ``cli.main(argv)`` in-process (fast) and read what it
printed; a few run the installed ``charity-pos`` entry point to prove it.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from charity_pos.domain import barcodes
from charity_pos.services.base import STORE_TZ
from charity_pos.services.registry import Services
from tests.conftest import bring_keys
from tests.helpers import dump, one_error_line, pdf_pages, run_cli, this_year  # noqa: F401 (dump: taken from here)

ENTRY_POINT = Path(sys.executable).with_name("charity-pos")
FULL_ID = re.compile(r"\d{17}[\dX]")


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def key_files(home: Path) -> list[Path]:
    return sorted(home.rglob("*.key"))


def show_json(capsys: pytest.CaptureFixture[str], kind: str, path: Path) -> list[dict]:  # type: ignore[type-arg]
    code, out, err = run_cli("show", kind, "--db", path, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert isinstance(data, list)
    return data


@pytest.fixture
def demo_copy(demo_store, tmp_path: Path, tmp_path_factory) -> Path:
    """A private copy of the session's demo store, for tests that print
    receipts (which changes the file)."""
    path, code, _ = demo_store
    assert code == 0
    target = tmp_path / "demo-copy.db"
    shutil.copy2(path, target)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            shutil.copy2(extra, target.with_name(target.name + suffix))
    bring_keys(target, tmp_path_factory)
    return target


def next_receipt_number(path: Path) -> str:
    """The receipt number the next issue should get: gap-free per store and year."""
    year = this_year()
    conn = sqlite3.connect(path)
    try:
        numbers = [r[0] for r in conn.execute("SELECT number FROM receipt")]
    finally:
        conn.close()
    serials = [int(n.rsplit("J", 1)[1]) for n in numbers if n.startswith(f"JA01-{year}-J")]
    return f"JA01-{year}-J{max(serials, default=0) + 1:06d}"


# --- init ----------------------------------------------------------------------
def test_init_creates_a_store_a_manager_can_log_in_to(capsys, tmp_path, isolated_home) -> None:
    path = tmp_path / "new" / "store.sqlite3"
    code, out, err = run_cli("init", "--db", path, "--store-code", "pt02", "--name", "普陀区真如镇慈善超市",
                         "--district", "普陀区", "--manager-pin", "246810")
    assert (code, err) == (0, "")
    assert out.count("\n") == 2, "the store, then where its key file is and to keep a copy apart"
    assert "PT02" in out and str(path) in out and "manager" in out
    assert len(key_files(isolated_home)) == 1, "init makes the store's key file"
    assert str(key_files(isolated_home)[0]) in out.splitlines()[1] and "backup-key" in out
    services = Services.open(path)
    try:
        assert services.store().code == "PT02" and services.store().district == "普陀区"
        assert len(services.catalog.categories()) == 10
        assert services.accounts.login("manager", "246810").role == "manager"
    finally:
        services.close()
    code, out, err = run_cli("verify", "--db", path, "--lang", "en")
    assert code == 0 and out.startswith("OK: ")


def test_init_refuses_an_existing_file_and_leaves_it_alone(capsys, filled_store, isolated_home) -> None:
    before, keys = filled_store.path.read_bytes(), key_files(isolated_home)
    code, out, err = run_cli("init", "--db", filled_store.path, "--store-code", "PT09", "--name", "新店",
                         "--district", "普陀区", "--manager-pin", "1234")
    line = one_error_line(code, out, err)
    assert str(filled_store.path) in line and "已存在" in line
    assert filled_store.path.read_bytes() == before
    assert key_files(isolated_home) == keys


def test_init_refuses_any_existing_file_even_a_text_file(capsys, tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("购物清单", encoding="utf-8")
    code, out, err = run_cli("init", "--db", path, "--store-code", "PT09", "--name", "新店",
                         "--district", "普陀区", "--manager-pin", "1234", "--lang", "en")
    assert "already exists" in one_error_line(code, out, err, english=True)
    assert path.read_text(encoding="utf-8") == "购物清单"


@pytest.mark.parametrize(
    ("store_code", "pin", "english"),
    [
        ("x", "1234", "A store code is 2-8 capital letters or digits, such as PT01."),
        ("PT-01", "1234", "A store code is 2-8 capital letters or digits, such as PT01."),
        ("ABCDEFGHJ", "1234", "A store code is 2-8 capital letters or digits, such as PT01."),
        ("PT01", "123", "A PIN has 4 to 12 digits."),
        ("PT01", "1234567890123", "A PIN has 4 to 12 digits."),
        ("PT01", "12ab", "A PIN is made of digits only."),
        ("PT01", "１２３４", "A PIN is made of digits only."),
    ],
)
def test_init_with_a_bad_store_code_or_pin_makes_nothing(capsys, tmp_path, isolated_home, store_code, pin,
                                                        english) -> None:
    path = tmp_path / "store.sqlite3"
    argv = ["init", "--db", path, "--store-code", store_code, "--name", "新店", "--district", "普陀区",
            "--manager-pin", pin]
    line = one_error_line(*run_cli(*argv, "--lang", "en"), english=True)
    assert line == "Error: " + english
    chinese = one_error_line(*run_cli(*argv))
    assert re.search(r"[\u4e00-\u9fff]", chinese.removeprefix("错误："))
    assert files_in(tmp_path) == set(), "no store file, no lock, no partial file"
    assert key_files(isolated_home) == [], "no key file for a store that was not made"


# --- demo and verify -----------------------------------------------------------
def test_demo_builds_a_store_that_verifies(capsys, demo_store, tmp_path_factory) -> None:
    path, code, printed = demo_store
    assert code == 0
    summary = printed.splitlines()[0]
    assert str(path) in summary and "items" in summary and "households" in summary
    counts = dict((word, int(n)) for n, word in re.findall(r"(\d+) (items|donations|donors|households)", summary))
    assert counts["items"] > 100 and counts["donors"] == 26 and counts["households"] == 56 and counts["donations"] > 0
    assert "over 3 days" in summary

    code, out, err = run_cli("verify", "--db", path, "--lang", "en")
    assert code == 0 and "authenticity was NOT checked" in err, "without the key file it says so"
    bring_keys(path, tmp_path_factory)
    code, out, err = run_cli("verify", "--db", path, "--lang", "en")
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 1, "verify says it in one line"
    events = int(re.match(r"OK: (\d+) journal events, (\d+) records agree; chain head [0-9a-f]{16}\.$", out.strip())[1])
    assert events == len(show_json(capsys, "journal", path))
    assert len(show_json(capsys, "items", path)) == counts["items"]
    assert len(show_json(capsys, "donations", path)) == counts["donations"]
    assert len(show_json(capsys, "households", path)) == counts["households"]


def test_demo_refuses_an_existing_file(capsys, filled_store) -> None:
    before = dump(filled_store.path)
    line = one_error_line(*run_cli("demo", "--db", filled_store.path, "--days", "2"))
    assert "已存在" in line
    assert dump(filled_store.path) == before
    assert not filled_store.path.with_name(filled_store.path.name + ".building").exists()


@pytest.mark.parametrize("days", ["0", "-3"])
def test_demo_with_no_days_makes_nothing(capsys, tmp_path, days) -> None:
    line = one_error_line(*run_cli("demo", "--db", tmp_path / "demo.db", "--days", days, "--lang", "en"),
                          english=True)
    assert "Days" in line
    assert files_in(tmp_path) == set()


def test_verify_prints_one_line_in_chinese_by_default(capsys, filled_store) -> None:
    code, out, err = run_cli("verify", "--db", filled_store.path)
    assert (code, err) == (0, "")
    assert out.startswith("校验通过：") and out.count("\n") == 1
    assert f"{filled_store.events} 条日志事件" in out


# --- show ----------------------------------------------------------------------
def test_show_items_as_table_and_json(capsys, filled_store) -> None:
    items = show_json(capsys, "items", filled_store.path)
    assert {tuple(sorted(o)) for o in items} == {("active", "barcode", "category", "id", "name", "on_hand",
                                                 "reference_price_fen", "sale_price_fen", "source", "unit")}
    by_name = {o["name"]: o for o in items}
    assert set(by_name) == {"东北大米 5kg", "海天金标生抽 500ml", "男式羊毛衫 L码 藏青"}
    rice, oil, sweater = by_name["东北大米 5kg"], by_name["海天金标生抽 500ml"], by_name["男式羊毛衫 L码 藏青"]
    assert (rice["barcode"], rice["sale_price_fen"], rice["reference_price_fen"], rice["on_hand"]) == (
        "6901234567892", 3290, 3590, 18)
    assert (oil["on_hand"], sweater["on_hand"], sweater["source"], sweater["category"]) == (12, 3, "donated", "clothing")
    assert oil["barcode"].startswith("21") and barcodes.is_in_store(oil["barcode"])
    assert rice["id"] == filled_store.rice_id and rice["active"] is True

    code, out, err = run_cli("show", "items", "--db", filled_store.path)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2 + 3, "header, rule, one line per item"
    assert "条码" in lines[0] or "名称" in lines[0], "the table speaks Chinese by default"
    rice_line = next(line for line in lines if "东北大米 5kg" in line)
    assert "6901234567892" in rice_line and "¥32.90" in rice_line and "¥35.90" in rice_line
    assert rice_line.rstrip().endswith("18")

    code, out, err = run_cli("show", "items", "--db", filled_store.path, "--lang", "en")
    assert out.splitlines()[0].split()[:2] == ["Barcode", "Name"]


def test_show_stock_lists_lots_with_documents(capsys, filled_store) -> None:
    lots = show_json(capsys, "stock", filled_store.path)
    assert {tuple(sorted(o)) for o in lots} == {("barcode", "document", "expiry_date", "item_id", "lot_code", "lot_id",
                                                "name", "on_hand", "origin", "received", "unit")}
    by_name = {o["name"]: o for o in lots}
    rice = by_name["东北大米 5kg"]
    assert (rice["document"], rice["origin"], rice["received"], rice["on_hand"]) == (
        "PT01-2026-R000001", "purchase", 20, 18)
    assert rice["barcode"] == "6901234567892" and rice["lot_code"] is False
    assert by_name["海天金标生抽 500ml"]["document"] == "PT01-2026-R000001"
    assert by_name["男式羊毛衫 L码 藏青"]["document"] == "PT01-2026-R000002"

    code, out, err = run_cli("show", "stock", "--db", filled_store.path)
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 2 + len(lots)
    assert any("PT01-2026-R000002" in line and "男式羊毛衫" in line for line in out.splitlines())


def test_show_journal_lists_every_event_in_order(capsys, filled_store) -> None:
    events = show_json(capsys, "journal", filled_store.path)
    assert [e["seq"] for e in events] == list(range(1, filled_store.events + 1))
    assert set(events[0]) == {"seq", "at", "kind", "actor", "hash"}
    assert events[0]["kind"] == "store.initialised"
    kinds = [e["kind"] for e in events]
    assert kinds.count("stock.received") == 2 and kinds[-1] == "stock.counted"
    assert all(re.fullmatch(r"[0-9a-f]{64}", e["hash"]) for e in events)

    code, out, err = run_cli("show", "journal", "--db", filled_store.path)
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 2 + filled_store.events
    assert events[-1]["hash"][:16] in out.splitlines()[-1]


def test_show_donations_masks_people(capsys, demo_store) -> None:
    path = demo_store[0]
    donations = show_json(capsys, "donations", path)
    assert donations
    assert set(donations[0]) == {"id", "number", "received_at", "donor_kind", "donor", "lines", "units", "cash_fen",
                                 "total_value_fen", "receipt_number", "receipt_status"}
    assert all(re.fullmatch(r"JA01-\d{4}-D\d{6}", d["number"]) for d in donations)
    people = [d for d in donations if d["donor_kind"] == "person"]
    companies = [d for d in donations if d["donor_kind"] == "company"]
    assert people and companies
    assert all("*" in d["donor"] for d in people), "people's names are masked"
    assert all("*" not in d["donor"] and d["donor"].endswith("公司") for d in companies)

    code, out, err = run_cli("show", "donations", "--db", path)
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 2 + len(donations)
    for d in donations:
        assert d["number"] in out


def test_show_households_gives_masked_names_and_ids_only(capsys, services, manager, store_db, store_path) -> None:
    from datetime import date

    from charity_pos.services.households import HouseholdCategory, HouseholdDraft

    # valid to the end of next year by the real clock, which the command line reads the card's status on (the
    # services here run on the test's clock)
    until = date(this_year() + 1, 12, 31)
    services.households.register(manager, HouseholdDraft(
        "AX000001", "王建国", "11010519491231002X", 3, HouseholdCategory.DIBAO, "石门二路街道", "静民救〔2026〕001号",
        date(2026, 1, 1), until, date(2026, 1, 1)))
    store_db.close()
    households = show_json(capsys, "households", store_path)
    assert households == [{
        "id": households[0]["id"], "card_number": "AX000001", "head_name": "王**", "id_masked": "110105********002X",
        "members": 3, "category": "dibao", "subdistrict": "石门二路街道", "valid_from": "2026-01-01",
        "valid_to": until.isoformat(), "status": "active"}]
    code, table, err = run_cli("show", "households", "--db", store_path)
    assert (code, err) == (0, "")
    assert "王**" in table and "110105********002X" in table
    for shown in (json.dumps(households, ensure_ascii=False), table):
        assert "11010519491231002X" not in shown and "王建国" not in shown and "静民救" not in shown


def test_show_households_shows_a_lapsed_card_as_expired(capsys, services, manager, store_db, store_path) -> None:
    from datetime import date, timedelta

    from charity_pos.services.households import HouseholdCategory, HouseholdDraft

    today = datetime.now(STORE_TZ).date()
    lapsed = today - timedelta(days=1)
    for card, valid_to in (("AX000001", lapsed), ("AX000002", today)):
        services.households.register(manager, HouseholdDraft(
            card, "王建国", "11010519491231002X" if card.endswith("1") else "310101198001010018", 3,
            HouseholdCategory.DIBAO, "石门二路街道", "静民救〔2026〕001号", date(lapsed.year - 1, 1, 1), valid_to,
            date(lapsed.year - 1, 1, 1)))
    store_db.close()
    shown = {h["card_number"]: h["status"] for h in show_json(capsys, "households", store_path)}
    assert shown == {"AX000001": "expired", "AX000002": "active"}, "a card is valid through its last day"
    code, table, err = run_cli("show", "households", "--db", store_path, "--lang", "en")
    assert (code, err) == (0, "")
    lines = {line.split()[0]: line for line in table.splitlines() if line.startswith("AX")}
    assert lines["AX000001"].rstrip().endswith("expired") and lines["AX000002"].rstrip().endswith("active")
    code, table, err = run_cli("show", "households", "--db", store_path)
    assert [line.split()[-1] for line in table.splitlines() if line.startswith("AX")] == ["过期", "有效"]


def test_show_households_of_the_demo_has_no_whole_id_number(capsys, demo_store) -> None:
    path = demo_store[0]
    code, as_json, err = run_cli("show", "households", "--db", path, "--json")
    assert (code, err) == (0, "")
    code, table, err = run_cli("show", "households", "--db", path)
    assert (code, err) == (0, "")
    households = json.loads(as_json)
    assert len(households) == 56
    assert all(re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", h["id_masked"]) for h in households)
    assert all(re.fullmatch(r".\*+", h["head_name"]) for h in households)
    assert not FULL_ID.search(as_json) and not FULL_ID.search(table)
    assert len(table.splitlines()) == 2 + 56


def test_show_sales_shifts_and_handouts_of_the_demo(capsys, demo_store) -> None:
    path = demo_store[0]
    sales = show_json(capsys, "sales", path)
    assert sales and all(re.fullmatch(r"JA01-\d{4}-S\d{6}", s["number"]) for s in sales)
    assert {m for s in sales for m in s["methods"]} == {"cash", "wechat", "alipay", "unionpay", "voucher"}
    shifts = show_json(capsys, "shifts", path)
    assert shifts and all(s["closed_at"] for s in shifts[1:])
    handouts = show_json(capsys, "handouts", path)
    assert handouts and set(handouts[0]) == {"id", "number", "at", "card_number", "household_category", "period",
                                             "lines", "units", "total_value_fen", "over_allowance", "cashier"}
    assert all(re.fullmatch(r"JA01-\d{4}-H\d{6}", h["number"]) for h in handouts)
    code, table, err = run_cli("show", "handouts", "--db", path)
    assert (code, err) == (0, "")
    assert len(table.splitlines()) == 2 + len(handouts)
    assert not FULL_ID.search(table) and "*" not in table  # card numbers only: no names at all


def test_show_with_an_unknown_kind_is_a_usage_error(capsys, filled_store) -> None:
    code, out, err = run_cli("show", "customers", "--db", filled_store.path)
    assert code == 2 and out == "" and "Traceback" not in err
    assert "invalid choice: 'customers'" in err


# --- receipts and labels ---------------------------------------------------------
def test_receipt_is_issued_then_reprinted(capsys, demo_copy, tmp_path) -> None:
    donations = show_json(capsys, "donations", demo_copy)
    donation = next(d for d in donations if d["receipt_number"] is None)
    expected = next_receipt_number(demo_copy)
    out_pdf = tmp_path / "收据.pdf"

    code, out, err = run_cli("receipt", "--db", demo_copy, "--donation", donation["number"], "--out", out_pdf,
                         "--lang", "en")
    assert (code, err) == (0, "")
    assert out == f"Receipt {expected} issued to {out_pdf}.\n"
    assert out_pdf.read_bytes().startswith(b"%PDF")
    text = pdf_pages(out_pdf)[0]
    assert "捐赠收据" in text and expected in text and donation["number"] in text and "补打" not in text
    assert not list(tmp_path.glob("*.partial"))
    shown = {d["number"]: d for d in show_json(capsys, "donations", demo_copy)}
    assert shown[donation["number"]]["receipt_number"] == expected

    code, out, err = run_cli("receipt", "--db", demo_copy, "--donation", donation["number"], "--out", out_pdf)
    assert (code, err) == (0, "")
    assert out == f"收据 {expected} 已补打（第 1 次），保存到 {out_pdf}。\n"
    assert "补打" in pdf_pages(out_pdf)[0]
    following = f"{expected[:-6]}{int(expected[-6:]) + 1:06d}"
    assert next_receipt_number(demo_copy) == following, "a reprint takes no new number"
    assert sum(1 for d in show_json(capsys, "donations", demo_copy) if d["receipt_number"] == expected) == 1


def test_a_voided_receipt_is_written_marked_void(capsys, demo_copy, tmp_path) -> None:
    from charity_pos.demo.builder import MANAGER_PIN

    donation = next(d for d in show_json(capsys, "donations", demo_copy) if d["receipt_status"] == "issued")
    services = Services.open(demo_copy)
    try:
        manager = services.accounts.login("manager", MANAGER_PIN)
        services.receipts.void(manager, donation["receipt_number"], "金额写错")
    finally:
        services.close()
    before = dump(demo_copy)
    out_pdf = tmp_path / "作废.pdf"

    code, out, err = run_cli("receipt", "--db", demo_copy, "--donation", donation["number"], "--out", out_pdf,
                         "--lang", "en")
    assert (code, err) == (0, "")
    assert out == f"Receipt {donation['receipt_number']} is void; written marked 作废 to {out_pdf}.\n"
    text = pdf_pages(out_pdf)[0]
    assert "作废" in text and "金额写错" in text and donation["receipt_number"] in text
    assert dump(demo_copy) == before, "a voided receipt written again takes no number and counts no print"
    code, out, err = run_cli("receipt", "--db", demo_copy, "--donation", donation["number"], "--out", out_pdf)
    assert (code, err) == (0, "") and "作废" in out


@pytest.mark.parametrize(("template", "per_page"), [("a4-3x8", 24), ("thermal-40x30", 1)])
def test_labels_one_per_unit(capsys, demo_store, tmp_path, template, per_page) -> None:
    path = demo_store[0]
    donation = max(show_json(capsys, "donations", path), key=lambda d: d["units"])
    out_pdf = tmp_path / "labels.pdf"
    code, out, err = run_cli("labels", "--db", path, "--donation", donation["number"], "--template", template,
                         "--out", out_pdf, "--lang", "en")
    assert (code, err) == (0, "")
    assert out == f"{donation['units']} labels written to {out_pdf}.\n"
    assert out_pdf.read_bytes().startswith(b"%PDF")
    pages = len(pdf_pages(out_pdf))
    assert pages == -(-donation["units"] // per_page)
    assert files_in(tmp_path) == {"labels.pdf"}


# --- errors a user can cause ---------------------------------------------------
@pytest.mark.parametrize(
    "argv",
    [
        ["show", "items"],
        ["show", "households", "--json"],
        ["verify"],
        ["receipt", "--donation", "PT01-2026-D000001", "--out", "{tmp}/r.pdf"],
        ["labels", "--donation", "PT01-2026-D000001", "--template", "a4-3x8", "--out", "{tmp}/l.pdf"],
    ],
)
def test_a_missing_store_file_is_one_line_and_creates_nothing(capsys, tmp_path, argv) -> None:
    missing = tmp_path / "nowhere.db"
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    line = one_error_line(*run_cli(*argv, "--db", missing))
    assert line == f"错误：找不到门店数据库：{missing}。"
    line = one_error_line(*run_cli(*argv, "--db", missing, "--lang", "en"), english=True)
    assert line == f"Error: No store database at {missing}."
    assert files_in(tmp_path) == set()


@pytest.mark.parametrize("kind", ["items", "journal"])
def test_a_file_that_is_not_a_store_is_refused_untouched(capsys, tmp_path, kind) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库\n", encoding="utf-8")
    line = one_error_line(*run_cli("show", kind, "--db", path))
    assert line == f"错误：{path} 不是 charity-pos 门店数据库。"
    one_error_line(*run_cli("verify", "--db", path, "--lang", "en"), english=True)
    assert path.read_text(encoding="utf-8") == "这不是数据库\n"
    assert files_in(tmp_path) == {"notes.db"}


@pytest.fixture
def foreign_sqlite(tmp_path: Path) -> Path:
    """Someone else's SQLite database (rollback journal, as SQLite makes them)."""
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contact (name TEXT)")
    conn.execute("INSERT INTO contact VALUES ('张三')")
    conn.commit()
    conn.close()
    return path


def test_someone_elses_sqlite_database_is_refused(capsys, foreign_sqlite) -> None:
    line = one_error_line(*run_cli("show", "items", "--db", foreign_sqlite, "--lang", "en"), english=True)
    assert line == f"Error: {foreign_sqlite} is not a charity-pos store database."
    assert dump(foreign_sqlite) == ["BEGIN TRANSACTION;", "CREATE TABLE contact (name TEXT);",
                                    "INSERT INTO \"contact\" VALUES('张三');", "COMMIT;"]


def test_someone_elses_sqlite_database_is_not_changed_by_a_refusal(capsys, foreign_sqlite) -> None:
    # Not even switched to WAL mode (header bytes 18-19), which a plain
    # connection with charity-pos's PRAGMAs would do.
    before = foreign_sqlite.read_bytes()
    one_error_line(*run_cli("verify", "--db", foreign_sqlite))
    assert foreign_sqlite.read_bytes() == before


def test_someone_elses_sqlite_database_gets_no_lock_file_beside_it(capsys, foreign_sqlite) -> None:
    one_error_line(*run_cli("show", "items", "--db", foreign_sqlite))
    assert files_in(foreign_sqlite.parent) == {"contacts.db"}


def test_a_file_from_a_newer_version_is_refused_untouched(capsys, filled_store) -> None:
    conn = sqlite3.connect(filled_store.path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = dump(filled_store.path)
    for argv in (["show", "items"], ["verify"]):
        line = one_error_line(*run_cli(*argv, "--db", filled_store.path, "--lang", "en"), english=True)
        assert line == (f"Error: {filled_store.path} was written by a newer version of charity-pos "
                        "(schema 9999_from_the_future); please update the app.")
    assert dump(filled_store.path) == before


def test_messages_follow_the_language_in_settings(capsys, tmp_path) -> None:
    from charity_pos import config

    missing = tmp_path / "missing.db"
    assert one_error_line(*run_cli("verify", "--db", missing)).startswith("错误：")
    config.Settings(language="en").save()
    assert one_error_line(*run_cli("verify", "--db", missing), english=True) == (
        f"Error: No store database at {missing}.")
    assert one_error_line(*run_cli("verify", "--db", missing, "--lang", "zh_CN")).startswith("错误：")


def test_the_language_may_be_given_before_the_command_or_after_it(capsys, tmp_path) -> None:
    """``charity-pos --lang en verify ...`` answers in English as ``verify ... --lang en`` does (the command's
    own --lang, not given, once put the default back over it); given both, the command's own wins."""
    missing = tmp_path / "missing.db"
    english = f"Error: No store database at {missing}."
    assert one_error_line(*run_cli("--lang", "en", "verify", "--db", missing), english=True) == english
    assert one_error_line(*run_cli("--lang=en", "verify", "--db", missing), english=True) == english
    assert one_error_line(*run_cli("verify", "--db", missing, "--lang", "en"), english=True) == english
    assert one_error_line(*run_cli("--lang", "en", "verify", "--db", missing, "--lang", "zh_CN")).startswith("错误：")
    assert one_error_line(*run_cli("--lang", "en", "backup", "--db", missing), english=True) == english


@pytest.mark.parametrize("command", ["receipt", "labels"])
def test_an_unknown_donation_number_changes_nothing(capsys, demo_copy, tmp_path, command) -> None:
    out_pdf = tmp_path / "out.pdf"
    before = dump(demo_copy)
    extra = ["--template", "a4-3x8"] if command == "labels" else []
    line = one_error_line(*run_cli(command, "--db", demo_copy, "--donation", "JA01-2026-D999999",
                               "--out", out_pdf, *extra))
    assert line == "错误：找不到：JA01-2026-D999999。"
    line = one_error_line(*run_cli(command, "--db", demo_copy, "--donation", "JA01-2026-D999999",
                               "--out", out_pdf, *extra, "--lang", "en"), english=True)
    assert line == "Error: Not found: JA01-2026-D999999."
    assert not out_pdf.exists() and not list(tmp_path.glob("*.partial"))
    assert dump(demo_copy) == before


def test_a_missing_output_folder_uses_no_receipt_number(capsys, demo_copy, tmp_path) -> None:
    donation = next(d for d in show_json(capsys, "donations", demo_copy) if d["receipt_number"] is None)
    expected = next_receipt_number(demo_copy)
    before = dump(demo_copy)
    nowhere = tmp_path / "no-such-folder"
    for argv in (["receipt"], ["labels", "--template", "thermal-40x30"]):
        code, out, err = run_cli(*argv, "--db", demo_copy, "--donation", donation["number"],
                             "--out", nowhere / "x.pdf", "--lang", "en")
        assert one_error_line(code, out, err, english=True) == f"Error: The folder {nowhere} does not exist."
        assert one_error_line(*run_cli(*argv, "--db", demo_copy, "--donation", donation["number"],
                                   "--out", nowhere / "x.pdf")) == f"错误：文件夹 {nowhere} 不存在。"
    assert not nowhere.exists()
    assert dump(demo_copy) == before, "no receipt issued, no print counted"
    code, out, err = run_cli("receipt", "--db", demo_copy, "--donation", donation["number"],
                         "--out", tmp_path / "r.pdf", "--lang", "en")
    assert code == 0 and expected in out, "the next receipt gets the number the failed one did not use"


@pytest.mark.parametrize("template", ["a5", "A4-3X8", ""])
def test_a_bad_label_template_is_a_usage_error(capsys, demo_store, tmp_path, template) -> None:
    path = demo_store[0]
    donation = show_json(capsys, "donations", path)[0]["number"]
    code, out, err = run_cli("labels", "--db", path, "--donation", donation, "--template", template,
                         "--out", tmp_path / "l.pdf")
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.rstrip().splitlines()[-1].endswith(
        f"argument --template: invalid choice: '{template}' (choose from 'a4-3x8', 'thermal-40x30')")
    assert files_in(tmp_path) == set()


def test_a_store_open_in_another_copy_is_refused(capsys, filled_store, tmp_path) -> None:
    before = dump(filled_store.path)
    holder = Services.open(filled_store.path)
    try:
        for argv in (["show", "items"], ["show", "households"], ["show", "journal", "--json"], ["verify"],
                     ["receipt", "--donation", "PT01-2026-D000001", "--out", tmp_path / "r.pdf"],
                     ["labels", "--donation", "PT01-2026-D000001", "--template", "a4-3x8", "--out", tmp_path / "l.pdf"]):
            line = one_error_line(*run_cli(*argv, "--db", filled_store.path))
            assert line == f"错误：{filled_store.path} 正被另一个运行中的 charity-pos 使用，请先关闭那一个。"
        line = one_error_line(*run_cli("verify", "--db", filled_store.path, "--lang", "en"), english=True)
        assert line == (f"Error: {filled_store.path} is open in another running copy of charity-pos; "
                        "close that one first.")
        assert holder.catalog.count() == 3, "the copy holding the file goes on working"
    finally:
        holder.close()
    assert dump(filled_store.path) == before
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "l.pdf").exists()
    code, out, err = run_cli("verify", "--db", filled_store.path)
    assert code == 0, "once the other copy closes, the file opens"


# --- the installed entry point ----------------------------------------------------
def entry(*argv: object) -> subprocess.CompletedProcess[str]:
    assert ENTRY_POINT.exists(), f"the console script is not installed at {ENTRY_POINT}"
    return subprocess.run([str(ENTRY_POINT), *map(str, argv)], capture_output=True, text=True, encoding="utf-8",
                          timeout=60)


def test_entry_point_creates_and_lists_a_store(tmp_path) -> None:
    path = tmp_path / "store.sqlite3"
    done = entry("init", "--db", path, "--store-code", "JA02", "--name", "静安区南京西路街道慈善超市",
                 "--district", "静安区", "--manager-pin", "9876", "--lang", "en")
    assert (done.returncode, done.stderr) == (0, "")
    first, second = done.stdout.splitlines()
    assert first == f"Created store JA02 in {path}. Log in as “manager” with the PIN you chose."
    assert second.startswith("The store's key file is ") and "keep a copy apart from the backups" in second
    done = entry("show", "journal", "--db", path, "--json")
    assert done.returncode == 0
    kinds = [e["kind"] for e in json.loads(done.stdout)]
    assert kinds == ["store.initialised", "user.created"]
    done = entry("init", "--db", path, "--store-code", "JA02", "--name", "x", "--district", "y",
                 "--manager-pin", "9876")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == f"错误：{path} 已存在；新建门店需要一个新文件。\n"


def test_entry_point_errors_are_one_line_without_traceback(tmp_path) -> None:
    missing = tmp_path / "missing.db"
    done = entry("show", "items", "--db", missing)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"错误：找不到门店数据库：{missing}。\n"
    done = entry("labels", "--db", missing, "--donation", "X", "--template", "a5", "--out", tmp_path / "l.pdf")
    assert done.returncode == 2 and "Traceback" not in done.stderr and "invalid choice: 'a5'" in done.stderr
    assert files_in(tmp_path) == set()


def test_show_never_prints_a_control_character_raw(capsys, services, manager, store_db, store_path) -> None:
    from datetime import date

    from charity_pos.services.households import HouseholdCategory, HouseholdDraft

    for card, name, number in (("AX000001", "\x1b[2J王建国", "11010519491231002X"),
                               ("AX000002", "\x9b李\u202e", "110105194912310021")):
        try:
            services.households.register(manager, HouseholdDraft(
                card, name, number, 3, HouseholdCategory.DIBAO, "石门二路\x07街道", "静民救〔2026〕001号",
                date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1)))
        except Exception:  # noqa: BLE001 - a registry that refuses such names is just as safe
            pass
    store_db.close()
    code, as_json, err = run_cli("show", "households", "--db", store_path, "--json")
    assert (code, err) == (0, "")
    code, table, err = run_cli("show", "households", "--db", store_path)
    assert (code, err) == (0, "")
    for text in (as_json, table):
        assert not any(c in text for c in "\x1b\x9b\u202e\x07"), text
    shown = json.loads(as_json)
    assert shown and {h["subdistrict"] for h in shown} == {"石门二路\x07街道"}, "the same values, written safely"
    assert "\\x1b" in table and "\\u001b" in as_json
