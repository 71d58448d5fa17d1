"""Receipts anyone can verify: what a donation receipt's QR code carries,
the store's Ed25519 signature over it, and the district's signed list of
the stores' public keys. One module, used by the store (signing), the hub
(``hub.receipts``: against the journal) and the offline check
(``charity-pos verify-receipt --keys FILE``). No Qt, no database.

The QR code (version 2)::

    CPOS-R2:PT01:PT01-2026-J000001:20260310:20000:<signature, base32, 103 characters>

store code, receipt number, issue date (Shanghai), amount in fen, and the
store's signature over exactly those fields, in one canonical byte string
with a label of its own (``signed_bytes``), so no other thing the store
signs (a bundle's manifest) can pass for a receipt. Every character is of
the QR code's alphanumeric set (upper case, digits, ``:`` and ``-``), which
packs 5.5 bits a character: the code stays at version 6 (41 modules) with
level M error correction, about 0.45 mm a module at 20 mm.

Receipts printed before signatures (``CPOS-R1|CODE|NUMBER|YYYY-MM-DD|FEN|
VERIFICATION-CODE``) still parse: they are "older receipts without a
signature", never called forged.

The keys file (``publish_keys``): the district's stores with their public
keys, signed by the hub. Whoever checks a receipt offline compares the
hub key's fingerprint it names with the one the district publishes.

A store rebuilt without its key file signs with a new key from the day
district staff accept it (``hub add-store --staff``). The keys file keeps
each store's earlier keys with the days each was in use (format 2): a
receipt signed with an earlier key is genuine when dated on or before the
day that key was retired, and forged when dated after it (whoever holds
the old key, from the lost PC's disk, can no longer issue receipts). The
store's current key signs receipts of any date: a rebuilt store reprints
its earlier receipts with it. Files of format 1 (no earlier keys) still
read.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from charity_pos.domain import safe_json
from charity_pos.domain.numbers import STORE_CODE
from charity_pos.errors import (
    ImportFileMissing, KeysFileForged, KeysFileInvalid, ReceiptQrForeign, ReceiptQrInvalid, ReceiptQrTraining,
)
from charity_pos.ledger.canonical import canonical_json

PREFIX_V2 = "CPOS-R2"
#: a training store's (培训模式) receipt: its QR code says so and is never a receipt's
TRAINING_PREFIX = "CPOS-T2"
PREFIX_V1 = "CPOS-R1"
SEPARATOR = ":"
#: what the store signs starts with this, so a receipt's signature is good for nothing else
DOMAIN = b"charity-pos receipt v2\n"
TRAINING_DOMAIN = b"charity-pos training receipt v2\n"
KEYS_FORMAT = "charity-pos-keys/2"
#: a keys file written before earlier keys were listed: still read, with none
KEYS_FORMAT_V1 = "charity-pos-keys/1"
KEYS_DOMAIN = b"charity-pos keys v1\n"
#: a keys file of a whole city is a few hundred kilobytes; anything much larger is not one
MAX_KEYS_BYTES = 4 * 1024 * 1024
#: no receipt's QR text is this long
MAX_TEXT = 400
SIGNATURE_CHARS = 103  # 64 bytes in base32, without its padding

_NUMBER = re.compile(r"[A-Z0-9]{2,8}-\d{4}-[A-Z]\d{6}")
_FEN = re.compile(r"0|[1-9]\d{0,11}")
_DAY_V2 = re.compile(r"\d{8}")
_DAY_V1 = re.compile(r"\d{4}-\d{2}-\d{2}")
_CHECK_CODE = re.compile(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}")
_BASE32 = re.compile(r"[A-Z2-7]{%d}" % SIGNATURE_CHARS)


class Verdict(StrEnum):
    """What a check finds, each with its exit code on the command line."""

    GENUINE = "genuine"  # signed by the store (and, at the hub, as in its journal)
    VOIDED = "voided"  # genuine, but voided at the store
    NOT_IMPORTED = "not_imported"  # genuine; the hub has no bundle with it yet
    FORGED = "forged"  # bad signature, unknown store, or not as in the journal
    UNSIGNED = "unsigned"  # an older receipt without a signature
    UNKNOWN_STORE = "unknown_store"  # offline: the keys file does not list the store


EXIT_CODES = {Verdict.GENUINE: 0, Verdict.FORGED: 4, Verdict.VOIDED: 5, Verdict.NOT_IMPORTED: 6,
              Verdict.UNSIGNED: 7, Verdict.UNKNOWN_STORE: 8}


@dataclass(frozen=True)
class ReceiptClaim:
    """What a receipt's QR code says."""

    version: int  # 1: older, no signature; 2: signed
    store_code: str
    number: str
    issued_on: date
    total_fen: int
    signature: bytes | None = None  # version 2
    verification_code: str | None = None  # version 1


