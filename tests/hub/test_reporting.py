"""Who has reported (a stores x months matrix with a controlled clock, on
SQLite and on PostgreSQL): on time, late, missing, not yet due, a store
registered mid-year not expected before, the rates per month, silent
stores first, the month boundary in Shanghai time, one store's month; and
the command line, bad months refused in one line."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from charity_pos import errors
from charity_pos.hub import reporting
from charity_pos.hub.engine import HubDatabase, open_hub
from charity_pos.hub.importer import import_bundle
from charity_pos.hub.models import HubBundle, HubEvent, HubStore
from charity_pos.hub.reporting import LATE, MISSING, NOT_DUE, NOT_EXPECTED, ON_TIME
from charity_pos.hub.service import init_hub
from tests.helpers import run_cli
from tests.hub import Hub, hub, source, store_key  # noqa: F401  (fixtures)

SH = timedelta(hours=8)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def shanghai(*args: int) -> datetime:
    """A Shanghai wall-clock time, as the aware UTC time the hub keeps."""
    return datetime(*args, tzinfo=UTC) - SH


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


class District:
    """A hub whose stores' events and bundles are written straight into its tables, at chosen times."""

    def __init__(self, db: HubDatabase) -> None:
        self.db = db
        self.ids: dict[str, uuid.UUID] = {}

    def store(self, code: str, registered_at: datetime) -> None:
        store_id = uuid.uuid4()
        self.ids[code] = store_id
        with self.db.begin() as s:
            s.add(HubStore(id=store_id, code=code, name=f"{code} 慈善超市", short_name=code, district="静安区",
                           public_key="k", registered_at=registered_at, last_seq=0))

    def send(self, code: str, imported_at: datetime, *times: datetime, kind: str = "sale.completed") -> None:
        """A bundle of events at ``times`` imported at ``imported_at``."""
        store_id = self.ids[code]
        with self.db.begin() as s:
            store = s.get(HubStore, store_id)
            assert store is not None
            first = store.last_seq + 1
            rows = [{"store_id": store_id, "seq": first + n, "uuid": str(uuid.uuid4()), "kind": kind,
                     "at": at.astimezone(UTC).isoformat(timespec="microseconds"), "actor": None, "payload": "{}",
                     "prev_hash": "0" * 64, "hash": "0" * 64} for n, at in enumerate(times)]
            s.execute(insert(HubEvent), rows)
            store.last_seq = first + len(times) - 1
            store.last_bundle_at = imported_at
            s.add(HubBundle(sha256="0" * 64, file_name=f"{code}-{first}.cpbundle", store_id=store_id, first_seq=first,
                            last_seq=store.last_seq, result="applied", events_applied=len(times), at=imported_at))


@pytest.fixture
def district(hub_url: str) -> Iterator[District]:
    init_hub(hub_url, "静安区", clock=lambda: utc(2025, 12, 1))
    db = open_hub(hub_url)
    try:
        yield District(db)
    finally:
        db.close()


def states(status: reporting.Status, code: str) -> dict[str, str]:
    line = next(line for line in status.stores if line.code == code)
    return {month: cell.state for month, cell in zip(status.months, line.cells, strict=True)}


def cell(status: reporting.Status, code: str, month: str) -> reporting.Cell:
    line = next(line for line in status.stores if line.code == code)
    return line.cells[status.months.index(month)]


NOW = shanghai(2026, 4, 3, 10)  # before April's deadline for March (the 5th)


def test_each_state_of_a_cell(district: District) -> None:
    d = district
    d.store("JA01", shanghai(2025, 12, 20))
    d.send("JA01", shanghai(2026, 1, 20, 9), shanghai(2026, 1, 3, 10), shanghai(2026, 1, 19, 18))
    d.send("JA01", shanghai(2026, 2, 5, 23, 50), shanghai(2026, 1, 31, 20))  # January's last day: on the 5th
    # February: nothing. March: sent as it goes, last bundle yesterday
    d.send("JA01", shanghai(2026, 4, 2, 9), shanghai(2026, 3, 4, 9), shanghai(2026, 3, 30, 15))
    d.store("JA02", shanghai(2025, 12, 20))
    d.send("JA02", shanghai(2026, 2, 6, 0, 10), shanghai(2026, 1, 10, 9))  # ten minutes after the deadline
    d.store("JA03", shanghai(2026, 2, 14))  # registered mid-February
    d.send("JA03", shanghai(2026, 3, 10), shanghai(2026, 3, 1, 9))  # March's, then silent for 24 days

    status = reporting.reporting_status(d.db, "2026-01", "2026-04", clock=Clock(NOW))
    assert status.months == ("2026-01", "2026-02", "2026-03", "2026-04")
    assert states(status, "JA01") == {"2026-01": ON_TIME, "2026-02": MISSING, "2026-03": ON_TIME, "2026-04": NOT_DUE}
    assert states(status, "JA02") == {"2026-01": LATE, "2026-02": MISSING, "2026-03": NOT_DUE, "2026-04": NOT_DUE}
    # not expected before it was registered; March not due while the store is silent
    assert states(status, "JA03") == {"2026-01": NOT_EXPECTED, "2026-02": MISSING, "2026-03": NOT_DUE,
                                      "2026-04": NOT_DUE}
    january = cell(status, "JA01", "2026-01")
    assert (january.events, january.bundles) == (3, 2)
    assert january.last_event_at == shanghai(2026, 1, 31, 20)
    assert january.reached_at == shanghai(2026, 2, 5, 23, 50)
    assert cell(status, "JA02", "2026-01").reached_at == shanghai(2026, 2, 6, 0, 10)
    missing = cell(status, "JA01", "2026-02")
    assert (missing.events, missing.last_event_at, missing.reached_at) == (0, None, None)

    # A week later March's deadline has passed: JA03's March came in time, JA02's never came.
    later = reporting.reporting_status(d.db, "2026-01", "2026-04", clock=Clock(shanghai(2026, 4, 10)))
    assert states(later, "JA03")["2026-03"] == ON_TIME
    assert states(later, "JA02")["2026-03"] == MISSING


