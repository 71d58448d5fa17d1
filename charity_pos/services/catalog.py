"""The catalog: categories and items, barcodes, prices and search."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Unpack

from sqlalchemy import ScalarSelect, Select, bindparam, func, or_, select
from sqlalchemy.orm import Session

from charity_pos.db.counter import Sale, SaleLine
from charity_pos.db.driver import driver
from charity_pos.db.engine import Prepared, Reader
from charity_pos.db.models import Category, Item, StockMovement
from charity_pos.domain import barcodes, pinyin
from charity_pos.domain.money import check_fen
from charity_pos.domain.shelf_life import SHELF_LIFE_RANGE, within
from charity_pos.errors import DuplicateBarcode, InvalidBarcode, InvalidInput, NotFound, UnknownBarcode
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import Actor, Approval, Changes, Entity, ServiceContext
from charity_pos.services.permissions import Action, require
from charity_pos.services.lots import LOT_CODE_PREFIX
from charity_pos.services.sequences import TIMELESS, next_serial
from charity_pos.services.catalog_rows import (  # noqa: F401  (the catalog's rows, found here as always)
    ITEMS, CategoryRow, ItemDraft as ItemDraft, ItemRow as ItemRow, Source as Source, item_row, items,
)

log = logging.getLogger("charity_pos.catalog")

#: The categories every store starts with, in shelf order.
DEFAULT_CATEGORIES = (
    ("food", "食品"),
    ("grain_oil", "粮油"),
    ("daily", "日用品"),
    ("clothing", "衣物"),
    ("shoes_hats", "鞋帽"),
    ("bedding", "床上用品"),
    ("books", "图书文具"),
    ("toys", "玩具"),
    ("appliances", "家电"),
    ("other", "其他"),
)

#: The longest shelf location (货位) an item may carry (``A-03``, ``冷柜2``).
LOCATION_LENGTH = 20

#: Search ranks equally good matches by the units sold over this many days.
SALES_RANK_DAYS = 90

#: Items without a manufacturer barcode get EAN-13 codes starting 21.
ITEM_CODE_PREFIX = 21


class Warning(StrEnum):
    PRICE_ABOVE_REFERENCE = "price_above_reference"


def _on_hand() -> ScalarSelect[Any]:
    return (
        select(func.coalesce(func.sum(StockMovement.quantity), 0))
        .where(StockMovement.item_id == Item.id)
        .correlate(Item)
        .scalar_subquery()
    )


#: An item's row as ``ItemRow`` takes it, in its order: plain columns, no
#: ORM objects to build for a row that is read and shown.
ITEM_COLUMNS = (Item.id, Item.name, Category.code, Category.name, Item.unit, Item.barcode, Item.sale_price_fen,
                Item.reference_price_fen, Item.source, Item.active, Item.shelf_life_days, Item.location)


def _rows(query: Select[Unpack[tuple[Any, ...]]]) -> Select[Unpack[tuple[Any, ...]]]:
    return query.add_columns(_on_hand()).join(Item.category)


#: The look-up at the till, prepared once.
BY_BARCODE = Prepared(_rows(select(*ITEM_COLUMNS)).where(Item.barcode == bindparam("code")))
#: What a unit of work writing an item reads, prepared once: a category's
#: id by its code, and the item already carrying a barcode.
CATEGORY_BY_CODE = Prepared(select(Category.id).where(Category.code == bindparam("code")))
BARCODE_HOLDER = Prepared(select(Item.id, Item.name).where(Item.barcode == bindparam("code")))


def _free_in_store_code(session: Session) -> str:
    """The next in-store item code that no item carries yet: a typed code
    from another shop's label may already hold the next serial."""
    while True:
        code = barcodes.in_store_code(ITEM_CODE_PREFIX, next_serial(session, "barcode21", TIMELESS))
        if not Reader.within(session).rows(BARCODE_HOLDER, code=code):
            return code


def _clean(reader: Reader, draft: ItemDraft) -> tuple[ItemDraft, uuid.UUID]:
    """The draft as stored (names trimmed, barcode normalized), and its
    category's id (read through ``reader``, the unit of work's)."""
    name = " ".join(draft.name.split())
    if not name:
        raise InvalidInput(field="name", value=draft.name, reason="empty")
    if len(name) > 100:
        raise InvalidInput(field="name", value=name, reason="too_long")
    unit = draft.unit.strip()
    if not unit or len(unit) > 10:
        raise InvalidInput(field="unit", value=draft.unit, reason="empty" if not unit else "too_long")
    category = reader.rows(CATEGORY_BY_CODE, code=draft.category_code)
    if not category:
        raise InvalidInput(field="category", value=draft.category_code, reason="unknown")
    check_fen(draft.sale_price_fen, field="sale_price", allow_zero=False)
    if draft.reference_price_fen is not None:
        check_fen(draft.reference_price_fen, field="reference_price")
    try:
        source = Source(draft.source)
    except ValueError:
        raise InvalidInput(field="source", value=draft.source, reason="unknown") from None
    if draft.shelf_life_days is not None and not within(draft.shelf_life_days, SHELF_LIFE_RANGE):
        raise InvalidInput(field="shelf_life", value=draft.shelf_life_days, reason="shelf_life_range")
    code = barcodes.normalize(draft.barcode or "") or None
    if code is not None:
        barcodes.validate(code)
        if len(code) == 13 and code.startswith(str(LOT_CODE_PREFIX)):  # the store's own lot codes
            raise InvalidBarcode(barcode=code, reason="lot_range")
    return (replace(draft, name=name, unit=unit, barcode=code, source=source, location=clean_location(draft.location)),
            category[0][0])


