"""What the dashboard shows, gathered in one read (``ReportService.overview``,
which the screen calls off the UI thread): today's and this month's figures (``reports.figures``, the same every
paper shows), the cash drawer, the stock alerts and thirty days of sales and
donations. Qt-free: a plain value the screen lays out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.counter import CashShift
from charity_pos.reports.alerts import LATER, SOON, ExpiringLot, OutOfStock, near_best_before, out_of_stock_sold
from charity_pos.reports.figures import Figures, figures, on_hand_by_item
from charity_pos.reports.period import day_start
from charity_pos.reports.series import DayPoint, daily_series

DAYS = 30


@dataclass(frozen=True)
class Drawer:
    """The open shifts and the cash their drawers should hold now (float included)."""

    shifts: tuple[str, ...]
    tills: tuple[str, ...]
    expected_cash_fen: int


@dataclass(frozen=True)
class WrittenOff:
    """Goods written off in a period (报损): W documents, units and their value at sale price."""

    documents: int = 0
    units: int = 0
    value_fen: int = 0


def written_off(session: Session, start: date, end: date) -> WrittenOff:
    from sqlalchemy import func

    from charity_pos.db.writeoffs import Writeoff, WriteoffLine
    from charity_pos.reports.period import utc_range

    lo, hi = utc_range(start, end)
    in_period = (Writeoff.at >= lo) & (Writeoff.at < hi)
    documents, value = session.execute(select(func.count(Writeoff.id), func.coalesce(func.sum(Writeoff.value_fen), 0))
                                       .where(in_period)).one()
    units = session.scalar(select(func.coalesce(func.sum(WriteoffLine.quantity), 0))
                           .join(Writeoff, Writeoff.id == WriteoffLine.writeoff_id).where(in_period))
    return WrittenOff(int(documents), int(units or 0), int(value))


@dataclass(frozen=True)
class Overview:
    today: date
    day: Figures
    month: Figures
    drawer: Drawer
    expiring: tuple[ExpiringLot, ...]  # within LATER days, past ones too
    out_of_stock: tuple[OutOfStock, ...]
    series: tuple[DayPoint, ...]  # the last DAYS days, today included
    #: goods written off this month (报损)
    written_off: WrittenOff = WrittenOff()
    #: of the sales income today and this month, what consigned goods took in: the consignors' money (代销)
    day_consigned_fen: int = 0
    month_consigned_fen: int = 0

    @property
    def month_start(self) -> date:
        return self.today.replace(day=1)

    def expiring_within(self, days: int) -> tuple[ExpiringLot, ...]:
        return tuple(lot for lot in self.expiring if lot.days_left <= days)

    @property
    def soon(self) -> tuple[ExpiringLot, ...]:
        return self.expiring_within(SOON)


def open_shifts(session: Session) -> list[CashShift]:
    return list(session.scalars(select(CashShift).where(CashShift.closed_at.is_(None)).order_by(CashShift.opened_at)))


def overview(session: Session, today: date, drawer: Drawer) -> Overview:
    """Everything the dashboard shows for ``today``, read in one session
    (the drawer as the shifts' rules count it, ``services.shifts``)."""
    on_hand = on_hand_by_item(session, day_start(today + timedelta(days=1)))  # read once, used three times
    day = figures(session, today, today, on_hand=on_hand)
    month = figures(session, today.replace(day=1), today, on_hand=on_hand)
    expiring = near_best_before(session, today, LATER)
    missing = out_of_stock_sold(session, today, on_hand)
    series = daily_series(session, today - timedelta(days=DAYS - 1), today)
    from charity_pos.reports.consignment import consigned_income

    return Overview(today, day, month, drawer, expiring, missing, series,
                    written_off(session, today.replace(day=1), today),
                    consigned_income(session, today, today), consigned_income(session, today.replace(day=1), today))
