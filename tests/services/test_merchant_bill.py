"""Reconciling phone payments with the merchant bill, as the manager sees
it: each payment on WeChat Pay's or Alipay's bill matched to a sale, what is
on one side only, the same file imported twice adding nothing, a file that
is not a bill refused with nothing written, a cashier refused, and the file
still verifying with the bill's lines in its journal."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from charity_pos.db.merchant_bill import MerchantBillLine
from charity_pos.errors import MerchantBillRefused, PermissionDenied
from charity_pos.ledger.verify import verify
from charity_pos.services.base import Actor
from charity_pos.services.merchant_bill import MerchantBillService
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from tests.services.bill_samples import Row, alipay_bill, wechat_bill

TILL = "1号收银台"
DAY = date(2026, 3, 10)  # the clock starts at 10:00 in Shanghai on this day
WX_CODE_A, WX_CODE_B = "134567890123456789", "101112131415161718"
ALI_CODE = "2876543210987654321"


@pytest.fixture
def bills(services: Services) -> MerchantBillService:
    return MerchantBillService(services.ctx, services.accounts)


@pytest.fixture
def rice(services: Services, manager: Actor, make_item):
    item = make_item("东北大米 5kg", barcode="6901234567892", price=3290)
    services.stock.receive(manager, {item.id: 50})
    return item


def sell(services: Services, cashier: Actor, item, quantity: int, method: str, reference: str) -> str:
    total = item.sale_price_fen * quantity
    draft = SaleDraft(uuid.uuid4(), TILL, (LineDraft(item.id, quantity),), (PaymentDraft(method, total, reference),))
    return services.sales.complete(cashier, draft).number or ""


def mask(code: str) -> str:
    return code[:4] + "****" + code[-4:]


@pytest.fixture
def day_of_sales(services, cashier, rice, clock):
    """10:00 WeChat ¥32.90 (code A), 10:20 WeChat ¥32.90 (code B), 10:40 Alipay ¥65.80,
    11:00 WeChat ¥98.70 with a transaction number typed in, 11:30 cash."""
    services.shifts.open(cashier, TILL, 20000)
    numbers = []
    for minutes, qty, method, ref in ((0, 1, "wechat", mask(WX_CODE_A)), (20, 1, "wechat", mask(WX_CODE_B)),
                                      (20, 2, "alipay", mask(ALI_CODE)),
                                      (20, 3, "wechat", "4200001234202603109999999999"), (30, 1, "cash", "")):
        clock.advance(minutes=minutes)
        numbers.append(sell(services, cashier, rice, qty, method, ref))
    return numbers


def test_each_bill_payment_is_matched_to_its_sale_and_the_rest_is_shown_on_its_side(
        services, bills, manager, day_of_sales, events) -> None:
    a, b, ali, typed, _cash = day_of_sales
    wechat = wechat_bill([
        # B first on the bill, two minutes after the sale; the bill carries neither code
        Row("2026-03-10 10:22:05", "4200001234202603101111111111", "32.90"),
        # A, with the terminal's order number holding the scanned code
        Row("2026-03-10 10:01:40", "4200001234202603102222222222", "32.90", order=WX_CODE_A),
        # the payment whose transaction number the cashier typed in, 25 minutes late
        Row("2026-03-10 11:25:00", "4200001234202603109999999999", "98.70"),
        # paid at the terminal with no sale at the counter
        Row("2026-03-10 15:00:00", "4200001234202603103333333333", "12.00"),
        # a refund
        Row("2026-03-10 16:00:00", "4200001234202603104444444444", "5.00", refund="50300001"),
    ])
    before = events(services)
    result = bills.import_bytes(manager, wechat, "微信对账单.csv")
    assert (result.method, result.added, result.already, result.days) == ("wechat", 5, 0, (DAY,))
    assert events(services) == before + 1
    seen = bills.reconcile(manager, DAY)
    assert [(m.payment.sale_number, m.bill.transaction_no[-4:], m.how) for m in seen.matched] == [
        (a, "2222", "code"), (b, "1111", "time"), (typed, "9999", "reference")]
    assert [(line.kind, line.amount_fen) for line in seen.bill_only] == [("payment", 1200), ("refund", 500)]
    assert [(p.sale_number, p.method, p.amount_fen) for p in seen.counter_only] == [(ali, "alipay", 6580)]
    assert seen.bill_fen == 3290 * 2 + 9870 + 1200 and seen.counter_fen == 3290 * 2 + 9870 + 6580

    bills.import_bytes(manager, alipay_bill([
        Row("2026-03-10 10:40:30", "2026031022001412345678901234", "65.80", note=f"付款码{mask(ALI_CODE)}")]),
        "支付宝业务明细.csv")
    seen = bills.reconcile(manager, DAY)
    assert (ali, "code") in [(m.payment.sale_number, m.how) for m in seen.matched]
    assert seen.counter_only == ()
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


def test_masks_that_differ_never_match_even_at_the_same_amount_and_time(
        services, bills, manager, day_of_sales) -> None:
    a, *_ = day_of_sales
    bills.import_bytes(manager, wechat_bill([
        Row("2026-03-10 10:00:30", "4200001234202603105555555555", "32.90", order="109876543210987654")]), "w.csv")
    seen = bills.reconcile(manager, DAY)
    assert a not in [m.payment.sale_number for m in seen.matched]
    assert seen.bill_only[0].code_mask == "1098****7654"


def test_a_payment_beyond_the_window_is_not_matched(services, bills, manager, day_of_sales) -> None:
    bills.import_bytes(manager, wechat_bill([Row("2026-03-10 10:11:00", "4200001234202603106666666666", "32.90")]),
                       "w.csv")  # 11 minutes after A, 9 before B: B
    seen = bills.reconcile(manager, DAY)
    assert [(m.payment.sale_number, m.how) for m in seen.matched] == [(day_of_sales[1], "time")]


def test_importing_the_same_file_twice_adds_nothing(services, bills, manager, events) -> None:
    data = wechat_bill([Row("2026-03-10 10:22:05", "4200001234202603101111111111", "32.90"),
                        Row("2026-03-10 11:00:00", "4200001234202603101111111111", "5.00", refund="503001")])
    assert bills.import_bytes(manager, data, "w.csv").added == 2
    before = events(services)
    again = bills.import_bytes(manager, data, "w.csv")
    assert (again.added, again.already, again.changes.event_seq) == (0, 2, None)
    assert events(services) == before
    with services.db.read() as s:
        assert len(s.scalars(select(MerchantBillLine)).all()) == 2


def test_amounts_in_yuan_become_fen_exactly(bills, manager) -> None:
    bills.import_bytes(manager, wechat_bill([Row("2026-03-10 12:00:00", "4200000000000000000000000001", "0.29"),
                                             Row("2026-03-10 12:00:01", "4200000000000000000000000002", "1234.57")]),
                       "w.csv")
    assert [line.amount_fen for line in bills.reconcile(manager, DAY).bill_only] == [29, 123457]


def _garbage() -> dict[str, tuple[bytes, str]]:
    good = wechat_bill([Row("2026-03-10 10:22:05", "4200001234202603101111111111", "32.90")])
    return {
        "household list": ("卡号,姓名,身份证号\nJA0001,张三,310101194901010011\n".encode(), "not_a_bill"),
        "empty": (b"", "not_a_bill"),
        "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "encoding"),
        "not text": (bytes(range(0x80, 0x100)) * 4, "encoding"),
        "a bill with no rows": (wechat_bill([]), "no_payments"),
        "a third of a yuan": (good.replace(b"`32.90,`0.00,`", b"`32.905,`0.00,`"), "bad_row"),
        "a negative amount": (good.replace("`0.20%,`32.90".encode(), "`0.20%,`-32.90".encode()), "bad_row"),
        "Infinity": (good.replace("`0.20%,`32.90".encode(), "`0.20%,`Infinity".encode()), "bad_row"),
        "a time that is not one": (good.replace(b"2026-03-10 10:22:05", b"2026-03-32 10:22:05"), "bad_row"),
        "a cut row": (good.split(b"\r\n")[0] + b"\r\n" + good.split(b"\r\n")[1][:80] + b"\r\n", "bad_row"),
        "Alipay with a word for an amount": (alipay_bill([Row("2026-03-10 10:40:30", "2026031022001412345678901234",
                                                     "abc")]), "bad_row"),
    }


@pytest.mark.parametrize("case", list(_garbage()))
def test_a_file_that_is_not_a_bill_is_refused_and_writes_nothing(services, bills, manager, events, case) -> None:
    data, reason = _garbage()[case]
    before = events(services)
    with pytest.raises(MerchantBillRefused) as refused:
        bills.import_bytes(manager, data, "bill.csv")
    assert refused.value.facts["reason"] == reason
    assert events(services) == before
    with services.db.read() as s:
        assert s.scalars(select(MerchantBillLine)).all() == []


def test_one_bad_row_refuses_the_whole_file(services, bills, manager) -> None:
    data = wechat_bill([Row("2026-03-10 10:22:05", "4200001234202603101111111111", "32.90"),
                        Row("2026-03-10 10:23:05", "4200001234202603101111111112", "3x.00")])
    with pytest.raises(MerchantBillRefused) as refused:
        bills.import_bytes(manager, data, "bill.csv")
    assert refused.value.facts["line"] == 3 and refused.value.facts["field"] == "订单金额"
    assert bills.reconcile(manager, DAY).bill_only == ()


def test_a_missing_file_a_folder_a_pipe_and_a_huge_file_are_refused_unread(bills, manager, tmp_path) -> None:
    import os

    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)  # reading it would wait for ever
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:
        out.truncate(20 * 1024 * 1024 + 1)
    for path, reason in ((tmp_path / "nowhere.csv", "missing"), (tmp_path, "not_a_bill"), (pipe, "not_a_bill"),
                         (huge, "too_large")):
        with pytest.raises(MerchantBillRefused) as refused:
            bills.import_file(manager, path)
        assert refused.value.facts["reason"] == reason


def test_a_stray_quote_is_refused_as_not_a_bill(bills, manager) -> None:
    with pytest.raises(MerchantBillRefused) as refused:
        bills.import_bytes(manager, b'"' + b"x" * 200_000, "bill.csv")
    assert refused.value.facts["reason"] == "not_a_bill"


def test_a_cashier_may_neither_import_nor_see_the_reconciliation(services, bills, cashier, manager) -> None:
    data = wechat_bill([Row("2026-03-10 10:22:05", "4200001234202603101111111111", "32.90")])
    with pytest.raises(PermissionDenied):
        bills.import_bytes(cashier, data, "w.csv")
    with pytest.raises(PermissionDenied):
        bills.reconcile(cashier, DAY)
    # a cashier claiming to be a manager is refused too: the role is read from the database
    with pytest.raises(Exception) as claimed:
        bills.import_bytes(Actor(cashier.user_id, cashier.username, "manager"), data, "w.csv")  # type: ignore[arg-type]
    assert type(claimed.value).__name__ == "RoleChanged"
    assert bills.reconcile(manager, DAY).bill_only == ()


def test_a_payment_code_on_the_bill_is_kept_only_as_its_mask(services, bills, manager) -> None:
    bills.import_bytes(manager, wechat_bill([
        Row("2026-03-10 10:01:40", "4200001234202603102222222222", "32.90", order=WX_CODE_A,
            note=f"code {WX_CODE_B}"),
        Row("2026-03-10 10:02:40", "4200001234202603102222222223", "32.90", order=f"POS1-{WX_CODE_B}")]), "w.csv")
    orders = sorted((line.merchant_order_no, line.code_mask) for line in bills.reconcile(manager, DAY).bill_only)
    assert orders == [(mask(WX_CODE_A), mask(WX_CODE_A)), (f"POS1-{mask(WX_CODE_B)}", mask(WX_CODE_B))]
    with services.db.engine.connect() as conn:
        dump = "\n".join(str(row) for row in conn.exec_driver_sql("SELECT * FROM merchant_bill_line"))
        dump += "\n".join(str(row) for row in conn.exec_driver_sql("SELECT payload FROM journal_event"))
    assert WX_CODE_A not in dump and WX_CODE_B not in dump and mask(WX_CODE_A) in dump
    assert "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" not in dump, "the payer's id is not kept"


def test_money_given_back_to_a_phone_on_a_return_matches_the_bills_refund(
        services, bills, manager, cashier, day_of_sales, clock) -> None:
    from charity_pos.services.base import Approval
    from charity_pos.services.returns import ReturnDraft

    typed = day_of_sales[3]  # 3 bags by WeChat Pay, its transaction number typed in
    clock.advance(minutes=60)
    sale = services.sales.sale(typed)
    returned = services.returns.create(cashier, ReturnDraft(typed, TILL, {sale.lines[0].id: 1}, "破损"),
                                       Approval("manager", "9999", "同意")).number
    bills.import_bytes(manager, wechat_bill([
        Row("2026-03-10 11:01:00", "4200001234202603109999999999", "98.70"),
        Row("2026-03-10 12:05:00", "4200001234202603109999999999", "32.90", refund="50300009"),
        Row("2026-03-10 12:06:00", "4200001234202603108888888888", "5.00", refund="50300010")]), "w.csv")
    seen = bills.reconcile(manager, DAY)
    assert [(m.payment.sale_number, m.bill.kind, m.how) for m in seen.matched if m.payment.sale_number in
            (typed, returned)] == [(typed, "payment", "reference"), (returned, "refund", "reference")]
    assert [(line.kind, line.amount_fen) for line in seen.bill_only] == [("refund", 500)]
    assert returned not in [p.sale_number for p in seen.counter_only]
    assert seen.bill_fen == 9870 and seen.counter_fen == 3290 * 2 + 6580 + 9870, "refunds apart"
