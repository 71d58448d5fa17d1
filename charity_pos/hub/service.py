"""The district hub's registry: creating the hub with its key pair, and
registering stores with theirs.

- ``init_hub`` makes the one hub row of an empty database and an Ed25519
  key pair; the private key goes to a key file in the configuration folder
  (``hub-keys/<hub id>.key``, readable by its owner only), the public key
  into the database.
- ``add_store`` reads a store's registration file (``charity-pos store-key``)
  and registers the store with its public key; a store code already
  registered with another key is refused, so nobody replaces a store's key
  by sending a registration. It writes the hub's trust file for the store
  (``charity-pos trust-hub``).

Importing bundles is in ``charity_pos.hub.importer``.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from charity_pos import config, durable, files
from charity_pos.db.base import new_id
from charity_pos.domain.numbers import STORE_CODE
from charity_pos.errors import (
    HubExists,
    HubNotFound,
    ImportFileMissing,
    InvalidInput,
    KeyFileMissing,
    RegistrationInvalid,
    StoreIdTaken,
    StoreKeyChangeNeedsStaff,
    StoreKeyMismatch,
)
from charity_pos.hub.engine import HubDatabase, open_hub
from charity_pos.hub.models import Hub, HubKeyChange, HubStore
from charity_pos.ledger.canonical import plain
from charity_pos.services.base import Clock, system_clock
from charity_pos.sync import district
from charity_pos.sync.bundle import public_key_from_text, public_key_text

log = logging.getLogger("charity_pos.hub")

REGISTRATION_FORMAT = "charity-pos-store/1"
TRUST_FORMAT = "charity-pos-trust/1"
#: the district matching key's field in the hub's key file and in the trust file (base64)
DISTRICT_KEY_FIELD = "district_match_key"
#: A registration is a few hundred bytes; anything much larger is not one.
MAX_REGISTRATION_BYTES = 64 * 1024


@dataclass(frozen=True)
class HubInfo:
    id: uuid.UUID
    district: str
    public_key: str
    created_at: datetime


@dataclass(frozen=True)
class Registration:
    """A store's registration file, checked."""

    store_id: uuid.UUID
    store_code: str
    name: str
    short_name: str
    district: str
    public_key: str
    created_at: str


@dataclass(frozen=True)
class StoreAdded:
    code: str
    name: str
    #: False when the same store with the same key was registered before
    new: bool
    trust_file: Path
    #: the store's public key (base64 of its raw bytes)
    public_key: str
    #: the store's registered key was replaced by this one, by district staff
    key_replaced: bool = False


def key_path(hub_id: uuid.UUID) -> Path:
    return config.hub_key_file(hub_id)


def _write_key(hub_id: uuid.UUID, key: Ed25519PrivateKey) -> Path:
    path = key_path(hub_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    data = json.dumps({"hub": str(hub_id), "ed25519": base64.b64encode(raw).decode("ascii"),
                       DISTRICT_KEY_FIELD: base64.b64encode(os.urandom(district.KEY_BYTES)).decode("ascii")})
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return path


def signing_key(hub_id: uuid.UUID) -> Ed25519PrivateKey:
    """The hub's private key, for what the hub signs (downstream bundles)."""
    path = key_path(hub_id)
    try:
        raw = files.read_json_object(path)
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw["ed25519"], validate=True))
    except (OSError, ValueError, KeyError, TypeError):
        raise KeyFileMissing(path=str(path)) from None


def district_match_key(hub_id: uuid.UUID) -> bytes:
    """The district's matching key (``charity_pos.sync.district``), kept in
    the hub's key file. A key file from before the district key gets one
    added on first need: written beside it (owner only) and renamed over
    it, under a lock so two processes never make two keys."""
    path = key_path(hub_id)

    def read() -> dict[str, Any]:
        try:
            raw = files.read_json_object(path)
        except (OSError, ValueError):
            raise KeyFileMissing(path=str(path)) from None
        if "ed25519" not in raw:
            raise KeyFileMissing(path=str(path))
        return raw

    def decoded(raw: dict[str, Any]) -> bytes | None:
        text = raw.get(DISTRICT_KEY_FIELD)
        if text is None:
            return None
        try:
            key = base64.b64decode(text, validate=True)
        except (ValueError, TypeError):
            raise KeyFileMissing(path=str(path)) from None
        if len(key) != district.KEY_BYTES:
            raise KeyFileMissing(path=str(path))
        return key

    key = decoded(read())
    if key is not None:
        return key
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:  # Windows: one hub process at a time there
            pass
        raw = read()
        key = decoded(raw)
        if key is not None:
            return key
        key = os.urandom(district.KEY_BYTES)
        raw[DISTRICT_KEY_FIELD] = base64.b64encode(key).decode("ascii")
        durable.write_text_in_place(path, json.dumps(raw), private=True)
        log.info("district matching key added to the key file of hub %s", hub_id)
        return key
    finally:
        os.close(fd)


