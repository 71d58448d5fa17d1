"""Figures day by day, for the dashboard's charts: sales income and what
donors gave, per Shanghai calendar day.

Money kept apart (收支两条线): sales income (sales less refunds), donated
goods' value and donated cash are three separate figures; nothing here adds
them. Every day of the period has a point, days with nothing in them too.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.counter import Sale, SaleReturn
from charity_pos.db.models import Donation, DonationLine
from charity_pos.reports.period import check_range, local_day, utc_range


@dataclass(frozen=True)
class DayPoint:
    day: date
    sales_income_fen: int  # completed sales less what was refunded that day
    donation_value_fen: int  # donated goods, valued lines only (as ``figures``)
    cash_donations_fen: int


def daily_series(session: Session, start: date, end: date) -> tuple[DayPoint, ...]:
    """One point per day from ``start`` to ``end`` (both included)."""
    check_range(start, end)
    lo, hi = utc_range(start, end)
    income: dict[date, int] = defaultdict(int)
    goods: dict[date, int] = defaultdict(int)
    cash: dict[date, int] = defaultdict(int)
    for at, fen in session.execute(select(Sale.completed_at, Sale.total_fen).where(
            Sale.completed_at >= lo, Sale.completed_at < hi, Sale.status == "completed")):
        income[local_day(at)] += fen
    for at, fen in session.execute(select(SaleReturn.at, SaleReturn.total_fen).where(
            SaleReturn.at >= lo, SaleReturn.at < hi)):
        income[local_day(at)] -= fen
    value = func.coalesce(func.sum(DonationLine.quantity * func.coalesce(DonationLine.unit_value_fen, 0)), 0)
    lines = (select(DonationLine.donation_id, value.label("value")).group_by(DonationLine.donation_id)
             .subquery())
    for at, goods_fen, cash_fen in session.execute(
            select(Donation.received_at, func.coalesce(lines.c.value, 0), Donation.cash_fen)
            .outerjoin(lines, lines.c.donation_id == Donation.id)
            .where(Donation.received_at >= lo, Donation.received_at < hi)):
        day = local_day(at)
        goods[day] += int(goods_fen or 0)
        cash[day] += int(cash_fen or 0)
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return tuple(DayPoint(day, income[day], goods[day], cash[day]) for day in days)
