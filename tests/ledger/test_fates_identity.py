"""``check_identity`` sums each lot's and each donation's fate in SQLite, a
part of the store at a time: it must name exactly what working out every
lot's fate one by one (``fates``, as the trace shows it) names, in the same
order and words, whether the store is taken in one part or in many."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from charity_pos.demo.builder import build_demo
from charity_pos.ledger import fates
from charity_pos.ledger.fates import Fate, Imbalance, check_identity


#: The demo's day. What a demo holds follows the calendar it covers (which goods sold, which lines came back),
#: and the edits below need a return of two units or more of one lot, donated goods sold and handed out, and the
#: like, which a three-day demo made on another day may lack (made on 2027-01-05, it has no such return).
DEMO_DAY = datetime(2026, 12, 5, 4, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fates-demo") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARITY_POS_HOME", str(tmp_path_factory.mktemp("fates-home")))
        build_demo(path, days=3, today=DEMO_DAY)
    return path


@pytest.fixture
def shop(demo: Path, tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    shutil.copy2(demo, path)
    return path


def lot_by_lot(raw: sqlite3.Connection) -> list[Imbalance]:
    """What the identity names, from every lot's fate worked out whole (``fates``) and summed per donation."""
    every = fates.fates(raw)
    codes = {uuid.UUID(lot): code for lot, code in raw.execute(
        "SELECT lot.id, coalesce(lot.barcode, item.barcode, lot.document) FROM stock_lot lot"
        " JOIN item ON item.id = lot.item_id")}
    number_of = {uuid.UUID(lot): number for lot, number in raw.execute(
        "SELECT lot.id, donation.number FROM stock_lot lot JOIN donation_line line ON line.id = lot.donation_line_id"
        " JOIN donation ON donation.id = line.donation_id")}
    by_donation: dict[str, Fate] = defaultdict(Fate)
    for number, quantity in raw.execute("SELECT donation.number, line.quantity FROM donation"
                                        " JOIN donation_line line ON line.donation_id = donation.id"):
        by_donation[number] += Fate(quantity)
    found = []
    for lot, fate in sorted(every.items(), key=lambda pair: str(pair[0])):
        if not fate.balances:
            found.append(Imbalance("lot", f"{codes.get(lot, '')} ({lot})", fate))
        if lot in number_of:
            by_donation[number_of[lot]] += Fate(0, **{f: getattr(fate, f) for f in (  # by name: sent_back lies between
                "sold", "handed_out", "written_off", "counted_difference", "on_shelf", "transferred")})
    return found + [Imbalance("donation", n, f) for n, f in sorted(by_donation.items()) if not f.balances]


def identity_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Imbalance]:
    """The findings, the store in one part and in parts of 1, 2 and 7 lots (or donations): all the same,
    and the same as lot by lot."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as raw:
        whole = check_identity(raw)
        assert whole == lot_by_lot(raw)
        for size in (1, 2, 7):
            with monkeypatch.context() as mp:
                mp.setattr(fates, "LOTS_AT_A_TIME", size)
                assert check_identity(raw) == whole, size
    return whole


def edit(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            conn.execute(statement)


DONATED_SALE_ROW = ("(SELECT min(x.rowid) FROM sale_line_lot x JOIN stock_lot l ON l.id = x.lot_id"
                    " JOIN sale_line line ON line.id = x.sale_line_id JOIN sale ON sale.id = line.sale_id"
                    " WHERE l.origin = 'donation' AND sale.status = 'completed')")


def sold_twice(path: Path) -> None:
    """A donated unit's sale row written twice (another id, the same line, lot and quantity)."""
    edit(path, "INSERT INTO sale_line_lot (id, sale_line_id, lot_id, quantity) SELECT lower(hex(randomblob(16))),"
               f" sale_line_id, lot_id, quantity FROM sale_line_lot WHERE rowid = {DONATED_SALE_ROW}")


def unit_missing(path: Path) -> None:
    """A donated lot's shelf one unit short: its intake movement one less than the donation's line says."""
    edit(path, "UPDATE stock_movement SET quantity = quantity - 1 WHERE rowid = (SELECT min(m.rowid)"
               " FROM stock_movement m JOIN stock_lot l ON l.id = m.lot_id WHERE m.reason = 'donation')")


