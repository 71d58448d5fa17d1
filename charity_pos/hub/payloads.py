"""What the hub reads of a store event's payload, checked before anything
is projected.

Every event the store journals has one payload shape, whatever its kind
(``charity_pos.ledger.journal.append``)::

    {"changes": [{"op": "insert" | "update", "table": T, "id": ID, "row": {column: value}}
                 | {"op": "delete", "table": T, "id": ID}, ...],
     "facts": {...}}

where each row is the full journaled state of the row: its columns' plain
values (text, integers, booleans, null). What a kind changes is told by the
tables in its changes, and the hub reads rows by table, not by kind: so the
schema below is per table, for the tables ``projections`` reads, with the
type and range of each column it reads. Every change must have that shape;
a row of a table the hub does not read must be an object and is kept, as
signed, in ``hub_event`` only (its values never reach a column);
``facts`` must be an object, nested no deeper than the cap.

``read_payload`` returns the changes of the tables the hub reads with their
columns checked and converted (UUIDs as their text, aware datetimes, integers within the
hub's columns), or raises ``PayloadInvalid`` naming the field. Columns a
store of an older version did not write yet are read as null, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from charity_pos.domain.safe_json import INT32_MAX, MAX_DEPTH, JsonRefused, check_nested, loads_record


class PayloadInvalid(ValueError):
    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class Change(NamedTuple):
    table: str
    op: str
    #: the row's id (its text, ``UUID_TEXT``), for the tables the hub keeps by it (``KEYED``); None for the others
    id: str | None
    #: the columns the hub reads, checked and converted; None for a delete
    row: dict[str, Any] | None


_TABLE = re.compile(r"[a-z][a-z0-9_]{0,62}")
#: a UUID as the store writes one (str(uuid.UUID): lower case, with hyphens)
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HASH = re.compile(r"[0-9a-f]{64}")
_KEYS = {"insert": frozenset({"op", "table", "id", "row"}), "update": frozenset({"op", "table", "id", "row"}),
         "delete": frozenset({"op", "table", "id"})}
_MISSING = object()

Check = Callable[[Any], Any]


#: UUIDs' text met lately, each to itself: rows name the same items, lots and sales again and again, and
#: a text met is not matched again (nor kept twice)
_UUIDS: dict[str, str] = {}
_UUIDS_KEPT = 8192


def _uuid(value: Any) -> str:
    """A UUID as the store writes one (``UUID_TEXT``), kept as that text: the hub's columns get it in the
    driver's form (``projections``), which is its text or its 32 hex digits; never a ``uuid.UUID`` made
    and hashed for each of an import's hundreds of thousands."""
    if type(value) is not str:
        raise ValueError
    found = _UUIDS.get(value)
    if found is not None:
        return found
    if not UUID_TEXT.fullmatch(value):
        raise ValueError
    return _remember_uuid(value)


def _remember_uuid(text: str) -> str:
    """``text``, which matched ``UUID_TEXT``, as met from now on."""
    if len(_UUIDS) >= _UUIDS_KEPT:
        _UUIDS.clear()
    _UUIDS[text] = text
    return text


def text(limit: int) -> Check:
    """Text of at most ``limit`` characters (the hub's column); null is ''."""
    def check(value: Any) -> str:
        if value is None or value is _MISSING:
            return ""
        if type(value) is not str or len(value) > limit:
            raise ValueError
        return value
    return _inline(check, "if v is None or v is _MISSING: v = ''",
                   f"elif type(v) is not str or len(v) > {int(limit)}: raise ValueError")


def integer(low: int, high: int = INT32_MAX) -> Check:
    """An integer in [low, high] (the hub's columns are 32 bits on PostgreSQL); null is 0."""
    def check(value: Any) -> int:
        if value is None or value is _MISSING:
            return 0
        if type(value) is not int or not low <= value <= high:
            raise ValueError
        return value
    return _inline(check, "if v is None or v is _MISSING: v = 0",
                   f"elif type(v) is not int or not {int(low)} <= v <= {int(high)}: raise ValueError")


def _inline(check: Check, *lines: str) -> Check:
    """``check`` with the same test as Python lines (``_row_reader``): they turn ``v`` into the checked value
    or raise ValueError, exactly as ``check(v)`` does (tests/hub/test_payloads.py compares them)."""
    check.inline = lines  # type: ignore[attr-defined]  # an attribute of the function object, read by getattr
    return check


#: a UUID's text: met already (``_UUIDS``), else matched by ``_uuid``
_UUID_LINES = ("u = _known(v) if type(v) is str else None", "v = u if u is not None else _uuid(v)")


def uuid_or_none(value: Any) -> str | None:
    return None if value is None or value is _MISSING else _uuid(value)


def uuid_required(value: Any) -> str:
    return _uuid(value)


_inline(uuid_or_none, "if v is None or v is _MISSING: v = None", "else:", *(f"    {line}" for line in _UUID_LINES))
_inline(uuid_required, *_UUID_LINES)

