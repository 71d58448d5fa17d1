"""The hub reads and hashes event lines faster than the standard library
does (orjson), with the same outcome: every event's hash byte for byte the
ledger's (``canonical.event_hash``). Records read as the standard library
reads them: tests/sync/test_bundle.py; hostile lines through the
import: tests/hub/test_bundle_damage.py."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charity_pos.hub import checks
from charity_pos.hub.checks import Event
from charity_pos.ledger.canonical import event_hash


@settings(max_examples=300, deadline=None)
@given(seq=st.integers(min_value=1, max_value=2**31 - 1), texts=st.lists(st.text(), min_size=5, max_size=5),
       actor=st.booleans())
def test_the_hub_hashes_an_event_byte_for_byte_as_the_ledger_does(seq: int, texts: list[str], actor: bool) -> None:
    event_uuid, kind, at, payload, prev = texts
    event = Event(seq, event_uuid, kind, at, texts[0] if actor else None, payload, prev, "")
    try:
        expected: str | None = event_hash(prev, seq, event_uuid, kind, at, event.actor, payload)
    except UnicodeError:  # a lone surrogate: no UTF-8, no hash
        expected = None
    try:
        got: str | None = checks._hash(event)
    except UnicodeError:
        got = None
    assert got == expected


def test_every_character_is_written_as_the_ledger_writes_it() -> None:
    """The hub's event hash writes text with orjson; the ledger with json.dumps: every code point but the
    surrogates the same, control characters, quotes, backslashes, U+2028 and beyond the BMP included."""
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    event = Event(1, "u", "k", "a", None, text, "p", "")
    assert checks._hash(event) == event_hash("p", 1, "u", "k", "a", None, text)


# --- an event line parsed once, by orjson straight away ---------------------------------------------------
_GOOD = {"actor": None, "at": "2026-03-12T01:00:00.000000+00:00", "hash": "a" * 64, "kind": "sale.completed",
         "payload": '{"changes":[],"facts":{}}', "prev_hash": "0" * 64, "seq": 7,
         "uuid": "0b6f2c1e-7c7a-4c1e-9a55-2f1f7c3b9d10"}


def _old_reading(line: bytes) -> Event | None:
    """The line as it was read before: the safety scan and the standard library's reading (``loads_record``)."""
    from charity_pos.domain.safe_json import JsonRefused, loads_record

    try:
        return checks._event(loads_record(line))
    except JsonRefused:
        return None


def _raw(**fields: str) -> bytes:
    """The good line with some fields' JSON text (as written) put in place."""
    parts = {key: json.dumps(value, ensure_ascii=False) for key, value in _GOOD.items()}
    parts.update(fields)
    return ("{" + ",".join(f'"{key}":{text}' for key, text in parts.items()) + "}").encode()


HOSTILE_LINES = {
    "canonical": _raw(),
    "valid JSON but not canonical (spaces, keys out of order)": b'{ "seq" : 7, ' + _raw()[1:].replace(b',"seq":7', b""),
    "escaped characters where none are needed": _raw(kind='"sale\\u002ecompleted"'),
    "a duplicate key (the last one counts, as in the standard library)": _raw(seq="1,\"seq\":7"),
    "a duplicate key the other way round": _raw(seq="7,\"seq\":1"),
    "seq as a float": _raw(seq="7.0"),
    "seq 2**64": _raw(seq=str(2**64)),
    "seq 19 digits": _raw(seq=str(10**18 + 1)),
    "seq -(2**70)": _raw(seq=str(-(2**70))),
    "seq NaN": _raw(seq="NaN"),
    "seq 1e999": _raw(seq="1e999"),
    "an actor nested 600 deep": _raw(actor="[" * 600 + "]" * 600),
    "an actor nested 5000 deep": _raw(actor="[" * 5000 + "]" * 5000),
    "an escaped lone surrogate in the payload": _raw(payload='"\\ud800"'),
    "bad UTF-8": _raw(kind='"sale.completed\xff"').replace("ÿ".encode(), b"\xff"),
    "cut short": _raw()[:-3],
    "not an object": b"[" + _raw() + b"]",
    "an extra column": _raw()[:-1] + b',"x":1}',
    "a column missing": _raw().replace(b'"actor":null,', b""),
    "trailing garbage": _raw() + b"x",
    "empty": b"",
}


def test_an_event_line_is_read_once_with_the_outcome_it_had_before() -> None:
    """Each hostile line is read (or refused: None) exactly as with the safety scan and the standard
    library before: the shortcut reads the same fields, or refuses the same lines."""
    read = {label: checks._event(checks._parse_line(line)) for label, line in HOSTILE_LINES.items()}
    assert read == {label: _old_reading(line) for label, line in HOSTILE_LINES.items()}
    assert read["canonical"] is not None and read["valid JSON but not canonical (spaces, keys out of order)"] == \
        read["canonical"]
    assert read["a duplicate key (the last one counts, as in the standard library)"] == read["canonical"]
    assert read["a duplicate key the other way round"].seq == 1  # type: ignore[union-attr]
    refused = {label for label, event in read.items() if event is None}
    assert refused == {"seq as a float", "seq 2**64", "seq 19 digits", "seq -(2**70)", "seq NaN", "seq 1e999",
                       "an actor nested 600 deep", "an actor nested 5000 deep", "bad UTF-8", "cut short",
                       "not an object", "an extra column", "a column missing", "trailing garbage", "empty"}
    surrogate = read["an escaped lone surrogate in the payload"]
    assert surrogate is not None  # read, as before; the hash then refuses it (test_bundle_damage)
    with pytest.raises(UnicodeError):
        checks._hash(surrogate)
