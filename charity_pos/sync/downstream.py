"""The store's side of downstream sync: applying a bundle the district's hub
made for this store (kind ``hub-downstream``, signed ``hub:<hub_id>``; the
content files are described in ``sync.district``).

Checked before anything is touched: the bundle's structure and hashes, that
the store trusts a hub, that the bundle is a downstream one signed by THAT
hub, for THIS store, and newer than the last one applied. Then it is applied
in one transaction with one journal event (``district.applied``: the hub,
the sequence and the counts; the household rows it changes go in the event
as every journaled change does, without their personal columns).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from charity_pos.db.district import OtherStoreUse
from charity_pos.db.models import Category, Household, Store
from charity_pos.db.sync_state import SYNC_STATE_ID, SyncState
from charity_pos.domain import safe_json
from charity_pos.domain.safe_json import INT32_MAX
from charity_pos.errors import (
    BundleNotDownstream, DownstreamCardConflict, DownstreamForOtherStore, DownstreamFromOtherHub, DownstreamNotNewer,
    DownstreamUnreadable, InvalidInput, NoHubTrusted,
)
from charity_pos.ledger import journal
from charity_pos.services.base import ServiceContext
from charity_pos.services.households import MAX_MEMBERS, HouseholdCategory
from charity_pos.services.quotas import LimitDraft, RuleDraft, clean_rule, write_rule
from charity_pos.sync.bundle import Bundle, check_signature, public_key_from_text, read_bundle
from charity_pos.sync.campaigns_down import CAMPAIGNS, apply_campaigns, read_campaigns
from charity_pos.sync.district import DOWNSTREAM, HOUSEHOLDS, RULES, TRANSFERS, USE

APPLIED = "district.applied"
_HASH = re.compile(r"^[0-9a-f]{64}$")
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$")
STATUSES = ("active", "suspended", "expired")
#: the content files a downstream bundle may hold
PARTS = frozenset({HOUSEHOLDS, RULES, USE, TRANSFERS, CAMPAIGNS})


def hub_signer(hub_id: object) -> str:
    return f"hub:{hub_id}"


@dataclass(frozen=True)
class DistrictHousehold:
    card_number: str
    head_name: str
    id_masked: str
    district_hash: str
    members: int
    category: str
    subdistrict: str
    valid_from: date
    valid_to: date
    status: str
    consent_on: date


@dataclass(frozen=True)
class ApplyResult:
    sequence: int
    added: int
    updated: int
    rules: int
    use_rows: int
    #: the last of this store's events the hub held, and when it was written: None when it held none
    events_seq: int | None
    events_at: datetime | None
    event_seq: int
    #: transfers to this store that came with the bundle and were not here before (``sync.transfers``)
    transfers: int = 0


def _lines(bundle: Bundle, name: str) -> list[tuple[int, dict[str, Any]]]:
    data = bundle.files.get(name, b"")
    out = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            value = safe_json.loads(line)  # UTF-8, bounded depth, integers within 64 bits, no NaN
        except ValueError:
            raise DownstreamUnreadable(path=str(bundle.path), file=name, line=number) from None
        if not isinstance(value, dict):
            raise DownstreamUnreadable(path=str(bundle.path), file=name, line=number)
        out.append((number, value))
    return out


def _text(raw: dict[str, Any], field: str, limit: int, *, empty: bool = False) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or len(value) > limit or (not empty and not value.strip()):
        raise ValueError(field)
    return value.strip()


def _int(raw: dict[str, Any], field: str, low: int, high: int = INT32_MAX) -> int:
    value = raw.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(field)
    return value


def _households(bundle: Bundle) -> list[DistrictHousehold]:
    out = []
    for number, raw in _lines(bundle, HOUSEHOLDS):
        try:
            district_hash = _text(raw, "district_hash", 64).lower()
            if not _HASH.match(district_hash):
                raise ValueError("district_hash")
            category = HouseholdCategory(_text(raw, "category", 20)).value
            status = _text(raw, "status", 10)
            if status not in STATUSES:
                raise ValueError("status")
            household = DistrictHousehold(
                "".join(_text(raw, "card_number", 20).split()).upper(), _text(raw, "head_name", 50),
                _text(raw, "id_masked", 18), district_hash, _int(raw, "members", 1, MAX_MEMBERS), category,
                _text(raw, "subdistrict", 50, empty=True), date.fromisoformat(_text(raw, "valid_from", 10)),
                date.fromisoformat(_text(raw, "valid_to", 10)), status,
                date.fromisoformat(_text(raw, "consent_on", 10)))
            if household.valid_to < household.valid_from:
                raise ValueError("valid_to")
        except ValueError:
            raise DownstreamUnreadable(path=str(bundle.path), file=HOUSEHOLDS, line=number) from None
        out.append(household)
    return out


#: the fields of a rule in rules.json and the type each must have (the values are clean_rule's to check)
_RULE_FIELDS = {"household_category": str, "period": str, "base_fen": int, "per_member_fen": int, "topup_fen": int,
                "topup_months": str, "mode": str}
_LIMIT_FIELDS = {"goods_category": str, "base_count": int, "per_member_count": int}


def _typed(raw: dict[str, Any], types: dict[str, type], required: tuple[str, ...]) -> dict[str, Any]:
    """The known fields of ``raw``, each of its type (an integer is no bool); ValueError if not."""
    if not set(required) <= raw.keys():
        raise ValueError
    out = {name: raw[name] for name in types if name in raw}
    if not all(type(value) is types[name] for name, value in out.items()):
        raise ValueError
    return out


def _rules(bundle: Bundle, goods_codes: set[str]) -> list[RuleDraft]:
    """rules.json's rules, each checked as a store checks a rule (``clean_rule``)."""
    data = bundle.files.get(RULES)
    if data is None:
        return []
    try:
        raw = safe_json.loads(data)
        if not isinstance(raw, list):
            raise ValueError
    except ValueError:
        raise DownstreamUnreadable(path=str(bundle.path), file=RULES, line=1) from None
    out = []
    for number, rule in enumerate(raw, start=1):
        try:
            if not isinstance(rule, dict) or not isinstance(rule.get("limits", []), list):
                raise ValueError
            limits = []
            for lim in rule.get("limits", []):
                if not isinstance(lim, dict):
                    raise ValueError
                limits.append(LimitDraft(**_typed(lim, _LIMIT_FIELDS, ("goods_category", "base_count"))))
            draft = RuleDraft(**_typed(rule, _RULE_FIELDS, ("household_category",)), limits=tuple(limits))
            out.append(clean_rule(draft, goods_codes))
        except (ValueError, InvalidInput):
            raise DownstreamUnreadable(path=str(bundle.path), file=RULES, line=number) from None
    return out


