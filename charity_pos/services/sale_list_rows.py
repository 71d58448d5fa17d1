"""The sales' listing in plain SQL: what the sales service lists (the
recent sales screen) and what ``show sales`` reads through the driver
alone (no SQLAlchemy)."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime

from charity_pos.services.stored_rows import stored_at, stored_id


@dataclass(frozen=True)
class SaleRow:
    id: uuid.UUID
    number: str
    completed_at: datetime
    cashier: str
    till: str
    lines: int
    units: int
    total_fen: int
    methods: tuple[str, ...]
    status: str
    returned_fen: int


_SALES = ("SELECT sale.id, sale.number, sale.completed_at, app_user.username, cash_shift.till, units.lines,"
          " units.units, sale.total_fen, sale.status, refunds.fen FROM sale"
          " JOIN app_user ON app_user.id = sale.cashier_id JOIN cash_shift ON cash_shift.id = sale.shift_id"
          " JOIN (SELECT sale_id, count(*) AS lines, sum(quantity) AS units FROM sale_line GROUP BY sale_id) units"
          " ON units.sale_id = sale.id"
          " LEFT OUTER JOIN (SELECT sale_return.sale_id, sum(refund.amount_fen) AS fen FROM sale_return"
          " JOIN refund ON refund.return_id = sale_return.id GROUP BY sale_return.sale_id) refunds"
          " ON refunds.sale_id = sale.id")


def sale_rows(raw: sqlite3.Connection, *, limit: int | None = 200,
              shift_id: uuid.UUID | None = None) -> list[SaleRow]:
    """Sales, newest first (the last ``limit``; all when None), of one shift
    or all, with how many lines and units, how they were paid and what was
    refunded."""
    sql, params = _SALES, []
    if shift_id is not None:
        sql += " WHERE sale.shift_id = ?"
        params.append(shift_id.hex)
    sql += " ORDER BY sale.completed_at DESC, sale.number DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    rows = raw.execute(sql, params).fetchall()
    methods: dict[str, list[str]] = {}
    stored = [row[0] for row in rows]
    for start in range(0, len(stored), 500):
        chunk = stored[start:start + 500]
        for sale_id, method in raw.execute(f"SELECT sale_id, method FROM payment WHERE sale_id IN"
                                           f" ({', '.join('?' * len(chunk))}) ORDER BY position", chunk):
            methods.setdefault(sale_id, []).append(method)
    return [SaleRow(stored_id(sale_id), number, stored_at(at), username, till, int(n_lines), int(n_units), total,
                    tuple(dict.fromkeys(methods.get(sale_id, []))), status, int(refunded or 0))
            for sale_id, number, at, username, till, n_lines, n_units, total, status, refunded in rows]