def clean_location(text: str | None) -> str | None:
    """A shelf location as stored: spaces collapsed, in capitals (``a-03`` is ``A-03``); None when empty."""
    location = " ".join((text or "").split()).upper() or None
    if location is not None and len(location) > LOCATION_LENGTH:
        raise InvalidInput(field="location", value=location, reason="too_long")
    return location


#: The item's table, written as plain rows through ``journal.insert_rows``.
ITEM_TABLE = Item.__table__


def item_values(item_id: uuid.UUID, draft: ItemDraft, category_id: uuid.UUID, barcode: str,
                at: datetime) -> dict[str, object]:
    """A new item's row, every column of it, from a cleaned draft."""
    return {
        "id": item_id,
        "name": draft.name,
        "pinyin_initials": pinyin.initials(draft.name),
        "pinyin_full": pinyin.full(draft.name),
        "category_id": category_id,
        "unit": draft.unit,
        "barcode": barcode,
        "sale_price_fen": draft.sale_price_fen,
        "reference_price_fen": draft.reference_price_fen,
        "source": draft.source.value,
        "active": draft.active,
        "shelf_life_days": draft.shelf_life_days,
        "location": draft.location,
        "created_at": at,
        "updated_at": at,
    }


def price_change(item: Item, sale_price_fen: int, reference_price_fen: int | None) -> dict[str, list[int | None]]:
    """A change of an item's prices as its journal event's facts hold it
    (``price``: from and to, each the sale price and the reference price):
    one shape for the item editor's change and for a markdown."""
    return {"from": [item.sale_price_fen, item.reference_price_fen], "to": [sale_price_fen, reference_price_fen]}


def _warnings(draft: ItemDraft) -> tuple[str, ...]:
    ref = draft.reference_price_fen
    if ref is not None and draft.sale_price_fen > ref:
        return (Warning.PRICE_ABOVE_REFERENCE,)
    return ()


