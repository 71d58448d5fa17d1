"""JSON as a bundle may hold it, read defensively.

``loads`` reads a whole JSON text (a manifest, rules.json, one line of a
content file): UTF-8 only, nested no deeper than ``max_depth`` (checked
before parsing, so a file of ten thousand ``[`` costs nothing), integers
within signed 64 bits, no ``NaN``, ``Infinity`` or float beyond range.

``loads_record`` is for the records a bundle holds by the hundred thousand
(event lines and their payloads): the same refusals of constants and
floats, and a nesting too deep for the parser refused as ``depth``; what
each field may hold, integers' ranges included, is the record's schema's to
check (``charity_pos.hub.payloads``), which is far cheaper than a hook on
every number.

Every refusal is a ``JsonRefused`` (a ValueError) whose ``reason`` is
``syntax``, ``depth`` or ``number``.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

#: deeper than anything charity-pos writes (a payload's rows sit at depth 4)
MAX_DEPTH = 16
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
INT32_MAX = 2**31 - 1
_PLAIN = frozenset({str, int, float, bool, type(None)})


class JsonRefused(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_ESCAPE = re.compile(r"\\.", re.DOTALL)
_STRING = re.compile(r'"[^"]*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_PAIR = re.compile(r"\[\]|\{\}")


def within_depth(text: str, limit: int) -> bool:
    """Whether no array or object in ``text`` is nested deeper than ``limit``:
    strings dropped, then the innermost pairs of brackets peeled off, one
    level a pass. Text whose brackets do not pair up is left to the parser
    to refuse."""
    if text.count("[") + text.count("{") <= limit:
        return True
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", _ESCAPE.sub("", text)))
    for _ in range(limit):
        if not brackets:
            return True
        brackets, found = _PAIR.subn("", brackets)
        if not found:
            return True  # not JSON: json.loads says so
    return not brackets


def _constant(name: str) -> Any:
    raise JsonRefused("number")  # NaN, Infinity, -Infinity


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999
        raise JsonRefused("number")
    return value


def _int64(text: str) -> int:
    if len(text) > 20:  # before int() spends time on it
        raise JsonRefused("number")
    value = int(text)
    if not INT64_MIN <= value <= INT64_MAX:
        raise JsonRefused("number")
    return value


def _text(data: str | bytes | bytearray | memoryview) -> str:
    if isinstance(data, str):
        return data
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise JsonRefused("syntax") from None


_STRICT = json.JSONDecoder(parse_constant=_constant, parse_float=_float, parse_int=_int64)
_RECORD = json.JSONDecoder(parse_constant=_constant, parse_float=_float)


def loads(data: str | bytes | bytearray | memoryview, *, max_depth: int = MAX_DEPTH) -> Any:
    text = _text(data)
    if not within_depth(text, max_depth):
        raise JsonRefused("depth")
    return _parse(text, _STRICT)


def loads_record(data: str | bytes | bytearray | memoryview) -> Any:
    return _parse(_text(data), _RECORD)


def _parse(text: str, decoder: json.JSONDecoder) -> Any:
    try:
        return decoder.decode(text)
    except JsonRefused:
        raise
    except RecursionError:  # deeper than the parser goes
        raise JsonRefused("depth") from None
    except ValueError:
        raise JsonRefused("syntax") from None


def check_nested(value: Any, max_depth: int) -> None:
    """Refuse a parsed value nested deeper than ``max_depth`` or holding an
    integer beyond 64 bits (for parts of a record no schema describes)."""
    if isinstance(value, dict) and all(type(v) in _PLAIN for v in value.values()):
        if max_depth < 1 or any(type(v) is int and not INT64_MIN <= v <= INT64_MAX for v in value.values()):
            raise JsonRefused("depth" if max_depth < 1 else "number")
        return  # the common case: an object of plain values
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            if type(item) is int and not INT64_MIN <= item <= INT64_MAX:
                raise JsonRefused("number")
            continue
        if depth > max_depth:
            raise JsonRefused("depth")
        stack.extend((child, depth + 1) for child in children)