def test_rates_per_month_count_only_the_stores_expected(district: District) -> None:
    d = district
    for code in ("JA01", "JA02", "JA03"):
        d.store(code, shanghai(2025, 12, 1))
    d.store("JA04", shanghai(2026, 2, 14))
    d.send("JA01", shanghai(2026, 2, 2), shanghai(2026, 1, 5))
    d.send("JA02", shanghai(2026, 2, 9), shanghai(2026, 1, 6))
    d.send("JA01", shanghai(2026, 3, 1), shanghai(2026, 2, 20))
    d.send("JA04", shanghai(2026, 3, 2), shanghai(2026, 2, 20))
    status = reporting.reporting_status(d.db, "2026-01", "2026-03", clock=Clock(shanghai(2026, 3, 20)))
    january, february, march = status.rates
    assert (january.expected, january.on_time, january.late, january.missing) == (3, 1, 1, 1)
    assert january.rate == pytest.approx(2 / 3) and january.on_time_rate == pytest.approx(1 / 3) and january.due
    assert (february.expected, february.on_time, february.missing) == (4, 2, 2)  # JA04 registered in February
    assert february.rate == 0.5
    assert not march.due


def test_silent_stores_come_first_longest_silent_at_the_top(district: District) -> None:
    d = district
    now = shanghai(2026, 3, 20, 12)
    for code in ("AA01", "BB02", "CC03", "DD04"):
        d.store(code, shanghai(2025, 12, 1))
    d.send("AA01", now - timedelta(days=1), shanghai(2026, 3, 18))
    d.send("BB02", now - timedelta(days=8), shanghai(2026, 3, 10))
    d.send("DD04", now - timedelta(days=30), shanghai(2026, 2, 15))
    status = reporting.reporting_status(d.db, clock=Clock(now))
    assert [(line.code, line.days_silent, line.silent) for line in status.stores] == [
        ("CC03", None, True), ("DD04", 30, True), ("BB02", 8, True), ("AA01", 1, False)]
    assert len(status.months) == 12 and status.months[-1] == "2026-03" and status.months[0] == "2025-04"


def test_the_month_boundary_is_shanghai_time(district: District) -> None:
    d = district
    d.store("JA01", shanghai(2026, 1, 1))
    # 2026-11-30 23:30 in Shanghai is 15:30 UTC: November; 2026-12-01 00:10 is 16:10 UTC on the 30th: December
    d.send("JA01", utc(2026, 12, 1, 2), utc(2026, 11, 30, 15, 30), utc(2026, 11, 30, 16, 10))
    status = reporting.reporting_status(d.db, "2026-11", "2026-12", clock=Clock(utc(2026, 12, 2)))
    november, december = (cell(status, "JA01", m) for m in ("2026-11", "2026-12"))
    assert (november.events, november.last_event_at) == (1, utc(2026, 11, 30, 15, 30))
    assert (december.events, december.last_event_at) == (1, utc(2026, 11, 30, 16, 10))
    # the deadline too: November's events are due by the end of 5 December, Shanghai time
    assert reporting.Month(2026, 11).deadline == utc(2026, 12, 5, 16)


def test_one_stores_month_by_kind_with_its_bundles(district: District) -> None:
    d = district
    d.store("JA01", shanghai(2025, 12, 1))
    d.send("JA01", shanghai(2026, 1, 10), shanghai(2025, 12, 30), shanghai(2026, 1, 2), shanghai(2026, 1, 3))
    d.send("JA01", shanghai(2026, 1, 20), shanghai(2026, 1, 15), kind="handout.completed")
    d.send("JA01", shanghai(2026, 2, 3), shanghai(2026, 1, 31), shanghai(2026, 2, 1))
    month = reporting.store_month(d.db, "ja01", "2026-01", clock=Clock(shanghai(2026, 3, 1)))
    assert month.cell.state == ON_TIME and month.cell.events == 4
    assert month.kinds == (("sale.completed", 3), ("handout.completed", 1))
    assert [(b.file_name, b.first_seq, b.last_seq) for b in month.bundles] == [
        ("JA01-1.cpbundle", 2, 3), ("JA01-4.cpbundle", 4, 4), ("JA01-5.cpbundle", 5, 5)]
    assert month.cell.last_event_at == shanghai(2026, 1, 31)
    with pytest.raises(errors.StoreNotRegistered):
        reporting.store_month(d.db, "ZZ99", "2026-01")
    with pytest.raises(errors.InvalidInput):
        reporting.store_month(d.db, "JA01", "2026-13")


