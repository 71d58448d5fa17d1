"""``rebuild`` writes each journal row through the driver's connection: a
value's stored form must be exactly what SQLAlchemy stores for it (the
column type read as the app reads it, then its bind processing), whether it
takes the shortcut for the form the app writes or the slow way."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from charity_pos.ledger.canonical import journaled_columns, journaled_tables
from charity_pos.sync.rebuild import _slow, stored_form

DIALECT = SQLiteDialect_pysqlite()
UUIDS = ["0f8fad5b-d9cb-469f-a165-70867728950e", "0F8FAD5B-D9CB-469F-A165-70867728950E",
         "{0f8fad5b-d9cb-469f-a165-70867728950e}", "0f8fad5bd9cb469fa16570867728950e",
         "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", "0f8fad5b-d9cb-469f-a165-70867728950", "", None, 7]
TIMES = ["2026-03-10T08:00:00.123456+00:00", "2026-03-10T08:00:00+00:00", "2026-03-10T16:00:00.123456+08:00",
         "2026-03-10 08:00:00.123456+00:00", "2026-02-30T08:00:00.123456+00:00", "2026-03-10T24:00:00.000000+00:00",
         "2026-03-10T08:00:00.123456", "２０２６-03-10T08:00:00.123456+00:00", "", None, 5]


def outcome(read: Any, value: Any) -> tuple[str, Any]:
    try:
        return "stored", read(value)
    except Exception as exc:  # noqa: BLE001 - what fails must fail the same way
        return "refused", type(exc).__name__


def columns_of(kind: str) -> list[Any]:
    found = [c for table in journaled_tables() for c in journaled_columns(table) if type(c.type).__name__ == kind]
    assert found, kind
    return found


@pytest.mark.parametrize(("kind", "values"), [("Uuid", UUIDS), ("UtcDateTime", TIMES),
                                              ("Date", ["2026-03-10", "2026-02-30", None]),
                                              ("Boolean", [True, False, 1, 0, None]),
                                              ("Integer", [3290, -1, None]), ("String", ["王丽华", "", None])])
def test_every_journal_value_is_stored_as_sqlalchemy_stores_it(kind: str, values: list[Any]) -> None:
    for column in columns_of(kind):
        fast, slow = stored_form(column, DIALECT), _slow(column, DIALECT)
        for value in values:
            assert outcome(fast, value) == outcome(slow, value), (column, value)


def test_the_app_s_forms_take_the_shortcut_and_refuse_the_impossible() -> None:
    (uuid_column, *_), (time_column, *_) = columns_of("Uuid"), columns_of("UtcDateTime")
    assert stored_form(uuid_column, DIALECT)(UUIDS[0]) == "0f8fad5bd9cb469fa16570867728950e"
    assert stored_form(time_column, DIALECT)(TIMES[0]) == "2026-03-10 08:00:00.123456"
    assert stored_form(time_column, DIALECT)(TIMES[2]) == "2026-03-10 08:00:00.123456"  # the slow way: in UTC
    assert outcome(stored_form(time_column, DIALECT), TIMES[4]) == ("refused", "ValueError")
