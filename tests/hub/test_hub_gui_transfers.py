"""The hub app's transfers screen: the transfers in flight with their units, a transfer's lines with each lot's
origin, and the confirmed ones too when asked. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from charity_pos.hub.engine import open_hub
from charity_pos.hub_ui.transfers import TransfersScreen
from tests.hub.test_transfers import District, donated_lot, run


def test_the_screen_lists_transfers_in_flight_and_their_lines(qtbot, hub_url: str, tmp_path: Path) -> None:
    d = District(tmp_path, hub_url)
    lot, donation = donated_lot(d.a)
    d.sync()
    first = run("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA02", "--lot", lot, "--quantity",
                "4")[0].split()[1]
    second = run("transfer", "send", "--db", d.a, "--user", "manager", "--to", "JA02", "--lot", lot, "--quantity",
                 "2")[0].split()[1]
    d.up(d.a)
    d.down(d.b, "JA02")
    run("transfer", "receive", "--db", d.b, "--user", "manager", "--number", first, "--line", "1=3", "--reason", "破损")
    d.up(d.b)
    with open_hub(hub_url) as db:
        screen = TransfersScreen(db)
        qtbot.addWidget(screen)
        screen.reload()
        qtbot.waitUntil(lambda: not screen.busy(), timeout=30_000)
        shown = [[screen.model.index(r, c).data() for c in range(7)] for r in range(screen.model.rowCount())]
        assert [(row[0], row[2], row[3], row[5], row[6]) for row in shown] == [(second, "JA01", "JA02", "2", "")]
        origin = screen.lines_model.index(0, 2).data()
        assert donation in origin and "JA01" in origin
        screen.everything.setChecked(True)
        qtbot.waitUntil(lambda: not screen.busy() and screen.model.rowCount() == 2, timeout=30_000)
        closed = [screen.model.index(r, 6).data() for r in range(2)]
        assert closed == ["3", ""]
        screen.table.selectRow(0)
        assert screen.lines_model.index(0, 5).data() == "破损"
