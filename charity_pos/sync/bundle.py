"""The sync bundle: one file that carries data between a store and the
district hub on a USB stick or as an e-mail attachment.

A bundle is a ZIP file (stored, not compressed, fixed timestamps, so the
same content makes the same bytes) holding:

- ``manifest.json``: canonical JSON: ``format``, ``kind`` (``store-events``
  upstream, ``hub-downstream`` from the hub), who signed it, creation time,
  app version, the kind's own fields (for store events: store code, first
  and last sequence numbers, the hash before the first event and of the
  last, counts) and ``files``: the SHA-256 of every content file;
- the content files named in the manifest (``events.jsonl``, ...);
- ``signature``: the Ed25519 signature over the manifest's bytes, base64.

Reading checks the structure and every content hash; checking the
signature needs the signer's public key, which the reader looks up from
the manifest's ``signer``. Nothing here touches a database.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from charity_pos.errors import BundleDamaged, BundleForged
from charity_pos.ledger.canonical import canonical_json

FORMAT = "charity-pos-bundle/1"
MANIFEST = "manifest.json"
SIGNATURE = "signature"
SUFFIX = ".cpbundle"
#: A fixed time for every member, so a bundle's bytes depend on its content only.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
#: Refuse absurd members before reading them into memory.
MAX_MEMBER_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Bundle:
    path: Path
    manifest: dict[str, Any]
    manifest_bytes: bytes
    files: dict[str, bytes]
    signature: bytes

    @property
    def kind(self) -> str:
        return str(self.manifest.get("kind", ""))

    @property
    def signer(self) -> str:
        return str(self.manifest.get("signer", ""))


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def public_key_text(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return base64.b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text, validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (ValueError, TypeError):
        raise ValueError("not an Ed25519 public key") from None


def write_bundle(path: Path, manifest: dict[str, Any], files: dict[str, bytes], key: Ed25519PrivateKey) -> Path:
    """Write the bundle to ``path`` (beside it first, then renamed into
    place, so a reader never sees half a bundle). ``manifest`` gets
    ``format`` and ``files`` added."""
    if MANIFEST in files or SIGNATURE in files:
        raise ValueError("reserved file name")
    whole = dict(manifest, format=FORMAT, files={name: sha256(data) for name, data in sorted(files.items())})
    manifest_bytes = canonical_json(whole).encode("utf-8")
    signature = base64.b64encode(key.sign(manifest_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in [(MANIFEST, manifest_bytes), *sorted(files.items()), (SIGNATURE, signature)]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(buffer.getvalue())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def read_bundle(path: Path) -> Bundle:
    """Read and check the structure and content hashes; raise BundleDamaged
    with what is wrong. The signature is checked by ``check_signature``."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if len(names) != len(set(names)):
                raise BundleDamaged(path=str(path), detail="duplicate_member")
            for info in zf.infolist():
                if info.file_size > MAX_MEMBER_BYTES:
                    raise BundleDamaged(path=str(path), detail="too_large")
            if MANIFEST not in names or SIGNATURE not in names:
                raise BundleDamaged(path=str(path), detail="missing_part")
            members = {name: zf.read(name) for name in names}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise BundleDamaged(path=str(path), detail="missing_file") from None
        raise BundleDamaged(path=str(path), detail="not_a_bundle") from None
    manifest_bytes = members.pop(MANIFEST)
    try:
        manifest = json.loads(manifest_bytes)
        signature = base64.b64decode(members.pop(SIGNATURE), validate=True)
    except ValueError:
        raise BundleDamaged(path=str(path), detail="manifest") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
        raise BundleDamaged(path=str(path), detail="manifest")
    if canonical_json(manifest).encode("utf-8") != manifest_bytes:
        raise BundleDamaged(path=str(path), detail="manifest")
    listed = manifest["files"]
    if set(listed) != set(members):
        raise BundleDamaged(path=str(path), detail="missing_part")
    for name, data in members.items():
        if listed[name] != sha256(data):
            raise BundleDamaged(path=str(path), detail="content_hash")
    return Bundle(path, manifest, manifest_bytes, members, signature)


def check_signature(bundle: Bundle, key: Ed25519PublicKey) -> None:
    try:
        key.verify(bundle.signature, bundle.manifest_bytes)
    except InvalidSignature:
        raise BundleForged(path=str(bundle.path), signer=bundle.signer) from None
