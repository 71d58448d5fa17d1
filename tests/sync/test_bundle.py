"""The bundle's reader on its own (``sync.archive``, ``domain.safe_json``,
``sync.bundle``): the bytes a bundle is written as, the JSON it may hold, and
files that are not files. Whole damaged bundles, through the hub's import,
are in tests/hub/test_bundle_damage.py."""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from charity_pos import errors
from charity_pos.domain import safe_json
from charity_pos.sync import archive
from charity_pos.sync.bundle import read_bundle, write_bundle, zip_bytes


def test_the_same_content_makes_the_same_bytes_on_windows_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """zipfile marks members made on Windows as such; a bundle written at a
    store on Windows must still be byte for byte what a hub on Linux rebuilds."""
    files = {"events.jsonl": b'{"seq":1}\n'}
    here = zip_bytes(b"{}", files, b"c2ln")
    monkeypatch.setattr(sys, "platform", "win32")
    assert zip_bytes(b"{}", files, b"c2ln") == here


@pytest.mark.parametrize(("text", "reason"), [
    ("[" * 17 + "]" * 17, "depth"),
    ('{"a":' * 17 + "1" + "}" * 17, "depth"),
    ("[" * 100_000, "depth"),
    ("NaN", "number"), ("[1, Infinity]", "number"), ('{"a": -Infinity}', "number"), ("1e999", "number"),
    (str(2**63), "number"), (str(-(2**63) - 1), "number"), ("1" * 5000, "number"),
    ("{", "syntax"), ('{"a": 1} x', "syntax"), (b"\xff{}", "syntax"), (b'\xef\xbb\xbf{}', "syntax"),
])
def test_json_beyond_the_caps_is_refused_before_or_while_parsing(text: str | bytes, reason: str) -> None:
    with pytest.raises(safe_json.JsonRefused) as refused:
        safe_json.loads(text)
    assert refused.value.reason == reason


def test_json_within_the_caps_reads_as_json() -> None:
    text = "[" * 16 + '"[[[[[[[[[[[[[[[[[[[[\\"]]]"' + "]" * 16
    assert safe_json.loads(text) == [[[[[[[[[[[[[[[["[[[[[[[[[[[[[[[[[[[[\"]]]"]]]]]]]]]]]]]]]]
    assert safe_json.loads(str(2**63 - 1)) == 2**63 - 1 and safe_json.loads(str(-(2**63))) == -(2**63)
    assert safe_json.loads_record("[" * 100 + "]" * 100)  # records: the schema decides the depth
    with pytest.raises(safe_json.JsonRefused):
        safe_json.loads_record('{"a": NaN}')


