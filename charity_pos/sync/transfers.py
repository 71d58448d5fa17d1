"""Transfers between the district's stores as they travel (``services.transfers``).

Upstream, a transfer is in the sending store's journal: the facts of its
``transfer.sent`` event carry every line (the goods, the sending store's lot
and the goods' origin), those of the receiving store's
``transfer.received`` what arrived. The hub reads both (``hub.transfers``).

Downstream, ``transfers.json`` (``sync.district.TRANSFERS``) carries the
district's stores and warehouses (``stores``: code, name, kind) and the
transfers waiting for the store (``transfers``: number, from_store,
to_store, sent_at, note, lines). The hub writes it only for a store whose
bundles say it reads it (``reads`` in their manifest): a store of an older
version refuses a bundle with a part it does not know.

``goods_line`` and ``incoming`` check every field for type and range (the
store's own columns' limits), for the hub reading an event and the store
reading a bundle alike; ValueError names what is wrong.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from charity_pos.domain import safe_json
from charity_pos.domain.numbers import STORE_CODE, parse_number
from charity_pos.domain.safe_json import INT32_MAX
from charity_pos.errors import DownstreamTransferForOtherStore, DownstreamUnreadable
from charity_pos.services.transfers import DistrictStoreRow, GoodsLine, IncomingTransfer
from charity_pos.sync.bundle import Bundle
from charity_pos.sync.district import TRANSFERS

ORIGINS = ("donation", "purchase", "count", "unrecorded")
SOURCES = ("donated", "purchased", "consigned")
KINDS = ("store", "warehouse")
MAX_LINES = 200
MAX_TRANSFERS = 10_000
MAX_STORES = 5_000


def field_text(raw: dict[str, Any], name: str, limit: int, *, empty: bool = False) -> str:
    value = raw.get(name)
    if type(value) is not str or len(value) > limit or (not empty and not value.strip()):
        raise ValueError(name)
    return value


def field_int(raw: dict[str, Any], name: str, low: int, high: int = INT32_MAX, *, none: bool = False) -> int | None:
    value = raw.get(name)
    if value is None and none:
        return None
    if type(value) is not int or not low <= value <= high:
        raise ValueError(name)
    return value


def field_code(raw: dict[str, Any], name: str) -> str:
    value = field_text(raw, name, 8)
    if not STORE_CODE.match(value):
        raise ValueError(name)
    return value


def field_number(raw: dict[str, Any], store: str) -> str:
    value = field_text(raw, "number", 32)
    parsed = parse_number(value)
    if parsed is None or parsed[0] != store or parsed[2] != "Y" or value != value.strip().upper():
        raise ValueError("number")
    return value


def field_time(raw: dict[str, Any], name: str) -> datetime:
    value = field_text(raw, name, 40)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(name)
    return moment.astimezone(UTC)


def goods_line(raw: object, line_no: int) -> GoodsLine:
    """One line of a transfer, as the sending store wrote it (its number ``line_no``)."""
    if type(raw) is not dict:
        raise ValueError("line")
    barcode = raw.get("item_barcode")
    if barcode is not None and (type(barcode) is not str or not barcode.isdigit() or not 8 <= len(barcode) <= 14):
        raise ValueError("item_barcode")
    expiry = raw.get("expiry_date")
    if expiry is not None:
        if type(expiry) is not str or len(expiry) != 10:
            raise ValueError("expiry_date")
        expiry = date.fromisoformat(expiry)
    origin = field_text(raw, "origin", 10)
    source = field_text(raw, "item_source", 12)
    if origin not in ORIGINS or source not in SOURCES:
        raise ValueError("origin")
    if field_int(raw, "line_no", 1, MAX_LINES) != line_no:
        raise ValueError("line_no")
    sent = field_int(raw, "quantity_sent", 1, 1_000_000)
    price = field_int(raw, "sale_price_fen", 0)
    value = field_int(raw, "unit_value_fen", 0, none=True)
    assert sent is not None and price is not None
    return GoodsLine(line_no, barcode, field_text(raw, "item_name", 100), field_text(raw, "unit", 10),
                     field_text(raw, "category_code", 32), price, source, expiry, field_text(raw, "from_lot", 40),
                     origin, field_code(raw, "origin_store"), field_text(raw, "origin_lot", 40),
                     field_text(raw, "origin_document", 32), value, sent)


def goods_lines(raw: object) -> tuple[GoodsLine, ...]:
    if type(raw) is not list or not 1 <= len(raw) <= MAX_LINES:
        raise ValueError("lines")
    return tuple(goods_line(line, number) for number, line in enumerate(raw, start=1))


def incoming(raw: object) -> IncomingTransfer:
    """A transfer as the hub passes it on."""
    if type(raw) is not dict:
        raise ValueError("transfer")
    sender = field_code(raw, "from_store")
    return IncomingTransfer(field_number(raw, sender), sender, field_code(raw, "to_store"),
                            field_time(raw, "sent_at"), field_text(raw, "note", 200, empty=True),
                            goods_lines(raw.get("lines")))


def incoming_facts(transfer: IncomingTransfer) -> dict[str, object]:
    return {"number": transfer.number, "from_store": transfer.from_store, "to_store": transfer.to_store,
            "sent_at": transfer.sent_at.astimezone(UTC).isoformat(), "note": transfer.note,
            "lines": [line.facts() for line in transfer.lines]}


def store_row(raw: object) -> DistrictStoreRow:
    if type(raw) is not dict:
        raise ValueError("store")
    kind = field_text(raw, "kind", 10)
    if kind not in KINDS:
        raise ValueError("kind")
    return DistrictStoreRow(field_code(raw, "code"), field_text(raw, "name", 100), kind)


def read_transfers(bundle: Bundle, store_code: str) -> tuple[list[DistrictStoreRow], list[IncomingTransfer]] | None:
    """``transfers.json`` of a downstream bundle, every field checked; None when the bundle has none.
    A transfer for another store than ``store_code`` refuses the whole bundle."""
    data = bundle.files.get(TRANSFERS)
    if data is None:
        return None
    where = str(bundle.path)
    try:
        raw = safe_json.loads(data)
        if type(raw) is not dict or type(raw.get("stores")) is not list or type(raw.get("transfers")) is not list:
            raise ValueError
        if len(raw["stores"]) > MAX_STORES or len(raw["transfers"]) > MAX_TRANSFERS:
            raise ValueError
    except ValueError:
        raise DownstreamUnreadable(path=where, file=TRANSFERS, line=1) from None
    stores, transfers = [], []
    for number, item in enumerate(raw["stores"], start=1):
        try:
            stores.append(store_row(item))
        except ValueError:
            raise DownstreamUnreadable(path=where, file=TRANSFERS, line=number) from None
    if len({s.code for s in stores}) != len(stores):
        raise DownstreamUnreadable(path=where, file=TRANSFERS, line=1)
    for number, item in enumerate(raw["transfers"], start=1):
        try:
            transfer = incoming(item)
        except ValueError:
            raise DownstreamUnreadable(path=where, file=TRANSFERS, line=number) from None
        if transfer.to_store != store_code:
            raise DownstreamTransferForOtherStore(path=where, number=transfer.number, made_for=transfer.to_store,
                                                  store_code=store_code)
        transfers.append(transfer)
    return stores, transfers
