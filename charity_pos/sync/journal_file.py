"""A store's whole journal as the district hub holds it, signed by the hub
(``charity-pos hub export-store``), read back by ``charity-pos rebuild``.

One UTF-8 text file, one canonical JSON object a line, written and read a
line at a time (never the whole journal in memory):

- the header: ``format``, ``signer`` (``hub:<hub id>``), the hub's id,
  district and public key, the store (id, code, name, short name,
  district), how many events follow, the last one's number, hash and time,
  when the file was written and by which version;
- one line per event, every column as the store's journal holds it
  (``seq``, ``uuid``, ``kind``, ``at``, ``actor``, ``payload``: the
  canonical JSON text with the full state of every row the event changed,
  ``prev_hash``, ``hash``), from event 1 in order;
- the trailer: the SHA-256 of every byte before it and the hub's Ed25519
  signature over ``{"format": ..., "sha256": ...}`` (canonical JSON).

A reader checks each line's shape as it comes, the hash of the bytes it
read against the trailer, and the signature with the hub's key; the chain
of the events is the caller's to check (``sync.rebuild``).
"""

from __future__ import annotations

import base64
import hashlib
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charity_pos.domain import safe_json
from charity_pos.errors import StoreJournalForged, StoreJournalInvalid
from charity_pos.ledger.canonical import canonical_json
from charity_pos.sync.bundle import public_key_from_text

FORMAT = "charity-pos-store-journal/1"
SUFFIX = ".cpjournal"
EVENT_COLUMNS = ("seq", "uuid", "kind", "at", "actor", "payload", "prev_hash", "hash")
HEADER_FIELDS = frozenset({"format", "signer", "hub_id", "district", "hub_public_key", "store_id", "store_code",
                           "store_name", "store_short_name", "store_district", "events", "last_seq", "last_hash",
                           "last_at", "created_at", "app_version"})
#: one event line at most (a payload with a whole stock count is far smaller)
MAX_LINE_BYTES = 64 * 1024**2
_HASH = re.compile(r"[0-9a-f]{64}")
_INT32 = safe_json.INT32_MAX


def signed_text(digest: str) -> bytes:
    return canonical_json({"format": FORMAT, "sha256": digest}).encode("utf-8")


def event_line(event: Any) -> bytes:
    return (canonical_json({name: getattr(event, name) for name in EVENT_COLUMNS}) + "\n").encode("utf-8")


class Writer:
    """Writes the file to ``fh`` a line at a time, hashing as it goes."""

    def __init__(self, fh: IO[bytes], header: dict[str, Any]) -> None:
        self._fh = fh
        self._digest = hashlib.sha256()
        self.events = 0
        self._write((canonical_json(dict(header, format=FORMAT)) + "\n").encode("utf-8"))

    def _write(self, data: bytes) -> None:
        self._digest.update(data)
        self._fh.write(data)

    def event(self, event: Any) -> None:
        self._write(event_line(event))
        self.events += 1

    def close(self, key: Ed25519PrivateKey) -> None:
        digest = self._digest.hexdigest()
        trailer = {"sha256": digest, "signature": base64.b64encode(key.sign(signed_text(digest))).decode("ascii")}
        self._fh.write((canonical_json(trailer) + "\n").encode("utf-8"))


def looks_like_one(path: Path) -> bool:
    """A file charity-pos wrote as a store's journal (its first line says so): the ``--out`` guard's ``ours``."""
    try:
        with Path(path).open("rb") as fh:
            first = fh.readline(64 * 1024)
        header = safe_json.loads(first, max_depth=2)
    except (OSError, ValueError):
        return False
    return isinstance(header, dict) and header.get("format") == FORMAT


@dataclass(frozen=True)
class Event:
    seq: int
    uuid: str
    kind: str
    at: str
    actor: str | None
    payload: str
    prev_hash: str
    hash: str


