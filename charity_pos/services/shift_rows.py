"""The cash shifts and what each should hold, in plain SQL: what the shift
service reads (its listing, its summaries, the close) and what ``show
shifts`` reads through the driver alone (no SQLAlchemy)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from charity_pos.services.stored_rows import stored_at, stored_at_or_none, stored_id

METHODS = ("cash", "wechat", "alipay", "unionpay", "voucher")


@dataclass(frozen=True)
class ShiftRow:
    id: uuid.UUID
    number: str
    till: str
    opened_at: datetime
    opened_by: str
    float_fen: int
    closed_at: datetime | None
    closed_by: str | None


@dataclass(frozen=True)
class ShiftSummary:
    shift: ShiftRow
    sales_count: int
    sales_fen: int
    donated_sales_fen: int
    returns_count: int
    returns_fen: int
    voids_count: int
    voids_fen: int
    discounts_fen: int
    expected_fen: dict[str, int]  # per method; cash includes the float
    counted_fen: dict[str, int] | None = None
    denominations: tuple[tuple[int, int], ...] = ()
    difference_reason: str = ""
    approved_by: str | None = None

    def difference(self, method: str) -> int | None:
        if self.counted_fen is None:
            return None
        return self.counted_fen.get(method, 0) - self.expected_fen.get(method, 0)


#: A shift as ``shift_row`` and ``summary`` take it.
SHIFT = ("SELECT id, number, till, opened_at, opened_by, float_fen, closed_at, closed_by, counted, difference_reason,"
         " approved_by FROM cash_shift")


def _username(raw: sqlite3.Connection, user_id: Any) -> str | None:
    if user_id is None:
        return None
    found = raw.execute("SELECT username FROM app_user WHERE id = ?", (str(user_id),)).fetchone()
    return None if found is None else str(found[0])


def shift_row(raw: sqlite3.Connection, stored: tuple[Any, ...]) -> ShiftRow:
    """A row of ``SHIFT`` as a ``ShiftRow``, its people by user name."""
    shift_id, number, till, opened_at, opened_by, float_fen, closed_at, closed_by = stored[:8]
    return ShiftRow(stored_id(shift_id), number, till, stored_at(opened_at), _username(raw, opened_by) or "",
                    float_fen, stored_at_or_none(closed_at), _username(raw, closed_by))


def shift_rows(raw: sqlite3.Connection, limit: int | None = 100) -> list[ShiftRow]:
    """Shifts, newest first (the last ``limit``; all when None)."""
    sql = SHIFT + " ORDER BY opened_at DESC" + ("" if limit is None else f" LIMIT {int(limit)}")
    return [shift_row(raw, stored) for stored in raw.execute(sql).fetchall()]


def summary(raw: sqlite3.Connection, shift_id: uuid.UUID) -> ShiftSummary:
    """What a shift took and gave back, and what its drawer should hold."""
    stored = raw.execute(SHIFT + " WHERE id = ?", (shift_id.hex,)).fetchone()
    key = stored[0]
    float_fen, counted_text, reason, approved_by = stored[5], stored[8], stored[9], stored[10]
    totals = {status: (int(n), int(fen)) for status, n, fen in raw.execute(
        "SELECT status, count(*), coalesce(sum(total_fen), 0) FROM sale WHERE shift_id = ? GROUP BY status", (key,))}
    sales_count, sales_fen = totals.get("completed", (0, 0))
    voids_count, voids_fen = totals.get("voided", (0, 0))
    returns_count, returns_fen = raw.execute(
        "SELECT count(*), coalesce(sum(total_fen), 0) FROM sale_return WHERE shift_id = ?", (key,)).fetchone()
    expected = dict.fromkeys(METHODS, 0)
    expected["cash"] = float_fen
    for method, amount in raw.execute(
            "SELECT payment.method, sum(payment.amount_fen) FROM payment JOIN sale ON sale.id = payment.sale_id"
            " WHERE sale.shift_id = ? AND sale.status = 'completed' GROUP BY payment.method", (key,)):
        expected[method] += int(amount)
    for method, amount in raw.execute(
            "SELECT refund.method, sum(refund.amount_fen) FROM refund JOIN sale_return ON sale_return.id = refund.return_id"
            " WHERE sale_return.shift_id = ? GROUP BY refund.method", (key,)):
        expected[method] -= int(amount)
    lines = raw.execute(
        "SELECT line.source, line.quantity, line.list_price_fen, line.amount_fen, line.ticket_discount_fen"
        " FROM sale_line line JOIN sale ON sale.id = line.sale_id"
        " WHERE sale.shift_id = ? AND sale.status = 'completed'", (key,)).fetchall()
    donated = sum(amount - share for source, _, _, amount, share in lines if source == "donated")
    discounts = sum(qty * price - amount + share for _, qty, price, amount, share in lines)
    counted = json.loads(counted_text) if counted_text else None
    denominations: tuple[tuple[int, int], ...] = ()
    counted_fen = None
    if counted is not None:
        denominations = tuple((int(v), int(n)) for v, n in sorted(counted["cash"].items(), key=lambda p: -int(p[0])))
        counted_fen = {m: int(counted.get(m, 0)) for m in METHODS if m != "cash"}
        counted_fen["cash"] = sum(v * n for v, n in denominations)
    return ShiftSummary(
        shift_row(raw, stored), sales_count, sales_fen, donated, int(returns_count), int(returns_fen), voids_count,
        voids_fen, discounts, expected, counted_fen, denominations, reason or "", _username(raw, approved_by))


def summaries(raw: sqlite3.Connection, limit: int | None = None) -> list[ShiftSummary]:
    """Each shift's summary, newest first (the last ``limit``; all when None)."""
    return [summary(raw, row.id) for row in shift_rows(raw, limit)]
