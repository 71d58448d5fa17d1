"""Issue 10: the ledgers, reports and figures on a busy store's year.

The store: the demo store (one day through the services) plus a year of a
busy store's rows (issue 6's scale: 100,000 sales of 3 lines, 10,000
donations, 20,000 handouts) written straight into its tables in the shapes
the services write (``sync._Year`` makes them; here they go into the tables,
not the journal, since reports read the tables). Making them through the
services would take hours.

Figures, each the median of a few runs beside a baseline in the same run:
every report kind for one month and for the whole year through
``ReportService.run`` (the rows, labels and totals a screen or an export
gets) against a bare sqlite3 query of the same figures on the same file
(the kind's main rows, grouped the same way); the period figures the
dashboard and the notice share, against bare sums of the same. A lot's trace against a bare query of its movements;
the dashboard's data (one read) and the dashboard screen opened offscreen
until its figures are drawn, and a month's public notice written as PDF and
HTML, each against the bare sums of the same figures.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from report import Row, median
from sync import DAYS, DONATIONS, HANDOUTS, SALES, _Catalog, _Year

from charity_pos.demo.builder import build_demo
from charity_pos.reports.table import Filters
from charity_pos.services.base import COMMAND_LINE
from charity_pos.services.registry import Services

RUNS = 3
#: tables the year's rows go into, in an order foreign keys accept
TABLES = ("sale", "sale_line", "sale_line_lot", "payment", "donation", "donation_line", "stock_lot", "handout",
          "handout_line", "handout_line_lot", "stock_movement")


def _stored(table: str, column: str, value: Any, uuids: set[tuple[str, str]], times: set[tuple[str, str]]) -> Any:
    """A payload's value as SQLAlchemy stores it in SQLite: UUIDs as 32 hex digits, times naive UTC."""
    if value is None:
        return None
    if (table, column) in uuids:
        return uuid.UUID(value).hex
    if (table, column) in times:
        return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, bool):
        return int(value)
    return value


def _column_kinds(conn: sqlite3.Connection) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    from charity_pos.db.base import Base, UtcDateTime
    import charity_pos.db.models  # noqa: F401 -- registers every table
    from sqlalchemy import Uuid

    uuids, times = set(), set()
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, Uuid):
                uuids.add((table.name, column.name))
            elif isinstance(column.type, UtcDateTime):
                times.add((table.name, column.name))
    return uuids, times


def _private_defaults() -> dict[str, dict[str, Any]]:
    """Columns kept out of the journal (personal data) get what the app writes when empty."""
    from charity_pos.db.base import Base

    found: dict[str, dict[str, Any]] = {}
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if column.info.get("journal") is False and not column.nullable:
                default = column.default.arg if column.default is not None and not callable(column.default.arg) else ""
                found.setdefault(table.name, {})[column.name] = default
    return found


def make_busy_tables(folder: Path, rng: random.Random, scale: float = 1.0) -> tuple[Path, dict[str, int], float]:
    """The demo store plus a (scaled) year of rows in its tables; the counts and seconds taken."""
    import json

    path = folder / "busy-tables.sqlite3"
    build_demo(path, days=1)
    cat = _Catalog(path)
    year = _Year(cat, rng)
    counts = {"sales": round(SALES * scale), "donations": round(DONATIONS * scale),
              "handouts": round(HANDOUTS * scale)}
    kinds = ["S"] * counts["sales"] + ["D"] * counts["donations"] + ["H"] * counts["handouts"]
    rng.shuffle(kinds)
    makers: dict[str, Callable[[datetime], tuple[str, str, str]]] = {
        "S": year.sale, "D": year.donation, "H": year.handout}
    began = time.perf_counter()
    conn = sqlite3.connect(path)
    uuids, times = _column_kinds(conn)
    start = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=DAYS + 1)
    days = max(1, round(DAYS * scale))
    per_day = -(-len(kinds) // days)
    step = 8 * 3600 / per_day
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}

    missing = _private_defaults()

    def flush() -> None:
        for table in TABLES:
            batch = rows[table]
            if batch:
                for row in batch:
                    row.update(missing.get(table, {}))
                columns = list(batch[0])
                conn.executemany(f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" * len(columns))})',
                                 [tuple(_stored(table, c, r[c], uuids, times) for c in columns) for r in batch])
                batch.clear()

    with conn:
        for n, letter in enumerate(kinds):
            day, slot = divmod(n, per_day)
            when = start + timedelta(days=day + 1, hours=1, seconds=slot * step + rng.random() * step * 0.9)
            _kind, _actor, payload = makers[letter](when)
            for change in json.loads(payload)["changes"]:
                rows[change["table"]].append(change["row"])
            if n % 2000 == 1999:
                flush()
        flush()
    conn.close()
    counts["days"] = days
    return path, counts, time.perf_counter() - began


