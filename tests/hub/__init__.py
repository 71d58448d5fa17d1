"""What the district hub's tests share: a real store's journal to build
bundles from (the demo store, made through the same services the app
uses), bundles written with ``write_bundle`` exactly as a store exports
them, and a digest of every hub table to prove that a refused file changed
nothing. Fixtures here are imported by the test modules that use them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from charity_pos.hub.engine import HubDatabase, open_hub
from charity_pos.hub.models import HubBase, HubBundle
from charity_pos.hub.service import add_store, init_hub
from charity_pos.ledger.canonical import canonical_json, event_hash
from charity_pos.sync.bundle import public_key_text, write_bundle
from tests.hub.conftest import MadeOnce

COLUMNS = ("seq", "uuid", "kind", "at", "actor", "payload", "prev_hash", "hash")
DISTRICT = "静安区"


@dataclass(frozen=True)
class SourceStore:
    """A store file's identity and journal, read without opening it for writing."""

    path: Path
    id: str
    code: str
    name: str
    short_name: str
    district: str
    events: tuple[dict[str, Any], ...]

    def count(self, sql: str) -> Any:
        with closing(sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)) as conn:
            return conn.execute(sql).fetchone()[0]


def read_store(path: Path) -> SourceStore:
    with closing(sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)) as conn:
        conn.row_factory = sqlite3.Row
        store = conn.execute("SELECT id, code, name, short_name, district FROM store").fetchone()
        events = tuple(dict(r) for r in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM journal_event ORDER BY seq"))
    return SourceStore(Path(path), str(uuid.UUID(store["id"])), store["code"], store["name"], store["short_name"],
                       store["district"], events)


def write_registration(path: Path, store: SourceStore, key: Ed25519PrivateKey, **changes: Any) -> Path:
    data = {"format": "charity-pos-store/1", "store_id": store.id, "store_code": store.code, "name": store.name,
            "short_name": store.short_name, "district": store.district,
            "public_key": public_key_text(key.public_key()), "created_at": "2026-03-10T02:00:00.000000+00:00"}
    data.update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def lines_of(events: list[dict[str, Any]]) -> bytes:
    return b"".join((canonical_json(e) + "\n").encode("utf-8") for e in events)


def events_bundle(path: Path, store: SourceStore, events: list[dict[str, Any]], key: Ed25519PrivateKey, *,
                  content: bytes | None = None, **manifest: Any) -> Path:
    """A store-events bundle as ``charity-pos export-bundle`` writes one;
    ``manifest`` overrides fields, ``content`` the events file."""
    fields = {
        "kind": "store-events", "signer": f"store:{store.code}", "store_code": store.code, "store_id": store.id,
        "first_seq": events[0]["seq"], "last_seq": events[-1]["seq"], "prev_hash": events[0]["prev_hash"],
        "last_hash": events[-1]["hash"],
        "counts": {"events": len(events), "by_kind": dict(sorted(Counter(e["kind"] for e in events).items()))},
        "created_at": "2026-03-13T02:00:00.000000+00:00", "app_version": "0.1.0",
    }
    fields.update(manifest)
    return write_bundle(path, fields, {"events.jsonl": lines_of(events) if content is None else content}, key)


def rechained(events: list[dict[str, Any]], prev_hash: str) -> list[dict[str, Any]]:
    """The events with their hash chain made good again from ``prev_hash``:
    what someone holding the store's key could forge."""
    out = []
    for e in events:
        e = dict(e, prev_hash=prev_hash)
        e["hash"] = event_hash(prev_hash, e["seq"], e["uuid"], e["kind"], e["at"], e["actor"], e["payload"])
        out.append(e)
        prev_hash = e["hash"]
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    return value


def digest(db: HubDatabase) -> str:
    """SHA-256 over every row of every hub table but the log of bundle files
    seen (which notes refusals on purpose), in primary-key order."""
    hasher = hashlib.sha256()
    with db.engine.connect() as conn:
        for table in HubBase.metadata.sorted_tables:
            if table.name == HubBundle.__tablename__:
                continue
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            hasher.update(table.name.encode())
            hasher.update(canonical_json([[_plain(v) for v in row] for row in rows]).encode())
    return hasher.hexdigest()


def bundle_log(db: HubDatabase) -> list[tuple[str, int, str | None]]:
    with db.read() as s:
        return [(b.result, b.events_applied, b.reason) for b in s.scalars(select(HubBundle).order_by(HubBundle.at))]


@dataclass
class Hub:
    """An initialised hub with the demo store registered."""

    url: str
    db: HubDatabase
    store: SourceStore
    key: Ed25519PrivateKey
    folder: Path
    trust_file: Path

    def bundle(self, first: int, last: int, name: str | None = None, **kw: Any) -> Path:
        events = [e for e in self.store.events if first <= e["seq"] <= last]
        return events_bundle(self.folder / (name or f"{self.store.code}-{first}-{last}.cpbundle"), self.store,
                             events, self.key, **kw)


@pytest.fixture(scope="session")
def source(demo_store: tuple[Path, int, str]) -> SourceStore:
    path, code, _out = demo_store
    assert code == 0
    return read_store(path)


@pytest.fixture(scope="session")
def store_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _new_hub(url: str, folder: Path) -> None:
    init_hub(url, DISTRICT, clock=lambda: datetime(2026, 3, 12, 1, 0, tzinfo=UTC))


@pytest.fixture
def hub(hub_url: str, made_once: MadeOnce[None], source: SourceStore, store_key: Ed25519PrivateKey,
        tmp_path: Path) -> Iterator[Hub]:
    made_once("hub", _new_hub)  # init_hub run once per kind of database, its database and key file copied
    folder = tmp_path / "bundles"
    folder.mkdir()
    db = open_hub(hub_url)
    try:
        added = add_store(db, write_registration(tmp_path / "store.json", source, store_key), tmp_path / "trust.json")
        yield Hub(hub_url, db, source, store_key, folder, added.trust_file)
    finally:
        db.close()


__all__ = ["Hub", "SourceStore", "bundle_log", "digest", "events_bundle", "hub", "lines_of", "read_store",
           "rechained", "source", "store_key", "write_registration"]
