"""PIN policy and hashing. scrypt is memory-hard (16 MiB a guess here), so a
stolen database file does not give up 4-digit PINs cheaply."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Protocol

from charity_pos.errors import AccountInactive, AccountLocked, InvalidInput, PosError, WrongPin

MIN_LENGTH = 4
MAX_LENGTH = 12
#: scrypt's cost (n, r, p) for new hashes: 16 MiB and some 40 ms a guess. A hash keeps its own cost, so
#: ``pin_matches`` checks one made at any cost. The test suite lowers it for the thousands of accounts its
#: stores are made with (tests/conftest.py); nothing in the app changes it (tests/domain/test_pins.py).
COST = (2**14, 8, 1)


def check_policy(pin: str) -> str:
    if not pin.isascii() or not pin.isdigit():
        raise InvalidInput(field="pin", value="", reason="pin_digits")
    if not MIN_LENGTH <= len(pin) <= MAX_LENGTH:
        raise InvalidInput(field="pin", value="", reason="pin_length")
    return pin


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    n, r, p = COST
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(digest)}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, base64.b64decode(digest))


#: Wrong PINs in a row that lock an account, and for how long (store and hub alike).
MAX_FAILED_PINS = 5
LOCK_MINUTES = 5


class PinAccount(Protocol):
    username: str
    active: bool
    pin_hash: str
    failed_pins: int
    locked_until: datetime | None


def attempt(account: PinAccount, pin: str, now: datetime) -> tuple[str, PosError | None]:
    """One PIN typed for ``account``: updates its failure count and lock, and
    says how it went: ("ok", None), or an outcome ("inactive", "locked",
    "wrong_pin", "locked_now") with the error to raise once the caller has
    committed the count, so that a failure is remembered.

    The caller holds the error in a local variable: it must drop it as it
    raises (``try: raise failure`` / ``finally: del failure``). Else error ->
    traceback -> the caller's frame -> error is a reference cycle, and through
    the frames' ``f_back`` it keeps every frame that was on the stack alive
    until the cyclic garbage collector runs, with what they hold: the log-in
    screen, the window that asked for a manager's PIN. The collector then
    deletes those Qt objects at whatever moment it runs, even in the middle
    of Qt's event processing for them (a crash)."""
    if not account.active:
        return "inactive", AccountInactive(username=account.username)
    if account.locked_until is not None and account.locked_until > now:
        return "locked", AccountLocked(username=account.username, until=account.locked_until)
    if pin_matches(pin, account.pin_hash):
        account.failed_pins = 0
        account.locked_until = None
        return "ok", None
    account.failed_pins += 1
    if account.failed_pins >= MAX_FAILED_PINS:
        account.failed_pins = 0
        account.locked_until = now + timedelta(minutes=LOCK_MINUTES)
        return "locked_now", AccountLocked(username=account.username, until=account.locked_until)
    return "wrong_pin", WrongPin(username=account.username, attempts_left=MAX_FAILED_PINS - account.failed_pins)
