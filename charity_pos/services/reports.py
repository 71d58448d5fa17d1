"""The ledgers (台账), reports and period figures, for managers: who may see
them is checked here; what they add up to is computed in
``charity_pos.reports`` from what the other services recorded."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import Category, Store
from charity_pos.errors import InvalidInput
from charity_pos.reports.figures import Figures, figures
from charity_pos.reports.ledgers import BUILDERS
from charity_pos.reports.overview import Drawer, Overview, open_shifts, overview
from charity_pos.reports.period import check_range
from charity_pos.reports.table import Filters, Origin, Report, StoreName
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Caller, ServiceContext
from charity_pos.services.permissions import Action, require_of
from charity_pos.services.shifts import summarize

#: the longest period one report covers (a few years of a busy store stay quick)
MAX_DAYS = 3 * 366 + 1


def check_filters(filters: Filters, categories: set[str] | None = None) -> None:
    """Dates in order and not too far apart, a known category and origin."""
    check_range(filters.start, filters.end)
    if (filters.end - filters.start).days >= MAX_DAYS:
        raise InvalidInput(field="to", value=filters.end.isoformat(), reason="too_large")
    if filters.origin is not None and filters.origin not in Origin.ALL:
        raise InvalidInput(field="source", value=filters.origin, reason="unknown")
    if filters.category is not None and categories is not None and filters.category not in categories:
        raise InvalidInput(field="category", value=filters.category, reason="unknown")


def may_see(session: Session, actor: Caller) -> None:
    """Managers see the reports, and so does the command line
    (``COMMAND_LINE``), run by whoever holds the store's file."""
    require_of(session, actor, Action.VIEW_REPORTS)


class ReportService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    @staticmethod
    def kinds() -> tuple[str, ...]:
        return tuple(BUILDERS)

    def run(self, actor: Caller, kind: str, filters: Filters, language: str = "zh_CN") -> Report:
        """One ledger or report over ``filters`` (words in ``language``)."""
        builder = BUILDERS.get(kind)
        if builder is None:
            raise InvalidInput(field="report", value=kind, reason="unknown")
        with self.ctx.db.read() as s:
            may_see(s, actor)
            check_filters(filters, set(s.scalars(select(Category.code))))
            store = s.scalars(select(Store)).one()
            return builder(s, filters, StoreName(store.name, store.code), language)

    def overview(self, actor: Caller, today: date) -> Overview:
        """The manager's overview for ``today`` (``reports.overview``): one read."""
        with self.ctx.db.read() as s:
            may_see(s, actor)
            shifts = open_shifts(s)
            cash = sum(summarize(s, shift).expected_fen.get("cash", 0) for shift in shifts)
            drawer = Drawer(tuple(sh.number for sh in shifts), tuple(sh.till for sh in shifts), cash)
            return overview(s, today, drawer)

    def figures(self, actor: Caller, start: date, end: date) -> Figures:
        """The period's figures (``reports.figures``), for the dashboard and the notice."""
        check_range(start, end)
        with self.ctx.db.read() as s:
            may_see(s, actor)
            return figures(s, start, end)
