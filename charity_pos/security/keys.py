"""The store's secret keys: one for AES-GCM encryption of ID numbers, one for
the keyed hash (HMAC-SHA256) that matches households without revealing them.

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
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from charity_pos import config
from charity_pos.errors import KeyFileMissing


def key_path(store_id: uuid.UUID) -> Path:
    return config.config_dir() / "keys" / f"{store_id}.key"


@dataclass(frozen=True)
class StoreKeys:
    encryption: bytes
    matching: bytes

    @classmethod
    def create(cls, store_id: uuid.UUID) -> StoreKeys:
        keys = cls(AESGCM.generate_key(bit_length=256), secrets.token_bytes(32))
        path = key_path(store_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"store": str(store_id), "aes_gcm": base64.b64encode(keys.encryption).decode(),
                           "hmac_sha256": base64.b64encode(keys.matching).decode()})
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        return keys

    @classmethod
    def load(cls, store_id: uuid.UUID) -> StoreKeys:
        path = key_path(store_id)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(base64.b64decode(raw["aes_gcm"]), base64.b64decode(raw["hmac_sha256"]))
        except (OSError, ValueError, KeyError):
            raise KeyFileMissing(path=str(path)) from None

    def encrypt(self, text: str, context: str) -> str:
        nonce = secrets.token_bytes(12)
        sealed = AESGCM(self.encryption).encrypt(nonce, text.encode("utf-8"), context.encode("utf-8"))
        return base64.b64encode(nonce + sealed).decode("ascii")

    def decrypt(self, token: str, context: str) -> str:
        raw = base64.b64decode(token)
        return AESGCM(self.encryption).decrypt(raw[:12], raw[12:], context.encode("utf-8")).decode("utf-8")

    def match_hash(self, text: str) -> str:
        return hmac.new(self.matching, text.encode("utf-8"), hashlib.sha256).hexdigest()
