"""kill -9 at random moments (a seeded delay, SIGKILL to the child doing the
work) during sales, a hub import, a household import, a backup and a restore.
After each kill: the store passes ``verify``; every sale the child recorded
as committed is in the store; the hub holds the bundle wholly or not at all
and its chain and head agree; a household import is all or nothing; no file
stands under a good name half-written, and what a kill leaves behind (a
``.partial`` file) does not stop the next run. Each kind runs
``CHARITY_POS_FAULT_RUNS`` times (default 10-12; 53 kills in all)."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import sqlite3
import time
import uuid
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from charity_pos.services.store_file import open_store
from charity_pos.domain.identity import id_check_char
from charity_pos.services.backup import LEFT_BEHIND, NAME, backups_in, check_copy
from charity_pos.services import backup as backups
from charity_pos.services.base import Actor, Role
from charity_pos.services.registry import Services
from tests.conftest import STORE_CODE, FilledStore
from tests.faults.kills import Forker, delays, integrity, rows, runs

pytestmark = pytest.mark.faults

TILL = "1号收银台"
RICE = 3290


def open_shift(store: FilledStore) -> None:
    db = open_store(store.path)
    try:
        Services.for_db(db).shifts.open(Actor(uuid.UUID(store.cashier_id), "cashier", Role.CASHIER), TILL, 0)
    finally:
        db.close()


def sell(forker: Forker, store: FilledStore, side: Path, count: int, **kill: float) -> object:
    return forker.run("sales", store.path, side, TILL, store.rice_id, RICE, store.cashier_id, count, **kill)


def verified(forker: Forker, path: Path) -> None:
    """``charity-pos verify`` of the store, as the manager would run it."""
    forker.ok("cli", "verify", "--db", path)


def sound(path: Path) -> None:
    """What ``verify`` checks (SQLite's integrity check, the journal's verify with the seal key from this PC's key
    folder), in this process after each kill: the write-ahead log first folded in, as the next start does."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert check_copy(path).authenticated


def sale_numbers(path: Path) -> set[str]:
    return {str(r[0]) for r in rows(path, "SELECT number FROM sale")}


def events(path: Path) -> int:
    return int(rows(path, "SELECT count(*) FROM journal_event")[0][0])  # type: ignore[arg-type]


def copy_store(source: Path, target: Path) -> Path:
    """A closed store file (no write-ahead log beside it) put at ``target``, its companions gone."""
    assert not source.with_name(source.name + "-wal").exists()
    for part in ("", "-wal", "-shm", "-journal"):
        target.with_name(target.name + part).unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def partials(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".partial"))


# --- sales ---------------------------------------------------------------------------------------------
def test_sales_killed_lose_no_committed_sale(filled_store: FilledStore, forker: Forker, tmp_path: Path) -> None:
    open_shift(filled_store)
    side = tmp_path / "committed.txt"
    rng, kills = delays("sales"), runs(12)
    for n in range(kills):
        # killed a random moment after 1-3 more sales were noted: within a sale, its commit or its note
        target = (side.read_text(encoding="ascii").count("\n") if side.exists() else 0) + rng.randint(1, 3)
        ended = sell(forker, filled_store, side, 100_000, kill_after=rng.uniform(0, 0.15),
                     wait_for=lambda: side.exists() and side.read_text(encoding="ascii").count("\n") >= target)
        assert ended.killed, ended.log  # type: ignore[attr-defined]
        sound(filled_store.path)
        written = side.read_text(encoding="ascii")
        committed = set(written[: written.rfind("\n") + 1].split())  # a line cut by the kill is not a record
        in_store = sale_numbers(filled_store.path)
        assert committed <= in_store, f"kill {n}: committed sales missing: {sorted(committed - in_store)}"
        # at most one sale per kill was committed without its note (killed between the two)
        assert len(in_store) - len(committed) <= n + 1
    assert len(sale_numbers(filled_store.path)) > kills  # the kills landed among sales, not before them
    ended = sell(forker, filled_store, side, 3)  # and the counter goes on
    assert ended.code == 0, ended.log  # type: ignore[attr-defined]
    verified(forker, filled_store.path)


