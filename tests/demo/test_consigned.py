"""The demo's consigned goods (代销): the sheltered workshop's crafts and a
paired county cooperative's 扶贫 products arrive as consigned lots from two
registered consignors, sell at the till, are restocked, and one batch goes
back unsold; every settlement adds up, none of it is a donation, and the
store verifies."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import uuid

import pytest

from charity_pos.demo.builder import build_demo
from charity_pos.ledger.fates import fates
from charity_pos.ledger.verify import verify
from charity_pos.reports.period import month_bounds
from charity_pos.services.base import COMMAND_LINE
from charity_pos.services.consignment import ConsignmentService
from charity_pos.services.registry import Services

DAYS = 10


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("consigned-demo") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARITY_POS_HOME", str(path.parent / "home"))
        build_demo(path, days=DAYS)
    return path


def test_consigned_goods_arrive_sell_and_go_back(demo: Path) -> None:
    with closing(sqlite3.connect(demo)) as conn:
        consignors = conn.execute("SELECT count(*) FROM consignor").fetchone()[0]
        lots = dict(conn.execute("SELECT c.name, count(*) FROM stock_lot l JOIN consignor c ON c.id = l.consignor_id"
                                 " GROUP BY c.name").fetchall())
        consigned = [uuid.UUID(lot) for (lot,) in conn.execute("SELECT id FROM stock_lot WHERE origin = 'consignment'")]
        sold = sum(fate.sold for fate in fates(conn, consigned).values())  # net of customers' returns and voids
        returns = conn.execute("SELECT count(DISTINCT document) FROM stock_movement"
                               " WHERE reason = 'consignment_return'").fetchone()[0]
        donated = conn.execute("SELECT count(*) FROM stock_lot WHERE origin = 'consignment'"
                               " AND (donation_line_id IS NOT NULL OR item_id IN"
                               " (SELECT id FROM item WHERE source <> 'consigned'))").fetchone()[0]
        months = [row[0] for row in conn.execute(
            "SELECT DISTINCT strftime('%Y-%m', at, '+8 hours') FROM stock_movement ORDER BY 1")]
    assert consignors == 2 and set(lots) == {"石门二路街道阳光之家", "澜沧县扶贫农产品专业合作社"}
    assert lots["澜沧县扶贫农产品专业合作社"] >= 6, "five goods at first, two restocked"
    assert sold > 0 and returns == 1 and donated == 0

    services = Services.open(demo)
    try:
        consign = ConsignmentService(services.ctx, services.accounts)
        owed = sold_in_settlements = returned = 0
        for month in months:
            year, number = (int(part) for part in month.split("-"))
            for who in consign.consignors(COMMAND_LINE):
                found = consign.settlement(COMMAND_LINE, who.id, month_bounds(year, number))
                for line in found.lines:
                    assert line.closing == line.opening + line.received - line.sold - line.returned - line.other_out
                owed += found.owed_fen
                sold_in_settlements += found.total("sold")
                returned += found.total("returned")
        assert owed > 0 and returned > 0
        assert sold_in_settlements == sold, "every unit sold is in one month's settlement"
        with services.db.engine.connect() as conn:
            report = verify(conn)
        assert report.ok, report.problem
    finally:
        services.close()
