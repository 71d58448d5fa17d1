"""The close of a shift as the cashier and the manager see it: the
difference per method, and when it is beyond the tolerance."""

from __future__ import annotations

import pytest

from charity_pos.domain import cash_count


@pytest.mark.parametrize(("counted", "expected", "difference"), [(10_000, 10_000, 0), (10_050, 10_000, 50),
                                                                 (9_900, 10_000, -100)])
def test_over_is_positive_and_short_negative(counted: int, expected: int, difference: int) -> None:
    assert cash_count.difference(counted, expected) == difference


@pytest.mark.parametrize(("difference", "beyond"), [(0, False), (500, False), (-500, False), (501, True),
                                                    (-501, True)])
def test_exactly_the_tolerance_is_within_over_or_short(difference: int, beyond: bool) -> None:
    assert cash_count.beyond(difference, 500) is beyond


def test_any_method_beyond_counts_and_a_method_with_nothing_expected_holds_nothing() -> None:
    methods = ("cash", "wechat", "alipay")
    expected = {"cash": 20_000, "wechat": 3_290}
    assert not cash_count.any_beyond({"cash": 20_100, "wechat": 3_290}, expected, 100, methods)
    assert cash_count.any_beyond({"cash": 20_000, "wechat": 3_000}, expected, 100, methods)
    assert cash_count.any_beyond({"cash": 20_000, "wechat": 3_290, "alipay": 101}, expected, 100, methods)
    assert not cash_count.any_beyond({"cash": 20_000, "wechat": 3_290, "alipay": 101}, expected, 100,
                                     ("cash", "wechat"))
