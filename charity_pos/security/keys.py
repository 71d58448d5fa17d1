"""The store's secret keys: one for AES-GCM encryption of ID numbers, one for
the keyed hash (HMAC-SHA256) that matches households without revealing them,
and the Ed25519 key that signs the bundles the store sends to the district hub.

They live in a key file outside the database, in the user's configuration
folder, named after the store's UUID. A stolen database file alone gives up
no ID number. The key file must be backed up with the database (README).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos import config
from charity_pos.durable import read_json_object, sync_folder, write_text_in_place
from charity_pos.errors import KeyFileMissing

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from sqlalchemy import Connection

# ``cryptography`` is imported where keys are made, used or read whole, not
# here: ``verify`` reads only the seal's key (``seal_key_for``, plain HMAC)
# and need not load it.


#: set in a key file once its store file is sealed (``ledger.seal``)
SEALED = "sealed"
#: in a key file: the SHA-256 of each copy of its store file kept, from before the seal, when the file was
#: upgraded and sealed (``services.upgrade``): such a copy is restored as what it is, not refused as a
#: sealed file set back by hand
UNSEALED_COPIES = "unsealed_copies"


def key_path(store_id: uuid.UUID) -> Path:
    return config.store_key_file(store_id)


def _signing_text(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    return base64.b64encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode("ascii")


def write_new_key_file(path: Path, data: str) -> None:
    """A key file that did not exist, readable by its owner only, on the disk with its folder's entry."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    sync_folder(path.parent)


def _rewrite(path: Path, data: str) -> None:
    """Replace a key file whole: written beside it (0600) and renamed over
    it, so a failure leaves the old file as it was, never half a file."""
    write_text_in_place(path, data, private=True)


@dataclass(frozen=True)
class StoreKeys:
    encryption: bytes
    matching: bytes
    #: Signs the store's sync bundles. None only for a key file written
    #: before stores signed anything, until it is loaded with ``signing=True``.
    signing: Ed25519PrivateKey | None = None

    @classmethod
    def create(cls, store_id: uuid.UUID) -> StoreKeys:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        keys = cls(AESGCM.generate_key(bit_length=256), secrets.token_bytes(32), Ed25519PrivateKey.generate())
        path = key_path(store_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        assert keys.signing is not None
        data = json.dumps({"store": str(store_id), "aes_gcm": base64.b64encode(keys.encryption).decode(),
                           "hmac_sha256": base64.b64encode(keys.matching).decode(),
                           "ed25519": _signing_text(keys.signing), SEALED: True})
        write_new_key_file(path, data)
        return keys

    @staticmethod
    def mark_sealed(store_id: uuid.UUID) -> None:
        """Note in the key file that the store file is sealed from now on,
        so that ``verify`` refuses a copy passed off as an earlier version's."""
        path = key_path(store_id)
        try:
            raw = read_json_object(path)
        except (OSError, ValueError):
            raise KeyFileMissing(path=str(path)) from None
        if not raw.get(SEALED):
            _rewrite(path, json.dumps(dict(raw, **{SEALED: True})))

    @staticmethod
    def vouch_for_copy(store_id: uuid.UUID, sha256: str) -> None:
        """Note in the key file (not yet sealed) that the file whose SHA-256
        is ``sha256`` is a copy of its store file kept, as it was, before the
        store file is upgraded and sealed: ``restore`` then takes the copy back."""
        path = key_path(store_id)
        try:
            raw = read_json_object(path)
        except (OSError, ValueError):
            raise KeyFileMissing(path=str(path)) from None
        known = raw.get(UNSEALED_COPIES)
        listed = [str(d) for d in known] if isinstance(known, list) else []
        if sha256 not in listed:
            _rewrite(path, json.dumps(dict(raw, **{UNSEALED_COPIES: [*listed, sha256]})))

    @staticmethod
    def unmark_sealed(store_id: uuid.UUID) -> None:
        """A copy from before the seal that the key file vouches for was
        restored: the store file is that earlier file again, sealed once more
        when it is next opened and upgraded."""
        path = key_path(store_id)
        try:
            raw = read_json_object(path)
        except (OSError, ValueError):
            return  # no key file here: nothing says the store was sealed
        if raw.get(SEALED):
            _rewrite(path, json.dumps({k: v for k, v in raw.items() if k != SEALED}))

    @classmethod
    def load(cls, store_id: uuid.UUID, *, signing: bool = False) -> StoreKeys:
        """The store's keys. With ``signing=True`` the signing key is always
        there: a key file from before stores signed bundles gets one added
        (the file is rewritten whole, still readable by its owner only).
        Callers hold the store file's lock, so no two add one at once."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        path = key_path(store_id)
        try:
            raw = read_json_object(path)
            keys = cls(base64.b64decode(raw["aes_gcm"]), base64.b64decode(raw["hmac_sha256"]),
                       None if raw.get("ed25519") is None
                       else Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw["ed25519"], validate=True)))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            raise KeyFileMissing(path=str(path)) from None
        if signing and keys.signing is None:
            keys = cls(keys.encryption, keys.matching, Ed25519PrivateKey.generate())
            assert keys.signing is not None
            _rewrite(path, json.dumps(dict(raw, ed25519=_signing_text(keys.signing))))
        return keys

    def seal_key(self) -> bytes:
        """The key of the store file's seal (``ledger.seal``), derived from
        the matching key under a label of its own."""
        return hmac.new(self.matching, b"charity-pos store seal v1", hashlib.sha256).digest()

    def encrypt(self, text: str, context: str) -> str:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = secrets.token_bytes(12)
        sealed = AESGCM(self.encryption).encrypt(nonce, text.encode("utf-8"), context.encode("utf-8"))
        return base64.b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, token: str, context: str) -> str:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        raw = base64.b64decode(token)
        return AESGCM(self.encryption).decrypt(raw[:12], raw[12:], context.encode("utf-8")).decode("utf-8")

    def match_hash(self, text: str) -> str:
        return hmac.new(self.matching, text.encode("utf-8"), hashlib.sha256).hexdigest()


def seal_key_for(conn: sqlite3.Connection | Connection,
                 key_file: Path | None = None) -> tuple[bytes | None, Path, bool]:
    """The seal key of the store behind ``conn`` (the driver's connection or a SQLAlchemy one)
    from ``key_file`` or the store's key file in the key folder, where it
    was looked for, and whether the key file says its store file is sealed;
    None when it is not there or not this store's."""
    if isinstance(conn, sqlite3.Connection):  # the driver's own (``db.plain``)
        row = conn.execute("SELECT id FROM store").fetchone()
        stored = None if row is None else row[0]
    else:
        stored = conn.exec_driver_sql("SELECT id FROM store").scalar()
    try:
        store_id = uuid.UUID(str(stored))
    except ValueError:  # no store row, or not a UUID: nothing to look for
        return None, Path(key_file or ""), False
    path = key_file or key_path(store_id)
    try:
        raw = read_json_object(path)
        if raw.get("store") != str(store_id):
            return None, Path(path), False
        keys = StoreKeys(base64.b64decode(raw["aes_gcm"]), base64.b64decode(raw["hmac_sha256"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, Path(path), False
    return keys.seal_key(), Path(path), bool(raw.get(SEALED))


def vouches_for(key_file: Path, sha256: str) -> bool:
    """Whether ``key_file`` lists ``sha256`` as a copy of its store file kept
    from before the seal (``StoreKeys.vouch_for_copy``)."""
    try:
        known = read_json_object(key_file).get(UNSEALED_COPIES)
    except (OSError, ValueError):
        return False
    return isinstance(known, list) and sha256 in known