class Reader:
    """Reads a journal file line by line: ``header`` first, then ``events()``
    (each line's shape checked), then ``finish()`` checks the byte count,
    the hash and the hub's signature."""

    def __init__(self, path: Path, fh: IO[bytes]) -> None:
        self.path = Path(path)
        self._fh = fh
        self._digest = hashlib.sha256()
        self._line = 0
        self.header = self._read_header()
        self._pending: bytes | None = None

    def _bad(self, detail: str) -> StoreJournalInvalid:
        return StoreJournalInvalid(path=str(self.path), line=self._line, detail=detail)

    def _next(self) -> bytes:
        data = self._fh.readline(MAX_LINE_BYTES + 1)
        self._line += 1
        if len(data) > MAX_LINE_BYTES:
            raise self._bad("line")
        if data and not data.endswith(b"\n"):
            raise self._bad("truncated")
        return data

    def _parse(self, data: bytes, detail: str, depth: int) -> dict[str, Any]:
        try:
            value = safe_json.loads(data, max_depth=depth)
        except ValueError:
            raise self._bad(detail) from None
        if not isinstance(value, dict) or (canonical_json(value) + "\n").encode("utf-8") != data:
            raise self._bad(detail)
        return value

    def _read_header(self) -> dict[str, Any]:
        data = self._next()
        if not data:
            raise self._bad("format")
        header = self._parse(data, "format", 2)
        if header.get("format") != FORMAT:
            raise self._bad("format")
        if set(header) != HEADER_FIELDS:
            raise self._bad("header")
        texts = ("signer", "district", "hub_public_key", "store_code", "store_name", "store_short_name",
                 "store_district", "created_at", "app_version", "last_at")
        if not all(isinstance(header[f], str) and 0 < len(header[f]) <= 200 for f in texts):
            raise self._bad("header")
        if not all(type(header[f]) is int and 1 <= header[f] <= _INT32 for f in ("events", "last_seq")):
            raise self._bad("header")
        if header["events"] != header["last_seq"] or not _HASH.fullmatch(str(header["last_hash"])):
            raise self._bad("header")
        try:
            uuid.UUID(str(header["hub_id"]))
            uuid.UUID(str(header["store_id"]))
            public_key_from_text(header["hub_public_key"])
        except ValueError:
            raise self._bad("header") from None
        if header["signer"] != f"hub:{header['hub_id']}":
            raise self._bad("header")
        self._digest.update(data)
        return header

    def events(self) -> Iterator[Event]:
        for _ in range(self.header["events"]):
            data = self._next()
            if not data:
                raise self._bad("truncated")
            raw = self._parse(data, "line", 2)
            if set(raw) != set(EVENT_COLUMNS):
                raise self._bad("line")
            ok = (type(raw["seq"]) is int and 1 <= raw["seq"] <= _INT32
                  and all(isinstance(raw[f], str) for f in ("uuid", "kind", "at", "payload", "prev_hash", "hash"))
                  and (raw["actor"] is None or isinstance(raw["actor"], str))
                  and _HASH.fullmatch(raw["prev_hash"]) is not None and _HASH.fullmatch(raw["hash"]) is not None)
            if not ok:
                raise self._bad("line")
            self._digest.update(data)
            yield Event(**raw)

    def finish(self) -> None:
        """After the last event: the trailer, the hash and the signature."""
        data = self._next()
        if not data:
            raise self._bad("truncated")
        trailer = self._parse(data, "trailer", 2)
        if set(trailer) != {"sha256", "signature"} or not isinstance(trailer["signature"], str):
            raise self._bad("trailer")
        if self._fh.read(1):
            raise self._bad("trailer")
        digest = self._digest.hexdigest()
        forged = StoreJournalForged(path=str(self.path), signer=self.header["signer"])
        if trailer["sha256"] != digest:
            raise forged
        try:
            signature = base64.b64decode(trailer["signature"], validate=True)
            public_key_from_text(self.header["hub_public_key"]).verify(signature, signed_text(digest))
        except (ValueError, InvalidSignature):
            raise forged from None