def parse_areas(areas: Sequence[str] | None) -> str | None:
    """The sub-districts as stored in ``hub_store.areas`` (one a line); None: the whole district."""
    names = sorted({_clean("area", a, 50) for a in areas or ()})
    return "\n".join(names) if names else None


def areas_of(text: str | None) -> list[str]:
    return [a for a in (text or "").split("\n") if a]


def _clean(field: str, value: str, limit: int) -> str:
    value = " ".join(str(value).split())
    if not value:
        raise InvalidInput(field=field, value=value, reason="empty")
    if len(value) > limit:
        raise InvalidInput(field=field, value=value, reason="too_long")
    return value


def init_hub(url: str | Path | None, district: str, *, clock: Clock = system_clock) -> HubInfo:
    """Make an empty database the district's hub, with its key pair."""
    district = _clean("district", district, 50)
    with open_hub(url, create=True) as db:
        key = Ed25519PrivateKey.generate()
        hub = Hub(id=new_id(), singleton=1, district=district, public_key=public_key_text(key.public_key()),
                  created_at=clock())
        written: Path | None = None
        try:
            with db.begin() as s:
                existing = s.scalars(select(Hub)).first()
                if existing is not None:
                    raise HubExists(url=db.shown_url, district=existing.district)
                s.add(hub)
                s.flush()
                written = _write_key(hub.id, key)
        except IntegrityError:  # another init won the race
            if written is not None:
                written.unlink(missing_ok=True)
            raise HubExists(url=db.shown_url, district=district) from None
        except BaseException:
            if written is not None:
                written.unlink(missing_ok=True)
            raise
        log.info("hub %s created for %s", hub.id, district)
        return HubInfo(hub.id, hub.district, hub.public_key, hub.created_at)


def hub_info(db: HubDatabase) -> HubInfo:
    with db.read() as s:
        hub = s.scalars(select(Hub)).first()
        if hub is None:
            raise HubNotFound(url=db.shown_url)
        return HubInfo(hub.id, hub.district, hub.public_key, hub.created_at)


def read_registration(path: Path) -> Registration:
    """Read and check a store's registration file; RegistrationInvalid names the first bad field."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileMissing(path=str(path))

    def bad(field: str) -> RegistrationInvalid:
        return RegistrationInvalid(path=str(path), field=field)

    try:
        raw = files.read_json_object(path, limit=MAX_REGISTRATION_BYTES, bom=True)
    except (OSError, ValueError):
        raise bad("format") from None
    if raw.get("format") != REGISTRATION_FORMAT:
        raise bad("format")

    def text(field: str, limit: int) -> str:
        value = raw.get(field)
        if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
            raise bad(field)
        return " ".join(value.split())

    try:
        store_id = uuid.UUID(text("store_id", 36))
    except ValueError:
        raise bad("store_id") from None
    code = text("store_code", 8)
    if not STORE_CODE.match(code):
        raise bad("store_code")
    try:
        public_key = public_key_text(public_key_from_text(text("public_key", 100)))
    except ValueError:
        raise bad("public_key") from None
    created_at = text("created_at", 40)
    try:
        datetime.fromisoformat(created_at)
    except ValueError:
        raise bad("created_at") from None
    return Registration(store_id, code, text("name", 100), text("short_name", 20), text("district", 50),
                        public_key, created_at)


def protected(db: HubDatabase, hub_id: uuid.UUID | None = None) -> files.Protected:
    """The files no output of the hub may name: its database and key file, the settings, the stores' files."""
    return files.hub_files(db.file, hub_id)


