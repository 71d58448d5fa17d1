"""Pinyin keys for searching Chinese names the way cashiers type them.

``initials("大米")`` is ``"dm"``; letters and digits in a name are kept, so
``initials("金龙鱼 5kg")`` is ``"jly5kg"``. Heteronyms take pypinyin's most
common reading, which is what a cashier types.
"""

from __future__ import annotations

from functools import lru_cache


def _keep(chunk: str) -> str:
    return "".join(c for c in chunk.lower() if c.isascii() and c.isalnum())


@lru_cache(maxsize=4096)
def initials(name: str) -> str:
    from pypinyin import Style, lazy_pinyin  # its tables take a third of a second to load: only when needed

    parts = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda s: [_keep(s)])
    return "".join(_keep(p) for p in parts)


@lru_cache(maxsize=4096)
def full(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(name, style=Style.NORMAL, errors=lambda s: [_keep(s)])
    return "".join(_keep(p) for p in parts)
