"""The hub reads a payload's changes the fast way (``payloads._changes``: the common case written out in one
loop, each read table's columns checked by one function made from its checks, ``payloads.ROW_READERS``) with
the same outcome as change by change (``payloads._change``, each column by its check): the same changes and
values, or the same refusal naming the same field. On the demo store's every payload, on payloads altered
one field at a time, and on any value hypothesis thinks of in any column."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charity_pos.hub import payloads
from charity_pos.hub.payloads import READ, ROW_READERS, Change, PayloadInvalid, read_payload
from charity_pos.domain.safe_json import INT32_MAX
from tests.hub import SourceStore, source  # noqa: F401  (fixtures)

_MISSING = payloads._MISSING
UUID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


def one_by_one(text: str) -> tuple[Change, ...] | str:
    """The payload read change by change through ``_change`` (what ``read_payload`` did before), or the
    field its refusal names."""
    try:
        read_payload(text)  # the payload's own checks (JSON, its keys, facts) come first in both
    except PayloadInvalid as exc:
        if exc.field.startswith("changes["):
            pass
        else:
            return exc.field
    changes = json.loads(text)["changes"]
    out = []
    try:
        for index, change in enumerate(changes):
            checked = payloads._change(index, change)
            if checked is not None:
                out.append(checked)
    except PayloadInvalid as exc:
        return exc.field
    return tuple(out)


def fast(text: str) -> tuple[Change, ...] | str:
    try:
        return read_payload(text)
    except PayloadInvalid as exc:
        return exc.field


def test_every_payload_of_the_demo_store_reads_the_same_both_ways(source: SourceStore) -> None:  # noqa: F811
    read = [fast(event["payload"]) for event in source.events]
    assert read == [one_by_one(event["payload"]) for event in source.events]
    assert all(isinstance(changes, tuple) for changes in read), "the demo's payloads are all good"
    tables = {change.table for changes in read for change in changes}
    assert {"sale", "sale_line", "donation", "donation_line", "stock_movement", "item", "handout"} <= tables


ALTERATIONS: list[tuple[str, Any]] = [
    ("op", "upsert"), ("op", None), ("op", 1), ("table", "Sale"), ("table", ""), ("table", 7), ("table", "x" * 70),
    ("id", UUID.upper()), ("id", UUID.replace("-", "")), ("id", None), ("id", 5), ("row", None), ("row", []),
    ("row", "{}"), ("extra", 1), ("-op", None), ("-id", None), ("-row", None), ("-table", None),
]


def _altered(change: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    changed = dict(change)
    if field.startswith("-"):
        changed.pop(field[1:], None)
    else:
        changed[field] = value
    return changed


def test_a_change_altered_anywhere_is_refused_or_read_alike(source: SourceStore) -> None:  # noqa: F811
    """Each alteration of each field of the first change of each table met, and each column of its row set
    to values a store never writes: the fast way names the field the change-by-change way names."""
    seen: set[tuple[str, str]] = set()
    tried = refused = 0
    for event in source.events:
        payload = json.loads(event["payload"])
        for index, change in enumerate(payload["changes"]):
            if (change["table"], change["op"]) in seen:
                continue
            seen.add((change["table"], change["op"]))
            variants = [_altered(change, field, value) for field, value in ALTERATIONS]
            for column in (change.get("row") or {}):
                for value in (None, "", "x" * 200, -1, 2**31, 1.5, True, [], {}, UUID, "2026-01-01T00:00:00",
                              2**64, -(2**63) - 1, 10**30):
                    variants.append(dict(change, row=dict(change["row"], **{column: value})))
            for variant in variants:
                changes = list(payload["changes"])
                changes[index] = variant
                text = json.dumps(dict(payload, changes=changes), ensure_ascii=False)
                expected = one_by_one(text)
                assert fast(text) == expected, (change["table"], variant)
                tried += 1
                refused += isinstance(expected, str)
    assert tried > 500 and refused > 200  # many of each


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**63, max_value=2**63 - 1) | st.floats(allow_nan=False)
    | st.text(max_size=50) | st.sampled_from([UUID, UUID.upper(), "2026-03-01T08:00:00+08:00", "2026-03-01",
                                              "2026-03-01T08:00:00", "a" * 64, "0" * 64, "x" * 101, INT32_MAX,
                                              INT32_MAX + 1, -INT32_MAX, -INT32_MAX - 1, 0, -1]),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=5), inner, max_size=2),
    max_leaves=4)


@pytest.mark.parametrize("table", sorted(READ))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_row_reader_checks_each_column_as_its_check_does(table: str, data: st.DataObject) -> None:
    columns = READ[table]
    row = {column: data.draw(JSON_VALUES, label=column) for column in columns
           if data.draw(st.booleans(), label=f"{column} present")}
    try:
        expected: dict[str, Any] | None = {column: check(row.get(column, _MISSING)) for column, check in columns.items()}
    except ValueError:
        expected = None
    try:
        got: dict[str, Any] | None = ROW_READERS[table](row)
    except ValueError:
        got = None
    assert got == expected
    if got is not None and expected is not None:
        assert [type(v) for v in got.values()] == [type(v) for v in expected.values()]
