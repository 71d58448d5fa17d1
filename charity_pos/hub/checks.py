"""Checking a store's bundle file before the hub's database is touched.

A file must read as a bundle whose content matches its manifest
(``read_bundle``), be byte for byte what ``write_bundle`` makes of that
content, be a store's events, come from a registered store and carry a
signature that verifies with *that store's* key; only then is the rest of
the manifest believed. The manifest must describe the events (first and
last number, the hash before the first and of the last, counts) and every
event's hash must be the hash of its content and name the one before it.
What the hub already holds of the store is the importer's to compare.
"""

from __future__ import annotations

import base64
import io
import json
import uuid
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from charity_pos.errors import (
    BundleAltered,
    BundleManifestMismatch,
    BundleNotStoreEvents,
    BundleSignerMismatch,
    BundleStoreMismatch,
    EventChainBroken,
    EventHashWrong,
    EventsOutOfOrder,
    EventsUnreadable,
    UnknownStore,
)
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import HubStore
from charity_pos.ledger.canonical import GENESIS, event_hash
from charity_pos.sync.bundle import (
    _ZIP_TIME,
    MANIFEST,
    SIGNATURE,
    Bundle,
    check_signature,
    public_key_from_text,
    read_bundle,
)

KIND = "store-events"
EVENTS_FILE = "events.jsonl"
HOUSEHOLDS_FILE = "households.jsonl"  # charity_pos.sync.district.HOUSEHOLDS: optional
SIGNER_PREFIX = "store:"


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
            raw = json.loads(line)
            event = Event(**{name: raw[name] for name in Event.__dataclass_fields__})
        except (ValueError, TypeError, KeyError):
            raise EventsUnreadable(path=path, line=number) from None
        strings = (event.uuid, event.kind, event.at, event.payload, event.prev_hash, event.hash)
        if (type(event.seq) is not int or not all(isinstance(v, str) for v in strings)
                or not (event.actor is None or isinstance(event.actor, str))):
            raise EventsUnreadable(path=path, line=number)
        events.append(event)
    return events


def _check_chain(path: str, manifest: dict[str, Any], events: list[Event]) -> None:
    first = manifest.get("first_seq")
    if type(first) is not int or first < 1:
        raise BundleManifestMismatch(path=path, field="first_seq")
    if not events:
        raise BundleManifestMismatch(path=path, field="counts")
    prev = manifest.get("prev_hash")
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
    if manifest.get("last_seq") != events[-1].seq:
        raise BundleManifestMismatch(path=path, field="last_seq")
    if manifest.get("last_hash") != events[-1].hash:
        raise BundleManifestMismatch(path=path, field="last_hash")
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or counts.get("events", len(events)) != len(events):
        raise BundleManifestMismatch(path=path, field="counts")
    by_kind = counts.get("by_kind")
    if by_kind is not None and by_kind != dict(Counter(e.kind for e in events)):
        raise BundleManifestMismatch(path=path, field="counts")


def as_written(bundle: Bundle) -> bytes:
    """The bytes ``write_bundle`` makes of this bundle's content: it writes
    the same content as the same bytes, so a file that differs from them
    was altered after it was written, even where a ZIP reader does not
    look (times, attributes, the directory's copies of the headers)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as zf:
        members = [(MANIFEST, bundle.manifest_bytes), *sorted(bundle.files.items()),
                   (SIGNATURE, base64.b64encode(bundle.signature))]
        for name, content in members:
            # the fixed time write_bundle gives every member
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.external_attr = 0o644 << 16
            zf.writestr(info, content)
    return buffer.getvalue()


def check_bundle(db: HubDatabase, path: Path, data: bytes | None = None) -> CheckedBundle:
    """Everything that can be checked without the store's events at the
    hub. ``data``: the file's bytes, when the caller has read them."""
    bundle = read_bundle(path)
    where = str(bundle.path)
    if data is None:
        data = Path(path).read_bytes()
    if as_written(bundle) != data:
        raise BundleAltered(path=where)
    if bundle.kind != KIND:
        raise BundleNotStoreEvents(path=where, kind=bundle.kind)
    manifest = bundle.manifest
    code = bundle.signer[len(SIGNER_PREFIX):] if bundle.signer.startswith(SIGNER_PREFIX) else ""
    registered = _registered(db, code) if code else None
    if registered is None:
        raise UnknownStore(path=where, store_code=code or str(manifest.get("store_code", "")))
    store_id, key_text = registered
    # Nothing else in the manifest counts before its signature is the store's own.
    check_signature(bundle, public_key_from_text(key_text))
    if manifest.get("store_code") != code:
        raise BundleSignerMismatch(path=where, signer=bundle.signer, store_code=str(manifest.get("store_code")))
    if manifest.get("store_id") != str(store_id):
        raise BundleStoreMismatch(path=where, store_code=code)
    events = _events(bundle)
    _check_chain(where, manifest, events)
    return CheckedBundle(bundle.path, store_id, code, events[0].seq, events[-1].seq, events,
                         bundle.files.get(HOUSEHOLDS_FILE))
