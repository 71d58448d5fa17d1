"""The district's figures: per store and in total, per month or quarter,
read from the hub's projections of the stores' events. No Qt.

Months are Shanghai months (the hub's times are UTC). The arithmetic is the
store's own (``reports.figures.from_facts``): the hub reads the same counts
and sums per store that a store reads of its own tables, so a store's figures
at the hub equal its own report for the same month. District totals add the
stores' facts: households and donors are counted per store (a household that
went to two stores counts at each).

A store counts as **reporting** for a month when its journal at the hub
covers the month: its first event is dated before the month's end and its
last event on or after the month's start (a quiet month between two
bundles is covered; a month before the store's first event, or after its
last, is not).

Goods written off are stock movements of reason ``writeoff`` (a store's W
documents, ``stock.written_off``): counted as movements and units. Volunteer hours are not
recorded by stores: ``volunteer_hours`` is None ("not recorded"), never 0.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import Session

from charity_pos.errors import InvalidInput
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import (
    Hub, HubCategory, HubDonation, HubDonationLine, HubEvent, HubFundUse, HubHandout, HubSale, HubSaleReturn,
    HubStock, HubStore, HubStoreHousehold, HubWriteoff,
)
from charity_pos.hub.projections import ensure_current
from charity_pos.ledger.canonical import plain
from charity_pos.reports.figures import Facts, Figures, GoodsFact, ReliefFigure, from_facts
from charity_pos.reports.period import month_bounds, parse_month, utc_range

UNCATEGORISED = ("", "未分类")


@dataclass(frozen=True)
class Period:
    """A month or a quarter (Shanghai days, both included)."""

    start: date
    end: date
    quarter: bool = False

    @property
    def label(self) -> str:
        if self.quarter:
            return f"{self.start.year}年第{(self.start.month - 1) // 3 + 1}季度"
        return f"{self.start.year}-{self.start.month:02d}"

    def before(self) -> Period:
        """The period of the same kind just before this one."""
        if self.quarter:
            year, month = (self.start.year, self.start.month - 3) if self.start.month > 3 else (self.start.year - 1,
                                                                                                   self.start.month + 9)
            first = date(year, month, 1)
            return Period(first, month_bounds(year, month + 2)[1], quarter=True)
        previous = self.start - timedelta(days=1)
        return Period(*month_bounds(previous.year, previous.month))


def month(year: int, number: int) -> Period:
    return Period(*month_bounds(year, number))


def parse_months(start_text: str, end_text: str) -> list[Period]:
    """The months from ``--from`` to ``--to`` (YYYY-MM, both included); InvalidInput when one is not a month
    or ``--to`` comes first."""
    first, _ = parse_month(start_text, field="from")
    last, _ = parse_month(end_text, field="to")
    if last < first:
        raise InvalidInput(field="to", value=end_text, reason="date_order")
    months = []
    year, number = first.year, first.month
    while (year, number) <= (last.year, last.month):
        months.append(month(year, number))
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    if len(months) > 120:
        raise InvalidInput(field="to", value=end_text, reason="too_large")
    return months


def quarters(months: list[Period]) -> list[Period]:
    """The whole quarters the months touch."""
    seen: list[Period] = []
    for m in months:
        first_month = (m.start.month - 1) // 3 * 3 + 1
        q = Period(date(m.start.year, first_month, 1), month_bounds(m.start.year, first_month + 2)[1], quarter=True)
        if q not in seen:
            seen.append(q)
    return seen


@dataclass(frozen=True)
class StoreFigures:
    code: str
    name: str
    reporting: bool
    figures: Figures
    writeoffs: int
    writeoff_units: int
    #: volunteer hours: stores do not record them yet (None: "not recorded", never 0)
    volunteer_hours: int | None = None


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    district: str
    stores: tuple[StoreFigures, ...]
    total: Figures
    writeoffs: int
    writeoff_units: int
    volunteer_hours: int | None = None

    @property
    def reporting(self) -> int:
        return sum(1 for s in self.stores if s.reporting)

    def store(self, code: str) -> StoreFigures:
        return next(s for s in self.stores if s.code == code)


# --- reading ---------------------------------------------------------------------------------------------
def _int(value: int | Decimal | None) -> int:
    """A SQL count or sum (None: no rows; PostgreSQL sums integers to a ``Decimal``)."""
    return int(value or 0)


def _reporting(s: Session, lo_text: str, hi_text: str) -> set[uuid.UUID]:
    first = (select(HubEvent.at).where(HubEvent.store_id == HubStore.id, HubEvent.seq == 1)
             .correlate(HubStore).scalar_subquery())
    last = (select(HubEvent.at).where(HubEvent.store_id == HubStore.id, HubEvent.seq == HubStore.last_seq)
            .correlate(HubStore).scalar_subquery())
    return set(s.scalars(select(HubStore.id).where(HubStore.last_seq > 0, first < hi_text, last >= lo_text)))


def store_facts(s: Session, start: date, end: date) -> dict[uuid.UUID, Facts]:
    """Every store's facts of the days ``start`` to ``end``: a few grouped queries for all stores."""
    lo, hi = utc_range(start, end)
    d, line, item, cat = HubDonation, HubDonationLine, HubStock, HubCategory
    facts: dict[uuid.UUID, dict[str, object]] = defaultdict(dict)

    for store, n, donors, cash_n, cash_fen in s.execute(
            select(d.store_id, func.count(d.id), func.count(distinct(d.donor_id)),
                   func.count(case((d.cash_fen > 0, 1))), func.coalesce(func.sum(d.cash_fen), 0))
            .where(d.received_at >= lo, d.received_at < hi).group_by(d.store_id)):
        facts[store].update(donations=_int(n), donors=_int(donors), cash_donations=_int(cash_n),
                            cash_donations_fen=_int(cash_fen))

    goods: dict[uuid.UUID, list[GoodsFact]] = defaultdict(list)
    code, name = func.coalesce(cat.code, UNCATEGORISED[0]), func.coalesce(cat.name, UNCATEGORISED[1])
    order = func.coalesce(cat.sort_order, 9999)
    for store, c, n, o, units, fen, unvalued in s.execute(
            select(line.store_id, code, name, order, func.sum(line.quantity),
                   func.sum(line.quantity * func.coalesce(line.unit_value_fen, 0)),
                   func.sum(case((line.unit_value_fen.is_(None), line.quantity), else_=0)))
            .join(d, and_(d.store_id == line.store_id, d.id == line.donation_id))
            .outerjoin(item, and_(item.store_id == line.store_id, item.id == line.item_id))
            .outerjoin(cat, and_(cat.store_id == item.store_id, cat.id == item.category_id))
            .where(d.received_at >= lo, d.received_at < hi)
            .group_by(line.store_id, code, name, order)):
        goods[store].append(GoodsFact(c, n, _int(o), _int(units), _int(fen), _int(unvalued)))
    for store, rows in goods.items():
        facts[store]["goods"] = tuple(sorted(rows, key=lambda g: (g.sort_order, g.code)))

    u = HubFundUse
    for store, fen in s.execute(select(u.store_id, func.sum(u.amount_fen)).where(u.used_on >= start, u.used_on <= end)
                                .group_by(u.store_id)):
        facts[store]["funds_used_fen"] = _int(fen)
    for store, fen in s.execute(select(u.store_id, func.sum(u.amount_fen)).where(u.used_on <= end)
                                .group_by(u.store_id)):
        facts[store]["funds_used_to_end_fen"] = _int(fen)
    for store, fen in s.execute(select(d.store_id, func.sum(d.cash_fen)).where(d.received_at < hi)
                                .group_by(d.store_id)):
        facts[store]["cash_received_to_end_fen"] = _int(fen)

    sale = HubSale
    for store, n, fen, voided, voided_fen in s.execute(
            select(sale.store_id, func.count(case((sale.status == "completed", 1))),
                   func.coalesce(func.sum(case((sale.status == "completed", sale.total_fen), else_=0)), 0),
                   func.count(case((sale.status == "voided", 1))),
                   func.coalesce(func.sum(case((sale.status == "voided", sale.total_fen), else_=0)), 0))
            .where(sale.completed_at >= lo, sale.completed_at < hi).group_by(sale.store_id)):
        facts[store].update(sales=_int(n), sales_fen=_int(fen), voided=_int(voided), voided_fen=_int(voided_fen))
    r = HubSaleReturn
    for store, n, fen in s.execute(select(r.store_id, func.count(r.id), func.sum(r.total_fen))
                                   .where(r.at >= lo, r.at < hi).group_by(r.store_id)):
        facts[store].update(returns=_int(n), returns_fen=_int(fen))

    h, hh = HubHandout, HubStoreHousehold
    for store, n, households, fen, units in s.execute(
            select(h.store_id, func.count(h.id), func.count(distinct(h.household_id)), func.sum(h.total_value_fen),
                   func.sum(h.units)).where(h.at >= lo, h.at < hi).group_by(h.store_id)):
        facts[store].update(handouts=_int(n), households=_int(households), handout_value_fen=_int(fen),
                            handout_units=_int(units))
    relief: dict[uuid.UUID, list[ReliefFigure]] = defaultdict(list)
    category = func.coalesce(hh.category, "")
    for store, cat_code, households, n, fen in s.execute(
            select(h.store_id, category, func.count(distinct(h.household_id)), func.count(h.id),
                   func.sum(h.total_value_fen))
            .outerjoin(hh, and_(hh.store_id == h.store_id, hh.id == h.household_id))
            .where(h.at >= lo, h.at < hi).group_by(h.store_id, category).order_by(category)):
        relief[store].append(ReliefFigure(cat_code, _int(households), _int(n), _int(fen)))
    for store, figures in relief.items():
        facts[store]["relief"] = tuple(figures)
    return {store: Facts(**values) for store, values in facts.items()}  # type: ignore[arg-type]  # filled field by field above


