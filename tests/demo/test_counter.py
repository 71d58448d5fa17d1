"""The demo store's counter: a shift a day on till 1, closed with the drawer
counted; sales paid every way the counter takes; returns approved by a
manager, partial and whole; one void; and a file that still verifies.

Uses the session's demo store (``demo_store`` in tests/conftest.py, three
days), read through the services and the models, never changed.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from charity_pos.services.store_file import open_store
from charity_pos.db.models import CashShift, Payment, Sale, SaleReturn, User
from charity_pos.demo.counter import FLOAT_FEN, TILL, CounterPlan, drawer
from charity_pos.ledger.verify import verify
from charity_pos.services.registry import Services
from charity_pos.services.sales import Method
from charity_pos.services.shifts import DENOMINATIONS

DAYS = 3  # what the demo_store fixture builds


@pytest.fixture
def demo(demo_store: tuple[Path, int, str]) -> Iterator[Services]:
    path, code, _ = demo_store
    assert code == 0
    services = Services.open(path)
    yield services
    services.close()


def test_a_shift_a_day_on_till_1_all_closed_but_maybe_the_last(demo: Services) -> None:
    shifts = demo.shifts.shifts()  # newest first
    assert len(shifts) == DAYS
    assert {s.till for s in shifts} == {TILL}
    assert {s.float_fen for s in shifts} == {FLOAT_FEN}
    assert all(s.closed_at is not None for s in shifts[1:])
    assert len({s.opened_at.date() for s in shifts}) == DAYS, "one a day"
    assert all(s.opened_by in ("cashier", "zhangmin") for s in shifts), "a cashier opens the till"


def test_every_sale_falls_in_its_shift_and_every_way_of_paying_is_used(demo: Services) -> None:
    with demo.db.read() as s:
        sales = s.execute(select(Sale, CashShift).join(CashShift, CashShift.id == Sale.shift_id)).all()
        payments = s.execute(select(Payment.method, Payment.amount_fen, Payment.tendered_fen, Payment.reference)
                             .join(Sale).where(Sale.status == "completed")).all()
    assert len(sales) >= 8 * DAYS
    for sale, shift in sales:
        assert shift.opened_at <= sale.completed_at <= (shift.closed_at or sale.completed_at)
    assert {method for method, *_ in payments} == {m.value for m in Method}
    for method, amount, tendered, reference in payments:
        if method == "cash":
            assert tendered % 5000 == 0 or tendered == amount, "notes of ¥50 or ¥100, or the exact sum"
        elif method == "wechat":
            assert re.fullmatch(r"4200\d{24}", reference)
        elif method == "alipay":
            assert re.fullmatch(r"20\d{6}2200\d{16}", reference)
        elif method == "unionpay":
            assert re.fullmatch(r"\d{12}", reference)
    vouchers = [reference for method, _, _, reference in payments if method == "voucher"]
    assert len(vouchers) == len(set(vouchers)), "each voucher used once"


def test_exactly_one_void_by_a_manager_within_its_shift(demo: Services) -> None:
    with demo.db.read() as s:
        voided = s.execute(select(Sale, CashShift, User.role).join(CashShift, CashShift.id == Sale.shift_id)
                           .join(User, User.id == Sale.voided_by).where(Sale.status == "voided")).all()
    assert len(voided) == 1
    sale, shift, role = voided[0]
    assert role == "manager" and sale.void_reason
    assert shift.closed_at is not None and sale.completed_at <= sale.voided_at <= shift.closed_at
    assert demo.sales.sale(sale.number).refunded_fen == 0


def test_returns_approved_by_a_manager_partial_and_whole(demo: Services) -> None:
    with demo.db.read() as s:
        returns = s.execute(select(SaleReturn, Sale, User.role).join(Sale, Sale.id == SaleReturn.sale_id)
                            .join(User, User.id == SaleReturn.approved_by)).all()
    assert len(returns) == len(CounterPlan.for_days(DAYS).return_days)
    assert {role for *_, role in returns} == {"manager"}
    whole = [r for r, sale, _ in returns if r.total_fen == sale.total_fen]
    partial = [r for r, sale, _ in returns if 0 < r.total_fen < sale.total_fen]
    assert whole and partial
    assert all(r.reason for r, _, _ in returns)


def test_drawers_counted_exact_but_once_within_tolerance_and_once_beyond(demo: Services) -> None:
    tolerance = demo.counter_rules.rules().cash_tolerance_fen
    summaries = [demo.shifts.summary(s.number) for s in demo.shifts.shifts() if s.closed_at is not None]
    differences = [summary.difference("cash") for summary in summaries]
    beyond = [s for s, d in zip(summaries, differences, strict=True) if abs(d or 0) > tolerance]
    within = [d for d in differences if d and abs(d) <= tolerance]
    assert len(beyond) == 1 and beyond[0].difference_reason and beyond[0].approved_by in ("manager", "lijun")
    assert len(within) <= 1
    assert differences.count(0) >= len(summaries) - 2
    for summary in summaries:
        assert all(summary.difference(m) == 0 for m in summary.expected_fen if m != "cash")
        assert all(value in DENOMINATIONS and count > 0 for value, count in summary.denominations)


def test_the_demo_store_verifies(demo_store: tuple[Path, int, str]) -> None:
    with open_store(demo_store[0], upgrade=False) as db, db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


@pytest.mark.parametrize("days", [1, 2, 3, 7, 30, 365])
def test_the_plan_fits_any_length(days: int) -> None:
    plan = CounterPlan.for_days(days)
    assert 1 <= plan.void_day <= days and 1 <= plan.large_difference_day <= days
    assert plan.small_difference_day != plan.large_difference_day
    assert plan.return_days and max(plan.return_days) == days


@pytest.mark.parametrize("amount", [0, 10, 19_990, 20_000, 53_290, 123_450])
def test_the_drawer_holds_what_it_is_counted_as(amount: int) -> None:
    counts = drawer(amount)
    assert sum(value * n for value, n in counts.items()) == amount
    if amount >= FLOAT_FEN:
        assert counts[100] >= 15, "the float's coins are still there"


def _what_happened(path: Path) -> list[tuple[object, ...]]:
    """The demo's business, without ids (random) or dates (today's)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("""
            SELECT s.number, substr(s.completed_at, 12), s.total_fen, s.status,
                   group_concat(p.method || ':' || p.amount_fen || ':' || p.reference, ' ')
              FROM sale s JOIN payment p ON p.sale_id = s.id GROUP BY s.id
            UNION ALL SELECT number, substr(at, 12), total_fen, reason, NULL FROM sale_return
            UNION ALL SELECT number, substr(closed_at, 12), counted_cash_fen, counted, NULL FROM cash_shift
            UNION ALL SELECT barcode, name, sale_price_fen, source, NULL FROM item
            ORDER BY 1""").fetchall()
    finally:
        conn.close()


def test_the_same_seed_makes_the_same_demo_whatever_the_string_hashing(tmp_path: Path) -> None:
    """Two builds in two interpreters with different PYTHONHASHSEEDs sell the
    same goods the same way (sets of strings come out in another order)."""
    builds = []
    for seed in ("1", "2"):
        path = tmp_path / f"demo-{seed}.db"
        code = f"from charity_pos.demo.builder import build_demo; build_demo({str(path)!r}, days=1)"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        builds.append((path, subprocess.Popen([sys.executable, "-c", code], env=env)))
    for path, process in builds:
        assert process.wait(timeout=300) == 0
    first, second = (_what_happened(path) for path, _ in builds)
    assert first and first == second
