"""Writes ``schema_text.py``, the plain description of the store's tables,
from the models: ``python -m charity_pos.db.schema_gen`` after changing a
model (tests/db/test_schema_text.py fails until then)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Column, Date, Integer, String, Text, Uuid

from charity_pos.db.base import Base, UtcDateTime

#: Each column type the models use, as ``schema_text`` names it (most
#: specific first). A type not here stops the writing: decide how
#: ``verify`` reads it first.
KINDS = ((UtcDateTime, "utc_datetime"), (Uuid, "uuid"), (Date, "date"), (Boolean, "boolean"),
         (Integer, "integer"), (Text, "text"), (String, "string"))

HEADER = '''"""The store's tables as plain data, for what reads the store file
without SQLAlchemy (``verify``, ``show``): per table, whether the journal
describes it, and its columns in order with their kind, whether the journal
holds them and whether they are in the primary key.

Written by ``python -m charity_pos.db.schema_gen`` from the models; a test
(tests/db/test_schema_text.py) fails when it no longer says what they say.
Do not edit by hand.
"""

from __future__ import annotations

from typing import NamedTuple


class Column(NamedTuple):
    table: str
    name: str
    key: str
    #: uuid, utc_datetime, date, boolean, integer, text or string
    kind: str
    journal: bool
    primary: bool


class Table(NamedTuple):
    name: str
    journaled: bool
    columns: tuple[Column, ...]

    @property
    def primary_key(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.primary)

    def journaled_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.journal)


def _table(name: str, journaled: bool, *columns: tuple[str, str, str, bool, bool]) -> Table:
    return Table(name, journaled, tuple(Column(name, *c) for c in columns))


#: Every table of the store (``alembic_version`` apart), by name.
TABLES: dict[str, Table] = {t.name: t for t in (
'''

FOOTER = ''')}


def journaled_tables() -> list[Table]:
    """Tables whose rows the journal describes, by name (``canonical.journaled_tables``)."""
    return [TABLES[name] for name in sorted(TABLES) if TABLES[name].journaled]
'''


def kind_of(column: Column[Any]) -> str:
    for type_, kind in KINDS:
        if isinstance(column.type, type_):
            return kind
    raise TypeError(f"{column.table.name}.{column.name}: {column.type!r} has no kind in schema_gen.KINDS")


def render() -> str:
    import charity_pos.db.models  # noqa: F401  (every model registered)

    journaled = {m.class_.__table__.name for m in Base.registry.mappers if getattr(m.class_, "__journaled__", False)}
    lines = []
    for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name):
        lines.append(f"    _table({table.name!r}, {table.name in journaled},")
        for c in table.columns:
            lines.append(f"           ({c.name!r}, {c.key!r}, {kind_of(c)!r}, {bool(c.info.get('journal', True))}, "
                         f"{bool(c.primary_key)}),")
        lines.append("           ),")
    return HEADER + "\n".join(lines) + "\n" + FOOTER


def main() -> None:
    Path(__file__).with_name("schema_text.py").write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