def add_store(db: HubDatabase, registration: Path, out: Path, *, areas: Sequence[str] | None = None,
              clock: Clock = system_clock, force: bool = False, staff: str | None = None,
              staff_pin: str | None = None, kind: str | None = None) -> StoreAdded:
    """Register the store of ``registration`` and write the hub's trust
    file for it to ``out``. The same store with the same key again only
    refreshes its name and writes the trust file again. ``areas``: the
    sub-districts whose households go to the store (none given: as before,
    for a new store the whole district). ``kind``: ``store`` or
    ``warehouse`` (none given: as before, for a new one a store). The trust file carries the
    district's matching key: a secret, handed over like a key, written
    readable by its owner only. ``out`` is guarded by ``charity_pos.files``:
    never the hub's or a store's own files; over another file only a trust
    file or with ``force``.

    A store registered with another key (a store rebuilt without its old
    key file, ``charity-pos rebuild``) gets its new key only with a
    district staff account's user name and PIN (``staff``, ``staff_pin``,
    checked with the log-in's lock-out); the change is kept in
    ``hub_key_change`` with the old key and who made it."""
    reg = read_registration(registration)
    hub_id = hub_info(db).id
    protect, ours = protected(db, hub_id), files.json_format(TRUST_FORMAT)
    out = files.check_target(out, protect, force=force, ours=ours)
    area_text = parse_areas(areas)
    now = clock()
    match_key = district_match_key(hub_id)
    staff_id = None
    with db.read() as s:
        registered = s.scalars(select(HubStore).where(HubStore.code == reg.store_code)).first()
        changes_key = registered is not None and registered.id == reg.store_id and registered.public_key != reg.public_key
    if changes_key:
        if not staff or not staff_pin:
            raise StoreKeyChangeNeedsStaff(store_code=reg.store_code)
        from charity_pos.hub.users import login

        staff_id = login(db, staff, staff_pin, clock=clock).user_id
    try:
        with db.begin() as s:
            hub = s.scalars(select(Hub)).first()
            if hub is None:
                raise HubNotFound(url=db.shown_url)
            by_code = s.scalars(select(HubStore).where(HubStore.code == reg.store_code)).first()
            by_id = s.get(HubStore, reg.store_id)
            if by_code is not None and by_code.id == reg.store_id and by_code.public_key != reg.public_key:
                if staff_id is None:  # registered with another key since the PIN was checked
                    raise StoreKeyChangeNeedsStaff(store_code=reg.store_code)
                s.add(HubKeyChange(store_id=by_code.id, old_key=by_code.public_key, new_key=reg.public_key,
                                   user_id=staff_id, at=now))
                log.warning("store %s: key replaced by district staff %s (old key %s...)", reg.store_code, staff,
                            by_code.public_key[:12])
                by_code.public_key = reg.public_key
            if by_code is not None and (by_code.public_key != reg.public_key or by_code.id != reg.store_id):
                raise StoreKeyMismatch(store_code=reg.store_code)
            if by_id is not None and by_id.code != reg.store_code:
                raise StoreIdTaken(store_code=reg.store_code, registered_code=by_id.code)
            new = by_code is None
            store = by_code or HubStore(id=reg.store_id, code=reg.store_code, public_key=reg.public_key,
                                        registered_at=now, last_seq=0)
            store.name, store.short_name, store.district = reg.name, reg.short_name, reg.district
            if area_text is not None:
                store.areas = area_text
            if kind is not None:
                if kind not in ("store", "warehouse"):
                    raise InvalidInput(field="kind", value=kind, reason="unknown")
                store.kind = kind
            s.add(store)
            s.flush()
            trust = {"format": TRUST_FORMAT, "hub_id": str(hub.id), "district": hub.district,
                     "public_key": hub.public_key, "store_code": reg.store_code, "created_at": plain(now),
                     DISTRICT_KEY_FIELD: base64.b64encode(match_key).decode("ascii")}
            # Written before the commit: a file that cannot be written registers nothing.
            files.write_bytes(out, (json.dumps(trust, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode(),
                              protect, force=force, ours=ours, private=True)
    except IntegrityError:  # the same store registered at the same moment by another add-store
        raise StoreKeyMismatch(store_code=reg.store_code) from None
    log.info("store %s registered at hub (new: %s)", reg.store_code, new)
    return StoreAdded(reg.store_code, reg.name, new, out, reg.public_key, staff_id is not None)
