"""Relief campaigns at the store: the district's campaigns from its last
downstream bundle, who on the store's list has collected, and handing out a
campaign's package to a household in one step.

A collection is one transaction and one journal event
(``campaign.collected``): a handout under its own gap-free H number (as
``handouts`` makes them), its lines, the lots each line came from (first
expiry, first out: ``lots.allocate``), the stock movements, and the row
tying the handout to the campaign (``campaign_handout``, unique per
household and campaign). It counts against the campaign, not the monthly
allowance, unless the campaign says so. Refused, with nothing changed: an
unknown, suspended or expired card; a household outside the campaign's
categories or areas, or not on the store's list; a campaign not started or
ended; a household that collected it here, or elsewhere as the district's
last bundle said; goods short for the package.

The district's campaigns come in with a downstream bundle
(``sync.campaigns_down`` reads them, ``apply_campaigns`` keeps them); a
store without a hub (the demo) is given them through
``CampaignService.record_from_district``, by the same function.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from charity_pos.db.campaign import Campaign, CampaignHandout, CampaignHousehold
from charity_pos.db.engine import Reader
from charity_pos.db.models import Category, Handout, HandoutLine, HandoutLineLot, Household, Item, Store
from charity_pos.domain import campaign as rules
from charity_pos.domain import quota
from charity_pos.domain.identity import mask_name
from charity_pos.errors import (
    CampaignInvalid, CampaignNotFound, CampaignRefused, CampaignStockShort, InvalidInput, NoQuotaRule,
)
from charity_pos.ledger import journal
from charity_pos.ledger.canonical import canonical_json
from charity_pos.security.keys import StoreKeys
from charity_pos.services import lots
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Actor, Changes, Entity, ServiceContext, System, local_date, user_id_of
from charity_pos.services.goods_moves import Rows, sellable_on_hand, take_from_lots
from charity_pos.services.handouts import (
    MAX_QUANTITY, ReliefGoods, _household_by_card, check_card, relief_goods, standing, unit_value,
)
from charity_pos.services.households import CATEGORY_NAMES, HouseholdCategory, fill_district_hashes
from charity_pos.services.permissions import Action, require
from charity_pos.services.sales import is_food
from charity_pos.services.sequences import next_number

COLLECTED = "campaign.collected"
#: a household's standing on a campaign's roster
WAITING, HERE, ELSEWHERE = "waiting", "here", "elsewhere"
#: the tables a collection writes (with the stock's), as plain rows through ``journal.insert_rows``
_HANDOUT, _HANDOUT_LINE, _HANDOUT_LINE_LOT = Handout.__table__, HandoutLine.__table__, HandoutLineLot.__table__
_CAMPAIGN_TABLE = CampaignHandout.__table__


@dataclass(frozen=True)
class DistrictCampaign(rules.Terms):
    """A campaign as the district sends it (``sync.campaigns_down`` reads it from a downstream bundle)."""

    id: uuid.UUID
    #: district hash -> the store code it was collected at elsewhere ("" when not)
    households: dict[str, str]


@dataclass(frozen=True)
class CampaignRow(rules.Terms):
    id: uuid.UUID
    state: str  # domain.campaign: not_started, open, ended
    eligible: int
    collected_here: int
    collected_elsewhere: int


@dataclass(frozen=True)
class RosterRow:
    """A household on the store's list for a campaign, masked as the households screen masks it."""

    household_id: uuid.UUID
    card_number: str
    head_name_masked: str
    id_masked: str
    category: str  # a code (HouseholdCategory)
    category_name: str  # 低保 ...
    members: int
    subdistrict: str
    standing: str  # WAITING, HERE, ELSEWHERE
    number: str  # the H number of the collection here
    at: datetime | None
    store: str  # the store code of the collection elsewhere
    value_fen: int


@dataclass(frozen=True)
class CollectDraft:
    ticket_id: uuid.UUID
    campaign_id: uuid.UUID
    card: str
    #: a value package: the goods chosen (item id, quantity); a goods package takes none
    lines: tuple[tuple[uuid.UUID, int], ...] = ()


