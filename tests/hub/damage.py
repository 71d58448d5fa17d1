"""Damaged bundles, derived deterministically from a genuine one.

``damaged_bundles`` makes well over a thousand variants of one genuine
store bundle, each something the hub must refuse:

- ``flip``: a byte changed anywhere (every byte of the ZIP's headers and
  directory, and a seeded sample of the rest);
- ``zip``: the ZIP structure edited, rebuilt byte by byte (``Member``,
  ``build_zip``): compression method, each flag bit, the local header
  disagreeing with the central directory, sizes, extra fields, extra,
  duplicate or missing members, members reordered, overlapping or moved,
  end-of-directory fields, bytes before or after, cuts;
- ``manifest``: manifest fields given wrong types, integers beyond 64 bits,
  negative numbers, deep nesting, NaN and Infinity, signed again with the
  store's key (so the checks behind the signature are reached);
- ``event``: event lines and payloads edited the same ways, the chain of
  hashes made good again and signed (what a holder of the store's key, or a
  broken store, could send);
- ``size``: parts over their caps (a manifest over 1 MiB, a long signature,
  sizes in the headers beyond the whole file's cap), and zip bombs (a part
  deflated from a gigabyte of zeros).

Each variant is ``(name, bytes)``; the name says what was done. The
generators below yield each name with a function that makes the bytes,
called (if the variant is wanted) before the next one is named, so names
come cheap and only the variants wanted are made, one at a time.
"""

from __future__ import annotations

import base64
import io
import json
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charity_pos.ledger.canonical import canonical_json, event_hash
from charity_pos.sync.bundle import sha256

Case = tuple[str, bytes]
#: a variant by its name, and how to make it (made only when wanted, before the next one is named)
Recipe = tuple[str, Callable[[], bytes]]

LOCAL_FIELDS = ("sig", "needed", "flags", "method", "time", "date", "crc", "csize", "usize", "name_len", "extra_len")
CENTRAL_FIELDS = ("sig", "made_by", "needed", "flags", "method", "time", "date", "crc", "csize", "usize",
                  "name_len", "extra_len", "comment_len", "disk", "int_attr", "ext_attr", "offset")
EOCD_FIELDS = ("sig", "disk", "cd_disk", "on_disk", "count", "cd_size", "cd_offset", "comment_len")


# --- a ZIP written byte by byte ------------------------------------------------------------------------
@dataclass
class Member:
    """One member as ``write_bundle`` writes it, unless told otherwise."""

    name: bytes
    data: bytes  # the bytes stored in the file (compressed ones when the method says so)
    size: int | None = None  # the uncompressed size the headers give (default: len(data))
    crc: int | None = None
    local: dict[str, int] = field(default_factory=dict)  # header fields overridden in the local header
    central: dict[str, int] = field(default_factory=dict)  # ... in the central directory
    local_extra: bytes = b""
    central_extra: bytes = b""
    comment: bytes = b""
    offset: int | None = None  # the central directory's offset of the local header (default: where it is)
    local_name: bytes | None = None  # the name in the local header (default: ``name``)


def build_zip(members: list[Member], *, eocd: dict[str, int] | None = None, comment: bytes = b"",
              prefix: bytes = b"") -> bytes:
    out = bytearray(prefix)
    offsets = []
    for m in members:
        offsets.append(len(out))
        name = m.name if m.local_name is None else m.local_name
        values = {"sig": int.from_bytes(b"PK\x03\x04", "little"), "needed": 20, "flags": 0, "method": 0, "time": 0,
                  "date": 0x5021, "crc": zlib.crc32(m.data) if m.crc is None else m.crc, "csize": len(m.data),
                  "usize": len(m.data) if m.size is None else m.size, "name_len": len(name),
                  "extra_len": len(m.local_extra)} | m.local
        out += struct.pack("<L5H3L2H", *(values[f] for f in LOCAL_FIELDS)) + name + m.local_extra + m.data
    start = len(out)
    for m, offset in zip(members, offsets, strict=True):
        values = {"sig": int.from_bytes(b"PK\x01\x02", "little"), "made_by": 0x0314, "needed": 20, "flags": 0,
                  "method": 0, "time": 0, "date": 0x5021, "crc": zlib.crc32(m.data) if m.crc is None else m.crc,
                  "csize": len(m.data), "usize": len(m.data) if m.size is None else m.size, "name_len": len(m.name),
                  "extra_len": len(m.central_extra), "comment_len": len(m.comment), "disk": 0, "int_attr": 0,
                  "ext_attr": 0o644 << 16, "offset": offset if m.offset is None else m.offset} | m.central
        out += struct.pack("<L6H3L5H2L", *(values[f] for f in CENTRAL_FIELDS)) + m.name + m.central_extra + m.comment
    values = {"sig": int.from_bytes(b"PK\x05\x06", "little"), "disk": 0, "cd_disk": 0, "on_disk": len(members),
              "count": len(members), "cd_size": len(out) - start, "cd_offset": start,
              "comment_len": len(comment)} | (eocd or {})
    out += struct.pack("<L4H2LH", *(values[f] for f in EOCD_FIELDS)) + comment
    return bytes(out)


