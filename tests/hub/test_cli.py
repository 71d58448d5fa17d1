"""The hub on the command line, as the district's scripts meet it:
``charity-pos hub init``, ``hub add-store`` and ``hub import`` (one line per
file, exit 0 only when none was refused); and the whole road from a store's
``export-bundle`` to the district's tables, run through the commands."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from charity_pos.hub.engine import open_hub
from charity_pos.hub.models import HubEvent, HubStock, HubStore
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from tests.helpers import run_cli
from tests.hub import SourceStore, source, store_key, write_registration  # noqa: F401  (fixtures)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, list[str], str]:
    code, out, err = run_cli(*argv)
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def test_hub_commands_one_line_per_file(capsys: pytest.CaptureFixture[str], hub_url: str, tmp_path: Path,
                                        source: SourceStore, store_key: Any) -> None:
    from tests.hub import events_bundle

    code, out, _ = run(capsys, "hub", "init", "--hub", hub_url, "--district", "静安区", "--lang", "en")
    assert code == 0 and len(out) == 1 and out[0].startswith("Created the district hub of 静安区 in ")
    code, _, err = run(capsys, "hub", "init", "--hub", hub_url, "--district", "静安区", "--lang", "en")
    assert code == 1 and err.startswith("Error: ") and "already holds the district hub of 静安区" in err

    registration = write_registration(tmp_path / "JA01.json", source, store_key)
    code, out, _ = run(capsys, "hub", "add-store", "--hub", hub_url, "--registration", registration,
                       "--out", tmp_path / "trust.json", "--lang", "en")
    assert code == 0 and out[0].startswith("Registered store JA01 (静安区石门二路街道慈善超市, key ")
    assert (tmp_path / "trust.json").is_file()

    first = events_bundle(tmp_path / "a.cpbundle", source, list(source.events[:100]), store_key)
    gap = events_bundle(tmp_path / "c.cpbundle", source, list(source.events[150:200]), store_key)
    code, out, _ = run(capsys, "hub", "import", "--hub", hub_url, first, first, gap, "--lang", "en")
    assert code == 1
    assert out == [f"{first}: applied 100 events of store JA01 (#1-#100)",
                   f"{first}: already imported",
                   f"{gap}: refused: missing events 101-150 of store JA01: import the earlier bundle first"]
    code, out, _ = run(capsys, "hub", "import", "--hub", hub_url, first, "--lang", "en")
    assert (code, out) == (0, [f"{first}: already imported"])
    code, out, _ = run(capsys, "hub", "import", "--hub", hub_url, first)  # Chinese by default
    assert code == 0 and out[0].startswith(str(first)) and "already imported" not in out[0]


def test_hub_commands_refuse_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "hub", "import", "--hub", tmp_path / "none.sqlite3", tmp_path / "x", "--lang", "en")
    assert (code, out) == (1, [])
    assert err.strip() == f"Error: There is no district hub at sqlite:///{tmp_path / 'none.sqlite3'} yet; " \
                          "create it with “charity-pos hub init”."
    assert not (tmp_path / "none.sqlite3").exists()
    code, _, err = run(capsys, "hub", "add-store", "--registration", tmp_path / "r.json", "--out", tmp_path / "t",
                       "--lang", "en")
    assert code == 1 and len(err.strip().splitlines()) == 1


def test_from_a_stores_export_to_the_district(capsys: pytest.CaptureFixture[str], hub_url: str, filled_store: Any,
                                              tmp_path: Path, clock: Any) -> None:
    store = filled_store.path
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    assert run(capsys, "store-key", "--db", store, "--out", tmp_path / "PT01.json", "--lang", "en")[0] == 0
    assert run(capsys, "hub", "init", "--hub", hub_url, "--district", "普陀区", "--lang", "en")[0] == 0
    assert run(capsys, "hub", "add-store", "--hub", hub_url, "--registration", tmp_path / "PT01.json",
               "--out", tmp_path / "trust.json", "--lang", "en")[0] == 0
    assert run(capsys, "trust-hub", "--db", store, tmp_path / "trust.json", "--lang", "en")[0] == 0
    code, out, _ = run(capsys, "export-bundle", "--db", store, "--out", out_dir, "--lang", "en")
    assert code == 0
    first = Path(out[0])
    code, out, _ = run(capsys, "hub", "import", "--hub", hub_url, first, "--lang", "en")
    events = filled_store.events + 1  # trusting the hub is an event of the store's too
    assert (code, out) == (0, [f"{first}: applied {events} events of store PT01 (#1-#{events})"])

    # the store goes on working, and sends what is new
    services = Services.open(store, clock)
    try:
        manager = next(u for u in services.accounts.users() if u.username == "manager")
        clock.advance(days=1)
        services.stock.receive(Actor(manager.id, manager.username, manager.role), {uuid.UUID(filled_store.oil_id): 5})
    finally:
        services.close()
    code, out, _ = run(capsys, "export-bundle", "--db", store, "--out", out_dir, "--lang", "en")
    second = Path(out[0])
    code, out, _ = run(capsys, "hub", "import", "--hub", hub_url, first, second, "--lang", "en")
    assert (code, out) == (0, [f"{first}: already imported",
                               f"{second}: applied 1 events of store PT01 (#{events + 1}-#{events + 1})"])

    with closing(sqlite3.connect(store)) as conn:
        on_hand = conn.execute("SELECT sum(quantity) FROM stock_movement").fetchone()[0]
        journal = conn.execute("SELECT max(seq), (SELECT hash FROM journal_event ORDER BY seq DESC LIMIT 1) "
                               "FROM journal_event").fetchone()
    with open_hub(hub_url) as db, db.read() as s:
        assert s.scalar(select(func.sum(HubStock.on_hand))) == on_hand
        assert s.scalar(select(func.count()).select_from(HubEvent)) == journal[0]
        row = s.scalars(select(HubStore)).one()
        assert (row.code, row.last_seq, row.last_hash) == ("PT01", journal[0], journal[1])