#: per kind, a bare query of the same figures (the kind's main rows for a period)
BARE: dict[str, str] = {
    "donations": "SELECT d.received_at, d.number, dl.line_no, i.name, dl.quantity, dl.unit_value_fen "
                 "FROM donation_line dl JOIN donation d ON d.id = dl.donation_id JOIN item i ON i.id = dl.item_id "
                 "WHERE d.received_at >= ? AND d.received_at < ? ORDER BY d.received_at, d.number, dl.line_no",
    "stock-moves": "SELECT m.item_id, m.lot_id, m.at, m.reason, m.document, m.quantity, "
                   "SUM(m.quantity) OVER (PARTITION BY m.lot_id ORDER BY m.at, m.id) FROM stock_movement m "
                   "WHERE m.at < ? ORDER BY m.item_id, m.lot_id, m.at",
    "handouts": "SELECT h.at, h.number, hh.card_number, hl.name, hl.quantity, hl.value_fen FROM handout_line hl "
                "JOIN handout h ON h.id = hl.handout_id JOIN household hh ON hh.id = h.household_id "
                "WHERE h.at >= ? AND h.at < ? ORDER BY h.at, h.number, hl.line_no",
    "sales": "SELECT substr(s.completed_at, 1, 10), count(*), sum(s.total_fen) FROM sale s "
             "WHERE s.completed_at >= ? AND s.completed_at < ? GROUP BY 1",
    "funds": "SELECT d.received_at, d.number, d.cash_fen FROM donation d "
             "WHERE d.cash_fen > 0 AND d.received_at >= ? AND d.received_at < ? ORDER BY d.received_at",
    "stock": "SELECT m.item_id, sum(m.quantity) FROM stock_movement m WHERE m.at < ? GROUP BY m.item_id",
    "expiry": "SELECT l.id, l.expiry_date, sum(m.quantity) FROM stock_lot l JOIN stock_movement m ON m.lot_id = l.id "
              "WHERE l.expiry_date IS NOT NULL AND m.at < ? GROUP BY l.id",
}
FIGURES_BARE = (
    "SELECT count(*), sum(cash_fen) FROM donation WHERE received_at >= ? AND received_at < ?",
    "SELECT sum(dl.quantity), sum(dl.quantity * coalesce(dl.unit_value_fen, 0)) FROM donation_line dl "
    "JOIN donation d ON d.id = dl.donation_id WHERE d.received_at >= ? AND d.received_at < ?",
    "SELECT count(*), sum(total_fen) FROM sale WHERE completed_at >= ? AND completed_at < ?",
    "SELECT count(*), count(DISTINCT household_id), sum(total_value_fen) FROM handout WHERE at >= ? AND at < ?",
    "SELECT count(*), sum(total_fen) FROM sale_return WHERE at >= ? AND at < ?",
    "SELECT hh.category, count(DISTINCT h.household_id), count(*), sum(h.total_value_fen) FROM handout h "
    "JOIN household hh ON hh.id = h.household_id WHERE h.at >= ? AND h.at < ? GROUP BY hh.category",
    "SELECT i.source, sum(m.q), sum(m.q * i.sale_price_fen) FROM (SELECT item_id, sum(quantity) q "
    "FROM stock_movement WHERE at < ? GROUP BY item_id) m JOIN item i ON i.id = m.item_id GROUP BY i.source",
)


