"""The checks ``verify`` makes beyond the journal's chain and its replay:
the schema against the models, the seal, truncation, canonical stored
values, the audit log's chain, sealed tables' digests and document numbers.

Each returns the first ``Problem`` it finds, or None.
"""

from __future__ import annotations

import hmac
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from charity_pos.db import migrate, plain
from charity_pos.db.schema_text import TABLES, Column
from charity_pos.domain.numbers import BARCODE_COUNTERS, KINDS, parse_number
from charity_pos.ledger import seal_body as sealing
from charity_pos.ledger.canonical import GENESIS
from charity_pos.ledger.verify import AS_STORED, MEMO, Problem, _raw, model_column, written_form

Connection = Any  # the driver's connection, or a SQLAlchemy one (``verify._raw``)


def revision_state(conn: Connection) -> tuple[str | None, bool, bool]:
    """The file's schema revision, whether it is this version's, and
    whether it has the seal (a file of an earlier version has none)."""
    try:
        revision = plain.revision(_raw(conn))
    except plain.NeedsAlembic:  # only Alembic says (never so on a file the driver alone opened)
        revision = migrate.STORE.current(conn)
    at_head = revision == migrate.STORE.head()
    sealed = revision is not None and not migrate.STORE.is_before(revision, sealing.SEAL_REVISION)
    return revision, at_head, sealed


