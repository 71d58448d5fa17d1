"""Expired food at the counter is refused naming its lot (services/lots.py):
the code on the lot's label, or, for goods sold by the maker's barcode, the
document the lot came in with; in Chinese and in English."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest

from charity_pos.errors import ExpiredLot
from charity_pos.services.catalog import Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.lots import LotKey, expired, lot_label
from tests.helpers import SHORT_DATED_OK, said_in as said

TODAY = date(2026, 3, 10)


def test_a_lot_is_named_by_its_label_else_its_document() -> None:
    key = LotKey(uuid.uuid4(), uuid.uuid4(), TODAY, datetime(2026, 3, 1))
    assert lot_label(key) == ""
    assert lot_label(LotKey(key.id, key.item_id, TODAY, key.received_at, None, "PT01-2026-D000007")) == "PT01-2026-D000007"
    assert lot_label(LotKey(key.id, key.item_id, TODAY, key.received_at, "2200000000015", "PT01-2026-D000007")) == (
        "2200000000015")


def test_the_refusal_names_the_lot_in_both_languages() -> None:
    lot = LotKey(uuid.uuid4(), uuid.uuid4(), date(2026, 3, 9),
                 datetime(2026, 3, 1), "2200000000015", "PT01-2026-D000007")
    error = expired("思念水饺 1kg", lot)
    assert said(error, "zh_CN") == ("“思念水饺 1kg”批次 2200000000015 已过保质期（2026-03-09），不能销售或发放。"
                                    "请将该批次下架。")
    assert said(error, "en") == ("“思念水饺 1kg”, lot 2200000000015, is past its best-before date (2026-03-09): it "
                                 "cannot be sold or handed out. Take the lot off the shelf.")


def test_goods_sold_by_the_makers_barcode_name_the_donation(services, cashier, make_item, clock) -> None:
    rice = make_item("东北大米 5kg", barcode="6901234567892", source=Source.DONATED)
    number = services.intake.receive(cashier, IntakeDraft(None, (
        IntakeLine(rice.id, 2, Condition.NEW, Valuation.MARKET, 3000, TODAY + timedelta(days=3)),),
        approval=SHORT_DATED_OK)).number
    clock.advance(days=5)
    with pytest.raises(ExpiredLot) as caught:
        services.sales.scan("6901234567892")
    assert caught.value.lot == number
    assert number in said(caught.value, "zh_CN")
