"""Taking in donations: goods lines and money, in one numbered transaction
that also puts every line on the shelf as a stock lot."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.driver import driver
from charity_pos.db.models import Category, Donation, DonationLine, Donor, Item
from charity_pos.domain import barcodes
from charity_pos.domain.money import check_fen
from charity_pos.domain.quantities import check_line_count, check_quantity
from charity_pos.domain.shelf_life import MinimumShelfLife, Shortfall, shortfall
from charity_pos.errors import ApprovalRejected, ApprovalRequired, ExpiredGoods, InvalidInput, NotFound, ShortShelfLife
from charity_pos.ledger import journal
from charity_pos.services import lots
from charity_pos.services.accounts import AccountService
from charity_pos.services.audit import audit
from charity_pos.services.base import Actor, Approval, Caller, Changes, Entity, ServiceContext, local_date
from charity_pos.services.counter_rules import rules_in
from charity_pos.services.donation_rows import DonationRow as DonationRow, donation_rows
from charity_pos.services.donors import name_matches
from charity_pos.services.permissions import Action, Approved, require, require_of
from charity_pos.services.sequences import next_number

#: Goods that must carry a best-before date at intake.
FOOD_CATEGORIES = frozenset({"food", "grain_oil"})
#: Food with less shelf life than this left is taken with a warning.
SHORT_SHELF_LIFE = timedelta(days=183)
MAX_QUANTITY = 100_000
MAX_LINES = 200


class Condition(StrEnum):
    NEW = "new"  # 全新
    AS_NEW = "as_new"  # 九成新
    GOOD_USED = "good_used"  # 完好旧物


class Valuation(StrEnum):
    INVOICE = "invoice"  # the donor's invoice or agreement
    MARKET = "market"  # market price of the same or similar goods
    UNVALUED = "unvalued"  # quantity only


class CashMethod(StrEnum):
    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    UNIONPAY = "unionpay"
    BANK_TRANSFER = "bank_transfer"


class IntakeWarning(StrEnum):
    SHORT_SHELF_LIFE = "short_shelf_life"


@dataclass(frozen=True)
class IntakeLine:
    item_id: uuid.UUID
    quantity: int
    condition: Condition = Condition.NEW
    valuation: Valuation = Valuation.MARKET
    unit_value_fen: int | None = None
    expiry_date: date | None = None


@dataclass(frozen=True)
class IntakeDraft:
    donor_id: uuid.UUID | None  # None: an anonymous walk-in donor
    lines: tuple[IntakeLine, ...] = ()
    cash_fen: int = 0
    cash_method: CashMethod | None = None
    wishes: str = ""
    wants_receipt: bool | None = None  # None: as the donor asked when registered
    #: a manager's, to take food with less shelf life left than the store's minimum (a manager taking
    #: the donation in gives a reason of their own in it)
    approval: Approval | None = None


def _check_line(line: IntakeLine, item: Item, category_code: str, today: date,
                minimum: MinimumShelfLife) -> tuple[tuple[str, ...], Shortfall | None]:
    check_quantity(line.quantity, MAX_QUANTITY)
    try:
        Condition(line.condition)
    except ValueError:
        raise InvalidInput(field="condition", value=line.condition, reason="unknown") from None
    try:
        valuation = Valuation(line.valuation)
    except ValueError:
        raise InvalidInput(field="valuation", value=line.valuation, reason="unknown") from None
    if valuation == Valuation.UNVALUED:
        if line.unit_value_fen is not None:
            raise InvalidInput(field="unit_value", value=line.unit_value_fen, reason="unvalued_with_value")
    else:
        if line.unit_value_fen is None:
            raise InvalidInput(field="unit_value", value="", reason="empty")
        check_fen(line.unit_value_fen, field="unit_value", allow_zero=False)
    warnings: tuple[str, ...] = ()
    short = None
    if category_code in FOOD_CATEGORIES:
        if line.expiry_date is None:
            raise InvalidInput(field="expiry_date", value=item.name, reason="food_needs_date")
        if line.expiry_date < today:
            raise ExpiredGoods(item_name=item.name, expiry_date=line.expiry_date.isoformat())
        if line.expiry_date - today < SHORT_SHELF_LIFE:
            warnings = (IntakeWarning.SHORT_SHELF_LIFE,)
        short = shortfall(minimum, item.shelf_life_days, line.expiry_date, today)
    return warnings, short


def _refusal(line: IntakeLine, item: Item, short: Shortfall, minimum: MinimumShelfLife) -> ShortShelfLife:
    assert line.expiry_date is not None  # only food with a date is short
    return ShortShelfLife(item_name=item.name, expiry_date=line.expiry_date.isoformat(), days_left=short.days_left,
                          minimum_days=short.minimum_days, shelf_life_days=item.shelf_life_days or 0,
                          percent=minimum.percent)


def donation_matches(row: DonationRow, text: str) -> bool:
    """Whether a search finds the donation: by any part of its number or its
    receipt's, or by its donor's name, a part of it or of its pinyin
    (``wjg``, ``wangjianguo`` and ``jianguo`` all find 王建国)."""
    needle = "".join(text.split()).casefold()
    if not needle:
        return True
    return (needle in row.number.casefold() or needle in (row.receipt_number or "").casefold()
            or name_matches(row.donor_name, text))


class IntakeService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def receive(self, actor: Actor, draft: IntakeDraft) -> Changes:
        """Record one donation. Everything is checked first; then the
        donation, its lines, a lot per line with its stock movement and one
        journal event are written together, under a gap-free number.

        Food with less shelf life left than the store's minimum
        (``domain.shelf_life``, the counter rules) is refused, the first such
        line named (``ShortShelfLife``), unless ``draft.approval`` carries a
        manager's PIN and reason (or the manager taking it in gives a reason):
        then the approval is in the event's facts and the audit log."""
        if not draft.lines and not draft.cash_fen:
            raise InvalidInput(field="lines", value=0, reason="empty")
        check_line_count(len(draft.lines), MAX_LINES)
        check_fen(draft.cash_fen, field="cash")
        method = None
        if draft.cash_fen:
            try:
                method = CashMethod(draft.cash_method) if draft.cash_method else None
            except ValueError:
                method = None
            if method is None:
                raise InvalidInput(field="cash_method", value=draft.cash_method or "", reason="empty")
        approved = None
        if draft.approval is not None and self._short_lines(draft):
            # a manager's PIN is checked (a wrong one counted) before the unit of work
            approved = self.accounts.authorize(actor, Action.ACCEPT_SHORT_DATED, draft.approval)
            if approved is None and (draft.approval is None or not draft.approval.reason.strip()):
                raise ApprovalRejected(action=str(Action.ACCEPT_SHORT_DATED), reason="no_reason")
        now = self.ctx.now()
        today = local_date(now)
        warnings: list[str] = []
        with self.ctx.db.begin() as s:
            grant = require(s, actor, Action.RECEIVE_DONATION)
            minimum = rules_in(s).minimum_shelf_life
            donor = None
            if draft.donor_id is not None:
                donor = s.get(Donor, draft.donor_id)
                if donor is None:
                    raise NotFound(kind="donor", key=str(draft.donor_id))
            checked = []
            for line in draft.lines:
                row = s.execute(select(Item, Category.code).join(Item.category).where(Item.id == line.item_id)).first()
                if row is None:
                    raise NotFound(kind="item", key=str(line.item_id))
                item, category_code = row
                line_warnings, short = _check_line(line, item, category_code, today, minimum)
                warnings.extend(line_warnings)
                checked.append((line, item, short))
            shorts = [(line_no, line, item, short) for line_no, (line, item, short) in enumerate(checked, start=1)
                      if short is not None]
            short_dated = None
            if shorts:
                approver = self._approver(s, actor, grant.actor, approved, draft, shorts, minimum)
                assert draft.approval is not None  # _approver refuses the lines without one
                reason = " ".join(draft.approval.reason.split())[:200]
                short_dated = {"approved_by": str(approver.user_id), "reason": reason, "lines": [
                    {"line_no": line_no, "item_id": str(item.id), "expiry_date": str(line.expiry_date),
                     "days_left": short.days_left, "minimum_days": short.minimum_days}
                    for line_no, line, item, short in shorts]}
            number = next_number(s, "donation", today.year)
            goods_value = sum(line.quantity * (line.unit_value_fen or 0) for line, _, _ in checked)
            wants_receipt = draft.wants_receipt if draft.wants_receipt is not None else not (
                donor is not None and donor.declines_receipt)
            donation = Donation(
                number=number, donor_id=donor.id if donor else None, received_at=now, received_by=actor.user_id,
                cash_fen=draft.cash_fen, cash_method=method.value if method else None,
                total_value_fen=goods_value + draft.cash_fen, wants_receipt=wants_receipt,
                wishes=" ".join(draft.wishes.split())[:200] or (donor.wishes if donor else ""),
            )
            s.add(donation)
            s.flush()
            for line_no, (line, item, _) in enumerate(checked, start=1):
                entry = DonationLine(
                    donation_id=donation.id, line_no=line_no, item_id=item.id, quantity=line.quantity,
                    unit=item.unit, condition=Condition(line.condition).value,
                    valuation=Valuation(line.valuation).value, unit_value_fen=line.unit_value_fen,
                    expiry_date=line.expiry_date,
                )
                s.add(entry)
                s.flush()
                maker_code = item.barcode is not None and not barcodes.is_in_store(item.barcode)
                lots.receive_into_new_lot(
                    s, item_id=item.id, origin="donation", document=number, quantity=line.quantity, at=now,
                    user_id=actor.user_id, reason="donation", expiry=line.expiry_date, donation_line_id=entry.id,
                    lot_barcode=not maker_code,
                )
            facts: dict[str, object] = {"number": number}
            if short_dated is not None:
                facts["short_dated"] = short_dated
                audit(s, now, str(Action.ACCEPT_SHORT_DATED), "approved", actor.user_id,
                      uuid.UUID(str(short_dated["approved_by"])), number=number, reason=short_dated["reason"])
            ev = journal.append(s, "donation.received", actor=actor.user_id, at=now, facts=facts)
        entities = {Entity.DONATIONS} | ({Entity.STOCK} if draft.lines else set())
        return Changes(frozenset(entities), (donation.id,), ev.seq, number, tuple(dict.fromkeys(warnings)))

    def _short_lines(self, draft: IntakeDraft) -> bool:
        """Whether any food line is short of the store's minimum shelf life
        (read ahead of the unit of work, which checks again)."""
        dated = [line for line in draft.lines if line.expiry_date is not None]
        if not dated:
            return False
        today = local_date(self.ctx.now())
        with self.ctx.db.read() as s:
            minimum = rules_in(s).minimum_shelf_life
            for line in dated:
                assert line.expiry_date is not None
                row = s.execute(select(Item.shelf_life_days, Category.code).join(Item.category)
                                .where(Item.id == line.item_id)).first()
                if row is not None and row[1] in FOOD_CATEGORIES and shortfall(
                        minimum, row[0], line.expiry_date, today) is not None:
                    return True
        return False

    @staticmethod
    def _approver(s: Session, actor: Actor, acting: Actor, approved: Approved | None, draft: IntakeDraft,
                  shorts: list[tuple[int, IntakeLine, Item, Shortfall]], minimum: MinimumShelfLife) -> Actor:
        """Who accepts food short of the minimum: the manager who approved at
        the counter, or the manager taking the donation in, with a reason.
        Without either the first short line is refused, named."""
        _, line, item, short = shorts[0]
        if draft.approval is None:
            raise _refusal(line, item, short, minimum)
        try:
            grant = require(s, actor, Action.ACCEPT_SHORT_DATED, approved)
        except ApprovalRequired:  # the rule tightened meanwhile: the line is refused as it stands
            raise _refusal(line, item, short, minimum) from None
        if grant.approver is None and not draft.approval.reason.strip():
            raise ApprovalRejected(action=str(Action.ACCEPT_SHORT_DATED), reason="no_reason")
        return grant.approver or acting

    def donations(self, actor: Caller, text: str = "", *, limit: int | None = None,
                  anonymous_too: bool = False) -> list[DonationRow]:
        """Newest first (the last ``limit``; all when None), read in plain
        SQL (``donation_rows``, as ``show donations`` reads them). With
        ``text``, those it finds (``donation_matches``); ``anonymous_too``:
        and every anonymous one (what was typed is in the word the screen
        shows for them). ``actor``: who takes donations in lists them (None:
        the store's own command line)."""
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.RECEIVE_DONATION)
            rows = donation_rows(driver(s.connection()), limit=limit)
        if not "".join(text.split()):
            return rows
        return [row for row in rows if (anonymous_too and row.donor_kind == "anonymous") or donation_matches(row, text)]