def members_of(data: bytes) -> list[Member]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [Member(info.filename.encode("ascii"), zf.read(info)) for info in zf.infolist()]


def signed(members: list[Member], manifest: bytes, key: Ed25519PrivateKey) -> list[Member]:
    """The members with this manifest and its signature."""
    out = []
    for m in members:
        if m.name == b"manifest.json":
            m = replace(m, data=manifest)
        elif m.name == b"signature":
            m = replace(m, data=base64.b64encode(key.sign(manifest)))
        out.append(m)
    return out


def deflate_bomb(megabytes: int) -> tuple[bytes, int, int]:
    """A raw deflate stream of ``megabytes`` MiB of zeros (about 1 KB each),
    made in milliseconds: its bytes, its uncompressed size and CRC-32."""
    chunk = bytes(1 << 20)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)  # the same bytes for every further MiB
    stream = first + again * (megabytes - 1) + c.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    return stream, megabytes << 20, crc


# --- the variants ----------------------------------------------------------------------------------------
@dataclass
class Genuine:
    """A genuine store bundle and what it is made of."""

    data: bytes
    manifest: dict[str, Any]
    events: list[dict[str, Any]]
    key: Ed25519PrivateKey

    def __post_init__(self) -> None:
        self._members = members_of(self.data)
        self._lines = [canonical_json(e).encode("utf-8") for e in self.events]

    @property
    def members(self) -> list[Member]:
        return list(self._members)

    def with_manifest(self, manifest_bytes: bytes) -> bytes:
        return build_zip(signed(self.members, manifest_bytes, self.key))

    def with_manifest_fields(self, edit: Callable[[dict[str, Any]], None]) -> bytes:
        manifest = json.loads(canonical_json(self.manifest))
        edit(manifest)
        return self.with_manifest(canonical_json(manifest).encode("utf-8"))

    def with_events(self, lines: list[bytes], last_hash: Any = None) -> bytes:
        """A bundle of these event lines, its manifest's files and sizes made to match, signed."""
        content = b"".join(line + b"\n" for line in lines)
        manifest = json.loads(canonical_json(self.manifest))
        manifest["files"]["events.jsonl"] = sha256(content)
        manifest["sizes"]["events.jsonl"] = len(content)
        if last_hash is not None:
            manifest["last_hash"] = last_hash
        members = [replace(m, data=content) if m.name == b"events.jsonl" else m for m in self.members]
        return build_zip(signed(members, canonical_json(manifest).encode("utf-8"), self.key))

    def with_event(self, index: int, edit: Callable[[dict[str, Any]], Any], *, after: bool = False) -> bytes:
        """Event ``index`` edited, the chain made good again from there (``after``: the edit made after
        that, for edits of the hashes themselves), signed."""
        events = [dict(e) for e in self.events[index:]]
        if not after:
            edit(events[0])
        prev = self.events[index - 1]["hash"] if index else self.events[0]["prev_hash"]
        for e in events:
            e["prev_hash"] = prev
            try:
                e["hash"] = event_hash(prev, e["seq"], e["uuid"], e["kind"], e["at"], e["actor"], e["payload"])
            except (TypeError, ValueError, KeyError):
                e["hash"] = "0" * 64  # not hashable: the line is refused before its hash is looked at
            prev = e["hash"]
        if after:
            edit(events[0])
        return self.with_events(self._lines[:index] + [canonical_json(e).encode("utf-8") for e in events],
                                last_hash=prev)