def _bare_rows(conn: sqlite3.Connection, sql: str, lo: datetime, hi: datetime) -> int:
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    params = (hi.strftime(fmt),) if sql.count("?") == 1 else (lo.strftime(fmt), hi.strftime(fmt))
    return len(conn.execute(sql, params).fetchall())


def _timed(work: Callable[[], object]) -> float:
    samples = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        samples.append(time.perf_counter() - began)
    return median(samples)


def measure(folder: Path, rng: random.Random, *, scale: float = 1.0,
            progress: Callable[[str], None] = lambda _s: None) -> list[Row]:
    from charity_pos.reports.period import month_bounds, utc_range

    work = folder / "reports"
    work.mkdir()
    path, counts, made_s = make_busy_tables(work, rng, scale)
    progress(f"{counts['sales']:,} sales, {counts['donations']:,} donations, {counts['handouts']:,} handouts "
             f"written into the tables in {made_s:.1f} s")
    services = Services.open(path)
    bare = sqlite3.connect(path)
    rows: list[Row] = []
    try:
        today = datetime.now(UTC).date()
        middle = today - timedelta(days=180)
        month = month_bounds(middle.year, middle.month)
        year = (today - timedelta(days=365), today)
        for kind in services.reports.kinds():
            for label, (start, end) in (("a month", month), ("the year", year)):
                filters = Filters(start, end)
                service_s = _timed(lambda: services.reports.run(COMMAND_LINE, kind, filters))
                lo, hi = utc_range(start, end)
                sql = BARE.get(kind)
                bare_s = _timed(lambda: _bare_rows(bare, sql, lo, hi)) if sql else float("nan")
                rows.append(Row(f"report {kind}, {label} (ms)", service_s * 1000, "ms", bare_s * 1000, 0))
        for label, (start, end) in (("a month", month), ("the year", year)):
            service_s = _timed(lambda: services.reports.figures(COMMAND_LINE, start, end))
            lo, hi = utc_range(start, end)
            bare_s = _timed(lambda: [_bare_rows(bare, sql, lo, hi) for sql in FIGURES_BARE])
            rows.append(Row(f"period figures (dashboard, notice), {label} (ms)", service_s * 1000, "ms",
                            bare_s * 1000, 0))
        rows += _trace_rows(services, bare, rng)
        rows += _overview_rows(services, bare, today)
        rows += _notice_rows(services, bare, month, work)
    finally:
        bare.close()
        services.close()
    return rows


TRACED_LOTS = 30
BARE_TRACE = ("SELECT m.at, m.reason, m.document, m.quantity, l.barcode, l.document FROM stock_movement m "
              "JOIN stock_lot l ON l.id = m.lot_id WHERE l.barcode = ? ORDER BY m.at")


def _trace_rows(services: Services, bare: sqlite3.Connection, rng: random.Random) -> list[Row]:
    """A lot's story: the busiest lots (the demo's, which the year's sales draw on) and the year's
    donated lots (a few movements each)."""
    busy = [code for (code,) in bare.execute(
        "SELECT l.barcode FROM stock_lot l JOIN stock_movement m ON m.lot_id = l.id WHERE l.barcode IS NOT NULL "
        "GROUP BY l.id ORDER BY count(*) DESC LIMIT ?", (TRACED_LOTS,))]
    donated = [code for (code,) in bare.execute(
        "SELECT barcode FROM stock_lot WHERE barcode LIKE '23%' ORDER BY barcode")]
    donated = rng.sample(donated, min(TRACED_LOTS, len(donated)))
    moves = bare.execute("SELECT avg(n) FROM (SELECT count(*) n FROM stock_movement m JOIN stock_lot l "
                         f"ON l.id = m.lot_id WHERE l.barcode IN ({', '.join('?' * len(busy))}) GROUP BY l.id)",
                         busy).fetchone()[0] or 0
    rows = []
    for label, codes in ((f"the {len(busy)} busiest lots, {moves:,.0f} movements each", busy),
                         (f"{len(donated)} donated lots of the year", donated)):
        service = [_timed(lambda c=code: services.trace.trace(COMMAND_LINE, c)) for code in codes]
        plain = [_timed(lambda c=code: bare.execute(BARE_TRACE, (c,)).fetchall()) for code in codes]
        rows.append(Row(f"trace of a lot, {label}, median (ms)", median(service) * 1000, "ms",
                        median(plain) * 1000, 1))
    return rows


