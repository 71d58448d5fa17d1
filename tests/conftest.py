"""Fixtures for the tests below the UI: a temporary store file per test, a
clock the test moves by hand, and the two roles already signed in.

Every test runs with ``CHARITY_POS_HOME`` in a temporary folder, so nothing
touches the real settings, data or log folders.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from charity_pos.db.engine import StoreDatabase
from charity_pos.services.store_file import open_store
from charity_pos.domain import pins
from charity_pos.security.keys import key_path
from charity_pos.services.base import Actor, Role
from charity_pos.services.catalog import ItemDraft, ItemRow, Source
from charity_pos.services.registry import Services
from charity_pos.services.store import init_store

STORE_CODE = "PT01"
STORE_NAME = "普陀区长征镇慈善超市"
DISTRICT = "普陀区"
MANAGER_PIN = "9999"
CASHIER_PIN = "1111"
CASHIER_NAME = "王丽华"
#: 10:00 in Shanghai on a Tuesday in March 2026: when the ``clock`` fixture starts
CLOCK_START = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)

# PINs hashed at a cost of 2**4 instead of the app's 2**14: the suite makes thousands of accounts, and each
# full-cost hash takes some 40 ms. A hash keeps its cost, so every check works as in the app; the app's own
# cost is checked in a fresh interpreter (tests/domain/test_pins.py).
pins.COST = (2**4, 8, 1)


class FakeClock:
    """Aware UTC datetimes that move only when the test says so."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)

    def set(self, at: datetime) -> None:
        assert at.tzinfo is not None
        self.at = at.astimezone(UTC)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CHARITY_POS_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _gc_on_gui_thread(request: pytest.FixtureRequest) -> None:
    """Widget tests collect Python's garbage on the GUI thread only, as the app does (``ui.collector``): a
    collection started in a screen's background load could otherwise destroy an earlier test's widgets in that
    thread and crash the test process. Set again before each widget test: a test may switch collection on."""
    if {"qapp", "qtbot"} & set(request.fixturenames):
        from charity_pos.ui.collector import collect_on_gui_thread

        collect_on_gui_thread(request.getfixturevalue("qapp"))


@pytest.fixture(autouse=True)
def _messages_language_kept() -> Iterator[None]:
    """The catalog ``i18n.translate`` reads messages from (what ``describe`` tells the user) as it was before
    each test: a test that switches the language (``i18n.load``, ``load_catalog``: an English window, the
    command line with ``--lang en``) left every later test's messages in English, in whichever order the
    tests ran."""
    from charity_pos import i18n

    kept = list(i18n._loaded)
    yield
    i18n._loaded[:] = kept


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(CLOCK_START)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The store ``store_db`` makes, made once for the session by ``init_store`` at ``CLOCK_START``: its
    file (closed, so whole without its WAL) and its key file. Running every migration for each test cost
    more than most tests themselves."""
    folder = tmp_path_factory.mktemp("store-template")
    path = folder / "store.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHARITY_POS_HOME", str(folder / "home"))
        db = init_store(path, store_code=STORE_CODE, name=STORE_NAME, district=DISTRICT,
                        manager_pin=MANAGER_PIN, clock=FakeClock(CLOCK_START))
        db.close()
        store_id = uuid.UUID(store_id_of(path))
        key = key_path(store_id)
    assert key.is_file() and not path.with_name(path.name + "-wal").exists()
    return path, key


def copy_store(template: tuple[Path, Path], path: Path) -> StoreDatabase:
    """A session's template store (its closed file and its key file) copied to ``path``, its key file into
    this test's home, and opened."""
    file, key = template
    shutil.copyfile(file, path)
    target = key_path(uuid.UUID(key.stem))
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(key, target)
    target.chmod(0o600)
    return open_store(path)


