"""The sync bundle: one file that carries data between a store and the
district hub on a USB stick or as an e-mail attachment.

A bundle is a ZIP file (stored, not compressed, fixed timestamps, so the
same content makes the same bytes) holding:

- ``manifest.json``: canonical JSON: ``format``, ``kind`` (``store-events``
  upstream, ``hub-downstream`` from the hub), who signed it, creation time,
  app version, the kind's own fields (for store events: store code, first
  and last sequence numbers, the hash before the first event and of the
  last, counts), ``files``: the SHA-256 of every content file, and
  ``sizes``: its length (bundles written before sizes have none);
- the content files named in the manifest (``events.jsonl``, ...);
- ``signature``: the Ed25519 signature over the manifest's bytes, base64.

Reading is defensive (``archive`` for the file and its ZIP structure,
``safe_json`` for JSON): regular files only, every cap and size checked
before a part is read, then every content hash; checking the signature
needs the signer's public key, which the reader looks up from the
manifest's ``signer``. Nothing here touches a database.

Both ways stream, so a bundle of any size costs a bounded amount of memory:
``write_bundle`` takes a content file as bytes or as a ``Spool`` (a file
written beside the bundle line by line, hashed as it was written) and
copies it into its ZIP member in chunks (zipfile's ``open(..., "w")``);
``open_bundle`` reads the headers, the manifest and the signature, checks
that the ZIP's structure is exactly what ``write_bundle`` writes, and then
``OpenBundle.lines`` yields a content file line by line, its SHA-256, size
and CRC-32 computed while reading and checked after the last line (so a
consumer acts on the lines inside a transaction it rolls back should the
end refuse them). ``read_bundle`` still reads a small bundle whole (the
hub's downstream bundles).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from charity_pos.domain import safe_json
from charity_pos.durable import put_in_place
from charity_pos.errors import (
    BundleAltered, BundleDamaged, BundleForged, BundleJsonInvalid, BundleManifestInvalid, BundleTooLarge, BundleZipInvalid,
)
from charity_pos.files import MAX_SNIFF_BYTES
from charity_pos.ledger.canonical import canonical_json
from charity_pos.sync import archive

FORMAT = "charity-pos-bundle/1"
MANIFEST = "manifest.json"
SIGNATURE = "signature"
SUFFIX = ".cpbundle"
#: A fixed time for every member, so a bundle's bytes depend on its content only.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
#: every content file a bundle of either kind may hold (``read_bundle`` takes the caller's own set)
CONTENT_FILES = frozenset({"events.jsonl", "households.jsonl", "rules.json", "use.jsonl", "transfers.json",
                           "campaigns.json"})
#: caps, each checked before the part is read (content files: the whole file's, ``archive.MAX_BUNDLE_BYTES``)
MAX_MANIFEST_BYTES = 1024**2
MAX_SIGNATURE_BYTES = 1024
MAX_MANIFEST_DEPTH = 8
_KIND = re.compile(r"[a-z][a-z0-9-]{0,39}")
_SIGNER = re.compile(r"[a-z]{1,10}:[A-Za-z0-9-]{1,64}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
#: the longest line of a content file a reader takes (an event of a whole household list is a few MB)
MAX_LINE_BYTES = 32 * 1024**2
#: what ``zip_bytes`` writes in every member's directory entry: made by (Unix, version 2.0), version
#: needed (2.0), time and date (``_ZIP_TIME``), internal and external attributes (rw-r--r--)
_WRITTEN = (0x0314, 20, 0, 0x5021, 0, 0o644 << 16)
_COPY_CHUNK = 1024**2


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


class Spool:
    """A content file written to disk as it is made (beside the bundle), hashed
    and measured on the way: what ``write_bundle`` copies into the bundle in
    chunks. Removed by ``discard`` (``write_bundle`` leaves it to its maker)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._file: IO[bytes] | None = self.path.open("wb")
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        assert self._file is not None, "written after close"
        self._file.write(data)
        self._hash.update(data)
        self.size += len(data)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def chunks(self) -> Iterator[bytes]:
        self.close()
        with self.path.open("rb") as fh:
            while chunk := fh.read(_COPY_CHUNK):
                yield chunk

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