def _overview_rows(services: Services, bare: sqlite3.Connection, today: date) -> list[Row]:
    """The dashboard: its data in one read, and the screen shown with it (offscreen)."""
    from charity_pos.reports.period import utc_range

    lo, hi = utc_range(today.replace(day=1), today)
    day_lo, day_hi = utc_range(today, today)

    def bare_overview() -> None:
        for sql in FIGURES_BARE:
            _bare_rows(bare, sql, day_lo, day_hi)
            _bare_rows(bare, sql, lo, hi)

    data_s = _timed(lambda: services.reports.overview(COMMAND_LINE, today))
    bare_s = _timed(bare_overview)
    rows = [Row("dashboard: its figures, alerts and 30 days of series in one read (ms)", data_s * 1000, "ms",
                bare_s * 1000, 0)]
    shown = _dashboard_shown(services)
    if shown is not None:
        rows.append(Row("dashboard: opened, figures loaded and drawn, offscreen (ms)", shown * 1000, "ms",
                        bare_s * 1000, 0))
    return rows


def _dashboard_shown(services: Services) -> float | None:
    try:
        from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler
        from PySide6.QtWidgets import QApplication
    except ImportError:  # pragma: no cover - the app needs Qt anyway
        return None
    from charity_pos.services.base import Actor, Role
    from charity_pos.ui.dashboard import DashboardScreen

    app = QApplication.instance() or QApplication(["bench"])
    qInstallMessageHandler(lambda _kind, _context, message: None if "propagateSizeHints" in message
                           else print(message, file=sys.stderr))
    manager = next(u for u in services.accounts.users() if u.role == Role.MANAGER)
    actor = Actor(manager.id, manager.username, manager.role)

    class Quiet:
        def __getattr__(self, _name: str) -> Callable[..., None]:
            return lambda *a, **k: None

    samples = []
    for _ in range(RUNS):
        began = time.perf_counter()
        screen = DashboardScreen(services, actor, Quiet(), Quiet())  # type: ignore[arg-type]
        screen.resize(1280, 800)
        loop = QEventLoop()
        screen.loader.loaded.connect(lambda _r: QTimer.singleShot(0, loop.quit))
        screen.show()
        screen.activate()
        QTimer.singleShot(30_000, loop.quit)
        loop.exec()
        app.processEvents()
        screen.grab()  # drawn, charts included
        samples.append(time.perf_counter() - began)
        screen.close()
        screen.deleteLater()
        app.processEvents()
    return median(samples)


def _notice_rows(services: Services, bare: sqlite3.Connection, month: tuple[date, date], work: Path) -> list[Row]:
    from charity_pos import files
    from charity_pos.export.notice_files import write_notice
    from charity_pos.reports import notice
    from charity_pos.reports.period import utc_range

    out = work / "notice"
    protect = files.Protected()  # a folder of its own

    def written() -> None:
        with services.db.read() as s:
            content = notice.build(s, *month)
        write_notice(content, out, protect, force=True)

    lo, hi = utc_range(*month)
    return [Row("public notice of a month, PDF and HTML written (ms)", _timed(written) * 1000, "ms",
                _timed(lambda: [_bare_rows(bare, sql, lo, hi) for sql in FIGURES_BARE]) * 1000, 0)]


if __name__ == "__main__":  # a quick look: python benchmarks/reports.py [scale]
    import os
    import sys
    import tempfile

    from report import table

    with tempfile.TemporaryDirectory(prefix="charity-pos-bench-") as tmp:
        os.environ["CHARITY_POS_HOME"] = str(Path(tmp) / "home")
        scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
        print(table(measure(Path(tmp), random.Random(20260101), scale=scale, progress=print)))