# --- schema ------------------------------------------------------------------------------------------
def schema(conn: Connection) -> Problem | None:
    """Tables, columns, triggers and views against the models: anything
    missing or added is named."""
    raw = _raw(conn)
    objects = raw.execute("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
    for kind, name, table in sorted(objects):
        if kind in ("trigger", "view"):
            return Problem("schema", table=table, record=name, detail=f"extra_{kind}")
    expected = {t.name: [c.name for c in t.columns] for t in TABLES.values()}
    expected["alembic_version"] = ["version_num"]
    present = sorted(name for kind, name, _ in objects if kind == "table")
    for name in present:
        if name not in expected:
            return Problem("schema", table=name, detail="extra_table")
    for name in sorted(expected):
        if name not in present:
            return Problem("schema", table=name, detail="missing_table")
        columns = [row[1] for row in raw.execute(f'PRAGMA table_info("{name}")')]
        for column in expected[name]:
            if column not in columns:
                return Problem("schema", table=name, column=column, detail="missing_column")
        for column in columns:
            if column not in expected[name]:
                return Problem("schema", table=name, column=column, detail="extra_column")
    return None


# --- the seal and truncation ---------------------------------------------------------------------------
def check_seal(conn: Connection, events: int, head_hash: str,
         key: bytes | None) -> tuple[dict[str, Any] | None, Problem | None]:
    """The seal is there, names this journal's head and (with the key) was
    written by the app."""
    raw = _raw(conn)
    stored = sealing.read_seal(raw)
    if stored is None:
        return None, Problem("seal_missing")
    body, tag = stored
    if key is not None and (not hmac.compare_digest(tag, sealing.mac(key, body))
                            or body.get("v") != sealing.VERSION):
        return None, Problem("seal_forged")
    sealed_head = body.get("journal")
    if not (isinstance(sealed_head, list) and len(sealed_head) == 2 and isinstance(sealed_head[0], int)):
        return None, Problem("seal_forged")
    if events < sealed_head[0]:
        return None, Problem("truncated", seq=events, expected=sealed_head[0], found=events)
    if [events, head_hash] != sealed_head:
        return None, Problem("seal_head", seq=events, expected=sealed_head[0], found=events)
    return body, None



def acknowledged(conn: Connection, events: int) -> Problem | None:
    """The district acknowledged (and the store exported) events the file
    no longer holds."""
    raw = _raw(conn)
    try:
        row = raw.execute("SELECT district_events_seq, last_exported_seq FROM sync_state WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    if row is None:
        return None
    held, exported = row
    if isinstance(held, int) and held > events:
        return Problem("truncated_hub", seq=events, expected=held, found=events)
    if isinstance(exported, int) and exported > events:
        return Problem("truncated_hub", seq=events, expected=exported, found=events)
    return None


# --- canonical stored values ---------------------------------------------------------------------------
def _canonical(column: Column) -> Callable[[Any], bool]:
    """Whether a stored value of ``column`` is exactly what the app writes
    for the value it reads as (an upper-case UUID, ``active = 2`` or ``'5'``
    in a number column read the same but are not). Made once per column:
    the type's processors are the same for every row."""
    if column.kind == "boolean":
        return lambda raw_value: raw_value is None or (type(raw_value) is int and raw_value in (0, 1))
    if column.kind == "integer":
        return lambda raw_value: raw_value is None or type(raw_value) is int
    if column.kind in AS_STORED:
        return lambda raw_value: raw_value is None or type(raw_value) is str

    def check(raw_value: Any) -> bool:
        if raw_value is None:
            return True
        model, dialect = model_column(column)  # SQLAlchemy, for a value not in the written form
        kind = model.type.dialect_impl(dialect)
        result = kind.result_processor(dialect, None)
        bind = kind.bind_processor(dialect)
        try:
            value = result(raw_value) if result else raw_value
            back = bind(value) if bind else value
        except (ValueError, TypeError, AttributeError):
            return False
        return type(back) is type(raw_value) and back == raw_value

    written = written_form(column)
    if written is None:
        return check

    seen: set[str] = set()  # texts found in the written form already: a key or time repeats down a column

    def check_written(raw_value: Any) -> bool:
        # the one form the app writes is canonical (it reads back and writes
        # again as itself); anything else gets the whole round trip
        if type(raw_value) is str:
            if raw_value in seen:
                return True
            if written(raw_value) is not None:
                if len(seen) >= MEMO:
                    seen.clear()
                seen.add(raw_value)
                return True
        return check(raw_value)

    return check_written


_HEX32 = "[0-9a-f]" * 32
_DIGITS = {"date": "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]",
           "utc_datetime": "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]."
                           "[0-9][0-9][0-9][0-9][0-9][0-9]"}


def _surely_canonical(column: Column) -> str:
    """An SQL condition that holds only for stored values ``_canonical``
    accepts (the form the app writes, in SQLite's own terms), so that the
    rows it holds for in every column need no check in Python: the check
    runs in SQLite, and only the other rows are read."""
    c = f'"{column.name}"'
    if column.kind == "boolean":
        sure = f"typeof({c}) = 'integer' AND {c} IN (0, 1)"
    elif column.kind == "integer":
        sure = f"typeof({c}) = 'integer'"
    elif column.kind in AS_STORED:
        sure = f"typeof({c}) = 'text'"
    elif column.kind == "uuid":
        sure = f"typeof({c}) = 'text' AND {c} GLOB '{_HEX32}'"
    elif column.kind == "date":  # a real day (SQLite moves the 30th of February on), not year 0
        sure = f"typeof({c}) = 'text' AND {c} GLOB '{_DIGITS['date']}' AND date(julianday({c})) IS {c} AND {c} >= '0001'"
    elif column.kind == "utc_datetime":
        sure = (f"typeof({c}) = 'text' AND {c} GLOB '{_DIGITS['utc_datetime']}'"
                f" AND datetime(julianday(substr({c}, 1, 19))) IS substr({c}, 1, 19) AND {c} >= '0001'")
    else:
        return "0"
    return f"({c} IS NULL OR ({sure}))"


def representation(conn: Connection) -> Problem | None:
    raw = _raw(conn)
    for name in sorted(TABLES):
        table = TABLES[name]
        columns = list(table.columns)
        checks = [(column, _canonical(column)) for column in columns]
        names = ", ".join(f'"{c.name}"' for c in columns)
        sure = " AND ".join(_surely_canonical(c) for c in columns)
        for row in raw.execute(f'SELECT rowid, {names} FROM "{table.name}" WHERE NOT ({sure}) ORDER BY rowid'):
            for (column, canonical), value in zip(checks, row[1:], strict=True):
                if not canonical(value):
                    key = {c.name: v for c, v in zip(columns, row[1:], strict=True)}
                    record = ",".join(str(key[c.name]) for c in table.primary_key)
                    return Problem("representation", table=table.name, record=record, column=column.name,
                                   found=repr(value))
    return None


# --- the audit log ----------------------------------------------------------------------------------------
def audit_chain(conn: Connection, body: dict[str, Any]) -> Problem | None:
    raw = _raw(conn)
    expected_seq, prev = 1, GENESIS
    for row in raw.execute(f"SELECT {sealing.AUDIT_COLUMNS} FROM audit_entry ORDER BY seq"):
        seq, entry_id, at, action, outcome, user_id, approved_by, detail, prev_hash, digest = row
        if seq != expected_seq:
            return Problem("audit_sequence", seq=seq, expected=expected_seq, found=seq)
        if prev_hash != prev:
            return Problem("audit_link", seq=seq)
        if sealing.audit_hash(prev_hash, seq, entry_id, at, action, outcome, user_id, approved_by, detail) != digest:
            return Problem("audit_hash", seq=seq)
        expected_seq, prev = seq + 1, digest
    if [expected_seq - 1, prev] != body.get("audit"):
        sealed = body.get("audit") or [None]
        return Problem("audit_head", seq=expected_seq - 1, expected=sealed[0], found=expected_seq - 1)
    return None


def digests(conn: Connection, body: dict[str, Any]) -> Problem | None:
    raw = _raw(conn)
    sealed = body.get("tables")
    if not isinstance(sealed, dict):
        return Problem("seal_forged")
    for table, columns in sealing.sealed_columns().items():
        if sealing.table_digest(raw, table, columns) != sealed.get(table):
            return Problem("digest", table=table, detail=", ".join(columns[1:]) if table in _journaled() else "")
    return None


def _journaled() -> set[str]:
    return {name for name, table in TABLES.items() if table.journaled}


# --- document numbers ------------------------------------------------------------------------------------
#: Where document numbers stand: (table, column).
DOCUMENT_COLUMNS = (("donation", "number"), ("receipt", "number"), ("sale", "number"), ("sale_return", "number"),
                    ("cash_shift", "number"), ("handout", "number"), ("stock_movement", "document"),
                    ("stock_lot", "document"), ("fund_use", "number"),
                    ("writeoff", "number"), ("stock_count", "number"), ("transfer", "number"))
#: A quick stock count (``StockService.count``) takes its C number even when every count matched the
#: books: then no row holds it, only its event's facts.
NUMBERED_EVENTS = ("SELECT json_extract(payload, '$.facts.number') FROM journal_event"
                   " WHERE kind = 'stock.counted'")
#: Where in-store barcodes stand, by their counter.
BARCODE_COLUMNS = {"barcode21": (("item", "barcode"),), "barcode22": (("stock_lot", "barcode"),)}


def document_numbers(conn: Connection) -> Problem | None:
    """Every document number is gap-free within its kind and year and its
    counter stands at the last one; in-store barcode counters stand at or
    beyond every code handed out."""
    raw = _raw(conn)
    store = raw.execute("SELECT code FROM store").fetchone()
    if store is None:
        return None
    letters = {letter: kind for kind, letter in KINDS.items()}
    used: dict[tuple[str, int], set[int]] = defaultdict(set)
    for table, column in DOCUMENT_COLUMNS:
        try:
            values = raw.execute(f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL').fetchall()
        except sqlite3.OperationalError:
            continue
        for (value,) in values:
            parsed = parse_number(str(value))
            if parsed and parsed[0] == store[0] and parsed[2] in letters:
                used[(letters[parsed[2]], parsed[1])].add(parsed[3])
    for (value,) in raw.execute(NUMBERED_EVENTS):  # documents that may change no row at all
        parsed = parse_number(str(value)) if value is not None else None
        if parsed and parsed[0] == store[0] and parsed[2] in letters:
            used[(letters[parsed[2]], parsed[1])].add(parsed[3])
    for kind, prefix in BARCODE_COUNTERS.items():
        for table, column in BARCODE_COLUMNS[kind]:
            for (value,) in raw.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" LIKE ?', (f"{prefix}%",)):
                if isinstance(value, str) and len(value) == 13 and value.isdigit():
                    used[(kind, 0)].add(int(value[2:12]))
    counters = {(kind, year): last for kind, year, last in
                raw.execute("SELECT kind, year, last_serial FROM document_sequence")}
    for (kind, year), serials in sorted(used.items()):
        last = counters.get((kind, year))
        if kind in BARCODE_COUNTERS:
            if last is None or last < max(serials):
                return Problem("doc_sequence", table=kind, record=str(year), expected=max(serials), found=last)
            continue
        missing = sorted(set(range(1, max(serials) + 1)) - serials)
        if missing:
            number = f"{letters_of(kind)}{missing[0]:06d}"
            return Problem("doc_sequence", table=kind, record=str(year), detail=f"gap:{number}",
                           expected=max(serials), found=last)
        if last != max(serials):
            return Problem("doc_sequence", table=kind, record=str(year), expected=max(serials), found=last)
    for (kind, year), last in sorted(counters.items()):
        if (kind, year) not in used and last != 0:
            return Problem("doc_sequence", table=kind, record=str(year), expected=0, found=last)
    return None


def letters_of(kind: str) -> str:
    return KINDS.get(kind, "?")


# --- where every donated unit went -------------------------------------------------------------------------
def identity(conn: Connection) -> list[Problem]:
    """Every lot and donation whose units do not add up: received = sold +
    handed out + written off + counted difference + on the shelf, with sales
    and handouts read from their documents and the shelf from the stock
    movements (``fates.check_identity``)."""
    from charity_pos.ledger.fates import check_identity

    found = check_identity(_raw(conn))
    return [Problem("identity", table=bad.kind, record=bad.key, expected=bad.fate.received,
                    found=bad.fate.accounted,
                    detail=",".join(str(n) for n in (bad.fate.sold, bad.fate.handed_out, bad.fate.written_off,
                                                     bad.fate.counted_difference, bad.fate.on_shelf,
                                                     bad.fate.sent_back)))
            for bad in found]
