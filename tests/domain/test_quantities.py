"""The one check of a line's quantity, which sales, handouts, intake and stock (and their screens) share."""

from __future__ import annotations

import pytest

from charity_pos.domain.quantities import check_line_count, check_quantity, parse_quantity
from charity_pos.errors import InvalidInput


@pytest.mark.parametrize(("value", "reason"), [
    (True, "not_a_number"), (False, "not_a_number"), (1.0, "not_a_number"), ("3", "not_a_number"),
    (None, "not_a_number"), (0, "zero"), (-1, "negative"), (-10**12, "negative"), (1000, "too_large"),
    (10**30, "too_large"),
])
def test_a_quantity_no_line_may_hold_is_refused_saying_why(value: object, reason: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_quantity(value, 999)
    assert refused.value.reason == reason and refused.value.field == "quantity"


@pytest.mark.parametrize("value", [1, 2, 999])
def test_a_whole_number_from_one_to_the_most_is_taken(value: int) -> None:
    assert check_quantity(value, 999) == value


def test_zero_where_a_count_allows_it_and_no_most_before_the_line_is_known() -> None:
    assert check_quantity(0, 5, zero_allowed=True) == 0
    with pytest.raises(InvalidInput) as refused:
        check_quantity(-1, 5, zero_allowed=True, field="count")
    assert (refused.value.field, refused.value.reason) == ("count", "negative")
    assert check_quantity(10**9, None) == 10**9


@pytest.mark.parametrize(("typed", "quantity"), [("3", 3), (" 12 ", 12), ("３", 3), ("-2", -2), ("0", 0)])
def test_a_quantity_typed_at_the_till_is_read_as_a_whole_number(typed: str, quantity: int) -> None:
    assert parse_quantity(typed) == quantity  # the line's check then says whether it may be that many


@pytest.mark.parametrize("typed", ["", " ", "3.5", "三", "²", "3a", "--3", "+-3", "1e3"])
def test_what_is_not_a_whole_number_is_refused_at_the_till(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_quantity(typed)
    assert (refused.value.field, refused.value.reason) == ("quantity", "not_a_number")


def test_a_ticket_handout_or_intake_takes_lines_up_to_its_most() -> None:
    assert check_line_count(300, 300) == 300
    with pytest.raises(InvalidInput) as refused:
        check_line_count(301, 300)
    assert (refused.value.field, refused.value.value, refused.value.reason) == ("lines", 301, "too_large")
