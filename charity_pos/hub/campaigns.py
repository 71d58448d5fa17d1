"""Relief campaigns at the hub (冬季送温暖, 慈善情暖万家): district staff
define one package for every eligible household, stores hand it out, and
the hub follows how far each store got.

- ``add_campaign``: a district staff account (user name and PIN, as
  ``hub add-store`` takes them) defines a campaign: name, dates, household
  categories and sub-districts (none: all), a package of goods lines
  (barcode or goods category, quantity) or a value, and whether it counts
  against the monthly allowance (by default not). Checked as the stores
  check it (``domain.campaign``).
- ``section``: what a store's downstream bundle carries
  (``sync.campaigns_down``): the campaigns that cover the store, not ended
  more than ``KEPT_AFTER_END`` ago, each with the store's eligible households
  (the registry's, active, of the store's areas and the campaign's categories
  and areas) and where the hub knows one collected already at another store.
- ``progress``: per store eligible, collected and value handed out; the
  households not collected anywhere (for staff to call); the households that
  collected at two stores (offline at the same time), flagged as the
  households past their allowance are.
- ``mark_outside_allowance``: a campaign's handouts that do not count
  against the allowance get the period key ``C<period>`` at the hub, so the
  district's allowance sums leave them out.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from charity_pos.domain import campaign as rules
from charity_pos.domain.identity import mask_name, mask_phone
from charity_pos.errors import CampaignInvalid, CampaignNotFound, DuplicateName, HubNotFound
from charity_pos.hub.models import (
    Hub, HubCampaign, HubCampaignHandout, HubHandout, HubHousehold, HubStore, HubUser,
)
from charity_pos.ledger.canonical import canonical_json
from charity_pos.services.base import Clock, local_date, system_clock
from charity_pos.services.households import HouseholdCategory

if TYPE_CHECKING:
    from charity_pos.hub.engine import HubDatabase

log = logging.getLogger("charity_pos.hub")

#: a campaign still goes to the stores this long after it ended (their lists say who collected)
KEPT_AFTER_END = timedelta(days=30)
ACTIVE = "active"


@dataclass(frozen=True)
class CampaignDraft:
    name: str
    starts_on: date
    ends_on: date
    categories: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    #: goods lines as given: {"barcode" | "goods_category", "quantity"}
    package: tuple[dict[str, Any], ...] = ()
    value_fen: int | None = None
    counts_allowance: bool = False


@dataclass(frozen=True)
class CampaignInfo(rules.Terms):
    id: uuid.UUID
    created_at: datetime
    created_by: str

    def state(self, today: date) -> str:
        return rules.state(self.starts_on, self.ends_on, today)


def _info(c: HubCampaign, username: str) -> CampaignInfo:
    return CampaignInfo(c.name, c.starts_on, c.ends_on, tuple(rules.lines_of(c.categories)),
                        tuple(rules.lines_of(c.areas)), tuple(rules.package_line(r) for r in json.loads(c.package)),
                        c.value_fen, c.counts_allowance, c.id, c.created_at, username)


def clean(draft: CampaignDraft) -> CampaignDraft:
    """The draft checked and tidied; CampaignInvalid names the field that is not right."""
    try:
        name = rules.check_name(draft.name)
        rules.check_dates(draft.starts_on, draft.ends_on)
        package, value = rules.package(list(draft.package) or None, draft.value_fen)
    except rules.CampaignRuleError as exc:
        raise CampaignInvalid(field=exc.field, value=str(exc.value)) from None
    known = {c.value for c in HouseholdCategory}
    categories = tuple(dict.fromkeys(c.strip() for c in draft.categories if c.strip()))
    for category in categories:
        if category not in known:
            raise CampaignInvalid(field="categories", value=category)
    areas = tuple(dict.fromkeys(" ".join(a.split()) for a in draft.areas if a.strip()))
    if any(len(a) > 50 for a in areas) or len(areas) > 200:
        raise CampaignInvalid(field="areas", value=", ".join(areas)[:80])
    return CampaignDraft(name, draft.starts_on, draft.ends_on, categories, areas,
                         tuple(line.as_dict() for line in package), value, draft.counts_allowance)


def add_campaign(db: HubDatabase, draft: CampaignDraft, staff: str, staff_pin: str, *,
                 clock: Clock = system_clock) -> CampaignInfo:
    """Define a campaign as the district staff account ``staff`` (its PIN checked, and counted when wrong)."""
    from charity_pos.hub.users import login

    checked = clean(draft)
    actor = login(db, staff, staff_pin, clock=clock)
    now = clock()
    try:
        with db.begin() as s:
            if s.scalars(select(Hub)).first() is None:
                raise HubNotFound(url=db.shown_url)
            if s.scalar(select(HubCampaign.id).where(HubCampaign.name == checked.name)) is not None:
                raise DuplicateName(value=checked.name)
            row = HubCampaign(name=checked.name, starts_on=checked.starts_on, ends_on=checked.ends_on,
                              categories="\n".join(checked.categories), areas="\n".join(checked.areas),
                              package=canonical_json(list(checked.package)), value_fen=checked.value_fen,
                              counts_allowance=checked.counts_allowance, created_at=now, created_by=actor.user_id)
            s.add(row)
            s.flush()
            info = _info(row, actor.username)
    except IntegrityError:  # the same name defined at the same moment elsewhere
        raise DuplicateName(value=checked.name) from None
    log.info("campaign %s (%s) defined by %s", info.name, info.id, actor.username)
    return info


def campaigns(db: HubDatabase) -> list[CampaignInfo]:
    with db.read() as s:
        return [_info(c, username) for c, username in s.execute(
            select(HubCampaign, HubUser.username).join(HubUser, HubUser.id == HubCampaign.created_by)
            .order_by(HubCampaign.starts_on.desc(), HubCampaign.name))]


def find(s: Session, key: str) -> HubCampaign:
    """A campaign by its name, or its id (or the start of it, 8 digits at least)."""
    key = key.strip()
    found = s.scalars(select(HubCampaign).where(HubCampaign.name == key)).first()
    if found is None and len(key) >= 8:
        matches = [c for c in s.scalars(select(HubCampaign)) if str(c.id).startswith(key.lower())]
        found = matches[0] if len(matches) == 1 else None
    if found is None:
        raise CampaignNotFound(key=key)
    return found


def campaign(db: HubDatabase, key: str) -> CampaignInfo:
    with db.read() as s:
        c = find(s, key)
        username = s.scalar(select(HubUser.username).where(HubUser.id == c.created_by)) or ""
        return _info(c, username)


# --- who is eligible, and where ---------------------------------------------------------------------
@dataclass(frozen=True)
class _Household:
    district_hash: str
    card_number: str
    head_name: str
    category: str
    members: int
    subdistrict: str
    phone: str | None


def _eligible(s: Session, c: HubCampaign) -> list[_Household]:
    """The registry's active households the campaign covers."""
    hh = HubHousehold
    query = select(hh.district_hash, hh.card_number, hh.head_name, hh.category, hh.members, hh.subdistrict,
                   hh.phone).where(
        hh.status == ACTIVE)
    categories, areas = rules.lines_of(c.categories), rules.lines_of(c.areas)
    if categories:
        query = query.where(hh.category.in_(categories))
    if areas:
        query = query.where(hh.subdistrict.in_(areas))
    return [_Household(*row) for row in s.execute(query.order_by(hh.card_number))]


