"""What a household may take, as the household, the cashier and the district
inspector would check it: the period a day falls in and its name on the
slip; the allowance on every day of a year (the festival top-up in its
months only); item limits scaled by household size; and, for any sequence
of visits, that in enforce mode no household takes more than its allowance
without a manager's approval, and that the allowance starts afresh at each
period's first day.

The visits are simulated with the pure functions (``Rule``, ``Standing``,
``judge``) and a small model of the counter; the model is then checked
against the real ``HandoutService`` on a temporary store (fewer examples:
each one hands out through the database).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from charity_pos.db.models import Handout, Household
from charity_pos.domain import quota
from charity_pos.domain.identity import id_check_char
from charity_pos.domain.quota import (
    BasketLine,
    ItemLimit,
    Rule,
    Standing,
    judge,
    parse_months,
    period_label,
    period_of,
)
from charity_pos.errors import ApprovalRequired
from charity_pos.services.base import STORE_TZ, Approval
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.quotas import LimitDraft, RuleDraft

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
GOODS_CATEGORIES = ("grain_oil", "daily", "food", "clothing")


def last_day_of_month(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


# --- periods ------------------------------------------------------------------------------------------
@given(DAYS)
def test_a_month_holds_the_day_from_its_first_to_its_last_day(day: date) -> None:
    period = period_of(day, "month")
    assert period.start == date(day.year, day.month, 1)
    assert period.end == last_day_of_month(day.year, day.month)
    assert period.start <= day <= period.end
    assert period.key == f"{day.year}-{day.month:02d}"
    assert period.label() == f"{day.year}年{day.month}月"
    # the day before the first and the day after the last are in other months
    assert period_of(period.start - timedelta(days=1), "month").key != period.key
    assert period_of(period.end + timedelta(days=1), "month").key != period.key
    assert period_of(period.end, "month") == period_of(period.start, "month") == period


@given(DAYS)
def test_a_quarter_holds_three_whole_months(day: date) -> None:
    period = period_of(day, "quarter")
    quarter = (day.month - 1) // 3 + 1
    assert period.start == date(day.year, 3 * quarter - 2, 1)
    assert period.end == last_day_of_month(day.year, 3 * quarter)
    assert period.start <= day <= period.end
    assert period.key == f"{day.year}-Q{quarter}"
    assert period.label() == f"{day.year}年第{quarter}季度"
    assert period_of(period.start - timedelta(days=1), "quarter").key != period.key
    assert period_of(period.end + timedelta(days=1), "quarter").key != period.key
    months = {period_of(period.start + timedelta(days=n), "month").key
              for n in range((period.end - period.start).days + 1)}
    assert len(months) == 3


@pytest.mark.parametrize(("last", "first", "month_keys", "quarter_keys"), [
    (date(2026, 1, 31), date(2026, 2, 1), ("2026-01", "2026-02"), ("2026-Q1", "2026-Q1")),
    (date(2026, 2, 28), date(2026, 3, 1), ("2026-02", "2026-03"), ("2026-Q1", "2026-Q1")),
    (date(2028, 2, 29), date(2028, 3, 1), ("2028-02", "2028-03"), ("2028-Q1", "2028-Q1")),
    (date(2026, 3, 31), date(2026, 4, 1), ("2026-03", "2026-04"), ("2026-Q1", "2026-Q2")),
    (date(2026, 6, 30), date(2026, 7, 1), ("2026-06", "2026-07"), ("2026-Q2", "2026-Q3")),
    (date(2026, 9, 30), date(2026, 10, 1), ("2026-09", "2026-10"), ("2026-Q3", "2026-Q4")),
    (date(2026, 12, 31), date(2027, 1, 1), ("2026-12", "2027-01"), ("2026-Q4", "2027-Q1")),
])
def test_period_boundaries(last: date, first: date, month_keys: tuple[str, str],
                           quarter_keys: tuple[str, str]) -> None:
    assert (period_of(last, "month").key, period_of(first, "month").key) == month_keys
    assert (period_of(last, "quarter").key, period_of(first, "quarter").key) == quarter_keys
    assert period_of(last, "month").end == last and period_of(first, "month").start == first


def test_labels_as_the_slip_prints_them() -> None:
    assert period_of(date(2026, 11, 5), "month").label() == "2026年11月"
    assert period_of(date(2026, 1, 5), "month").label() == "2026年1月"
    assert period_of(date(2026, 11, 5), "quarter").label() == "2026年第4季度"
    assert period_of(date(2027, 2, 5), "quarter").label() == "2027年第1季度"


@pytest.mark.parametrize("unit", ["week", "year", "", "Month"])
def test_an_unknown_period_is_refused(unit: str) -> None:
    with pytest.raises(ValueError):
        period_of(date(2026, 3, 10), unit)


# --- festival months --------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["0", "13", "a", "1,a", "-1", "1.5", "1;10", "10,13", "0,1", "１3"])
def test_parse_months_refuses_anything_but_month_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_months(text)


@pytest.mark.parametrize(("text", "months"), [
    ("", set()), ("1,10", {1, 10}), ("10,1", {1, 10}), (" 1 , 10 ", {1, 10}), ("1，10", {1, 10}),
    ("12", {12}), ("1,1", {1}), ("1,,10,", {1, 10}), ("01", {1}),
])
def test_parse_months_reads_lists_of_months(text: str, months: set[int]) -> None:
    assert parse_months(text) == frozenset(months)


@given(st.sets(st.integers(1, 12)), st.randoms(use_true_random=False),
       st.lists(st.sampled_from([",", "，", " ,", ", ", ",,"]), min_size=12, max_size=12))
def test_any_set_of_months_written_any_way_reads_back(months: set[int], rnd: Any, separators: list[str]) -> None:
    order = sorted(months)
    rnd.shuffle(order)
    text = "".join(f"{m}{sep}" for m, sep in zip(order, separators, strict=False))
    assert parse_months(text) == frozenset(months)


@given(st.text(max_size=20))
def test_parse_months_gives_months_or_refuses(text: str) -> None:
    try:
        months = parse_months(text)
    except ValueError:
        return
    assert months <= frozenset(range(1, 13))


# --- the allowance on each day -------------------------------------------------------------------------
RULE_PARTS = {
    "base": st.integers(0, 100_000), "per_member": st.integers(0, 50_000), "topup": st.integers(0, 50_000),
    "months": st.frozensets(st.integers(1, 12)), "members": st.integers(1, 20), "year": st.integers(2000, 2099),
    "period": st.sampled_from(["month", "quarter"]),
}


@settings(max_examples=60)
@given(**RULE_PARTS)
def test_top_ups_apply_in_their_months_or_quarters_only_on_every_day_of_a_year(base: int, per_member: int, topup: int,
                                                                   months: frozenset[int], members: int, year: int,
                                                                   period: str) -> None:
    rule = Rule(period, base, per_member, topup, months)
    plain = base + per_member * (members - 1)
    day = date(year, 1, 1)
    while day.year == year:
        if period == "month":
            expected = plain + (topup if day.month in months else 0)
        else:  # the quarter holding a festival month has its top-up all through
            quarter = {m for m in range(1, 13) if (m - 1) // 3 == (day.month - 1) // 3}
            expected = plain + topup * len(months & quarter)
        assert rule.value_for(members, day) == expected, day
        day += timedelta(days=1)


def test_the_shanghai_scheme_fifty_a_month_and_fifty_more_at_spring_festival_and_national_day() -> None:
    rule = Rule("month", 5000, 0, 5000, parse_months("1,10"))
    by_month = {m: rule.value_for(1, date(2026, m, 15)) for m in range(1, 13)}
    assert by_month == {1: 10_000, 2: 5000, 3: 5000, 4: 5000, 5: 5000, 6: 5000, 7: 5000, 8: 5000, 9: 5000,
                        10: 10_000, 11: 5000, 12: 5000}
    # the last day of the festival month and the first day after it
    assert rule.value_for(1, date(2026, 10, 31)) == 10_000 and rule.value_for(1, date(2026, 11, 1)) == 5000
    assert rule.value_for(1, date(2025, 12, 31)) == 5000 and rule.value_for(1, date(2026, 1, 1)) == 10_000


@given(st.integers(0, 1000), st.integers(0, 1000), st.integers(1, 20))
def test_item_limits_scale_with_household_size(base: int, per_member: int, members: int) -> None:
    limit = ItemLimit("grain_oil", base, per_member)
    assert limit.count_for(members) == base + per_member * (members - 1)
    assert limit.count_for(members + 1) - limit.count_for(members) == per_member
    rule = Rule("month", 5000, 2000, limits=(limit, ItemLimit("daily", 3)))
    assert rule.counts_for(members) == {"grain_oil": base + per_member * (members - 1), "daily": 3}
    assert rule.value_for(members, date(2026, 3, 1)) == 5000 + 2000 * (members - 1)


def test_a_household_of_three_under_the_dibao_default() -> None:
    """低保: ¥50 for one and ¥20 for each further member; two bags of grain
    or oil and one more per further member."""
    rule = Rule("month", 5000, 2000, 5000, parse_months("1,10"), True, (ItemLimit("grain_oil", 2, 1),))
    assert rule.value_for(3, date(2026, 3, 10)) == 9000
    assert rule.value_for(3, date(2026, 10, 10)) == 14_000
    assert rule.counts_for(3) == {"grain_oil": 4}


# --- judging a basket ----------------------------------------------------------------------------------
LINES = st.lists(st.builds(BasketLine, st.sampled_from(GOODS_CATEGORIES), st.integers(1, 10),
                           st.integers(0, 20_000)), max_size=6)


@st.composite
def standings(draw: Callable[..., Any]) -> Standing:
    allowance = draw(st.integers(0, 50_000))
    used = draw(st.integers(0, 60_000))
    limited = draw(st.lists(st.sampled_from(GOODS_CATEGORIES), unique=True, max_size=3))
    limits = {c: draw(st.integers(0, 8)) for c in limited}
    used_counts = {c: draw(st.integers(0, 10)) for c in draw(st.lists(st.sampled_from(GOODS_CATEGORIES),
                                                                      unique=True, max_size=4))}
    return Standing(allowance, used, limits, used_counts)


def counts_of(basket: list[BasketLine]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in basket:
        counts[line.goods_category] = counts.get(line.goods_category, 0) + line.quantity
    return counts


@settings(max_examples=300)
@given(standings(), LINES)
def test_a_basket_is_within_exactly_when_it_fits_what_remains(standing: Standing, basket: list[BasketLine]) -> None:
    verdict = judge(standing, basket)
    value = sum(line.value_fen for line in basket)
    counts = counts_of(basket)
    left = max(0, standing.remaining_fen)
    assert verdict.over_value_fen == max(0, value - left)
    for category, count in counts.items():
        allowed = standing.remaining_count(category)
        if allowed is None:
            assert category not in verdict.over_counts, "no limit, never over"
        else:
            assert verdict.over_counts.get(category, 0) == max(0, count - max(0, allowed))
    assert set(verdict.over_counts) <= set(counts)
    assert all(n > 0 for n in verdict.over_counts.values())
    if verdict.within and standing.used_fen <= standing.allowance_fen:
        # nothing past the allowance, in value or in any limited category
        assert standing.used_fen + value <= standing.allowance_fen
        for category, limit in standing.limits.items():
            used = standing.used_counts.get(category, 0)
            assert counts.get(category, 0) == 0 or used + counts[category] <= limit


@given(standings(), LINES, st.data())
def test_less_of_a_basket_within_is_within_too(standing: Standing, basket: list[BasketLine], data: Any) -> None:
    assume(judge(standing, basket).within)
    fewer = data.draw(st.lists(st.sampled_from(basket), unique_by=id, max_size=len(basket))) if basket else []
    assert judge(standing, fewer).within


def test_an_empty_basket_is_always_within() -> None:
    assert judge(Standing(0, 9000, {"grain_oil": 0}, {"grain_oil": 5}), []).within


def test_past_the_allowance_already_any_goods_of_value_are_over() -> None:
    standing = Standing(5000, 6000)  # an approved override last week
    assert judge(standing, [BasketLine("daily", 1, 10)]).over_value_fen == 10
    assert judge(standing, [BasketLine("daily", 1, 0)]).within


# --- the counter's basket as it changes -----------------------------------------------------------------
@st.composite
def unit_lines(draw: Callable[..., Any]) -> list[BasketLine]:
    """Lines as the handout screen makes them: so many units at one unit value."""
    return [BasketLine(category, quantity, quantity * unit) for category, quantity, unit in draw(st.lists(
        st.tuples(st.sampled_from(GOODS_CATEGORIES), st.integers(1, 10), st.integers(0, 5_000)), max_size=6))]


@settings(max_examples=300)
@given(standings(), unit_lines())
def test_units_beyond_the_allowance_are_none_exactly_when_the_basket_is_within(standing: Standing,
                                                                               basket: list[BasketLine]) -> None:
    beyond = quota.units_beyond(standing, basket)
    assert len(beyond) == len(basket) and all(0 <= n <= line.quantity for n, line in zip(beyond, basket))
    assert (sum(beyond) == 0) == judge(standing, basket).within
    fits = [BasketLine(line.goods_category, line.quantity - n, (line.quantity - n) * (line.value_fen // line.quantity))
            for line, n in zip(basket, beyond) if line.quantity > n]
    assert judge(standing, fits).within, "what is left after moving the units beyond away fits"


def test_units_beyond_are_found_in_scan_order() -> None:
    standing = Standing(10_000, 0, {"grain_oil": 2})
    basket = [BasketLine("grain_oil", 3, 3 * 3290), BasketLine("daily", 2, 2 * 450), BasketLine("daily", 1, 3000)]
    assert quota.units_beyond(standing, basket) == [1, 0, 1]  # the third bag, then what no longer fits in value


def test_a_change_needs_nothing_a_warning_or_an_approval() -> None:
    standing = Standing(9000, 0, {"grain_oil": 2})
    two, three = [BasketLine("grain_oil", 2, 6580)], [BasketLine("grain_oil", 3, 9870)]
    within = quota.rule_on_change(standing, [], two, enforce=True)
    assert within.needs is quota.Needs.NOTHING and within.verdict.within
    over = quota.rule_on_change(standing, two, three, enforce=True)
    assert over.needs is quota.Needs.APPROVAL and over.verdict == judge(standing, three)
    assert quota.rule_on_change(standing, two, three, enforce=False).needs is quota.Needs.WARNING
    # taking a bag back, or changing nothing, while still past it needs nothing more
    assert quota.rule_on_change(standing, three + three, three, enforce=True).needs is quota.Needs.NOTHING
    assert quota.rule_on_change(standing, three, three, enforce=True).needs is quota.Needs.NOTHING
    # past it in a category with no more value: still further past
    soap = [BasketLine("daily", 1, 450)]
    assert quota.rule_on_change(Standing(0, 0), [], soap, enforce=True).needs is quota.Needs.APPROVAL


@given(standings(), unit_lines(), unit_lines(), st.booleans())
def test_a_change_that_keeps_the_basket_within_never_needs_anything(standing: Standing, before: list[BasketLine],
                                                                   after: list[BasketLine], enforce: bool) -> None:
    ruling = quota.rule_on_change(standing, before, after, enforce=enforce)
    assert ruling.verdict == judge(standing, after)
    if ruling.verdict.within:
        assert ruling.needs is quota.Needs.NOTHING
    elif ruling.needs is not quota.Needs.NOTHING:
        assert ruling.needs is (quota.Needs.APPROVAL if enforce else quota.Needs.WARNING)
        assert quota.worse(judge(standing, before), ruling.verdict)


# --- any sequence of visits: a model of the counter ----------------------------------------------------
@dataclass(frozen=True)
class Visit:
    days_later: int  # after the visit before
    basket: tuple[BasketLine, ...]
    manager_approves: bool  # when asked


@dataclass(frozen=True)
class Given:
    day: date
    period: str
    allowance: int  # the period's, on the day
    used_before: int
    counts_before: dict[str, int]
    value: int
    counts: dict[str, int]
    over: bool
    approved: bool
    mode: str


@dataclass
class CounterModel:
    """What the counter does with each visit of one household under one
    rule: the standing from the period's earlier handouts, the verdict,
    and then a handout, a warned handout, an approved one, or nothing."""

    rule: Rule
    members: int
    handouts: list[Given] = field(default_factory=list)
    refused: int = 0

    def standing(self, day: date) -> tuple[quota.Period, Standing]:
        period = period_of(day, self.rule.period)
        earlier = [h for h in self.handouts if h.period == period.key]
        counts: dict[str, int] = {}
        for h in earlier:
            for category, n in h.counts.items():
                counts[category] = counts.get(category, 0) + n
        return period, Standing(self.rule.value_for(self.members, day), sum(h.value for h in earlier),
                                self.rule.counts_for(self.members), counts)

    def visit(self, day: date, basket: tuple[BasketLine, ...], manager_approves: bool) -> str:
        period, standing = self.standing(day)
        verdict = judge(standing, basket)
        if not verdict.within and self.rule.enforce and not manager_approves:
            self.refused += 1
            return "refused"
        self.handouts.append(Given(day, period.key, standing.allowance_fen, standing.used_fen,
                                   dict(standing.used_counts), sum(line.value_fen for line in basket),
                                   counts_of(list(basket)), not verdict.within,
                                   not verdict.within and self.rule.enforce,
                                   "enforce" if self.rule.enforce else "warn"))
        if verdict.within:
            return "within"
        return "approved" if self.rule.enforce else "warned"


def assert_never_past_the_allowance_unapproved(handouts: list[Given], rule: Rule, members: int) -> None:
    """What the district inspector checks: every handout not approved by a
    manager stayed within what remained, in value and in each limited
    category; and a period without an approved override ends within."""
    limits = rule.counts_for(members)
    for h in handouts:
        if h.approved or h.mode == "warn":
            continue
        assert not h.over
        assert h.used_before + h.value <= h.allowance or h.value == 0
        for category, n in h.counts.items():
            if category in limits and n:
                assert h.counts_before.get(category, 0) + n <= limits[category]
    if rule.enforce:
        for key, group in itertools.groupby(handouts, key=lambda h: h.period):
            group = list(group)
            if not any(h.approved for h in group):
                totals: dict[str, int] = {}
                for h in group:
                    for category, n in h.counts.items():
                        totals[category] = totals.get(category, 0) + n
                # (a quarter's allowance can change with a festival month: the largest one it had)
                assert sum(h.value for h in group if h.value) <= max(h.allowance for h in group), key
                for category, limit in limits.items():
                    assert totals.get(category, 0) <= limit, (key, category)


rules = st.builds(
    Rule, st.sampled_from(["month", "quarter"]), st.integers(0, 20_000), st.integers(0, 5000),
    st.integers(0, 10_000), st.frozensets(st.integers(1, 12), max_size=3), st.booleans(),
    st.lists(st.builds(ItemLimit, st.sampled_from(GOODS_CATEGORIES), st.integers(0, 4), st.integers(0, 2)),
             unique_by=lambda limit: limit.goods_category, max_size=3).map(tuple),
)
visits = st.lists(st.builds(Visit, st.integers(0, 45), LINES.map(tuple), st.booleans()), min_size=1, max_size=25)


@settings(max_examples=300)
@given(rules, st.integers(1, 8), DAYS, visits)
def test_in_enforce_mode_no_household_goes_past_its_allowance_without_an_approved_override(
        rule: Rule, members: int, start: date, planned: list[Visit]) -> None:
    model = CounterModel(rule, members)
    day = start
    for visit in planned:
        day += timedelta(days=visit.days_later)
        outcome = model.visit(day, visit.basket, visit.manager_approves)
        if not rule.enforce:
            assert outcome != "refused", "warn mode never refuses"
    assert_never_past_the_allowance_unapproved(model.handouts, rule, members)
    if rule.enforce:
        assert all(h.approved for h in model.handouts if h.over)


@settings(max_examples=200)
@given(rules, st.integers(1, 8), st.integers(2000, 2098), st.integers(1, 12), st.sampled_from(["month", "quarter"]))
def test_the_allowance_starts_afresh_on_the_first_day_of_the_next_period(rule: Rule, members: int, year: int,
                                                                       month: int, period: str) -> None:
    """The whole allowance taken (with an override, past it) on the period's
    last day: the next day, in the next period, all of it is there again."""
    rule = Rule(period, rule.base_fen, rule.per_member_fen, rule.topup_fen, rule.topup_months, True, rule.limits)
    last = period_of(date(year, month, 1), period).end
    first = last + timedelta(days=1)
    model = CounterModel(rule, members)
    _, before = model.standing(last)
    free = next(c for c in GOODS_CATEGORIES if c not in rule.counts_for(members))  # a category without a limit
    taken = tuple(BasketLine(c, n + 1, 0) for c, n in rule.counts_for(members).items())
    model.visit(last, (BasketLine(free, 1, before.allowance_fen + 100), *taken), manager_approves=True)
    _, still = model.standing(last)
    assert still.remaining_fen < 0 and all(still.remaining_count(c) < 0 for c in still.limits)
    next_period, fresh = model.standing(first)
    assert next_period.start == first
    assert fresh.used_fen == 0 and fresh.remaining_fen == rule.value_for(members, first)
    assert all(fresh.remaining_count(c) == n for c, n in rule.counts_for(members).items())
    whole = (BasketLine(free, 1, fresh.allowance_fen),
             *(BasketLine(c, n, 0) for c, n in rule.counts_for(members).items() if n))
    assert model.visit(first, whole, manager_approves=False) == "within"


def test_a_quarter_does_not_start_afresh_at_a_month_inside_it() -> None:
    rule = Rule("quarter", 25_000, 0)
    model = CounterModel(rule, 1)
    assert model.visit(date(2026, 1, 31), (BasketLine("daily", 1, 20_000),), False) == "within"
    assert model.visit(date(2026, 2, 1), (BasketLine("daily", 1, 10_000),), False) == "refused"
    assert model.visit(date(2026, 3, 31), (BasketLine("daily", 1, 5000),), False) == "within"
    assert model.visit(date(2026, 4, 1), (BasketLine("daily", 1, 25_000),), False) == "within"


# --- the same against the real service ----------------------------------------------------------------
_serial = itertools.count(1)

#: Rules set for the store before the visits, per household category.
SERVICE_RULES = {
    HouseholdCategory.DIBAO: RuleDraft("dibao", "month", 5000, 2000, 5000, "1,10", "enforce",
                                       (LimitDraft("grain_oil", 2, 1), LimitDraft("daily", 3, 0))),
    HouseholdCategory.LOW_INCOME: RuleDraft("low_income", "quarter", 25_000, 5000, 5000, "1,4", "enforce",
                                            (LimitDraft("grain_oil", 3, 1),)),
    HouseholdCategory.TEMPORARY: RuleDraft("temporary", "month", 3000, 0, 0, "", "warn",
                                           (LimitDraft("grain_oil", 1, 0),)),
}
#: Goods on the shelf: (name, category, price, reference, active)
SHELF = (("东北大米 5kg", "grain_oil", 3290, 3590, True), ("龙须挂面 1kg", "grain_oil", 890, 960, True),
         ("雕牌透明皂", "daily", 1190, 1290, True), ("维达抽纸", "daily", 2290, 2490, True),
         ("八宝粥", "food", 450, 500, True), ("救助专用面粉 5kg", "grain_oil", 1000, 2290, False))


def synthetic_id(serial: int) -> str:
    first17 = f"310105{date(1950, 1, 1) + timedelta(days=serial):%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


@pytest.fixture
def counter(services, manager, make_item):
    from dataclasses import replace

    for draft in SERVICE_RULES.values():
        services.quotas.set_rule(manager, draft)
    goods = []
    for name, category, price, reference, active in SHELF:
        item = make_item(name, category=category, unit="件", price=price, reference=reference)
        goods.append(item)
    services.stock.receive(manager, {item.id: 999 for item in goods})
    for item, (*_, active) in zip(goods, SHELF, strict=True):
        if not active:  # relief goods not for sale: count at their reference price
            services.catalog.update_item(manager, item.id, replace(item.draft(), active=False))
    return [services.catalog.get(item.id) for item in goods]


def domain_rule(draft: RuleDraft) -> Rule:
    return Rule(draft.period, draft.base_fen, draft.per_member_fen, draft.topup_fen, parse_months(draft.topup_months),
                draft.mode == "enforce",
                tuple(ItemLimit(lim.goods_category, lim.base_count, lim.per_member_count) for lim in draft.limits))


service_visits = st.lists(st.tuples(
    st.integers(0, 40),  # days later
    st.lists(st.tuples(st.integers(0, len(SHELF) - 1), st.integers(1, 4)), min_size=1, max_size=3,
             unique_by=lambda pair: pair[0]),
    st.sampled_from(["no", "pin", "manager"]),  # when asked: refuse, a manager's PIN, the manager herself
), min_size=1, max_size=6)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(category=st.sampled_from(sorted(SERVICE_RULES)), members=st.integers(1, 5), planned=service_visits)
def test_the_service_hands_out_what_the_model_says(services, manager, cashier, counter, clock,
                                                   category, members, planned) -> None:
    serial = next(_serial)
    card = f"QT{serial:06d}"
    household_id = services.households.register(manager, HouseholdDraft(
        card, "测试户主", synthetic_id(serial), members, category, "石门二路街道", f"静民救〔2026〕{serial:03d}号",
        date(2020, 1, 1), date(2099, 12, 31), date(2020, 1, 1))).ids[0]
    rule = domain_rule(SERVICE_RULES[category])
    model = CounterModel(rule, members)
    for days_later, lines, approval in planned:
        clock.advance(days=days_later)
        today = clock().astimezone(STORE_TZ).date()
        items = [(counter[i], n) for i, n in lines]
        basket = tuple(BasketLine(item.category_code, n, n * (item.reference_price_fen if not item.active
                                                                 else item.sale_price_fen)) for item, n in items)
        view = services.handouts.card(card)
        period, expected = model.standing(today)
        assert (view.period.key, view.standing) == (period.key, expected)
        outcome = model.visit(today, basket, approval != "no")
        event(outcome)
        draft = HandoutDraft(uuid.uuid4(), household_id, tuple(HandoutLineDraft(item.id, n) for item, n in items))
        if outcome == "refused":
            with pytest.raises(ApprovalRequired):
                services.handouts.complete(cashier, draft)
            continue
        if outcome == "approved" and approval == "pin":
            actor, draft = cashier, HandoutDraft(draft.ticket_id, draft.household_id, draft.lines,
                                                 Approval("manager", "9999", "家中有病人，多领一些"))
        elif outcome == "approved":
            actor, draft = manager, HandoutDraft(draft.ticket_id, draft.household_id, draft.lines,
                                                 Approval("manager", "", "店长同意多领"))
        else:
            actor = cashier
        changes = services.handouts.complete(actor, draft)
        assert ("over_allowance" in changes.warnings) == (outcome == "warned")
    with services.db.read() as s:
        stored = list(s.scalars(select(Handout).where(Handout.household_id == household_id)
                                .order_by(Handout.number)))
        assert s.get(Household, household_id).members == members
        assert [(h.period_key, h.used_before_fen, h.allowance_fen, h.total_value_fen, h.over_allowance,
                 h.approved_by is not None, h.mode) for h in stored] == [
            (g.period, g.used_before, g.allowance, g.value, g.over, g.approved, g.mode) for g in model.handouts]
        assert all(h.approved_by == manager.user_id and h.override_reason for h in stored if h.approved_by)
    assert_never_past_the_allowance_unapproved(model.handouts, rule, members)


def test_the_month_turns_at_midnight_in_shanghai_not_in_utc(services, manager, cashier, counter, clock) -> None:
    """23:59 on 31 January and 00:01 on 1 February, Shanghai time (both
    still 31 January in UTC): the allowance is there again after midnight."""
    clock.set(datetime.combine(date(2027, 1, 31), time(23, 59), tzinfo=STORE_TZ))
    household_id = services.households.register(manager, HouseholdDraft(
        "QM000001", "测试户主", synthetic_id(9001), 1, HouseholdCategory.DIBAO, "石门二路街道", "静民救〔2027〕901号",
        date(2027, 1, 1), date(2027, 12, 31), date(2027, 1, 1))).ids[0]
    rice = counter[0]  # ¥32.90, grain and oil
    january = services.handouts.card("QM000001")
    assert january.period.key == "2027-01" and january.standing.allowance_fen == 10_000  # ¥50 + ¥50 festival
    services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household_id, (HandoutLineDraft(rice.id, 2),)))
    assert services.handouts.card("QM000001").standing.remaining_fen == 10_000 - 2 * 3290
    assert services.handouts.card("QM000001").standing.remaining_count("grain_oil") == 0
    clock.advance(minutes=2)  # 00:01 on 1 February in Shanghai, 16:01 on 31 January in UTC
    assert clock().astimezone(UTC).date() == date(2027, 1, 31)
    february = services.handouts.card("QM000001")
    assert february.period.key == "2027-02" and february.period.label() == "2027年2月"
    assert february.standing.used_fen == 0 and february.standing.allowance_fen == 5000
    assert february.standing.remaining_count("grain_oil") == 2
    # two bags now would be over in value (2 × ¥32.90 > ¥50); one is within
    with pytest.raises(ApprovalRequired):
        services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household_id, (HandoutLineDraft(rice.id, 2),)))
    services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household_id, (HandoutLineDraft(rice.id, 1),)))
    assert [r.period_key for r in services.handouts.handouts(household_id=household_id)] == ["2027-02", "2027-01"]


def test_a_quarter_with_a_festival_month_keeps_its_top_up_all_quarter(services, manager, cashier, counter, clock) -> None:
    """A quarterly rule with a top-up in January: the quarter's allowance
    holds the top-up from its first day to its last, so what the household
    took in January is not owed back in February."""
    clock.set(datetime.combine(date(2027, 1, 20), time(10), tzinfo=STORE_TZ))
    household_id = services.households.register(manager, HouseholdDraft(
        "QQ000001", "测试户主", synthetic_id(9101), 1, HouseholdCategory.LOW_INCOME, "石门二路街道",
        "静民救〔2027〕911号", date(2027, 1, 1), date(2027, 12, 31), date(2027, 1, 1))).ids[0]
    view = services.handouts.card("QQ000001")
    assert view.period.key == "2027-Q1" and view.standing.allowance_fen == 30_000  # ¥250 + ¥50 for January
    wipes = counter[3]  # 维达抽纸 ¥22.90
    services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household_id, (HandoutLineDraft(wipes.id, 13),)))
    assert services.handouts.card("QQ000001").standing.remaining_fen == 30_000 - 13 * 2290
    clock.set(datetime.combine(date(2027, 2, 3), time(10), tzinfo=STORE_TZ))
    february = services.handouts.card("QQ000001").standing
    assert february.allowance_fen == 30_000 and february.used_fen == 13 * 2290
    assert february.remaining_fen == 230
    with pytest.raises(ApprovalRequired):  # ¥0.23 left: anything more needs a manager
        services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household_id,
                                                         (HandoutLineDraft(counter[4].id, 1),)))
    clock.set(datetime.combine(date(2027, 4, 1), time(10), tzinfo=STORE_TZ))
    april = services.handouts.card("QQ000001")
    assert april.period.key == "2027-Q2" and april.standing.used_fen == 0
    assert april.standing.allowance_fen == 30_000  # April is a festival month of this rule too


def test_period_keys_are_named_in_both_languages() -> None:
    assert [period_label(k) for k in ("2026-03", "2026-12", "2026-Q1")] == ["2026年3月", "2026年12月", "2026年第1季度"]
    assert [period_label(k, "en") for k in ("2026-03", "2026-Q4")] == ["March 2026", "Q4 2026"]
    # not a period key: shown as it is, never a wrong month
    assert [period_label(k, "en") for k in ("2026-13", "2026-00", "2026-Q5", "2026", "")] == [
        "2026-13", "2026-00", "2026-Q5", "2026", ""]
