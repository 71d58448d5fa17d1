"""Transfers between the district's stores at the hub, on the command line:

    charity-pos hub transfers [--hub URL] [--all] [--trace CODE] [--json]
    charity-pos hub store-kind [--hub URL] --store-code CODE --kind store|warehouse

``hub transfers`` lists the transfers in flight (sent, not yet confirmed by
the receiving store), or every one with ``--all``, with the units sent and
received; ``--trace CODE`` every transfer line of a lot or a donation (its
number or the original lot's code), wherever in the district it went.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

Translate = Callable[[str, str], str]

COMMANDS = ("transfers", "store-kind")


def add_parsers(hub_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser, where: argparse.ArgumentParser) -> None:
    listed = hub_sub.add_parser("transfers", parents=[common, where],
                                help="transfers between the district's stores: those in flight, or all")
    listed.add_argument("--all", action="store_true", help="every transfer, confirmed ones too")
    listed.add_argument("--trace", metavar="CODE",
                        help="the transfers of a lot or donation: its number, or the original lot's code")
    listed.add_argument("--json", action="store_true", help="as JSON instead of lines")
    kind = hub_sub.add_parser("store-kind", parents=[common, where],
                              help="mark a registered store as a store or a district warehouse")
    kind.add_argument("--store-code", required=True, metavar="CODE")
    kind.add_argument("--kind", required=True, choices=("store", "warehouse"))


def run(args: argparse.Namespace, translate: Translate) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub import transfers

    with open_hub(args.hub) as db:
        if args.hub_command == "store-kind":
            transfers.set_kind(db, args.store_code, args.kind)
            print(translate("cli", "Store {code} is now a {kind}.").format(
                code=args.store_code.strip().upper(), kind=_kind(args.kind, translate)))
            return 0
        if args.trace:
            rows = transfers.trace(db, args.trace)
        else:
            rows = transfers.transfers(db, in_flight_only=not args.all)
    if args.json:
        print(json.dumps([{
            "number": r.number, "from": r.from_code, "from_kind": r.from_kind, "to": r.to_code, "status": r.status,
            "sent_at": r.sent_at.isoformat(), "received_at": r.received_at.isoformat() if r.received_at else None,
            "units_sent": r.units_sent, "units_received": r.units_received,
            "lines": [{"line_no": l.line_no, "item_name": l.item_name, "from_lot": l.from_lot, "origin": l.origin,
                       "origin_store": l.origin_store, "origin_lot": l.origin_lot,
                       "origin_document": l.origin_document, "quantity_sent": l.quantity_sent,
                       "quantity_received": l.quantity_received, "reason": l.difference_reason}
                      for l in r.lines]} for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(translate("cli", "No transfers in flight.") if not (args.all or args.trace)
              else translate("cli", "No transfers."))
        return 0
    from charity_pos.services.base import STORE_TZ

    for r in rows:
        status = translate("cli", "in flight") if r.status == "sent" else translate("cli", "received")
        got = "" if r.units_received is None else translate("cli", ", {units} received").format(units=r.units_received)
        print(translate("cli", "{number}  {sent}  {source} → {target}  {status}: {units} sent{got}").format(
            number=r.number, sent=f"{r.sent_at.astimezone(STORE_TZ):%Y-%m-%d %H:%M}",
            source=r.from_code + (f" ({_kind(r.from_kind, translate)})" if r.from_kind != "store" else ""),
            target=r.to_code, status=status, units=r.units_sent, got=got))
        for l in r.lines:
            shown = "" if l.quantity_received is None else f" → {l.quantity_received}"
            reason = f" ({l.difference_reason})" if l.difference_reason else ""
            print(f"    {l.line_no}. {l.item_name} {l.quantity_sent}{shown} {l.unit}{reason}  "
                  f"{l.origin_store} {l.origin_document} {l.origin_lot}")
    return 0


def _kind(kind: str, translate: Translate) -> str:
    return translate("cli", "warehouse") if kind == "warehouse" else translate("cli", "store")