def _store_covers(store_areas: list[str], subdistrict: str) -> bool:
    return not store_areas or subdistrict in store_areas


def _collections(s: Session, campaign_id: uuid.UUID) -> list[tuple[str, str | None, int, datetime, str]]:
    """Each handout made for the campaign: (store code, household hash or None, value, time, H number)."""
    ch, h = HubCampaignHandout, HubHandout
    return [(code, hash_, int(value), at, number) for code, hash_, value, at, number in s.execute(
        select(HubStore.code, h.household_hash, h.total_value_fen, h.at, h.number)
        .select_from(ch)
        .join(h, (h.store_id == ch.store_id) & (h.id == ch.handout_id))
        .join(HubStore, HubStore.id == ch.store_id)
        .where(ch.campaign_id == campaign_id)
        .order_by(h.at))]


def section(s: Session, store: HubStore, areas: list[str], today: date) -> list[dict[str, Any]]:
    """The campaigns.json of the store's downstream bundle (``sync.campaigns_down``): empty when no
    campaign covers the store (the bundle then carries no such file)."""
    out = []
    for c in s.scalars(select(HubCampaign).where(HubCampaign.ends_on >= today - KEPT_AFTER_END)
                       .order_by(HubCampaign.starts_on, HubCampaign.name)):
        c_areas = rules.lines_of(c.areas)
        if areas and c_areas and not set(areas) & set(c_areas):
            continue
        collected: dict[str, str] = {}
        for code, hash_, _value, _at, _number in _collections(s, c.id):
            if hash_ is not None and code != store.code:
                collected.setdefault(hash_, code)
        households = [{"district_hash": h.district_hash, "collected_at": collected.get(h.district_hash, "")}
                      for h in _eligible(s, c) if _store_covers(areas, h.subdistrict)]
        out.append({"id": str(c.id), "name": c.name, "starts_on": c.starts_on.isoformat(),
                    "ends_on": c.ends_on.isoformat(), "categories": rules.lines_of(c.categories), "areas": c_areas,
                    "package": json.loads(c.package), "value_fen": c.value_fen,
                    "counts_allowance": c.counts_allowance, "households": households})
    return out


