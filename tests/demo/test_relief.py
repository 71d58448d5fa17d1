"""The demo store's relief counter: households with a card come when the
store opens and take grain, oil and daily goods within their allowance, each
handout with its slip printed; over the days one household goes past its
allowance with a manager's approval, one under a rule in warn mode with the
warning logged, an expired card and a suspended one are turned away and
leave with nothing; the file verifies; and the same seed makes the same
handouts whatever the string hashing.

Built here (three days, in this process) with the card look-ups watched,
since a refused card leaves nothing in the file by design.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from charity_pos.services.store_file import open_store
from charity_pos.db.campaign import CampaignHandout
from charity_pos.db.models import (
    AuditEntry,
    CashShift,
    Handout,
    HandoutLine,
    Household,
    StockMovement,
    User,
)
from charity_pos.demo.builder import DemoSummary, build_demo
from charity_pos.demo.relief import RELIEF_GOODS, ReliefPlan
from charity_pos.errors import CardRefused
from charity_pos.ledger.verify import verify
from charity_pos.services.base import STORE_TZ, local_date
from charity_pos.services.handouts import HandoutService
from charity_pos.services.registry import Services

DAYS = 3


@dataclass
class Built:
    path: Path
    summary: DemoSummary
    refused: list[tuple[str, str, datetime]] = field(default_factory=list)  # card, reason, when


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    home = tmp_path_factory.mktemp("relief-home")
    path = tmp_path_factory.mktemp("relief") / "demo.db"
    refused: list[tuple[str, str, datetime]] = []
    card = HandoutService.card

    def watched(self: HandoutService, code: str):
        try:
            return card(self, code)
        except CardRefused as exc:
            refused.append((code, exc.reason, self.ctx.now()))  # type: ignore[attr-defined]
            raise

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARITY_POS_HOME", str(home))
        mp.setattr(HandoutService, "card", watched)
        summary = build_demo(path, days=DAYS)
    yield Built(path, summary, refused)


@pytest.fixture
def demo(built: Built) -> Iterator[Services]:
    services = Services.open(built.path)
    yield services
    services.close()


def handouts(services: Services, *, campaign: bool = False) -> list[tuple[Handout, Household]]:
    """The relief counter's handouts; with ``campaign``, the campaign's collections too (``demo.campaign``:
    on the last evening, after the till has closed)."""
    query = select(Handout, Household).join(Household).order_by(Handout.number)
    if not campaign:
        query = query.where(Handout.id.not_in(select(CampaignHandout.handout_id)))
    with services.db.read() as s:
        found = [(h, household) for h, household in s.execute(query)]
        s.expunge_all()
        return found


def test_households_come_every_day_and_take_goods_within_their_allowance(built: Built, demo: Services) -> None:
    given = handouts(demo)
    everything = handouts(demo, campaign=True)
    assert built.summary.handouts == len(everything) and len(given) >= 2 * DAYS
    assert len(everything) - len(given) == 3, "the campaign's collections are counted with the handouts"
    days = {local_date(h.at) for h, _ in given}
    assert len(days) == DAYS, "households come every day"
    with demo.db.read() as s:
        lines = list(s.scalars(select(HandoutLine)))
        moved = {(m.document, m.item_id): -m.quantity for m in s.scalars(
            select(StockMovement).where(StockMovement.reason == "handout"))}
        shifts = {local_date(sh.opened_at): sh.opened_at for sh in s.scalars(select(CashShift))}
    assert {line.goods_category for line in lines} <= set(RELIEF_GOODS)
    assert {line.goods_category for line in lines} == set(RELIEF_GOODS), "grain and oil, and daily goods"
    for handout, household in given:
        day = local_date(handout.at)
        assert household.valid_from <= day <= household.valid_to, "only valid cards take goods"
        assert handout.slip_prints >= 1, "every handout has its slip, signed"
        assert handout.at <= shifts[day], "when the store opens, before the till opens for sales"
        if not handout.over_allowance:
            assert handout.used_before_fen + handout.total_value_fen <= handout.allowance_fen
    by_number = {h.id: h.number for h, _ in everything}
    for line in lines:
        assert moved[(by_number[line.handout_id], line.item_id)] == line.quantity
    # numbers without gaps, per year (the campaign's collections share them)
    years: dict[str, list[int]] = {}
    for handout, _ in everything:
        store, year, serial = handout.number.split("-")
        assert store == "JA01" and serial[0] == "H"
        years.setdefault(year, []).append(int(serial[1:]))
    assert all(serials == list(range(1, len(serials) + 1)) for serials in years.values())


def test_one_household_past_its_allowance_with_a_managers_approval(demo: Services) -> None:
    given = handouts(demo)
    approved = [h for h, _ in given if h.approved_by is not None]
    assert len(approved) == 1
    (handout,) = approved
    assert handout.over_allowance and handout.mode == "enforce" and handout.override_reason
    assert handout.used_before_fen + handout.total_value_fen > handout.allowance_fen
    with demo.db.read() as s:
        role = s.scalar(select(User.role).where(User.id == handout.approved_by))
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "handout.over_allowance",
                                                   AuditEntry.outcome == "approved")).one()
    assert role == "manager" and entry.approved_by == handout.approved_by
    assert json.loads(entry.detail)["number"] == handout.number


def test_one_category_in_warn_mode_and_one_warned_handout(demo: Services) -> None:
    (warn,) = [r for r in demo.quotas.rules() if r.mode == "warn"]
    given = handouts(demo)
    warned = [(h, household) for h, household in given if h.over_allowance and h.approved_by is None]
    assert len(warned) == 1
    handout, household = warned[0]
    assert handout.mode == "warn" and household.category == warn.household_category
    assert handout.used_before_fen + handout.total_value_fen > handout.allowance_fen
    with demo.db.read() as s:
        outcomes = [a.outcome for a in s.scalars(select(AuditEntry).where(
            AuditEntry.action == "handout.over_allowance"))]
    assert sorted(outcomes) == ["approved", "warned"]


def test_the_expired_card_was_refused_and_took_nothing(built: Built, demo: Services) -> None:
    expired = [(card, at) for card, reason, at in built.refused if reason == "expired"]
    assert len(expired) == 1
    card, at = expired[0]
    with demo.db.read() as s:
        household = s.scalars(select(Household).where(Household.card_number == card)).one()
        taken = s.scalars(select(Handout.number).where(Handout.household_id == household.id)).all()
    assert household.valid_to < at.astimezone(STORE_TZ).date()
    assert taken == []
    assert built.summary.refused_cards == len(built.refused) == 2


def test_one_suspended_household_turned_away_with_its_reason(built: Built, demo: Services) -> None:
    suspended = [h for h in demo.households.households() if h.status == "suspended"]
    assert len(suspended) == 1
    with demo.db.read() as s:
        reason = s.scalar(select(Household.status_reason).where(Household.id == suspended[0].id))
        taken = s.scalars(select(Handout.number).where(Handout.household_id == suspended[0].id)).all()
    assert reason and taken == []
    assert [(card, why) for card, why, _ in built.refused if why == "suspended"] == [
        (suspended[0].card_number, "suspended")]


def test_the_demo_with_handouts_verifies(built: Built) -> None:
    with open_store(built.path, upgrade=False) as db, db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


@pytest.mark.parametrize("days", [1, 2, 3, 7, 30, 365])
def test_the_relief_plan_fits_any_length(days: int) -> None:
    plan = ReliefPlan.for_days(days)
    for day in (plan.suspend_day, plan.expired_day, plan.override_day, plan.warned_day, plan.suspended_visit_day):
        assert 1 <= day <= days
    assert plan.suspend_day <= plan.suspended_visit_day


def _handed_out(path: Path) -> list[tuple[object, ...]]:
    """The demo's handouts, without ids (random) or dates (today's)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("""
            SELECT h.number, substr(h.at, 12), hh.card_number, h.total_value_fen, h.allowance_fen, h.mode,
                   h.over_allowance, h.override_reason, group_concat(l.name || ':' || l.quantity, ' ')
              FROM handout h JOIN household hh ON hh.id = h.household_id JOIN handout_line l ON l.handout_id = h.id
             GROUP BY h.id
            UNION ALL SELECT card_number, status, status_reason, NULL, NULL, NULL, NULL, NULL, NULL
              FROM household WHERE status <> 'active'
            UNION ALL SELECT household_category, mode, period, base_fen, NULL, NULL, NULL, NULL, NULL FROM quota_rule
            ORDER BY 1""").fetchall()
    finally:
        conn.close()


