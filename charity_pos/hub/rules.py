"""The district's quota rules, kept at the hub and sent to every store in
its downstream bundles. Until the district sets a rule for a household
category, the stores' defaults (services.quotas.DEFAULT_RULES) apply.

``charity-pos hub rules import --hub URL FILE`` reads a JSON list of rules,
each with the fields of ``RuleDraft`` (limits as a list of objects), the
same shape the downstream bundle's rules.json has; every rule is checked as
a store checks it, and the file is taken whole or not at all.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.domain import safe_json
from charity_pos.errors import BundleDamaged, InvalidInput, RulesFileUnreadable
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import HubQuotaRule
from charity_pos.ledger.canonical import canonical_json
from charity_pos.services.catalog import DEFAULT_CATEGORIES
from charity_pos.services.quotas import DEFAULT_RULES, LimitDraft, RuleDraft, clean_rule
from charity_pos.sync import archive

#: a district's rules are a few kilobytes; a larger file is not a rules file
RULES_FILE_LIMIT = 1024 * 1024

GOODS_CODES = frozenset(code for code, _name in DEFAULT_CATEGORIES)


def draft_from(data: Any) -> RuleDraft:
    if not isinstance(data, dict):
        raise InvalidInput(field="category", value=str(data)[:40], reason="unknown")
    limits = tuple(LimitDraft(str(lim.get("goods_category", "")), lim.get("base_count", 0),
                              lim.get("per_member_count", 0))
                   for lim in data.get("limits", []) if isinstance(lim, dict))
    return RuleDraft(str(data.get("household_category", "")), str(data.get("period", "month")),
                     data.get("base_fen", 0), data.get("per_member_fen", 0), data.get("topup_fen", 0),
                     str(data.get("topup_months", "")), str(data.get("mode", "enforce")), limits)


def stored_rules(session: Session) -> list[RuleDraft]:
    """The rule in force for every category: the district's where set, else the default."""
    stored = {row.household_category: draft_from(json.loads(row.rule))
              for row in session.scalars(select(HubQuotaRule))}
    merged = {rule.household_category: rule for rule in DEFAULT_RULES} | stored
    return [merged[key] for key in sorted(merged)]


def import_rules(db: HubDatabase, path: Path, now: datetime) -> int:
    try:  # read as a bundle is: only a regular file, of bounded size, JSON of bounded depth
        data = safe_json.loads(archive.read_file(Path(path), RULES_FILE_LIMIT).decode("utf-8-sig"))
    except BundleDamaged as exc:
        detail = "missing" if getattr(exc, "detail", None) == "missing_file" else "not_json"
        raise RulesFileUnreadable(path=str(path), detail=detail) from None
    except (OSError, ValueError, RecursionError):
        raise RulesFileUnreadable(path=str(path), detail="not_json") from None
    if not isinstance(data, list) or not data:
        raise RulesFileUnreadable(path=str(path), detail="not_a_list")
    rules = [clean_rule(draft_from(item), set(GOODS_CODES)) for item in data]
    categories = [rule.household_category for rule in rules]
    if len(categories) != len(set(categories)):
        twice = next(c for c in categories if categories.count(c) > 1)
        raise InvalidInput(field="category", value=twice, reason="twice")
    from charity_pos.hub.downstream import rule_dict

    with db.begin() as s:
        existing = {row.household_category: row for row in s.scalars(select(HubQuotaRule))}
        for rule in rules:
            row = existing.get(rule.household_category)
            if row is None:
                row = HubQuotaRule(household_category=rule.household_category)
                s.add(row)
            row.rule = canonical_json(rule_dict(rule))
            row.updated_at = now
    return len(rules)
