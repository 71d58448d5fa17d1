"""A paper is made outside the unit of work that counts it
(``services.printed``): the store's write lock is free while a PDF renders,
and a paper that could not be made still counts nothing."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest

from charity_pos.domain.documents import ReceiptDoc
from charity_pos.services import printed
from charity_pos.services.base import COMMAND_LINE, Actor
from charity_pos.services.catalog import ItemDraft, ItemRow, Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.registry import Services
from charity_pos.services.sale_records import SaleView
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from tests.conftest import TILL


def _donation(services: Services, cashier: Actor, make_item) -> str:
    coat: ItemRow = make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500, reference=12000,
                              source=Source.DONATED)
    lines = (IntakeLine(coat.id, 2, Condition.AS_NEW, Valuation.MARKET, 10000),)
    return services.intake.receive(cashier, IntakeDraft(None, lines)).number


def _sale(services: Services, cashier: Actor, shop: SimpleNamespace) -> str:
    draft = SaleDraft(uuid.uuid4(), TILL, (LineDraft(shop.rice.id, 1),), (PaymentDraft("cash", 3290),))
    return services.sales.complete(cashier, draft).number


def test_the_store_takes_writes_while_a_receipt_renders(services, manager, cashier, make_item) -> None:
    """Another unit of work commits from inside the rendering step: the
    receipt's transaction is not open, so the write does not wait for it
    (inside it, SQLite would refuse the second writer as locked)."""
    donation = _donation(services, cashier, make_item)
    rendered: list[ReceiptDoc] = []

    def render(doc: ReceiptDoc) -> None:
        services.catalog.create_item(manager, ItemDraft("毛巾", "daily", "条", 900))
        rendered.append(doc)

    result = services.receipts.print_receipt(manager, donation, render=render)
    assert [doc.receipt_number for doc in rendered] == ["PT01-2026-J000001"] == [result.document.receipt_number]
    assert [item.name for item in services.catalog.search("毛巾")] == ["毛巾"], "the write made while rendering stays"
    again = services.receipts.print_receipt(manager, donation)
    assert (again.document.receipt_number, again.document.reprint_count) == ("PT01-2026-J000001", 1)


def test_a_slip_printed_elsewhere_meanwhile_is_made_again(services, cashier, counter_shop) -> None:
    """Another till prints the same slip while this one renders: this paper
    would be wrong (not marked as the reprint it now is), so it is made
    again, and the print counted is the one the paper says."""
    number = _sale(services, cashier, counter_shop)
    made: list[int] = []

    def render(view: SaleView, reprints: int) -> None:
        if not made:
            services.sales.print_slip(cashier, number)  # the other till, in between
        made.append(reprints)

    view = services.sales.print_slip(cashier, number, render)
    assert made == [0, 1], "made as the original, then again as the reprint it became"
    assert view.slip_prints == 2 == services.sales.sale(number).slip_prints


def test_a_paper_that_keeps_changing_is_made_inside_the_unit_at_last(services, cashier, counter_shop) -> None:
    number = _sale(services, cashier, counter_shop)
    made: list[int] = []

    def render(view: SaleView, reprints: int) -> None:
        if len(made) < printed.ATTEMPTS:
            services.sales.print_slip(cashier, number)
        made.append(reprints)

    view = services.sales.print_slip(cashier, number, render)
    assert made == [0, 1, 2, 3] and view.slip_prints == 4 == services.sales.sale(number).slip_prints


def test_a_failed_render_leaves_the_store_as_it_was(services, manager, cashier, make_item, events) -> None:
    donation = _donation(services, cashier, make_item)
    seq = events(services)

    def broken(_doc: ReceiptDoc) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        services.receipts.print_receipt(manager, donation, render=broken)
    assert events(services) == seq and services.intake.donations(COMMAND_LINE)[0].receipt_number is None
