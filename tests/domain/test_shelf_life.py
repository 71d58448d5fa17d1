"""The minimum remaining shelf life at intake: a share of the item's usual
shelf life, rounded up, or a number of days when that is not known."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, strategies as st

from charity_pos.domain.shelf_life import (
    DAYS_RANGE, PERCENT_RANGE, SHELF_LIFE_RANGE, MinimumShelfLife, Shortfall, minimum_days_left, shortfall, within,
)

TODAY = date(2026, 3, 10)


def test_the_default_is_sixty_percent_of_the_shelf_life_or_thirty_days() -> None:
    rule = MinimumShelfLife()
    assert (rule.percent, rule.days) == (60, 30)
    assert minimum_days_left(rule, 365) == 219  # 60% of a year, rounded up
    assert minimum_days_left(rule, 10) == 6
    assert minimum_days_left(rule, None) == 30


def test_short_food_is_named_with_its_days_left_and_the_minimum() -> None:
    rule = MinimumShelfLife()
    assert shortfall(rule, 365, TODAY + timedelta(days=218), TODAY) == Shortfall(218, 219)
    assert shortfall(rule, 365, TODAY + timedelta(days=219), TODAY) is None
    assert shortfall(rule, None, TODAY + timedelta(days=29), TODAY) == Shortfall(29, 30)
    assert shortfall(rule, None, TODAY + timedelta(days=30), TODAY) is None
    assert shortfall(rule, None, TODAY, TODAY) == Shortfall(0, 30)


def test_a_rule_of_zero_asks_for_nothing_but_a_date_not_past() -> None:
    rule = MinimumShelfLife(0, 0)
    assert shortfall(rule, 365, TODAY, TODAY) is None
    assert shortfall(rule, None, TODAY, TODAY) is None
    assert shortfall(rule, None, TODAY - timedelta(days=1), TODAY) == Shortfall(-1, 0)


@given(life=st.integers(*SHELF_LIFE_RANGE), percent=st.integers(*PERCENT_RANGE), days=st.integers(*DAYS_RANGE),
       left=st.integers(-10, 4000))
def test_the_minimum_is_the_share_rounded_up_and_decides_exactly(life, percent, days, left) -> None:
    rule = MinimumShelfLife(percent, days)
    minimum = minimum_days_left(rule, life)
    assert minimum * 100 >= life * percent > (minimum - 1) * 100
    assert 0 <= minimum <= life
    short = shortfall(rule, life, TODAY + timedelta(days=left), TODAY)
    assert (short is not None) == (left < minimum)
    assert shortfall(rule, None, TODAY + timedelta(days=left), TODAY) == (
        Shortfall(left, days) if left < days else None)


def test_within_takes_whole_numbers_in_range_only() -> None:
    assert within(60, PERCENT_RANGE) and within(0, PERCENT_RANGE) and within(100, PERCENT_RANGE)
    for bad in (-1, 101, 60.0, "60", None, True):
        assert not within(bad, PERCENT_RANGE), bad
