"""Handing out goods free to households in hardship, against their quota.

A card is looked up (refused when suspended, expired or erased), its
standing in the period computed from the rule and the period's handouts,
and a basket judged against it. Finishing is one transaction: the handout,
its lines, the lots each line came from, the stock movements and the
journal event, under a gap-free H number. Past the allowance, an enforce
rule needs a manager's approval and reason; a warn rule lets it through
and logs the override.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from charity_pos.db.campaign import outside_allowance
from charity_pos.db.district import OtherStoreUse
from charity_pos.db.base import new_id
from charity_pos.db.driver import driver
from charity_pos.db.engine import Prepared, Reader
from charity_pos.db.sync_state import SYNC_STATE_ID, SyncState
from charity_pos.db.models import Category, Handout, HandoutLine, HandoutLineLot, Household, Item, StockLot, User
from charity_pos.domain import barcodes, quota
from charity_pos.domain.documents import HandoutSlipDoc, HandoutSlipLine
from charity_pos.domain.identity import mask_name
from charity_pos.domain.quantities import check_line_count, check_quantity
from charity_pos.errors import (
    ApprovalRejected, ApprovalRequired, CardRefused, InvalidInput, NoQuotaRule, NotFound,
    UnknownBarcode,
)
from charity_pos.ledger import journal
from charity_pos.services import lots
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import (
    STORE_TZ, Actor, Approval, Caller, Changes, Entity, ServiceContext, local_date, user_id_of,
)
from charity_pos.services.goods_moves import Rows, sellable_on_hand, take_from_lots
from charity_pos.services.handout_rows import HandoutRow as HandoutRow, handout_rows
from charity_pos.services.households import CATEGORY_NAMES, HouseholdCategory
from charity_pos.services.permissions import Action, require, require_of
from charity_pos.services.printed import render_then_commit
from charity_pos.services.quotas import rule_for
from charity_pos.services.sales import is_food, load_item
from charity_pos.services.sequences import next_number

MAX_LINES = 100
MAX_QUANTITY = 999

#: The tables a handout writes (with the stock's), as plain rows through ``journal.insert_rows``.
_HANDOUT, _HANDOUT_LINE, _HANDOUT_LINE_LOT = Handout.__table__, HandoutLine.__table__, HandoutLineLot.__table__


class HandoutWarning:
    OVER_ALLOWANCE = "over_allowance"  # a warn rule let the basket past the allowance (logged)
    NO_STOCK = "no_stock"


@dataclass(frozen=True)
class CardView:
    """What the cashier sees after scanning a relief card: masked."""

    household_id: uuid.UUID
    card_number: str
    head_name_masked: str
    id_masked: str
    members: int
    category: str  # code
    category_name: str  # 低保 ...
    valid_from: date
    valid_to: date
    period: quota.Period
    enforce: bool
    standing: quota.Standing  # used_fen includes the use at other stores
    #: what the household took in the period at the district's other stores (from the hub's last bundle)
    used_elsewhere_fen: int = 0


@dataclass(frozen=True)
class Goods:
    """A scanned item as it counts against an allowance."""

    item_id: uuid.UUID
    name: str
    unit: str
    goods_category: str
    goods_category_name: str
    unit_value_fen: int
    source: str
    on_hand: int
    lot_id: uuid.UUID | None = None
    for_sale: bool = True  # False: relief goods not for sale, valued at their reference price

    def line(self, quantity: int) -> quota.BasketLine:
        return quota.BasketLine(self.goods_category, quantity, quantity * self.unit_value_fen)


@dataclass(frozen=True)
class HandoutLineDraft:
    item_id: uuid.UUID
    quantity: int
    lot_id: uuid.UUID | None = None


@dataclass(frozen=True)
class HandoutDraft:
    ticket_id: uuid.UUID
    household_id: uuid.UUID
    lines: tuple[HandoutLineDraft, ...]
    approval: Approval | None = None  # a manager's, to go past the allowance of an enforce rule


class ReliefGoods(NamedTuple):
    """What handing out needs of an item, read as plain columns."""

    id: uuid.UUID
    name: str
    source: str
    active: bool
    sale_price_fen: int
    reference_price_fen: int | None
    category_code: str


#: An item of a basket with its category, prepared once.
_RELIEF_GOODS = Prepared(select(Item.id, Item.name, Item.source, Item.active, Item.sale_price_fen,
                                Item.reference_price_fen, Category.code)
                         .join(Item.category).where(Item.id == bindparam("item_id")))


def relief_goods(reader: Reader, item_ids: Sequence[uuid.UUID]) -> list[ReliefGoods]:
    """The goods of a basket's lines, in their order (an item on two lines
    read once); ``NotFound`` names the first item that does not exist."""
    found: dict[uuid.UUID, ReliefGoods] = {}
    for item_id in item_ids:
        if item_id not in found:
            rows = reader.rows(_RELIEF_GOODS, item_id=item_id)
            if not rows:
                raise NotFound(kind="item", key=str(item_id))
            found[item_id] = ReliefGoods(*rows[0])
    return [found[item_id] for item_id in item_ids]


def unit_value(item: Item | ReliefGoods) -> int:
    """Goods count at their sale price; relief goods not for sale at their
    reference price."""
    if not item.active and item.reference_price_fen:
        return item.reference_price_fen
    return item.sale_price_fen


def _household_by_card(session: Session, card: str) -> Household:
    code = "".join(card.split()).upper()
    household = session.scalars(select(Household).where(Household.card_number == code)).first()
    if household is None:
        raise CardRefused(card=code, reason="unknown")
    return household


def check_card(household: Household, today: date) -> None:
    if household.erased_at is not None:
        raise CardRefused(card=household.card_number, reason="erased")
    if household.status == "suspended":
        raise CardRefused(card=household.card_number, reason="suspended", why=household.status_reason or "")
    if household.status == "expired" or household.valid_to < today:
        raise CardRefused(card=household.card_number, reason="expired", until=household.valid_to.isoformat())
    if household.valid_from > today:
        raise CardRefused(card=household.card_number, reason="not_yet_valid", until=household.valid_from.isoformat())


#: What a household used in a period, prepared once: here (value, and units
#: by goods category) and at the district's other stores.
#: (A campaign's package that does not count against the allowance is left out: ``db.campaign``.)
_USED = Prepared(select(func.coalesce(func.sum(Handout.total_value_fen), 0))
                 .where(Handout.household_id == bindparam("household"), Handout.period_key == bindparam("period"),
                        Handout.id.not_in(outside_allowance())))
_COUNTS = Prepared(select(HandoutLine.goods_category, func.sum(HandoutLine.quantity)).join(Handout)
                   .where(Handout.household_id == bindparam("household"), Handout.period_key == bindparam("period"),
                          Handout.id.not_in(outside_allowance()))
                   .group_by(HandoutLine.goods_category))
_ELSEWHERE = Prepared(select(OtherStoreUse.used_fen).where(OtherStoreUse.district_hash == bindparam("district_hash"),
                                                           OtherStoreUse.period_key == bindparam("period")))


def used_elsewhere(session: Session, household: Household, period_key: str) -> int:
    """The household's use in the period at the district's other stores, as
    the hub's last downstream bundle said (matched by its district hash)."""
    if not household.district_hash:
        return 0
    found = Reader.within(session).rows(_ELSEWHERE, district_hash=household.district_hash, period=period_key)
    return int(found[0][0] or 0) if found else 0


