"""Checking a store's bundle file, before and while its events are read.

Before the database is touched, a file must open as a bundle
(``open_bundle``: a regular file, under the caps, of the parts a store's
bundle has, laid out exactly as ``write_bundle`` lays them out), be a
store's events, come from a registered store and carry a signature that
verifies with *that store's* key; only then is the rest of the manifest
believed, once each of its fields has the type and range a store writes.

The events are then streamed line by line (``CheckedBundle.events``), each
checked as it is read: the columns a store writes, each of its type and
range, its payload what a store writes (``payloads``), its hash the hash of
its content naming the one before it. After the last line the manifest
must have described them (last number and hash, counts) and the file's
content must have the manifest's hash. A refusal can come at any line: the
importer acts on the events inside one transaction and rolls it back then.
What the hub already holds of the store is the importer's to compare.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select

from charity_pos.domain.safe_json import INT32_MAX, JsonRefused, loads_record
from charity_pos.errors import (
    BundleManifestInvalid,
    BundleManifestMismatch,
    BundleNotStoreEvents,
    BundleSignerMismatch,
    BundleStoreMismatch,
    EventChainBroken,
    EventHashWrong,
    EventPayloadInvalid,
    EventsOutOfOrder,
    EventsUnreadable,
    PosError,
    UnknownStore,
)
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import HubStore
from charity_pos.hub.payloads import UUID_TEXT, Change, PayloadInvalid, read_payload
from charity_pos.ledger.canonical import GENESIS
from charity_pos.sync.bundle import OpenBundle, check_signature, open_bundle, public_key_from_text

KIND = "store-events"
EVENTS_FILE = "events.jsonl"
HOUSEHOLDS_FILE = "households.jsonl"  # charity_pos.sync.district.HOUSEHOLDS: optional
SIGNER_PREFIX = "store:"
#: the content files a store's bundle may hold
PARTS = frozenset({EVENTS_FILE, HOUSEHOLDS_FILE})


@dataclass(slots=True)
class Event:
    seq: int
    uuid: str
    kind: str
    at: str
    actor: str | None
    payload: str
    prev_hash: str
    hash: str
    #: what the projections read of the payload, checked (``payloads.read_payload``)
    changes: tuple[Change, ...] = ()


#: the columns of an event line, each exactly once (charity_pos.sync.store_side.EVENT_COLUMNS)
COLUMNS = frozenset({"seq", "uuid", "kind", "at", "actor", "payload", "prev_hash", "hash"})
#: a store's event numbers: from 1, within the hub's 32-bit columns (a store makes some thousands a year)
SEQ_MAX = INT32_MAX
_HASH = re.compile(r"[0-9a-f]{64}")
_EVENT_KIND = re.compile(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)*")
_STORE_CODE = re.compile(r"[A-Z0-9]{2,8}")


@dataclass
class CheckedBundle:
    """A store's bundle whose file, manifest and signature were checked, open
    for its events to be streamed (``events``: each checked as it is read);
    the caller closes it."""

    path: Path
    store_id: uuid.UUID
    store_code: str
    first_seq: int
    last_seq: int
    source: OpenBundle
    #: the optional households.jsonl (household_id, district_hash lines), as sent
    households: bytes | None = None

    @property
    def manifest(self) -> dict[str, Any]:
        return self.source.manifest

    @property
    def event_count(self) -> int:
        return int(self.manifest["counts"]["events"])

    @property
    def prev_hash(self) -> str:
        return str(self.manifest["prev_hash"])

    @property
    def reads(self) -> tuple[str, ...]:
        """The downstream parts the store says it reads (``sync.district.READS``); none from an older store."""
        return tuple(self.manifest.get("reads") or ())

    def events(self) -> Iterator[Event]:
        """The events, read line by line from the file, each checked (its
        fields, its payload, its place in the chain, its hash); after the last
        one, the manifest's account of them and the file's hash. A refusal
        can come at any line or at the end: whoever acts on the events does so
        in a transaction it rolls back then."""
        return _events(self.source, str(self.path))

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> CheckedBundle:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _registered(db: HubDatabase, code: str) -> tuple[uuid.UUID, str] | None:
    with db.read() as s:
        row = s.execute(select(HubStore.id, HubStore.public_key).where(HubStore.code == code)).first()
        return None if row is None else (row.id, row.public_key)


def _is_uuid(value: object) -> bool:
    return type(value) is str and UUID_TEXT.fullmatch(value) is not None


def _is_time(value: object) -> bool:
    if type(value) is not str or len(value) > 40:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_seq(value: object) -> bool:
    return type(value) is int and 1 <= value <= SEQ_MAX


def _is_hash(value: object) -> bool:
    return type(value) is str and _HASH.fullmatch(value) is not None


def _is_kind(value: object) -> bool:
    return type(value) is str and len(value) <= 40 and _EVENT_KIND.fullmatch(value) is not None


def _event(raw: object) -> Event | None:
    """An event line's fields, each of the type and within the range the store writes; None if not."""
    if type(raw) is not dict or raw.keys() != COLUMNS:
        return None
    actor = raw["actor"]
    if not (_is_seq(raw["seq"]) and _is_uuid(raw["uuid"]) and _is_kind(raw["kind"]) and _is_time(raw["at"])
            and (actor is None or _is_uuid(actor)) and type(raw["payload"]) is str
            and _is_hash(raw["prev_hash"]) and _is_hash(raw["hash"])):
        return None
    return Event(raw["seq"], raw["uuid"], raw["kind"], raw["at"], actor, raw["payload"], raw["prev_hash"],
                 raw["hash"])


