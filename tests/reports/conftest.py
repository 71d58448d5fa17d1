"""A small store whose every figure is known by hand, for the ledgers,
reports, trace and notice tests.

On 2026-03-10 (Shanghai) the store, with the clock moving on between steps:
- donations: D1 from 张伟 (a person, not named in public): 4 coats at ¥80.00
  (market) and ¥200.00 cash; D2 from 上海爱心科技有限公司 (a company, agrees to
  be named): 10 bags of rice at ¥30.00 (invoice, best before 2027-03-01) and ¥1,000.00 by bank
  transfer; D3 anonymous: 2 blankets, not valued;
- 20 packs of noodles bought in (R);
- a shift: S1 2 coats (¥25.00 each) and 1 rice (¥32.90) in cash; S2 3 noodles
  (¥5.90 each) by WeChat Pay; S3 1 noodles, voided; T1 one coat of S1 back;
- a handout H1 of 2 bags of rice to household AX000001 (低保, 王建国);
- ¥300.00 of donated cash used on relief goods (F1).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from charity_pos.domain.identity import id_check_char
from charity_pos.services.base import Actor
from charity_pos.services.catalog import Source
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.intake import CashMethod, Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.returns import ReturnDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

DAY = date(2026, 3, 10)
TILL = "T1"
PERSON = "张伟"
COMPANY = "上海爱心科技有限公司"
HEAD = "王建国"
CARD = "AX000001"
ID_FIRST17 = "31010419700101001"
ID_NUMBER = ID_FIRST17 + id_check_char(ID_FIRST17)


@pytest.fixture
def ledger_store(services, manager: Actor, cashier: Actor, make_item, clock) -> SimpleNamespace:
    coat = make_item("男式棉服 XL", category="clothing", unit="件", price=2500, reference=8000, source=Source.DONATED)
    rice = make_item("东北大米 5kg", barcode="6901234567892", price=3290, reference=3590)
    noodles = make_item("龙须挂面 1kg", price=590, reference=690)
    blanket = make_item("羊毛毯", category="bedding", unit="条", price=4000, reference=None, source=Source.DONATED)
    person = services.donors.create(cashier, DonorDraft(DonorKind.PERSON, PERSON, phone="13812345678")).ids[0]
    company = services.donors.create(cashier, DonorDraft(DonorKind.COMPANY, COMPANY, credit_code="91310000132200821H",
                                                         consent_public=True)).ids[0]
    clock.advance(minutes=5)
    d1 = services.intake.receive(cashier, IntakeDraft(person, (
        IntakeLine(coat.id, 4, Condition.AS_NEW, Valuation.MARKET, 8000),), cash_fen=20000,
        cash_method=CashMethod.CASH)).number
    clock.advance(minutes=5)
    d2 = services.intake.receive(cashier, IntakeDraft(company, (
        IntakeLine(rice.id, 10, Condition.NEW, Valuation.INVOICE, 3000, date(2027, 3, 1)),), cash_fen=100000,
        cash_method=CashMethod.BANK_TRANSFER)).number
    clock.advance(minutes=5)
    d3 = services.intake.receive(cashier, IntakeDraft(None, (
        IntakeLine(blanket.id, 2, Condition.GOOD_USED, Valuation.UNVALUED, None),))).number
    clock.advance(minutes=5)
    r1 = services.stock.receive(manager, {noodles.id: 20}).number
    clock.advance(minutes=5)
    services.shifts.open(cashier, TILL, 50000)

    def sell(*lines: tuple[object, int], method: str = "cash", tendered: int) -> str:
        clock.advance(minutes=3)
        draft = SaleDraft(uuid.uuid4(), TILL, tuple(LineDraft(item.id, n) for item, n in lines),  # type: ignore[attr-defined]
                          (PaymentDraft(method, tendered, "4200001234202603100001" if method == "wechat" else ""),))
        return services.sales.sale(services.sales.complete(cashier, draft).number)

    s1 = sell((coat, 2), (rice, 1), tendered=10000)
    s2 = sell((noodles, 3), method="wechat", tendered=1770)
    s3 = sell((noodles, 1), tendered=590)
    clock.advance(minutes=3)
    services.sales.void(manager, s3.number, "扫错了")
    clock.advance(minutes=3)
    coat_line = next(line for line in s1.lines if line.name == coat.name)
    t1 = services.returns.create(manager, ReturnDraft(s1.number, TILL, {coat_line.id: 1}, "尺码不合适")).number
    household = services.households.register(manager, HouseholdDraft(
        CARD, HEAD, ID_NUMBER, 3, HouseholdCategory.DIBAO, "石门二路街道", "低保证 2026-001",
        date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 5))).ids[0]
    clock.advance(minutes=3)
    h1 = services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household, (
        HandoutLineDraft(rice.id, 2, None),))).number
    clock.advance(minutes=3)
    f1 = services.funds.record_use(manager, used_on=DAY, amount_fen=30000, kind="relief_goods",
                                   purpose="购买米面油发放困难家庭", voucher="FP-2026-0031").number
    return SimpleNamespace(services=services, manager=manager, cashier=cashier, clock=clock, day=DAY,
                           coat=coat, rice=rice, noodles=noodles, blanket=blanket, person=person, company=company,
                           household=household, d1=d1, d2=d2, d3=d3, r1=r1, s1=s1.number, s2=s2.number,
                           s3=s3.number, t1=t1, h1=h1, f1=f1, next_day=DAY + timedelta(days=1))
