"""Transfers between the district's stores on the command line (a contract, as in cli.py):

    charity-pos transfer send --db PATH --user NAME --to CODE --lot CODE --quantity N [--lot CODE --quantity N ...] [--note TEXT]
    charity-pos transfer list --db PATH [--waiting] [--json]
    charity-pos transfer receive --db PATH --user NAME --number NUMBER [--line LINE=QTY ...] [--reason TEXT]
    charity-pos transfer stores --db PATH

The command line is the store's own and trusted (whoever holds the store's
file and key): ``--user`` names the active manager account the transfer is
recorded under (its movements and event name it), without a PIN. A lot is
its label's code (``22…``), or a maker's barcode (the item's lots oldest
first). ``--line`` names a line by its number, or by the sending store's lot
code, and the units that arrived; a line short needs ``--reason``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.i18n import translate

if TYPE_CHECKING:
    from charity_pos.services.base import Actor
    from charity_pos.services.registry import Services
    from charity_pos.services.transfers import TransferRow, TransferService

COMMANDS = ("transfer",)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    transfer = sub.add_parser("transfer", parents=[common], help="goods sent to and from the district's other stores")
    transfer_sub = transfer.add_subparsers(dest="transfer_command", required=True)
    send = transfer_sub.add_parser("send", parents=[common], help="send goods to another store of the district")
    send.add_argument("--db", type=Path, required=True)
    send.add_argument("--user", required=True, metavar="NAME", help="the manager account it is recorded under")
    send.add_argument("--to", required=True, metavar="CODE", help="the receiving store's code")
    send.add_argument("--lot", action="append", required=True, metavar="CODE",
                      help="a lot's code (22…) or a maker's barcode; repeat with --quantity for more lines")
    send.add_argument("--quantity", action="append", required=True, type=int, metavar="N",
                      help="the units of the --lot before it")
    send.add_argument("--note", default="", help="a note for the receiving store")
    listed = transfer_sub.add_parser("list", parents=[common], help="transfers sent and received")
    listed.add_argument("--db", type=Path, required=True)
    listed.add_argument("--waiting", action="store_true", help="only transfers waiting to be confirmed here")
    listed.add_argument("--json", action="store_true", help="as JSON instead of a table")
    receive = transfer_sub.add_parser("receive", parents=[common], help="confirm what arrived of a transfer")
    receive.add_argument("--db", type=Path, required=True)
    receive.add_argument("--user", required=True, metavar="NAME", help="the manager account it is recorded under")
    receive.add_argument("--number", required=True, help="the transfer's number, e.g. JA01-2026-Y000001")
    receive.add_argument("--line", action="append", default=[], metavar="LINE=QTY",
                         help="the units that arrived of a line (its number or the sender's lot code); "
                              "lines not named arrived whole")
    receive.add_argument("--reason", default="", help="why lines arrived short (damaged, missing, ...)")
    stores = transfer_sub.add_parser("stores", parents=[common], help="the district's stores, as the hub named them")
    stores.add_argument("--db", type=Path, required=True)


def run(args: argparse.Namespace) -> int:
    from charity_pos.services.registry import Services

    services = Services.open(args.db)
    try:
        return {"send": _send, "list": _list, "receive": _receive, "stores": _stores}[args.transfer_command](
            services, args)
    finally:
        services.close()


def _service(services: Services) -> TransferService:
    from charity_pos.services.transfers import TransferService

    return TransferService(services.ctx, services.accounts)


def _actor(services: Services, username: str) -> Actor:
    """The account named, as the trusted command line acts for it."""
    from charity_pos.errors import NotFound

    from charity_pos.services.base import Actor

    for user in services.accounts.users(active_only=True):
        if user.username == username.strip():
            return Actor(user.id, user.username, user.role)
    raise NotFound(kind="user", key=username.strip())


def _send(services: Services, args: argparse.Namespace) -> int:
    from charity_pos.errors import InvalidInput

    if len(args.lot) != len(args.quantity):
        raise InvalidInput(field="quantity", value=len(args.quantity), reason="unknown")
    transfers = _service(services)
    drafts = []
    for code, quantity in zip(args.lot, args.quantity, strict=True):
        drafts += transfers.drafts_for(code, quantity)
    changes = transfers.send(_actor(services, args.user), args.to, drafts, args.note)
    row = transfers.get(changes.number or "")
    print(translate("cli", "Transfer {number} to {store}: {units} units in {lines} lines left stock. It goes to the "
                           "hub with the next export-bundle.").format(
        number=row.number, store=row.other_store, units=row.units_sent, lines=len(row.lines)))
    return 0


def _line_numbers(row: TransferRow, given: list[str]) -> dict[int, int]:
    from charity_pos.errors import InvalidInput, TransferLineUnknown

    out: dict[int, int] = {}
    for text in given:
        key, sep, qty = text.partition("=")
        if not sep:
            raise InvalidInput(field="line", value=text, reason="unknown")
        try:
            quantity = int(qty.strip())
        except ValueError:
            raise InvalidInput(field="quantity", value=qty, reason="not_a_number") from None
        key = key.strip()
        found = [line.line_no for line in row.lines if key in (str(line.line_no), line.from_lot)]
        if len(found) != 1:
            raise TransferLineUnknown(number=row.number, line=key)
        out[found[0]] = quantity
    return out


def _receive(services: Services, args: argparse.Namespace) -> int:
    from charity_pos.services.transfers import ReceivedLine

    transfers = _service(services)
    row = transfers.get(args.number)
    counted = _line_numbers(row, args.line)
    lines = [ReceivedLine(no, qty, args.reason) for no, qty in sorted(counted.items())]
    transfers.receive(_actor(services, args.user), row.number, lines)
    row = transfers.get(row.number)
    print(translate("cli", "Transfer {number} from {store} received: {received} of {sent} units.").format(
        number=row.number, store=row.other_store, received=row.units_received, sent=row.units_sent))
    for line in row.lines:
        if line.quantity_received != line.quantity_sent:
            print(translate("cli", "  line {line} {name}: {received} of {sent} ({reason})").format(
                line=line.line_no, name=line.item_name, received=line.quantity_received, sent=line.quantity_sent,
                reason=line.difference_reason))
    return 0


def _status(row: TransferRow) -> str:
    return {"sent": translate("cli", "sent"), "waiting": translate("cli", "waiting"),
            "received": translate("cli", "received")}.get(row.status, row.status)


def _list(services: Services, args: argparse.Namespace) -> int:
    from charity_pos.services.base import STORE_TZ

    rows = _service(services).transfers(**({"direction": "in", "status": "waiting"} if args.waiting else {}))
    if args.json:
        print(json.dumps([{
            "number": r.number, "direction": r.direction, "other_store": r.other_store, "status": r.status,
            "sent_at": r.sent_at.isoformat(), "received_at": r.received_at.isoformat() if r.received_at else None,
            "units_sent": r.units_sent, "units_received": r.units_received,
            "lines": [{"line_no": l.line_no, "item_name": l.item_name, "from_lot": l.from_lot, "origin": l.origin,
                       "origin_store": l.origin_store, "origin_lot": l.origin_lot,
                       "origin_document": l.origin_document, "quantity_sent": l.quantity_sent,
                       "quantity_received": l.quantity_received, "reason": l.difference_reason,
                       "lot": l.lot_code} for l in r.lines]} for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(translate("cli", "No transfers."))
        return 0
    for r in rows:
        way = translate("cli", "to {store}") if r.direction == "out" else translate("cli", "from {store}")
        received = "" if r.units_received is None else f" / {r.units_received}"
        print(f"{r.number}  {r.sent_at.astimezone(STORE_TZ):%Y-%m-%d %H:%M}  {way.format(store=r.other_store)}  "
              f"{_status(r)}  {r.units_sent}{received}")
    return 0


def _stores(services: Services, args: argparse.Namespace) -> int:
    rows = _service(services).stores()
    if not rows:
        print(translate("cli", "The hub has named no other store yet: import its next downstream bundle."))
        return 0
    kinds = {"store": translate("cli", "store"), "warehouse": translate("cli", "warehouse")}
    for r in rows:
        print(f"{r.code}  {kinds.get(r.kind, r.kind)}  {r.name}")
    return 0
