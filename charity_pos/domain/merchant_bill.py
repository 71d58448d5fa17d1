"""The merchant bills WeChat Pay and Alipay let a shop download, read as
the lines the store keeps, and matched to the sales' phone payments.

WeChat Pay's bill (交易账单) is UTF-8 CSV: a header row (交易时间,公众账号ID,
商户号,...), every field of the rows prefixed with a backquote, then a
summary header (总交易单数,...) and its row. Alipay's (业务明细) is GBK CSV
between ``#`` comment lines, text fields often padded with a tab. Amounts are
in yuan and become fen exactly (``Decimal``); times are Beijing time.

A bill never holds a customer's payment code whole here: a field that holds
one (a terminal may put the scanned code in the merchant order number) is
kept as its mask. No payer's account (用户标识, 对方账户) is kept.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import TypedDict

from charity_pos.domain import payment_codes
from charity_pos.errors import MerchantBillRefused

WECHAT, ALIPAY = payment_codes.WECHAT, payment_codes.ALIPAY
PAYMENT, REFUND = "payment", "refund"
#: a payment on the bill and one at the counter match within this time
WINDOW = timedelta(minutes=10)
MAX_BYTES = 20 * 1024 * 1024
TEXT_LIMIT = 64

WECHAT_COLUMNS = ("交易时间", "微信订单号", "商户订单号", "交易状态", "订单金额", "退款金额", "微信退款单号")
ALIPAY_COLUMNS = ("支付宝交易号", "商户订单号", "业务类型", "完成时间", "订单金额（元）")
_TIME = "%Y-%m-%d %H:%M:%S"
_MASK_IN_TEXT = re.compile(r"(?<!\d)\d{4}\*{4}\d{4}(?!\d)")
_DIGITS = re.compile(r"\d+")


class _Where(TypedDict):
    """Where a cell is, for the refusal that names it."""
    path: str
    line: int


@dataclass(frozen=True)
class BillLine:
    method: str  # wechat or alipay
    kind: str  # payment or refund
    transaction_no: str  # 微信订单号 / 支付宝交易号
    refund_no: str  # "" for a payment
    merchant_order_no: str  # 商户订单号 (masked if it held a payment code)
    code_mask: str  # the payment code's mask, where the bill carries one
    at: datetime  # Beijing time, naive
    amount_fen: int


@dataclass(frozen=True)
class Bill:
    method: str
    lines: tuple[BillLine, ...]
    skipped: int  # rows neither paid nor refunded (closed, revoked)


def decode(data: bytes, path: str) -> str:
    if len(data) > MAX_BYTES:
        raise MerchantBillRefused(path=path, reason="too_large")
    if b"\x00" in data:
        raise MerchantBillRefused(path=path, reason="encoding")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MerchantBillRefused(path=path, reason="encoding")


def parse(data: bytes, path: str = "") -> Bill:
    """The bill in ``data`` (a whole file's bytes), or MerchantBillRefused."""
    text = decode(data, path)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:  # a field beyond the csv module's limit, a stray quote at the end
        raise MerchantBillRefused(path=path, reason="not_a_bill") from None
    for number, row in enumerate(rows[:40], start=1):
        cells = [_cell(c) for c in row]
        if all(name in cells for name in WECHAT_COLUMNS):
            return _wechat(rows, number, cells, path)
        if all(name in cells for name in ALIPAY_COLUMNS):
            return _alipay(rows, number, cells, path)
    raise MerchantBillRefused(path=path, reason="not_a_bill")


def _cell(value: str) -> str:
    """A field as written: WeChat's backquote and Alipay's tab padding taken off."""
    value = value.strip()
    return value[1:].strip() if value.startswith("`") else value


def _yuan(value: str, *, path: str, line: int, field: str) -> int:
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise MerchantBillRefused(path=path, reason="bad_row", line=line, field=field) from None
    fen = amount * 100
    if not amount.is_finite() or fen != fen.to_integral_value() or amount < 0 or amount > 10_000_000:
        raise MerchantBillRefused(path=path, reason="bad_row", line=line, field=field)
    return int(fen)


def _time(value: str, *, path: str, line: int, field: str) -> datetime:
    try:
        return datetime.strptime(value, _TIME)
    except ValueError:
        raise MerchantBillRefused(path=path, reason="bad_row", line=line, field=field) from None


def _text(value: str, *, path: str, line: int, field: str, required: bool = False) -> str:
    if len(value) > TEXT_LIMIT or (required and not value) or not value.isprintable():
        raise MerchantBillRefused(path=path, reason="bad_row", line=line, field=field)
    return value


def _masked(text: str) -> str:
    """``text`` with every run of digits that is a payment code replaced by its mask."""
    return _DIGITS.sub(lambda run: payment_codes.recognise(run.group(0)).masked
                       if payment_codes.is_code(run.group(0)) else run.group(0), text)


def _order_and_mask(order: str, *notes: str) -> tuple[str, str]:
    """The merchant order number with any payment code in it masked, and the
    mask of the payment code the bill carries (in the order number or a
    note), if any."""
    for text in (order, *notes):
        found = _MASK_IN_TEXT.search(_masked(text))
        if found:
            return _masked(order), found.group(0)
    return _masked(order), ""


def _rows(rows: list[list[str]], header_at: int) -> Iterable[tuple[int, list[str]]]:
    for number, row in enumerate(rows[header_at:], start=header_at + 1):
        if not row or all(not c.strip() for c in row):
            continue
        yield number, [_cell(c) for c in row]


def _wechat(rows: list[list[str]], header_at: int, header: list[str], path: str) -> Bill:
    col = {name: i for i, name in enumerate(header)}
    notes = [col[name] for name in ("商户数据包", "商品名称") if name in col]
    lines: list[BillLine] = []
    skipped = 0
    for number, cells in _rows(rows, header_at):
        if cells[0].startswith("总交易单数"):
            break  # the summary at the end
        if len(cells) < len(header):
            raise MerchantBillRefused(path=path, reason="bad_row", line=number, field="columns")
        where: _Where = {"path": path, "line": number}
        status = cells[col["交易状态"]]
        at = _time(cells[col["交易时间"]], field="交易时间", **where)
        transaction = _text(cells[col["微信订单号"]], field="微信订单号", required=True, **where)
        order, mask = _order_and_mask(cells[col["商户订单号"]], *(cells[i] for i in notes))
        order = _text(order, field="商户订单号", **where)
        if status == "SUCCESS":
            amount = _yuan(cells[col["订单金额"]], field="订单金额", **where)
            lines.append(BillLine(WECHAT, PAYMENT, transaction, "", order, mask, at, amount))
        elif status == "REFUND":
            amount = _yuan(cells[col["退款金额"]], field="退款金额", **where)
            refund = _text(cells[col["微信退款单号"]], field="微信退款单号", required=True, **where)
            lines.append(BillLine(WECHAT, REFUND, transaction, refund, order, mask, at, amount))
        else:
            skipped += 1
    return _bill(WECHAT, lines, skipped, path)


def _alipay(rows: list[list[str]], header_at: int, header: list[str], path: str) -> Bill:
    col = {name: i for i, name in enumerate(header)}
    notes = [col[name] for name in ("备注", "商品名称") if name in col]
    lines: list[BillLine] = []
    skipped = 0
    for number, cells in _rows(rows, header_at):
        if cells[0].startswith("#"):
            continue  # the comment lines at the bottom
        if len(cells) < len(header) - 1:
            raise MerchantBillRefused(path=path, reason="bad_row", line=number, field="columns")
        cells = cells + [""] * (len(header) - len(cells))  # the last column (备注) is often cut off
        where: _Where = {"path": path, "line": number}
        kind = cells[col["业务类型"]]
        at = _time(cells[col["完成时间"]] or cells[col.get("创建时间", col["完成时间"])], field="完成时间", **where)
        transaction = _text(cells[col["支付宝交易号"]], field="支付宝交易号", required=True, **where)
        order, mask = _order_and_mask(cells[col["商户订单号"]], *(cells[i] for i in notes))
        order = _text(order, field="商户订单号", **where)
        amount_text = cells[col["订单金额（元）"]]
        if kind == "交易":
            amount = _yuan(amount_text, field="订单金额（元）", **where)
            lines.append(BillLine(ALIPAY, PAYMENT, transaction, "", order, mask, at, amount))
        elif kind == "退款":
            refund_col = col.get("退款批次号/请求号")
            refund = cells[refund_col] if refund_col is not None else ""
            refund = _text(refund or f"{transaction}-{cells[col['完成时间']]}", field="退款批次号/请求号", **where)
            refunded = cells[col["商家实收（元）"]] if "商家实收（元）" in col else amount_text
            amount = _yuan(refunded.lstrip("-"), field="商家实收（元）", **where)
            lines.append(BillLine(ALIPAY, REFUND, transaction, refund, order, mask, at, amount))
        else:
            skipped += 1
    return _bill(ALIPAY, lines, skipped, path)


def _bill(method: str, lines: list[BillLine], skipped: int, path: str) -> Bill:
    if not lines:
        raise MerchantBillRefused(path=path, reason="no_payments")
    return Bill(method, tuple(lines), skipped)


# --- matching -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CounterPayment:
    """A phone payment taken at the counter, as the bill should show it."""

    key: object  # whatever the caller uses to name it (the payment's id)
    sale_number: str
    method: str
    amount_fen: int
    at: datetime  # Beijing time, naive
    reference: str  # a mask, a transaction number typed in, or ""
    kind: str = PAYMENT  # or a refund: money given back on a return (sale_number: the return's)


@dataclass(frozen=True)
class Matched:
    bill: BillLine
    payment: CounterPayment
    how: str  # "reference": the transaction or order number; "code": the mask; "time": amount and time


@dataclass(frozen=True)
class Matching:
    matched: tuple[Matched, ...]
    bill_only: tuple[BillLine, ...]  # on the bill, no sale here
    counter_only: tuple[CounterPayment, ...]  # taken at the counter, not on the bill


def match(bill: Sequence[BillLine], counter: Sequence[CounterPayment], window: timedelta = WINDOW) -> Matching:
    """Each bill payment to at most one counter payment of the same method,
    and each bill refund to one refund given back at the counter: first by
    the transaction number or sale number the counter recorded, then by
    amount and time within ``window``, where masks on both sides must agree
    (a matching mask first, then the nearest in time)."""
    matched: list[Matched] = []
    bill_only: list[BillLine] = []
    counter_only: list[CounterPayment] = []
    for kind in (PAYMENT, REFUND):
        found = _match_kind([b for b in bill if b.kind == kind], [c for c in counter if c.kind == kind], window)
        matched += found.matched
        bill_only += found.bill_only
        counter_only += found.counter_only
    return Matching(tuple(sorted(matched, key=lambda m: (m.payment.at, m.payment.sale_number))),
                    tuple(sorted(bill_only, key=lambda line: (line.at, line.transaction_no))),
                    tuple(sorted(counter_only, key=lambda p: (p.at, p.sale_number))))


def _match_kind(lines: Sequence[BillLine], counter: Sequence[CounterPayment], window: timedelta) -> Matching:
    free_bill = set(range(len(lines)))
    free_counter = set(range(len(counter)))
    found: list[tuple[int, int, str]] = []
    for b, line in enumerate(lines):
        for c in sorted(free_counter):
            p = counter[c]
            if p.method == line.method and p.amount_fen == line.amount_fen and (
                    (p.reference and not payment_codes.is_masked(p.reference)  # a mask is not unique
                     and p.reference in (line.transaction_no, line.merchant_order_no))
                    or (line.merchant_order_no and line.merchant_order_no == p.sale_number)):
                found.append((b, c, "reference"))
                free_bill.discard(b)
                free_counter.discard(c)
                break
    pairs = []
    for b in free_bill:
        line = lines[b]
        for c in free_counter:
            p = counter[c]
            if p.method != line.method or p.amount_fen != line.amount_fen or abs(p.at - line.at) > window:
                continue
            counter_mask = p.reference if payment_codes.is_masked(p.reference) else ""
            if line.code_mask and counter_mask and line.code_mask != counter_mask:
                continue
            same_code = bool(line.code_mask and line.code_mask == counter_mask)
            pairs.append((not same_code, abs(p.at - line.at), line.at, b, c, "code" if same_code else "time"))
    for _, _, _, b, c, how in sorted(pairs, key=lambda t: t[:3] + (t[3], t[4])):
        if b in free_bill and c in free_counter:
            found.append((b, c, how))
            free_bill.discard(b)
            free_counter.discard(c)
    return Matching(tuple(Matched(lines[b], counter[c], how) for b, c, how in found),
                    tuple(lines[b] for b in free_bill), tuple(counter[c] for c in free_counter))