# --- the store's side -------------------------------------------------------------------------------
def signed_bytes(store_code: str, number: str, issued_on: date, total_fen: int) -> bytes:
    """The one canonical byte string a receipt's signature covers."""
    fields = (store_code, number, issued_on.strftime("%Y%m%d"), str(int(total_fen)))
    return DOMAIN + "\n".join(fields).encode("ascii")


def qr_text(key: Ed25519PrivateKey, store_code: str, number: str, issued_on: date, total_fen: int, *,
            training: bool = False) -> str:
    """The QR code's text of a receipt, signed with the store's key. A
    training store's (``training``) starts with ``TRAINING_PREFIX`` and is
    signed under a label of its own: no check takes it for a receipt."""
    body = signed_bytes(store_code, number, issued_on, total_fen)
    if training:
        body = TRAINING_DOMAIN + body[len(DOMAIN):]
    signature = key.sign(body)
    encoded = base64.b32encode(signature).decode("ascii").rstrip("=")
    prefix = TRAINING_PREFIX if training else PREFIX_V2
    return SEPARATOR.join((prefix, store_code, number, issued_on.strftime("%Y%m%d"), str(total_fen), encoded))


# --- reading a QR code's text -----------------------------------------------------------------------
def parse(text: str) -> ReceiptClaim:
    """A receipt's claim from its QR text. ``ReceiptQrForeign``: not a
    charity-pos receipt's code at all; ``ReceiptQrInvalid`` (facts: field):
    one, but damaged."""
    text = text.strip()
    if len(text) <= MAX_TEXT and text.startswith(TRAINING_PREFIX + SEPARATOR):
        raise ReceiptQrTraining(text=text[:60])
    if len(text) > MAX_TEXT or not text.startswith("CPOS-R"):
        raise ReceiptQrForeign(text=text[:60])
    if text.startswith(PREFIX_V2 + SEPARATOR):
        return _parse_v2(text)
    if text.startswith(PREFIX_V1 + "|"):
        return _parse_v1(text)
    raise _bad("version", text.split(SEPARATOR)[0].split("|")[0])


def _bad(field: str, value: str) -> ReceiptQrInvalid:
    shown = value if len(value) <= 24 else value[:20] + "…"
    return ReceiptQrInvalid(field=f"qr_{field}", value=shown, reason="qr_damaged")


def _day(text: str, pattern: re.Pattern[str], form: str) -> date:
    if not pattern.fullmatch(text):
        raise _bad("date", text)
    try:
        return datetime.strptime(text, form).date()
    except ValueError:
        raise _bad("date", text) from None


def _common(code: str, number: str, fen: str) -> tuple[str, str, int]:
    if not STORE_CODE.match(code):
        raise _bad("store", code)
    if not _NUMBER.fullmatch(number):
        raise _bad("number", number)
    if not _FEN.fullmatch(fen):
        raise _bad("amount", fen)
    return code, number, int(fen)


def _parse_v2(text: str) -> ReceiptClaim:
    parts = text.split(SEPARATOR)
    if len(parts) != 6:
        raise _bad("fields", text)
    _prefix, code, number, day, fen, encoded = parts
    code, number, total = _common(code, number, fen)
    issued_on = _day(day, _DAY_V2, "%Y%m%d")
    if not _BASE32.fullmatch(encoded):
        raise _bad("signature", encoded)
    try:
        signature = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
    except (binascii.Error, ValueError):
        raise _bad("signature", encoded) from None
    if len(signature) != 64 or base64.b32encode(signature).decode("ascii").rstrip("=") != encoded:
        raise _bad("signature", encoded)  # stray bits after the last byte: not as a store writes it
    return ReceiptClaim(2, code, number, issued_on, total, signature=signature)


def _parse_v1(text: str) -> ReceiptClaim:
    parts = text.split("|")
    if len(parts) != 6:
        raise _bad("fields", text)
    _prefix, code, number, day, fen, check = parts
    code, number, total = _common(code, number, fen)
    issued_on = _day(day, _DAY_V1, "%Y-%m-%d")
    if not _CHECK_CODE.fullmatch(check):
        raise _bad("verification_code", check)
    return ReceiptClaim(1, code, number, issued_on, total, verification_code=check)


def public_key(text: str) -> Ed25519PublicKey | None:
    """A public key from its base64 text; None when it is not one."""
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except (ValueError, TypeError, binascii.Error):
        return None


def signature_valid(claim: ReceiptClaim, key_text: str) -> bool:
    """Whether the claim carries a signature by the key ``key_text`` (base64) over its fields."""
    key = public_key(key_text)
    if claim.signature is None or key is None:
        return False
    try:
        key.verify(claim.signature, signed_bytes(claim.store_code, claim.number, claim.issued_on, claim.total_fen))
    except InvalidSignature:
        return False
    return True


