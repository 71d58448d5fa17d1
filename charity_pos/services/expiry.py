"""Goods near their best-before date (临期商品): the lots the expiry report
lists (``reports.ledgers.expiry``: past the date, within 7 days, within 30),
and the markdown a manager applies to their goods in one step: a share off
each item's price or a new price, one unit of work, one journal event, each
item's change logged as a price change with the reason 临期降价.

A markdown is for goods near their date only: an item with no lot on the
shelf within ``LATER`` days of its date (or past it) is refused, and so is a
price that would not come down (raising or keeping prices goes through the
item editor, a manager's approval and all).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from charity_pos.db.models import Item, StockLot
from charity_pos.domain import barcodes
from charity_pos.domain.money import check_fen
from charity_pos.errors import InvalidInput, NotFound, UnknownBarcode
from charity_pos.ledger import journal
from charity_pos.reports.ledgers.expiry import LATER, SOON, ExpiringLot, expiring_lots
from charity_pos.reports.table import Filters
from charity_pos.services.accounts import AccountService
from charity_pos.services.audit import audit
from charity_pos.services.base import Caller, Changes, Entity, ServiceContext, local_date, user_id_of
from charity_pos.services.catalog import price_change
from charity_pos.services.permissions import Action, require_of

#: the reason every markdown is logged with
MARKDOWN_REASON = "临期降价"
#: the windows the near-expiry list offers, in days
WINDOWS = (SOON, LATER)
#: a markdown takes at most this share off
MAX_PERCENT = 90
#: at most this many items in one markdown
MAX_ITEMS = 500


@dataclass(frozen=True)
class Markdown:
    """What a manager marks down: items (each once), and either a share off
    each one's price, in whole percent, or one new price for them all."""

    item_ids: tuple[uuid.UUID, ...]
    percent: int | None = None
    price_fen: int | None = None


def marked_down(price_fen: int, percent: int) -> int:
    """``price_fen`` less ``percent`` percent, rounded down to the 角 (a price
    shoppers read at a glance), or to the fen for prices under a 角."""
    exact = price_fen * (100 - percent) // 100
    return exact // 10 * 10 if exact >= 10 else max(1, exact)


def _check(markdown: Markdown) -> None:
    if not markdown.item_ids:
        raise InvalidInput(field="markdown", value=0, reason="empty")
    if len(markdown.item_ids) > MAX_ITEMS or len(set(markdown.item_ids)) != len(markdown.item_ids):
        raise InvalidInput(field="markdown", value=len(markdown.item_ids), reason="too_large")
    if (markdown.percent is None) == (markdown.price_fen is None):
        raise InvalidInput(field="markdown", value="", reason="markdown_either")
    if markdown.percent is not None:
        percent = markdown.percent
        if isinstance(percent, bool) or not isinstance(percent, int) or not 1 <= percent <= MAX_PERCENT:
            raise InvalidInput(field="markdown", value=percent, reason="markdown_percent")
    if markdown.price_fen is not None:
        check_fen(markdown.price_fen, field="sale_price", allow_zero=False)


class ExpiryService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def lots(self, actor: Caller, within: int = LATER, *, category: str | None = None) -> list[ExpiringLot]:
        """The lots on the shelf now whose date is past or at most ``within``
        days away (7 or 30), soonest first: what the expiry report lists for
        today. ``actor``: who sees the reports (None: the command line)."""
        if within not in WINDOWS:
            raise InvalidInput(field="days", value=within, reason="choice")
        today = local_date(self.ctx.now())
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.VIEW_REPORTS)
            return expiring_lots(s, Filters(today, today, category or None), within)

    def item_for_code(self, code: str) -> uuid.UUID:
        """The item a scanned code names: the code on a lot's label, or an
        item's own barcode (UnknownBarcode otherwise)."""
        normalized = barcodes.normalize(code)
        with self.ctx.db.read() as s:
            item_id = s.scalar(select(StockLot.item_id).where(StockLot.barcode == normalized)) or s.scalar(
                select(Item.id).where(Item.barcode == normalized))
        if item_id is None:
            raise UnknownBarcode(barcode=normalized)
        return item_id

    def mark_down(self, actor: Caller, markdown: Markdown) -> Changes:
        """Mark down the items in one unit of work with one journal event
        (``item.updated``, its facts the reason 临期降价, the share off and
        each item's price change), each change in the audit log too. Only a
        manager (or the command line) marks down; a cashier's role may not."""
        _check(markdown)
        now = self.ctx.now()
        today = local_date(now)
        with self.ctx.db.begin() as s:
            require_of(s, actor, Action.CHANGE_PRICE)
            near = {lot.item_id for lot in expiring_lots(s, Filters(today, today))}
            changes: list[dict[str, object]] = []
            for item_id in markdown.item_ids:
                item = s.get(Item, item_id)
                if item is None:
                    raise NotFound(kind="item", key=str(item_id))
                if item_id not in near:
                    raise InvalidInput(field="markdown", value=item.name, reason="not_near_expiry")
                new = markdown.price_fen if markdown.price_fen is not None else marked_down(
                    item.sale_price_fen, markdown.percent or 0)
                if new >= item.sale_price_fen:
                    raise InvalidInput(field="markdown", value=item.name, reason="not_lower")
                change = price_change(item, new, item.reference_price_fen)
                changes.append({"item": str(item.id), **change})
                audit(s, now, str(Action.CHANGE_PRICE), "marked_down", user_id_of(actor), item=str(item.id),
                      reason=MARKDOWN_REASON, price_from=item.sale_price_fen, price_to=new)
                item.sale_price_fen = new
                item.updated_at = now
            ev = journal.append(s, "item.updated", actor=user_id_of(actor), at=now, facts={
                "reason": MARKDOWN_REASON, "percent": markdown.percent, "prices": changes})
        return Changes(frozenset({Entity.ITEMS}), markdown.item_ids, ev.seq)
