"""Stock counts on the command line: start (one open count over the same
goods), the count sheets as a PDF (no book quantities on them), scans as the
till reads them (``12*``), a recount, a reason, the variance as text, JSON
and .xlsx, the finish, a cancel; refusals print one line and change nothing;
the file still verifies afterwards."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from tests.helpers import one_error_line, pdf_text, run_cli, this_year

RICE = "6901234567892"


@pytest.fixture
def shop(services, manager, make_item, tmp_path: Path) -> SimpleNamespace:
    """Rice (shelf A-01, 20 bags) and oil (A-02, 12), then the store closed."""
    rice = make_item("东北大米 5kg", barcode=RICE, price=3290)
    oil = make_item("金龙鱼调和油 1.8L", unit="桶", price=2590)
    for item, shelf in ((rice, "A-01"), (oil, "A-02")):
        services.catalog.update_item(manager, item.id, replace(item.draft(), location=shelf))
    services.stock.receive(manager, {rice.id: 20, oil.id: 12})
    oil_code = services.catalog.get(oil.id).barcode
    path = services.db.path
    services.close()
    return SimpleNamespace(db=path, oil=oil_code, tmp=tmp_path)


def test_a_whole_count_on_the_command_line(shop) -> None:
    number = f"PT01-{this_year()}-C000001"
    code, out, _ = run_cli("count", "start", "--db", shop.db, "--all", lang="en")
    assert (code, out.strip()) == (0, f"Count {number} started.")
    code, out, err = run_cli("count", "start", "--db", shop.db, "--location", "A-01", lang="en")
    assert "still open" in one_error_line(code, out, err, english=True)

    sheet = shop.tmp / "sheet.pdf"
    assert run_cli("count", "sheet", "--db", shop.db, "--count", number, "--out", sheet)[0] == 0
    text = pdf_text(sheet)
    assert "盘点表" in text and number in text and "第 1 页 / 共 1 页" in text and "复核人" in text
    assert text.index("东北大米") < text.index("金龙鱼"), "by shelf: A-01 before A-02"
    # dates and document numbers hold "20" (2026-12-20, PT01-2027-...); quantities stand alone
    figures = re.sub(r"\d{4}-\d{2}-\d{2}|[A-Z]{2}\d{2}-\d{4}-[A-Z]\d{6}", " ", text)
    assert re.findall(r"(?<![\d.])\d+(?![\d.])", figures) and not re.search(r"(?<!\d)20(?!\d)", figures), \
        "no book quantity on a blind count sheet"

    code, out, _ = run_cli("count", "add", "--db", shop.db, "--count", number, RICE, f"12*{RICE}", lang="en")
    assert out.splitlines() == ["东北大米 5kg: +1, 1 counted.", "东北大米 5kg: +12, 13 counted."]
    code, out, err = run_cli("count", "add", "--db", shop.db, "--count", number, f"99999999*{RICE}", lang="en")
    assert "Quantity is too large" in one_error_line(code, out, err, english=True)
    run_cli("count", "add", "--db", shop.db, "--count", number, "--till", "2号收银台", f"12*{shop.oil}")

    code, out, err = run_cli("count", "finish", "--db", shop.db, "--count", number, lang="en")
    assert "need a recount or a manager's reason" in one_error_line(code, out, err, english=True)
    assert run_cli("count", "explain", "--db", shop.db, "--count", number, RICE, "--reason", "破袋报废")[0] == 0

    code, out, _ = run_cli("count", "variance", "--db", shop.db, "--count", number, "--json")
    lines = {line["name"]: line for line in json.loads(out)["lines"]}
    assert (lines["东北大米 5kg"]["counted"], lines["东北大米 5kg"]["expected"],
            lines["东北大米 5kg"]["difference"], lines["东北大米 5kg"]["state"]) == (13, 20, -7, "explained")
    assert lines["金龙鱼调和油 1.8L"]["tills"] == ["2号收银台"]
    book = shop.tmp / "variance.xlsx"
    assert run_cli("count", "variance", "--db", shop.db, "--count", number, "--out", book)[0] == 0
    sheet_rows = list(openpyxl.load_workbook(book).active.iter_rows(values_only=True))
    assert any(row and "东北大米 5kg" in row and -7 in row for row in sheet_rows)

    code, out, _ = run_cli("count", "finish", "--db", shop.db, "--count", number, lang="en")
    assert (code, out.strip()) == (0, f"Count {number} finished: 1 item(s) changed.")
    code, out, err = run_cli("count", "add", "--db", shop.db, "--count", number, RICE, lang="en")
    assert "is finished" in one_error_line(code, out, err, english=True)
    assert run_cli("verify", "--db", shop.db)[0] == 0


def test_a_cancelled_count_and_an_unknown_code(shop) -> None:
    run_cli("count", "start", "--db", shop.db, "--location", "a-01")
    number = f"PT01-{this_year()}-C000001"
    code, out, err = run_cli("count", "add", "--db", shop.db, "--count", number, "6900000000007", lang="en")
    assert "No item has barcode 6900000000007" in one_error_line(code, out, err, english=True)
    code, out, err = run_cli("count", "add", "--db", shop.db, "--count", number, shop.oil, lang="en")
    assert "not among the goods count" in one_error_line(code, out, err, english=True)
    run_cli("count", "none", "--db", shop.db, "--count", number, RICE)
    code, out, _ = run_cli("count", "cancel", "--db", shop.db, "--count", number, "--reason", "停电", lang="en")
    assert out.strip() == f"Count {number} cancelled; nothing changed."
    code, out, _ = run_cli("count", "list", "--db", shop.db, "--json")
    assert [(c["number"], c["status"], c["note"]) for c in json.loads(out)] == [(number, "cancelled", "停电")]
    code, out, _ = run_cli("show", "stock", "--db", shop.db, "--json")
    assert sorted(row["on_hand"] for row in json.loads(out)) == [12, 20]
    assert run_cli("verify", "--db", shop.db)[0] == 0
