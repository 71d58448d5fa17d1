"""The store's side of upstream sync: who the store is (its registration file
for the district hub), which hub it trusts (the hub's trust file), and the
bundles of journal events it sends up.

An upstream bundle (kind ``store-events``, signed ``store:<CODE>``) holds
one content file, ``events.jsonl``: the journal's events in order, each one
line of canonical JSON with every column as stored (``seq``, ``uuid``,
``kind``, ``at``, ``actor``, ``payload``: the canonical JSON text itself,
``prev_hash``, ``hash``), so the hub can recompute every hash. The journal
holds no names, ID numbers or phone numbers, so neither does a bundle.

Nothing here imports Qt; the command line's words are in ``sync.cli``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

import charity_pos
from charity_pos import files
from charity_pos.db.models import Household, JournalEvent, Store
from charity_pos.db.sync_state import SYNC_STATE_ID, SyncState
from charity_pos.errors import (
    FromSeqOutOfRange, ImportFileMissing, InvalidInput, JournalBroken, OtherHubTrusted, TrustFileForOtherStore, TrustFileInvalid,
)
from charity_pos.ledger import journal
from charity_pos.ledger.canonical import GENESIS, canonical_json, event_hash, plain
from charity_pos.security.keys import StoreKeys
from charity_pos.services.base import ServiceContext
from charity_pos.services.households import fill_district_hashes
from charity_pos.sync.bundle import SUFFIX, Spool, is_our_bundle, public_key_from_text, public_key_text, write_bundle
from charity_pos.sync.district import HOUSEHOLDS, KEY_BYTES, READS, district_hash

REGISTRATION_FORMAT = "charity-pos-store/1"
TRUST_FORMAT = "charity-pos-trust/1"
KIND = "store-events"
EVENTS_FILE = "events.jsonl"
#: the columns of an event line, in the journal's order
EVENT_COLUMNS = ("seq", "uuid", "kind", "at", "actor", "payload", "prev_hash", "hash")
#: A trust file is a few hundred bytes; anything much larger is not one.
MAX_TRUST_FILE_BYTES = 64 * 1024
HUB_TRUSTED = "sync.hub_trusted"
#: the most events one bundle holds by default; a longer export is split into consecutive bundles
MAX_EVENTS = 50_000


def signer(store_code: str) -> str:
    return f"store:{store_code}"


def bundle_name(store_code: str, first_seq: int, last_seq: int) -> str:
    return f"{store_code}-{first_seq}-{last_seq}{SUFFIX}"


def key_fingerprint(public_key: str) -> str:
    """SHA-256 of a public key's raw bytes, hex: what people compare."""
    return hashlib.sha256(base64.b64decode(public_key)).hexdigest()


def event_line(row: Any) -> bytes:
    return (canonical_json({name: getattr(row, name) for name in EVENT_COLUMNS}) + "\n").encode("utf-8")


@dataclass(frozen=True)
class HubTrust:
    """What a hub's trust file says, checked."""

    hub_id: uuid.UUID
    district: str
    name: str | None
    public_key: str
    store_code: str
    created_at: str
    #: the district's key for matching households across stores (base64), if the file has one: a secret
    district_match_key: str | None = None

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.public_key)


@dataclass(frozen=True)
class TrustResult:
    hub_id: uuid.UUID
    district: str
    fingerprint: str
    #: False when the same hub with the same key was already trusted: nothing changed
    changed: bool
    event_seq: int | None


@dataclass(frozen=True)
class ExportResult:
    """``path`` is None when there was nothing new: no file was written.
    ``paths``: every bundle written, in the order they are to be imported
    (an export of more than ``max_events`` events is split); ``path`` is the
    last of them."""

    path: Path | None
    first_seq: int | None
    last_seq: int
    events: int
    paths: tuple[Path, ...] = ()


@dataclass(frozen=True)
class SyncStatus:
    last_exported_seq: int
    last_export_at: datetime | None
    hub_id: uuid.UUID | None
    hub_name: str | None
    hub_district: str | None
    hub_public_key: str | None
    hub_trusted_at: datetime | None
    district_match_key: str | None
    last_downstream_created_at: datetime | None
    last_downstream_seq: int | None
    #: when the last of this store's events the hub held (by its last bundle) was written
    district_events_at: datetime | None = None