def _row(s: Session, c: Campaign, today: date) -> CampaignRow:
    lines = tuple(rules.package_line(raw) for raw in json.loads(c.package))
    eligible = int(s.scalar(select(func.count()).select_from(CampaignHousehold)
                            .where(CampaignHousehold.campaign_id == c.id)) or 0)
    here = int(s.scalar(select(func.count()).select_from(CampaignHandout)
                        .where(CampaignHandout.campaign_id == c.id)) or 0)
    elsewhere = int(s.scalar(select(func.count()).select_from(CampaignHousehold)
                             .where(CampaignHousehold.campaign_id == c.id,
                                    CampaignHousehold.collected_at_store != "")) or 0)
    return CampaignRow(c.name, c.starts_on, c.ends_on, tuple(rules.lines_of(c.categories)),
                       tuple(rules.lines_of(c.areas)), lines, c.value_fen, c.counts_allowance, c.id,
                       rules.state(c.starts_on, c.ends_on, today), eligible, here, elsewhere)


def apply_campaigns(s: Session, campaigns: Sequence[DistrictCampaign] | None, now: datetime) -> int:
    """Keep the campaigns (new ones added, changed ones updated: journaled with the unit of work) and
    replace the eligible households of every campaign with the bundle's. A bundle without the file
    leaves no household on any list (the district runs no campaign for the store now); the campaigns
    stay, for the handouts made for them. Returns how many campaigns the bundle carried."""
    s.execute(delete(CampaignHousehold))
    for c in campaigns or []:
        values = {"name": c.name, "starts_on": c.starts_on, "ends_on": c.ends_on,
                  "categories": "\n".join(c.categories), "areas": "\n".join(c.areas),
                  "package": canonical_json([line.as_dict() for line in c.package]), "value_fen": c.value_fen,
                  "counts_allowance": c.counts_allowance}
        held = s.get(Campaign, c.id)
        if held is None:
            s.add(Campaign(id=c.id, received_at=now, **values))
        elif any(getattr(held, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(held, name, value)
        s.flush()
        s.add_all(CampaignHousehold(campaign_id=c.id, district_hash=h, collected_at_store=at)
                  for h, at in sorted(c.households.items()))
    return len(campaigns or [])


@dataclass(frozen=True)
class _Take:
    goods: ReliefGoods
    quantity: int


class CampaignService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    # --- reading -------------------------------------------------------------------------
    def campaigns(self) -> list[CampaignRow]:
        """The district's campaigns this store was sent, open ones first, then by start."""
        today = local_date(self.ctx.now())
        with self.ctx.db.read() as s:
            found = [_row(s, c, today) for c in s.scalars(select(Campaign).order_by(Campaign.starts_on, Campaign.name))]
        order = {rules.OPEN: 0, rules.NOT_STARTED: 1, rules.ENDED: 2}
        return sorted(found, key=lambda row: order[row.state])

    def campaign(self, campaign_id: uuid.UUID) -> CampaignRow:
        with self.ctx.db.read() as s:
            found = s.get(Campaign, campaign_id)
            if found is None:
                raise CampaignNotFound(key=str(campaign_id))
            return _row(s, found, local_date(self.ctx.now()))

    def roster(self, campaign_id: uuid.UUID) -> list[RosterRow]:
        """The store's list: who collected here, who elsewhere, who not yet (waiting first, by card)."""
        with self.ctx.db.read() as s:
            if s.get(Campaign, campaign_id) is None:
                raise CampaignNotFound(key=str(campaign_id))
            listed = s.execute(select(Household, CampaignHousehold.collected_at_store)
                               .join(CampaignHousehold, CampaignHousehold.district_hash == Household.district_hash)
                               .where(CampaignHousehold.campaign_id == campaign_id,
                                      Household.erased_at.is_(None))).all()
            done = {household_id: (number, at, value) for household_id, number, at, value in s.execute(
                select(CampaignHandout.household_id, Handout.number, Handout.at, Handout.total_value_fen)
                .join(Handout, Handout.id == CampaignHandout.handout_id)
                .where(CampaignHandout.campaign_id == campaign_id))}
            households = {h.id: (h, store) for h, store in listed}
            for household_id in set(done) - set(households):  # collected here, since off the list
                extra = s.get(Household, household_id)
                if extra is not None:
                    households[household_id] = (extra, "")
            rows = []
            for household, store in households.values():
                number, at, value = done.get(household.id, ("", None, 0))
                standing_ = HERE if number else ELSEWHERE if store else WAITING
                category = CATEGORY_NAMES.get(HouseholdCategory(household.category), household.category)
                rows.append(RosterRow(household.id, household.card_number, mask_name(household.head_name)
                                      if household.head_name else "", household.id_masked, household.category,
                                      category,
                                      household.members, household.subdistrict or "", standing_, number, at,
                                      store if not number else "", value))
        order = {WAITING: 0, HERE: 1, ELSEWHERE: 2}
        return sorted(rows, key=lambda row: (order[row.standing], row.card_number))

    def record_from_district(self, caller: System, match_key: bytes, campaigns: Sequence[DistrictCampaign], *,
                             event: str) -> Changes:
        """The district's campaigns, put in as applying a downstream bundle puts them (``apply_campaigns``),
        for a store that gets them another way than from a hub (the demo, which has none): the households'
        district hashes under ``match_key`` (as trusting a hub fills them; the key is not kept), then the
        campaigns and their lists, in one unit of work with one journal event of the kind ``event``. The
        system's only (``STORE_SETUP``)."""
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            store_id = s.scalars(select(Store.id)).one()
            fill_district_hashes(s, StoreKeys.load(store_id), match_key)
            s.flush()
            count = apply_campaigns(s, campaigns, now)
            ev = journal.append(s, event, actor=user_id_of(caller), at=now, facts={"campaigns": count})
        return Changes(frozenset({Entity.HANDOUTS}), tuple(c.id for c in campaigns), ev.seq)

    # --- handing out ---------------------------------------------------------------------
    def collect(self, actor: Actor, draft: CollectDraft) -> Changes:
        """Hand the campaign's package to the card's household, in one transaction (see the module)."""
        for _item, quantity in draft.lines:
            if type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:
                raise InvalidInput(field="quantity", value=quantity, reason="range")
        today = local_date(self.ctx.now())
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.HAND_OUT)
            done = s.scalars(select(Handout).where(Handout.ticket_id == draft.ticket_id)).first()
            if done is not None:  # finished from another window in the meantime
                return Changes(frozenset({Entity.HANDOUTS}), (done.id,), None, done.number)
            c = s.get(Campaign, draft.campaign_id)
            if c is None:
                raise CampaignNotFound(key=str(draft.campaign_id))
            household = _household_by_card(s, draft.card)
            check_card(household, today)
            self._eligible(s, c, household, today)
            reader = Reader.within(s)
            takes = self._package(s, reader, c, draft, today)
            balances = lots.lot_balances(reader, [take.goods.id for take in takes])
            wanted: dict[uuid.UUID, int] = {}
            for take in takes:
                wanted[take.goods.id] = wanted.get(take.goods.id, 0) + take.quantity
            for take in takes:  # nothing is handed out unless the whole package is there
                held = sellable_on_hand(balances[take.goods.id], today, food=is_food(take.goods.category_code))
                if held < wanted[take.goods.id]:
                    raise CampaignStockShort(campaign=c.name, goods=take.goods.name, wanted=wanted[take.goods.id],
                                             available=max(held, 0))
            total = sum(take.quantity * unit_value(take.goods) for take in takes)
            allowance = used = 0
            over = False
            try:
                rule, period, now_standing = standing(s, household, today)
                period_key, mode = period.key, "enforce" if rule.enforce else "warn"
                if c.counts_allowance:
                    allowance, used = now_standing.allowance_fen, now_standing.used_fen
                    over = used + total > allowance
            except NoQuotaRule:
                period_key, mode = quota.period_of(today, "month").key, "warn"
            number = next_number(s, "handout", today.year)
            handout_id = uuid.uuid4()
            rows: Rows = [(_HANDOUT, {
                "id": handout_id, "number": number, "ticket_id": draft.ticket_id, "household_id": household.id,
                "period_key": period_key, "at": now, "cashier_id": actor.user_id, "total_value_fen": total,
                "allowance_fen": allowance, "used_before_fen": used, "mode": mode, "over_allowance": over,
                "approved_by": None, "override_reason": None, "slip_prints": 0})]
            for line_no, take in enumerate(takes, start=1):
                line_id = uuid.uuid4()
                goods = take.goods
                rows.append((_HANDOUT_LINE, {
                    "id": line_id, "handout_id": handout_id, "line_no": line_no, "item_id": goods.id,
                    "name": goods.name, "goods_category": goods.category_code, "source": goods.source,
                    "quantity": take.quantity, "unit_value_fen": unit_value(goods),
                    "value_fen": take.quantity * unit_value(goods)}))
                take_from_lots(rows, balances[goods.id], parts=_HANDOUT_LINE_LOT, line_key="handout_line_id",
                               line_id=line_id, item_id=goods.id, item_name=goods.name, quantity=take.quantity,
                               food=is_food(goods.category_code), lot_id=None, today=today, reason="handout",
                               document=number, user_id=actor.user_id, at=now)
            rows.append((_CAMPAIGN_TABLE, {"id": uuid.uuid4(), "campaign_id": c.id, "handout_id": handout_id,
                                           "household_id": household.id}))
            journal.insert_rows(s, rows)
            ev = journal.append(s, COLLECTED, actor=actor.user_id, at=now, facts={
                "number": number, "campaign": str(c.id), "counts_allowance": c.counts_allowance})
        return Changes(frozenset({Entity.HANDOUTS, Entity.STOCK}), (handout_id,), ev.seq, number)

    @staticmethod
    def _eligible(s: Session, c: Campaign, household: Household, today: date) -> None:
        card = household.card_number
        state = rules.state(c.starts_on, c.ends_on, today)
        if state != rules.OPEN:
            raise CampaignRefused(card=card, campaign=c.name, reason=state, starts=c.starts_on.isoformat(),
                                  ends=c.ends_on.isoformat())
        here = s.execute(select(Handout.number).join(CampaignHandout, CampaignHandout.handout_id == Handout.id)
                         .where(CampaignHandout.campaign_id == c.id,
                                CampaignHandout.household_id == household.id)).scalar()
        if here is not None:
            raise CampaignRefused(card=card, campaign=c.name, reason="collected_here", number=here)
        outside = rules.covers(rules.lines_of(c.categories), rules.lines_of(c.areas), household.category,
                               household.subdistrict or "")
        if outside is not None:
            raise CampaignRefused(card=card, campaign=c.name, reason=outside)
        listed = None if not household.district_hash else s.get(CampaignHousehold, (c.id, household.district_hash))
        if listed is None:
            raise CampaignRefused(card=card, campaign=c.name, reason="not_listed")
        if listed.collected_at_store:
            raise CampaignRefused(card=card, campaign=c.name, reason="collected_elsewhere",
                                  store=listed.collected_at_store)

    @staticmethod
    def _package(s: Session, reader: Reader, c: Campaign, draft: CollectDraft, today: date) -> list[_Take]:
        """The goods the package takes: a goods package's lines (a goods category's from its items with the
        soonest best-before date first), or a value package's goods as chosen, within its value."""
        if c.value_fen is not None:
            if not draft.lines:
                raise CampaignInvalid(field="lines", value=0)
            chosen = relief_goods(reader, [item_id for item_id, _q in draft.lines])
            takes = [_Take(goods, quantity) for goods, (_i, quantity) in zip(chosen, draft.lines, strict=True)]
            total = sum(take.quantity * unit_value(take.goods) for take in takes)
            if total > c.value_fen:
                raise CampaignInvalid(field="value", value=f"{total} > {c.value_fen}")
            return takes
        if draft.lines:
            raise CampaignInvalid(field="lines", value=len(draft.lines))
        takes = []
        for line in (rules.package_line(raw) for raw in json.loads(c.package)):
            if line.barcode:
                item_id = s.scalars(select(Item.id).where(Item.barcode == line.barcode)).first()
                if item_id is None:
                    raise CampaignStockShort(campaign=c.name, goods=line.barcode, wanted=line.quantity, available=0)
                takes.append(_Take(relief_goods(reader, [item_id])[0], line.quantity))
                continue
            item_ids = list(s.scalars(select(Item.id).join(Item.category).where(Category.code == line.goods_category)
                                      .order_by(Item.name)))
            goods = relief_goods(reader, item_ids)
            balances = lots.lot_balances(reader, item_ids)
            food = is_food(line.goods_category)

            def soonest(g: ReliefGoods, food: bool = food) -> date:
                dates = [lot.expiry_date for lot, left in balances[g.id]
                         if left > 0 and lot.expiry_date is not None and (not food or lot.expiry_date >= today)]
                return min(dates, default=date.max)

            wanted = line.quantity
            for g in sorted(goods, key=lambda g: (soonest(g), g.name)):
                there = sellable_on_hand(balances[g.id], today, food=food)
                part = min(there, wanted)
                if part > 0:
                    takes.append(_Take(g, part))
                    wanted -= part
                if not wanted:
                    break
            if wanted:
                name = s.scalar(select(Category.name).where(Category.code == line.goods_category))
                raise CampaignStockShort(campaign=c.name, goods=name or line.goods_category, wanted=line.quantity,
                                         available=line.quantity - wanted)
        return takes
