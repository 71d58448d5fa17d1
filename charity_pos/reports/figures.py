"""The figures of a period that several papers show: the dashboard, the
monthly public notice, the donor-facing and district reports. One query per
figure, here only, so that no two papers can disagree.

Money kept apart (收支两条线): donated cash (``cash_donations_fen``) and what
was done with it (``funds_used_fen``) are one line; sales income
(``sales_fen`` less ``returns_fen``) is another. Nothing here adds them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import SupportsInt

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from charity_pos.db.funds import FundUse
from charity_pos.db.models import Category, Donation, DonationLine, Donor, Handout, HandoutLine, Household, Item, Sale, SaleReturn, StockMovement
from charity_pos.reports.period import utc_range


@dataclass(frozen=True)
class CategoryFigure:
    """Goods of one category: units and value (fen)."""

    code: str
    name: str
    units: int
    value_fen: int


@dataclass(frozen=True)
class ReliefFigure:
    """Handouts to one category of household."""

    household_category: str
    households: int
    visits: int  # 人次
    value_fen: int


@dataclass(frozen=True)
class OriginFigure:
    """Stock on the shelf from one source, valued at today's sale price."""

    source: str
    units: int
    value_fen: int


@dataclass(frozen=True)
class Figures:
    start: date
    end: date
    donations: int
    donors: int  # registered donors who gave (anonymous gifts not counted)
    goods_units: int
    goods_value_fen: int  # valued goods only; goods that cannot be valued are counted by units
    unvalued_units: int
    goods_by_category: tuple[CategoryFigure, ...]
    cash_donations: int
    cash_donations_fen: int
    funds_used_fen: int
    funds_left_fen: int  # donated cash left at the end of the period
    sales: int
    sales_fen: int
    returns: int
    returns_fen: int
    voided: int
    voided_fen: int
    handouts: int  # 人次
    households: int
    handout_units: int
    handout_value_fen: int
    relief_by_category: tuple[ReliefFigure, ...]
    stock_by_source: tuple[OriginFigure, ...]  # at the end of the period

    @property
    def sales_income_fen(self) -> int:
        """Sales less what was refunded: the store's 经营性收入."""
        return self.sales_fen - self.returns_fen


def _int(value: SupportsInt | str | None) -> int:
    return int(value or 0)


def on_hand_by_item(session: Session, before: datetime) -> dict[uuid.UUID, int]:
    """Units of each item on the shelf at ``before`` (read from the covering index of movements)."""
    return {item: int(units) for item, units in session.execute(
        select(StockMovement.item_id, func.sum(StockMovement.quantity))
        .where(StockMovement.at < before).group_by(StockMovement.item_id))}


def stock_by_source(session: Session, on_hand: dict[uuid.UUID, int]) -> tuple[OriginFigure, ...]:
    """Units on the shelf by where goods come from, valued at today's sale price."""
    units: dict[str, int] = {}
    value: dict[str, int] = {}
    for item_id, source, price in session.execute(select(Item.id, Item.source, Item.sale_price_fen)):
        held = on_hand.get(item_id)
        if held is not None:
            units[source] = units.get(source, 0) + held
            value[source] = value.get(source, 0) + held * price
    return tuple(OriginFigure(source, units[source], value[source]) for source in sorted(units))


@dataclass(frozen=True)
class GoodsFact:
    """Donated goods of one category in a period: units, value (valued goods), units that could not be valued."""

    code: str
    name: str
    sort_order: int
    units: int
    value_fen: int
    unvalued_units: int


@dataclass(frozen=True)
class Facts:
    """The counts and sums of one period, as a store's own tables or the hub's projections of them
    give them: ``from_facts`` turns them into the figures, the same arithmetic for both, so a store's
    figures at the hub are its own. Facts of several stores add up (``+``): households and donors
    are then counted per store."""

    donations: int = 0
    donors: int = 0
    cash_donations: int = 0
    cash_donations_fen: int = 0
    goods: tuple[GoodsFact, ...] = ()
    funds_used_fen: int = 0
    cash_received_to_end_fen: int = 0
    funds_used_to_end_fen: int = 0
    sales: int = 0
    sales_fen: int = 0
    voided: int = 0
    voided_fen: int = 0
    returns: int = 0
    returns_fen: int = 0
    handouts: int = 0
    households: int = 0
    handout_units: int = 0
    handout_value_fen: int = 0
    relief: tuple[ReliefFigure, ...] = ()
    stock: tuple[OriginFigure, ...] = ()

    def __add__(self, other: Facts) -> Facts:
        goods: dict[str, GoodsFact] = {}
        for g in self.goods + other.goods:
            was = goods.get(g.code)
            goods[g.code] = g if was is None else GoodsFact(
                g.code, was.name, min(was.sort_order, g.sort_order), was.units + g.units,
                was.value_fen + g.value_fen, was.unvalued_units + g.unvalued_units)
        relief: dict[str, ReliefFigure] = {}
        for r in self.relief + other.relief:
            was_r = relief.get(r.household_category)
            relief[r.household_category] = r if was_r is None else ReliefFigure(
                r.household_category, was_r.households + r.households, was_r.visits + r.visits,
                was_r.value_fen + r.value_fen)
        stock: dict[str, OriginFigure] = {}
        for o in self.stock + other.stock:
            was_o = stock.get(o.source)
            stock[o.source] = o if was_o is None else OriginFigure(o.source, was_o.units + o.units,
                                                                   was_o.value_fen + o.value_fen)
        sums = {name: getattr(self, name) + getattr(other, name) for name in _COUNTS}
        return Facts(**sums, goods=tuple(sorted(goods.values(), key=lambda g: (g.sort_order, g.code))),
                     relief=tuple(relief[k] for k in sorted(relief)), stock=tuple(stock[k] for k in sorted(stock)))