def _writeoffs(s: Session, start: date, end: date) -> dict[uuid.UUID, tuple[int, int]]:
    lo, hi = utc_range(start, end)
    w = HubWriteoff
    return {store: (_int(n), -_int(units)) for store, n, units in s.execute(
        select(w.store_id, func.count(w.id), func.sum(w.quantity)).where(w.at >= lo, w.at < hi).group_by(w.store_id))}


def read_period(s: Session, period: Period) -> PeriodFigures:
    """The figures of one period, per store and in total (in the caller's session)."""
    lo, hi = utc_range(period.start, period.end)
    reporting = _reporting(s, plain(lo), plain(hi))
    facts = store_facts(s, period.start, period.end)
    writeoffs = _writeoffs(s, period.start, period.end)
    district = s.scalar(select(Hub.district)) or ""
    rows = []
    total = Facts()
    for store_id, code, name in s.execute(select(HubStore.id, HubStore.code, HubStore.short_name)
                                          .order_by(HubStore.code)):
        f = facts.get(store_id, Facts())
        total = total + f
        n, units = writeoffs.get(store_id, (0, 0))
        rows.append(StoreFigures(code, name, store_id in reporting, from_facts(period.start, period.end, f), n, units))
    return PeriodFigures(period, district, tuple(rows), from_facts(period.start, period.end, total),
                         sum(r.writeoffs for r in rows), sum(r.writeoff_units for r in rows))


def period_figures(db: HubDatabase, periods: list[Period]) -> list[PeriodFigures]:
    """The figures of each period, in one read (projections built by an older version are rebuilt first)."""
    ensure_current(db.begin)
    with db.read() as s:
        return [read_period(s, p) for p in periods]


def store_month(db: HubDatabase, code: str, year: int, number: int) -> Figures:
    """One store's figures of one month at the hub."""
    return period_figures(db, [month(year, number)])[0].store(code).figures


def change(now: int, before: int) -> int | None:
    """The change from the period before, in tenths of a percent (None: nothing before to compare with)."""
    if before == 0:
        return None
    return round((now - before) * 1000 / before)
