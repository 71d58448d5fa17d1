"""Money is whole fen below the UI; these are the only doors to and from text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charity_pos.domain.money import MAX_FEN, check_fen, format_fen, parse_yuan
from charity_pos.errors import InvalidInput


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (50, "¥0.50"),
        (3290, "¥32.90"),
        (123450, "¥1,234.50"),
        (100_000_000, "¥1,000,000.00"),
        (-150, "-¥1.50"),
    ],
)
def test_format_fen(fen: int, text: str) -> None:
    assert format_fen(fen) == text


def test_format_fen_without_symbol() -> None:
    assert format_fen(123450, symbol="") == "1,234.50"


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12", 1200),
        ("12.5", 1250),
        ("12.50", 1250),
        ("0.01", 1),
        (".5", 50),
        (" 32.90 ", 3290),
        ("¥1,234.50", 123450),
        ("￥1，234.50", 123450),  # full-width yuan sign and comma from a Chinese IME
        ("0", 0),
    ],
)
def test_parse_yuan_reads_what_people_type(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("¥", "empty"),
        ("abc", "not_a_number"),
        ("12元", "not_a_number"),
        ("1.2.3", "not_a_number"),
        ("NaN", "not_a_number"),
        ("Infinity", "not_a_number"),
        ("1.234", "too_many_decimals"),
        ("0.001", "too_many_decimals"),
        ("-1", "negative"),
        ("-0.01", "negative"),
        ("99999999999999", "too_large"),
        ("10000000000", "too_large"),  # exactly MAX_FEN fen
        ("1e30", "too_large"),
    ],
)
def test_parse_yuan_refuses_bad_input_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_yuan(text, field="sale_price")
    assert info.value.reason == reason
    assert info.value.field == "sale_price"


def test_negative_allowed_only_when_asked() -> None:
    assert parse_yuan("-1.50", allow_negative=True) == -150
    with pytest.raises(InvalidInput):
        parse_yuan("-99999999999999", allow_negative=True)


def test_parse_returns_an_int_never_a_float() -> None:
    assert type(parse_yuan("0.1")) is int
    assert parse_yuan("0.1") + parse_yuan("0.2") == parse_yuan("0.3")


@given(st.integers(0, MAX_FEN - 1))
def test_format_then_parse_gives_back_the_same_fen(fen: int) -> None:
    assert parse_yuan(format_fen(fen)) == fen


@given(st.integers(-(MAX_FEN - 1), MAX_FEN - 1))
def test_round_trip_with_sign(fen: int) -> None:
    assert parse_yuan(format_fen(fen), allow_negative=True) == fen


@pytest.mark.parametrize(
    ("value", "reason"),
    [(-1, "negative"), (1.5, "not_a_number"), ("100", "not_a_number"), (True, "not_a_number"),
     (None, "not_a_number"), (MAX_FEN, "too_large")],
)
def test_check_fen_refuses_what_is_not_whole_fen(value: object, reason: str) -> None:
    with pytest.raises(InvalidInput) as info:
        check_fen(value, field="sale_price")
    assert info.value.reason == reason


def test_check_fen_zero() -> None:
    assert check_fen(0, field="sale_price") == 0
    with pytest.raises(InvalidInput) as info:
        check_fen(0, field="sale_price", allow_zero=False)
    assert info.value.reason == "zero"