#: times met lately by their text: an event's rows are stamped with the same time
_TIMES: dict[str, datetime] = {}
_TIMES_KEPT = 4096


def time_required(value: Any) -> datetime:
    """An aware time as ISO text (the hub's columns hold UTC: one that has none is refused here)."""
    if type(value) is not str or len(value) > 40:
        raise ValueError
    found = _TIMES.get(value)
    if found is not None:
        return found
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:00-05:00
        raise ValueError from None
    if len(_TIMES) >= _TIMES_KEPT:
        _TIMES.clear()
    _TIMES[value] = moment
    return moment


_inline(time_required, "u = _known_time(v) if type(v) is str else None",
        "v = u if u is not None else _time(v)")


def flag(value: Any) -> bool:
    if value is None or value is _MISSING:
        return False
    if type(value) is not bool:
        raise ValueError
    return value


_inline(flag, "if v is None or v is _MISSING: v = False", "elif type(v) is not bool: raise ValueError")


def hash_or_none(value: Any) -> str | None:
    if value is None or value is _MISSING:
        return None
    if type(value) is not str or not _HASH.fullmatch(value):
        raise ValueError
    return value


def money_or_none(value: Any) -> int | None:
    """Fen, or null for goods that cannot be valued (kept apart from 0)."""
    if value is None or value is _MISSING:
        return None
    if type(value) is not int or not 0 <= value <= INT32_MAX:
        raise ValueError
    return value


def day_required(value: Any) -> date:
    """A calendar day as ISO text (YYYY-MM-DD)."""
    if type(value) is not str or len(value) != 10:
        raise ValueError
    return date.fromisoformat(value)


MONEY = integer(0)
QUANTITY = integer(-INT32_MAX)

#: store table -> {column the hub reads: its check}
READ: dict[str, dict[str, Check]] = {
    "donor": {"kind": text(10)},
    "donation": {"number": text(32), "received_at": time_required, "donor_id": uuid_or_none,
                 "total_value_fen": MONEY, "cash_fen": MONEY},
    "sale": {"number": text(32), "completed_at": time_required, "total_fen": MONEY, "status": text(10)},
    "handout": {"number": text(32), "at": time_required, "household_id": uuid_required,
                "household_hash": hash_or_none, "period_key": text(10), "total_value_fen": MONEY,
                "over_allowance": flag},
    "receipt": {"number": text(32), "donation_id": uuid_required, "status": text(8), "total_fen": MONEY},
    "item": {"name": text(100), "unit": text(10), "category_id": uuid_or_none},
    "category": {"code": text(32), "name": text(50), "sort_order": integer(-INT32_MAX)},
    "household": {"category": text(20)},
    "donation_line": {"donation_id": uuid_required, "item_id": uuid_or_none, "quantity": integer(0),
                      "unit_value_fen": money_or_none},
    "handout_line": {"handout_id": uuid_required, "quantity": integer(0)},
    "sale_line": {"sale_id": uuid_required, "amount_fen": MONEY, "ticket_discount_fen": MONEY,
                  "source": text(12)},
    "sale_return": {"sale_id": uuid_required, "at": time_required, "total_fen": MONEY},
    "fund_use": {"number": text(32), "used_on": day_required, "amount_fen": MONEY, "kind": text(16)},
    "stock_movement": {"item_id": uuid_required, "quantity": QUANTITY, "reason": text(20),
                       "at": time_required},
    "campaign_handout": {"campaign_id": uuid_required, "handout_id": uuid_required, "household_id": uuid_required},
}
#: the tables whose rows the hub keeps by their own id (the others only add to the row they name)
KEYED = frozenset({"donor", "donation", "sale", "handout", "receipt", "item", "category", "household",
                   "donation_line", "sale_return", "fund_use", "stock_movement", "campaign_handout"})