# --- a hub import ---------------------------------------------------------------------------------------
def hub_state(hub: Path) -> tuple[int, int]:
    """The hub's own checks after a kill: sound file, every store's events gap-free from 1 and chained, its
    head the last event, the report tables holding exactly the events held. Returns (events, sales)."""
    assert integrity(hub) == ["ok"]
    held = rows(hub, "SELECT store_id, seq, prev_hash, hash, kind FROM hub_event ORDER BY store_id, seq")
    heads = {str(r[0]): (r[1], r[2]) for r in rows(hub, "SELECT id, last_seq, last_hash FROM hub_store")}
    by_store: dict[str, list[tuple[object, ...]]] = {}
    for row in held:
        by_store.setdefault(str(row[0]), []).append(row)
    for store_id, chain in by_store.items():
        assert [r[1] for r in chain] == list(range(1, len(chain) + 1))
        assert all(chain[i][2] == chain[i - 1][3] for i in range(1, len(chain)))
        assert heads[store_id] == (chain[-1][1], chain[-1][3])
    for store_id, (last_seq, _hash) in heads.items():
        if store_id not in by_store:
            assert not last_seq
    sold = sum(1 for r in held if r[4] == "sale.completed")
    assert rows(hub, "SELECT count(*) FROM hub_sale")[0][0] == sold
    return len(held), sold


def test_a_hub_import_killed_leaves_the_bundle_wholly_in_or_not_at_all(filled_store: FilledStore, forker: Forker,
                                                                       tmp_path: Path) -> None:
    open_shift(filled_store)
    assert sell(forker, filled_store, tmp_path / "sold.txt", 30).code == 0  # type: ignore[attr-defined]
    hub0, bundles = tmp_path / "hub0.sqlite3", tmp_path / "bundles"
    bundles.mkdir()
    forker.ok("cli", "store-key", "--db", filled_store.path, "--out", tmp_path / "reg.json")
    forker.ok("cli", "hub", "init", "--hub", hub0, "--district", "普陀区")
    forker.ok("cli", "hub", "add-store", "--hub", hub0, "--registration", tmp_path / "reg.json",
              "--out", tmp_path / "trust.json")
    forker.ok("cli", "export-bundle", "--db", filled_store.path, "--out", bundles)
    (bundle,) = bundles.glob("*.cpbundle")
    total = events(filled_store.path)
    hub = tmp_path / "hub.sqlite3"

    took = forker.ok("cli", "hub", "import", "--hub", copy_store(hub0, hub), bundle).took
    assert hub_state(hub) == (total, 30)
    rng, kills, whole = delays("hub"), runs(10), 0
    for n in range(kills):
        copy_store(hub0, hub)
        # the first kill at once, so one always lands before the commit however fast the machine is
        ended = forker.run("cli", "hub", "import", "--hub", hub, bundle,
                           kill_after=0.0 if n == 0 else rng.uniform(0, took))
        held, _sold = hub_state(hub)
        assert held in (0, total), f"{held} of {total} events held after a kill\n{ended.log}"
        whole += held == total
        forker.ok("cli", "hub", "import", "--hub", hub, bundle)  # the same file again: in, once
        assert hub_state(hub) == (total, 30)
    assert whole < kills  # some kills landed before the commit


# --- a household import ----------------------------------------------------------------------------------
def id_number(n: int) -> str:
    first17 = f"310105{19400101 + n % 28 + (n // 28) * 10000}{n % 1000:03d}"
    return first17 + id_check_char(first17)