def standing(session: Session, household: Household, today: date) -> tuple[quota.Rule, quota.Period, quota.Standing]:
    """The allowance and what was used in the period: here, and at the district's other stores."""
    rule = rule_for(session, household.category)
    if rule is None:
        raise NoQuotaRule(category=CATEGORY_NAMES.get(HouseholdCategory(household.category), household.category))
    period = quota.period_of(today, rule.period)
    reader = Reader.within(session)
    ((used,),) = reader.rows(_USED, household=household.id, period=period.key)
    used = int(used or 0) + used_elsewhere(session, household, period.key)
    counts = reader.rows(_COUNTS, household=household.id, period=period.key)
    return rule, period, quota.Standing(rule.value_for(household.members, today), used,
                                        rule.counts_for(household.members), {k: int(v) for k, v in counts})


class HandoutService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    # --- the card -------------------------------------------------------------
    def card(self, code: str) -> CardView:
        today = local_date(self.ctx.now())
        with self.ctx.db.read() as s:
            household = _household_by_card(s, code)
            check_card(household, today)
            rule, period, now_standing = standing(s, household, today)
            category = HouseholdCategory(household.category)
            return CardView(household.id, household.card_number, mask_name(household.head_name),
                            household.id_masked, household.members, category.value, CATEGORY_NAMES[category],
                            household.valid_from, household.valid_to, period, rule.enforce, now_standing,
                            used_elsewhere(s, household, period.key))

    # --- the goods ------------------------------------------------------------
    def scan(self, code: str) -> Goods:
        normalized = barcodes.normalize(code)
        with self.ctx.db.read() as s:
            lot = s.scalars(select(StockLot).where(StockLot.barcode == normalized)).first()
            item_id = lot.item_id if lot is not None else s.scalars(
                select(Item.id).where(Item.barcode == normalized)).first()
            if item_id is None:
                raise UnknownBarcode(barcode=normalized)
            return self._goods(s, item_id, lot)

    def goods(self, item_id: uuid.UUID) -> Goods:
        with self.ctx.db.read() as s:
            return self._goods(s, item_id, None)

    def _goods(self, s: Session, item_id: uuid.UUID, lot: StockLot | None) -> Goods:
        today = local_date(self.ctx.now())
        item, category_code = load_item(s, item_id)
        balances = lots.all_balances(s, item.id)
        food = is_food(category_code)
        if food:
            if lot is not None and lot.expiry_date is not None and lot.expiry_date < today:
                raise lots.expired(item.name, lot)
            stale = [l for l, left in balances if left > 0 and l.expiry_date and l.expiry_date < today]
            if stale and sellable_on_hand(balances, today, food=True) <= 0:
                raise lots.expired(item.name, stale[0])
        category_name = s.scalar(select(Category.name).where(Category.code == category_code)) or category_code
        return Goods(item.id, item.name, item.unit, category_code, category_name, unit_value(item), item.source,
                     sellable_on_hand(balances, today, food=food), lot.id if lot is not None else None,
                     item.active)

    # --- judging and finishing ---------------------------------------------------
    def judge(self, household_id: uuid.UUID, lines: list[tuple[Goods, int]]) -> quota.Verdict:
        today = local_date(self.ctx.now())
        with self.ctx.db.read() as s:
            household = s.get(Household, household_id)
            if household is None:
                raise NotFound(kind="household", key=str(household_id))
            _rule, _period, now = standing(s, household, today)
        return quota.judge(now, [goods.line(quantity) for goods, quantity in lines])

    def approve_beyond(self, actor: Actor, approval: Approval | None) -> None:
        """Ahead of a basket going further past an enforce rule's allowance,
        at the counter as it happens: a cashier needs a manager's approval
        (the PIN is checked now, and a wrong one counted); a manager handing
        out gives a reason of their own. Raises a PosError saying which is
        missing. ``complete`` checks both again when the handout is made."""
        approved = self.accounts.authorize(actor, Action.OVER_ALLOWANCE, approval)
        if approved is None and (approval is None or not approval.reason.strip()):
            raise ApprovalRejected(action=str(Action.OVER_ALLOWANCE), reason="no_reason")

    def complete(self, actor: Actor, draft: HandoutDraft) -> Changes:
        if not draft.lines:
            raise InvalidInput(field="lines", value=0, reason="empty")
        check_line_count(len(draft.lines), MAX_LINES)
        for line in draft.lines:
            check_quantity(line.quantity, MAX_QUANTITY)
        today = local_date(self.ctx.now())
        # Judge first, and check a manager's PIN before the write transaction
        # (a PIN check writes its count of wrong PINs in its own).
        with self.ctx.db.read() as s:
            done = s.scalars(select(Handout).where(Handout.ticket_id == draft.ticket_id)).first()
            if done is not None:
                return Changes(frozenset({Entity.HANDOUTS}), (done.id,), None, done.number)
            household = s.get(Household, draft.household_id)
            if household is None:
                raise NotFound(kind="household", key=str(draft.household_id))
            check_card(household, today)
            rule, _period, before = standing(s, household, today)
            items = relief_goods(Reader.within(s), [line.item_id for line in draft.lines])
            basket = [quota.BasketLine(item.category_code, line.quantity, line.quantity * unit_value(item))
                      for line, item in zip(draft.lines, items, strict=True)]
        verdict = quota.judge(before, basket)
        enforced = not verdict.within and rule.enforce
        approved = self.accounts.authorize(actor, Action.OVER_ALLOWANCE, draft.approval) if enforced else None
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            grant = require(s, actor, Action.HAND_OUT)
            approver: Actor | None = None
            if enforced:
                over = require(s, actor, Action.OVER_ALLOWANCE, approved)
                approver = over.approver
                if approver is None:  # a manager handing out needs a reason of their own
                    if draft.approval is None or not draft.approval.reason.strip():
                        raise ApprovalRequired(action=str(Action.OVER_ALLOWANCE), role=str(grant.actor.role))
                    approver = grant.actor
            done = s.scalars(select(Handout).where(Handout.ticket_id == draft.ticket_id)).first()
            if done is not None:  # finished from another window in the meantime
                return Changes(frozenset({Entity.HANDOUTS}), (done.id,), None, done.number)
            household = s.get(Household, draft.household_id)
            assert household is not None
            rule, period, standing_now = standing(s, household, today)
            if quota.judge(standing_now, basket) != verdict:  # another till handed out meanwhile
                raise InvalidInput(field="household", value=household.card_number, reason="changed")
            number = next_number(s, "handout", today.year)
            total = sum(line.value_fen for line in basket)
            reason = draft.approval.reason.strip()[:200] if draft.approval and not verdict.within else None
            handout_id = new_id()
            mode = "enforce" if rule.enforce else "warn"
            rows: Rows = [(_HANDOUT, {
                "id": handout_id, "number": number, "ticket_id": draft.ticket_id, "household_id": household.id,
                "period_key": period.key, "at": now, "cashier_id": actor.user_id, "total_value_fen": total,
                "allowance_fen": standing_now.allowance_fen, "used_before_fen": standing_now.used_fen, "mode": mode,
                "over_allowance": not verdict.within, "approved_by": approver.user_id if approver else None,
                "override_reason": reason, "slip_prints": 0})]
            reader = Reader.within(s)
            items = relief_goods(reader, [line.item_id for line in draft.lines])
            balances = lots.lot_balances(reader, [item.id for item in items])
            warnings: list[str] = []
            for line_no, (line, basket_line, item) in enumerate(
                    zip(draft.lines, basket, items, strict=True), start=1):
                line_id = new_id()
                rows.append((_HANDOUT_LINE, {
                    "id": line_id, "handout_id": handout_id, "line_no": line_no, "item_id": item.id,
                    "name": item.name, "goods_category": item.category_code, "source": item.source,
                    "quantity": line.quantity,
                    "unit_value_fen": unit_value(item), "value_fen": basket_line.value_fen}))
                if take_from_lots(rows, balances[item.id], parts=_HANDOUT_LINE_LOT, line_key="handout_line_id",
                                  line_id=line_id, item_id=item.id, item_name=item.name, quantity=line.quantity,
                                  food=is_food(item.category_code), lot_id=line.lot_id, today=today, reason="handout",
                                  document=number, user_id=actor.user_id, at=now):
                    warnings.append(HandoutWarning.NO_STOCK)
            journal.insert_rows(s, rows)
            facts: dict[str, object] = {"number": number, "period": period.key}
            if not verdict.within:
                override: dict[str, object] = {"mode": mode, "over_value_fen": verdict.over_value_fen,
                                               "over_counts": verdict.over_counts}
                facts["override"] = override
                if approver is not None:
                    override["approved_by"] = str(approver.user_id)
                    override["reason"] = reason
                else:
                    warnings.append(HandoutWarning.OVER_ALLOWANCE)
                audit(s, now, str(Action.OVER_ALLOWANCE), "approved" if approver else "warned", actor.user_id,
                      approver.user_id if approver else None, number=number, reason=reason or "")
            ev = journal.append(s, "handout.completed", actor=actor.user_id, at=now, facts=facts)
        return Changes(frozenset({Entity.HANDOUTS, Entity.STOCK}), (handout_id,), ev.seq, number,
                       tuple(dict.fromkeys(warnings)))

    def district_data_until(self) -> datetime | None:
        """Until when the district's hub holds this store's data, as its
        last downstream bundle said (None: no bundle yet). The screen shows
        it, so a cashier knows how fresh "used in other stores" is."""
        with self.ctx.db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            return None if state is None else state.district_events_at

    # --- reading -------------------------------------------------------------
    def handouts(self, *, limit: int | None = 200, household_id: uuid.UUID | None = None) -> list[HandoutRow]:
        """Newest first."""
        with self.ctx.db.read() as s:
            return handout_rows(driver(s.connection()), limit=limit, household_id=household_id)

    def print_slip(self, actor: Caller, number: str,
                   render: Callable[[HandoutSlipDoc], None] | None = None) -> HandoutSlipDoc:
        """Count a print of the handout's slip and build it; ``render`` runs
        outside the transaction and the print is counted once it is done, so
        a failed PDF counts nothing (``services.printed``)."""
        from charity_pos.services.store import store_info

        store = store_info(self.ctx)
        now = self.ctx.now()

        def count(s: Session) -> HandoutSlipDoc:
            require_of(s, actor, Action.PRINT_SLIP)
            handout = s.scalars(select(Handout).where(Handout.number == number.strip().upper())).first()
            if handout is None:
                raise NotFound(kind="handout", key=number.strip())
            handout.slip_prints += 1
            journal.append(s, "handout.slip_printed", actor=user_id_of(actor), at=now,
                           facts={"number": handout.number, "print": handout.slip_prints})
            household = s.get(Household, handout.household_id)
            assert household is not None
            cashier = s.get(User, handout.cashier_id)
            approver = s.get(User, handout.approved_by) if handout.approved_by else None
            names = dict(s.execute(select(Category.code, Category.name)).all())
            lines = []
            used = handout.used_before_fen
            for line in handout.lines:
                used += line.value_fen
                lines.append(HandoutSlipLine(line.name, names.get(line.goods_category, line.goods_category),
                                             line.quantity, line.unit_value_fen, line.value_fen,
                                             over=used > handout.allowance_fen))
            period = handout.period_key
            label = quota.Period(period, date.min, date.min).label()
            return HandoutSlipDoc(
                store_name=store.name, store_code=store.code, number=handout.number,
                at=handout.at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M"),
                cashier=cashier.username if cashier else "", card_number=household.card_number,
                head_name_masked=mask_name(household.head_name) if household.head_name else "",
                id_masked=household.id_masked, members=household.members,
                category=CATEGORY_NAMES.get(HouseholdCategory(household.category), household.category),
                period=label, lines=tuple(lines), total_value_fen=handout.total_value_fen,
                allowance_fen=handout.allowance_fen,
                remaining_before_fen=handout.allowance_fen - handout.used_before_fen,
                remaining_after_fen=handout.allowance_fen - handout.used_before_fen - handout.total_value_fen,
                override_reason=handout.override_reason or "", approved_by=approver.username if approver else None,
                reprint_count=handout.slip_prints - 1, training=store.training,
            )

        return render_then_commit(self.ctx.db, count, lambda doc: doc, render)