def _events(bundle: OpenBundle, path: str) -> Iterator[Event]:
    if not bundle.has(EVENTS_FILE):
        raise BundleManifestMismatch(path=path, field="files")
    manifest = bundle.manifest
    first = manifest["first_seq"]
    prev = manifest["prev_hash"]
    if first == 1 and prev != GENESIS:
        raise EventChainBroken(path=path, seq=1)
    kinds: Counter[str] = Counter()
    number = 0
    last: Event | None = None
    lines = bundle.lines(EVENTS_FILE)
    for line in lines:
        number += 1
        try:
            event = _line(path, line, number, first, prev)
        except PosError:
            # A file altered after it was signed says so first, as when it was read whole:
            # the rest is read for its hash (``lines`` refuses a wrong one at its end).
            for _rest in lines:
                pass
            raise
        prev = event.hash
        kinds[event.kind] += 1
        last = event
        yield event
    if last is None:
        raise BundleManifestMismatch(path=path, field="counts")
    if manifest["last_seq"] != last.seq:
        raise BundleManifestMismatch(path=path, field="last_seq")
    if manifest["last_hash"] != last.hash:
        raise BundleManifestMismatch(path=path, field="last_hash")
    counts = manifest["counts"]
    if counts["events"] != number:
        raise BundleManifestMismatch(path=path, field="counts")
    by_kind = counts.get("by_kind")
    if by_kind is not None and by_kind != dict(kinds):
        raise BundleManifestMismatch(path=path, field="counts")


def _hash(event: Event) -> str:
    """``canonical.event_hash`` of the event, byte for byte: the same canonical JSON written by orjson, keys in
    sorted order (orjson writes text exactly as ``json.dumps(..., ensure_ascii=False)`` does, and the other
    fields are integers and null). Text that cannot be UTF-8 (an escaped lone surrogate) has no hash: a
    store never wrote it, the line is unreadable."""
    try:
        body = orjson.dumps({"actor": event.actor, "at": event.at, "kind": event.kind, "payload": event.payload,
                             "prev": event.prev_hash, "seq": event.seq, "uuid": event.uuid})
    except TypeError:  # orjson.JSONEncodeError: a lone surrogate
        raise UnicodeError from None
    return hashlib.sha256(body).hexdigest()


