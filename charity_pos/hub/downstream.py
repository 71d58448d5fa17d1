"""What the hub sends down to a store, and what it sees across stores.

- Household links: a store's bundle may carry ``households.jsonl``
  (household_id, district_hash; ``charity_pos.sync.district``). The hub keeps
  them (``hub_household_link``) and fills ``hub_handout.household_hash`` of
  that store's handouts with them, now and for handouts still to come, so
  handouts of one household at several stores add up.
- ``export_bundle``: one ``hub-downstream`` bundle for a store, signed by
  the hub (signer ``hub:<hub id>``): the households of the store's area
  (names, masked IDs, district hashes: never whole ID numbers), the
  district's quota rules, what each household took this month and quarter
  at the district's OTHER stores, and the store's last event the hub holds.
  Its ``sequence`` only grows, per store (``hub_downstream``), so a store
  can refuse an older bundle.
- ``check_allowance``: households whose handouts at all stores together went
  past their allowance in a period, for the district to follow up; or why
  the hub cannot judge yet (no registry, no district rules, no handouts).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, insert, select, union, update
from sqlalchemy.orm import Session

import charity_pos
from charity_pos import files
from charity_pos.domain import quota, safe_json
from charity_pos.domain.identity import mask_name
from charity_pos.errors import HouseholdLinksUnreadable, HubNotFound, StoreNotRegistered
from charity_pos.hub.models import (
    Hub,
    HubDownstream,
    HubEvent,
    HubHandout,
    HubHousehold,
    HubHouseholdLink,
    HubQuotaRule,
    HubStore,
)
from charity_pos.hub.campaigns import mark_outside_allowance
from charity_pos.hub.campaigns import section as campaign_section
from charity_pos.hub.rules import draft_from
from charity_pos.ledger.canonical import canonical_json, plain
from charity_pos.services.base import Clock, local_date, system_clock
from charity_pos.services.quotas import RuleDraft
from charity_pos.sync import district
from charity_pos.sync.bundle import SUFFIX, is_our_bundle, write_bundle
from charity_pos.sync.campaigns_down import CAMPAIGNS

if TYPE_CHECKING:
    from charity_pos.hub.checks import CheckedBundle
    from charity_pos.hub.engine import HubDatabase

log = logging.getLogger("charity_pos.hub")

SIGNER_PREFIX = "hub:"
_HASH = re.compile(r"[0-9a-f]{64}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


# --- household links from stores' bundles ----------------------------------------------------------
def read_links(bundle: CheckedBundle) -> list[tuple[uuid.UUID, str]]:
    """The lines of a store bundle's households.jsonl; HouseholdLinksUnreadable names a bad line."""
    data = bundle.households or b""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    links: dict[uuid.UUID, str] = {}
    for number, line in enumerate(lines, start=1):
        try:
            raw = safe_json.loads(line)
            if type(raw) is not dict or type(raw.get("household_id")) is not str or len(raw["household_id"]) > 45:
                raise ValueError
            household_id = uuid.UUID(raw["household_id"])
            hash_ = raw["district_hash"]
        except (ValueError, KeyError):
            raise HouseholdLinksUnreadable(path=str(bundle.path), line=number) from None
        if not isinstance(hash_, str) or not _HASH.fullmatch(hash_):
            raise HouseholdLinksUnreadable(path=str(bundle.path), line=number)
        links[household_id] = hash_
    return list(links.items())


def store_links(s: Session, store_id: uuid.UUID, links: Iterable[tuple[uuid.UUID, str]]) -> None:
    """Keep a store's household links: new ones added, changed ones updated, and the handouts of a
    household whose hash changed given the new one (each in one statement run over the links)."""
    held = {household_id: hash_ for household_id, hash_ in s.execute(
        select(HubHouseholdLink.household_id, HubHouseholdLink.district_hash)
        .where(HubHouseholdLink.store_id == store_id))}
    new, changed = [], []
    for household_id, hash_ in links:
        if household_id not in held:
            new.append({"store_id": store_id, "household_id": household_id, "district_hash": hash_})
        elif held[household_id] != hash_:
            changed.append({"b_store": store_id, "b_household": household_id, "b_hash": hash_})
    for start in range(0, len(new), 1000):
        s.execute(insert(HubHouseholdLink), new[start:start + 1000])
    if changed:
        link, handout = HubHouseholdLink.__table__, HubHandout.__table__
        connection = s.connection()
        connection.execute(update(link).where(link.c.store_id == bindparam("b_store"),
                                              link.c.household_id == bindparam("b_household"))
                           .values(district_hash=bindparam("b_hash")), changed)
        # handouts already filled with the old hash; those not filled yet are filled below
        connection.execute(update(handout).where(handout.c.household_id == bindparam("b_household"),
                                                 handout.c.store_id == bindparam("b_store"),
                                                 handout.c.household_hash.is_not(None),
                                                 handout.c.household_hash != bindparam("b_hash"))
                           .values(household_hash=bindparam("b_hash")), changed)


