"""The store's ``import-bundle`` reads a downstream bundle with the hub's
defensive reader: damaged bundles derived from a genuine one (ZIP edits,
zip bombs, flipped content, manifest and content edits signed again with the
hub's key: wrong types, integers beyond 64 bits, negatives, deep nesting,
NaN) are each refused with a typed error in one line, the store file
unchanged; a FIFO does not block; the genuine bundle still applies."""

from __future__ import annotations

import json
import os
import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charity_pos import errors
from charity_pos.services.store_file import open_store
from charity_pos.ledger.canonical import canonical_json
from charity_pos.messages import describe
from charity_pos.services.base import ServiceContext
from charity_pos.sync.bundle import read_bundle, write_bundle
from charity_pos.sync.downstream import apply_downstream
from tests.hub.damage import BAD_TYPES, BIG, Member, build_zip, deep, deflate_bomb, members_of, signed
from tests.sync.test_downstream import (  # noqa: F401  (fixtures)
    downstream,
    hub_key,
    store,
    trusted,
)
from tests.sync.test_store_side import dump

Recipe = tuple[str, Callable[[], bytes]]
RAW_NUMBERS = ("NaN", "Infinity", "-Infinity", "1e999", "9" * 25, "1" * 400)


def english(error: BaseException) -> str:
    return describe(error, lambda _context, text: text)


def _resigned(genuine: bytes, key: Ed25519PrivateKey, manifest: bytes) -> bytes:
    return build_zip(signed(members_of(genuine), manifest, key))


def _with_content(tmp: Path, key: Ed25519PrivateKey, manifest: dict[str, Any], files: dict[str, bytes]) -> bytes:
    fields = {k: v for k, v in manifest.items() if k not in ("format", "files", "sizes")}
    return write_bundle(tmp / "edited.cpbundle", fields, files, key).read_bytes()


