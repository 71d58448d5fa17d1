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
every number. It parses with orjson, several times faster than the
standard library, and hands the standard library's parser records longer
than 64 KB (rare; read as before, in as little memory) and whatever orjson
would read otherwise: text orjson refuses (NaN, a float beyond range, an
escaped lone surrogate, bad UTF-8, a syntax error: the standard library
then says which refusal, or reads what it accepts), text with enough
brackets to nest deeper than either parser goes, and text with an integer
of 19 digits or more (beyond 64 bits orjson reads a float). So a record
comes back as the same values, or is refused for the same reason, as with
the standard library alone.

Every refusal is a ``JsonRefused`` (a ValueError) whose ``reason`` is
``syntax``, ``depth`` or ``number``.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import orjson

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


#: at most this many brackets: nested no deeper than both parsers go (orjson 1,024, the standard library
#: Python's recursion limit less the caller's frames); more goes to the standard library, as before
_FAST_BRACKETS = 512
#: records longer than this (a few events of a whole list) go to the standard library, as before: the fast
#: path's copies of the text (UTF-8, the marks) would raise an import's peak of memory by as much
_FAST_MAX = 64 * 1024
#: digits made 0 and '[' made '{': one pass over a record for both of ``_orjson_reads_alike``'s questions
_MARKS = bytes.maketrans(b"0123456789[", b"0000000000{")
#: a run of digits that long may be an integer beyond 64 bits, which orjson reads as a float
_LONG_RUN = b"0" * 19
_BEFORE_NUMBER = frozenset(b":{,")
_SPACE_OR_SIGN = frozenset(b" \t\r\n-")


def _orjson_reads_alike(raw: bytes) -> bool:
    """Whether orjson reads ``raw`` as the standard library does, or refuses it (then the standard library
    is asked): not when it holds enough brackets to nest deeper than either parser goes, nor an integer
    of 19 digits or more (a run of digits at a value's place: after ':', '[' or ',' and maybe a sign; a
    run inside a string is read alike)."""
    marked = raw.translate(_MARKS)
    if marked.count(b"{") > _FAST_BRACKETS:
        return False
    at = marked.find(_LONG_RUN)
    while at >= 0:
        before = at - 1
        while before >= 0 and marked[before] in _SPACE_OR_SIGN:
            before -= 1
        if before < 0 or marked[before] in _BEFORE_NUMBER:
            return False
        at += len(_LONG_RUN)
        while at < len(marked) and marked[at] == 0x30:  # the rest of this run
            at += 1
        at = marked.find(_LONG_RUN, at)
    return True


def loads_record(data: str | bytes | bytearray | memoryview) -> Any:
    raw: bytes | None = None
    if len(data) > _FAST_MAX:
        pass  # a record that long is rare: read as before, without the copies the fast path makes
    elif type(data) is bytes:
        raw = data
    elif type(data) is str:
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: orjson refuses it, the standard library reads it
            raw = None
    if raw is not None and _orjson_reads_alike(raw):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # the standard library's refusal (or reading: NaN, lone surrogates) below
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
