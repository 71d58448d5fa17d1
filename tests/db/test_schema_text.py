"""``db.schema_text`` is what ``verify`` and ``show`` know of the tables
without loading SQLAlchemy: it must say exactly what the models say."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Column, Integer

from charity_pos.db import schema_gen, schema_text
from charity_pos.db.base import Base
from charity_pos.db.models import Item
from charity_pos.ledger import seal, seal_body
from charity_pos.ledger.canonical import journaled_columns, journaled_tables


def test_the_file_is_what_the_models_write() -> None:
    """After a model changes, ``python -m charity_pos.db.schema_gen`` writes it again."""
    assert Path(schema_text.__file__).read_text(encoding="utf-8") == schema_gen.render()


def test_it_says_what_the_metadata_says() -> None:
    tables = Base.metadata.tables
    assert sorted(schema_text.TABLES) == sorted(tables)
    for name, table in schema_text.TABLES.items():
        model = tables[name]
        assert [(c.name, c.key, bool(c.primary_key), c.info.get("journal", True)) for c in model.columns] == [
            (c.name, c.key, c.primary, c.journal) for c in table.columns], name
        assert [c.name for c in model.primary_key.columns] == [c.name for c in table.primary_key], name
    assert [t.name for t in journaled_tables()] == [t.name for t in schema_text.journaled_tables()]
    for model, table in zip(journaled_tables(), schema_text.journaled_tables(), strict=True):
        assert [c.key for c in journaled_columns(model)] == [c.key for c in table.journaled_columns()]


def test_a_column_added_to_a_model_and_not_here_fails() -> None:
    table = Item.__table__
    extra = Column("shelf_number", Integer)
    table.append_column(extra)
    try:
        assert schema_gen.render() != Path(schema_text.__file__).read_text(encoding="utf-8")
        assert [c.name for c in table.columns] != [c.name for c in schema_text.TABLES["item"].columns]
    finally:
        table._columns.remove(extra)  # type: ignore[attr-defined]
        table.c  # noqa: B018
    assert schema_gen.render() == Path(schema_text.__file__).read_text(encoding="utf-8")


def test_a_type_the_writer_does_not_know_stops_it() -> None:
    """A new column type needs a decision on how ``verify`` reads it."""
    from sqlalchemy import MetaData, Numeric, Table

    with pytest.raises(TypeError, match="item.price"):
        schema_gen.kind_of(Table("item", MetaData(), Column("price", Numeric)).c.price)


def test_the_seal_covers_the_columns_the_models_keep_private() -> None:
    """``sealed_columns`` (from schema_text) is what the models say is outside the journal."""
    assert seal.sealed_columns is seal_body.sealed_columns
    journaled = {t.name for t in journaled_tables()}
    for name, columns in seal_body.sealed_columns().items():
        model = Base.metadata.tables[name]
        key = [c.name for c in model.primary_key.columns]
        if name in journaled:
            assert columns == key + [c.name for c in model.columns if not c.info.get("journal", True)]
        else:
            assert columns == key + [c.name for c in model.columns if c.name not in key]
