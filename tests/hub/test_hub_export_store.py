"""``hub export-store`` on SQLite and PostgreSQL: a store's whole journal as
the hub holds it, every event in order exactly as the store wrote it, read
from the database in batches, signed by the hub; a store rebuilt from it
passes ``verify``."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from charity_pos import cli, i18n
from charity_pos.hub import export_store
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.registry import Services
from charity_pos.sync.store_side import EVENT_COLUMNS


@pytest.fixture(autouse=True)
def _keep_translations():  # type: ignore[no-untyped-def]
    saved = list(i18n._loaded)
    yield
    i18n._loaded[:] = saved


def ok(*argv: object) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in argv] + ["--lang", "en"])
    assert code == 0, err.getvalue()
    return out.getvalue()


def test_the_hub_writes_every_event_of_the_store_in_batches(hub_url: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "store.sqlite3"
    ok("init", "--db", db, "--store-code", "PT01", "--name", "普陀区长风街道慈善超市", "--district", "普陀区",
       "--manager-pin", "9999")
    ok("hub", "init", "--hub", hub_url, "--district", "普陀区")
    ok("store-key", "--db", db, "--out", tmp_path / "reg.json")
    ok("hub", "add-store", "--hub", hub_url, "--registration", tmp_path / "reg.json", "--out", tmp_path / "t.json")
    ok("trust-hub", "--db", db, tmp_path / "t.json")
    services = Services.open(db)
    try:
        manager = services.accounts.login("manager", "9999")
        for n in range(12):
            item = services.catalog.create_item(manager, ItemDraft(f"东北大米 {n + 1}kg", "grain_oil", "袋", 3290 + n,
                                                                   3590 + n, None, Source.PURCHASED)).ids[0]
            services.stock.receive(manager, {item: 5})
    finally:
        services.close()
    bundle = ok("export-bundle", "--db", db, "--out", tmp_path).strip().splitlines()[-1]
    assert "applied" in ok("hub", "import", "--hub", hub_url, bundle)

    monkeypatch.setattr(export_store, "BATCH", 7)  # many batches for a small store
    journal = tmp_path / "PT01.cpjournal"
    ok("hub", "export-store", "--hub", hub_url, "--store-code", "PT01", "--out", journal)
    lines = journal.read_bytes().splitlines()
    with closing(sqlite3.connect(db)) as conn:
        held = conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM journal_event ORDER BY seq").fetchall()
    header, events = json.loads(lines[0]), [json.loads(line) for line in lines[1:-1]]
    assert header["store_code"] == "PT01" and header["last_seq"] == len(held) > 7 * 3
    assert [tuple(e[c] for c in EVENT_COLUMNS) for e in events] == held
    assert set(json.loads(lines[-1])) == {"sha256", "signature"}

    # written again over its own earlier file; and a store rebuilt from it passes verify
    ok("hub", "export-store", "--hub", hub_url, "--store-code", "pt01", "--out", journal)
    rebuilt = tmp_path / "rebuilt.sqlite3"
    ok("rebuild", "--db", rebuilt, "--from", journal, "--manager-pin", "2468")
    assert ok("verify", "--db", rebuilt).startswith(f"OK: {len(held)} journal events")