def household_file(path: Path, good: int) -> Path:
    header = ["救助证号", "户主姓名", "身份证号", "家庭人数", "救助类别", "认定街道", "认定文书号", "有效期起",
              "有效期止", "同意日期"]
    lines = [[f"KF{n:06d}", f"住户{n}", id_number(n), 2, "低保", "长征镇", f"普民救〔2026〕{n:03d}号",
              "2026-01-01", "2026-12-31", "2026-01-05"] for n in range(good)]
    lines.append(["KF000000", "重复卡", id_number(good + 1), 2, "低保", "长征镇", "普民救〔2026〕999号", "2026-01-01",
                  "2026-12-31", "2026-01-05"])  # a card twice: two rows refused, so a reject file is written
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *lines])
    return path


def test_a_household_import_killed_is_all_or_nothing(filled_store: FilledStore, forker: Forker,
                                                     tmp_path: Path) -> None:
    pristine = tmp_path / "pristine.db"
    shutil.copyfile(filled_store.path, pristine)
    sheet = household_file(tmp_path / "list.csv", 40)
    rejects = tmp_path / "list.rejects.csv"
    before = int(rows(pristine, "SELECT count(*) FROM household")[0][0])  # type: ignore[arg-type]
    db = filled_store.path

    took = forker.ok("cli", "households", "import", "--db", copy_store(pristine, db), sheet, code=1).took
    full = rejects.read_bytes()
    assert int(rows(db, "SELECT count(*) FROM household")[0][0]) == before + 39  # type: ignore[arg-type]
    rng, kills, whole = delays("households"), runs(10), 0
    for n in range(kills):
        copy_store(pristine, db)
        rejects.unlink(missing_ok=True)
        # the first kill at once, so one always lands before the commit however fast the machine is
        forker.run("cli", "households", "import", "--db", db, sheet, kill_after=0.0 if n == 0 else rng.uniform(0, took))
        sound(db)
        count = int(rows(db, "SELECT count(*) FROM household")[0][0])  # type: ignore[arg-type]
        assert count in (before, before + 39)
        whole += count != before
        assert not rejects.exists() or rejects.read_bytes() == full  # the reject file whole, or not there
    assert whole < kills
    left = partials(tmp_path)
    # what a kill left beside the file is no reject file and does not stop the next import
    copy_store(pristine, db)
    forker.ok("cli", "households", "import", "--db", db, sheet, code=1)
    assert rejects.read_bytes() == full and partials(tmp_path) == left
    verified(forker, db)


# --- a backup ----------------------------------------------------------------------------------------------
def good_backups(folder: Path) -> list[Path]:
    """Every file under a backup's name passes the check (and its checksum, when beside it)."""
    found = []
    for path in sorted(folder.iterdir()):
        if NAME.match(path.name):
            check_copy(path)
            sums = path.with_name(path.name + ".sha256")
            if sums.exists():
                assert sums.read_text().split()[0] == hashlib.sha256(path.read_bytes()).hexdigest()
            found.append(path)
        else:  # nothing else but checksums and what a kill left half-written under a temporary name, with
            # SQLite's journal: the copy is in WAL mode from the source's first page until it is made one file
            assert path.name.endswith((".sha256", ".partial", ".partial-journal", ".partial-wal", ".partial-shm")), \
                path.name
            assert not path.name.endswith(".sha256") or path.with_name(path.name[:-7]).exists()
    return found


def test_a_backup_killed_leaves_no_half_backup(filled_store: FilledStore, forker: Forker, tmp_path: Path) -> None:
    open_shift(filled_store)
    assert sell(forker, filled_store, tmp_path / "sold.txt", 20).code == 0  # type: ignore[attr-defined]
    folder = tmp_path / "backups"
    folder.mkdir()
    took = forker.ok("cli", "backup", "--db", filled_store.path, "--out", folder).took
    assert len(good_backups(folder)) == 1
    rng, kills = delays("backup"), runs(10)
    for _ in range(kills):
        forker.run("cli", "backup", "--db", filled_store.path, "--out", folder, kill_after=rng.uniform(0, took))
        sound(filled_store.path)
        good_backups(folder)
    # what the kills left is ignored: the next backup is made, listed, and restores
    forker.ok("cli", "backup", "--db", filled_store.path, "--out", folder)
    listed = [path for _at, path in backups_in(folder, STORE_CODE)]
    assert listed and set(listed) == set(good_backups(folder))
    # and once old enough to be no backup still being made, the next backup removes it
    left = [p for p in folder.iterdir() if LEFT_BEHIND.match(p.name)]
    hours_ago = time.time() - 7 * 3600
    for path in left:
        os.utime(path, (hours_ago, hours_ago))
    forker.ok("cli", "backup", "--db", filled_store.path, "--out", folder)
    assert [p for p in folder.iterdir() if LEFT_BEHIND.match(p.name)] == []
    assert [p.name for p in folder.iterdir() if not (NAME.match(p.name) or p.name.endswith(".sha256"))] == []
    listed = [path for _at, path in backups_in(folder, STORE_CODE)]
    forker.ok("cli", "restore", "--db", tmp_path / "again.db", "--from", listed[0])
    verified(forker, tmp_path / "again.db")


