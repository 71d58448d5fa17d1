"""Quota rules per household category, edited by managers (and later sent
by the district): value per month or quarter scaled by household size,
item limits per goods category, festival top-ups, warn or enforce."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import Category, QuotaItemLimit, QuotaRule
from charity_pos.domain import quota
from charity_pos.domain.money import check_fen
from charity_pos.errors import InvalidInput
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Actor, Changes, Entity, ServiceContext
from charity_pos.services.households import HouseholdCategory
from charity_pos.services.permissions import Action, require

MAX_COUNT = 1000


@dataclass(frozen=True)
class LimitDraft:
    goods_category: str  # category code
    base_count: int
    per_member_count: int = 0


@dataclass(frozen=True)
class RuleDraft:
    household_category: str
    period: str = "month"
    base_fen: int = 5000
    per_member_fen: int = 0
    topup_fen: int = 0
    topup_months: str = ""  # "1,10"
    mode: str = "enforce"
    limits: tuple[LimitDraft, ...] = ()


#: What applies until a manager or the district sets a rule, close to real Shanghai schemes (¥50 a month
#: plus ¥50 in the Spring Festival and National Day months), to be adjusted
#: by the manager or replaced by the district's rules.
DEFAULT_RULES = tuple(
    RuleDraft(category.value, "month", base, per_member, 5000, "1,10", "enforce",
              (LimitDraft("grain_oil", 2, 1),))
    for category, base, per_member in (
        (HouseholdCategory.TEKUN, 8000, 3000),
        (HouseholdCategory.DIBAO, 5000, 2000),
        (HouseholdCategory.DIBAO_EDGE, 4000, 1500),
        (HouseholdCategory.LOW_INCOME, 3000, 1000),
        (HouseholdCategory.EXPENSE, 5000, 2000),
        (HouseholdCategory.TEMPORARY, 5000, 0),
    )
)


def to_domain(rule: QuotaRule) -> quota.Rule:
    return quota.Rule(rule.period, rule.base_fen, rule.per_member_fen, rule.topup_fen,
                      quota.parse_months(rule.topup_months), rule.mode == "enforce",
                      tuple(quota.ItemLimit(lim.goods_category, lim.base_count, lim.per_member_count)
                            for lim in rule.limits))


def rule_in(session: Session, household_category: str) -> QuotaRule | None:
    return session.scalars(select(QuotaRule).where(QuotaRule.household_category == household_category)).first()


def _draft_to_domain(draft: RuleDraft) -> quota.Rule:
    return quota.Rule(draft.period, draft.base_fen, draft.per_member_fen, draft.topup_fen,
                      quota.parse_months(draft.topup_months), draft.mode == "enforce",
                      tuple(quota.ItemLimit(lim.goods_category, lim.base_count, lim.per_member_count)
                            for lim in draft.limits))


DEFAULTS = {draft.household_category: draft for draft in DEFAULT_RULES}


def rule_for(session: Session, household_category: str) -> quota.Rule | None:
    """The rule in force for a category: the manager's (or the district's)
    if set, else the store's default; None for a category with neither."""
    row = rule_in(session, household_category)
    if row is not None:
        return to_domain(row)
    default = DEFAULTS.get(household_category)
    return None if default is None else _draft_to_domain(default)


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field="count", value=value, reason="not_a_number")
    if value < 0:
        raise InvalidInput(field="count", value=value, reason="negative")
    if value > MAX_COUNT:
        raise InvalidInput(field="count", value=value, reason="too_large")
    return value


def clean_rule(draft: RuleDraft, goods_codes: set[str]) -> RuleDraft:
    """Check a rule against the goods category codes; the store and the hub use it."""
    try:
        HouseholdCategory(draft.household_category)
    except ValueError:
        raise InvalidInput(field="category", value=draft.household_category, reason="unknown") from None
    if draft.period not in ("month", "quarter"):
        raise InvalidInput(field="period", value=draft.period, reason="unknown")
    if draft.mode not in ("warn", "enforce"):
        raise InvalidInput(field="mode", value=draft.mode, reason="unknown")
    for name in ("base_fen", "per_member_fen", "topup_fen"):
        check_fen(getattr(draft, name), field="allowance")
    try:
        months = quota.parse_months(draft.topup_months)
    except ValueError as exc:
        raise InvalidInput(field="topup_months", value=str(exc), reason="months") from None
    codes = goods_codes
    seen = set()
    for limit in draft.limits:
        if limit.goods_category not in codes:
            raise InvalidInput(field="category", value=limit.goods_category, reason="unknown")
        if limit.goods_category in seen:
            raise InvalidInput(field="category", value=limit.goods_category, reason="twice")
        seen.add(limit.goods_category)
        _count(limit.base_count)
        _count(limit.per_member_count)
    return RuleDraft(draft.household_category, draft.period, draft.base_fen, draft.per_member_fen, draft.topup_fen,
                     ",".join(str(m) for m in sorted(months)), draft.mode, tuple(draft.limits))


def _clean(session: Session, draft: RuleDraft) -> RuleDraft:
    return clean_rule(draft, set(session.scalars(select(Category.code))))


def write_rule(session: Session, draft: RuleDraft, now: datetime) -> None:
    """Create or replace the rule of one household category (no commit)."""
    draft = _clean(session, draft)
    rule = rule_in(session, draft.household_category)
    if rule is None:
        rule = QuotaRule(household_category=draft.household_category)
        session.add(rule)
    rule.period, rule.base_fen, rule.per_member_fen = draft.period, draft.base_fen, draft.per_member_fen
    rule.topup_fen, rule.topup_months, rule.mode, rule.updated_at = draft.topup_fen, draft.topup_months, draft.mode, now
    wanted = {limit.goods_category: limit for limit in draft.limits}
    for existing in list(rule.limits):
        if existing.goods_category not in wanted:
            rule.limits.remove(existing)
            session.delete(existing)
    current = {limit.goods_category: limit for limit in rule.limits}
    for code, limit in wanted.items():
        row = current.get(code)
        if row is None:
            row = QuotaItemLimit(goods_category=code)
            rule.limits.append(row)
        row.base_count, row.per_member_count = limit.base_count, limit.per_member_count
    session.flush()


class QuotaService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def rules(self) -> list[RuleDraft]:
        """The rule in force for every household category: set ones, and the
        defaults for categories nobody has set yet."""
        with self.ctx.db.read() as s:
            stored = {r.household_category: RuleDraft(
                r.household_category, r.period, r.base_fen, r.per_member_fen, r.topup_fen, r.topup_months, r.mode,
                tuple(LimitDraft(lim.goods_category, lim.base_count, lim.per_member_count) for lim in r.limits))
                for r in s.scalars(select(QuotaRule))}
        merged = {**DEFAULTS, **stored}
        return [merged[key] for key in sorted(merged)]

    def set_rule(self, actor: Actor, draft: RuleDraft) -> Changes:
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.MANAGE_QUOTAS)
            write_rule(s, draft, now)
            ev = journal.append(s, "quota.rule_set", actor=actor.user_id, at=now,
                                facts={"household_category": draft.household_category})
        return Changes(frozenset({Entity.QUOTAS}), (), ev.seq)