def test_check_nested_refuses_depth_and_big_integers_in_parsed_values() -> None:
    safe_json.check_nested({"a": [1, {"b": 2}]}, 3)
    for value, depth in (({"a": [1, {"b": 2}]}, 2), ({}, 0), ({"a": 2**64}, 4), ({"a": [2**64]}, 4)):
        with pytest.raises(safe_json.JsonRefused):
            safe_json.check_nested(value, depth)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX only")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.cpbundle"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    reader = threading.Thread(target=lambda: outcome.append(_refusal(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], errors.BundleNotAFile) and outcome[0].what == "pipe"


def _refusal(path: Path) -> BaseException:
    try:
        read_bundle(path)
    except errors.PosError as exc:
        return exc
    raise AssertionError("not refused")


def test_a_folder_a_device_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    assert _refusal(tmp_path).what == "folder"  # type: ignore[attr-defined]
    if Path("/dev/zero").exists():
        assert _refusal(Path("/dev/zero")).what == "device"  # type: ignore[attr-defined]
    assert _refusal(tmp_path / "nothing.cpbundle").detail == "missing_file"  # type: ignore[attr-defined]


def test_a_file_over_the_cap_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_bundle(tmp_path / "b.cpbundle", {"kind": "store-events", "signer": "store:JA01"},
                        {"events.jsonl": b"x" * 5000}, Ed25519PrivateKey.generate())
    monkeypatch.setattr(archive, "MAX_BUNDLE_BYTES", 4096)
    reads: list[int] = []
    monkeypatch.setattr(archive.os, "read", lambda fd, n: reads.append(n) or b"")
    error = _refusal(path)
    assert isinstance(error, errors.BundleTooLarge) and error.part == "" and error.limit == 4096
    assert reads == []  # refused from its size alone


def test_a_bundle_reads_with_its_sizes_checked(tmp_path: Path) -> None:
    path = write_bundle(tmp_path / "b.cpbundle", {"kind": "store-events", "signer": "store:JA01"},
                        {"events.jsonl": b"line\n", "households.jsonl": b""}, Ed25519PrivateKey.generate())
    bundle = read_bundle(path)
    assert bundle.manifest["sizes"] == {"events.jsonl": 5, "households.jsonl": 0}
    assert bundle.files == {"events.jsonl": b"line\n", "households.jsonl": b""}
    # a reader that expects other content files refuses the part
    with pytest.raises(errors.BundleZipInvalid) as refused:
        read_bundle(path, parts=frozenset({"rules.json", "use.jsonl", "households.jsonl"}))
    assert refused.value.detail == "unknown_part"
    with pytest.raises(ValueError):
        write_bundle(tmp_path / "c.cpbundle", {}, {"notes.txt": b""}, Ed25519PrivateKey.generate())


def test_a_content_file_streamed_from_a_spool_makes_the_same_bytes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The export writes events.jsonl to a spool and copies it into the ZIP in
    chunks: the bundle is byte for byte the one written from the whole bytes."""
    from charity_pos.sync import bundle as bundle_module
    from charity_pos.sync.bundle import Spool

    key = Ed25519PrivateKey.generate()
    lines = [b'{"seq":%d,"x":"%s"}\n' % (n, b"y" * (n % 97)) for n in range(1, 3000)]
    manifest = {"kind": "store-events", "signer": "store:JA01"}
    whole = write_bundle(tmp_path / "whole.cpbundle", manifest, {"events.jsonl": b"".join(lines)}, key)
    spool = Spool(tmp_path / "events.spool")
    for line in lines:
        spool.write(line)
    monkeypatch.setattr(bundle_module, "_COPY_CHUNK", 1000)  # many chunks, none on a line's end
    try:
        streamed = write_bundle(tmp_path / "streamed.cpbundle", manifest, {"events.jsonl": spool}, key)
    finally:
        spool.discard()
    # Ed25519 signs deterministically: the same manifest, the same signature, the same file
    assert streamed.read_bytes() == whole.read_bytes()
    assert not (tmp_path / "events.spool").exists()
    assert read_bundle(streamed).files["events.jsonl"] == b"".join(lines)


# --- records read by orjson read as the standard library reads them ----------------------------------------
def _standard(data: str | bytes) -> tuple[str, Any]:
    """What the standard library's parser alone makes of a record: ("value", ...) or ("refused", reason)."""
    try:
        return "value", safe_json._parse(safe_json._text(data), safe_json._RECORD)
    except safe_json.JsonRefused as exc:
        return "refused", exc.reason


def _read(data: str | bytes) -> tuple[str, Any]:
    try:
        return "value", safe_json.loads_record(data)
    except safe_json.JsonRefused as exc:
        return "refused", exc.reason


def _same(one: Any, other: Any) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True in Python, not in a record); without
    recursion, for values nested a thousand deep."""
    pairs = [(one, other)]
    while pairs:
        a, b = pairs.pop()
        if type(a) is not type(b):
            return False
        if type(a) is dict:
            if list(a) != list(b):
                return False
            pairs.extend(zip(a.values(), b.values()))
        elif type(a) is list:
            if len(a) != len(b):
                return False
            pairs.extend(zip(a, b))
        elif a != b:
            return False
    return True


HOSTILE_RECORDS: list[str | bytes] = [
    # constants and numbers orjson refuses, or reads otherwise
    "NaN", '{"a":NaN}', '{"a":Infinity}', '{"a":-Infinity}', "[1e400]", '{"a":-1e999}', "1e-400",
    str(2**63), str(2**64 - 1), str(2**64), str(-(2**63) - 1), str(-(2**64)), "9" * 19, "9" * 30, "1" * 5000,
    '{"a":' + str(2**64) + "}", '{"a": ' + str(2**70) + "}", '{"a":[1, -' + "9" * 25 + "]}",
    '{"a":\n\t' + str(2**65) + "}", '{"a":' + "1" * 19 + ".5}", '{"a":1' + "0" * 30 + "e-30}",
    '{"ref":"' + "1" * 24 + '"}', '{"a":"x:' + "1" * 24 + '"}', '{"a":18446744073709551615}', '{"a":-0}',
    # text: lone surrogates, raw control characters, bad UTF-8, a byte order mark
    '"\\ud800"', '{"a":"\\udc00x"}', '["\\ud83d\\ude00"]', '"a\x01"', '"\\u0000"', '"\x7f"',
    b'"\xed\xa0\x80"', b"\xff{}", b"\xef\xbb\xbf{}", b'{"a":"\xe4\xb8\xad"}', "\ufeff{}",
    # keys said twice, syntax
    '{"a":1,"a":2}', '{"a":1,"b":2,"a":[3]}', "", " ", "{", "[1,]", "01", "1.", ".5", '{"a":1}x', "\x0c{}",
    " {} \n", "[1,2", '{"a" 1}', "tru", "nul",
    # nesting: within both parsers, between their limits, beyond both
    "[" * 100 + "]" * 100, "[" * 512 + "]" * 512, "[" * 513 + "]" * 513, "[" * 990 + "]" * 990,
    "[" * 1100 + "]" * 1100, "[" * 5000 + "]" * 5000, '{"a":' * 600 + "1" + "}" * 600, "[" * 3000,
    # longer than the fast path takes
    '{"a":"' + "x" * 70_000 + '","b":NaN}', "[" + "1," * 40_000 + str(2**64) + "]", '["' + "中" * 40_000 + '"]',
]


@pytest.mark.parametrize("text", HOSTILE_RECORDS, ids=lambda t: repr(t[:24]))
def test_a_record_reads_as_the_standard_library_reads_it_or_is_refused_for_the_same_reason(
        text: str | bytes) -> None:
    for data in ({text, text.encode("utf-8", "surrogatepass")} if isinstance(text, str) else {text}):
        expected, got = _standard(data), _read(data)
        assert got[0] == expected[0], (data[:40], got[0], expected[0])
        assert _same(got[1], expected[1]), data[:40]


def test_integers_beyond_64_bits_stay_integers_and_nan_is_refused_as_a_number() -> None:
    assert safe_json.loads_record('{"a":' + str(2**64) + "}") == {"a": 2**64}
    assert type(safe_json.loads_record("[" + str(-(2**70)) + "]")[0]) is int
    for text in ('{"a":NaN}', "[Infinity]", '{"a":1e999}'):
        with pytest.raises(safe_json.JsonRefused) as refused:
            safe_json.loads_record(text)
        assert refused.value.reason == "number"
    with pytest.raises(safe_json.JsonRefused) as refused:
        safe_json.loads_record("[" * 5000 + "]" * 5000)
    assert refused.value.reason == "depth"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(value=_JSON_VALUES, ascii_only=st.booleans(), spaced=st.booleans())
def test_any_json_text_reads_as_the_standard_library_reads_it(value: Any, ascii_only: bool, spaced: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, separators=(", ", ": ") if spaced else (",", ":"))
    expected, got = _standard(text), _read(text)
    assert got[0] == expected[0] and _same(got[1], expected[1])
