"""Pinyin keys for searching Chinese names the way cashiers type them.

``initials("大米")`` is ``"dm"``; letters and digits in a name are kept, so
``initials("金龙鱼 5kg")`` is ``"jly5kg"``. Heteronyms take pypinyin's most
common reading, which is what a cashier types. The keys are exactly what
pypinyin's ``lazy_pinyin`` gives for the whole name (the catalog stores
them, so they must never change); a Chinese character pypinyin has no
reading for (兙) gives nothing, where ``lazy_pinyin``'s first letters fail.

Most names are worked out a character at a time from ``pinyin_data`` (a few
milliseconds to load, a fraction of a megabyte): each character's keys from
its first reading, which is what ``lazy_pinyin`` gives for it unless a word
of its phrase table reads it otherwise; ``pinyin_data`` lists those words,
and ``pinyin_gen`` why that is exact. A name in which one of them occurs
(银行, 重庆), or with a character the data does not hold, is worked out by
pypinyin itself, whose tables take a third of a second to load and about
55 MB: loaded on the first such name, not before. There a name's keys are
pypinyin's worked out a part at a time (the words, characters and runs of
other text pypinyin cuts it into), each part cached. ``matches`` keeps
each name's keys once worked out, and ``warm`` works out a list of names
ahead (a screen calls it off the UI thread, so the first search finds them
ready).
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pypinyin import Style


def _keep(chunk: str) -> str:
    return "".join(c for c in chunk.lower() if c.isascii() and c.isalnum())


@lru_cache(maxsize=1)
def _parts() -> tuple[Callable[[str], list[str]], Callable[..., list[list[str]]], Style, Style]:
    """The same cuts and conversions ``lazy_pinyin`` makes of a name, taken
    apart so that each part is cached; but a Chinese character pypinyin has
    no reading for (兙, 㐂) gives nothing, where its first-letter style fails
    (``IndexError``)."""
    # the tables as loaded, not copied once more (pypinyin copies them so that they can be changed, which we never do)
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style
    from pypinyin.converter import DefaultConverter
    from pypinyin.core import _default_pinyin  # type: ignore[attr-defined]  # private, left out of its stub

    class Converter(DefaultConverter):
        def convert_style(self, han: str, orig_pinyin: str, style: Style, strict: bool, **kwargs: Any) -> str:
            return super().convert_style(han, orig_pinyin, style, strict, **kwargs) if orig_pinyin else ""

    return _default_pinyin.seg, Converter().convert, Style.FIRST_LETTER, Style.NORMAL


class _Data:
    """``pinyin_data`` ready for looking up: a character's keys by its code
    point, the quirks, and what pypinyin takes for a Chinese character."""

    def __init__(self) -> None:
        from charity_pos.domain import pinyin_data

        self.keys = [("", "")] + [(initial, full_) for initial, full_, _chars in pinyin_data.KEYS]
        # a number a code point (0: not held), rather than a dictionary of one-character strings: 0.1 MB, not 5
        self.index = array("H", bytes(2 * 0x10000))
        for n, (_initial, _full, chars) in enumerate(pinyin_data.KEYS, 1):
            for char in chars:
                self.index[ord(char)] = n
        self.quirks = frozenset(pinyin_data.QUIRKS.split())
        self.longest = max(map(len, self.quirks), default=0)
        self.hans = re.compile(pinyin_data.HANS)


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _Data()


def _fast(name: str) -> list[tuple[str, str]] | None:
    """The name's syllables as ``lazy_pinyin`` gives them (initial and full
    pinyin, letters and digits only): one a Chinese character, one a run of
    other text, cut as pypinyin cuts them. ``None`` when the name needs
    pypinyin's phrase table: a character ``pinyin_data`` does not hold, or a
    word of the table that reads one of its characters otherwise."""
    data = _data()
    index, hans = data.index, data.hans
    held = [index[point] if (point := ord(char)) <= 0xFFFF else 0 for char in name]
    if not all(held) and any(not n and hans.match(char) for char, n in zip(name, held, strict=True)):
        return None
    if not name:
        return [("", "")]  # pypinyin's one run of other text, empty
    found: list[tuple[str, str]] = []
    keys, quirks, longest = data.keys, data.quirks, data.longest
    start = 0
    for end in range(1, len(name) + 1):
        if end < len(name) and bool(held[end]) == bool(held[start]):
            continue
        if held[start]:
            run = name[start:end]
            if any(run[i:j] in quirks for i in range(len(run)) for j in range(i + 1, min(len(run), i + longest) + 1)):
                return None
            found += [keys[n] for n in held[start:end]]
        else:
            kept = _keep(name[start:end])
            found.append((kept, kept))
        start = end
    return found


def _skip(chunk: str) -> list[str]:
    return [_keep(chunk)]


@lru_cache(maxsize=16384)
def _part_keys(part: str) -> tuple[str, str]:
    """One part of a name as pypinyin cuts it (a word of its phrase table,
    a character, a run of other text): its initials and its full pinyin."""
    _seg, convert, first_letter, normal = _parts()

    def key(style: Style) -> str:
        return "".join(_keep(p) for pys in convert(part, style, False, _skip, strict=True) for p in pys)

    return key(first_letter), key(normal)


@lru_cache(maxsize=4096)
def _keys(name: str) -> tuple[str, str]:
    fast = _fast(name)
    if fast is not None:
        return "".join(initial for initial, _full in fast), "".join(full_ for _initial, full_ in fast)
    seg = _parts()[0]
    found = [_part_keys(part) for part in seg(name)]
    return "".join(i for i, _f in found), "".join(f for _i, f in found)


def initials(name: str) -> str:
    """``大米 5kg``: ``dm5kg``. What ``lazy_pinyin`` gives in its first-letter
    style, letters and digits only, from keys cached a name and a word."""
    return _keys(name)[0]


def initials_unkept(name: str) -> str:
    """What ``initials`` gives, worked out without keeping the name or any
    part of it in a cache: for people's names (households), which must not
    stay behind in memory."""
    fast = _fast(name)
    if fast is not None:
        return "".join(initial for initial, _full in fast)
    seg, convert, first_letter, _normal = _parts()
    return "".join(_keep(p) for part in seg(name)
                   for pys in convert(part, first_letter, False, _skip, strict=True) for p in pys)


def full(name: str) -> str:
    """``大米 5kg``: ``dami5kg`` (``lazy_pinyin``'s normal style)."""
    return _keys(name)[1]


#: How well a name matches what was typed, best first (see ``rank``).
WHOLE, PREFIX, HEAD, PART, NONE = range(5)

_SPEC_START = (" ", "\t", "(", "（", "[", "【")


def core(name: str) -> str:
    """The name without its size or note: ``大米 5kg (捐赠)`` -> ``大米``."""
    cut = min((i for i in (name.find(c) for c in _SPEC_START) if i > 0), default=len(name))
    return name[:cut]


def keys(text: str) -> tuple[str, str]:
    """What a cashier typed, as name text and as a pinyin key."""
    text = text.strip()
    return text, text.lower().replace(" ", "")


def rank(name: str, text: str, name_initials: str | None = None, name_full: str | None = None) -> int:
    """``WHOLE`` when the whole name (or its core, without the size) is what
    was typed, as characters, initials or full pinyin (``dm`` for 大米 5kg);
    ``PREFIX`` when the name or its pinyin starts with it (``dm`` for
    大麦茶); ``HEAD`` when the core ends with it, the noun of a Chinese name
    (``dm`` for 东北大米); ``PART`` when it is anywhere; ``NONE`` otherwise.
    ``name_initials`` and ``name_full``: the name's keys, when already known
    (the catalog stores them), so that a long list ranks fast."""
    text, key = keys(text.lower())
    if not text:
        return NONE
    name = name.lower()
    base = core(name)
    forms = [(base, text), (name, text)]
    if key:
        whole_initials = initials(name) if name_initials is None else name_initials
        whole_full = full(name) if name_full is None else name_full
        base_initials, base_full = _core_keys(name, base, whole_initials, whole_full)
        forms += [(base_initials, key), (base_full, key), (whole_initials, key), (whole_full, key)]
    if any(form == typed for form, typed in forms):
        return WHOLE
    if any(form.startswith(typed) for form, typed in forms):
        return PREFIX
    if base.endswith(text) or (key and (base_initials.endswith(key) or base_full.endswith(key))
                               and any(_ends_in(_syllables(base, style), key) for style in _STYLES)):
        return HEAD
    if any(typed in form for form, typed in forms):
        return PART
    return NONE


def _core_keys(name: str, base: str, whole_initials: str, whole_full: str) -> tuple[str, str]:
    """The core's initials and full pinyin: the whole name's less its
    size when that is plain letters and digits (``5kg``), else worked out."""
    if base == name:
        return whole_initials, whole_full
    rest = name[len(base):]
    tail = _keep(rest)
    if rest.isascii() and whole_initials.endswith(tail) and whole_full.endswith(tail):
        cut = len(tail)
        return (whole_initials[:-cut], whole_full[:-cut]) if cut else (whole_initials, whole_full)
    return initials(base), full(base)


@lru_cache(maxsize=8192)
def _forms(name: str) -> tuple[str, ...]:
    """What ``rank`` compares typed text with: the name (lower case) and its
    core; then, for a pinyin key, the core's initials and full pinyin, and
    the whole name's."""
    name = name.lower()
    base = core(name)
    whole_initials, whole_full = initials(name), full(name)
    base_initials, base_full = _core_keys(name, base, whole_initials, whole_full)
    return base, name, base_initials, base_full, whole_initials, whole_full


def matches(name: str, text: str) -> bool:
    """Whether ``name`` answers what was typed at all (``rank`` is not
    ``NONE``): from the name's keys, worked out once a name."""
    text, key = keys(text.lower())
    if not text or not name:
        return False
    base, lowered, *pinyin_forms = _forms(name)
    return text in base or text in lowered or (bool(key) and any(key in form for form in pinyin_forms))


def warm(names: Iterable[str]) -> None:
    """Work out the keys ``matches`` needs for each of ``names`` now (and load
    ``pinyin_data``, and pypinyin's tables if a name needs them), so that a
    search later finds them ready."""
    for name in names:
        if name:
            _forms(name)


#: The two ways a name's syllables are keyed: by their initials and in full.
_STYLES = ("initials", "full")


@lru_cache(maxsize=4096)
def _syllables(name: str, style: str) -> tuple[str, ...]:
    """One key a character; a run of letters or digits (``SOD``) is one."""
    fast = _fast(name)
    if fast is not None:
        return tuple(initial if style == "initials" else full_ for initial, full_ in fast)
    seg, convert, first_letter, normal = _parts()
    chosen = first_letter if style == "initials" else normal
    return tuple(_keep(p) for part in seg(name) for pys in convert(part, chosen, False, _skip, strict=True) for p in pys)


def _ends_in(syllables: tuple[str, ...], key: str) -> bool:
    """Whether the last whole syllables spell ``key`` (大米 in 东北大米 for
    ``dm``, but not the D of SOD and 蜜 in 大宝SOD蜜)."""
    tail = ""
    for syllable in reversed(syllables):
        tail = syllable + tail
        if len(tail) >= len(key):
            return tail == key
    return False
