"""What the dashboard shows, gathered in one call that runs off the UI
thread: today's and this month's figures (``reports.figures``, the same every
paper shows), the cash drawer, the stock alerts and thirty days of sales and
donations. Qt-free: a plain value the screen lays out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from charity_pos.reports.alerts import LATER, SOON, ExpiringLot, OutOfStock, near_best_before, out_of_stock_sold
from charity_pos.reports.figures import Figures
from charity_pos.reports.series import DayPoint, daily_series
from charity_pos.services.base import Actor
from charity_pos.services.permissions import Action, require
from charity_pos.services.registry import Services

DAYS = 30


@dataclass(frozen=True)
class Drawer:
    """The open shifts and the cash their drawers should hold now (float included)."""

    shifts: tuple[str, ...]
    tills: tuple[str, ...]
    expected_cash_fen: int


@dataclass(frozen=True)
class Overview:
    today: date
    day: Figures
    month: Figures
    drawer: Drawer
    expiring: tuple[ExpiringLot, ...]  # within LATER days, past ones too
    out_of_stock: tuple[OutOfStock, ...]
    series: tuple[DayPoint, ...]  # the last DAYS days, today included

    @property
    def month_start(self) -> date:
        return self.today.replace(day=1)

    def expiring_within(self, days: int) -> tuple[ExpiringLot, ...]:
        return tuple(lot for lot in self.expiring if lot.days_left <= days)

    @property
    def soon(self) -> tuple[ExpiringLot, ...]:
        return self.expiring_within(SOON)


def load(services: Services, reports: object, shifts: object, actor: Actor, today: date) -> Overview:
    """Everything the dashboard shows for ``today``. ``reports`` and ``shifts``
    are the services to ask (bare ones off the UI thread)."""
    day = reports.figures(actor, today, today)  # type: ignore[attr-defined]  # checks the actor may see it
    month = reports.figures(actor, today.replace(day=1), today)  # type: ignore[attr-defined]
    open_shifts = [row for row in shifts.shifts(limit=100) if row.closed_at is None]  # type: ignore[attr-defined]
    cash = sum(shifts.expected(row.till).expected_fen.get("cash", 0) for row in open_shifts)  # type: ignore[attr-defined]
    drawer = Drawer(tuple(r.number for r in open_shifts), tuple(r.till for r in open_shifts), cash)
    with services.db.read() as session:
        require(session, actor, Action.VIEW_REPORTS)
        expiring = near_best_before(session, today, LATER)
        missing = out_of_stock_sold(session, today)
        series = daily_series(session, today - timedelta(days=DAYS - 1), today)
    return Overview(today, day, month, drawer, expiring, missing, series)