def _parse_line(line: bytes) -> object:
    """An event line parsed once, by orjson straight away: the safety scan ``loads_record`` makes first is
    not needed here, since a line ``_event`` takes holds only text, null and a 32-bit ``seq`` (a number
    orjson reads otherwise than the standard library, an integer beyond 64 bits read as a float, is
    refused by ``_event`` either way, and so is a line nested deeper than a flat object). Text orjson
    refuses goes to ``loads_record`` (the standard library's reading, e.g. of an escaped lone surrogate,
    which the hash then refuses); None when it is not JSON."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        pass
    try:
        return loads_record(line)
    except JsonRefused:
        return None


def _line(path: str, line: bytes, number: int, first: int, prev: str) -> Event:
    """Event line ``number``, checked: its fields, its payload, its place after ``prev``, its hash."""
    event = _event(_parse_line(line))
    if event is None:
        raise EventsUnreadable(path=path, line=number)
    try:
        event.changes = read_payload(event.payload)
    except PayloadInvalid as exc:
        raise EventPayloadInvalid(path=path, line=number, seq=event.seq, field=exc.field) from None
    if event.seq != first + number - 1:
        raise EventsOutOfOrder(path=path, seq=first + number - 1)
    if event.prev_hash != prev:
        if number == 1:
            raise BundleManifestMismatch(path=path, field="prev_hash")
        raise EventChainBroken(path=path, seq=event.seq)
    try:
        digest = _hash(event)
    except UnicodeError:
        raise EventsUnreadable(path=path, line=number) from None
    if digest != event.hash:
        raise EventHashWrong(path=path, seq=event.seq)
    return event


def _check_manifest(path: str, manifest: dict[str, Any]) -> None:
    """The store-events fields of a signed manifest: each of the type and within the range a store writes."""
    counts = manifest.get("counts")
    checks: list[tuple[str, bool]] = [
        ("store_code", type(manifest.get("store_code")) is str and bool(_STORE_CODE.fullmatch(manifest["store_code"]))),
        ("store_id", _is_uuid(manifest.get("store_id"))),
        ("first_seq", _is_seq(manifest.get("first_seq"))),
        ("last_seq", _is_seq(manifest.get("last_seq"))),
        ("prev_hash", _is_hash(manifest.get("prev_hash"))),
        ("last_hash", _is_hash(manifest.get("last_hash"))),
        ("counts", type(counts) is dict and _is_seq(counts.get("events"))),
        ("created_at", "created_at" not in manifest or _is_time(manifest["created_at"])),
        ("app_version", "app_version" not in manifest or (
            type(manifest["app_version"]) is str and len(manifest["app_version"]) <= 40)),
        ("reads", "reads" not in manifest or (type(manifest["reads"]) is list and len(manifest["reads"]) <= 8 and all(
            type(part) is str and 0 < len(part) <= 40 for part in manifest["reads"]))),
    ]
    for field, good in checks:
        if not good:
            raise BundleManifestInvalid(path=path, field=field)
    assert isinstance(counts, dict)  # checked above
    by_kind = counts.get("by_kind")
    if by_kind is not None and not (type(by_kind) is dict and all(
            _is_kind(kind) and _is_seq(count) for kind, count in by_kind.items())):
        raise BundleManifestInvalid(path=path, field="counts")


def check_bundle(db: HubDatabase, path: Path) -> CheckedBundle:
    """Everything that can be checked before the events are read: the file's
    structure, manifest, signature and households; the events are checked as
    ``CheckedBundle.events`` streams them. The caller closes what comes back."""
    bundle = open_bundle(Path(path), parts=PARTS)
    try:
        return _checked(db, bundle)
    except BaseException:
        bundle.close()
        raise


def _checked(db: HubDatabase, bundle: OpenBundle) -> CheckedBundle:
    where = str(bundle.path)
    if bundle.kind != KIND:
        raise BundleNotStoreEvents(path=where, kind=bundle.kind)
    manifest = bundle.manifest
    code = bundle.signer[len(SIGNER_PREFIX):] if bundle.signer.startswith(SIGNER_PREFIX) else ""
    registered = _registered(db, code) if code else None
    if registered is None:
        claimed = manifest.get("store_code")
        shown = claimed if type(claimed) is str and _STORE_CODE.fullmatch(claimed) else "?"
        raise UnknownStore(path=where, store_code=code or shown)
    store_id, key_text = registered
    # Nothing else in the manifest counts before its signature is the store's own.
    check_signature(bundle, public_key_from_text(key_text))
    _check_manifest(where, manifest)
    if manifest["store_code"] != code:
        raise BundleSignerMismatch(path=where, signer=bundle.signer, store_code=manifest["store_code"])
    if manifest["store_id"] != str(store_id):
        raise BundleStoreMismatch(path=where, store_code=code)
    if not bundle.has(EVENTS_FILE):
        raise BundleManifestMismatch(path=where, field="files")
    if manifest["last_seq"] < manifest["first_seq"]:
        raise BundleManifestMismatch(path=where, field="last_seq")
    households = bundle.content(HOUSEHOLDS_FILE) if bundle.has(HOUSEHOLDS_FILE) else None
    checked = CheckedBundle(bundle.path, store_id, code, manifest["first_seq"], manifest["last_seq"], bundle,
                            households)
    if households is not None:
        from charity_pos.hub.downstream import read_links

        read_links(checked)  # each line a household link, before the database is touched
    return checked