@pytest.fixture
def store_db(store_path: Path, clock: FakeClock, store_template: tuple[Path, Path]) -> Iterator[StoreDatabase]:
    """A new store (``init_store``): a copy of the session's template, with its key file in this test's home,
    when the clock is at its start, as almost always; made afresh when a test moved it first."""
    if clock.at == CLOCK_START:
        db = copy_store(store_template, store_path)
    else:
        db = init_store(store_path, store_code=STORE_CODE, name=STORE_NAME, district=DISTRICT,
                        manager_pin=MANAGER_PIN, clock=clock)
    yield db
    db.close()


@pytest.fixture
def services(store_db: StoreDatabase, clock: FakeClock) -> Services:
    return Services.for_db(store_db, clock)


@pytest.fixture
def manager(services: Services) -> Actor:
    """The manager made by init, as the services see them after log-in
    (built directly: a PIN check costs ~50 ms of scrypt)."""
    row = next(u for u in services.accounts.users() if u.username == "manager")
    return Actor(row.id, row.username, row.role)


@pytest.fixture
def cashier(services: Services, manager: Actor) -> Actor:
    changes = services.accounts.create_user(manager, "cashier", CASHIER_NAME, Role.CASHIER, CASHIER_PIN)
    return Actor(changes.ids[0], "cashier", Role.CASHIER)


@pytest.fixture
def make_item(services: Services, manager: Actor) -> Callable[..., ItemRow]:
    """Create an item through the catalog service, as the manager."""

    def make(name: str = "东北大米 5kg", *, category: str = "grain_oil", unit: str = "袋", price: int = 3290,
             reference: int | None = 3590, barcode: str | None = None,
             source: Source = Source.PURCHASED) -> ItemRow:
        changes = services.catalog.create_item(
            manager, ItemDraft(name, category, unit, price, reference, barcode, source))
        return services.catalog.get(changes.ids[0])

    return make


@pytest.fixture
def twin_of(store_path: Path, clock: FakeClock) -> Iterator[Callable[[], Services]]:
    """Copies of the store file as it is when asked for (SQLite's backup),
    opened beside it: the same work done two ways, one in each, must leave
    both files the same."""
    opened: list[StoreDatabase] = []

    def copy() -> Services:
        from charity_pos.services.store_file import open_store

        target = store_path.with_name(f"twin{len(opened)}.db")
        with contextlib.closing(sqlite3.connect(store_path)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
        db = open_store(target, upgrade=False)
        opened.append(db)
        return Services.for_db(db, clock)

    yield copy
    for db in opened:
        db.close()


#: The till the counter's tests sell at.
TILL = "1号收银台"


@pytest.fixture
def counter_shop(services: Services, manager: Actor, cashier: Actor, make_item: Callable[..., ItemRow],
                 clock: FakeClock) -> SimpleNamespace:
    """Rice in two lots (one bag, then five), a donated sweater, soap never
    received, and the cashier's shift open at ``TILL``: the goods of the
    tests that write a sale, a void, a return or a handout. ``lots``: each
    item's lots, oldest first; ``newer_rice_lot``: the second bag's lot."""
    rice = make_item("东北大米 5kg", barcode="6901234567892", price=3290)
    sweater = make_item("男式羊毛衫 L码 藏青", category="clothing", unit="件", price=2500, reference=12000,
                        source=Source.DONATED)
    soap = make_item("上海药皂 125g", category="daily", unit="块", price=350, reference=400)
    services.stock.receive(manager, {rice.id: 1, sweater.id: 3})
    clock.advance(minutes=5)
    services.stock.receive(manager, {rice.id: 5})
    clock.advance(minutes=5)
    shift = services.shifts.open(cashier, TILL, 20000)
    lots: dict[Any, list[Any]] = {}
    for lot in services.stock.lots(include_empty=True):
        lots.setdefault(lot.item_id, []).append(lot.lot_id)
    return SimpleNamespace(rice=rice, sweater=sweater, soap=soap, shift_id=shift.ids[0], lots=lots,
                           newer_rice_lot=lots[rice.id][-1])


def journal_count(services: Services) -> int:
    from sqlalchemy import func, select

    from charity_pos.db.models import JournalEvent

    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(JournalEvent)) or 0


