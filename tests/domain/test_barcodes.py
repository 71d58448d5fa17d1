"""Barcodes as printed on goods (EAN-13, EAN-8, UPC-A) and the store's own codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charity_pos.domain import barcodes
from charity_pos.domain.barcodes import Symbology
from charity_pos.errors import InvalidBarcode


@pytest.mark.parametrize(
    ("code", "symbology"),
    [
        ("4006381333931", Symbology.EAN13),
        ("6901234567892", Symbology.EAN13),  # a Chinese (690-699) manufacturer prefix
        ("96385074", Symbology.EAN8),
        ("40170725", Symbology.EAN8),
        ("036000291452", Symbology.UPCA),
        ("012345678905", Symbology.UPCA),
    ],
)
def test_printed_codes_with_right_check_digit_are_accepted(code: str, symbology: Symbology) -> None:
    assert barcodes.validate(code) == symbology
    assert barcodes.is_valid(code)


@pytest.mark.parametrize("code", ["4006381333932", "6901234567890", "96385075", "036000291453", "012345678900"])
def test_wrong_check_digit_is_refused_with_that_reason(code: str) -> None:
    with pytest.raises(InvalidBarcode) as info:
        barcodes.validate(code)
    assert info.value.reason == "check_digit"
    assert info.value.barcode == code
    assert not barcodes.is_valid(code)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("400638133393A", "not_digits"),
        ("4006-38133393", "not_digits"),
        ("-400638133393", "not_digits"),
        ("４００６３８１３３３９３１", "not_digits"),  # full-width digits from a Chinese IME
        ("٤٠٠٦٣٨١٣٣٣٩٣١", "not_digits"),  # other scripts' digits pass str.isdigit
        ("1234567", "length"),
        ("123456789", "length"),
        ("12345678901", "length"),
        ("40063813339310", "length"),
        ("1", "length"),
    ],
)
def test_malformed_codes_are_refused_with_a_reason(code: str, reason: str) -> None:
    with pytest.raises(InvalidBarcode) as info:
        barcodes.validate(code)
    assert info.value.reason == reason


def test_what_a_scanner_adds_around_a_code_is_ignored() -> None:
    assert barcodes.validate(" 4006381333931\r\n") == Symbology.EAN13
    assert barcodes.normalize("\t96385074\n") == "96385074"


@pytest.mark.parametrize("prefix", range(20, 30))
def test_in_store_codes_use_the_restricted_prefix_and_validate(prefix: int) -> None:
    code = barcodes.in_store_code(prefix, 123)
    assert code.startswith(str(prefix))
    assert len(code) == 13
    assert barcodes.validate(code) == Symbology.EAN13
    assert barcodes.is_in_store(code)


def test_manufacturer_codes_are_not_in_store_codes() -> None:
    assert not barcodes.is_in_store("6901234567892")
    assert not barcodes.is_in_store("96385074")
    assert not barcodes.is_in_store("2100000001235")  # right prefix, wrong check digit


def test_in_store_code_layout() -> None:
    # 21 + ten-digit serial + check digit
    assert barcodes.in_store_code(21, 1)[:12] == "210000000001"
    assert barcodes.in_store_code(29, 9_999_999_999)[:12] == "299999999999"


@pytest.mark.parametrize("prefix", [0, 19, 30, 99, -21])
def test_prefix_outside_20_29_is_refused(prefix: int) -> None:
    with pytest.raises(ValueError):
        barcodes.in_store_code(prefix, 1)


@pytest.mark.parametrize("serial", [-1, 10**10])
def test_serial_that_does_not_fit_ten_digits_is_refused(serial: int) -> None:
    with pytest.raises(ValueError):
        barcodes.in_store_code(21, serial)


@given(st.integers(20, 29), st.integers(0, 10**10 - 1))
def test_every_in_store_code_validates(prefix: int, serial: int) -> None:
    code = barcodes.in_store_code(prefix, serial)
    assert barcodes.validate(code) == Symbology.EAN13
    assert barcodes.is_in_store(code)


@given(st.integers(20, 29), st.integers(0, 10**10 - 1), st.integers(0, 12), st.integers(1, 9))
def test_any_single_digit_change_breaks_an_in_store_code(prefix: int, serial: int, position: int, shift: int) -> None:
    code = barcodes.in_store_code(prefix, serial)
    changed = code[:position] + str((int(code[position]) + shift) % 10) + code[position + 1:]
    assert changed != code
    assert not barcodes.is_valid(changed)