_COUNTS = ("donations", "donors", "cash_donations", "cash_donations_fen", "funds_used_fen", "cash_received_to_end_fen",
           "funds_used_to_end_fen", "sales", "sales_fen", "voided", "voided_fen", "returns", "returns_fen", "handouts",
           "households", "handout_units", "handout_value_fen")


def from_facts(start: date, end: date, f: Facts) -> Figures:
    """The figures of a period from its facts: the one place they are added up."""
    goods = tuple(CategoryFigure(g.code, g.name, g.units, g.value_fen) for g in f.goods)
    return Figures(
        start=start, end=end, donations=f.donations, donors=f.donors, goods_units=sum(g.units for g in goods),
        goods_value_fen=sum(g.value_fen for g in goods), unvalued_units=sum(g.unvalued_units for g in f.goods),
        goods_by_category=goods, cash_donations=f.cash_donations, cash_donations_fen=f.cash_donations_fen,
        funds_used_fen=f.funds_used_fen, funds_left_fen=f.cash_received_to_end_fen - f.funds_used_to_end_fen,
        sales=f.sales, sales_fen=f.sales_fen, returns=f.returns, returns_fen=f.returns_fen,
        voided=f.voided, voided_fen=f.voided_fen, handouts=f.handouts, households=f.households,
        handout_units=f.handout_units, handout_value_fen=f.handout_value_fen, relief_by_category=f.relief,
        stock_by_source=f.stock,
    )


def figures(session: Session, start: date, end: date, *, on_hand: dict[uuid.UUID, int] | None = None) -> Figures:
    """The figures from the start of ``start`` to the end of ``end`` (Shanghai days).
    ``on_hand``: the stock per item at the end, when the caller read it already."""
    lo, hi = utc_range(start, end)
    in_period = (Donation.received_at >= lo) & (Donation.received_at < hi)

    donations, donors, cash_count, cash_fen = session.execute(
        select(func.count(Donation.id), func.count(distinct(Donation.donor_id)),
               func.count(case((Donation.cash_fen > 0, 1))), func.coalesce(func.sum(Donation.cash_fen), 0))
        .where(in_period)).one()
    value = DonationLine.quantity * func.coalesce(DonationLine.unit_value_fen, 0)
    by_category = session.execute(
        select(Category.code, Category.name, Category.sort_order, func.sum(DonationLine.quantity), func.sum(value),
               func.sum(case((DonationLine.unit_value_fen.is_(None), DonationLine.quantity), else_=0)))
        .join(Donation, Donation.id == DonationLine.donation_id)
        .join(Item, Item.id == DonationLine.item_id).join(Category, Category.id == Item.category_id)
        .where(in_period).group_by(Category.code, Category.name, Category.sort_order).order_by(Category.sort_order)
    ).all()

    used_fen = session.scalar(select(func.coalesce(func.sum(FundUse.amount_fen), 0))
                              .where(FundUse.used_on >= start, FundUse.used_on <= end))
    received_to_end = session.scalar(select(func.coalesce(func.sum(Donation.cash_fen), 0))
                                     .where(Donation.received_at < hi))
    used_to_end = session.scalar(select(func.coalesce(func.sum(FundUse.amount_fen), 0)).where(FundUse.used_on <= end))

    sale_period = (Sale.completed_at >= lo) & (Sale.completed_at < hi)
    sales, sales_fen, voided, voided_fen = session.execute(
        select(func.count(case((Sale.status == "completed", 1))),
               func.coalesce(func.sum(case((Sale.status == "completed", Sale.total_fen), else_=0)), 0),
               func.count(case((Sale.status == "voided", 1))),
               func.coalesce(func.sum(case((Sale.status == "voided", Sale.total_fen), else_=0)), 0))
        .where(sale_period)).one()
    returns, returns_fen = session.execute(
        select(func.count(SaleReturn.id), func.coalesce(func.sum(SaleReturn.total_fen), 0))
        .where(SaleReturn.at >= lo, SaleReturn.at < hi)).one()

    handout_period = (Handout.at >= lo) & (Handout.at < hi)
    handouts, households, handout_value = session.execute(
        select(func.count(Handout.id), func.count(distinct(Handout.household_id)),
               func.coalesce(func.sum(Handout.total_value_fen), 0)).where(handout_period)).one()
    handout_units = session.scalar(
        select(func.coalesce(func.sum(HandoutLine.quantity), 0))
        .join(Handout, Handout.id == HandoutLine.handout_id).where(handout_period))
    relief = session.execute(
        select(Household.category, func.count(distinct(Handout.household_id)), func.count(Handout.id),
               func.coalesce(func.sum(Handout.total_value_fen), 0))
        .join(Household, Household.id == Handout.household_id).where(handout_period)
        .group_by(Household.category).order_by(Household.category)).all()

    stock = stock_by_source(session, on_hand_by_item(session, hi) if on_hand is None else on_hand)

    return from_facts(start, end, Facts(
        donations=_int(donations), donors=_int(donors), cash_donations=_int(cash_count),
        cash_donations_fen=_int(cash_fen),
        goods=tuple(GoodsFact(code, name, _int(order), _int(units), _int(fen), _int(unvalued))
                    for code, name, order, units, fen, unvalued in by_category),
        funds_used_fen=_int(used_fen), cash_received_to_end_fen=_int(received_to_end),
        funds_used_to_end_fen=_int(used_to_end),
        sales=_int(sales), sales_fen=_int(sales_fen), returns=_int(returns), returns_fen=_int(returns_fen),
        voided=_int(voided), voided_fen=_int(voided_fen),
        handouts=_int(handouts), households=_int(households), handout_units=_int(handout_units),
        handout_value_fen=_int(handout_value),
        relief=tuple(ReliefFigure(cat, _int(h), _int(v), _int(fen)) for cat, h, v, fen in relief),
        stock=stock,
    ))


