"""Amounts in Chinese capitals, as a receipt shows them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charity_pos.domain.capitals import DIGITS, amount_in_capitals
from charity_pos.domain.money import MAX_FEN
from charity_pos.errors import InvalidInput

HARD_CASES = [
    (0, "人民币零元整"),
    (5, "人民币伍分"),
    (50, "人民币伍角整"),
    (55, "人民币伍角伍分"),
    (100, "人民币壹元整"),
    (1000, "人民币壹拾元整"),
    (1001, "人民币壹拾元零壹分"),
    (10007, "人民币壹佰元零柒分"),
    (25000, "人民币贰佰伍拾元整"),
    (100520, "人民币壹仟零伍元贰角整"),
    (1000500, "人民币壹万零伍元整"),
    (1001000 * 100, "人民币壹佰万零壹仟元整"),
    (100000000, "人民币壹佰万元整"),
    (11001000 * 100, "人民币壹仟壹佰万零壹仟元整"),
    (10000001001, "人民币壹亿零壹拾元零壹分"),
    (10000000000, "人民币壹亿元整"),
    (1010101010, "人民币壹仟零壹拾万零壹仟零壹拾元壹角整"),
    (99999999999, "人民币玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(("fen", "expected"), HARD_CASES)
def test_hard_cases(fen: int, expected: str) -> None:
    assert amount_in_capitals(fen) == expected


@pytest.mark.parametrize("bad", [-1, 1.5, "100", MAX_FEN, True])
def test_what_is_not_an_amount_is_refused(bad: object) -> None:
    with pytest.raises(InvalidInput):
        amount_in_capitals(bad)  # type: ignore[arg-type]


PLACE = {"仟": 1000, "佰": 100, "拾": 10}


def _read_section(text: str) -> int:
    """Up to four digits with their places: 壹仟零伍 -> 1005."""
    value = digit = 0
    for char in text:
        if char in PLACE:
            value += digit * PLACE[char]
            digit = 0
        else:
            digit = DIGITS.index(char)
    return value + digit


def read_capitals(text: str) -> int:
    """An independent reader: capitals back to fen."""
    assert text.startswith("人民币")
    match = re.fullmatch(r"(?:(.+?)元)?(?:零?(.)角)?(?:零?(.)分)?(整)?", text[len("人民币"):])
    assert match, text
    integer, jiao, fen, _ = match.groups()
    yuan = 0
    if integer and integer != "零":
        yi, _, rest = integer.rpartition("亿")
        wan, _, ones = rest.rpartition("万")
        yuan = _read_section(yi) * 10**8 + _read_section(wan) * 10**4 + _read_section(ones)
    return yuan * 100 + (DIGITS.index(jiao) * 10 if jiao else 0) + (DIGITS.index(fen) if fen else 0)


@given(st.integers(min_value=0, max_value=MAX_FEN - 1))
def test_capitals_read_back_to_the_same_amount(fen: int) -> None:
    assert read_capitals(amount_in_capitals(fen)) == fen


@given(st.integers(min_value=1, max_value=MAX_FEN - 1))
def test_capitals_are_well_formed(fen: int) -> None:
    text = amount_in_capitals(fen)
    body = text[len("人民币"):]
    assert "零零" not in body
    assert not body.startswith("零")
    assert not re.search(r"零[元万亿整]", body)
    # 整 exactly when there are no fen
    assert body.endswith("整") == (fen % 10 == 0)
    assert "拾" not in body or not body.startswith("拾")