def _row_reader(table: str, columns: dict[str, Check]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """``{column: check(row.get(column)) for column, check in columns.items()}`` as one function made for the
    table, each check written out where it has Python lines (``_inline``), called where not: an import reads
    hundreds of thousands of rows, and the calls were most of its time. Raises ValueError as the checks do."""
    names: dict[str, Any] = {"_MISSING": _MISSING, "_known": _UUIDS.get, "_uuid": _uuid, "_known_time": _TIMES.get,
                             "_time": time_required}
    body = []
    for i, (column, check) in enumerate(columns.items()):  # a store writes every column: a subscript, mostly
        body += ["    try:", f"        v = row[{column!r}]", "    except KeyError:", "        v = _MISSING"]
        lines = getattr(check, "inline", None)
        if lines is None:
            names[f"_check{i}"] = check
            lines = (f"v = _check{i}(v)",)
        body += [f"    {line}" for line in lines]
        body.append(f"    c{i} = v")
    body.append("    return {" + ", ".join(f"{column!r}: c{i}" for i, column in enumerate(columns)) + "}")
    code = f"def read_{table}(row):\n" + "\n".join(body) + "\n"
    exec(compile(code, f"<payloads: {table}>", "exec"), names)  # noqa: S102 - our own text, from READ
    reader: Callable[[dict[str, Any]], dict[str, Any]] = names[f"read_{table}"]  # made by exec just above
    return reader


#: store table -> its row's columns read and checked in one call (``_row_reader``)
ROW_READERS = {table: _row_reader(table, columns) for table, columns in READ.items()}


#: table names met that are names (a store has a few dozen tables): checked once, not on every change
_TABLES: set[str] = set()


def _table_name(table: str) -> bool:
    if not _TABLE.fullmatch(table):
        return False
    if len(_TABLES) < 1024:
        _TABLES.add(table)
    return True


#: ``Change(...)`` without the Python-level ``__new__`` a NamedTuple has (an import makes hundreds of thousands)
_new_change = tuple.__new__


def _change(index: int, change: Any) -> Change | None:
    if type(change) is not dict:
        raise PayloadInvalid(f"changes[{index}]")
    op = change.get("op")
    keys = _KEYS.get(op) if type(op) is str else None
    if keys is None:
        raise PayloadInvalid(f"changes[{index}].op")
    if change.keys() != keys:
        raise PayloadInvalid(f"changes[{index}]")
    table, key, row = change["table"], change["id"], change.get("row")
    if type(table) is not str or (table not in _TABLES and not _table_name(table)):
        raise PayloadInvalid(f"changes[{index}].table")
    if type(key) is not str or (key not in _UUIDS and not UUID_TEXT.fullmatch(key)):  # every id is a UUID
        raise PayloadInvalid(f"changes[{index}].id")
    if op != "delete" and type(row) is not dict:
        raise PayloadInvalid(f"changes[{index}].row")
    columns = READ.get(table)
    if columns is None:
        return None  # a table the hub does not read: kept in hub_event only
    checked_id = (_UUIDS.get(key) or _remember_uuid(key)) if table in KEYED else None  # matched UUID_TEXT above
    if row is None:
        return _new_change(Change, (table, op, checked_id, None))
    try:  # every column at once (the common case: all good), in one call
        values = ROW_READERS[table](row)
    except ValueError:
        get = row.get
        for column, check in columns.items():  # then, to name the first column that is not good
            try:
                check(get(column, _MISSING))
            except ValueError:
                raise PayloadInvalid(f"changes[{index}].row.{column}") from None
        raise
    return _new_change(Change, (table, op, checked_id, values))


def read_payload(text: str) -> tuple[Change, ...]:
    """The changes of an event's payload the hub reads; PayloadInvalid names what is not as a store writes it."""
    try:
        payload = loads_record(text)
    except JsonRefused as exc:
        raise PayloadInvalid("json" if exc.reason == "syntax" else exc.reason) from None
    if type(payload) is not dict or payload.keys() != {"changes", "facts"}:
        raise PayloadInvalid("payload")
    changes, facts = payload["changes"], payload["facts"]
    if type(changes) is not list:
        raise PayloadInvalid("changes")
    if type(facts) is not dict:
        raise PayloadInvalid("facts")
    try:
        check_nested(facts, MAX_DEPTH - 1)
    except JsonRefused:
        raise PayloadInvalid("facts") from None
    return _changes(changes)


def _changes(changes: list[Any]) -> tuple[Change, ...]:
    """``_change`` of each, the common case (a change as a store writes it) written out here with every name
    at hand: an import reads hundreds of thousands. Anything else goes to ``_change``, which refuses it
    naming what is wrong, exactly as before (or takes it, as before: a table's name not met yet)."""
    out: list[Change] = []
    append = out.append
    tables, uuids, readers, keyed, new = _TABLES, _UUIDS, ROW_READERS, KEYED, _new_change
    id_text = UUID_TEXT.fullmatch
    for index, change in enumerate(changes):
        if type(change) is dict:
            try:  # these keys, and no other (4 with the row, 3 without): ``_KEYS``
                op, table, key = change["op"], change["table"], change["id"]
                size = len(change)
                if size == 4:
                    row = change["row"]
                    good = (op == "insert" or op == "update") and type(row) is dict
                else:
                    row = None
                    good = size == 3 and op == "delete"
            except KeyError:
                good = False
            if good and type(table) is str and table in tables and type(key) is str and (
                    key in uuids or id_text(key) is not None):
                read = readers.get(table)
                if read is None:
                    continue  # a table the hub does not read: kept in hub_event only
                try:
                    values = None if row is None else read(row)
                except ValueError:
                    pass  # _change names the column
                else:
                    checked_id = (uuids.get(key) or _remember_uuid(key)) if table in keyed else None
                    append(new(Change, (table, op, checked_id, values)))
                    continue
        checked = _change(index, change)
        if checked is not None:
            append(checked)
    return tuple(out)
