"""The donations' list as the donations screen reads it: newest first, in
plain SQL, searched by the service (any part of the donation's number or
its receipt's, the donor's name or its pinyin), for whoever takes
donations in and for no account switched off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from charity_pos.errors import SessionEnded
from charity_pos.services.base import COMMAND_LINE
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation

TODAY = date(2026, 3, 10)  # the clock fixture's day in Shanghai


@pytest.fixture
def given(services, cashier, manager, make_item):  # type: ignore[no-untyped-def]
    """王建国's donation (its receipt issued), then 上海梅林's, then an anonymous one."""
    rice = make_item("东北大米 5kg", barcode="6901234567892")
    numbers = {}
    person = services.donors.create(cashier, DonorDraft(DonorKind.PERSON, "王建国", phone="13812345678")).ids[0]
    company = services.donors.create(cashier, DonorDraft(DonorKind.COMPANY, "上海梅林正广和股份有限公司",
                                                         credit_code="91310000132200821H")).ids[0]
    for name, donor in (("王建国", person), ("梅林", company), ("anonymous", None)):
        numbers[name] = services.intake.receive(cashier, IntakeDraft(donor, (
            IntakeLine(rice.id, 1, Condition.NEW, Valuation.MARKET, 3590, TODAY + timedelta(days=300)),))).number
    receipt = services.receipts.print_receipt(manager, numbers["王建国"], render=lambda _doc: None)
    numbers["receipt"] = receipt.document.receipt_number
    return numbers


def _found(services, actor, text: str, **options) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.number for row in services.intake.donations(actor, text, **options)]


def test_the_whole_list_newest_first(services, cashier, given) -> None:  # type: ignore[no-untyped-def]
    assert _found(services, cashier, "") == [given["anonymous"], given["梅林"], given["王建国"]]
    assert _found(services, cashier, "  ") == _found(services, COMMAND_LINE, ""), "blank is no search; the command line too"
    assert _found(services, cashier, "", limit=1) == [given["anonymous"]]


@pytest.mark.parametrize(("typed", "who"), [
    ("wjg", "王建国"), ("wangjianguo", "王建国"), ("jianguo", "王建国"), ("建国", "王建国"), ("WJG", "王建国"),
    ("梅林", "梅林"), ("ml", "梅林"), ("shanghai meilin", "梅林"),
])
def test_a_donor_is_found_by_name_or_pinyin(services, cashier, given, typed, who) -> None:  # type: ignore[no-untyped-def]
    assert _found(services, cashier, typed) == [given[who]]


def test_a_donation_is_found_by_its_number_or_its_receipts(services, cashier, given) -> None:  # type: ignore[no-untyped-def]
    assert _found(services, cashier, given["梅林"][-7:].lower()) == [given["梅林"]]
    assert _found(services, cashier, given["receipt"]) == [given["王建国"]]
    assert _found(services, cashier, "zzz") == [], "nothing answers: nothing listed"


def test_anonymous_donations_only_when_the_screen_asks(services, cashier, given) -> None:  # type: ignore[no-untyped-def]
    assert _found(services, cashier, "匿名") == [], "no donor is called that"
    assert _found(services, cashier, "匿名", anonymous_too=True) == [given["anonymous"]]
    assert _found(services, cashier, "", anonymous_too=True) == _found(services, cashier, "")


def test_a_switched_off_account_lists_nothing(services, cashier, manager, given) -> None:  # type: ignore[no-untyped-def]
    services.accounts.set_active(manager, "cashier", False)
    with pytest.raises(SessionEnded):
        services.intake.donations(cashier)
    with pytest.raises(SessionEnded):
        services.intake.donations(cashier, "wjg")
    assert len(services.intake.donations(manager)) == 3, "the manager still lists them"
