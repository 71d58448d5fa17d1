"""The district's figures at the hub are the store's own: a demo store's
bundle imported into a hub gives, for each month, exactly what the store's
own report (``reports.figures.figures``) says. On SQLite and PostgreSQL.
Also: hub data imported before the reports' projections existed is
rebuilt from the stored events on first use."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import delete, update

from charity_pos.hub.engine import open_hub
from charity_pos.hub.figures import Period, change, month, parse_months, period_figures, quarters, store_month
from charity_pos.hub.models import HubCategory, HubDonationLine, HubFundUse, HubHandout, HubStore
from charity_pos.reports.figures import figures
from charity_pos.services.registry import Services
from tests.helpers import run_cli


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> list[str]:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 0, err
    return out.splitlines()


@pytest.fixture(scope="module")
def demo(demo_template: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A 30-day demo store, its registration and its bundle: the session's ``demo_template`` copied for the
    module (the store with any file SQLite keeps beside it)."""
    store, registration, bundle = demo_template
    folder = tmp_path_factory.mktemp("demo")
    for path in (*store.parent.glob(store.name + "*"), registration, bundle):
        shutil.copy2(path, folder / path.name)
    return folder / store.name, folder / registration.name, folder / bundle.name


def hub_with(capsys, hub_url: str, tmp_path: Path, demo) -> str:
    _store, registration, bundle = demo
    run(capsys, "hub", "init", "--hub", hub_url, "--district", "静安区")
    run(capsys, "hub", "add-store", "--hub", hub_url, "--registration", registration, "--out", tmp_path / "t.json")
    run(capsys, "hub", "import", "--hub", hub_url, bundle)
    return hub_url


def store_figures(store: Path, start: date, end: date):
    services = Services.open(store)
    try:
        with services.db.read() as s:
            return figures(s, start, end)
    finally:
        services.close()


def same(hub, own) -> None:
    for name in ("donations", "donors", "goods_units", "goods_value_fen", "unvalued_units", "goods_by_category",
                 "cash_donations", "cash_donations_fen", "funds_used_fen", "funds_left_fen", "sales", "sales_fen",
                 "returns", "returns_fen", "voided", "voided_fen", "sales_income_fen", "handouts", "households",
                 "handout_units", "handout_value_fen", "relief_by_category"):
        assert getattr(hub, name) == getattr(own, name), name


def demo_months(store: Path) -> list[Period]:
    from charity_pos.demo.builder import STORE  # noqa: F401

    services = Services.open(store)
    try:
        with services.db.read() as s:
            from sqlalchemy import func, select

            from charity_pos.db.models import Donation
            first, last = s.execute(select(func.min(Donation.received_at), func.max(Donation.received_at))).one()
    finally:
        services.close()
    from charity_pos.reports.period import local_day

    a, b = local_day(first), local_day(last)
    return parse_months(f"{a.year}-{a.month:02d}", f"{b.year}-{b.month:02d}")


def test_a_stores_figures_at_the_hub_equal_its_own_for_each_month(capsys, hub_url: str, tmp_path: Path, demo) -> None:
    store = demo[0]
    hub_with(capsys, hub_url, tmp_path, demo)
    months = demo_months(store)
    assert months
    with open_hub(hub_url) as db:
        for period in months:
            own = store_figures(store, period.start, period.end)
            at_hub = store_month(db, "JA01", period.start.year, period.start.month)
            same(at_hub, own)
        busy = [store_figures(store, p.start, p.end) for p in months]
        # the demo gives in every way, so the comparison compares something
        assert sum(f.donations for f in busy) > 0 and sum(f.goods_value_fen for f in busy) > 0
        assert sum(f.sales for f in busy) > 0 and sum(f.handouts for f in busy) > 0
        assert sum(f.funds_used_fen for f in busy) > 0 and sum(len(f.relief_by_category) for f in busy) > 0
        assert sum(f.unvalued_units for f in busy) >= 0

        # the district total of one store is that store; the quarter holds its months
        found = period_figures(db, months + quarters(months))
        for got in found[:len(months)]:
            same(got.total, got.store("JA01").figures)
            assert got.store("JA01").reporting and got.reporting == 1
            assert got.store("JA01").volunteer_hours is None
        # the demo's write-offs (报损) reach the district: its movements and units, month by month
        with contextlib.closing(sqlite3.connect(store)) as conn:
            moves, units = conn.execute("SELECT count(*), -sum(quantity) FROM stock_movement"
                                        " WHERE reason = 'writeoff'").fetchone()
        assert moves > 0
        assert (sum(got.writeoffs for got in found[:len(months)]),
                sum(got.writeoff_units for got in found[:len(months)])) == (moves, units)
        quarter_handouts = sum(q.total.handouts for q in found[len(months):])
        assert quarter_handouts == sum(m.total.handouts for m in found[:len(months)])
        # a month long before the store began: not reporting, nothing in it
        before = period_figures(db, [month(2001, 1)])[0]
        assert not before.store("JA01").reporting and before.total.donations == 0


def test_hub_data_imported_before_is_rebuilt_from_its_events_on_first_use(capsys, hub_url: str, tmp_path: Path,
                                                                          demo) -> None:
    store = demo[0]
    hub_with(capsys, hub_url, tmp_path, demo)
    period = demo_months(store)[-1]
    with open_hub(hub_url) as db:
        expected = store_month(db, "JA01", period.start.year, period.start.month)
        # as a hub of the version before holds it: the new projections empty, the store's version 0
        with db.begin() as s:
            for model in (HubCategory, HubDonationLine, HubFundUse):
                s.execute(delete(model))
            s.execute(update(HubHandout).values(units=0))
            s.execute(update(HubStore).values(projections=0))
        rebuilt = store_month(db, "JA01", period.start.year, period.start.month)
        assert rebuilt == expected
        with db.read() as s:
            assert s.query(HubStore).one().projections > 0
    same(rebuilt, store_figures(store, period.start, period.end))


def test_periods_and_the_change_from_the_period_before() -> None:
    months = parse_months("2025-11", "2026-02")
    assert [m.label for m in months] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert [q.label for q in quarters(months)] == ["2025年第4季度", "2026年第1季度"]
    assert months[2].before() == months[1]
    q = quarters(months)[1]
    assert q.before() == quarters(months)[0] and q.end == date(2026, 3, 31)
    assert change(110, 100) == 100 and change(50, 100) == -500 and change(5, 0) is None