def fill_household_hashes(s: Session, store_id: uuid.UUID) -> None:
    """Give the store's handouts not filled yet (new ones, or ones whose household had no link) the
    district hash of their household, where the store sent its link. Handouts filled before are not
    read: the partial index ``ix_hub_handout_unfilled`` holds only handouts without a hash, so each
    import touches those alone, not the store's whole history (a changed link refills its
    household's handouts in ``store_links``)."""
    link = (select(HubHouseholdLink.district_hash)
            .where(HubHouseholdLink.store_id == HubHandout.store_id,
                   HubHouseholdLink.household_id == HubHandout.household_id)
            .scalar_subquery())
    s.execute(update(HubHandout)
              .where(HubHandout.store_id == store_id, HubHandout.household_hash.is_(None),
                     link.is_not(None))
              .values(household_hash=link)
              .execution_options(synchronize_session=False))
    mark_outside_allowance(s, store_id)


# --- rules and periods --------------------------------------------------------------------------------
def district_rules(session: Session) -> list[RuleDraft]:
    """The district's quota rules: its own where set, the defaults elsewhere."""
    from charity_pos.hub.rules import stored_rules

    return stored_rules(session)


def rule_dict(rule: RuleDraft) -> dict[str, Any]:
    data = dataclasses.asdict(rule)
    data["limits"] = [dict(limit) for limit in data["limits"]]
    return data


def _domain(rule: RuleDraft) -> quota.Rule:
    return quota.Rule(rule.period, rule.base_fen, rule.per_member_fen, rule.topup_fen,
                      quota.parse_months(rule.topup_months), rule.mode == "enforce",
                      tuple(quota.ItemLimit(lim.goods_category, lim.base_count, lim.per_member_count)
                            for lim in rule.limits))


def period_keys(day: date) -> list[str]:
    """This month's and this quarter's keys, as handouts carry them."""
    return [quota.period_of(day, "month").key, quota.period_of(day, "quarter").key]


def period_start(key: str) -> tuple[str, date] | None:
    """(``month`` or ``quarter``, its first day) of a period key; None for anything else."""
    if (m := _MONTH.fullmatch(key)) and 1 <= int(m.group(2)) <= 12:
        return "month", date(int(m.group(1)), int(m.group(2)), 1)
    if m := _QUARTER.fullmatch(key):
        return "quarter", date(int(m.group(1)), (int(m.group(2)) - 1) * 3 + 1, 1)
    return None


#: A period key as people name it (2026年3月 / March 2026, 2026年第1季度 / Q1 2026): the store's own naming.
period_label = quota.period_label


def _lines(rows: Iterable[dict[str, Any]]) -> bytes:
    return b"".join((canonical_json(r) + "\n").encode("utf-8") for r in rows)


# --- the downstream bundle -------------------------------------------------------------------------
@dataclass(frozen=True)
class Downstream:
    path: Path
    store_code: str
    sequence: int
    counts: dict[str, int]


def registered_store(s: Session, store_code: str) -> HubStore:
    """The store registered at the hub under ``store_code`` (StoreNotRegistered when none is)."""
    store = s.scalars(select(HubStore).where(HubStore.code == store_code)).first()
    if store is None:
        raise StoreNotRegistered(store_code=store_code)
    return store


