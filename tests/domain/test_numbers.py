"""Document numbers such as PT01-2026-S000123."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charity_pos.domain.numbers import STORE_CODE, format_number, parse_number


def test_format() -> None:
    assert format_number("PT01", 2026, "S", 123) == "PT01-2026-S000123"
    assert format_number("JA01", 2027, "R", 1) == "JA01-2027-R000001"


def test_parse() -> None:
    assert parse_number("PT01-2026-S000123") == ("PT01", 2026, "S", 123)


def test_parse_accepts_what_a_person_types_loosely() -> None:
    assert parse_number("  pt01-2026-s000123 ") == ("PT01", 2026, "S", 123)


@pytest.mark.parametrize(
    "text",
    ["", "PT01", "PT01-2026-S12345", "PT01-2026-S0001234", "PT01-26-S000123", "PT01-2026-000123",
     "PT01-2026-SS00123", "P-2026-S000123", "PT01_2026_S000123", "普陀01-2026-S000123"],
)
def test_parse_refuses_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@given(
    st.from_regex(STORE_CODE, fullmatch=True),
    st.integers(2000, 2999),
    st.sampled_from("CRS"),
    st.integers(1, 999_999),
)
def test_round_trip(store: str, year: int, kind: str, serial: int) -> None:
    assert parse_number(format_number(store, year, kind, serial)) == (store, year, kind, serial)


@pytest.mark.parametrize("code", ["PT01", "JA01", "AB", "ABCDEFGH"])
def test_store_codes(code: str) -> None:
    assert STORE_CODE.match(code)


@pytest.mark.parametrize("code", ["", "P", "pt01", "PT-01", "ABCDEFGHI", "普陀"])
def test_bad_store_codes(code: str) -> None:
    assert not STORE_CODE.match(code)