def _cases(genuine: bytes, key: Ed25519PrivateKey, tmp: Path) -> Iterator[Recipe]:
    rng = random.Random(11)
    members = members_of(genuine)
    bundle = read_bundle(tmp / "genuine.cpbundle")
    manifest, files = bundle.manifest, dict(bundle.files)

    def edit(index: int, **changes: Any) -> list[Member]:
        return [replace(m, **changes) if i == index else m for i, m in enumerate(members)]

    # the ZIP
    start = 0
    for i, m in enumerate(members):
        label = m.name.decode()
        start += 30 + len(m.name)  # where its content starts in the file
        for method in (8, 12, 99):
            for side in ("local", "central"):
                yield f"zip:method={method}:{side}:{label}", lambda: build_zip(edit(i, **{side: {"method": method}}))
        for bit in (0, 1, 3, 6, 11, 13):
            yield f"zip:flag{bit}:{label}", lambda: build_zip(edit(i, local={"flags": 1 << bit},
                                                                   central={"flags": 1 << bit}))
        yield f"zip:local-crc:{label}", lambda: build_zip(edit(i, local={"crc": 1}))
        yield f"zip:size:{label}", lambda: build_zip(edit(i, size=len(m.data) + 1, local={"csize": len(m.data) + 1},
                                                          central={"csize": len(m.data) + 1}))
        yield f"zip:missing:{label}", lambda: build_zip([x for j, x in enumerate(members) if j != i])
        yield f"zip:twice:{label}", lambda: build_zip([*members, m])
        yield f"zip:extra-field:{label}", lambda: build_zip(edit(i, local_extra=b"\x01\x00\x00\x00"))
        for offset in rng.sample(range(start, start + len(m.data)), min(8, len(m.data))):
            yield f"flip@{offset}", lambda: (genuine[:offset] + bytes([genuine[offset] ^ 0x20])
                                             + genuine[offset + 1:])
        start += len(m.data)
    for name in (b"events.jsonl", b"evil.txt", b"../rules.json"):
        yield f"zip:extra-member={name!r}", lambda: build_zip([*members, Member(name, b"{}\n")])
    for length in (0, 22, len(genuine) // 2, len(genuine) - 1):
        yield f"zip:cut={length}", lambda: genuine[:length]
    bomb, size, crc = deflate_bomb(64)
    yield "zip:bomb", lambda: build_zip([members[0], Member(b"households.jsonl", bomb, size=size, crc=crc,
                                                           local={"method": 8}, central={"method": 8}),
                                         *members[2:]])

    # the manifest, signed again with the hub's key
    for fld, values in {"sequence": (*BAD_TYPES, *BIG, 0, "2", 2.0, deep(12)),
                        "kind": (None, 1, "", "store-events", deep(12)),
                        "signer": (None, 1, "", "hub:", "store:PT01"),
                        "hub_id": (None, 1, "x", deep(12)),
                        "events_held": (deep(12), {"last_seq": 2**64}),
                        "created_at": (deep(12),)}.items():
        for value in values:
            changed = dict(manifest, **{fld: value})
            yield f"manifest:{fld}={str(value)[:20]}", lambda: _resigned(
                genuine, key, canonical_json(changed).encode())
    text = canonical_json(manifest)
    for raw in (*RAW_NUMBERS, "[" * 3000 + "]" * 3000):
        start = text.index('"sequence":') + len('"sequence":')
        edited = (text[:start] + raw + text[start + 1:]).encode()
        yield f"manifest-raw:sequence={raw[:10]}", lambda: _resigned(genuine, key, edited)

    # the content, signed again
    household = json.loads(files["households.jsonl"].splitlines()[0])
    for fld, values in {"members": (*BAD_TYPES, *BIG, 0, 21), "district_hash": (None, 1, "x", "A" * 64),
                        "valid_from": (None, 1, "x", "2026-02-30"), "status": (None, 1, "gone"),
                        "category": (None, 1, "rich"), "card_number": (None, 1, "", "X" * 21),
                        "head_name": (None, 1, [], "")}.items():
        for value in values:
            line = json.dumps(dict(household, **{fld: value}), ensure_ascii=False).encode()
            yield f"households:{fld}={str(value)[:20]}", lambda: _with_content(
                tmp, key, manifest, dict(files, **{"households.jsonl": line + b"\n"}))
    rule = json.loads(files["rules.json"])[0]
    for fld, values in {"base_fen": (*BAD_TYPES, -1, 10**12, 2**63, 2**64, 10**30),
                        "per_member_fen": ("1", 1.5, -1, 2**64),
                        "topup_months": (1, [1], "13", "x", None), "household_category": (None, 1, "rich"),
                        "period": (None, 1, "week"), "mode": (None, 1, "x"),
                        "limits": (None, 1, "x", [1], [{"goods_category": 1, "base_count": 1}],
                                   [{"goods_category": "grain_oil", "base_count": 2**64}],
                                   [{"goods_category": "grain_oil", "base_count": "1"}],
                                   [{"goods_category": "grain_oil"}], [{"goods_category": "gold", "base_count": 1}],
                                   deep(20))}.items():
        for value in values:
            rules = json.dumps([dict(rule, **{fld: value})]).encode()
            yield f"rules:{fld}={str(value)[:20]}", lambda: _with_content(
                tmp, key, manifest, dict(files, **{"rules.json": rules}))
    raw_rules = [f'[{{"household_category":"dibao","base_fen":{raw}}}]' for raw in RAW_NUMBERS]
    for raw in (*raw_rules, "[" * 3000 + "]" * 3000, "{}", "[1]", '"x"', "[", "\ufeff[]"):
        yield f"rules-raw:{raw[:48]}", lambda: _with_content(tmp, key, manifest,
                                                             dict(files, **{"rules.json": raw.encode()}))
    use = json.loads(files["use.jsonl"].splitlines()[0])
    for fld, values in {"used_fen": (*BAD_TYPES, *BIG), "period_key": (None, 1, "2026-13", "2026-Q5"),
                        "district_hash": (None, 1, "x")}.items():
        for value in values:
            line = json.dumps(dict(use, **{fld: value})).encode()
            yield f"use:{fld}={str(value)[:20]}", lambda: _with_content(
                tmp, key, manifest, dict(files, **{"use.jsonl": line + b"\n"}))
    for label, raw_line in {"nan": b'{"used_fen": NaN}', "deep": b"[" * 3000 + b"]" * 3000, "latin1": b"{\xe9}",
                            "big": b'{"used_fen": ' + b"9" * 400 + b"}", "array": b"[]"}.items():
        for part in ("households.jsonl", "use.jsonl"):
            yield f"{part}-raw:{label}", lambda: _with_content(tmp, key, manifest, dict(files, **{part: raw_line}))


def test_every_damaged_downstream_bundle_is_refused_and_changes_nothing(trusted: Path, hub_key: Ed25519PrivateKey,
                                                                       tmp_path: Path) -> None:
    genuine_path = downstream(tmp_path / "genuine.cpbundle", hub_key)
    genuine = genuine_path.read_bytes()
    path = tmp_path / "damaged.cpbundle"
    failures, count = [], 0
    db = open_store(trusted)
    try:
        ctx = ServiceContext(db)
        before = dump(trusted)
        for name, make in _cases(genuine, hub_key, tmp_path):
            count += 1
            path.write_bytes(make())
            try:
                apply_downstream(ctx, path)
            except errors.PosError as exc:
                sentence = english(exc)
                if "\n" in sentence or "{" in sentence or str(path) not in sentence:
                    failures.append(f"{name}: {sentence!r}")
            except Exception as exc:  # noqa: BLE001 - what this test is looking for
                failures.append(f"{name}: {type(exc).__name__}: {exc}")
            else:
                failures.append(f"{name}: applied")
                before = dump(trusted)
                continue
            if dump(trusted) != before:
                failures.append(f"{name}: the store changed")
                before = dump(trusted)
        assert count >= 250
        assert not failures, f"{len(failures)} of {count}:\n" + "\n".join(failures[:40])
        assert apply_downstream(ctx, genuine_path).sequence == 1  # and the genuine one still applies
    finally:
        db.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX only")
def test_a_fifo_is_refused_at_the_store_without_blocking(trusted: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "down.cpbundle"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    db = open_store(trusted)

    def attempt() -> None:
        try:
            apply_downstream(ServiceContext(db), fifo)
        except errors.PosError as exc:
            outcome.append(exc)

    try:
        worker = threading.Thread(target=attempt, daemon=True)
        worker.start()
        worker.join(timeout=20)
        assert not worker.is_alive(), "importing a FIFO blocked"
    finally:
        db.close()
    assert isinstance(outcome[0], errors.BundleNotAFile)
    assert english(outcome[0]) == f"{fifo} is a pipe (FIFO), not a bundle file: refused without reading it."
