"""Where every donated unit went: a lot's story in time order, its fate
totals (sold and handed out from the documents, on the shelf from the
movements), the identity received = sold + handed out + written off +
counted + on the shelf, donor statements, and who may see them.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

from charity_pos.db.models import StockLot
from charity_pos.domain.identity import credit_check_char, id_check_char
from charity_pos.errors import (
    DonorAmbiguous, DonorAnonymous, DonorNotFound, InvalidInput, NothingToReport, PermissionDenied, TraceCodeUnknown,
)
from charity_pos.services.base import COMMAND_LINE, Actor, Approval
from charity_pos.services.catalog import Source
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.intake import IntakeDraft, IntakeLine
from charity_pos.services.registry import Services
from charity_pos.services.returns import ReturnDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.services.trace import Fate, check_identity

TILL = "1号收银台"
RICE_CODE = "6901234567892"
PERSON = "张伟"
PHONE = "13800138000"
COMPANY = "上海爱心食品有限公司"
CREDIT = "91310107HTPMJXT3F" + credit_check_char("91310107HTPMJXT3F")
CARD = "AX000001"
HEAD = "王建国"
BEST_BEFORE = date(2027, 6, 30)


def _household(services: Services, manager: Actor) -> uuid.UUID:
    first17 = "31010419500101001"
    draft = HouseholdDraft(CARD, HEAD, first17 + id_check_char(first17), 3, HouseholdCategory.DIBAO, "石门二路街道",
                           "静民救〔2026〕001号", date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1))
    return services.households.register(manager, draft).ids[0]


def sell(services: Services, actor: Actor, *lines: LineDraft, pay: int) -> str:
    draft = SaleDraft(uuid.uuid4(), TILL, lines, (PaymentDraft("cash", pay),), 0)
    return services.sales.complete(actor, draft).number  # type: ignore[return-value]


@pytest.fixture
def story(services: Services, manager: Actor, cashier: Actor, make_item: Callable[..., Any], clock: Any) -> SimpleNamespace:
    """A person's donation (5 sweaters with their own lot code, 4 bags of rice)
    and a company's (3 bags of rice), then two sales, a voided sale, a
    return, a handout and a count that finds a bag missing."""
    sweater = make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500, reference=12000,
                        source=Source.DONATED)
    rice = make_item("东北大米 5kg", barcode=RICE_CODE, price=3290)
    person = services.donors.create(manager, DonorDraft(DonorKind.PERSON, PERSON, PHONE)).ids[0]
    company = services.donors.create(manager, DonorDraft(DonorKind.COMPANY, COMPANY, credit_code=CREDIT)).ids[0]
    clock.advance(minutes=5)
    given = services.intake.receive(cashier, IntakeDraft(person, (
        IntakeLine(sweater.id, 5, unit_value_fen=2000), IntakeLine(rice.id, 4, unit_value_fen=3000, expiry_date=BEST_BEFORE)), cash_fen=10000,
        cash_method="cash"))
    clock.advance(minutes=5)
    from_company = services.intake.receive(cashier, IntakeDraft(company, (IntakeLine(rice.id, 3, unit_value_fen=3000, expiry_date=BEST_BEFORE),)))
    household = _household(services, manager)
    services.shifts.open(cashier, TILL, 20000)
    clock.advance(hours=1)
    with services.db.read() as s:
        sweater_lot = s.scalars(select(StockLot).where(StockLot.item_id == sweater.id)).one()
        s.expunge(sweater_lot)
    first = sell(services, cashier, LineDraft(sweater.id, 2, lot_id=sweater_lot.id), pay=5000)
    clock.advance(minutes=10)
    voided = sell(services, cashier, LineDraft(sweater.id, 1), pay=2500)
    services.sales.void(manager, voided, "扫错了")
    clock.advance(minutes=10)
    rice_sale = sell(services, cashier, LineDraft(rice.id, 2), pay=6580)
    clock.advance(minutes=10)
    lines = services.sales.sale(rice_sale).lines
    returned = services.returns.create(manager, ReturnDraft(rice_sale, TILL, {lines[0].id: 1}, "包装破损")).number
    clock.advance(hours=1)
    handout = services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household, (
        HandoutLineDraft(sweater.id, 1), HandoutLineDraft(rice.id, 1)), None)).number
    clock.advance(hours=1)
    count = services.stock.count(manager, {rice.id: 5}, reason="月末盘点").number  # 7 - 1 - 1 = 5 on the books: none missing
    clock.advance(hours=1)
    count = services.stock.count(manager, {rice.id: 4}, reason="月末盘点").number  # one bag missing
    return SimpleNamespace(sweater=sweater, rice=rice, person=person, company=company, donation=given.number,
                           company_donation=from_company.number, sale=first, voided=voided, rice_sale=rice_sale,
                           returned=returned, handout=handout, count=count, lot_code=sweater_lot.barcode)


def test_a_donation_is_traced_unit_by_unit(services: Services, manager: Actor, story: SimpleNamespace) -> None:
    found = services.trace.trace(manager, story.donation)
    assert found.kind == "donation"
    by_name = {lot.item_name: lot.fate for lot in found.lots}
    assert by_name["男式羊毛衫 L码"] == Fate(received=5, sold=2, handed_out=1, on_shelf=2)
    # the oldest rice lot: 2 sold, 1 of them returned, 1 handed out, 1 counted missing
    assert by_name["东北大米 5kg"] == Fate(received=4, sold=1, handed_out=1, counted_difference=1, on_shelf=1)
    assert found.totals == Fate(received=9, sold=3, handed_out=2, counted_difference=1, on_shelf=3)
    assert all(lot.fate.balances for lot in found.lots)


def test_the_story_is_in_time_order_with_every_document(services: Services, manager: Actor,
                                                       story: SimpleNamespace) -> None:
    found = services.trace.trace(manager, story.donation)
    kinds = [(e.kind, e.document) for e in found.events]
    assert kinds[0] == ("received", story.donation)
    assert ("sold", story.sale) in kinds and ("sold", story.voided) in kinds and ("voided", story.voided) in kinds
    assert ("returned", story.returned) in kinds and ("handed_out", story.handout) in kinds
    assert ("counted", story.count) in kinds
    assert kinds[-1][0] == "on_shelf"
    times = [e.at for e in found.events if e.kind != "on_shelf"]
    assert times == sorted(times)
    received = {e.item_name: e for e in found.events if e.kind == "received"}
    assert {e.amount_fen for e in received.values()} == {2000, 3000}
    assert {(e.party, e.party_kind) for e in received.values()} == {("张*", "person")}
    handed = [e for e in found.events if e.kind == "handed_out"]
    assert {e.party for e in handed} == {CARD}
    sold = next(e for e in found.events if e.document == story.sale)
    assert sold.amount_fen == 2500 and sold.quantity == 2
    assert next(e for e in found.events if e.kind == "returned").detail == story.rice_sale


def test_no_person_s_or_household_s_name_in_a_trace(services: Services, manager: Actor, story: SimpleNamespace) -> None:
    for code in (story.donation, story.handout, story.sale, RICE_CODE):
        text = repr(services.trace.trace(manager, code))
        assert PERSON not in text and HEAD not in text and PHONE not in text


def test_a_company_is_named_and_an_anonymous_donor_is_not(services: Services, manager: Actor,
                                                         story: SimpleNamespace, cashier: Actor) -> None:
    found = services.trace.trace(manager, story.company_donation)
    assert {lot.donor for lot in found.lots} == {COMPANY}
    anonymous = services.intake.receive(cashier, IntakeDraft(None, (IntakeLine(story.rice.id, 1, unit_value_fen=3000, expiry_date=BEST_BEFORE),)))
    lot = services.trace.trace(manager, anonymous.number).lots[0]
    assert (lot.donor_kind, lot.donor) == ("anonymous", "")


@pytest.mark.parametrize("which, kind", [("lot_code", "lot"), ("sale", "sale"), ("returned", "return"),
                                         ("handout", "handout"), ("count", "count")])
def test_every_kind_of_code_leads_to_its_lots(services: Services, manager: Actor, story: SimpleNamespace,
                                              which: str, kind: str) -> None:
    found = services.trace.trace(manager, getattr(story, which))
    assert found.kind == kind and found.lots


def test_a_maker_s_barcode_leads_to_every_lot_of_the_item(services: Services, manager: Actor,
                                                          story: SimpleNamespace) -> None:
    found = services.trace.trace(manager, RICE_CODE)
    assert found.kind == "item" and len(found.lots) == 2
    assert found.totals.received == 7 and found.totals.balances


def test_a_receipt_number_leads_to_its_donation(services: Services, manager: Actor, story: SimpleNamespace) -> None:
    number = services.receipts.print_receipt(manager, story.donation).document.receipt_number
    found = services.trace.trace(manager, number)
    assert found.kind == "receipt" and found.totals.received == 9


@pytest.mark.parametrize("code", ["PT01-2026-D999999", "2299999999995", "nonsense", "PT01-2026-S000099"])
def test_an_unknown_code_is_a_clear_error(services: Services, manager: Actor, story: SimpleNamespace, code: str) -> None:
    from charity_pos.i18n import describe

    with pytest.raises(TraceCodeUnknown) as caught:
        services.trace.trace(manager, code)
    assert code in describe(caught.value)


@pytest.mark.parametrize("code", ["", "   ", "9" * 41])
def test_an_empty_or_huge_code_is_bad_input(services: Services, manager: Actor, code: str) -> None:
    with pytest.raises(InvalidInput):
        services.trace.trace(manager, code)


def test_a_cashier_may_not_trace_nor_see_lots_nor_statements(services: Services, cashier: Actor,
                                                             story: SimpleNamespace) -> None:
    with pytest.raises(PermissionDenied):
        services.trace.trace(cashier, story.donation)
    with pytest.raises(PermissionDenied):
        services.trace.lots(cashier)
    with pytest.raises(PermissionDenied):
        services.trace.donor_statement(cashier, PERSON, 2026)


def test_every_lot_is_listed_empty_ones_too(services: Services, manager: Actor, story: SimpleNamespace) -> None:
    lots = services.trace.lots(manager)
    assert len(lots) == 3 and all(lot.fate.balances for lot in lots)
    assert services.trace.imbalances(manager) == []


def test_the_identity_catches_a_sale_whose_lots_were_changed(services: Services, manager: Actor,
                                                            story: SimpleNamespace) -> None:
    services.db.close()
    with contextlib.closing(sqlite3.connect(services.db.path)) as conn, conn:
        conn.execute("UPDATE sale_line_lot SET quantity = quantity + 1 WHERE rowid = (SELECT min(rowid) FROM sale_line_lot)")
    reopened = Services.open(services.db.path)
    try:
        with reopened.db.read() as s:
            found = check_identity(s)
    finally:
        reopened.close()
    assert {bad.kind for bad in found} == {"lot", "donation"}


# --- donor statements ---------------------------------------------------------------------------------------
def test_a_person_s_statement(services: Services, manager: Actor, story: SimpleNamespace) -> None:
    doc = services.trace.donor_statement(manager, PERSON, "2026")
    assert (doc.donor_kind, doc.donor_name, doc.year) == ("person", PERSON, 2026)
    assert [d.number for d in doc.donations] == [story.donation]
    assert (doc.units, doc.goods_value_fen, doc.cash_fen) == (9, 5 * 2000 + 4 * 3000, 10000)
    assert (doc.sold, doc.handed_out, doc.households, doc.on_shelf, doc.counted_missing) == (3, 2, 1, 3, 1)
    # two sweaters at ¥25 and one bag of rice kept of the two sold at ¥32.90
    assert doc.raised_fen == 2 * 2500 + 3290


def test_a_donor_is_found_by_credit_code_or_phone(services: Services, manager: Actor, story: SimpleNamespace) -> None:
    assert services.trace.donor_statement(manager, CREDIT, 2026).donor_name == COMPANY
    assert services.trace.donor_statement(manager, PHONE, 2026).donor_name == PERSON
    assert services.trace.donor_statement(manager, story.person, 2026).donor_name == PERSON


def test_bad_donor_statements_are_refused(services: Services, manager: Actor, story: SimpleNamespace) -> None:
    services.donors.create(manager, DonorDraft(DonorKind.PERSON, PERSON, "13900139000"))
    with pytest.raises(DonorAmbiguous):
        services.trace.donor_statement(manager, PERSON, 2026)
    with pytest.raises(DonorNotFound):
        services.trace.donor_statement(manager, "李四", 2026)
    with pytest.raises(DonorAnonymous):
        services.trace.donor_statement(manager, "匿名", 2026)
    with pytest.raises(NothingToReport):
        services.trace.donor_statement(manager, CREDIT, 2025)
    for year in ("20x6", "1999", "", "2026.5", True):
        with pytest.raises(InvalidInput):
            services.trace.donor_statement(manager, CREDIT, year)


# --- the identity on a long demo store ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def long_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 120-day demo store (about 40 s to build), with its key in place."""
    from charity_pos import cli, i18n

    home = tmp_path_factory.mktemp("long-demo-home")
    path = tmp_path_factory.mktemp("long-demo") / "demo.db"
    saved = list(i18n._loaded)
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(io.StringIO()):
        mp.setenv("CHARITY_POS_HOME", str(home))
        assert cli.main(["demo", "--db", str(path), "--days", "120", "--lang", "en"]) == 0
    i18n._loaded[:] = saved
    return path