BAD_TYPES: tuple[Any, ...] = (None, True, False, 1.5, "", "text", [], {}, [1], {"a": 1})
BIG: tuple[int, ...] = (-1, 2**31, 2**32, 2**53 + 1, 2**63, 2**64, -(2**63) - 1, -(2**64), 10**30, 10**100)


def deep(levels: int, leaf: Any = 1) -> Any:
    value = leaf
    for i in range(levels):
        value = [value] if i % 2 else {"x": value}
    return value


def _flips(g: Genuine, rng: random.Random) -> Iterator[Recipe]:
    data = g.data
    first_cd = data.index(b"PK\x01\x02")
    headers = set(range(0, 80)) | set(range(first_cd, len(data)))  # the first local header and the whole directory
    offsets = sorted(headers | set(rng.sample(range(len(data)), 200)))
    for offset in offsets:
        mask = rng.randrange(1, 256)
        yield f"flip@{offset}", lambda: data[:offset] + bytes([data[offset] ^ mask]) + data[offset + 1:]


def _zip(g: Genuine, rng: random.Random) -> Iterator[Recipe]:
    members = g.members
    names = [m.name for m in members]
    assert build_zip(members) == g.data, "the builder writes what write_bundle writes"
    bomb, bomb_size, bomb_crc = deflate_bomb(64)

    def edit(index: int, **changes: Any) -> list[Member]:
        return [replace(m, **changes) if i == index else m for i, m in enumerate(members)]

    for i, name in enumerate(names):
        label = name.decode()
        deflated = zlib.compress(members[i].data, 9)[2:-4]
        for method in (8, 1, 9, 12, 14, 93, 95, 98, 99):
            for where in ("local", "central", "both"):
                over = {"method": method}
                headers = {"local": over if where != "central" else {}, "central": over if where != "local" else {}}
                yield f"zip:method={method}:{where}:{label}", lambda: build_zip(edit(i, **headers))
        yield f"zip:deflated:{label}", lambda: build_zip(edit(
            i, data=deflated, size=len(members[i].data), crc=zlib.crc32(members[i].data), local={"method": 8},
            central={"method": 8}))
        for bit in range(16):
            for where in ("local", "central", "both"):
                over = {"flags": 1 << bit}
                headers = {"local": over if where != "central" else {}, "central": over if where != "local" else {}}
                yield f"zip:flag{bit}:{where}:{label}", lambda: build_zip(edit(i, **headers))
        m = members[i]
        for header in ("local", "central"):
            for fld, value in (("crc", zlib.crc32(m.data) ^ 1), ("csize", len(m.data) + 1),
                               ("usize", len(m.data) + 1), ("csize", max(len(m.data) - 1, 0)), ("time", 1),
                               ("date", 0x5022), ("needed", 45)):
                yield f"zip:{header}-{fld}={value}:{label}", lambda: build_zip(edit(i, **{header: {fld: value}}))
        renamed = bytes([name[0] ^ 0x20]) + name[1:]
        yield f"zip:local-name:{label}", lambda: build_zip(edit(i, local_name=renamed))
        yield f"zip:name={renamed!r}:{label}", lambda: build_zip(edit(i, name=renamed))
        for size in (0, len(m.data) - 1, len(m.data) + 1, 2**31, 0xFFFFFFFF):
            if size >= 0:
                yield f"zip:size={size}:{label}", lambda: build_zip(edit(
                    i, size=size, local={"csize": size}, central={"csize": size}))
        yield f"zip:crc:{label}", lambda: build_zip(edit(i, crc=zlib.crc32(m.data) ^ 0x80000000))
        for extra in (b"\x01\x00\x10\x00" + bytes(16), b"\x75\x70\x05\x00\x01abcd",
                      b"\x55\x54\x05\x00\x03\x00\x00\x00\x00", b"\xfe\xca\x00\x00"):
            yield f"zip:local-extra={extra[:2].hex()}:{label}", lambda: build_zip(edit(i, local_extra=extra))
            yield f"zip:central-extra={extra[:2].hex()}:{label}", lambda: build_zip(edit(i, central_extra=extra))
        yield f"zip:comment:{label}", lambda: build_zip(edit(i, comment=b"hello"))
        yield f"zip:disk:{label}", lambda: build_zip(edit(i, central={"disk": 1}))
        at = sum(30 + len(x.name) + len(x.data) for x in members[:i])  # where its local header is
        yield f"zip:offset+1:{label}", lambda: build_zip(edit(i, offset=at + 1))
        yield f"zip:missing:{label}", lambda: build_zip([x for j, x in enumerate(members) if j != i])
        yield f"zip:twice:{label}", lambda: build_zip([*members, members[i]])
        yield f"zip:twice-first:{label}", lambda: build_zip([members[i], *members])
        yield f"zip:same-offset:{label}", lambda: build_zip([*members, replace(members[i], offset=at)])
        yield f"zip:directory-twice:{label}", lambda: build_zip(
            [*members, replace(members[i], name=members[i].name + b"2", offset=at)])
    for extra_name in (b"evil.txt", b"../events.jsonl", b"/events.jsonl", b"events.jsonl\x00", b"EVENTS.JSONL",
                       b"rules.json", b"use.jsonl", b"households.jsonl", b"dir/", b"\xe4\xba\x8b\xe4\xbb\xb6.jsonl"):
        for position in (0, 1, len(members)):
            more = [*members[:position], Member(extra_name, b'{"x":1}\n'), *members[position:]]
            yield f"zip:extra-member={extra_name!r}@{position}", lambda: build_zip(more)
    yield "zip:none", lambda: build_zip([])
    yield "zip:only-manifest", lambda: build_zip(members[:1])
    for order in ((2, 1, 0), (1, 0, 2), (0, 2, 1)):
        if len(members) == 3:
            yield f"zip:order={order}", lambda: build_zip([members[k] for k in order])
    yield "zip:many-members", lambda: build_zip(members + [Member(f"x{i}".encode(), b"") for i in range(20)])
    for fld, value in (("count", len(members) + 1), ("count", len(members) - 1), ("count", 0), ("count", 0xFFFF),
                       ("on_disk", len(members) - 1), ("cd_size", 0), ("disk", 1), ("cd_disk", 1),
                       ("cd_offset", 0), ("comment_len", 3)):
        yield f"zip:eocd-{fld}={value}", lambda: build_zip(members, eocd={fld: value})
    directory = len(g.data) - 22 - g.data.index(b"PK\x01\x02")
    yield "zip:cd_size+1", lambda: build_zip(members, eocd={"cd_size": directory + 1})
    yield "zip:eocd-comment", lambda: build_zip(members, comment=b"a comment")
    yield "zip:prefix", lambda: build_zip(members, prefix=b"MZ" + bytes(100))
    yield "zip:suffix", lambda: g.data + b"\x00"
    yield "zip:suffix-zip", lambda: g.data + g.data
    yield "zip:zip64-locator", lambda: g.data[:-22] + b"PK\x06\x07" + bytes(16) + g.data[-22:]
    for length in sorted({0, 1, 4, 21, 22, 23, 30, 100, len(g.data) // 2, len(g.data) - 23, len(g.data) - 22,
                          len(g.data) - 21, len(g.data) - 1} | set(rng.sample(range(len(g.data)), 25))):
        yield f"zip:cut={length}", lambda: g.data[:length]
    deflated_bomb = {"size": bomb_size, "crc": bomb_crc, "local": {"method": 8}, "central": {"method": 8}}
    yield "zip:bomb:events", lambda: build_zip(
        [members[0], Member(b"events.jsonl", bomb, **deflated_bomb), members[-1]])
    yield "zip:bomb:extra", lambda: build_zip([*members, Member(b"bomb.bin", bomb, **deflated_bomb)])
    yield "zip:bomb:zipfile", lambda: _zipfile_bomb(members)


