"""Every ledger on a month of the demo store, each cross-checked against a
bare SQL query of the same figures (or the period figures, or the funds
service), so that no report keeps numbers of its own.

One demo store is built for the whole module (it takes some twenty seconds).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from charity_pos.demo.builder import build_demo
from charity_pos.reports.ledgers import BUILDERS
from charity_pos.reports.period import utc_range
from charity_pos.reports.table import Filters, Report
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services


@dataclass
class Demo:
    services: Services
    manager: Actor
    sql: sqlite3.Connection
    first: date
    last: date

    def run(self, kind: str, start: date | None = None, end: date | None = None, **filters: str) -> Report:
        return self.services.reports.run(self.manager, kind, Filters(start or self.first, end or self.last, **filters))

    def one(self, query: str, *args: object) -> int:
        return int(self.sql.execute(query, args).fetchone()[0] or 0)


def sql_time(day: date, *, end: bool = False) -> str:
    """A Shanghai day's start (or the next day's start) as the stored UTC text."""
    lo, hi = utc_range(day, day)
    return (hi if end else lo).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    home = tmp_path_factory.mktemp("ledgers-home")
    path: Path = tmp_path_factory.mktemp("ledgers-demo") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARITY_POS_HOME", str(home))
        build_demo(path, days=30)
        services = Services.open(path)
        try:
            row = next(u for u in services.accounts.users() if u.username == "manager")
            with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as sql:
                first, last = sql.execute("SELECT date(min(at), '+8 hours'), date(max(at), '+8 hours') "
                                          "FROM stock_movement").fetchone()
                yield Demo(services, Actor(row.id, row.username, row.role), sql, date.fromisoformat(first),
                           date.fromisoformat(last))
        finally:
            services.close()


def test_stock_moves_close_on_the_sum_of_every_movement(demo: Demo) -> None:
    start = demo.first + timedelta(days=10)  # lots open with what was left then
    report = demo.run("stock-moves", start)
    items = report.section("items")
    closing = sorted((row[0], row[7]) for row in items.rows if row[7])
    expected = sorted(demo.sql.execute(
        "SELECT i.name, SUM(m.quantity) FROM stock_movement m JOIN item i ON i.id = m.item_id WHERE m.at < ? "
        "GROUP BY i.id HAVING SUM(m.quantity) <> 0", (sql_time(demo.last, end=True),)).fetchall())
    assert closing == expected and len(closing) > 100
    opening = demo.one("SELECT SUM(quantity) FROM stock_movement WHERE at < ?", sql_time(start))
    assert items.totals_row()[4] == opening > 0
    moves = report.section("movements")
    moved_in, moved_out = moves.totals_row()[7:9]
    period = (sql_time(start), sql_time(demo.last, end=True))
    assert moved_in == demo.one("SELECT SUM(quantity) FROM stock_movement WHERE quantity > 0 AND at >= ? AND at < ?", *period)
    assert moved_out == -demo.one("SELECT SUM(quantity) FROM stock_movement WHERE quantity < 0 AND at >= ? AND at < ?", *period)


def test_sales_by_method_by_day_and_by_cashier_add_up_to_the_same(demo: Demo) -> None:
    report = demo.run("sales")
    period = (sql_time(demo.first), sql_time(demo.last, end=True))
    taken = demo.one("SELECT SUM(total_fen) FROM sale WHERE status = 'completed' AND completed_at >= ? "
                     "AND completed_at < ?", *period)
    by_day, by_method, by_cashier = (report.section(k) for k in ("by_day", "by_method", "by_cashier"))
    assert by_day.totals_row()[by_day.column("total")] == taken > 0
    assert by_method.totals_row()[by_method.column("amount")] == taken
    assert by_cashier.totals_row()[by_cashier.column("total")] == taken
    assert by_day.totals_row()[by_day.column("consigned_income")] > 0  # the demo sells consigned goods
    refunded = demo.one("SELECT SUM(f.amount_fen) FROM refund f JOIN sale_return r ON r.id = f.return_id "
                        "WHERE r.at >= ? AND r.at < ?", *period)
    assert report.section("refunds").totals_row()[2] == report.section("returns").totals_row()[7] == refunded > 0
    assert len(report.section("voids").rows) == demo.one(
        "SELECT COUNT(*) FROM sale WHERE status = 'voided' AND completed_at >= ? AND completed_at < ?", *period)


def test_funds_close_on_what_the_funds_service_says_is_left(demo: Demo) -> None:
    report = demo.run("funds")
    cash = report.section("donated_cash")
    assert cash.rows[-1][-1] == demo.services.funds.balance(demo.manager).left_fen == report.extra["donated_cash_left_fen"]
    assert cash.totals_row()[6:8] == (demo.one("SELECT SUM(cash_fen) FROM donation"),
                                      demo.one("SELECT SUM(amount_fen) FROM fund_use"))
    figures = demo.services.reports.figures(demo.manager, demo.first, demo.last)
    by_method = report.section("sales_by_method")
    assert by_method.totals_row()[3] == figures.sales_income_fen == report.section("sales_by_period").totals_row()[3]


def test_handout_summary_is_the_period_figures_and_names_no_one(demo: Demo) -> None:
    report = demo.run("handouts")
    figures = demo.services.reports.figures(demo.manager, demo.first, demo.last)
    whole = report.section("monthly").rows[-1]
    assert whole[1] == "合计" and whole[2:] == (figures.households, figures.handouts, figures.handout_units,
                                               figures.handout_value_fen)
    text = {str(cell) for row in report.section("lines").rows for cell in row}
    names = {name for (name,) in demo.sql.execute("SELECT head_name FROM household")}
    assert names and not text & names
    assert not any(name in cell for name in names for cell in text)


def test_stock_by_origin_is_the_period_figures(demo: Demo) -> None:
    report = demo.run("stock")
    figures = demo.services.reports.figures(demo.manager, demo.first, demo.last)
    by_origin = report.section("by_origin")
    words = {"donated": "捐赠", "purchased": "采购", "consigned": "代售"}
    assert {row[0]: row[1:3] for row in by_origin.rows} == {
        words[o.source]: (o.units, o.value_fen) for o in figures.stock_by_source if o.units}
    assert report.section("items").totals_row()[4] == demo.one(
        "SELECT SUM(quantity) FROM stock_movement WHERE at < ?", sql_time(demo.last, end=True))


def test_expiry_finds_every_lot_a_bare_query_finds(demo: Demo) -> None:
    soonest = demo.one("SELECT julianday(MIN(expiry_date)) FROM stock_lot WHERE expiry_date IS NOT NULL")
    day = date.fromordinal(soonest - 1721425) + timedelta(days=10)  # julian day number to a date
    report = demo.run("expiry", day, day)
    rows = [row for section in report.sections for row in section.rows]
    expected = demo.sql.execute(
        "SELECT COUNT(*), SUM(left) FROM (SELECT l.id, SUM(m.quantity) AS left FROM stock_lot l "
        "JOIN stock_movement m ON m.lot_id = l.id WHERE l.expiry_date <= ? AND m.at < ? GROUP BY l.id "
        "HAVING SUM(m.quantity) > 0)", ((day + timedelta(days=30)).isoformat(), sql_time(day, end=True))).fetchone()
    assert (len(rows), sum(row[6] for row in rows)) == expected and expected[0] > 0
    assert [row[5] for row in report.section("expired").rows] == sorted(row[5] for row in report.section("expired").rows)
    assert all(row[5] < 0 for row in report.section("expired").rows)


def test_every_kind_builds_quickly_in_both_languages(demo: Demo) -> None:
    for kind in BUILDERS:
        for language in ("zh_CN", "en"):
            began = time.perf_counter()
            report = demo.services.reports.run(demo.manager, kind, Filters(demo.first, demo.last), language)
            assert time.perf_counter() - began < 2, kind
            assert report.kind == kind and report.sections