Content = bytes | Spool


def _write_zip(out: IO[bytes], manifest_bytes: bytes, files: Mapping[str, Content], signature: bytes) -> None:
    """The ZIP of a bundle: the manifest, the content files by name, the
    signature (base64), each stored with the same fixed time and attributes,
    each member streamed (a ``Spool`` copied in chunks)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in [(MANIFEST, manifest_bytes), *sorted(files.items()), (SIGNATURE, signature)]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.create_system = 3  # Unix, as everywhere: ZipInfo says 0 on Windows, and the bytes would differ
            info.external_attr = 0o644 << 16
            with zf.open(info, "w") as member:
                for chunk in (data.chunks() if isinstance(data, Spool) else (data,)):
                    member.write(chunk)


def zip_bytes(manifest_bytes: bytes, files: dict[str, bytes], signature: bytes) -> bytes:
    """The ZIP of a small bundle, in memory (``write_bundle`` writes the same bytes to a file)."""
    buffer = io.BytesIO()
    _write_zip(buffer, manifest_bytes, dict(files), signature)
    return buffer.getvalue()


def write_bundle(path: Path, manifest: dict[str, Any], files: Mapping[str, Content], key: Ed25519PrivateKey) -> Path:
    """Write the bundle to ``path`` (beside it first, then renamed into
    place, so a reader never sees half a bundle). ``manifest`` gets
    ``format``, ``files`` (each content file's SHA-256) and ``sizes`` (its
    length) added. A content file is bytes or a ``Spool`` (copied in chunks:
    a bundle of any size in bounded memory)."""
    if not set(files) <= CONTENT_FILES:
        raise ValueError(f"not a content file of a bundle: {sorted(set(files) - CONTENT_FILES)}")

    def digest(data: Content) -> str:
        return data.sha256 if isinstance(data, Spool) else sha256(data)

    def size(data: Content) -> int:
        return data.size if isinstance(data, Spool) else len(data)

    whole = dict(manifest, format=FORMAT, files={name: digest(data) for name, data in sorted(files.items())},
                 sizes={name: size(data) for name, data in sorted(files.items())})
    manifest_bytes = canonical_json(whole).encode("utf-8")
    signature = base64.b64encode(key.sign(manifest_bytes))
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as out:
            _write_zip(out, manifest_bytes, files, signature)
        put_in_place(partial, path)  # on disk before its name says it is whole: a power cut leaves no empty bundle
    finally:
        partial.unlink(missing_ok=True)
    return path


def _manifest(where: str, data: bytes, parts: frozenset[str]) -> dict[str, Any]:
    """The manifest, parsed and checked for what every bundle's has."""
    try:
        manifest = safe_json.loads(data, max_depth=MAX_MANIFEST_DEPTH)
    except safe_json.JsonRefused as exc:
        if exc.reason == "syntax":
            raise BundleDamaged(path=where, detail="manifest") from None
        raise BundleJsonInvalid(path=where, part=MANIFEST, detail=exc.reason, limit=MAX_MANIFEST_DEPTH) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleDamaged(path=where, detail="manifest")
    if canonical_json(manifest).encode("utf-8") != data:
        raise BundleDamaged(path=where, detail="manifest")
    for field, pattern in (("kind", _KIND), ("signer", _SIGNER)):
        if not isinstance(manifest.get(field), str) or not pattern.fullmatch(manifest[field]):
            raise BundleManifestInvalid(path=where, field=field)
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
            name in parts and isinstance(digest, str) and _SHA256.fullmatch(digest) for name, digest in files.items()):
        raise BundleManifestInvalid(path=where, field="files")
    sizes = manifest.get("sizes")
    if sizes is not None and (not isinstance(sizes, dict) or sizes.keys() != files.keys() or not all(
            type(size) is int and 0 <= size <= archive.MAX_BUNDLE_BYTES for size in sizes.values())):
        raise BundleManifestInvalid(path=where, field="sizes")
    return manifest