def _zipfile_bomb(members: list[Member]) -> bytes:
    """The genuine members, the events deflated by zipfile itself."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for m in members:
            info = zipfile.ZipInfo(m.name.decode(), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if m.name == b"events.jsonl" else zipfile.ZIP_STORED
            zf.writestr(info, m.data)
    return buffer.getvalue()


MANIFEST_BAD: dict[str, tuple[Any, ...]] = {
    "format": (None, 1, "charity-pos-bundle/2", "", [], {}),
    "kind": (None, 1, "", "hub-downstream", "Store-Events", "x" * 50, "store events", [], {}, True),
    "signer": (None, 1, "", "store:", "store:JA01\n", "hub:JA01", "store:JA01:x", "s" * 80, [], {}, True),
    "store_code": (*BAD_TYPES, "ja01", "JA01 ", "J", "JA01JA01X", "PT02", 1),
    "store_id": (*BAD_TYPES, 1, "6f1c3f3e-2b52-4d7e-9a55-2f4b8f0c1a11", "6f1c3f3e2b524d7e9a552f4b8f0c1a11",
                 "not-a-uuid-at-all-not-a-uuid-at-all-"),
    "first_seq": (*BAD_TYPES, *BIG, 0, "1", 1.0, 2),
    "last_seq": (*BAD_TYPES, *BIG, 0, "555", 554.0, 1),
    "prev_hash": (*BAD_TYPES, 0, "0" * 63, "0" * 65, "G" * 64, "F" * 64, "1" * 64),
    "last_hash": (*BAD_TYPES, 0, "0" * 64, "a" * 63, "A" * 64),
    "counts": (*BAD_TYPES, 1, {"events": None}, {"by_kind": {}}),
    "created_at": (None, 1, True, [], {}, "", "yesterday", "2026-13-01T00:00:00", "2" * 41),
    "app_version": (None, 1, True, [], {}, "v" * 41),
    "files": (None, 1, "", [], {}, {"events.jsonl": "0" * 64}, {"events.jsonl": 1}),
    "sizes": (1, "", [], {}, {"events.jsonl": -1}, {"events.jsonl": 2**64}, {"events.jsonl": "1"},
              {"events.jsonl": 1}, {"events.jsonl": 2**31}),
}
COUNTS_BAD: tuple[Any, ...] = (*BAD_TYPES, *BIG, 0, 554, 556, "555", 555.0)
BY_KIND_BAD: tuple[Any, ...] = (True, 1, "", [], {}, [1], {"item.created": 0}, {"item.created": 2**64},
                                {"Item Created": 1}, {"item.created": 320}, {"item.created": "319"}, deep(12))
RAW_VALUES = ("NaN", "Infinity", "-Infinity", "1e999", "-1E400", "1" * 400, "9" * 25, "-" + "9" * 25,
              "[" * 5000 + "]" * 5000, '{"a":' * 2000 + "1" + "}" * 2000, "[" * 20 + "]" * 20)


def _manifests(g: Genuine, rng: random.Random) -> Iterator[Recipe]:
    for fld, values in MANIFEST_BAD.items():
        for value in (*values, deep(10), deep(40)):
            def set_field(m: dict[str, Any], fld: str = fld, value: Any = value) -> None:
                m[fld] = value
            yield f"manifest:{fld}={str(value)[:30]}", lambda: g.with_manifest_fields(set_field)
        if fld not in ("sizes", "created_at", "app_version"):
            yield f"manifest:no-{fld}", lambda: g.with_manifest_fields(lambda m, fld=fld: m.pop(fld))
    for value in COUNTS_BAD:
        yield f"manifest:counts.events={str(value)[:30]}", lambda: g.with_manifest_fields(
            lambda m, value=value: m["counts"].__setitem__("events", value))
    yield "manifest:no-counts.events", lambda: g.with_manifest_fields(lambda m: m["counts"].pop("events"))
    for value in BY_KIND_BAD:
        yield f"manifest:by_kind={str(value)[:30]}", lambda: g.with_manifest_fields(
            lambda m, value=value: m["counts"].__setitem__("by_kind", value))
    text = canonical_json(g.manifest)
    for fld in ("first_seq", "last_seq", "counts", "sizes", "store_code", "created_at"):
        for raw in RAW_VALUES:
            start = text.index(f'"{fld}":') + len(fld) + 3
            end = _value_end(text, start)
            edited = (text[:start] + raw + text[end:]).encode()
            yield f"manifest-raw:{fld}={raw[:12]}", lambda: g.with_manifest(edited)
    raw_edits = {
        "bom": b"\xef\xbb\xbf" + text.encode(), "latin1": text.encode().replace(b"JA01", b"JA\xe901"),
        "spaces": json.dumps(g.manifest, sort_keys=True).encode(), "trailing": text.encode() + b"\n",
        "dup-key": text.replace('{"app_version"', '{"app_version":"x","app_version"', 1).encode(),
        "not-an-object": b"[" + text.encode() + b"]", "empty": b"", "null": b"null", "cut": text.encode()[:-1],
    }
    for label, raw_bytes in raw_edits.items():
        yield f"manifest-raw:{label}", lambda: g.with_manifest(raw_bytes)
    yield "manifest:over-1MiB", lambda: g.with_manifest_fields(lambda m: m.__setitem__("padding", "x" * (1 << 20)))
    signature = next(m for m in g.members if m.name == b"signature")
    for label, data in (("unsigned", b""), ("signature-long", signature.data * 20),
                        ("signature-not-base64", b"!" * 88), ("signature-short", signature.data[:40])):
        yield f"manifest:{label}", lambda: build_zip([m if m.name != b"signature" else replace(m, data=data)
                                                      for m in g.members])
    other = Ed25519PrivateKey.generate()
    yield "manifest:other-key", lambda: build_zip(signed(g.members, canonical_json(g.manifest).encode(), other))


def _value_end(text: str, start: int) -> int:
    """Where the JSON value starting at ``start`` ends."""
    return start + len(json.dumps(json.JSONDecoder().raw_decode(text, start)[0], sort_keys=True,
                                  separators=(",", ":"), ensure_ascii=False))


def _payload_edit(change_index: int, edit: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def apply(event: dict[str, Any]) -> None:
        payload = json.loads(event["payload"])
        edit(payload if change_index < 0 else payload["changes"][change_index])
        event["payload"] = canonical_json(payload)
    return apply


#: invalid values for the columns the hub reads, by their check
COLUMN_BAD: dict[str, tuple[Any, ...]] = {
    "text": (1, 1.5, True, [], {}, "x" * 101),
    "money": ("100", 1.5, True, [], {}, -1, 2**31, 2**63, 2**64, 10**30),
    "quantity": ("1", 1.5, True, [], {}, 2**31, -(2**31), 2**63, 2**64),
    "uuid": (None, "missing", 1, "x", "not-a-uuid", "6f1c3f3e-2b52-4d7e-9a55-2f4b8f0c1a1", [], {}),
    "optional_uuid": (1, "x", [], {}, True),
    "time": (None, "missing", 1, "", "yesterday", "2026-03-10T02:00:00", "9999-12-31T23:59:59-05:00", "2" * 41, []),
    "flag": (1, 0, "true", [], {}),
    "hash": (1, "x", "A" * 64, "a" * 63, []),
}
COLUMNS_BY_TABLE: dict[str, dict[str, str]] = {
    "donor": {"kind": "text"},
    "donation": {"number": "text", "received_at": "time", "donor_id": "optional_uuid", "total_value_fen": "money",
                 "cash_fen": "money"},
    "sale": {"number": "text", "completed_at": "time", "total_fen": "money", "status": "text"},
    "handout": {"number": "text", "at": "time", "household_id": "uuid", "household_hash": "hash",
                "period_key": "text", "total_value_fen": "money", "over_allowance": "flag"},
    "receipt": {"number": "text", "donation_id": "uuid", "status": "text", "total_fen": "money"},
    "item": {"name": "text", "unit": "text"},
    "donation_line": {"donation_id": "uuid", "quantity": "quantity"},
    "sale_line": {"sale_id": "uuid", "amount_fen": "money", "ticket_discount_fen": "money", "source": "text"},
    "sale_return": {"sale_id": "uuid", "total_fen": "money"},
    "stock_movement": {"item_id": "uuid", "quantity": "quantity"},
}


def _events(g: Genuine, rng: random.Random) -> Iterator[Recipe]:
    # where each table the hub reads first appears, inserted
    found: dict[str, tuple[int, int]] = {}
    for index, event in enumerate(g.events):
        for number, change in enumerate(json.loads(event["payload"])["changes"]):
            found.setdefault(change["table"], (index, number))
    for table, columns in COLUMNS_BY_TABLE.items():
        index, number = found[table]
        for column, kind in columns.items():
            for value in COLUMN_BAD[kind]:
                if value == "missing":
                    edit = _payload_edit(number, lambda c, column=column: c["row"].pop(column))
                elif isinstance(value, str) and kind == "text" and len(value) > 100:
                    edit = _payload_edit(number, lambda c, column=column: c["row"].__setitem__(column, "x" * 101))
                else:
                    edit = _payload_edit(number, lambda c, column=column, value=value: c["row"].__setitem__(
                        column, value))
                yield f"event:{table}.{column}={str(value)[:20]}", lambda: g.with_event(index, edit)
        for key_value in (1, "x", None, [], "6f1c3f3e-2b52-4d7e-9a55", "6F1C3F3E-2B52-4D7E-9A55-2F4B8F0C1A11"):
            yield f"event:{table}.id={key_value}", lambda: g.with_event(
                index, _payload_edit(number, lambda c, v=key_value: c.__setitem__("id", v)))
    index, number = found["sale"]
    change_edits: dict[str, Callable[[dict[str, Any]], None]] = {
        "op=upsert": lambda c: c.__setitem__("op", "upsert"), "op=1": lambda c: c.__setitem__("op", 1),
        "op=None": lambda c: c.__setitem__("op", None), "no-op": lambda c: c.pop("op"),
        "table=''": lambda c: c.__setitem__("table", ""), "table=Sale": lambda c: c.__setitem__("table", "Sale"),
        "table=1": lambda c: c.__setitem__("table", 1), "table=long": lambda c: c.__setitem__("table", "s" * 70),
        "no-row": lambda c: c.pop("row"), "row=[]": lambda c: c.__setitem__("row", []),
        "row=None": lambda c: c.__setitem__("row", None), "row=str": lambda c: c.__setitem__("row", "x"),
        "delete-with-row": lambda c: c.__setitem__("op", "delete"), "extra-key": lambda c: c.__setitem__("x", 1),
        "id=long": lambda c: c.__setitem__("id", "a" * 65),
    }
    for label, change_edit in change_edits.items():
        yield f"event:change:{label}", lambda: g.with_event(index, _payload_edit(number, change_edit))
    payload_edits: dict[str, Callable[[dict[str, Any]], None]] = {
        "no-changes": lambda p: p.pop("changes"), "no-facts": lambda p: p.pop("facts"),
        "changes={}": lambda p: p.__setitem__("changes", {}), "changes=1": lambda p: p.__setitem__("changes", 1),
        "changes=[1]": lambda p: p.__setitem__("changes", [1]), "facts=[]": lambda p: p.__setitem__("facts", []),
        "facts=None": lambda p: p.__setitem__("facts", None), "extra": lambda p: p.__setitem__("more", 1),
        "facts-deep": lambda p: p.__setitem__("facts", {"x": deep(30)}),
        "facts-big": lambda p: p.__setitem__("facts", {"x": 2**64}),
        "facts-big-nested": lambda p: p.__setitem__("facts", {"x": [{"y": -(2**70)}]}),
    }
    for label, payload_edit in payload_edits.items():
        for at in (index, found["handout"][0], len(g.events) - 1):
            yield f"event:payload:{label}@{at}", lambda: g.with_event(at, _payload_edit(-1, payload_edit))
    raw_payloads = ("", "x", "[]", "null", "1", '{"changes":[],"facts":{}', '{"changes":NaN,"facts":{}}',
                    '{"changes":[],"facts":{"x":Infinity}}', '{"changes":[],"facts":{"x":1e999}}',
                    "[" * 5000 + "]" * 5000, '{"changes":[' + "[" * 3000 + "]" * 3000 + '],"facts":{}}')
    for raw in raw_payloads:
        yield f"event:payload-raw={raw[:16]}", lambda: g.with_event(
            index, lambda e, raw=raw: e.__setitem__("payload", raw))
    line_edits: dict[str, tuple[str, Any]] = {
        f"{fld}={str(value)[:16]}": (fld, value)
        for fld, values in {
            "seq": (*BAD_TYPES, *BIG, 0, "1", 1.0),
            "uuid": (*BAD_TYPES, 1, "not-a-uuid", "u" * 37, "6f1c3f3e2b524d7e9a552f4b8f0c1a11"),
            "kind": (*BAD_TYPES, 1, "Sale.Completed", "sale completed", "s" * 41, ".sale", "sale..completed"),
            "at": (*BAD_TYPES, 1, "yesterday", "2" * 41),
            "actor": (True, 1, 1.5, "", "x", [], {}, "not-a-uuid"),
            "payload": (None, 1, [], {}, True),
        }.items() for value in values}
    for label, (fld, value) in line_edits.items():
        at = 0 if fld == "seq" else rng.randrange(len(g.events))
        yield f"event:line:{label}", lambda: g.with_event(at, lambda e, fld=fld, value=value: e.__setitem__(fld, value))
    for fld in ("seq", "uuid", "kind", "at", "actor", "payload", "prev_hash", "hash"):
        yield f"event:line:no-{fld}", lambda: g.with_event(5, lambda e, fld=fld: e.pop(fld), after=fld.endswith("hash"))
    for fld in ("prev_hash", "hash"):
        for value in (*BAD_TYPES, 1, "0" * 63, "A" * 64, "g" * 64, "0" * 64):
            yield f"event:line:{fld}={str(value)[:16]}", lambda: g.with_event(
                7, lambda e, fld=fld, value=value: e.__setitem__(fld, value), after=True)
    yield "event:line:extra-key", lambda: g.with_event(5, lambda e: e.__setitem__("note", "x"))
    lines = [canonical_json(e).encode() for e in g.events]
    raw_lines = {"not-json": b"{not json", "array": b"[]", "number": b"1", "null": b"null", "latin1": b'{"seq":\xe9}',
                 "nan-seq": lines[3].replace(b'"seq":4', b'"seq":NaN'), "big-seq": lines[3].replace(
                     b'"seq":4', b'"seq":' + b"9" * 400), "deep": b"[" * 5000 + b"]" * 5000, "empty": b""}
    for label, raw_line in raw_lines.items():
        yield f"event:line-raw:{label}", lambda: g.with_events(lines[:3] + [raw_line] + lines[4:])
    yield "event:reordered", lambda: g.with_events([lines[1], lines[0], *lines[2:]])
    yield "event:missing-middle", lambda: g.with_events(lines[:10] + lines[11:])
    yield "event:doubled", lambda: g.with_events(lines[:10] + [lines[9]] + lines[10:])
    yield "event:no-events", lambda: g.with_events([])


def damaged_bundles(g: Genuine, seed: int = 9, *, only: Collection[str] | None = None) -> Iterator[Case]:
    """Every variant (or those named in ``only``), made one at a time (each is about as large as the
    genuine bundle), under a name of its own; the same seed makes the same variants."""
    rng = random.Random(seed)
    seen: dict[str, int] = {}
    for source in (_flips, _zip, _manifests, _events):
        for name, make in source(g, rng):
            seen[name] = seen.get(name, 0) + 1
            name = name if seen[name] == 1 else f"{name}#{seen[name]}"
            if only is None or name in only:
                data = make()
                assert data != g.data, f"{name}: the genuine bundle"
                yield name, data


def damage_names(g: Genuine, seed: int = 9) -> list[str]:
    """The names ``damaged_bundles`` gives its variants, without making them."""
    rng = random.Random(seed)
    seen: dict[str, int] = {}
    names = []
    for source in (_flips, _zip, _manifests, _events):
        for name, _make in source(g, rng):
            seen[name] = seen.get(name, 0) + 1
            names.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return names
