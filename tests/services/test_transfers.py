"""Transfers at the store (services.transfers): a transfer out takes the named lots' units off stock at once
in one unit of work with one journal event, and the lots' fate says where they went; a transfer in, once
confirmed, makes lots here that keep their origin, and a lot received by transfer sent on carries its first
origin. Managers only; refusals change nothing and use no number; verify passes after each."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from charity_pos.db.models import JournalEvent, StockMovement
from charity_pos.errors import (
    InvalidInput, PermissionDenied, TransferDifferenceNeedsReason, TransferLineUnknown, TransferLotShort,
    TransferLotUnknown, TransferNotFound, TransferOverReceived, TransferStoreUnknown, TransferToOwnStore,
)
from charity_pos.ledger import journal
from charity_pos.ledger.verify import verify
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.intake import IntakeDraft, IntakeLine
from charity_pos.services.transfers import (
    DistrictStoreRow, GoodsLine, IncomingTransfer, ReceivedLine, TransferLineDraft, TransferService, record_incoming,
    replace_district_stores,
)

NUMBER = "JA02-2026-Y000003"


@pytest.fixture
def transfers(services):
    own = services.store().code
    with services.db.begin() as s:
        replace_district_stores(s, [DistrictStoreRow(own, "本店", "store"),
                                    DistrictStoreRow("JA02", "江宁路", "store"),
                                    DistrictStoreRow("JAWH", "仓库", "warehouse")])
    return TransferService(services.ctx, services.accounts)


@pytest.fixture
def coats(services, manager):
    coat = services.catalog.create_item(manager, ItemDraft("羽绒服 男款", "clothing", "件", 5000,
                                                           source=Source.DONATED)).ids[0]
    number = services.intake.receive(manager, IntakeDraft(None, (IntakeLine(coat, 10, unit_value_fen=8000),))).number
    lot = [row for row in services.stock.lots() if row.item_id == coat][0]
    return coat, lot, number


def incoming(services, lines=None) -> None:
    own = services.store().code
    goods = lines or (GoodsLine(1, None, "羽绒服 女款", "件", "clothing", 5000, "donated", None, "2200000000017",
                                "donation", "JA02", "2200000000017", "JA02-2026-D000009", 8000, 5),
                      GoodsLine(2, "6901234567892", "东北大米 5kg", "袋", "grain_oil", 3500, "purchased", None,
                                "9f0c2b8e-2d8e-4b0a-9d7e-6a1f7a0d2c11", "purchase", "JA02", "9f0c2b8e-2d8e-4b0a-9d7e-"
                                "6a1f7a0d2c11", "JA02-2026-R000002", None, 2))
    with services.db.begin() as s:
        record_incoming(s, [IncomingTransfer(NUMBER, "JA02", own, datetime(2026, 3, 9, 2, tzinfo=UTC), "", goods)],
                        at=datetime.now(UTC), sequence=1, where="test")
        journal.append(s, "district.applied", actor=None, at=datetime.now(UTC), facts={"test": True})


def assert_verifies(services) -> None:
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok and not report.identity, report.problem


def counts(services) -> tuple[int, int]:
    with services.db.read() as s:
        return (s.scalar(select(func.count()).select_from(JournalEvent)) or 0,
                s.scalar(select(func.count()).select_from(StockMovement)) or 0)


def test_send_takes_the_units_off_at_once_in_one_event(services, manager, transfers, coats) -> None:
    coat, lot, donation = coats
    events, moves = counts(services)
    changes = transfers.send(manager, "jawh", [TransferLineDraft(lot.lot_id, 4)], "冬衣")
    assert changes.number and "-Y000001" in changes.number
    assert counts(services) == (events + 1, moves + 1)
    assert services.stock.on_hand(coat) == 6
    row = transfers.get(changes.number)
    assert (row.other_store, row.status, row.units_sent, row.note) == ("JAWH", "sent", 4, "冬衣")
    line = row.lines[0]
    assert (line.origin, line.origin_store, line.origin_document, line.origin_lot) == (
        "donation", services.store().code, donation, lot.barcode)
    traced = services.trace.trace(manager, changes.number)
    assert traced.kind == "transfer" and traced.totals.transferred == 4 and traced.totals.balances
    assert services.trace.imbalances(manager) == []
    assert_verifies(services)


def test_send_refusals_change_nothing(services, manager, cashier, transfers, coats) -> None:
    _coat, lot, _ = coats
    before = counts(services)
    own = services.store().code
    for code, error in ((own, TransferToOwnStore), ("ZZ99", TransferStoreUnknown), ("A!", TransferStoreUnknown)):
        with pytest.raises(error):
            transfers.send(manager, code, [TransferLineDraft(lot.lot_id, 1)])
    with pytest.raises(TransferLotShort):
        transfers.send(manager, "JA02", [TransferLineDraft(lot.lot_id, 6), TransferLineDraft(lot.lot_id, 5)])
    with pytest.raises(TransferLotUnknown):
        transfers.send(manager, "JA02", [TransferLineDraft(uuid.uuid4(), 1)])
    with pytest.raises(InvalidInput):
        transfers.send(manager, "JA02", [TransferLineDraft(lot.lot_id, 0)])
    with pytest.raises(InvalidInput):
        transfers.send(manager, "JA02", [])
    with pytest.raises(PermissionDenied):
        transfers.send(cashier, "JA02", [TransferLineDraft(lot.lot_id, 1)])
    assert counts(services) == before
    assert transfers.transfers() == []
    assert transfers.send(manager, "JA02", [TransferLineDraft(lot.lot_id, 1)]).number.endswith("Y000001")


def test_a_maker_barcode_takes_the_items_lots_oldest_first(services, manager, transfers, make_item, clock) -> None:
    rice = make_item("东北大米 5kg", barcode="6901234567892")
    services.stock.receive(manager, {rice.id: 3})
    clock.advance(minutes=5)  # the second lot the newer
    services.stock.receive(manager, {rice.id: 4})
    drafts = transfers.drafts_for("6901234567892", 5)
    assert [d.quantity for d in drafts] == [3, 2]
    with pytest.raises(TransferLotShort):
        transfers.drafts_for("6901234567892", 8)
    with pytest.raises(TransferLotUnknown):
        transfers.drafts_for("123", 1)


def test_receive_makes_lots_that_keep_their_origin(services, manager, cashier, transfers, make_item) -> None:
    rice = make_item("东北大米 5kg", barcode="6901234567892")
    incoming(services)
    row = transfers.get(NUMBER)
    assert (row.direction, row.status, row.other_store, row.units_received) == ("in", "waiting", "JA02", None)
    before = counts(services)
    with pytest.raises(PermissionDenied):
        transfers.receive(cashier, NUMBER)
    with pytest.raises(TransferOverReceived):
        transfers.receive(manager, NUMBER, [ReceivedLine(2, 3)])
    with pytest.raises(TransferDifferenceNeedsReason):
        transfers.receive(manager, NUMBER, [ReceivedLine(1, 4)])
    with pytest.raises(TransferLineUnknown):
        transfers.receive(manager, NUMBER, [ReceivedLine(3, 1)])
    with pytest.raises(TransferNotFound):
        transfers.receive(manager, "JA02-2026-Y000099")
    assert counts(services) == before
    transfers.receive(manager, NUMBER, [ReceivedLine(1, 4, "一件被雨水浸湿")])
    row = transfers.get(NUMBER)
    assert (row.status, row.units_received) == ("received", 6)
    assert [(l.quantity_received, l.difference_reason) for l in row.lines] == [(4, "一件被雨水浸湿"), (2, "")]
    # the rice arrived as the store's own item (its maker's barcode); the coat as a new item with a lot code
    assert services.stock.on_hand(rice.id) == 2
    coats = [lot for lot in transfers.lots() if lot.item_name == "羽绒服 女款"]
    assert [(lot.left, lot.origin, lot.document) for lot in coats] == [(4, "donation", NUMBER)]
    assert coats[0].code.startswith("22")
    story = services.trace.trace(manager, coats[0].code)
    came = [e for e in story.events if e.kind == "received"][0]
    assert "JA02" in came.detail and "JA02-2026-D000009" in came.detail and came.party == ""
    assert story.totals.received == 4 and story.totals.balances
    with pytest.raises(Exception) as refused:
        transfers.receive(manager, NUMBER)
    assert type(refused.value).__name__ == "TransferAlreadyReceived"
    assert_verifies(services)


def test_goods_received_by_transfer_and_sent_on_keep_their_first_origin(services, manager, transfers) -> None:
    incoming(services)
    transfers.receive(manager, NUMBER)
    coat = [lot for lot in transfers.lots() if lot.item_name == "羽绒服 女款"][0]
    number = transfers.send(manager, "JAWH", [TransferLineDraft(coat.lot_id, 2)]).number or ""
    line = transfers.get(number).lines[0]
    assert (line.from_lot, line.origin_store, line.origin_lot, line.origin_document) == (
        coat.code, "JA02", "2200000000017", "JA02-2026-D000009")
    assert services.trace.imbalances(manager) == []


def test_the_donor_statement_says_how_many_units_went_to_another_store(services, manager, transfers) -> None:
    from charity_pos.printing.donor_letter import letter_lines
    from charity_pos.services.base import local_date
    from charity_pos.services.donors import DonorDraft, DonorKind

    donor = services.donors.create(manager, DonorDraft(DonorKind.PERSON, "张伟", "13800138000")).ids[0]
    coat = services.catalog.create_item(manager, ItemDraft("羽绒服 男款", "clothing", "件", 5000,
                                                           source=Source.DONATED)).ids[0]
    services.intake.receive(manager, IntakeDraft(donor, (IntakeLine(coat, 10, unit_value_fen=8000),)))
    lot = [row for row in services.stock.lots() if row.item_id == coat][0]
    transfers.send(manager, "JA02", [TransferLineDraft(lot.lot_id, 4)])
    doc = services.trace.donor_statement(manager, "张伟", local_date(services.ctx.now()).year)
    assert (doc.transferred, doc.on_shelf) == (4, 6)
    assert "· 调往区内其他慈善超市继续义卖或发放 4 件；" in letter_lines(doc)