@pytest.mark.parametrize(("start", "end"), [("2026-13", None), (None, "2026-00"), ("26-01", None),
                                            ("2026-05", "2026-04"), ("2020-01", "2026-01")],
                         ids=["month 13", "month 0", "short year", "to before from", "too many months"])
def test_bad_months_are_refused(district: District, start: str | None, end: str | None) -> None:
    with pytest.raises(errors.InvalidInput):
        reporting.reporting_status(district.db, start, end, clock=Clock(NOW))


def test_a_real_bundle_counts_by_its_import(hub: Hub) -> None:
    """The demo store's journal as a store sends it: every event at the hub, in its month."""
    last = hub.store.events[-1]["seq"]
    at = datetime.fromisoformat(hub.store.events[-1]["at"])
    import_bundle(hub.db, hub.bundle(1, last), clock=lambda: at + timedelta(hours=1))
    status = reporting.reporting_status(hub.db, clock=lambda: at + timedelta(days=1))
    line = status.stores[0]
    assert sum(c.events for c in line.cells) == last
    assert line.days_silent == 0 and not line.silent
    # the cell of the last event's month (a day later may be the next month's, not yet due: the demo is made up
    # to the day it is built, and built on the 1st its last day is the month before, when the store, registered
    # today, was not yet expected to send)
    month = reporting.Month.of(at)
    cell = line.cells[status.months.index(month.key)]
    assert cell.last_event_at == at
    assert cell.state == (ON_TIME if month >= reporting.Month.of(line.registered_at) else NOT_EXPECTED)


# --- the command line ---------------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *argv: object, lang: str = "en") -> tuple[int, list[str], str]:
    code, out, err = run_cli(*argv, lang=lang)
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def test_hub_reporting_prints_the_matrix(capsys: pytest.CaptureFixture[str], district: District,
                                         monkeypatch: pytest.MonkeyPatch, hub_url: str) -> None:
    d = district
    d.store("JA01", shanghai(2025, 12, 1))
    d.store("JA02", shanghai(2025, 12, 1))
    d.send("JA01", shanghai(2026, 2, 2), shanghai(2026, 1, 5))
    d.send("JA02", shanghai(2026, 2, 9), shanghai(2026, 1, 6))
    d.send("JA01", shanghai(2026, 3, 19), shanghai(2026, 3, 18))
    monkeypatch.setattr("charity_pos.hub.cli_status.now", lambda: shanghai(2026, 3, 20))
    code, out, _ = run(capsys, "hub", "reporting", "--hub", hub_url, "--from", "2026-01", "--to", "2026-03")
    assert code == 0
    text = "\n".join(out)
    header = next(line for line in out if "2026-01" in line)
    assert "2026-02" in header and "2026-03" in header
    ja02 = next(line for line in out if line.startswith("JA02"))
    ja01 = next(line for line in out if line.startswith("JA01"))
    assert out.index(ja02) < out.index(ja01)  # silent for 39 days: first
    assert "!" in ja02 and "✗" in ja02 and "39" in ja02
    assert "✓" in ja01 and "✗" in ja01
    assert "Reporting rate" in text and "100%" in text and "0%" in text
    assert "✓ on time" in text  # the key

    code, out, _ = run(capsys, "hub", "reporting", "--hub", hub_url, "--from", "2026-01", "--to", "2026-02", "--json")
    data = json.loads("\n".join(out))
    assert data["months"] == ["2026-01", "2026-02"]
    first = data["stores"][0]
    assert first["code"] == "JA02" and first["cells"][0]["state"] == "late" and first["days_silent"] == 39
    assert data["rates"][0] == {"month": "2026-01", "expected": 2, "on_time": 1, "late": 1, "missing": 0,
                                "due": True, "rate": 1.0, "on_time_rate": 0.5}

    code, out, _ = run(capsys, "hub", "reporting", "--hub", hub_url, "--from", "2026-01", "--to", "2026-03",
                       lang="zh_CN")
    assert code == 0 and any("上报率" in line for line in out)


@pytest.mark.parametrize(("args", "words"), [
    (("--from", "2026-13"), "is not a month"),
    (("--from", "2026-05", "--to", "2026-04"), "before the start"),
    (("--from", "2020-01", "--to", "2026-01"), "36 months"),
])
def test_hub_reporting_refuses_bad_months_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                      args: tuple[str, ...], words: str) -> None:
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    init_hub(url, "静安区")
    code, out, err = run(capsys, "hub", "reporting", "--hub", url, *args)
    assert code == 1 and out == [] and err.count("\n") == 1 and words in err
