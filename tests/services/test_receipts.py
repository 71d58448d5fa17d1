"""Donation receipts: numbered at first print, reprints counted, voids kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from charity_pos.errors import ApprovalRequired, NotFound, ReceiptVoided
from charity_pos.services.base import COMMAND_LINE, Approval
from charity_pos.services.catalog import Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation


@pytest.fixture
def donation(services, cashier, make_item):
    coat = make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500, reference=12000,
                     source=Source.DONATED)
    rice = make_item("东北大米 5kg", barcode="6901234567892", source=Source.DONATED)
    lines = (IntakeLine(coat.id, 2, Condition.AS_NEW, Valuation.MARKET, 10000),
             IntakeLine(rice.id, 1, Condition.NEW, Valuation.UNVALUED, None, date(2026, 12, 1)))
    return services.intake.receive(cashier, IntakeDraft(None, lines)).number


def test_first_print_issues_the_number_then_reprints_are_marked(services, manager, donation, events) -> None:
    before = events(services)
    first = services.receipts.print_receipt(manager, donation)
    assert first.document.receipt_number == "PT01-2026-J000001"
    assert first.document.reprint_count == 0 and first.document.donor_name == "匿名"
    assert first.document.total_fen == 20000, "the unvalued line is not in the total"
    assert [line.amount_fen for line in first.document.lines] == [20000, None]
    again = services.receipts.print_receipt(manager, donation)
    assert again.document.receipt_number == "PT01-2026-J000001" and again.document.reprint_count == 1
    assert events(services) == before + 2
    assert first.document.verification_code == again.document.verification_code
    assert first.document.qr_payload == again.document.qr_payload, "a reprint carries the same signed QR code"
    assert first.document.qr_payload.startswith("CPOS-R2:PT01:PT01-2026-J000001:20260310:20000:")


def test_a_failed_pdf_uses_no_number(services, manager, donation) -> None:
    def broken(_doc):
        raise OSError("printer out of paper")

    with pytest.raises(OSError):
        services.receipts.print_receipt(manager, donation, render=broken)
    assert services.receipts.print_receipt(manager, donation).document.receipt_number == "PT01-2026-J000001"


def test_cashier_needs_a_manager_for_a_receipt(services, cashier, donation) -> None:
    with pytest.raises(ApprovalRequired):
        services.receipts.print_receipt(cashier, donation)
    result = services.receipts.print_receipt(cashier, donation, Approval("manager", "9999", "捐赠人要收据"))
    assert result.document.receipt_number.endswith("J000001")


def test_void_keeps_the_number_and_refuses_to_print_it_again(services, manager, donation) -> None:
    number = services.receipts.print_receipt(manager, donation).document.receipt_number
    services.receipts.void(manager, number, "捐赠人名称有误")
    voided = services.receipts.document(number)
    assert voided.void_reason == "捐赠人名称有误" and voided.receipt_number == number
    with pytest.raises(ReceiptVoided):
        services.receipts.print_receipt(manager, donation)
    new = services.receipts.print_receipt(manager, donation, reissue=True).document
    assert new.receipt_number == "PT01-2026-J000002" and new.void_reason is None
    row = services.intake.donations(COMMAND_LINE)[0]
    assert (row.receipt_number, row.receipt_status) == ("PT01-2026-J000002", "issued")


def test_unknown_donation_and_receipt(services, manager) -> None:
    with pytest.raises(NotFound):
        services.receipts.print_receipt(manager, "PT01-2026-D999999")
    with pytest.raises(NotFound):
        services.receipts.void(manager, "PT01-2026-J999999", "x")


def test_receipt_numbers_restart_each_year(services, manager, donation, clock, cashier) -> None:
    services.receipts.print_receipt(manager, donation)
    clock.advance(days=300)  # into January 2027
    coat = services.catalog.search("羊毛衫")[0]
    later = services.intake.receive(cashier, IntakeDraft(None, (IntakeLine(coat.id, 1, valuation=Valuation.UNVALUED),)))
    assert later.number == "PT01-2027-D000001"
    assert services.receipts.print_receipt(manager, later.number).document.receipt_number == "PT01-2027-J000001"


def test_labels_one_per_unit_with_the_code_a_scanner_reads(services, donation) -> None:
    labels = services.labels.for_donation(donation)
    codes = sorted(label.barcode for label in labels)
    assert len(labels) == 3
    assert codes[-1] == "6901234567892" and all(code.startswith("22") for code in codes[:-1])
    assert labels[0].store_short_name == "普陀区长征镇慈善超市"
    with pytest.raises(NotFound):
        services.labels.for_donation("PT01-2026-D000099")