@pytest.fixture
def events() -> Callable[[Services], int]:
    """How many journal events a store holds."""
    return journal_count


@dataclass(frozen=True)
class FilledStore:
    """A closed store file with a little of everything, for tests that open
    the file themselves (tampering, the command line)."""

    path: Path
    rice_id: str
    oil_id: str
    sweater_id: str
    cashier_id: str
    events: int


@pytest.fixture
def filled_store(store_db: StoreDatabase, services: Services, manager: Actor, cashier: Actor,
                 make_item: Callable[..., ItemRow], clock: FakeClock) -> FilledStore:
    rice = make_item("东北大米 5kg", barcode="6901234567892")
    clock.advance(minutes=3)
    oil = make_item("海天金标生抽 500ml", unit="瓶", price=1190, reference=1290)
    clock.advance(minutes=3)
    sweater = make_item("男式羊毛衫 L码 藏青", category="clothing", unit="件", price=2500, reference=12000,
                        source=Source.DONATED)
    clock.advance(minutes=5)
    services.stock.receive(cashier, {rice.id: 20, oil.id: 12}, note="到货")
    clock.advance(minutes=5)
    services.stock.receive(manager, {sweater.id: 3})
    clock.advance(hours=6)
    services.stock.count(manager, {rice.id: 18}, reason="周盘点")
    count = journal_count(services)
    store_db.close()
    return FilledStore(store_db.path, str(rice.id), str(oil.id), str(sweater.id), str(cashier.user_id), count)


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """The demo store, built once per session through the command line
    (it takes seconds): its path, the exit code and what it printed."""
    from charity_pos import cli, i18n

    home = tmp_path_factory.mktemp("demo-home")
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    out = io.StringIO()
    saved = list(i18n._loaded)
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(out):
        mp.setenv("CHARITY_POS_HOME", str(home))
        code = cli.main(["demo", "--db", str(path), "--days", "3", "--lang", "en"])
    i18n._loaded[:] = saved
    return path, code, out.getvalue()


def store_id_of(path: Path) -> str:
    import sqlite3
    import uuid

    with contextlib.closing(sqlite3.connect(path)) as conn:
        return str(uuid.UUID(conn.execute("SELECT id FROM store").fetchone()[0]))


