"""PIN policy and hashing. scrypt is memory-hard (16 MiB a guess here), so a
stolen database file does not give up 4-digit PINs cheaply."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from charity_pos.errors import InvalidInput

MIN_LENGTH = 4
MAX_LENGTH = 12
_N, _R, _P = 2**14, 8, 1


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
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


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