def export_bundle(db: HubDatabase, store_code: str, out_dir: Path, *, clock: Clock = system_clock,
                  force: bool = False) -> Downstream:
    """Write the store's next downstream bundle into ``out_dir`` as
    ``<CODE>-down-<sequence>.cpbundle``. The sequence is taken in the same
    transaction, and the file is written before it commits: a file that
    cannot be written uses up no number. A file of that name that is not a
    bundle is replaced only with ``force`` (``charity_pos.files``)."""
    from charity_pos.hub.service import protected, signing_key

    out_dir = Path(out_dir)
    now = clock()
    today = local_date(now)  # the hub keeps UTC; periods are Shanghai's, as at the counter
    with db.begin() as s:
        hub = s.scalars(select(Hub)).first()
        if hub is None:
            raise HubNotFound(url=db.shown_url)
        store = registered_store(s, store_code.strip().upper())
        protect = protected(db, hub.id)
        files.check_folder(out_dir, protect)
        key = signing_key(hub.id)
        down = s.execute(select(HubDownstream).where(HubDownstream.store_id == store.id).with_for_update()).scalar()
        if down is None:
            down = HubDownstream(store_id=store.id, sequence=0, written_at=now)
            s.add(down)
        down.sequence += 1
        down.written_at = now
        sequence = down.sequence

        from charity_pos.hub.service import areas_of

        areas = areas_of(store.areas)
        hh = HubHousehold
        query = select(hh.card_number, hh.head_name, hh.id_masked, hh.district_hash, hh.members, hh.category,
                       hh.subdistrict, hh.valid_from, hh.valid_to, hh.status, hh.consent_on).order_by(hh.card_number)
        if areas:
            query = query.where(hh.subdistrict.in_(areas))
        households = s.execute(query).all()
        household_rows = [{
            "card_number": r.card_number, "head_name": r.head_name, "id_masked": r.id_masked,
            "district_hash": r.district_hash, "members": r.members, "category": r.category,
            "subdistrict": r.subdistrict, "valid_from": plain(r.valid_from), "valid_to": plain(r.valid_to),
            "status": r.status, "consent_on": plain(r.consent_on)} for r in households]

        # Use at the other stores: of the area's households and of those the store itself linked, summed by
        # the database against the hashes as a subquery (no parameter per household)
        own_links = select(HubHouseholdLink.district_hash).where(HubHouseholdLink.store_id == store.id)
        area_hashes = select(HubHousehold.district_hash)
        if areas:
            area_hashes = area_hashes.where(HubHousehold.subdistrict.in_(areas))
        hashes = {r.district_hash for r in households}
        hashes.update(s.scalars(own_links))
        keys = period_keys(today)
        wanted_hashes = union(area_hashes, own_links).subquery()
        used = {(hash_, key_): int(total or 0) for hash_, key_, total in s.execute(
            select(HubHandout.household_hash, HubHandout.period_key, func.sum(HubHandout.total_value_fen))
            .where(HubHandout.household_hash.in_(select(wanted_hashes.c[0])), HubHandout.period_key.in_(keys),
                   HubHandout.store_id != store.id)
            .group_by(HubHandout.household_hash, HubHandout.period_key))}
        wanted = sorted(hashes)
        use_rows = [{"district_hash": h, "period_key": k, "used_fen": used.get((h, k), 0)}
                    for h in wanted for k in keys]

        rules = [rule_dict(r) for r in district_rules(s)]
        last_at = None
        if store.last_seq:
            last_at = s.scalar(select(HubEvent.at).where(HubEvent.store_id == store.id,
                                                         HubEvent.seq == store.last_seq))
        counts = {"households": len(household_rows), "rules": len(rules), "use": len(use_rows)}
        campaign_rows = campaign_section(s, store, areas, today)
        if campaign_rows:  # only then: a store of an older version refuses a part it does not know
            counts["campaigns"] = len(campaign_rows)
        manifest = {
            "kind": district.DOWNSTREAM, "signer": f"{SIGNER_PREFIX}{hub.id}", "hub_id": str(hub.id),
            "district": hub.district, "store_code": store.code, "sequence": sequence, "created_at": plain(now),
            "app_version": charity_pos.__version__,
            "events_held": {"last_seq": store.last_seq, "last_hash": store.last_hash, "last_at": last_at},
            "counts": counts,
        }
        content = {
            district.HOUSEHOLDS: _lines(household_rows),
            district.RULES: (canonical_json(rules) + "\n").encode("utf-8"),
            district.USE: _lines(use_rows),
        }
        from charity_pos.hub import transfers

        if transfers.reads_transfers(store):  # a store of an older version refuses a part it does not know
            content[district.TRANSFERS] = transfers.downstream_part(s, store)
        if campaign_rows:
            content[CAMPAIGNS] = (canonical_json(campaign_rows) + "\n").encode("utf-8")
        path = files.write_file(out_dir / f"{store.code}-down-{sequence}{SUFFIX}",
                                lambda partial: write_bundle(partial, manifest, content, key), protect,
                                force=force, ours=is_our_bundle)
    log.info("downstream bundle #%d for store %s written: %s", sequence, store.code, counts)
    return Downstream(path, store.code, sequence, counts)


# --- over the allowance across stores --------------------------------------------------------------
#: what the hub can say about households past their allowance (``AllowanceCheck.state``)
NO_REGISTRY, NO_RULES, NO_HANDOUTS, JUDGED = "no_registry", "no_rules", "no_handouts", "judged"


@dataclass(frozen=True)
class StoreUse:
    """What one store gave a household in a period."""

    code: str
    visits: int
    value_fen: int


