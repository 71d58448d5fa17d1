"""Every ``show`` listing reads the store through SQLite's driver
(``db.plain``): each must print, byte for byte, what the app's own opening
of the store and its services print, in both languages and as JSON, and
what the models hold."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from charity_pos import cli, cli_show, config
from charity_pos.services.store_file import open_store
from charity_pos.db.models import Household, Item, StockMovement
from charity_pos.i18n import load_catalog
from charity_pos.services.base import local_date
from tests.helpers import run_cli
from tests.test_cli import demo_copy  # noqa: F401  (a private copy of the session's demo store)


def _through_services(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The same listing read the app's way: the store opened by ``open_store``, rows from the services."""
    args = cli._parser().parse_args(list(argv))
    load_catalog(args.lang or config.Settings.load().language)  # as ``cli.main`` does
    code = cli_show._show(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_every_listing_reads_the_plain_way() -> None:
    assert set(cli_show.PLAIN) == set(cli_show.SHOW_KINDS)


def test_every_listing_reads_the_services_way_too() -> None:
    """An earlier version's file is listed through the services (``SERVED``), whatever its kind."""
    assert set(cli_show.SERVED) == set(cli_show.SHOW_KINDS)


@pytest.mark.parametrize("kind", sorted(cli_show.PLAIN))
@pytest.mark.parametrize("extra", [["--lang", "zh_CN"], ["--lang", "en"], ["--json"]], ids=["zh_CN", "en", "json"])
def test_a_plain_listing_prints_what_the_services_print(capsys, demo_copy: Path, kind: str, extra: list[str]) -> None:
    plain = run_cli("show", kind, "--db", demo_copy, *extra)
    assert plain[0] == 0 and plain[2] == ""
    assert len(plain[1].splitlines()) > 2  # something listed: a table's head and rule, or a JSON array's brackets
    assert _through_services(capsys, "show", kind, "--db", str(demo_copy), *extra) == plain


def test_show_items_says_what_the_models_hold(capsys, demo_copy: Path) -> None:
    code, out, err = run_cli("show", "items", "--db", demo_copy, "--json")
    shown = json.loads(out)
    with open_store(demo_copy) as db, db.read() as s:
        on_hand = dict(s.execute(select(StockMovement.item_id, func.sum(StockMovement.quantity))
                                 .group_by(StockMovement.item_id)).all())
        items = s.scalars(select(Item).order_by(Item.pinyin_full, Item.name)).all()
        expected = [{"id": str(i.id), "barcode": i.barcode, "name": i.name, "category": i.category.code,
                     "unit": i.unit, "sale_price_fen": i.sale_price_fen, "reference_price_fen": i.reference_price_fen,
                     "source": i.source, "active": i.active, "on_hand": int(on_hand.get(i.id, 0))} for i in items]
    assert shown == expected
    assert {i["active"] for i in shown} == {True, False}, "items off sale are listed too"


def test_show_households_says_what_the_models_hold(capsys, demo_copy: Path) -> None:
    code, out, err = run_cli("show", "households", "--db", demo_copy, "--json")
    shown = json.loads(out)
    today = local_date(datetime.now(UTC))
    with open_store(demo_copy) as db, db.read() as s:
        households = s.scalars(select(Household).order_by(Household.card_number)).all()
        expected = [(str(h.id), h.card_number, h.id_masked, h.valid_to.isoformat(),
                     "expired" if h.status == "active" and h.valid_to < today else h.status) for h in households]
    assert [(h["id"], h["card_number"], h["id_masked"], h["valid_to"], h["status"]) for h in shown] == expected
    assert "expired" in {h["status"] for h in shown}


@pytest.mark.parametrize("sql, column", [
    ("UPDATE item SET sale_price_fen = 1 WHERE rowid = 1", "sale_price_fen"),
    ("UPDATE item SET category_id = upper(category_id) WHERE rowid = 1", "category_id"),
], ids=["a changed price", "an id in a form the app never writes"])
def test_verify_through_the_driver_names_a_change(capsys, demo_copy: Path, sql: str, column: str) -> None:
    """The read-only reading finds what the app's reading found (an unusual
    stored form is read the app's way, SQLAlchemy loaded for it)."""
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(demo_copy)) as conn, conn:
        conn.execute(sql)
    code, out, err = run_cli("verify", "--db", demo_copy, "--lang", "en")
    assert (code, out) == (1, "")
    assert err.startswith("FAILED: ") and "item/" in err.splitlines()[0] and column in err.splitlines()[0]
