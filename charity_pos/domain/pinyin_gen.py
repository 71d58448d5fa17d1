"""Writes ``pinyin_data.py``, what ``pinyin`` needs to work out most names'
keys without pypinyin's phrase table, from the installed pypinyin:
``python -m charity_pos.domain.pinyin_gen`` after upgrading pypinyin
(tests/domain/test_pinyin_data.py fails until then).

Why it is exact. ``lazy_pinyin`` cuts a name into runs of Chinese
characters (its ``RE_HANS``) and runs of other text; a run of other text
is handed whole to ``errors`` (for ``pinyin``: its letters and digits, lower
case). A run of characters is cut into words of the phrase table (longest
first, from the left) and single characters; a word of the table is read as
the table says, a single character by the first reading of pypinyin's
character table (``pinyin_dict``: never another one, heteronym or not). So a
character's keys can only differ from its first reading's where a word of
the phrase table reads it otherwise (银行: háng, not xíng), and only when
that word is in the name. The data holds each character's keys from its
first reading, and every such word (the "quirks"): a name in which no quirk
occurs, made of characters the data holds and other text, has the keys of
its characters and of its other text, however the phrase table would cut
it.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

#: The characters the data keys: those of the Basic Multilingual Plane (the
#: common ones, CJK extension A, the compatibility ones). Names with rarer
#: ones take pypinyin's whole way.
LAST = 0xFFFF

HEADER = '''"""Pinyin keys of Chinese characters and the words of pypinyin's phrase
table that read one of their characters otherwise, for ``pinyin`` to work
out most names without loading that table (see ``pinyin_gen`` for why the
keys are exactly ``lazy_pinyin``'s).

Written by ``python -m charity_pos.domain.pinyin_gen`` from pypinyin {version};
a test (tests/domain/test_pinyin_data.py) fails when it no longer says what
the installed pypinyin says. Do not edit by hand.
"""

#: pypinyin's ``RE_HANS``: what it takes for a Chinese character.
HANS = {hans!r}

#: (initial, full pinyin, the characters read so): each character's first
#: reading in pypinyin's character table, letters and digits only.
KEYS: tuple[tuple[str, str, str], ...] = (
'''

MIDDLE = ''')

#: Words of pypinyin's phrase table that read one of their characters other
#: than its keys above (or whose readings are not one a character), one a line.
QUIRKS = """
'''

FOOTER = '''"""
'''


def _keep(text: str) -> str:
    return "".join(c for c in text.lower() if c.isascii() and c.isalnum())


def render() -> str:
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    import pypinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS, Style
    from pypinyin.core import _default_convert  # type: ignore[attr-defined]  # private, left out of its stub

    @cache
    def keys(han: str, reading: str) -> tuple[str, str]:
        # as ``convert_styles`` converts a reading of ``han``, ours or a word's
        def key(style: Style) -> str:
            return _keep(_default_convert.convert_style(han, reading, style, True))

        return key(Style.FIRST_LETTER), key(Style.NORMAL)

    first = {chr(point): keys(chr(point), readings.split(",")[0]) for point, readings in PINYIN_DICT.items()}
    quirks = []
    for word, readings in sorted(PHRASES_DICT.items()):
        if len(readings) != len(word) or any(han not in first or keys(han, reading[0]) != first[han]
                                             for han, reading in zip(word, readings)):
            quirks.append(word)
    groups: dict[tuple[str, str], list[str]] = {}
    for han in sorted(first):
        if ord(han) <= LAST and RE_HANS.match(han):
            groups.setdefault(first[han], []).append(han)
    lines = [HEADER.format(version=pypinyin.__version__, hans=RE_HANS.pattern)]
    lines += [f"    ({initial!r}, {full!r}, {''.join(chars)!r}),\n"
              for (initial, full), chars in sorted(groups.items(), key=lambda g: g[0][::-1])]
    lines.append(MIDDLE)
    lines += [word + "\n" for word in quirks]
    lines.append(FOOTER)
    return "".join(lines)


def main() -> None:
    Path(__file__).with_name("pinyin_data.py").write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