#: what a campaign's handout that does not count against the allowance has before its period key at the hub
OUTSIDE = "C"


def mark_outside_allowance(s: Session, store_id: uuid.UUID) -> None:
    """Give the store's handouts made for a campaign that does not count against the allowance the period
    key ``C<period>`` (``C2026-12``), so that what a household used in a period (the use at other stores a
    downstream bundle carries, the households past their allowance) leaves them out, while those queries
    still read their index alone. Run after every import and rebuild of the projections (a handout row
    projected again comes with its store's period key). A handout naming a campaign the hub does not know
    keeps its period: a store cannot take a handout out of the allowance by naming one."""
    ch, c, h = HubCampaignHandout, HubCampaign, HubHandout
    outside = (select(ch.handout_id).join(c, c.id == ch.campaign_id)
               .where(ch.store_id == store_id, c.counts_allowance.is_(False)))
    s.execute(update(h).where(h.store_id == store_id, h.id.in_(outside), ~h.period_key.startswith(OUTSIDE))
              .values(period_key=OUTSIDE + h.period_key).execution_options(synchronize_session=False))


# --- progress -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StoreProgress:
    code: str
    name: str
    eligible: int
    collected: int
    value_fen: int


@dataclass(frozen=True)
class Waiting:
    """A household on the list that has not collected: for staff to call."""

    card_number: str
    name_masked: str
    category: str
    members: int
    subdistrict: str
    stores: tuple[str, ...]  # the stores whose lists hold it
    #: the whole contact phone from the registry ("" when the sub-district's list had none): the
    #: calling list's (.xlsx) column; screens and the command line show it masked (``phone_masked``)
    phone: str = field(default="", repr=False)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone) if self.phone else ""


@dataclass(frozen=True)
class Twice:
    """A household that collected the campaign more than once (stores offline from each other)."""

    card_number: str
    name_masked: str
    #: (store code, H number, time) of each collection
    collections: tuple[tuple[str, str, datetime], ...]


@dataclass(frozen=True)
class Progress:
    campaign: CampaignInfo
    stores: tuple[StoreProgress, ...]
    eligible: int
    collected: int
    value_fen: int
    waiting: tuple[Waiting, ...]
    twice: tuple[Twice, ...]
    #: handouts of stores that sent no household links: counted per store, not matched to a household
    unmatched: int


def progress(db: HubDatabase, key: str) -> Progress:
    from charity_pos.hub.service import areas_of

    with db.read() as s:
        c = find(s, key)
        username = s.scalar(select(HubUser.username).where(HubUser.id == c.created_by)) or ""
        info = _info(c, username)
        eligible = _eligible(s, c)
        stores = list(s.scalars(select(HubStore).order_by(HubStore.code)))
        collections = _collections(s, c.id)
    store_areas = {st.code: areas_of(st.areas) for st in stores}
    by_hash: dict[str, list[tuple[str, str, datetime]]] = defaultdict(list)
    unmatched = 0
    per_store: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, hash_, value, at, number in collections:
        per_store[code][0] += 1
        per_store[code][1] += value
        if hash_ is None:
            unmatched += 1
        else:
            by_hash[hash_].append((code, number, at))
    rows = []
    for st in stores:
        covered = [h for h in eligible if _store_covers(store_areas[st.code], h.subdistrict)]
        done, value = per_store.get(st.code, [0, 0])
        if covered or done:
            rows.append(StoreProgress(st.code, st.name, len(covered), done, value))
    waiting = tuple(Waiting(h.card_number, mask_name(h.head_name), h.category, h.members, h.subdistrict,
                            tuple(code for code, areas in store_areas.items() if _store_covers(areas, h.subdistrict)),
                            h.phone or "")
                    for h in eligible if h.district_hash not in by_hash)
    cards = {h.district_hash: h for h in eligible}
    twice = tuple(sorted((Twice(cards[h].card_number if h in cards else "?", mask_name(cards[h].head_name)
                                if h in cards else "", tuple(found))
                          for h, found in by_hash.items() if len(found) > 1), key=lambda t: t.card_number))
    return Progress(info, tuple(rows), len(eligible), len(by_hash) + unmatched,
                    sum(value for _c, _h, value, _a, _n in collections), waiting, twice, unmatched)