def test_every_donation_of_a_long_demo_balances_and_matches_plain_sql(
        long_demo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import bring_keys

    bring_keys(long_demo, tmp_path_factory)
    services = Services.open(long_demo)
    try:
        with services.db.read() as s:
            assert check_identity(s) == []
        donations = [d.number for d in services.intake.donations(COMMAND_LINE)]
        traced = {number: services.trace.trace(COMMAND_LINE, number).totals for number in donations}
        lots = services.trace.lots(COMMAND_LINE)
    finally:
        services.close()
    assert len(donations) > 300 and all(fate.balances for fate in traced.values())
    assert len(lots) > 1000 and all(lot.fate.balances for lot in lots)
    assert sum(f.handed_out for f in traced.values()) > 0 and sum(f.sold for f in traced.values()) > 0
    # the same figures by plain SQL: sold = sale lines' lots of completed sales less the units returns put back
    with contextlib.closing(sqlite3.connect(long_demo)) as conn:
        per_lot = """SELECT d.number, l.id FROM donation d JOIN donation_line dl ON dl.donation_id = d.id
                     JOIN stock_lot l ON l.donation_line_id = dl.id"""
        sql = {number: [0, 0, 0, 0] for number in donations}
        for number, received, sold, returned, handed, shelf in conn.execute(f"""
                SELECT x.number, (SELECT quantity_received FROM stock_lot WHERE id = x.id),
                  (SELECT coalesce(sum(sll.quantity), 0) FROM sale_line_lot sll JOIN sale_line sl ON sl.id = sll.sale_line_id
                     JOIN sale ON sale.id = sl.sale_id WHERE sll.lot_id = x.id AND sale.status = 'completed'),
                  (SELECT coalesce(sum(quantity), 0) FROM stock_movement WHERE lot_id = x.id AND reason = 'return'),
                  (SELECT coalesce(sum(quantity), 0) FROM handout_line_lot WHERE lot_id = x.id),
                  (SELECT coalesce(sum(quantity), 0) FROM stock_movement WHERE lot_id = x.id)
                FROM ({per_lot}) x"""):
            row = sql[number]
            row[0] += received
            row[1] += sold - returned
            row[2] += handed
            row[3] += shelf
    assert {n: [f.received, f.sold, f.handed_out, f.on_shelf] for n, f in traced.items()} == sql
