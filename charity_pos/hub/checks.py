"""Checking a store's bundle file before the hub's database is touched.

A file must read as a bundle whose content matches its manifest
(``read_bundle``: a regular file, under the caps, of the parts a store's
bundle has), be byte for byte what ``write_bundle`` makes of that
content, be a store's events, come from a registered store and carry a
signature that verifies with *that store's* key; only then is the rest of
the manifest believed, once each of its fields has the type and range a
store writes. The manifest must describe the events (first and last
number, the hash before the first and of the last, counts); every event
line must hold the columns a store writes, each of its type and range, and
its payload what a store writes (``payloads``); every event's hash must be
the hash of its content and name the one before it. What the hub already
holds of the store is the importer's to compare.
"""

from __future__ import annotations

import base64
import re
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from charity_pos.errors import (
    BundleAltered,
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
    UnknownStore,
)
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import HubStore
from charity_pos.hub.payloads import UUID_TEXT, Change, PayloadInvalid, read_payload
from charity_pos.ledger.canonical import GENESIS, event_hash
from charity_pos.sync.archive import read_file
from charity_pos.sync.bundle import Bundle, check_signature, public_key_from_text, read_bundle, zip_bytes
from charity_pos.sync.safe_json import INT32_MAX, JsonRefused, loads_record

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


@dataclass(frozen=True)
class CheckedBundle:
    path: Path
    store_id: uuid.UUID
    store_code: str
    first_seq: int
    last_seq: int
    events: list[Event]
    #: the optional households.jsonl (household_id, district_hash lines), as sent
    households: bytes | None = None


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


def _events(bundle: Bundle) -> list[Event]:
    path = str(bundle.path)
    data = bundle.files.get(EVENTS_FILE)
    if data is None:
        raise BundleManifestMismatch(path=path, field="files")
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # the newline that ends the last line
    events = []
    for number, line in enumerate(lines, start=1):
        try:
            event = _event(loads_record(line))
        except JsonRefused:
            event = None
        if event is None:
            raise EventsUnreadable(path=path, line=number)
        try:
            event.changes = read_payload(event.payload)
        except PayloadInvalid as exc:
            raise EventPayloadInvalid(path=path, line=number, seq=event.seq, field=exc.field) from None
        events.append(event)
    return events


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
    ]
    for field, good in checks:
        if not good:
            raise BundleManifestInvalid(path=path, field=field)
    by_kind = counts.get("by_kind")
    if by_kind is not None and not (type(by_kind) is dict and all(
            _is_kind(kind) and _is_seq(count) for kind, count in by_kind.items())):
        raise BundleManifestInvalid(path=path, field="counts")


def _check_chain(path: str, manifest: dict[str, Any], events: list[Event]) -> None:
    first = manifest["first_seq"]
    if not events:
        raise BundleManifestMismatch(path=path, field="counts")
    prev = manifest["prev_hash"]
    if first == 1 and prev != GENESIS:
        raise EventChainBroken(path=path, seq=1)
    for offset, event in enumerate(events):
        if event.seq != first + offset:
            raise EventsOutOfOrder(path=path, seq=first + offset)
        if event.prev_hash != prev:
            if offset == 0:
                raise BundleManifestMismatch(path=path, field="prev_hash")
            raise EventChainBroken(path=path, seq=event.seq)
        if event_hash(event.prev_hash, event.seq, event.uuid, event.kind, event.at, event.actor,
                      event.payload) != event.hash:
            raise EventHashWrong(path=path, seq=event.seq)
        prev = event.hash
    if manifest["last_seq"] != events[-1].seq:
        raise BundleManifestMismatch(path=path, field="last_seq")
    if manifest["last_hash"] != events[-1].hash:
        raise BundleManifestMismatch(path=path, field="last_hash")
    counts = manifest["counts"]
    if counts["events"] != len(events):
        raise BundleManifestMismatch(path=path, field="counts")
    by_kind = counts.get("by_kind")
    if by_kind is not None and by_kind != dict(Counter(e.kind for e in events)):
        raise BundleManifestMismatch(path=path, field="counts")


def as_written(bundle: Bundle) -> bytes:
    """The bytes ``write_bundle`` makes of this bundle's content: it writes
    the same content as the same bytes, so a file that differs from them
    was altered after it was written, even where a ZIP reader does not
    look (times, attributes, the directory's copies of the headers)."""
    return zip_bytes(bundle.manifest_bytes, bundle.files, base64.b64encode(bundle.signature))


def check_bundle(db: HubDatabase, path: Path, data: bytes | None = None) -> CheckedBundle:
    """Everything that can be checked without the store's events at the
    hub. ``data``: the file's bytes, when the caller has read them."""
    if data is None:
        data = read_file(Path(path))
    bundle = read_bundle(path, data, parts=PARTS)
    where = str(bundle.path)
    if as_written(bundle) != data:
        raise BundleAltered(path=where)
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
    events = _events(bundle)
    _check_chain(where, manifest, events)
    checked = CheckedBundle(bundle.path, store_id, code, events[0].seq, events[-1].seq, events,
                            bundle.files.get(HOUSEHOLDS_FILE))
    if checked.households is not None:
        from charity_pos.hub.downstream import read_links

        read_links(checked)  # each line a household link, before the database is touched
    return checked