def over_handed(path: Path) -> None:
    """A lot handed out beyond what it received: the handout's lot row grown by all the lot holds."""
    edit(path, "UPDATE handout_line_lot SET quantity = quantity + (SELECT quantity_received FROM stock_lot"
               " WHERE id = handout_line_lot.lot_id) WHERE rowid = (SELECT min(rowid) FROM handout_line_lot)")


#: the first return of a line that sold two units or more of one lot
RETURNED = ("(SELECT min(r.rowid) FROM return_line r JOIN sale_line_lot x ON x.sale_line_id = r.sale_line_id"
            " WHERE x.quantity >= 2)")


def returned_line_split(path: Path, received_at: str = "2000-01-01 00:00:00.000000", units: int = 2) -> str:
    """That return's line said to have sold one more unit, from another donated lot received at ``received_at``,
    and ``units`` returned: the lot's id."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        (other,) = conn.execute(f"SELECT id FROM stock_lot WHERE origin = 'donation' AND id NOT IN (SELECT x.lot_id"
                                f" FROM sale_line_lot x JOIN return_line r ON r.sale_line_id = x.sale_line_id"
                                f" WHERE r.rowid = {RETURNED}) ORDER BY id LIMIT 1").fetchone()
    edit(path,
         f"UPDATE stock_lot SET received_at = '{received_at}' WHERE id = '{other}'",
         f"UPDATE return_line SET quantity = {units} WHERE rowid = {RETURNED}",
         "INSERT INTO sale_line_lot (id, sale_line_id, lot_id, quantity) SELECT lower(hex(randomblob(16))),"
         f" r.sale_line_id, '{other}', 1 FROM return_line r WHERE r.rowid = {RETURNED}")
    return str(other)


def nothing(path: Path) -> None:
    """The demo store as it was made."""


def over_returned(path: Path) -> None:
    returned_line_split(path, units=3)


@pytest.mark.parametrize("change", [nothing, sold_twice, unit_missing, over_handed, over_returned],
                         ids=lambda change: change.__name__)
def test_the_same_lots_and_donations_are_named_whole_and_in_parts(
        shop: Path, change: Callable[[Path], None], monkeypatch: pytest.MonkeyPatch) -> None:
    change(shop)
    found = identity_both_ways(shop, monkeypatch)
    kinds = [problem.kind for problem in found]
    if change is nothing:
        assert found == []
        return
    assert "lot" in kinds and kinds == sorted(kinds, key=["lot", "donation"].index)
    if change in (sold_twice, unit_missing):  # donated goods (the demo hands out purchased ones)
        assert "donation" in kinds


def test_a_sold_twice_unit_is_named_with_its_units_too_many(shop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with contextlib.closing(sqlite3.connect(shop)) as conn:
        lot, quantity, code = conn.execute(
            "SELECT x.lot_id, x.quantity, coalesce(l.barcode, i.barcode, l.document) FROM sale_line_lot x"
            " JOIN stock_lot l ON l.id = x.lot_id JOIN item i ON i.id = l.item_id"
            f" WHERE x.rowid = {DONATED_SALE_ROW}").fetchone()
    sold_twice(shop)
    found = identity_both_ways(shop, monkeypatch)
    (named,) = [p for p in found if p.kind == "lot"]
    assert named.key == f"{code} ({uuid.UUID(lot)})"
    assert named.fate.accounted - named.fate.received == quantity


def test_a_return_goes_back_into_the_line_s_older_lot_first(shop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line of two lots and two units back: the older lot's unit comes back first, then one of the newer's,
    so both still add up; had the other lot been the newer, both units would go back into the line's own."""
    returned_line_split(shop)
    assert identity_both_ways(shop, monkeypatch) == []


def test_a_return_spread_the_other_way_names_both_lots(shop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = returned_line_split(shop, received_at="2999-01-01 00:00:00.000000")
    found = identity_both_ways(shop, monkeypatch)
    lots = [p for p in found if p.kind == "lot"]
    assert len(lots) == 2
    (added,) = [p for p in lots if p.key.endswith(f"({uuid.UUID(other)})")]
    (own,) = [p for p in lots if p is not added]
    # the added unit is counted sold from the newer lot, and both units went back into the line's own lot
    assert added.fate.accounted == added.fate.received + 1
    assert own.fate.accounted == own.fate.received - 1