def read_bundle(path: Path, data: bytes | None = None, *, parts: frozenset[str] = CONTENT_FILES) -> Bundle:
    """Read and check the file's structure and content hashes; BundleDamaged
    (or a subclass) says what is wrong. ``data``: the file's bytes, when the
    caller has read them (``archive.read_file``); ``parts``: the content
    files a bundle of the kind the caller expects may hold. Every size is
    checked (against the caps, the central directory, the local headers and
    the manifest) before the part is read. The signature is checked by
    ``check_signature``."""
    path = Path(path)
    where = str(path)
    if data is None:
        data = archive.read_file(path)
    elif len(data) > archive.MAX_BUNDLE_BYTES:
        raise BundleTooLarge(path=where, part="", limit=archive.MAX_BUNDLE_BYTES)
    caps = {MANIFEST: MAX_MANIFEST_BYTES, SIGNATURE: MAX_SIGNATURE_BYTES} | dict.fromkeys(
        parts, archive.MAX_BUNDLE_BYTES)
    found = archive.list_parts(where, data, caps)
    if MANIFEST not in found or SIGNATURE not in found:
        raise BundleDamaged(path=where, detail="missing_part")
    manifest_bytes = archive.part_bytes(where, data, found[MANIFEST])
    manifest = _manifest(where, manifest_bytes, parts)
    listed: dict[str, str] = manifest["files"]
    content = {name: part for name, part in found.items() if name not in (MANIFEST, SIGNATURE)}
    if set(listed) != set(content):
        raise BundleDamaged(path=where, detail="missing_part")
    sizes = manifest.get("sizes")
    if sizes is not None and any(sizes[name] != part.size for name, part in content.items()):
        raise BundleZipInvalid(path=where, detail="size_mismatch")
    try:
        signature = base64.b64decode(archive.part_bytes(where, data, found[SIGNATURE]), validate=True)
    except ValueError:
        raise BundleDamaged(path=where, detail="manifest") from None
    files = {}
    for name, part in sorted(content.items()):
        files[name] = archive.part_bytes(where, data, part)
        if listed[name] != sha256(files[name]):
            raise BundleDamaged(path=where, detail="content_hash")
    return Bundle(path, manifest, manifest_bytes, files, signature)