class CatalogService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    # --- reading ----------------------------------------------------------
    def categories(self) -> list[CategoryRow]:
        with self.ctx.db.read() as s:
            return [CategoryRow(c.code, c.name) for c in s.scalars(select(Category).order_by(Category.sort_order))]

    def get(self, item_id: uuid.UUID) -> ItemRow:
        with self.ctx.db.read() as s:
            row = s.execute(_rows(select(*ITEM_COLUMNS)).where(Item.id == item_id)).one_or_none()
            if row is None:
                raise NotFound(kind="item", key=str(item_id))
            return item_row(*row)

    def find_by_barcode(self, code: str) -> ItemRow:
        code = barcodes.normalize(code)
        with self.ctx.db.read_rows() as reader:
            rows = reader.rows(BY_BARCODE, code=code)
        if not rows:
            raise UnknownBarcode(barcode=code)
        return item_row(*rows[0])

    def search(
        self,
        text: str = "",
        *,
        category_code: str | None = None,
        include_inactive: bool = False,
        limit: int | None = 500,
    ) -> list[ItemRow]:
        """By barcode, by any part of the name, or by pinyin (``dm`` finds 大米).

        What the cashier most likely means comes first: the scanned code, then
        names whose whole initials are what was typed (``dm``: 大米 5kg), then
        names starting with it, then names ending in it (东北大米), then the
        rest; within each, what sold most in the last 90 days, then by name."""
        text, key = pinyin.keys(text)
        query = _rows(select(*ITEM_COLUMNS, Item.pinyin_initials, Item.pinyin_full))
        if text:
            like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(
                or_(
                    Item.barcode == text,
                    Item.barcode.startswith(key, autoescape=True),
                    Item.name.contains(like, escape="\\"),
                    Item.pinyin_initials.contains(key, autoescape=True),
                    Item.pinyin_full.contains(key, autoescape=True),
                )
            )
        if category_code:
            query = query.where(Category.code == category_code)
        if not include_inactive:
            query = query.where(Item.active.is_(True))
        columns = len(ITEM_COLUMNS)  # then the initials, the full pinyin and what is on hand

        def found_row(row: Sequence[Any]) -> ItemRow:
            values = [*row[:columns], row[columns + 2]]  # an item's columns, then what is on hand
            return item_row(*values)

        if not text:  # the listing ``show items`` reads too
            with self.ctx.db.read() as s:
                return items(driver(s.connection()), category_code=category_code, include_inactive=include_inactive, limit=limit)
        since = self.ctx.now() - timedelta(days=SALES_RANK_DAYS)
        sold = (select(SaleLine.item_id, func.sum(SaleLine.quantity)).join(Sale)
                .where(Sale.status == "completed", Sale.completed_at >= since).group_by(SaleLine.item_id))
        with self.ctx.db.read() as s:
            found = [(found_row(row), row[columns], row[columns + 1]) for row in s.execute(query)]
            ids = query.with_only_columns(Item.id).scalar_subquery()
            units = {item_id: int(n) for item_id, n in s.execute(sold.where(SaleLine.item_id.in_(ids)))}

        def order(entry: tuple[ItemRow, str, str]) -> tuple[int, int, str, str]:
            row, initials, full = entry
            tier = -1 if row.barcode == text else pinyin.rank(row.name, text, initials, full)
            return tier, -units.get(row.id, 0), full, row.name

        found.sort(key=order)
        rows = [row for row, _initials, _full in found]
        return rows[:limit] if limit else rows

    def count(self) -> int:
        with self.ctx.db.read() as s:
            return s.scalar(select(func.count(Item.id))) or 0

    # --- writing ----------------------------------------------------------
    def _check_barcode_free(self, reader: Reader, code: str | None, item_id: uuid.UUID | None) -> None:
        if code is None:
            return
        for other_id, other_name in reader.rows(BARCODE_HOLDER, code=code):
            if other_id != item_id:
                raise DuplicateBarcode(barcode=code, item_name=other_name)

    def create_item(self, actor: Actor, draft: ItemDraft) -> Changes:
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.CREATE_ITEM)
            reader = Reader.within(s)  # the unit of work's reads, before it writes anything
            draft, category = _clean(reader, draft)
            self._check_barcode_free(reader, draft.barcode, None)
            code = draft.barcode or _free_in_store_code(s)
            # every column given here (the id too, not left to the column's default): the row written
            # and the row journaled are the same values, noted for the event as the flush notes an object
            item_id = uuid.uuid4()
            row = item_values(item_id, draft, category, code, now)
            journal.insert_rows(s, [(ITEM_TABLE, row)])
            ev = journal.append(s, "item.created", actor=actor.user_id, at=now)
        return Changes(frozenset({Entity.ITEMS}), (item_id,), ev.seq, warnings=_warnings(draft))

    def update_item(self, actor: Actor, item_id: uuid.UUID, draft: ItemDraft, approval: Approval | None = None) -> Changes:
        """Edit an item. Price changes and switching an item off are a
        manager's; a cashier needs a manager's approval for them."""
        now = self.ctx.now()
        with self.ctx.db.read() as s:
            current = s.get(Item, item_id)
            if current is None:
                raise NotFound(kind="item", key=str(item_id))
            price_changed = (current.sale_price_fen, current.reference_price_fen) != (
                draft.sale_price_fen,
                draft.reference_price_fen,
            )
            deactivating = current.active and not draft.active
        action = Action.CHANGE_PRICE if price_changed else Action.DEACTIVATE_ITEM if deactivating else Action.EDIT_ITEM
        approved = self.accounts.authorize(actor, action, approval)
        with self.ctx.db.begin() as s:
            approver = require(s, actor, action, approved).approver
            reader = Reader.within(s)
            draft, category = _clean(reader, draft)
            item = s.get(Item, item_id)
            assert item is not None
            self._check_barcode_free(reader, draft.barcode, item.id)
            facts: dict[str, object] = {}
            if price_changed:
                facts["price"] = price_change(item, draft.sale_price_fen, draft.reference_price_fen)
            item.name = draft.name
            item.pinyin_initials = pinyin.initials(draft.name)
            item.pinyin_full = pinyin.full(draft.name)
            item.category_id = category
            item.unit = draft.unit
            item.barcode = draft.barcode or item.barcode
            item.sale_price_fen = draft.sale_price_fen
            item.reference_price_fen = draft.reference_price_fen
            item.source = draft.source.value
            item.active = draft.active
            item.shelf_life_days = draft.shelf_life_days
            item.location = draft.location
            item.updated_at = now
            if approver is not None:
                assert approval is not None  # a manager approves only through an approval
                facts["approval"] = {"approved_by": str(approver.user_id), "reason": approval.reason}
                audit(s, now, str(action), "approved", actor.user_id, approver.user_id,
                      item=str(item.id), reason=approval.reason)
            ev = journal.append(s, "item.updated", actor=actor.user_id, at=now, facts=facts)
        return Changes(frozenset({Entity.ITEMS}), (item.id,), ev.seq, warnings=_warnings(draft))



def seed_categories(session: Session) -> None:
    for order, (code, name) in enumerate(DEFAULT_CATEGORIES):
        session.add(Category(code=code, name=name, sort_order=order))