def _state(s: Session) -> SyncState:
    """The one row, made on first need (files made before sync have none)."""
    state = s.get(SyncState, SYNC_STATE_ID)
    if state is None:
        state = SyncState(id=SYNC_STATE_ID, last_exported_seq=0)
        s.add(state)
    return state


def read_trust_file(path: Path) -> HubTrust:
    """Read and check a hub's trust file; TrustFileInvalid names the first bad field."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileMissing(path=str(path))

    def bad(field: str) -> TrustFileInvalid:
        return TrustFileInvalid(path=str(path), field=field)

    try:
        raw = files.read_json_object(path, limit=MAX_TRUST_FILE_BYTES, bom=True)
    except (OSError, ValueError):
        raise bad("format") from None
    if raw.get("format") != TRUST_FORMAT:
        raise bad("format")

    def text(field: str, limit: int, *, required: bool = True) -> str | None:
        value = raw.get(field)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise bad(field)
        return value.strip()

    try:
        hub_id = uuid.UUID(str(text("hub_id", 36)))
    except ValueError:
        raise bad("hub_id") from None
    district = str(text("district", 50))
    name = text("name", 100, required=False)
    public_key = str(text("public_key", 100))
    try:
        public_key = public_key_text(public_key_from_text(public_key))
    except ValueError:
        raise bad("public_key") from None
    store_code = str(text("store_code", 8)).upper()
    created_at = str(text("created_at", 40))
    try:
        datetime.fromisoformat(created_at)
    except ValueError:
        raise bad("created_at") from None
    match_key = text("district_match_key", 100, required=False)
    if match_key is not None:
        try:
            if len(base64.b64decode(match_key, validate=True)) != KEY_BYTES:
                raise ValueError
        except ValueError:
            raise bad("district_match_key") from None
    return HubTrust(hub_id, district, name, public_key, store_code, created_at, match_key)


def district_key(state: SyncState | None) -> bytes | None:
    """The district's matching key, when the store has been given one."""
    if state is None or not state.district_match_key:
        return None
    return base64.b64decode(state.district_match_key)


def _refuse_training(ctx: ServiceContext, what: str) -> None:
    """A training copy (培训) never takes part in sync: ``TrainingStore``."""
    from charity_pos.services.training import refuse_if_training

    refuse_if_training(ctx.db, what)


