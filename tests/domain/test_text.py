"""Text from a file is shown on a terminal with its control characters as
visible escapes: it can neither colour nor clear the screen nor fake a line."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charity_pos.domain.text import printable


@pytest.mark.parametrize(("raw", "shown"), [
    ("王建国", "王建国"),
    ("C:\\stores\\名单.csv", "C:\\stores\\名单.csv"),  # backslashes stay: Windows paths
    ("\x1b[31m王\x1b[0m", "\\x1b[31m王\\x1b[0m"),
    ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),  # a window title
    ("a\rb", "a\\x0db"),
    ("a\nRow 9 (fake)", "a\\x0aRow 9 (fake)"),
    ("tab\there", "tab\\x09here"),
    ("del\x7f", "del\\x7f"),
    ("c1\x9b31m", "c1\\x9b31m"),  # the one-byte CSI
    ("\x00", "\\x00"),
    ("gpj\u202eexe", "gpj\\u202eexe"),
    ("\u2066x\u2069", "\\u2066x\\u2069"),
    ("\u200fx", "\\u200fx"),
    ("line\u2028break", "line\\u2028break"),
])
def test_control_characters_become_visible_escapes(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_newlines_may_stay_for_whole_lines_of_output() -> None:
    assert printable("a\nb\x1b", keep_newlines=True) == "a\nb\\x1b"
    assert printable("a\r\nb", keep_newlines=True) == "a\\x0d\nb"


def test_anything_not_text_is_shown_as_text() -> None:
    assert printable(12) == "12" and printable(None) == "None"


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    import unicodedata

    shown = printable(text)
    assert not any(unicodedata.category(c) == "Cc" for c in shown)
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in shown)
    if all(c.isprintable() and c not in "\u2028\u2029" for c in text):
        assert shown == text


@given(st.recursive(st.none() | st.text() | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(
    st.text(), inner), max_leaves=8))
def test_json_stays_the_same_json_with_nothing_unsafe(value: object) -> None:
    import json
    import unicodedata

    from charity_pos.domain.text import json_printable

    text = json_printable(json.dumps(value, ensure_ascii=False, indent=1))
    assert json.loads(text) == value
    assert not any(unicodedata.category(c) == "Cc" and c != "\n" for c in text)
    assert "\u202e" not in text