def test_the_same_seed_makes_the_same_handouts_whatever_the_string_hashing(tmp_path: Path) -> None:
    builds = []
    for seed in ("1", "2"):
        path = tmp_path / f"demo-{seed}.db"
        code = f"from charity_pos.demo.builder import build_demo; build_demo({str(path)!r}, days=2)"
        env = dict(os.environ, PYTHONHASHSEED=seed, CHARITY_POS_HOME=str(tmp_path / f"home-{seed}"))
        builds.append((path, subprocess.Popen([sys.executable, "-c", code], env=env)))
    for path, process in builds:
        assert process.wait(timeout=300) == 0
    first, second = (_handed_out(path) for path, _ in builds)
    assert first == second
    assert sum(1 for row in first if str(row[0]).startswith("JA01-")) >= 4


def test_the_plan_days_are_dates_of_the_demo(built: Built, demo: Services) -> None:
    """The refusals happened on the planned days."""
    plan = ReliefPlan.for_days(DAYS)
    first = min(local_date(h.at) for h, _ in handouts(demo))
    days = {reason: (at.astimezone(STORE_TZ).date() - first).days + 1 for _, reason, at in built.refused}
    assert days == {"expired": plan.expired_day, "suspended": plan.suspended_visit_day}
    assert isinstance(first, date)
