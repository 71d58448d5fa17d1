"""Consigned goods on the command line: consignors registered and listed, a
consignor's settlement of a month printed and written as an A4 PDF with
both sides' signature lines and as a workbook; a bad credit code, an unknown
consignor, a malformed month or one to come, and a wrong --pdf/--xlsx path
each refused in one line with nothing written, the store's own files never."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from charity_pos.services.catalog import Source
from charity_pos.services.consignment import ConsignedLine, ConsignmentService, ConsignorDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from tests.helpers import compact, pdf_text, run_cli
from tests.services.test_consignment import CO_OP, WORKSHOP
from tests.test_cli import dump, one_error_line

TILL = "1号收银台"


@pytest.fixture
def shop(services, manager, cashier, make_item, clock, tmp_path: Path) -> SimpleNamespace:
    """A cooperative whose coffee came in (20 at ¥18.00 owed) and sold (3), then the store closed."""
    consign = ConsignmentService(services.ctx, services.accounts)
    coffee = make_item("云南小粒咖啡豆 500g", category="other", unit="袋", price=3800, source=Source.CONSIGNED)
    who = consign.add_consignor(manager, ConsignorDraft("澜沧县扶贫农产品专业合作社", CO_OP, bank="农行澜沧支行"))
    consign.receive(manager, who.ids[0], [ConsignedLine(coffee.id, 20, 1800)])
    services.shifts.open(cashier, TILL, 20000)
    services.sales.complete(cashier, SaleDraft(uuid.uuid4(), TILL, (LineDraft(coffee.id, 3),),
                                               (PaymentDraft("cash", 3 * 3800),)))
    path = services.db.path
    services.close()
    return SimpleNamespace(db=path, tmp=tmp_path)


def test_consignors_are_added_and_listed(shop) -> None:
    code, out, err = run_cli("consignor", "add", "--db", shop.db, "--name", " 石门二路街道阳光之家 ",
                             "--credit-code", WORKSHOP.lower(), "--contact", "周慧敏", "--phone", "13916052278",
                             lang="en")
    assert (code, err) == (0, "") and out == f"Consignor 石门二路街道阳光之家 ({WORKSHOP}) registered.\n"
    code, out, err = run_cli("consignor", "list", "--db", shop.db, "--json")
    listed = {row["name"]: row for row in json.loads(out)}
    assert listed["石门二路街道阳光之家"] == {"name": "石门二路街道阳光之家", "credit_code": WORKSHOP, "contact": "周慧敏",
                                      "phone": "139****2278", "bank": "", "notes": "", "active": True}
    code, out, _ = run_cli("consignor", "list", "--db", shop.db, lang="en")
    assert code == 0 and f"{CO_OP}  澜沧县扶贫农产品专业合作社" in out


def test_a_bad_or_taken_credit_code_is_refused_in_one_line(shop) -> None:
    before = dump(shop.db)
    for credit, says in ((WORKSHOP[:17] + ("0" if WORKSHOP[17] != "0" else "1"), "check character"),
                         ("ABC", "18 digits or capital letters"), (CO_OP, "already taken")):
        code, out, err = run_cli("consignor", "add", "--db", shop.db, "--name", "某合作社", "--credit-code", credit,
                                 lang="en")
        assert says in one_error_line(code, out, err, english=True)
    assert dump(shop.db) == before


def test_the_settlement_prints_and_writes_a_pdf_to_sign_and_a_workbook(shop) -> None:
    pdf, xlsx = shop.tmp / "结算单.pdf", shop.tmp / "结算单.xlsx"
    code, out, err = run_cli("consignment", "settlement", "--db", shop.db, "--consignor", CO_OP.lower(),
                             "--month", "2026-03", "--pdf", pdf, "--xlsx", xlsx, lang="en")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Settlement of 澜沧县扶贫农产品专业合作社 for 2026-03: ¥54.00 owed for 3 units sold."
    assert lines[1] == ("  云南小粒咖啡豆 500g  ¥18.00  opening 0, received 20, sold 3, returned 0, "
                        "written off or other 0, closing 17")
    assert lines[2:] == [f"Written to {pdf}.", f"Written to {xlsx}."]
    text = compact(pdf_text(pdf))
    for words in ("代销商品月度结算单", "澜沧县扶贫农产品专业合作社", CO_OP, "农行澜沧支行", "期间：2026-03-01至2026-03-31",
                  "¥54.00", "门店经办人（签字）", "委托方代表（签字）", "第1页/共1页"):
        assert words in text, words
    book = openpyxl.load_workbook(xlsx)
    sheet = book[book.sheetnames[1]]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_row=4)]
    assert rows[0][:7] == ["商品", "单位", "结算价", "期初结存", "本月收货", "本月售出", "应付金额"]
    assert rows[1][:7] == ["云南小粒咖啡豆 500g", "袋", 18, 0, 20, 3, 54]
    assert any("委托方代表（签字）" in str(c.value) for row in book[book.sheetnames[0]].iter_rows() for c in row)
    # written again over its own files without --force
    code, _, err = run_cli("consignment", "settlement", "--db", shop.db, "--consignor", CO_OP, "--month", "2026-03",
                           "--pdf", pdf, "--xlsx", xlsx)
    assert (code, err) == (0, "")


@pytest.mark.parametrize(("argv", "says"), [
    (["--consignor", "无此合作社", "--month", "2026-03"], "No consignor is called"),
    (["--consignor", CO_OP, "--month", "2026-3"], "is not a month"),
    (["--consignor", CO_OP, "--month", "2026-13"], "is not a month"),
    (["--consignor", CO_OP, "--month", "2099-01"], "2099-01 has not begun yet"),
])
def test_bad_settlement_requests_are_refused_in_one_line(shop, argv, says) -> None:
    code, out, err = run_cli("consignment", "settlement", "--db", shop.db, *argv, "--pdf", shop.tmp / "s.pdf",
                             lang="en")
    assert says in one_error_line(code, out, err, english=True)
    assert not (shop.tmp / "s.pdf").exists()


def test_a_wrong_output_never_destroys_the_store_nor_half_writes(shop) -> None:
    before = shop.db.read_bytes()
    someone = shop.tmp / "someone.pdf"
    someone.write_bytes(b"%PDF-1.4 not ours")
    for flag, target, says in (("--pdf", shop.db, "store's database"), ("--xlsx", shop.db, "store's database"),
                               ("--pdf", shop.tmp / "x.xlsx", "has another ending"),
                               ("--xlsx", shop.tmp / "missing" / "s.xlsx", "does not exist"),
                               ("--pdf", someone, "was not written by charity-pos")):
        code, out, err = run_cli("consignment", "settlement", "--db", shop.db, "--consignor", CO_OP,
                                 "--month", "2026-03", flag, target, "--xlsx" if flag == "--pdf" else "--pdf",
                                 shop.tmp / ("fine.xlsx" if flag == "--pdf" else "fine.pdf"), lang="en")
        assert says in one_error_line(code, out, err, english=True), (flag, target)
        assert not (shop.tmp / "fine.xlsx").exists() and not (shop.tmp / "fine.pdf").exists(), "both or neither"
    assert shop.db.read_bytes() == before and someone.read_bytes() == b"%PDF-1.4 not ours"