def fingerprint(key_text: str) -> str:
    """The first 16 hex digits of SHA-256 of a public key's raw bytes: what people compare by phone."""
    return hashlib.sha256(base64.b64decode(key_text)).hexdigest()[:16]


# --- the district's keys file -----------------------------------------------------------------------
#: why a signature that holds is still refused: made with a key the store no longer had on the receipt's date
RETIRED = "retired"


@dataclass(frozen=True)
class EarlierKey:
    """A key the store signed with before district staff accepted a new one."""

    public_key: str
    valid_from: str  # YYYY-MM-DD: the store's registration, or the day the key before it was retired
    valid_until: str  # YYYY-MM-DD: the day it was retired (Shanghai); receipts dated later are not its


@dataclass(frozen=True)
class PublishedStore:
    code: str
    name: str
    public_key: str
    registered: str  # YYYY-MM-DD
    #: its earlier keys, oldest first (format 2)
    earlier: tuple[EarlierKey, ...] = ()


@dataclass(frozen=True)
class PublishedKeys:
    district: str
    hub_public_key: str
    published_at: str
    stores: tuple[PublishedStore, ...]
    #: the file's format: KEYS_FORMAT, or KEYS_FORMAT_V1 for a file written before earlier keys were listed
    format: str = KEYS_FORMAT

    @property
    def hub_fingerprint(self) -> str:
        return fingerprint(self.hub_public_key)

    def store(self, code: str) -> PublishedStore | None:
        return next((s for s in self.stores if s.code == code), None)


def _store_body(store: PublishedStore, form: str) -> dict[str, Any]:
    body: dict[str, Any] = {"code": store.code, "name": store.name, "public_key": store.public_key,
                            "registered": store.registered}
    if form != KEYS_FORMAT_V1:
        body["earlier_keys"] = [{"public_key": k.public_key, "valid_from": k.valid_from,
                                 "valid_until": k.valid_until} for k in store.earlier]
    return body


def _keys_body(keys: PublishedKeys) -> dict[str, Any]:
    """The signed fields, as the file's format has them (a file of format 1 is checked as it was signed)."""
    return {"format": keys.format, "district": keys.district, "hub_public_key": keys.hub_public_key,
            "published_at": keys.published_at, "stores": [_store_body(s, keys.format) for s in keys.stores]}


def keys_file_bytes(keys: PublishedKeys, hub_key: Ed25519PrivateKey) -> bytes:
    """The keys file: its fields and the hub's signature over their canonical JSON."""
    body = _keys_body(keys)
    signature = hub_key.sign(KEYS_DOMAIN + canonical_json(body).encode("utf-8"))
    document = dict(body, signature=base64.b64encode(signature).decode("ascii"))
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def read_keys_file(path: Path) -> PublishedKeys:
    """The keys file at ``path``, read with a size cap and checked (``read_keys``)."""
    path = Path(path)
    if not path.exists():
        raise ImportFileMissing(path=str(path))
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_KEYS_BYTES + 1)
    except OSError:
        raise KeysFileInvalid(path=str(path), field="file") from None
    return read_keys(data, str(path))


def read_keys(data: bytes, path: str) -> PublishedKeys:
    """A keys file, checked: ``KeysFileInvalid`` when it is not one,
    ``KeysFileForged`` when its signature does not hold (changed after the
    hub signed it)."""
    if len(data) > MAX_KEYS_BYTES:
        raise KeysFileInvalid(path=path, field="size")
    try:
        raw = safe_json.loads(data.decode("utf-8-sig"), max_depth=5)
    except (UnicodeDecodeError, ValueError):
        raise KeysFileInvalid(path=path, field="json") from None
    if type(raw) is not dict or raw.get("format") not in (KEYS_FORMAT, KEYS_FORMAT_V1):
        raise KeysFileInvalid(path=path, field="format")
    form = raw["format"]
    if raw.keys() != {"format", "district", "hub_public_key", "published_at", "stores", "signature"}:
        raise KeysFileInvalid(path=path, field="fields")

    def text(value: Any, field: str, limit: int = 200) -> str:
        if type(value) is not str or not value or len(value) > limit:
            raise KeysFileInvalid(path=path, field=field)
        return value

    stores = raw["stores"]
    if type(stores) is not list:
        raise KeysFileInvalid(path=path, field="stores")
    fields = {"code", "name", "public_key", "registered"} | ({"earlier_keys"} if form == KEYS_FORMAT else set())
    listed = []
    for index, entry in enumerate(stores):
        if type(entry) is not dict or entry.keys() != fields:
            raise KeysFileInvalid(path=path, field=f"stores[{index}]")
        code = text(entry["code"], f"stores[{index}].code", 8)
        key = text(entry["public_key"], f"stores[{index}].public_key", 100)
        if not STORE_CODE.match(code) or public_key(key) is None:
            raise KeysFileInvalid(path=path, field=f"stores[{index}]")
        earlier = _earlier(entry.get("earlier_keys", []), f"stores[{index}].earlier_keys", path)
        listed.append(PublishedStore(code, text(entry["name"], f"stores[{index}].name"), key,
                                     text(entry["registered"], f"stores[{index}].registered", 40), earlier))
    keys = PublishedKeys(text(raw["district"], "district"), text(raw["hub_public_key"], "hub_public_key", 100),
                         text(raw["published_at"], "published_at", 40), tuple(listed), form)
    hub = public_key(keys.hub_public_key)
    if hub is None:
        raise KeysFileInvalid(path=path, field="hub_public_key")
    try:
        signature = base64.b64decode(text(raw["signature"], "signature", 100), validate=True)
        hub.verify(signature, KEYS_DOMAIN + canonical_json(_keys_body(keys)).encode("utf-8"))
    except (ValueError, TypeError, binascii.Error, InvalidSignature):
        raise KeysFileForged(path=path, fingerprint=keys.hub_fingerprint) from None
    return keys


