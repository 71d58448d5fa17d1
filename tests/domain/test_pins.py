"""PIN policy and the memory-hard hash."""

from __future__ import annotations

import pytest

from charity_pos.domain import pins
from charity_pos.errors import InvalidInput


@pytest.mark.parametrize("pin", ["1234", "0000", "9999", "123456789012"])
def test_policy_accepts_4_to_12_digits(pin: str) -> None:
    assert pins.check_policy(pin) == pin


@pytest.mark.parametrize(
    ("pin", "reason"),
    [
        ("123", "pin_length"),
        ("1234567890123", "pin_length"),
        ("", "pin_digits"),
        ("12a4", "pin_digits"),
        ("abcd", "pin_digits"),
        ("12 34", "pin_digits"),
        ("-123", "pin_digits"),
        ("１２３４", "pin_digits"),  # full-width digits
    ],
)
def test_policy_refuses(pin: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as info:
        pins.check_policy(pin)
    assert info.value.reason == reason
    assert info.value.field == "pin"
    assert pin not in str(info.value.value) or pin == ""  # the PIN itself is never carried in the error


def test_hash_is_scrypt_salted_and_does_not_contain_the_pin() -> None:
    first, second = pins.hash_pin("1111"), pins.hash_pin("1111")
    assert first.startswith("scrypt$")
    assert first != second  # a fresh salt each time
    assert "1111" not in first.split("$", 4)[-1]


def test_right_pin_matches_and_wrong_pin_does_not() -> None:
    stored = pins.hash_pin("2468")
    assert pins.pin_matches("2468", stored)
    assert not pins.pin_matches("2469", stored)
    assert not pins.pin_matches("", stored)
    assert not pins.pin_matches("24680", stored)


@pytest.mark.parametrize("stored", ["", "garbage", "bcrypt$1$2$3$4$5", "scrypt$x$8$1$AAAA$AAAA", "scrypt$16384$8$1$!!$!!"])
def test_damaged_hash_never_matches(stored: str) -> None:
    assert not pins.pin_matches("1111", stored)


def test_the_app_hashes_pins_at_full_cost() -> None:
    """The suite lowers the cost (tests/conftest.py); a fresh interpreter, as the app starts, has it whole."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "from charity_pos.domain import pins; print(pins.hash_pin('2468'))"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out.split("$")[1:4] == ["16384", "8", "1"]
    assert pins.pin_matches("2468", out) and not pins.pin_matches("2469", out)


def test_a_hash_is_checked_at_its_own_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    cheap = pins.hash_pin("1357")
    monkeypatch.setattr(pins, "COST", (2**14, 8, 1))
    full = pins.hash_pin("1357")
    assert cheap.split("$")[1] != full.split("$")[1] == "16384"
    assert pins.pin_matches("1357", cheap) and pins.pin_matches("1357", full)
    assert not pins.pin_matches("1358", full)
