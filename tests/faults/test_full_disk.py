"""A full disk during a sale, an export and a backup: a clear sentence in the
user's language (Chinese by default), nothing lost (the store verifies, the
sale is wholly saved or not at all, no bundle or backup under its final name
and no half file left), and the counter or the command goes on once there is
space again (a command exits 1)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from charity_pos import i18n
from charity_pos.db.models import JournalEvent, Sale
from charity_pos.errors import StoreDiskFull
from charity_pos.ledger.verify import verify
from charity_pos.security.keys import seal_key_for
from charity_pos.services import backup
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from tests.conftest import FilledStore
from tests.faults.disk import fill_up, full_database, full_folder
from tests.helpers import run_cli

pytestmark = pytest.mark.faults

TILL = "1号收银台"
FULL_ZH = "磁盘已满"


def counted(services: Services) -> tuple[int, int]:
    with services.db.read() as s:
        return (s.scalar(select(func.count()).select_from(Sale)) or 0,
                s.scalar(select(func.count()).select_from(JournalEvent)) or 0)


def verifies(services: Services) -> bool:
    with services.db.engine.connect() as conn:
        key, _where, marked = seal_key_for(conn, None)
        return verify(conn, key, key_says_sealed=marked).ok


# --- a sale ------------------------------------------------------------------------------------------------
def test_a_sale_on_a_full_disk_is_refused_whole_and_the_next_one_sells(
        services: Services, cashier: Actor, make_item: Callable[..., object]) -> None:
    rice = make_item("东北大米 5kg", barcode="6901234567892")
    services.shifts.open(cashier, TILL, 0)

    def sale() -> SaleDraft:
        return SaleDraft(uuid.uuid4(), TILL, (LineDraft(rice.id, 1),), (PaymentDraft("cash", 3290),))  # type: ignore[attr-defined]

    with full_database(services.db.engine):
        fill_up(services, cashier, TILL, rice.id, 3290)  # type: ignore[attr-defined]
        before = counted(services)
        with pytest.raises(StoreDiskFull) as caught:
            services.sales.complete(cashier, sale())
        refused = caught.value
        assert counted(services) == before  # the refused sale left no row and no event
    i18n.load_catalog("zh_CN")  # the user's language by default
    assert i18n.describe(refused).startswith("门店数据文件") and FULL_ZH in i18n.describe(refused)
    assert verifies(services)
    changes = services.sales.complete(cashier, sale())  # space again: the counter goes on
    assert counted(services) == (before[0] + 1, before[1] + 1) and changes.number
    assert verifies(services)


# --- an export ---------------------------------------------------------------------------------------------
def test_an_export_on_a_full_disk_writes_no_bundle_and_keeps_its_mark(
        filled_store: FilledStore, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    with full_folder(monkeypatch, out):
        code, printed, err = run_cli("export-bundle", "--db", filled_store.path, "--out", out)
    assert code == 1 and printed == ""
    assert FULL_ZH in err and str(out) in err and len(err.strip().splitlines()) == 1
    assert list(out.iterdir()) == []  # no bundle, not even half of one
    assert run_cli("verify", "--db", filled_store.path)[0] == 0
    code, printed, _err = run_cli("export-bundle", "--db", filled_store.path, "--out", out)
    assert code == 0  # the mark did not move: the next export starts at the first event again
    assert [p.name for p in out.iterdir()] == [f"PT01-1-{filled_store.events}.cpbundle"]


# --- a backup ----------------------------------------------------------------------------------------------
def test_a_backup_on_a_full_disk_leaves_no_backup_file_and_says_so(
        filled_store: FilledStore, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "usb"
    out.mkdir()
    with full_folder(monkeypatch, out):
        code, printed, err = run_cli("backup", "--db", filled_store.path, "--out", out)
    assert code == 1 and printed == ""
    assert FULL_ZH in err and len(err.strip().splitlines()) == 1
    assert list(out.iterdir()) == []
    assert backup.status(backup.identity_of_live(filled_store.path).id, out, backup.system_clock()).reason == "failed"
    assert run_cli("verify", "--db", filled_store.path)[0] == 0
    code, printed, _err = run_cli("backup", "--db", filled_store.path, "--out", out)
    assert code == 0 and Path(printed.splitlines()[0]).is_file()


def test_a_backup_when_sqlite_finds_the_disk_full(filled_store: FilledStore, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's own SQLITE_FULL while the online backup writes the copy (it cannot grow past two pages)."""
    import sqlite3

    real = sqlite3.connect

    def connect(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        conn = real(target, *args, **kwargs)  # type: ignore[arg-type]
        if str(target).endswith(".partial"):
            conn.execute("PRAGMA max_page_count = 2")
        return conn

    out = tmp_path / "usb"
    out.mkdir()
    monkeypatch.setattr(backup.sqlite3, "connect", connect)
    code, printed, err = run_cli("backup", "--db", filled_store.path, "--out", out)
    monkeypatch.undo()
    assert code == 1 and printed == "" and FULL_ZH in err
    assert list(out.iterdir()) == []
