"""A payment code is never stored whole: the sale service refuses a
payment whose reference holds one (as the command line or any screen might
send it), takes the mask a scan makes, and refuses a mask of the other
method's code. A refused sale leaves nothing behind."""

from __future__ import annotations

import uuid

import pytest

from charity_pos.errors import PaymentReferenceRefused
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

TILL = "1号收银台"
WECHAT_CODE = "134567890123456789"
ALIPAY_CODE = "2876543210987654321"


@pytest.fixture
def rice(services: Services, manager: Actor, cashier: Actor, make_item):  # type: ignore[no-untyped-def]
    item = make_item("东北大米 5kg", barcode="6901234567892", price=3290)
    services.stock.receive(manager, {item.id: 10})
    services.shifts.open(cashier, TILL, 20000)
    return item


def paying(rice, method: str, reference: str) -> SaleDraft:  # type: ignore[no-untyped-def]
    return SaleDraft(uuid.uuid4(), TILL, (LineDraft(rice.id, 1),), (PaymentDraft(method, 3290, reference),))


@pytest.mark.parametrize(("method", "reference"), [
    ("wechat", WECHAT_CODE),
    ("wechat", f" {WECHAT_CODE}\n"),
    ("wechat", "1345 6789 0123 4567 89"),
    ("wechat", f"付款码{WECHAT_CODE}"),
    ("alipay", ALIPAY_CODE),
    ("alipay", WECHAT_CODE),  # the other method's whole code
    ("unionpay", ALIPAY_CODE),  # whatever the method
    ("voucher", WECHAT_CODE),
])
def test_a_reference_holding_a_whole_code_is_refused(services, cashier, rice, events, method, reference) -> None:  # type: ignore[no-untyped-def]
    before = events(services)
    with pytest.raises(PaymentReferenceRefused) as refused:
        services.sales.complete(cashier, paying(rice, method, reference))
    assert refused.value.facts == {"method": method, "reason": "full_code"}
    assert WECHAT_CODE not in str(refused.value) and ALIPAY_CODE not in str(refused.value)
    assert services.sales.sales() == [] and events(services) == before


def test_the_mask_of_the_other_methods_code_is_refused(services, cashier, rice) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PaymentReferenceRefused) as refused:
        services.sales.complete(cashier, paying(rice, "wechat", "2876****4321"))
    assert refused.value.facts["reason"] == "wrong_method"
    assert services.sales.sales() == []


@pytest.mark.parametrize(("method", "reference"), [
    ("wechat", "1345****6789"),
    ("alipay", "2876****4321"),
    ("wechat", "4200001234202603101234567890"),  # a transaction number read off the phone
    ("alipay", "2026031022001412345678901234"),
])
def test_a_mask_or_a_transaction_number_is_kept(services, cashier, rice, method, reference) -> None:  # type: ignore[no-untyped-def]
    number = services.sales.complete(cashier, paying(rice, method, reference)).number
    assert [(p.method, p.reference) for p in services.sales.sale(number or "").payments] == [(method, reference)]


def test_the_error_says_why_in_chinese() -> None:
    from charity_pos.i18n import describe, load

    load("zh_CN")
    text = describe(PaymentReferenceRefused(method="wechat", reason="full_code"))
    assert "微信支付" in text and "完整" in text
