"""The handouts' listing in plain SQL: what the handout service lists and
what ``show handouts`` reads through the driver alone (no SQLAlchemy).
Households by card number only: no names, no ID numbers."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime

from charity_pos.services.stored_rows import stored_at, stored_id


@dataclass(frozen=True)
class HandoutRow:
    id: uuid.UUID
    number: str
    at: datetime
    card_number: str
    household_category: str
    period_key: str
    lines: int
    units: int
    total_value_fen: int
    over_allowance: bool
    cashier: str


_HANDOUTS = ("SELECT h.id, h.number, h.at, household.card_number, household.category, h.period_key, units.lines,"
             " units.units, h.total_value_fen, h.over_allowance, app_user.username FROM handout h"
             " JOIN household ON household.id = h.household_id JOIN app_user ON app_user.id = h.cashier_id"
             " JOIN (SELECT handout_id, count(*) AS lines, sum(quantity) AS units FROM handout_line"
             " GROUP BY handout_id) units ON units.handout_id = h.id")


def handout_rows(raw: sqlite3.Connection, *, limit: int | None = 200,
                 household_id: uuid.UUID | None = None) -> list[HandoutRow]:
    """Handouts, newest first (the last ``limit``; all when None), of one household or all."""
    sql, params = _HANDOUTS, []
    if household_id is not None:
        sql += " WHERE h.household_id = ?"
        params.append(household_id.hex)
    sql += " ORDER BY h.at DESC, h.number DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [HandoutRow(stored_id(handout_id), number, stored_at(at), card, category, period, int(lines), int(units),
                       total, bool(over), username)
            for handout_id, number, at, card, category, period, lines, units, total, over, username
            in raw.execute(sql, params)]