def bring_keys(path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copied store file's key file, copied into this test's key folder
    (as a store PC keeps both): the store writes nothing without it."""
    import shutil

    from charity_pos.security.keys import key_path

    name = f"{store_id_of(path)}.key"
    source = next(tmp_path_factory.getbasetemp().glob(f"**/keys/{name}"))
    target = key_path(__import__("uuid").UUID(name[:-4]))
    if source != target:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return target


# --- leaving the test run ------------------------------------------------------------------------------
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[_EXIT_STATUS] = int(exitstatus)


_EXIT_STATUS = pytest.StashKey[int]()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without finalizing the interpreter, with pytest's own exit status.

    By now every result is reported. PySide6 6.12's shiboken can crash while
    Python finalizes after a long run of widget tests ("bool_dealloc:
    deallocating True or False" while garbage-collecting Qt wrappers at
    exit): a crash after the last test that would turn a green run red. Set
    CHARITY_POS_TEST_FINALIZE=1 to finalize as usual (to look for it)."""
    import os
    import sys

    status = config.stash.get(_EXIT_STATUS, None)
    if status is None or os.environ.get("CHARITY_POS_TEST_FINALIZE") == "1":
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


#: The files that take 2.5 s or more, in seconds as measured on this 2-core machine (``--durations=0``): with
#: ``--no-loadscope-reorder`` (make test) each process takes the next whole file in the order below, so these start
#: first and the processes finish together instead of one running a long file alone at the end (a file of a few
#: tests that takes 14 s, left to the end, kept one process busy while the other waited). The rest follow by their
#: number of tests, as pytest-xdist would order them. A file missing here only starts later; no test depends on the
#: order. Measure again when files grow.
SLOW_FILES = {
    "tests/hub/test_bundle_damage.py": 33, "tests/hub/test_campaign_round_trip.py": 25,
    "tests/services/test_campaigns.py": 7, "tests/hub/test_demo_campaign.py": 9,
    "tests/hub/test_household_phones.py": 5, "tests/ui/test_first_start.py": 8,
    "tests/hub/test_campaign_allowance.py": 4, "tests/ui/test_fit_scaled.py": 28, "tests/faults/test_kills.py": 20,
    "tests/services/test_trace.py": 17, "tests/hub/test_hub_concurrency.py": 15, "tests/hub/test_city.py": 14,
    "tests/hub/test_cli_reports.py": 11, "tests/ui/test_fit_dialogs.py": 9, "tests/ui/test_fit.py": 9,
    "tests/domain/test_pinyin_data.py": 9, "tests/faults/test_postgres_hub.py": 8, "tests/sync/test_rebuild.py": 8,
    "tests/test_cli_outputs.py": 8, "tests/printing/test_handout.py": 7, "tests/hub/test_hub_fit.py": 7,
    "tests/printing/test_slip.py": 6, "tests/ui/test_customer_display.py": 6, "tests/hub/test_hub_growth.py": 6,
    "tests/hub/test_importer.py": 6, "tests/test_cli_startup.py": 5, "tests/demo/test_counter.py": 5,
    "tests/ui/test_first_visit.py": 5, "tests/demo/test_relief.py": 5, "tests/ledger/test_verify_temp_folder.py": 5,
    "tests/hub/test_notice.py": 5, "tests/hub/test_payloads.py": 5, "tests/sync/test_store_side.py": 5,
    "tests/domain/test_quota.py": 5, "tests/hub/test_streamed_import.py": 5, "tests/ui/test_app.py": 5,
    "tests/test_cli.py": 4, "tests/reports/ledgers/test_on_demo.py": 4, "tests/hub/test_figures.py": 4,
    "tests/hub/test_hub_gui.py": 4, "tests/hub/test_hub_roles.py": 4, "tests/ledger/test_tamper.py": 4,
    "tests/ui/test_fit_reports.py": 4, "tests/test_cli_reports.py": 3, "tests/hub/test_hub_verify_screen.py": 3,
    "tests/test_layers.py": 3, "tests/hub/test_hub_gui_reports.py": 3, "tests/printing/test_labels.py": 3,
    "tests/sync/test_downstream.py": 3, "tests/ledger/test_verify_memory.py": 3, "tests/services/test_sales.py": 3,
    "tests/test_cli_expiry.py": 3, "tests/demo/test_near_expiry.py": 5, "tests/ui/expiry/test_view.py": 3,
    "tests/services/test_writeoffs.py": 3, "tests/test_cli_writeoff.py": 3,
    "tests/services/test_stock_count.py": 6,
    "tests/demo/test_consigned.py": 8, "tests/test_cli_consign.py": 3,
    "tests/hub/test_transfers.py": 43, "tests/hub/test_hub_gui_transfers.py": 18, "tests/ui/transfer/test_view.py": 5,
    "tests/services/test_transfers.py": 3,
    "tests/packaging/test_wheel.py": 37,
    "tests/faults/test_upgrade_copy.py": 5, "tests/db/test_release_stores.py": 4, "tests/db/test_upgrade_from_0001.py": 4,
    "tests/ui/test_upgrade_notice.py": 4, "tests/services/test_upgrade.py": 3,
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist without its own reordering, whole files in the order ``SLOW_FILES`` gives, then the
    others by their number of tests (each file's tests in their own order)."""
    if getattr(config.option, "loadscopereorder", True):
        return
    by_file: dict[str, list[pytest.Item]] = {}
    for item in items:
        by_file.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    order = sorted(by_file, key=lambda path: (-SLOW_FILES.get(path, 0), -len(by_file[path])))
    items[:] = [item for path in order for item in by_file[path]]
