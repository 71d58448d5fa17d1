"""Payment codes scanned from the customer's phone (付款码).

WeChat Pay's is 18 digits starting 10-15; Alipay's 16-24 digits starting
25-30. A scanned code is a one-time bearer token: it is never stored nor
logged whole. What is kept is its mask, the first four and last four digits
(``1345****6789``), enough to find the payment on the merchant bill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from charity_pos.errors import PaymentCodeRefused, PaymentReferenceRefused

WECHAT = "wechat"
ALIPAY = "alipay"

WECHAT_PREFIXES = range(10, 16)
WECHAT_LENGTH = 18
ALIPAY_PREFIXES = range(25, 31)
ALIPAY_LENGTHS = range(16, 25)
SHORTEST, LONGEST = 16, 24

MASK = "****"
_MASKED = re.compile(r"\d{4}\*{4}\d{4}")
_DIGIT_RUNS = re.compile(r"\d+")


@dataclass(frozen=True)
class PaymentCode:
    """A recognised code: its method ("wechat" or "alipay") and its mask.
    The code itself is not kept."""

    method: str
    masked: str


def mask(digits: str) -> str:
    """The first four and last four digits around ``****``."""
    return digits[:4] + MASK + digits[-4:]


def method_for_prefix(digits: str) -> str | None:
    """The method whose codes start with the first two of ``digits``."""
    if len(digits) < 2 or not digits[:2].isascii() or not digits[:2].isdigit():
        return None
    prefix = int(digits[:2])
    if prefix in WECHAT_PREFIXES:
        return WECHAT
    if prefix in ALIPAY_PREFIXES:
        return ALIPAY
    return None


def recognise(code: str) -> PaymentCode:
    """The method and mask of a scanned code, or ``PaymentCodeRefused`` with
    the reason: empty, not_digits, too_short, too_long, wechat_length (starts
    like WeChat Pay's but is not 18 digits) or wrong_prefix. Spaces and line
    breaks a scanner or a typist adds are ignored. The refusal carries the
    length only, never the code."""
    digits = "".join(str(code).split())
    length = len(digits)
    if not digits:
        raise PaymentCodeRefused(reason="empty", length=0)
    if not digits.isascii() or not digits.isdigit():
        raise PaymentCodeRefused(reason="not_digits", length=length)
    method = method_for_prefix(digits)
    if method == WECHAT:
        if length != WECHAT_LENGTH:
            raise PaymentCodeRefused(reason="wechat_length", length=length)
        return PaymentCode(WECHAT, mask(digits))
    if length < SHORTEST:
        raise PaymentCodeRefused(reason="too_short", length=length)
    if length > LONGEST:
        raise PaymentCodeRefused(reason="too_long", length=length)
    if method == ALIPAY:
        return PaymentCode(ALIPAY, mask(digits))
    raise PaymentCodeRefused(reason="wrong_prefix", length=length)


def is_code(text: str) -> bool:
    try:
        recognise(text)
    except PaymentCodeRefused:
        return False
    return True


def holds_code(text: str) -> bool:
    """Does ``text`` hold a whole payment code: itself one once spaces are
    taken out, or a run of digits in it that is one?"""
    if is_code(text):
        return True
    return any(is_code(run) for run in _DIGIT_RUNS.findall("".join(str(text).split())))


def is_masked(text: str) -> bool:
    """Is ``text`` a mask as ``recognise`` makes it (``1345****6789``)?"""
    return _MASKED.fullmatch(text) is not None


def mask_method(text: str) -> str | None:
    """The method a mask belongs to, or None if ``text`` is not a mask of a code."""
    return method_for_prefix(text) if is_masked(text) else None


def check_reference(method: str, reference: str) -> None:
    """A payment's reference as it may be stored: never a whole payment code
    (whatever the method), and a mask for WeChat Pay or Alipay only of that
    method's code. Raises ``PaymentReferenceRefused``."""
    if holds_code(reference):
        raise PaymentReferenceRefused(method=method, reason="full_code")
    if method in (WECHAT, ALIPAY) and is_masked(reference) and mask_method(reference) != method:
        raise PaymentReferenceRefused(method=method, reason="wrong_method")
