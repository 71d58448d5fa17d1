"""Goods near their best-before date (services/expiry.py): the lots the
expiry report computes, by window; the markdown a manager applies in one
step, one journal event logged as a price change with the reason 临期降价;
and the markdowns refused."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from charity_pos.db.models import AuditEntry, JournalEvent
from charity_pos.errors import ApprovalRequired, InvalidInput, NotFound
from charity_pos.ledger.verify import verify
from charity_pos.services.base import COMMAND_LINE
from charity_pos.services.catalog import Source
from charity_pos.services.expiry import ExpiryService, Markdown, marked_down
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from tests.helpers import SHORT_DATED_OK, said_in

TODAY = date(2026, 3, 10)


@pytest.fixture
def shelf(services, cashier, make_item, clock):
    dumplings = make_item("思念水饺 1kg", category="food", price=1590, reference=2200, source=Source.DONATED)
    noodles = make_item("龙须挂面 1kg", price=890, reference=960, source=Source.DONATED)
    rice = make_item("东北大米 5kg", price=3290, source=Source.DONATED)
    for item, days in ((dumplings, 5), (noodles, 20), (rice, 300), (dumplings, -1)):
        if days < 0:  # a lot that is now past its date: taken in two days ago with a day left
            clock.advance(days=-2)
        services.intake.receive(cashier, IntakeDraft(None, (
            IntakeLine(item.id, 3, Condition.NEW, Valuation.MARKET, 1000, TODAY + timedelta(days=days)),),
            approval=SHORT_DATED_OK))
        if days < 0:
            clock.advance(days=2, minutes=1)
    return dumplings, noodles, rice


@pytest.fixture
def expiry(services) -> ExpiryService:
    return ExpiryService(services.ctx, services.accounts)


def test_the_list_is_the_reports_lots_by_window(expiry, manager, shelf) -> None:
    dumplings, noodles, _rice = shelf
    week = expiry.lots(manager, 7)
    assert [(lot.name, lot.days_left, lot.section, lot.units) for lot in week] == [
        ("思念水饺 1kg", -1, "expired", 3), ("思念水饺 1kg", 5, "within_7", 3)]
    month = expiry.lots(manager, 30)
    assert [(lot.name, lot.section) for lot in month][-1] == ("龙须挂面 1kg", "within_30")
    assert month[-1].value_fen == 3 * 890 and month[-1].lot.startswith("22")
    assert expiry.lots(COMMAND_LINE, 30) == month
    with pytest.raises(InvalidInput):
        expiry.lots(manager, 60)


def test_a_cashier_cannot_see_nor_mark_down(expiry, cashier, shelf) -> None:
    from charity_pos.errors import PermissionDenied
    with pytest.raises(PermissionDenied):
        expiry.lots(cashier, 30)
    with pytest.raises(ApprovalRequired):
        expiry.mark_down(cashier, Markdown((shelf[0].id,), percent=30))


def test_a_markdown_is_one_event_logged_as_a_price_change(services, expiry, manager, shelf, events) -> None:
    dumplings, noodles, _rice = shelf
    before = events(services)
    changes = expiry.mark_down(manager, Markdown((dumplings.id, noodles.id), percent=30))
    assert events(services) == before + 1 and set(changes.ids) == {dumplings.id, noodles.id}
    assert services.catalog.get(dumplings.id).sale_price_fen == 1110  # ¥15.90 less 30%: ¥11.13, down to the 角
    assert services.catalog.get(noodles.id).sale_price_fen == 620
    with services.db.read() as s:
        ev = s.scalars(select(JournalEvent).where(JournalEvent.seq == changes.event_seq)).one()
        audits = s.scalars(select(AuditEntry).where(AuditEntry.outcome == "marked_down")).all()
    facts = json.loads(ev.payload)["facts"]
    assert ev.kind == "item.updated" and facts["reason"] == "临期降价" and facts["percent"] == 30
    assert facts["prices"] == [{"item": str(dumplings.id), "from": [1590, 2200], "to": [1110, 2200]},
                               {"item": str(noodles.id), "from": [890, 960], "to": [620, 960]}]
    assert len(audits) == 2 and all(a.action == "item.change_price" and a.user_id == manager.user_id
                                    for a in audits)
    assert all("临期降价" in a.detail for a in audits)
    expiry.mark_down(manager, Markdown((noodles.id,), price_fen=500))  # a new price
    assert services.catalog.get(noodles.id).sale_price_fen == 500
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


@pytest.mark.parametrize("markdown_of, reason", [
    (lambda d, n, r: Markdown((d.id, r.id), percent=20), "not_near_expiry"),
    (lambda d, n, r: Markdown((d.id, n.id), price_fen=1000), "not_lower"),  # above the noodles' ¥8.90
    (lambda d, n, r: Markdown((d.id,), percent=0), "markdown_percent"),
    (lambda d, n, r: Markdown((d.id,), percent=91), "markdown_percent"),
    (lambda d, n, r: Markdown((d.id,), percent=True), "markdown_percent"),
    (lambda d, n, r: Markdown((d.id,), percent=10, price_fen=500), "markdown_either"),
    (lambda d, n, r: Markdown((d.id,)), "markdown_either"),
    (lambda d, n, r: Markdown((), percent=10), "empty"),
    (lambda d, n, r: Markdown((d.id, d.id), percent=10), "too_large"),
])
def test_bad_markdowns_are_refused_and_change_nothing(services, expiry, manager, shelf, events, markdown_of,
                                                      reason) -> None:
    dumplings, noodles, rice = shelf
    before = (events(services), [services.catalog.get(i.id).sale_price_fen for i in shelf])
    with pytest.raises(InvalidInput) as caught:
        expiry.mark_down(manager, markdown_of(dumplings, noodles, rice))
    assert caught.value.reason == reason
    assert (events(services), [services.catalog.get(i.id).sale_price_fen for i in shelf]) == before
    assert said_in(caught.value, "zh_CN") and said_in(caught.value, "zh_CN") != said_in(caught.value, "en")


def test_an_unknown_item_is_refused(expiry, manager, shelf) -> None:
    import uuid
    with pytest.raises(NotFound):
        expiry.mark_down(manager, Markdown((uuid.uuid4(),), percent=10))


def test_marked_down_rounds_down_to_the_jiao() -> None:
    assert [marked_down(p, 30) for p in (1590, 890, 100, 12, 5)] == [1110, 620, 70, 8, 3]
    assert marked_down(1, 90) == 1, "never free"
