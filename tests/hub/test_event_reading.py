"""The hub reads and hashes event lines faster than the standard library
does (orjson), with the same outcome: every event's hash byte for byte the
ledger's (``canonical.event_hash``). Records read as the standard library
reads them: tests/sync/test_bundle_reader.py; hostile lines through the
import: tests/hub/test_bundle_damage.py."""

from __future__ import annotations

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
