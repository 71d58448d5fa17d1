"""`verify` checks where every donated unit went: for every lot and every
donation, received = sold + handed out + written off + counted + on the
shelf, with sales and handouts read from their documents and the shelf
from the stock movements. A file edited behind the app's back is reported
for that too, by name, whatever else verify finds."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from charity_pos.services.store_file import open_store
from charity_pos.ledger.verify import verify
from charity_pos.security.keys import seal_key_for
from tests.conftest import bring_keys
from tests.helpers import run_cli


@pytest.fixture
def shop(demo_store: tuple[Path, int, str], tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path / "store.db"
    shutil.copy2(demo_store[0], path)
    bring_keys(path, tmp_path_factory)
    return path


def report(path: Path):
    with open_store(path, upgrade=False) as db, db.engine.connect() as conn:
        key, _, marked = seal_key_for(conn, None)
        return verify(conn, key, key_says_sealed=marked)


def edit(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        for statement in statements:
            conn.execute(statement)


def test_an_untouched_store_balances(shop: Path) -> None:
    found = report(shop)
    assert found.ok and found.identity == ()


def test_a_sale_s_lot_quantity_changed_is_named(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lot_code = sqlite3.connect(shop).execute(
        "SELECT coalesce(l.barcode, i.barcode) FROM sale_line_lot x JOIN stock_lot l ON l.id = x.lot_id "
        "JOIN item i ON i.id = l.item_id WHERE l.origin = 'donation' ORDER BY x.rowid LIMIT 1").fetchone()[0]
    edit(shop, "UPDATE sale_line_lot SET quantity = quantity + 1 WHERE rowid = (SELECT min(x.rowid) FROM "
               "sale_line_lot x JOIN stock_lot l ON l.id = x.lot_id WHERE l.origin = 'donation')")
    found = report(shop)
    assert not found.ok
    assert found.problem.kind != "identity"  # the journal and the seal see the edit first
    kinds = {(p.table, p.record.split(" ")[0]) for p in found.identity}
    assert ("lot", lot_code) in kinds and any(table == "donation" for table, _ in kinds)
    code, out, err = run_cli("verify", "--db", shop, "--lang", "en")
    assert code == 1
    assert err.startswith("FAILED: ")
    assert f"Also: the units of lot {lot_code}" in err and "do not add up" in err and "the units of donation" in err


def test_a_handout_s_lot_deleted_is_named(shop: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(shop, "DELETE FROM handout_line_lot WHERE rowid = (SELECT min(rowid) FROM handout_line_lot)")
    found = report(shop)
    assert [p.table for p in found.identity][:1] == ["lot"]
    problem = found.identity[0]
    assert problem.expected > problem.found  # the units handed out are no longer accounted for
    code, _, err = run_cli("verify", "--db", shop)
    assert code == 1 and "对不上" in err


def test_identity_alone_is_the_problem_when_nothing_else_is_wrong(shop: Path) -> None:
    """Were the journal and the seal silent (a bug, not an attacker), the identity still fails verify."""
    from charity_pos.ledger import checks
    from charity_pos.ledger.verify import Problem

    with open_store(shop, upgrade=False) as db, db.engine.connect() as conn:
        assert checks.identity(conn) == []
    edit(shop, "UPDATE stock_movement SET quantity = quantity - 1 WHERE rowid = (SELECT min(rowid) FROM "
               "stock_movement WHERE reason = 'sale')")
    with open_store(shop, upgrade=False) as db, db.engine.connect() as conn:
        found = checks.identity(conn)
    assert found and all(isinstance(p, Problem) and p.kind == "identity" for p in found)


@pytest.mark.parametrize("statement", [
    "UPDATE sale_line_lot SET quantity = quantity + 1 WHERE rowid = (SELECT min(x.rowid) FROM sale_line_lot x"
    " JOIN stock_lot l ON l.id = x.lot_id WHERE l.origin = 'donation')",
    "DELETE FROM handout_line_lot WHERE rowid = (SELECT max(rowid) FROM handout_line_lot)",
    "UPDATE stock_movement SET quantity = quantity - 1 WHERE rowid IN (SELECT rowid FROM stock_movement"
    " WHERE reason = 'sale' ORDER BY rowid DESC LIMIT 3)",
], ids=["sale lot", "handout lot", "three movements"])
def test_a_store_checked_lot_by_lot_in_parts_names_the_same(shop: Path, statement: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A store with more lots than ``LOTS_AT_A_TIME`` is checked in parts
    (its memory does not grow with its history): the same lots and donations
    named, in the same order, as all at once."""
    from charity_pos.ledger import checks
    from charity_pos.ledger import fates

    edit(shop, statement)
    with open_store(shop, upgrade=False) as db, db.engine.connect() as conn:
        at_once = checks.identity(conn)
        found = []
        for size in (1, 7, 100):
            monkeypatch.setattr(fates, "LOTS_AT_A_TIME", size)
            found.append(checks.identity(conn))
    assert any(p.table == "lot" for p in at_once)
    assert "origin" not in statement or any(p.table == "donation" for p in at_once)
    assert found == [at_once] * 3
