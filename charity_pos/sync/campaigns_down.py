"""The campaigns section of a downstream bundle: ``campaigns.json``, a list
of the district's relief campaigns that cover the store, each with the
store's eligible households.

Each campaign is an object: id (the hub's UUID), name, starts_on, ends_on
(ISO dates), categories and areas (lists of text; empty: all), package (a
list of ``{"barcode" | "goods_category", "quantity"}``; empty for a value
package), value_fen (or null), counts_allowance, and households: a list of
``{"district_hash", "collected_at"}`` (the code of another store where the
hub knows the household collected it, or "").

The hub adds the file only when a campaign covers the store, so a store of
an older version (which refuses a part it does not know) is sent the same
bundle as before until the district runs a campaign. Every field is checked
for type and range before anything is applied; applying it is part of the
``district.applied`` unit of work (``sync.downstream``) through
``services.campaigns.apply_campaigns``: the campaigns' rows are journaled
there, the eligible households (keyed hashes, a copy of the hub's figures)
replaced wholesale and not journaled (``db.campaign``).
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from charity_pos.domain import campaign as rules
from charity_pos.domain import safe_json
from charity_pos.errors import DownstreamUnreadable
from charity_pos.services.campaigns import DistrictCampaign as DistrictCampaign
from charity_pos.services.campaigns import apply_campaigns as apply_campaigns
from charity_pos.services.households import HouseholdCategory
from charity_pos.sync.bundle import Bundle

CAMPAIGNS = "campaigns.json"
MAX_CAMPAIGNS = 100
MAX_HOUSEHOLDS = 200_000
_HASH = re.compile(r"[0-9a-f]{64}")
_CODE = re.compile(r"[A-Z0-9]{0,8}")
_FIELDS = {"id", "name", "starts_on", "ends_on", "categories", "areas", "package", "value_fen", "counts_allowance",
           "households"}


def _texts(value: Any, limit: int, allowed: set[str] | None = None) -> tuple[str, ...]:
    if type(value) is not list or len(value) > 200:
        raise ValueError
    if not all(type(v) is str and 0 < len(v) <= limit and "\n" not in v for v in value):
        raise ValueError
    if allowed is not None and not set(value) <= allowed:
        raise ValueError
    return tuple(value)


def _campaign(raw: Any) -> DistrictCampaign:
    if type(raw) is not dict or set(raw) != _FIELDS:
        raise ValueError
    if type(raw["counts_allowance"]) is not bool or type(raw["households"]) is not list:
        raise ValueError
    if type(raw["id"]) is not str or type(raw["starts_on"]) is not str or type(raw["ends_on"]) is not str:
        raise ValueError
    starts, ends = date.fromisoformat(raw["starts_on"]), date.fromisoformat(raw["ends_on"])
    try:
        rules.check_dates(starts, ends)
        name = rules.check_name(raw["name"]) if type(raw["name"]) is str else ""
        package, value_fen = rules.package(raw["package"] or None, raw["value_fen"])
    except rules.CampaignRuleError:
        raise ValueError from None
    if not name:
        raise ValueError
    if len(raw["households"]) > MAX_HOUSEHOLDS:
        raise ValueError
    households: dict[str, str] = {}
    for entry in raw["households"]:
        if type(entry) is not dict or set(entry) != {"district_hash", "collected_at"}:
            raise ValueError
        hash_, at = entry["district_hash"], entry["collected_at"]
        if type(hash_) is not str or not _HASH.fullmatch(hash_) or type(at) is not str or not _CODE.fullmatch(at):
            raise ValueError
        households[hash_] = at
    return DistrictCampaign(name, starts, ends, _texts(raw["categories"], 20, {c.value for c in HouseholdCategory}),
                            _texts(raw["areas"], 50), package, value_fen, raw["counts_allowance"],
                            uuid.UUID(raw["id"]), households)


def read_campaigns(bundle: Bundle) -> list[DistrictCampaign] | None:
    """campaigns.json's campaigns, each checked (DownstreamUnreadable names the first bad one, counted
    from 1); None when the bundle has no such file."""
    data = bundle.files.get(CAMPAIGNS)
    if data is None:
        return None
    try:
        raw = safe_json.loads(data)
        if type(raw) is not list or len(raw) > MAX_CAMPAIGNS:
            raise ValueError
    except ValueError:
        raise DownstreamUnreadable(path=str(bundle.path), file=CAMPAIGNS, line=1) from None
    out = []
    for number, entry in enumerate(raw, start=1):
        try:
            out.append(_campaign(entry))
        except (ValueError, TypeError):
            raise DownstreamUnreadable(path=str(bundle.path), file=CAMPAIGNS, line=number) from None
    if len({c.id for c in out}) != len(out):
        raise DownstreamUnreadable(path=str(bundle.path), file=CAMPAIGNS, line=len(out))
    return out