def collected_twice(db: HubDatabase, store_codes: set[str]) -> list[tuple[str, Twice]]:
    """The households that collected a campaign more than once, at least once at one of ``store_codes`` (the
    stores whose bundles were just imported): (campaign name, the collections), for district staff to follow
    up. Open campaigns and those ended within ``KEPT_AFTER_END``."""
    with db.read() as s:
        names = list(s.scalars(select(HubCampaign.name).order_by(HubCampaign.starts_on, HubCampaign.name)))
    found = []
    for name in names:
        for twice in progress(db, name).twice:
            if {code for code, _n, _a in twice.collections} & store_codes:
                found.append((name, twice))
    return found


def progress_report(p: Progress, district: str) -> Any:
    """The progress as a report (``reports.table.Report``), for ``export.write_report`` (.xlsx)."""
    from charity_pos.reports.table import Column, ColumnKind, Filters, Report, Section, Words
    from charity_pos.reports.words import HOUSEHOLD_CATEGORIES

    W = Words  # noqa: N806 - as the other reports name it
    stores = Section("stores", W("各门店进度", "Progress by store"), (
        Column("code", W("门店", "Store")), Column("name", W("门店名称", "Store name")),
        Column("eligible", W("应领户数", "Eligible households"), ColumnKind.COUNT, total=True),
        Column("collected", W("已领户数", "Collected"), ColumnKind.COUNT, total=True),
        Column("value", W("发放价值", "Value handed out"), ColumnKind.MONEY, total=True)),
        tuple((r.code, r.name, r.eligible, r.collected, r.value_fen) for r in p.stores))

    def category(code: str) -> str:
        words = HOUSEHOLD_CATEGORIES.get(code)
        return words.zh if words is not None else code

    waiting = Section("waiting", W("尚未领取的家庭", "Households not collected"), (
        Column("card", W("卡号", "Card")), Column("name", W("户主", "Head of household")),
        Column("category", W("类别", "Category")), Column("members", W("人数", "Members"), ColumnKind.COUNT),
        Column("subdistrict", W("街道", "Sub-district")), Column("stores", W("所属门店", "Stores")),
        Column("phone", W("联系电话", "Phone"))),
        tuple((w.card_number, w.name_masked, category(w.category), w.members, w.subdistrict, "、".join(w.stores),
               w.phone) for w in p.waiting), totals=False)
    twice = Section("twice", W("重复领取（待核查）", "Collected twice (to follow up)"), (
        Column("card", W("卡号", "Card")), Column("name", W("户主", "Head of household")),
        Column("collections", W("领取记录", "Collections"))),
        tuple((t.card_number, t.name_masked, "；".join(f"{code} {number}" for code, number, _at in t.collections))
              for t in p.twice), totals=False)
    c = p.campaign
    title = W(f"{c.name}发放进度", f"{c.name}: progress")
    note = W("“尚未领取的家庭”一表的联系电话是完整号码：这是区里工作人员的电话联系名单，仅供联系本次发放，"
             "请妥善保管，用后删除，不要转发。",
             "The phones of “Households not collected” are whole numbers: this is district staff's calling list, "
             "for this campaign only; keep it safe, delete it when done and do not pass it on.")
    return Report("campaign", title, district, "全区", Filters(c.starts_on, c.ends_on), (stores, waiting, twice),
                  notes=(note,), extra={"campaign": str(c.id)})


def district_name(db: HubDatabase) -> str:
    with db.read() as s:
        return s.scalar(select(Hub.district)) or ""
