"""ID numbers (GB 11643) and unified social credit codes (GB 32100-2015)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charity_pos.domain.identity import (
    CREDIT_CHARSET,
    credit_check_char,
    id_check_char,
    mask_id,
    mask_name,
    mask_phone,
    validate_credit_code,
    validate_id,
)
from charity_pos.errors import InvalidInput

# The worked example of GB 11643-1999: 11010519491231002X.
STANDARD_EXAMPLE = "11010519491231002X"


def test_standard_example_is_valid() -> None:
    assert validate_id(STANDARD_EXAMPLE) == STANDARD_EXAMPLE
    assert validate_id(" 11010519491231002x ") == STANDARD_EXAMPLE


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("110105194912310021", "id_check"),
        ("11010519491231002", "id_format"),
        ("1101051949123100211", "id_format"),
        ("11010519491331002X", "id_birth_date"),
        ("A1010519491231002X", "id_format"),
        ("", "id_format"),
    ],
)
def test_bad_id_numbers_are_refused_with_the_reason(number: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_id(number)
    assert caught.value.reason == reason
    assert caught.value.value == "", "an ID number never travels inside an error"


def test_masking_shows_first_six_and_last_four() -> None:
    assert mask_id("310105194912310021") == "310105********0021"
    assert mask_name("王建国") == "王**"
    assert mask_phone("13812345678") == "138****5678"


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_any_single_digit_change_breaks_an_id_number(first17: str) -> None:
    number = first17 + id_check_char(first17)
    for position in range(17):
        changed = number[:position] + str((int(number[position]) + 1) % 10) + number[position + 1:]
        assert id_check_char(changed[:17]) != changed[17]


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91310000132200821H", "91110000802100433B"])
def test_real_credit_codes_are_valid(code: str) -> None:
    assert validate_credit_code(code.lower()) == code


@pytest.mark.parametrize(
    ("code", "reason"),
    [("91310000132200821J", "credit_check"), ("9131000013220082", "credit_format"),
     ("91310000I32200821H", "credit_format"), ("", "credit_format")],
)
def test_bad_credit_codes_are_refused(code: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_credit_code(code)
    assert caught.value.reason == reason


@given(st.text(alphabet=CREDIT_CHARSET, min_size=17, max_size=17))
def test_credit_check_character_validates(first17: str) -> None:
    assert validate_credit_code(first17 + credit_check_char(first17))
