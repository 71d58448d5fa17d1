"""What a household may take: the period a day falls in, its allowance in
value and in units per goods category, and how a basket stands against
what remains. Pure functions; money in fen.

A rule gives a value per month or per quarter for a household of one, plus
an amount per further member, plus a festival top-up in chosen months (a
monthly rule counts it in those months only, a quarterly rule in the
quarters that hold them); item limits give so many units of a
goods category per period, also scaled by household size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


@dataclass(frozen=True)
class Period:
    key: str  # 2026-11 or 2026-Q4
    start: date
    end: date  # the last day

    def label(self, language: str = "zh_CN") -> str:
        return period_label(self.key, language)


def period_label(key: str, language: str = "zh_CN") -> str:
    """A period key (2026-12, 2026-Q4) as people name it: 2026年12月 /
    2026年第4季度 (as slips print it), or in English December 2026 / Q4 2026.
    Anything else is not a period key and is given back as it is."""
    english = not language.startswith("zh")
    if m := _QUARTER.fullmatch(key):
        year, quarter = m.groups()
        return f"Q{quarter} {year}" if english else f"{year}年第{quarter}季度"
    if (m := _MONTH.fullmatch(key)) and 1 <= int(m.group(2)) <= 12:
        year, month = m.group(1), int(m.group(2))
        return f"{MONTHS[month - 1]} {year}" if english else f"{year}年{month}月"
    return key


def period_of(day: date, period: str) -> Period:
    if period == "month":
        start = day.replace(day=1)
        following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return Period(f"{day.year}-{day.month:02d}", start, date.fromordinal(following.toordinal() - 1))
    if period == "quarter":
        quarter = (day.month - 1) // 3
        start = date(day.year, quarter * 3 + 1, 1)
        following = date(day.year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1)
        return Period(f"{day.year}-Q{quarter + 1}", start, date.fromordinal(following.toordinal() - 1))
    raise ValueError(f"unknown period {period!r}")


@dataclass(frozen=True)
class ItemLimit:
    goods_category: str
    base_count: int
    per_member_count: int = 0

    def count_for(self, members: int) -> int:
        return self.base_count + self.per_member_count * max(0, members - 1)


@dataclass(frozen=True)
class Rule:
    period: str  # month or quarter
    base_fen: int
    per_member_fen: int
    topup_fen: int = 0
    topup_months: frozenset[int] = frozenset()
    enforce: bool = True
    limits: tuple[ItemLimit, ...] = ()

    def value_for(self, members: int, day: date) -> int:
        """The period's allowance in value, as it stands on ``day``. A
        monthly rule has its top-up in the festival months only; a quarterly
        rule has it for the whole quarter, once for each festival month the
        quarter holds, so what was taken of it in January is not owed back
        in February."""
        value = self.base_fen + self.per_member_fen * max(0, members - 1)
        if self.period == "quarter":
            first = (day.month - 1) // 3 * 3 + 1
            value += self.topup_fen * len(self.topup_months & {first, first + 1, first + 2})
        elif day.month in self.topup_months:
            value += self.topup_fen
        return value

    def counts_for(self, members: int) -> dict[str, int]:
        return {limit.goods_category: limit.count_for(members) for limit in self.limits}


def parse_months(text: str) -> frozenset[int]:
    """``"1,10"`` -> {1, 10}; refuses anything but month numbers."""
    months = set()
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 12:
            raise ValueError(part)
        months.add(int(part))
    return frozenset(months)


@dataclass(frozen=True)
class Standing:
    """Where a household stands in a period, before or after a basket."""

    allowance_fen: int
    used_fen: int
    limits: Mapping[str, int] = field(default_factory=dict)  # goods category -> units allowed
    used_counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def remaining_fen(self) -> int:
        return self.allowance_fen - self.used_fen

    def remaining_count(self, category: str) -> int | None:
        if category not in self.limits:
            return None
        return self.limits[category] - self.used_counts.get(category, 0)


@dataclass(frozen=True)
class BasketLine:
    goods_category: str
    quantity: int
    value_fen: int  # the line's whole value


@dataclass(frozen=True)
class Verdict:
    over_value_fen: int  # how far the basket goes past the value remaining (0 if not)
    over_counts: dict[str, int]  # goods category -> units past its limit

    @property
    def within(self) -> bool:
        return self.over_value_fen == 0 and not self.over_counts


def judge(standing: Standing, basket: Iterable[BasketLine]) -> Verdict:
    """How a basket stands against what remains."""
    lines = list(basket)
    value = sum(line.value_fen for line in lines)
    over_value = max(0, value - max(0, standing.remaining_fen))
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.goods_category] = counts.get(line.goods_category, 0) + line.quantity
    over_counts = {}
    for category, count in counts.items():
        left = standing.remaining_count(category)
        if left is not None and count > max(0, left):
            over_counts[category] = count - max(0, left)
    return Verdict(over_value, over_counts)


def worse(before: Verdict, after: Verdict) -> bool:
    """Does a change take the basket further past the allowance, in value or
    in any goods category's units?"""
    return after.over_value_fen > before.over_value_fen or any(
        count > before.over_counts.get(category, 0) for category, count in after.over_counts.items())


def units_beyond(standing: Standing, basket: Sequence[BasketLine]) -> list[int]:
    """For each line, how many of its units do not fit in what is left, in
    scan order: each line takes what still fits in value and in its goods
    category's count, the rest of it is beyond. A basket with nothing beyond
    is exactly a basket ``judge`` finds within."""
    value_left = max(0, standing.remaining_fen)
    counts_left = {category: max(0, standing.remaining_count(category) or 0) for category in standing.limits}
    beyond = []
    for line in basket:
        fits = line.quantity
        unit = line.value_fen // line.quantity if line.quantity else 0
        if unit > 0:
            fits = min(fits, value_left // unit)
        if line.goods_category in counts_left:
            fits = min(fits, counts_left[line.goods_category])
            counts_left[line.goods_category] -= fits
        value_left -= fits * unit
        beyond.append(line.quantity - fits)
    return beyond


class Needs(StrEnum):
    """What a change to a basket needs before it is taken."""

    NOTHING = "nothing"  # within the allowance, or no further past it than before
    WARNING = "warning"  # further past it under a warn rule: taken, with a warning, and logged
    APPROVAL = "approval"  # further past it under an enforce rule: a manager's approval and a reason


@dataclass(frozen=True)
class Ruling:
    verdict: Verdict  # the basket after the change
    needs: Needs


def rule_on_change(standing: Standing, before: Sequence[BasketLine], after: Sequence[BasketLine], *,
                   enforce: bool) -> Ruling:
    """May a basket become ``after``? Going further past the allowance needs
    a warning (a warn rule) or a manager's approval (an enforce rule); a
    change that keeps it within, or brings it back, needs nothing."""
    was, now = judge(standing, before), judge(standing, after)
    if now.within or not worse(was, now):
        return Ruling(now, Needs.NOTHING)
    return Ruling(now, Needs.APPROVAL if enforce else Needs.WARNING)
