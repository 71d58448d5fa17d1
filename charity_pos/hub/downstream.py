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
- ``over_allowance``: households whose handouts at all stores together went
  past their allowance in a period, for the district to follow up.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

import charity_pos
from charity_pos import files
from charity_pos.domain import quota
from charity_pos.domain.identity import mask_name
from charity_pos.errors import HouseholdLinksUnreadable, HubNotFound, StoreNotRegistered
from charity_pos.hub.models import Hub, HubDownstream, HubEvent, HubHandout, HubHousehold, HubHouseholdLink, HubStore
from charity_pos.ledger.canonical import canonical_json, plain
from charity_pos.services.base import Clock, system_clock
from charity_pos.services.quotas import RuleDraft
from charity_pos.sync import district, safe_json
from charity_pos.sync.bundle import SUFFIX, write_bundle

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
    """Keep a store's household links: new ones added, changed ones updated."""
    held = {household_id: hash_ for household_id, hash_ in s.execute(
        select(HubHouseholdLink.household_id, HubHouseholdLink.district_hash)
        .where(HubHouseholdLink.store_id == store_id))}
    new = []
    for household_id, hash_ in links:
        if household_id not in held:
            new.append({"store_id": store_id, "household_id": household_id, "district_hash": hash_})
        elif held[household_id] != hash_:
            s.execute(update(HubHouseholdLink).where(HubHouseholdLink.store_id == store_id,
                                                     HubHouseholdLink.household_id == household_id)
                      .values(district_hash=hash_).execution_options(synchronize_session=False))
    for start in range(0, len(new), 1000):
        s.execute(insert(HubHouseholdLink), new[start:start + 1000])


def fill_household_hashes(s: Session, store_id: uuid.UUID) -> None:
    """Give the store's handouts the district hash of their household, where the store sent its link."""
    if s.scalar(select(HubHouseholdLink.household_id).where(HubHouseholdLink.store_id == store_id).limit(1)) is None:
        return
    link = (select(HubHouseholdLink.district_hash)
            .where(HubHouseholdLink.store_id == HubHandout.store_id,
                   HubHouseholdLink.household_id == HubHandout.household_id)
            .scalar_subquery())
    s.execute(update(HubHandout)
              .where(HubHandout.store_id == store_id,
                     HubHandout.household_id.in_(select(HubHouseholdLink.household_id)
                                                 .where(HubHouseholdLink.store_id == store_id)),
                     or_(HubHandout.household_hash.is_(None), HubHandout.household_hash != link))
              .values(household_hash=link)
              .execution_options(synchronize_session=False))


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


def _lines(rows: Iterable[dict[str, Any]]) -> bytes:
    return b"".join((canonical_json(r) + "\n").encode("utf-8") for r in rows)


# --- the downstream bundle -------------------------------------------------------------------------
@dataclass(frozen=True)
class Downstream:
    path: Path
    store_code: str
    sequence: int
    counts: dict[str, int]


def _store(s: Session, store_code: str) -> HubStore:
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
    today = now.date()
    with db.begin() as s:
        hub = s.scalars(select(Hub)).first()
        if hub is None:
            raise HubNotFound(url=db.shown_url)
        store = _store(s, store_code.strip().upper())
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
        query = select(HubHousehold).order_by(HubHousehold.card_number)
        if areas:
            query = query.where(HubHousehold.subdistrict.in_(areas))
        households = list(s.scalars(query))
        household_rows = [{
            "card_number": h.card_number, "head_name": h.head_name, "id_masked": h.id_masked,
            "district_hash": h.district_hash, "members": h.members, "category": h.category,
            "subdistrict": h.subdistrict, "valid_from": plain(h.valid_from), "valid_to": plain(h.valid_to),
            "status": h.status, "consent_on": plain(h.consent_on)} for h in households]

        # Use at the other stores: of the area's households and of those the store itself linked.
        hashes = {h.district_hash for h in households}
        hashes.update(s.scalars(select(HubHouseholdLink.district_hash).where(HubHouseholdLink.store_id == store.id)))
        keys = period_keys(today)
        used: dict[tuple[str, str], int] = {}
        wanted = sorted(hashes)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            for hash_, key_, total in s.execute(
                    select(HubHandout.household_hash, HubHandout.period_key, func.sum(HubHandout.total_value_fen))
                    .where(HubHandout.store_id != store.id, HubHandout.household_hash.in_(chunk),
                           HubHandout.period_key.in_(keys))
                    .group_by(HubHandout.household_hash, HubHandout.period_key)):
                used[(hash_, key_)] = int(total or 0)
        use_rows = [{"district_hash": h, "period_key": k, "used_fen": used.get((h, k), 0)}
                    for h in wanted for k in keys]

        rules = [rule_dict(r) for r in district_rules(s)]
        last_at = None
        if store.last_seq:
            last_at = s.scalar(select(HubEvent.at).where(HubEvent.store_id == store.id,
                                                         HubEvent.seq == store.last_seq))
        counts = {"households": len(household_rows), "rules": len(rules), "use": len(use_rows)}
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
        path = files.write_file(out_dir / f"{store.code}-down-{sequence}{SUFFIX}",
                                lambda partial: write_bundle(partial, manifest, content, key), protect,
                                force=force, ours=files.is_our_bundle)
    log.info("downstream bundle #%d for store %s written: %s", sequence, store.code, counts)
    return Downstream(path, store.code, sequence, counts)


# --- over the allowance across stores --------------------------------------------------------------
@dataclass(frozen=True)
class OverAllowance:
    card_number: str
    name_masked: str
    period_key: str
    allowance_fen: int
    used_fen: int
    #: the codes of the stores where the household took handouts in the period
    stores: tuple[str, ...]


def over_allowance(db: HubDatabase) -> list[OverAllowance]:
    """Households of the registry whose handouts at all stores together
    went past the allowance of their category's rule in a period."""
    with db.read() as s:
        rules = {r.household_category: _domain(r) for r in district_rules(s)}
        totals = s.execute(
            select(HubHandout.household_hash, HubHandout.period_key, func.sum(HubHandout.total_value_fen))
            .where(HubHandout.household_hash.is_not(None))
            .group_by(HubHandout.household_hash, HubHandout.period_key)).all()
        households = {h.district_hash: h for h in s.scalars(
            select(HubHousehold).where(HubHousehold.district_hash.in_({t[0] for t in totals})))} if totals else {}
        found: list[tuple[str, str, int, int]] = []
        for hash_, key, total in totals:
            household = households.get(hash_)
            rule = rules.get(household.category) if household is not None else None
            period = period_start(key)
            if household is None or rule is None or period is None or period[0] != rule.period:
                continue
            allowance = rule.value_for(household.members, period[1])
            if int(total or 0) > allowance:
                found.append((hash_, key, allowance, int(total)))
        stores: dict[tuple[str, str], set[str]] = defaultdict(set)
        for hash_, key, _a, _u in found:
            for code in s.scalars(select(HubStore.code).join(HubHandout, HubHandout.store_id == HubStore.id)
                                  .where(HubHandout.household_hash == hash_, HubHandout.period_key == key)):
                stores[(hash_, key)].add(code)
    result = [OverAllowance(households[h].card_number, mask_name(households[h].head_name), k, a, u,
                            tuple(sorted(stores[(h, k)]))) for h, k, a, u in found]
    return sorted(result, key=lambda r: (r.period_key, r.card_number))
