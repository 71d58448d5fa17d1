"""The merchant bill on the command line: import a WeChat Pay or Alipay
bill, import it again (nothing added), refuse a file that is not a bill with
one line and nothing written, and show a day's payments matched, on the bill
only and at the counter only, as text and as JSON."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest

from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from tests.helpers import run_cli
from tests.services.bill_samples import Row, alipay_bill, wechat_bill
from tests.test_cli import dump, one_error_line

TILL = "1号收银台"


@pytest.fixture
def shop(services, manager, cashier, make_item, clock, tmp_path: Path) -> SimpleNamespace:
    """Two phone sales at 10:00 (WeChat Pay, scanned) and 10:30 (Alipay), then the store closed."""
    rice = make_item("东北大米 5kg", barcode="6901234567892", price=3290)
    services.stock.receive(manager, {rice.id: 10})
    services.shifts.open(cashier, TILL, 20000)
    numbers = []
    for method, reference in (("wechat", "1345****6789"), ("alipay", "2876****4321")):
        draft = SaleDraft(uuid.uuid4(), TILL, (LineDraft(rice.id, 1),), (PaymentDraft(method, 3290, reference),))
        numbers.append(services.sales.complete(cashier, draft).number)
        clock.advance(minutes=30)
    path = services.db.path
    services.close()
    bill = tmp_path / "微信支付交易账单20260310.csv"
    bill.write_bytes(wechat_bill([
        Row("2026-03-10 10:00:20", "4200001234202603101111111111", "32.90", order="134567890123456789"),
        Row("2026-03-10 14:00:00", "4200001234202603102222222222", "8.00")]))
    return SimpleNamespace(db=path, bill=bill, numbers=numbers, tmp=tmp_path)


def test_import_then_again_then_show(shop, capsys) -> None:
    code, out, err = run_cli("bill", "import", "--db", shop.db, shop.bill, "--lang", "en")
    assert (code, err) == (0, "")
    assert out == f"WeChat Pay bill {shop.bill} (2026-03-10): 2 lines imported, 0 already there.\n"
    before = dump(shop.db)
    code, out, err = run_cli("bill", "import", "--db", shop.db, shop.bill, "--lang", "en")
    assert code == 0 and out.endswith(": 0 lines imported, 2 already there.\n")
    assert dump(shop.db) == before
    code, out, err = run_cli("bill", "show", "--db", shop.db, "--date", "2026-03-10", "--lang", "en")
    assert (code, err) == (0, "")
    wechat, alipay = shop.numbers
    assert out.splitlines() == [
        "2026-03-10: the bill shows ¥40.90, the counter took ¥65.80 by phone.",
        "Matched (1):",
        f"  {wechat}  WeChat Pay  payment  ¥32.90  10:00  10:00  4200001234202603101111111111",
        "On the bill, no sale (1):",
        "  WeChat Pay  payment  ¥8.00  14:00  4200001234202603102222222222",
        "Sales and returns not on the bill (1):",
        f"  {alipay}  Alipay  payment  ¥32.90  10:30  2876****4321",
    ]
    code, out, err = run_cli("bill", "show", "--db", shop.db, "--date", "2026-03-10", "--json")
    data = json.loads(out)
    assert [m["sale"] for m in data["matched"]] == [wechat] and data["matched"][0]["how"] == "code"
    assert [b["amount_fen"] for b in data["bill_only"]] == [800]
    assert [p["sale"] for p in data["sales_only"]] == [alipay]
    assert "134567890123456789" not in "".join(dump(shop.db)), "the bill's payment code is kept masked"


def test_alipay_bill_in_gbk(shop, capsys) -> None:
    bill = shop.tmp / "支付宝业务明细.csv"
    bill.write_bytes(alipay_bill([Row("2026-03-10 10:30:40", "2026031022001412345678901234", "32.90")]))
    code, out, _ = run_cli("bill", "import", "--db", shop.db, bill)
    assert code == 0 and out == f"支付宝账单 {bill}（2026-03-10）：导入 1 行，已有 0 行。\n"
    code, out, _ = run_cli("bill", "show", "--db", shop.db, "--date", "2026-03-10", "--json")
    assert [m["sale"] for m in json.loads(out)["matched"]] == [shop.numbers[1]]


@pytest.mark.parametrize(("content", "says"), [
    ("卡号,姓名\nJA0001,张三\n".encode(), "不是微信支付或支付宝的商户对账单"),
    (b"\x00\x01\x02garbage", "不是 UTF-8 或 GBK 编码的文本"),
])
def test_a_file_that_is_not_a_bill_is_refused_in_one_line(shop, capsys, content: bytes, says: str) -> None:
    bad = shop.tmp / "bad.csv"
    bad.write_bytes(content)
    before = dump(shop.db)
    line = one_error_line(*run_cli("bill", "import", "--db", shop.db, bad))
    assert says in line
    assert dump(shop.db) == before


def test_a_missing_file_and_a_bad_date(shop, capsys) -> None:
    line = one_error_line(*run_cli("bill", "import", "--db", shop.db, shop.tmp / "none.csv"))
    assert "none.csv 不存在" in line
    one_error_line(*run_cli("bill", "show", "--db", shop.db, "--date", "10/03/2026"))