def _earlier(value: Any, field: str, path: str) -> tuple[EarlierKey, ...]:
    """A store's earlier keys as the file lists them: each a key and two days, in order."""
    if type(value) is not list or len(value) > 100:
        raise KeysFileInvalid(path=path, field=field)
    found = []
    for index, entry in enumerate(value):
        if type(entry) is not dict or entry.keys() != {"public_key", "valid_from", "valid_until"}:
            raise KeysFileInvalid(path=path, field=f"{field}[{index}]")
        key, start, end = entry["public_key"], entry["valid_from"], entry["valid_until"]
        if type(key) is not str or len(key) > 100 or public_key(key) is None:
            raise KeysFileInvalid(path=path, field=f"{field}[{index}].public_key")
        days = [_iso_day(start), _iso_day(end)]
        if days[0] is None or days[1] is None or days[0] > days[1]:
            raise KeysFileInvalid(path=path, field=f"{field}[{index}].valid_until")
        found.append(EarlierKey(key, start, end))
    return tuple(found)


def _iso_day(value: Any) -> date | None:
    if type(value) is not str or not _DAY_V1.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class KeyUsed:
    """Which of a store's keys a receipt's signature is by."""

    public_key: str
    #: None: the store's current key; else the day that earlier key was retired
    retired_on: date | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def signed_by(claim: ReceiptClaim, current: str, earlier: list[tuple[str, date]]) -> KeyUsed | None:
    """The key among the store's current one and its earlier ones (each with the day it was retired) that
    signed the claim; the current one first. None: none of them."""
    if signature_valid(claim, current):
        return KeyUsed(current)
    for key, retired_on in sorted(earlier, key=lambda k: k[1], reverse=True):
        if signature_valid(claim, key):
            return KeyUsed(key, retired_on)
    return None


def retired_before(used: KeyUsed | None, claim: ReceiptClaim) -> bool:
    """The receipt is dated after the day the (earlier) key that signed it was retired: whoever kept the
    old key made it, not the store."""
    return used is not None and used.retired_on is not None and claim.issued_on > used.retired_on


@dataclass(frozen=True)
class OfflineResult:
    verdict: Verdict
    claim: ReceiptClaim
    store_name: str | None = None
    #: the day the keys file was published
    published: str = ""
    #: forged: RETIRED (signed with an earlier key, dated after it was retired), else None
    reason: str | None = None
    #: signed with one of the store's earlier keys: the day it was retired
    retired_on: date | None = None

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]


def check_offline(claim: ReceiptClaim, keys: PublishedKeys) -> OfflineResult:
    """A receipt checked against the keys file alone: genuine (signed by
    its store's key, or by an earlier key of the store and dated on or
    before the day it was retired), forged (any other signature, or an
    earlier key's on a later date: ``reason`` RETIRED), unknown store, or
    older and unsigned."""
    store = keys.store(claim.store_code)
    published = keys.published_at[:10]
    if claim.version == 1:
        return OfflineResult(Verdict.UNSIGNED, claim, store.name if store else None, published)
    if store is None:
        return OfflineResult(Verdict.UNKNOWN_STORE, claim, None, published)
    used = signed_by(claim, store.public_key,
                     [(k.public_key, date.fromisoformat(k.valid_until)) for k in store.earlier])
    retired_on = used.retired_on if used is not None else None
    if used is None:
        return OfflineResult(Verdict.FORGED, claim, store.name, published)
    if retired_before(used, claim):
        return OfflineResult(Verdict.FORGED, claim, store.name, published, RETIRED, retired_on)
    return OfflineResult(Verdict.GENUINE, claim, store.name, published, None, retired_on)