class StoreSync:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- who the store is ----------------------------------------------------------------------------
    def _store(self) -> Store:
        with self.ctx.db.read() as s:
            return s.scalars(select(Store)).one()

    def _signing_key(self, store_id: uuid.UUID) -> Ed25519PrivateKey:
        keys = StoreKeys.load(store_id, signing=True)
        assert keys.signing is not None
        return keys.signing

    def public_key(self) -> str:
        return public_key_text(self._signing_key(self._store().id).public_key())

    def registration(self) -> dict[str, Any]:
        """The registration the hub's ``add-store`` reads: who the store is
        and the public half of its signing key."""
        _refuse_training(self.ctx, "register")
        store = self._store()
        return {
            "format": REGISTRATION_FORMAT,
            "store_id": str(store.id),
            "store_code": store.code,
            "name": store.name,
            "short_name": store.short_name,
            "district": store.district,
            "public_key": public_key_text(self._signing_key(store.id).public_key()),
            "created_at": plain(self.ctx.now()),
        }

    def protected(self) -> files.Protected:
        """The files no output may name: the store's database, its companions and key file, the settings."""
        return files.store_files(self.ctx.db.path, self._store().id)

    def write_registration(self, out: Path, *, force: bool = False) -> Path:
        """The registration file at ``out`` (``charity_pos.files`` guards it:
        never a store file; over another file only a registration or with ``force``)."""
        protect, ours = self.protected(), files.json_format(REGISTRATION_FORMAT)
        files.check_target(out, protect, force=force, ours=ours)  # before a key is added to an older key file
        text = json.dumps(self.registration(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        return files.write_bytes(out, text.encode("utf-8"), protect, force=force, ours=ours)

    # --- the hub it trusts -----------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        with self.ctx.db.read() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            if state is None:
                return SyncStatus(0, None, None, None, None, None, None, None, None, None)
            return SyncStatus(state.last_exported_seq, state.last_export_at, state.hub_id, state.hub_name,
                              state.hub_district, state.hub_public_key, state.hub_trusted_at,
                              state.district_match_key, state.last_downstream_created_at, state.last_downstream_seq,
                              state.district_events_at)

    def trust_hub(self, path: Path) -> TrustResult:
        """Trust the hub whose trust file this is: its key then signs what
        the store accepts from the district. A file for another store, or
        from another hub than the one trusted, is refused; the same hub
        again is fine (a new key of its replaces the old one)."""
        _refuse_training(self.ctx, "trust")
        trust = read_trust_file(path)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            store = s.scalars(select(Store)).one()
            if trust.store_code != store.code:
                raise TrustFileForOtherStore(path=str(path), made_for=trust.store_code, store_code=store.code)
            state = _state(s)
            if state.hub_id is not None and state.hub_id != trust.hub_id:
                raise OtherHubTrusted(path=str(path), district=state.hub_district, hub_id=str(state.hub_id))
            new_key = trust.district_match_key is not None and trust.district_match_key != state.district_match_key
            if (state.hub_id, state.hub_public_key, state.hub_district, state.hub_name) == (
                    trust.hub_id, trust.public_key, trust.district, trust.name) and not new_key:
                return TrustResult(trust.hub_id, trust.district, trust.fingerprint, False, None)
            if new_key:
                # A secret: kept in sync_state only, never in the journal or a log line.
                state.district_match_key = trust.district_match_key
                fill_district_hashes(s, StoreKeys.load(store.id), base64.b64decode(str(trust.district_match_key)))
            state.hub_id = trust.hub_id
            state.hub_name = trust.name
            state.hub_district = trust.district
            state.hub_public_key = trust.public_key
            state.hub_trusted_at = now
            event = journal.append(s, HUB_TRUSTED, actor=None, at=now, facts={
                "hub_id": str(trust.hub_id), "district": trust.district, "key_sha256": trust.fingerprint})
            return TrustResult(trust.hub_id, trust.district, trust.fingerprint, True, event.seq)

    # --- bundles of events -------------------------------------------------------------------------------
    def export(self, out_dir: Path, from_seq: int | None = None, *, force: bool = False,
               max_events: int = MAX_EVENTS) -> ExportResult:
        """Write the journal's events after the last export (or from
        ``from_seq``, for a hub that lost some) into ``out_dir``: one bundle,
        or consecutive bundles of at most ``max_events`` events each, each
        complete and verifiable alone, to be imported in order. Each is
        streamed (events.jsonl written line by line beside it, then copied
        into its ZIP): memory stays bounded at any size. Each bundle is one
        unit of work: its file is written (beside its name, then renamed),
        then the mark moves, never backwards, in the same transaction; a
        failure leaves neither that file nor a moved mark, and the bundles
        before it stay written and counted. (Should the commit itself fail,
        the file stays and the next export sends its events again; the hub
        skips events it holds.) A file of a bundle's name that is not a
        bundle is replaced only with ``force``."""
        _refuse_training(self.ctx, "export")
        if max_events < 1:
            raise InvalidInput(field="--max-events", value=str(max_events), reason="zero")
        protect = self.protected()
        out_dir = files.check_folder(out_dir, protect)
        store = self._store()
        keys = StoreKeys.load(store.id, signing=True)
        assert keys.signing is not None
        with self.ctx.db.read() as s:
            head_seq, _ = journal.head(s)
        if from_seq is not None:
            if not 1 <= from_seq <= head_seq:
                raise FromSeqOutOfRange(from_seq=from_seq, last_seq=head_seq)
            first = from_seq
        else:
            status = self.status()
            first = status.last_exported_seq + 1
        if first > head_seq:
            return ExportResult(None, None, head_seq, 0)
        paths: list[Path] = []
        begin, count = first, 0
        while begin <= head_seq:
            end = min(head_seq, begin + max_events - 1)
            paths.append(self._export_one(store, keys, out_dir, protect, begin, end, final=end == head_seq,
                                          force=force))
            count += end - begin + 1
            begin = end + 1
        return ExportResult(paths[-1], first, head_seq, count, tuple(paths))

    def _export_one(self, store: Store, keys: StoreKeys, out_dir: Path, protect: files.Protected, first: int,
                    last: int, *, final: bool, force: bool) -> Path:
        """The bundle of events ``first``-``last``, its mark moved in the same
        transaction; ``final``: the last of this export, which carries the
        household hashes."""
        key = keys.signing
        assert key is not None
        now = self.ctx.now()
        target = out_dir / bundle_name(store.code, first, last)
        with self.ctx.db.begin() as s:
            state = s.get(SyncState, SYNC_STATE_ID)
            mark = state.last_exported_seq if state is not None else 0
            prev = GENESIS if first == 1 else s.scalar(select(JournalEvent.hash).where(JournalEvent.seq == first - 1))
            # Core, so rows come from the cursor as they are read (the ORM would fetch them all first)
            rows = s.connection().execute(
                select(*(getattr(JournalEvent, c) for c in EVENT_COLUMNS))
                .where(JournalEvent.seq.between(first, last)).order_by(JournalEvent.seq)
                .execution_options(stream_results=True, yield_per=1000))

            def render(partial: Path) -> None:
                spool = Spool(partial.with_name(partial.name + ".events"))
                try:
                    kinds: Counter[str] = Counter()
                    expected, last_hash = first, prev
                    for row in rows:
                        # A journal that does not chain is not sent: the hub would refuse it anyway.
                        if (row.seq != expected or row.prev_hash != last_hash or last_hash is None
                                or event_hash(row.prev_hash, row.seq, row.uuid, row.kind, row.at, row.actor,
                                              row.payload) != row.hash):
                            raise JournalBroken(path=str(self.ctx.db.path), seq=expected)
                        spool.write(event_line(row))
                        kinds[row.kind] += 1
                        last_hash = row.hash
                        expected += 1
                    if expected != last + 1:  # the journal ends before the head it named
                        raise JournalBroken(path=str(self.ctx.db.path), seq=expected)
                    manifest = {
                        "kind": KIND,
                        "signer": signer(store.code),
                        "store_code": store.code,
                        "store_id": str(store.id),
                        "first_seq": first,
                        "last_seq": last,
                        "prev_hash": prev,
                        "last_hash": last_hash,
                        "counts": {"events": last - first + 1, "by_kind": dict(sorted(kinds.items()))},
                        "created_at": plain(now),
                        "app_version": charity_pos.__version__,
                        "reads": list(READS),
                    }
                    content: dict[str, bytes | Spool] = {EVENTS_FILE: spool}
                    match_key = district_key(state) if final else None
                    if match_key is not None:
                        content[HOUSEHOLDS] = self._household_hashes(s, keys, match_key)
                    write_bundle(partial, manifest, content, key)
                finally:
                    spool.discard()

            path = files.write_file(target, render, protect, force=force, ours=is_our_bundle)
            state = _state(s)
            state.last_exported_seq = max(mark, last)
            state.last_export_at = now
            return path

    @staticmethod
    def _household_hashes(s: Session, keys: StoreKeys, match_key: bytes) -> bytes:
        """households.jsonl: each household whose whole ID the store holds, by
        its UUID and district hash, in UUID order. Never the ID itself. A
        household the district sent without its ID (``import-bundle``) goes by
        the district hash the hub gave it, so its handouts (a campaign's
        among them) are put to it at the hub too."""
        rows = s.execute(select(Household.id, Household.card_number, Household.id_cipher, Household.district_hash)
                         .where(Household.erased_at.is_(None),
                                (Household.id_cipher != "") | Household.district_hash.is_not(None))
                         .order_by(Household.id))
        return b"".join(
            (canonical_json({"household_id": str(row.id),
                             "district_hash": district_hash(match_key, keys.decrypt(row.id_cipher, row.card_number))
                             if row.id_cipher else row.district_hash})
             + "\n").encode("utf-8")
            for row in rows)