@dataclass
class OpenBundle:
    """A bundle file opened for streaming (``open_bundle``): its manifest and
    signature read and checked, its content files read on demand."""

    path: Path
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    data: archive.FileData
    parts: dict[str, archive.Part] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.manifest.get("kind", ""))

    @property
    def signer(self) -> str:
        return str(self.manifest.get("signer", ""))

    @property
    def size(self) -> int:
        return len(self.data)

    def has(self, name: str) -> bool:
        return name in self.parts

    def content(self, name: str) -> bytes:
        """A small content file whole, its CRC-32 and SHA-256 checked."""
        where = str(self.path)
        data = archive.part_bytes(where, self.data, self.parts[name])
        if self.manifest["files"][name] != sha256(data):
            raise BundleDamaged(path=where, detail="content_hash")
        return data

    def lines(self, name: str) -> Iterator[bytes]:
        """The content file's lines (without their newline), read in chunks;
        after the last one its SHA-256 and CRC-32 are checked (BundleDamaged
        when they are not the manifest's and the headers'). A line longer than
        ``MAX_LINE_BYTES`` is refused before more of it is read."""
        where = str(self.path)
        digest = hashlib.sha256()
        rest = b""
        number = 0
        for chunk in archive.part_chunks(where, self.data, self.parts[name]):
            digest.update(chunk)
            pieces = (rest + chunk).split(b"\n") if rest else chunk.split(b"\n")
            rest = pieces.pop()
            if len(rest) > MAX_LINE_BYTES:
                raise BundleTooLarge(path=where, part=name, limit=MAX_LINE_BYTES)
            for line in pieces:
                number += 1
                if len(line) > MAX_LINE_BYTES:
                    raise BundleTooLarge(path=where, part=name, limit=MAX_LINE_BYTES)
                yield line
        if digest.hexdigest() != self.manifest["files"][name]:
            raise BundleDamaged(path=where, detail="content_hash")
        if rest:
            yield rest  # a last line without its newline (the manifest's hash said it is so)

    def close(self) -> None:
        self.data.close()

    def __enter__(self) -> OpenBundle:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_bundle(path: Path, *, parts: frozenset[str] = CONTENT_FILES) -> OpenBundle:
    """Open the file, read and check its structure, manifest and signature's
    form (not yet whether it verifies: ``check_signature``), without reading
    its content files; the ZIP must be laid out exactly as ``write_bundle``
    lays it out (members in its order, its times and attributes), so a file
    altered where a ZIP reader does not look is refused. The caller closes it."""
    path = Path(path)
    where = str(path)
    data = archive.open_file(path)
    try:
        caps = {MANIFEST: MAX_MANIFEST_BYTES, SIGNATURE: MAX_SIGNATURE_BYTES} | dict.fromkeys(
            parts, archive.MAX_BUNDLE_BYTES)
        found = archive.list_parts(where, data, caps)
        if MANIFEST not in found or SIGNATURE not in found:
            raise BundleDamaged(path=where, detail="missing_part")
        manifest_bytes = archive.part_bytes(where, data, found[MANIFEST])
        manifest = _manifest(where, manifest_bytes, parts)
        listed: dict[str, str] = manifest["files"]
        content = {name: part for name, part in found.items() if name not in (MANIFEST, SIGNATURE)}
        if set(listed) != set(content):
            raise BundleDamaged(path=where, detail="missing_part")
        sizes = manifest.get("sizes")
        if sizes is not None and any(sizes[name] != part.size for name, part in content.items()):
            raise BundleZipInvalid(path=where, detail="size_mismatch")
        order = [MANIFEST, *sorted(content), SIGNATURE]
        laid_out = sorted(found.values(), key=lambda part: part.start)
        if [part.name for part in laid_out] != order or any(part.attributes != _WRITTEN for part in laid_out):
            raise BundleAltered(path=where)
        try:
            signature = base64.b64decode(archive.part_bytes(where, data, found[SIGNATURE]), validate=True)
        except ValueError:
            raise BundleDamaged(path=where, detail="manifest") from None
        if base64.b64encode(signature) != archive.part_bytes(where, data, found[SIGNATURE]):
            raise BundleAltered(path=where)
    except BaseException:
        data.close()
        raise
    return OpenBundle(path, manifest, manifest_bytes, signature, data, content)


def is_our_bundle(path: Path) -> bool:
    """A charity-pos bundle (a ZIP whose manifest names the bundle format): written again without ``force``
    (``files.check_target``'s ``ours``)."""
    try:
        if path.stat().st_size > MAX_SNIFF_BYTES:
            return False
        with zipfile.ZipFile(path) as zf:
            if zf.getinfo(MANIFEST).file_size > 1024 * 1024:
                return False
            manifest = json.loads(zf.read(MANIFEST).decode("utf-8"))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, EOFError):
        return False
    return isinstance(manifest, dict) and manifest.get("format") == FORMAT


def check_signature(bundle: Bundle | OpenBundle, key: Ed25519PublicKey) -> None:
    try:
        key.verify(bundle.signature, bundle.manifest_bytes)
    except InvalidSignature:
        raise BundleForged(path=str(bundle.path), signer=bundle.signer) from None
