"""Payment codes scanned from the customer's phone: every WeChat Pay code
(18 digits, 10-15 first) and every Alipay code (16-24 digits, 25-30 first)
is recognised and kept only as its mask; everything else is refused with
its reason, and no refusal carries the code."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charity_pos.domain.payment_codes import (
    ALIPAY, WECHAT, holds_code, is_code, is_masked, mask_method, recognise,
)
from charity_pos.errors import PaymentCodeRefused

DIGITS = st.text(alphabet="0123456789", min_size=0, max_size=30)


def wechat_codes() -> st.SearchStrategy[str]:
    return st.builds(lambda p, rest: f"{p}{rest}", st.integers(10, 15),
                     st.text(alphabet="0123456789", min_size=16, max_size=16))


def alipay_codes() -> st.SearchStrategy[str]:
    return st.builds(lambda p, rest: f"{p}{rest}", st.integers(25, 30),
                     st.integers(14, 22).flatmap(lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n)))


def valid(text: str) -> str | None:
    """The rule, written out plainly: the method of a valid code, else None."""
    digits = "".join(text.split())
    if not digits.isascii() or not digits.isdigit() or len(digits) < 2:
        return None
    first = int(digits[:2])
    if 10 <= first <= 15 and len(digits) == 18:
        return WECHAT
    if 25 <= first <= 30 and 16 <= len(digits) <= 24:
        return ALIPAY
    return None


@given(wechat_codes())
def test_every_wechat_code_is_recognised_and_masked(code: str) -> None:
    found = recognise(code)
    assert found.method == WECHAT
    assert found.masked == code[:4] + "****" + code[-4:]
    assert code not in repr(found)


@given(alipay_codes())
def test_every_alipay_code_is_recognised_and_masked(code: str) -> None:
    found = recognise(code)
    assert found.method == ALIPAY and found.masked == code[:4] + "****" + code[-4:]
    assert is_masked(found.masked) and mask_method(found.masked) == ALIPAY


@given(st.one_of(wechat_codes(), alipay_codes()), st.sampled_from(["", " ", "\n", "\r\n", "\t"]),
       st.sampled_from(["", " ", "\n", "\r\n"]))
def test_what_the_scanner_adds_around_a_code_is_trimmed(code: str, before: str, after: str) -> None:
    assert recognise(before + code + after).masked == recognise(code).masked


@given(st.one_of(st.text(max_size=30), DIGITS, wechat_codes().map(lambda c: c[:-1]),
                 alipay_codes().map(lambda c: c + "0" * 5)))
def test_every_other_string_is_refused_and_the_refusal_keeps_no_code(text: str) -> None:
    expected = valid(text)
    if expected is not None:
        assert recognise(text).method == expected
        return
    with pytest.raises(PaymentCodeRefused) as refused:
        recognise(text)
    digits = "".join(text.split())
    assert set(refused.value.facts) == {"reason", "length"}
    if len(digits) >= 4:
        assert digits not in str(refused.value)


@pytest.mark.parametrize(("code", "reason"), [
    ("", "empty"),
    (" \n", "empty"),
    ("13456789012345678a", "not_digits"),
    ("１３４５６７８９０１２３４５６７８９", "not_digits"),  # full-width digits
    ("6901234567892", "too_short"),  # a goods barcode scanned by mistake
    ("280000000000001", "too_short"),  # Alipay's prefix, 15 digits
    ("2800000000000000000000001", "too_long"),  # 25 digits
    ("1345678901234567", "wechat_length"),  # WeChat's prefix, 16 digits
    ("1345678901234567890", "wechat_length"),  # 19 digits
    ("420000123420260310", "wrong_prefix"),  # 18 digits starting 42
    ("2400000000000000", "wrong_prefix"),
    ("3100000000000000", "wrong_prefix"),
    ("0900000000000000", "wrong_prefix"),
])
def test_each_refusal_says_why(code: str, reason: str) -> None:
    with pytest.raises(PaymentCodeRefused) as refused:
        recognise(code)
    assert refused.value.facts["reason"] == reason


def test_the_edges_of_each_range() -> None:
    assert recognise("100000000000000000").method == WECHAT
    assert recognise("159999999999999999").method == WECHAT
    assert recognise("2500000000000000").method == ALIPAY  # 16
    assert recognise("300000000000000000000000").method == ALIPAY  # 24
    assert recognise("28 7654 3210 9876 5432").masked == "2876****5432"


@given(st.one_of(wechat_codes(), alipay_codes()), st.text(alphabet="abc-:号", max_size=3))
def test_a_reference_holding_a_code_is_found(code: str, around: str) -> None:
    assert holds_code(code) and holds_code(f"{around}{code}{around}")
    assert holds_code(" ".join(code[i:i + 4] for i in range(0, len(code), 4)))
    assert not holds_code(recognise(code).masked)


def test_transaction_numbers_are_not_codes() -> None:
    assert not holds_code("4200001234202603101234567890")  # WeChat Pay's transaction number, 28 digits
    assert not holds_code("2026031022001412345678901234")  # Alipay's trade number
    assert not is_code("1345****6789") and mask_method("1345****6789") == WECHAT
    assert mask_method("2876****5432") == ALIPAY and mask_method("4200****5432") is None
    assert mask_method("134****56789") is None
