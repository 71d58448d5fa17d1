"""The demo store's transfers: it knows the district's stores and warehouse, has sent one transfer of donated
goods to a neighbouring store (the goods off its shelves, their fate "transferred") and has one from the
district's warehouse waiting to be confirmed; confirming it puts the goods on the shelf and the store verifies."""

from __future__ import annotations

from charity_pos.ledger.verify import verify
from charity_pos.services.registry import Services
from charity_pos.services.transfers import ReceivedLine, TransferService


def test_the_demo_sends_one_transfer_and_has_one_waiting(demo_copy: Services) -> None:
    demo = demo_copy
    transfers = TransferService(demo.ctx, demo.accounts)
    assert [(s.code, s.kind) for s in transfers.stores()] == [("JA02", "store"), ("JA03", "store"),
                                                               ("JAWH", "warehouse")]
    out, = transfers.transfers(direction="out")
    assert (out.other_store, out.status) == ("JA02", "sent") and out.units_sent > 0
    assert all(line.origin == "donation" and line.origin_store == "JA01" for line in out.lines)
    manager = demo.accounts.login("manager", "9999")
    story = demo.trace.trace(manager, out.number)
    assert story.totals.transferred == out.units_sent and story.totals.balances
    waiting, = transfers.transfers(direction="in", status="waiting")
    assert waiting.other_store == "JAWH" and len(waiting.lines) == 3
    transfers.receive(manager, waiting.number, [ReceivedLine(1, waiting.lines[0].quantity_sent - 1, "一床受潮")])
    assert transfers.get(waiting.number).units_received == waiting.units_sent - 1
    with demo.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok and not report.identity, report.problem