# --- the public notice's lists ------------------------------------------------------------------
@dataclass(frozen=True)
class DonorFigure:
    """What one donor gave in the period (goods valued, cash)."""

    name: str
    kind: str  # person or company
    donations: int
    goods_value_fen: int
    cash_fen: int


@dataclass(frozen=True)
class PublicDonors:
    """The donors who agreed to be named (``donor.consent_public``), and
    everything else given in the period, by no one named (爱心人士)."""

    named: tuple[DonorFigure, ...]
    others_donations: int
    others_goods_value_fen: int
    others_cash_fen: int


def public_donors(session: Session, start: date, end: date) -> PublicDonors:
    """Donors to name in public: only those who agreed (a person by full
    name, a company by its name); anonymous gifts and everyone else are
    counted together, never named."""
    lo, hi = utc_range(start, end)
    goods = (select(DonationLine.donation_id.label("donation_id"),
                    func.sum(DonationLine.quantity * func.coalesce(DonationLine.unit_value_fen, 0)).label("fen"))
             .group_by(DonationLine.donation_id).subquery())
    named = (Donor.consent_public.is_(True)) & (Donor.kind.in_(("person", "company"))) & (Donor.name != "")
    key, name, kind = (case((named, column), else_=None) for column in (Donor.id, Donor.name, Donor.kind))
    rows = session.execute(
        select(key, name, kind, func.count(Donation.id), func.coalesce(func.sum(goods.c.fen), 0),
               func.coalesce(func.sum(Donation.cash_fen), 0))
        .outerjoin(Donor, Donor.id == Donation.donor_id).outerjoin(goods, goods.c.donation_id == Donation.id)
        .where(Donation.received_at >= lo, Donation.received_at < hi)
        .group_by(key, name, kind)).all()
    listed = sorted((DonorFigure(who, what, _int(n), _int(g), _int(c)) for donor, who, what, n, g, c in rows
                     if donor is not None), key=lambda d: (d.kind != "company", -(d.goods_value_fen + d.cash_fen), d.name))
    others = [row for row in rows if row[0] is None]
    return PublicDonors(tuple(listed), sum(_int(r[3]) for r in others), sum(_int(r[4]) for r in others),
                        sum(_int(r[5]) for r in others))


@dataclass(frozen=True)
class FundUseFigure:
    number: str
    used_on: date
    kind: str
    purpose: str
    amount_fen: int


def fund_uses(session: Session, start: date, end: date) -> tuple[FundUseFigure, ...]:
    """Every use of donated cash in the period (F), in date order."""
    return tuple(FundUseFigure(u.number, u.used_on, u.kind, u.purpose, u.amount_fen) for u in session.scalars(
        select(FundUse).where(FundUse.used_on >= start, FundUse.used_on <= end)
        .order_by(FundUse.used_on, FundUse.number)))
