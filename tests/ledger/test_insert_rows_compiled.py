"""``insert_rows`` sends each table's INSERT compiled once: every journaled
table's statement binds each of its columns, by the column's key, in the
table's order, so a row given by keys is sent whole and in place."""

from __future__ import annotations

from charity_pos.ledger.canonical import journaled_tables
from charity_pos.ledger.journal import _compiled_insert
from charity_pos.services.registry import Services


def test_every_journaled_tables_insert_binds_its_columns_by_key(services: Services) -> None:
    dialect = services.db.engine.dialect
    tables = journaled_tables()
    assert len(tables) > 20  # every model is loaded
    for table in tables:
        sql, binds = _compiled_insert(table, dialect)
        assert [key for key, _bind in binds] == [c.key for c in table.columns], table.name
        assert sql.startswith(f"INSERT INTO {table.name} (") and sql.count("?") == len(table.columns)