# --- a restore ---------------------------------------------------------------------------------------------
@pytest.fixture
def two_states(filled_store: FilledStore, forker: Forker, tmp_path: Path) -> tuple[Path, Path, int, int]:
    """A backup of the store (after 10 sales) and a copy of the store as it is after 10 more."""
    open_shift(filled_store)
    assert sell(forker, filled_store, tmp_path / "sold.txt", 10).code == 0  # type: ignore[attr-defined]
    folder = tmp_path / "backups"
    folder.mkdir()
    forker.ok("cli", "backup", "--db", filled_store.path, "--out", folder)
    (backup,) = (p for p in folder.iterdir() if NAME.match(p.name))
    assert sell(forker, filled_store, tmp_path / "sold.txt", 10).code == 0  # type: ignore[attr-defined]
    later = tmp_path / "later.db"
    shutil.copyfile(filled_store.path, later)
    return backup, later, events(backup), events(later)


def test_a_restore_killed_leaves_the_old_store_or_the_restored_one(filled_store: FilledStore, forker: Forker,
                                                                    two_states: tuple[Path, Path, int, int]) -> None:
    backup, later, restored, old = two_states
    db = filled_store.path
    took = forker.ok("cli", "restore", "--db", db, "--from", backup, "--force").took
    assert events(db) == restored
    rng, kills, outcomes = delays("restore"), runs(10), set()
    for n in range(kills):
        copy_store(later, db)
        # the first kill at once, so one always lands before the swap however fast the machine is
        forker.run("cli", "restore", "--db", db, "--from", backup, "--force",
                   kill_after=0.0 if n == 0 else rng.uniform(0, took))
        assert db.is_file(), "a kill left no store file"
        sound(db)
        outcomes.add(events(db))
        assert events(db) in (restored, old)
    assert old in outcomes
    # what the kills left beside the store (a .partial copy) does not stop the next restore
    copy_store(later, db)
    forker.ok("cli", "restore", "--db", db, "--from", backup, "--force")
    assert events(db) == restored
    verified(forker, db)


def test_a_restore_killed_between_setting_the_old_store_aside_and_the_swap(
        filled_store: FilledStore, forker: Forker, two_states: tuple[Path, Path, int, int]) -> None:
    """The moment a random kill rarely hits: the old store already set aside, the restored copy not yet
    in place. The store must still be there, whole. Then the restore tried again at once, twice in one
    second (its kept file is named by the second): each replaced store is kept under its own name."""
    backup, _later, restored, old = two_states
    ended = forker.run("restore_killed_at_swap", filled_store.path, backup)
    assert ended.killed, ended.log
    assert filled_store.path.is_file(), "the kill left no store file"
    verified(forker, filled_store.path)
    assert events(filled_store.path) == old
    # restored again at once, twice in one second: each replaced store is kept under its own name
    at = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    first = backups.restore(filled_store.path, backup, force=True, clock=lambda: at).replaced
    second = backups.restore(filled_store.path, backup, force=True, clock=lambda: at).replaced
    assert first is not None and second is not None and first != second
    assert (events(first), events(second), events(filled_store.path)) == (old, restored, restored)