@dataclass(frozen=True)
class OverAllowance:
    card_number: str
    name_masked: str
    period_key: str
    allowance_fen: int
    used_fen: int
    #: the codes of the stores where the household took handouts in the period
    stores: tuple[str, ...]
    #: the household's category (a code: show it with ``reports.words.HOUSEHOLD_CATEGORIES``)
    category: str = ""
    members: int = 0
    #: handouts in the period at all stores (人次)
    visits: int = 0
    by_store: tuple[StoreUse, ...] = ()


@dataclass(frozen=True)
class AllowanceCheck:
    """Households past their allowance across stores, and whether the hub could judge at all.

    ``state``: NO_REGISTRY (no household list imported: handouts cannot be
    put to a household's category and size), NO_RULES (the district has set
    no quota rules: each store may apply its own, so the hub does not know
    the allowance), NO_HANDOUTS (no store has sent a handout yet) or JUDGED.
    When judged, what could not be: handouts of stores that sent no
    household links, households not in the registry, categories with no
    district rule."""

    state: str
    rows: tuple[OverAllowance, ...] = ()
    #: handouts the hub cannot put to a household (their store sent no household links)
    unmatched_handouts: int = 0
    #: households with handouts that are not in the district's registry
    unknown_households: int = 0
    #: categories (codes) of households with handouts, for which the district set no rule
    categories_without_rule: tuple[str, ...] = ()

    @property
    def judged(self) -> bool:
        return self.state == JUDGED


def check_allowance(db: HubDatabase) -> AllowanceCheck:
    """Households of the registry whose handouts at all stores together
    went past the allowance of the district's rule for their category in a
    period (the rule's period: a month or a quarter). Summed by the
    database per household, period and store."""
    with db.read() as s:
        if s.scalar(select(HubHousehold.id).limit(1)) is None:
            return AllowanceCheck(NO_REGISTRY)
        stored = list(s.scalars(select(HubQuotaRule)))
        if not stored:
            return AllowanceCheck(NO_RULES)
        if s.scalar(select(HubHandout.id).limit(1)) is None:
            return AllowanceCheck(NO_HANDOUTS)
        rules = {row.household_category: _domain(draft_from(json.loads(row.rule))) for row in stored}
        unmatched = int(s.scalar(select(func.count()).select_from(HubHandout)
                                 .where(HubHandout.household_hash.is_(None))) or 0)
        groups = s.execute(
            select(HubHandout.household_hash, HubHandout.period_key, HubStore.code, func.count(),
                   func.sum(HubHandout.total_value_fen))
            .join(HubStore, HubStore.id == HubHandout.store_id)
            .where(HubHandout.household_hash.is_not(None))
            .group_by(HubHandout.household_hash, HubHandout.period_key, HubStore.code)).all()
        uses: dict[tuple[str, str], list[StoreUse]] = defaultdict(list)
        for hash_, key, code, count, total in groups:
            assert hash_ is not None  # the handouts without a household's hash are left out above
            uses[(hash_, key)].append(StoreUse(code, int(count), int(total or 0)))
        with_handouts = select(HubHandout.household_hash).where(HubHandout.household_hash.is_not(None)).distinct()
        households = {h.district_hash: h for h in s.execute(
            select(HubHousehold.district_hash, HubHousehold.card_number, HubHousehold.head_name,
                   HubHousehold.category, HubHousehold.members)
            .where(HubHousehold.district_hash.in_(with_handouts)))}
        wanted = {hash_ for hash_, _key in uses}
    found: list[OverAllowance] = []
    no_rule: set[str] = set()
    for (hash_, key), by_store in uses.items():
        household = households.get(hash_)
        if household is None:
            continue
        rule = rules.get(household.category)
        if rule is None:
            no_rule.add(household.category)
            continue
        period = period_start(key)
        if period is None or period[0] != rule.period:
            continue
        allowance = rule.value_for(household.members, period[1])
        used = sum(u.value_fen for u in by_store)
        if used > allowance:
            ordered = tuple(sorted(by_store, key=lambda u: u.code))
            found.append(OverAllowance(household.card_number, mask_name(household.head_name), key, allowance, used,
                                       tuple(u.code for u in ordered), household.category, household.members,
                                       sum(u.visits for u in ordered), ordered))
    found.sort(key=lambda r: (r.period_key, r.card_number))
    return AllowanceCheck(JUDGED, tuple(found), unmatched, len(set(wanted) - set(households)), tuple(sorted(no_rule)))


def over_allowance(db: HubDatabase) -> list[OverAllowance]:
    """The households past their allowance; empty also when the hub cannot judge (``check_allowance`` says which)."""
    return list(check_allowance(db).rows)