def _use(bundle: Bundle) -> dict[tuple[str, str], int]:
    totals: Counter[tuple[str, str]] = Counter()
    for number, raw in _lines(bundle, USE):
        try:
            district_hash = _text(raw, "district_hash", 64).lower()
            period_key = _text(raw, "period_key", 10)
            if not _HASH.match(district_hash) or not _PERIOD.match(period_key):
                raise ValueError
            totals[(district_hash, period_key)] += _int(raw, "used_fen", 0)
        except ValueError:
            raise DownstreamUnreadable(path=str(bundle.path), file=USE, line=number) from None
    return dict(totals)


def _when(value: object) -> datetime | None:
    """An aware time from ISO text; None when there is none, or none the store can keep."""
    if type(value) is not str or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value)
        return None if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def apply_downstream(ctx: ServiceContext, path: Path) -> ApplyResult:
    """Check and apply one downstream bundle; a refusal changes nothing
    (a training copy, 培训, receives none: ``TrainingStore``)."""
    from charity_pos.services.training import refuse_if_training

    refuse_if_training(ctx.db, "import")
    path = Path(path)
    bundle = read_bundle(path, parts=PARTS)
    with ctx.db.read() as s:
        state = s.get(SyncState, SYNC_STATE_ID)
        if state is None or state.hub_id is None or not state.hub_public_key:
            raise NoHubTrusted(path=str(path))
        hub_id, hub_key, district = state.hub_id, state.hub_public_key, state.hub_district
        store_code = s.scalars(select(Store.code)).one()
        goods_codes = set(s.scalars(select(Category.code)))
    manifest = bundle.manifest
    if bundle.kind != DOWNSTREAM:
        raise BundleNotDownstream(path=str(path), kind=bundle.kind or "?")
    if bundle.signer != hub_signer(hub_id) or str(manifest.get("hub_id", "")) != str(hub_id):
        raise DownstreamFromOtherHub(path=str(path), signer=bundle.signer or "?", district=district or "")
    check_signature(bundle, public_key_from_text(hub_key))
    # From here on the manifest is the trusted hub's word.
    made_for = str(manifest.get("store_code", "")).upper()
    if made_for != store_code:
        raise DownstreamForOtherStore(path=str(path), made_for=made_for or "?", store_code=store_code)
    sequence = manifest.get("sequence")
    if type(sequence) is not int or not 1 <= sequence <= INT32_MAX:
        raise DownstreamUnreadable(path=str(path), file="manifest.json", line=1)
    households, rules, use = _households(bundle), _rules(bundle, goods_codes), _use(bundle)
    from charity_pos.sync.transfers import read_transfers

    transfers = read_transfers(bundle, store_code)
    campaigns = read_campaigns(bundle)
    held = manifest.get("events_held") or {}
    if not isinstance(held, dict):
        held = {}
    held_seq = held["last_seq"] if type(held.get("last_seq")) is int and 0 <= held["last_seq"] <= INT32_MAX else None
    held_at = _when(held.get("last_at"))
    created_at = _when(manifest.get("created_at"))
    now = ctx.now()

    with ctx.db.begin() as s:
        state = s.get(SyncState, SYNC_STATE_ID)
        assert state is not None
        last = state.last_downstream_seq
        if last is not None and sequence <= last:  # checked again inside: another import may have won
            raise DownstreamNotNewer(path=str(path), sequence=sequence, last_seq=last)
        added = updated = 0
        for d in households:
            local = s.scalars(select(Household).where(Household.district_hash == d.district_hash,
                                                      Household.erased_at.is_(None))).first()
            if local is None:
                by_card = s.scalars(select(Household).where(Household.card_number == d.card_number)).first()
                if by_card is not None:
                    if by_card.erased_at is not None:
                        continue  # erased here: not brought back
                    if by_card.district_hash not in (None, d.district_hash):
                        raise DownstreamCardConflict(path=str(path), card=d.card_number)
                    local = by_card
            if local is None:
                s.add(Household(card_number=d.card_number, head_name=d.head_name, id_cipher="", id_hash="",
                                id_masked=d.id_masked, district_hash=d.district_hash, members=d.members,
                                category=d.category, subdistrict=d.subdistrict, certificate_ref="",
                                valid_from=d.valid_from, valid_to=d.valid_to, status=d.status,
                                consent_on=d.consent_on, created_at=now))
                added += 1
                continue
            filled = not local.head_name and not local.id_masked and not local.id_cipher
            if filled:
                # a store rebuilt from the district's journal (``sync.rebuild``) holds no personal data: the
                # district's name and masked ID number fill it in
                local.head_name, local.id_masked = d.head_name, d.id_masked
            wanted = {"category": d.category, "members": d.members, "valid_from": d.valid_from,
                      "valid_to": d.valid_to, "status": d.status, "subdistrict": d.subdistrict,
                      "district_hash": d.district_hash}
            if any(getattr(local, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(local, name, value)
                if d.status != "suspended":
                    local.status_reason = None
                updated += 1
            elif filled:
                updated += 1
        for draft in rules:
            write_rule(s, draft, now)
        s.execute(delete(OtherStoreUse))
        s.add_all(OtherStoreUse(district_hash=h, period_key=k, used_fen=fen) for (h, k), fen in sorted(use.items()))
        counts = {"households_added": added, "households_updated": updated, "rules": len(rules), "use_rows": len(use)}
        new_transfers = 0
        if transfers is not None:
            from charity_pos.services.transfers import record_incoming, replace_district_stores

            replace_district_stores(s, transfers[0])
            new_transfers = record_incoming(s, transfers[1], at=now, sequence=sequence, where=str(path))
            counts["transfers"] = new_transfers
        s.flush()  # the households added, for the campaigns' lists
        campaign_count = apply_campaigns(s, campaigns, now)
        state.last_downstream_seq = sequence
        state.last_downstream_created_at = created_at
        state.district_events_seq = held_seq
        state.district_events_at = held_at
        if campaigns is not None:
            counts["campaigns"] = campaign_count
        event = journal.append(s, APPLIED, actor=None, at=now, facts={
            "hub_id": str(hub_id), "sequence": sequence, "counts": counts})
        return ApplyResult(sequence, added, updated, len(rules), len(use), held_seq, held_at, event.seq, new_transfers)
