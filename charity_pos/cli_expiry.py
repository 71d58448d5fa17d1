"""Goods near their best-before date on the command line (a contract, as in cli.py):

    charity-pos expiry --db PATH [--days 7|30] [--json]        the lots past their date or near it
    charity-pos expiry markdown --db PATH (--percent N | --price YUAN) (CODE... | --within 7|30)

A CODE is an item's barcode or the code on a lot's label; ``--within``
marks down every item with a lot on the shelf at most that many days from
its date (past it: not, such lots are taken off the shelf). The markdown is
one price change with the reason 临期降价, as a manager's on the screen.

The command line is the store's own and trusted: it acts as no logged-in
user. Errors reach ``charity_pos.cli.main`` as PosError and print one line there.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.i18n import translate
from charity_pos.messages import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from charity_pos.services.expiry import ExpiryService
    from charity_pos.services.registry import Services

COMMANDS = ("expiry",)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    expiry = sub.add_parser("expiry", parents=[common], help="goods near their best-before date (临期商品)")
    expiry.add_argument("--db", type=Path, help="the store file")
    expiry.add_argument("--days", type=int, choices=(7, 30), default=30, help="within 7 or 30 days (default 30)")
    expiry.add_argument("--json", action="store_true", help="as JSON instead of lines")
    expiry_sub = expiry.add_subparsers(dest="expiry_command")
    markdown = expiry_sub.add_parser("markdown", parents=[common],
                                     help="mark down goods near their date (logged as a price change, 临期降价)")
    markdown.add_argument("--db", type=Path, required=True)
    how = markdown.add_mutually_exclusive_group(required=True)
    how.add_argument("--percent", type=int, help="take this share off each item's price (1 to 90)")
    how.add_argument("--price", help="the new price in yuan, e.g. 9.90")
    markdown.add_argument("--within", type=int, choices=(7, 30),
                          help="every item with a lot at most this many days from its date")
    markdown.add_argument("codes", nargs="*", metavar="CODE", help="an item's barcode or a lot's label code")


def run(args: argparse.Namespace) -> int:
    from charity_pos.errors import InvalidInput

    if not args.db:
        raise InvalidInput(field="db", value="", reason="empty")
    return _markdown(args) if args.expiry_command == "markdown" else _list(args)


@contextmanager
def _opened(path: Path) -> Iterator[tuple[Services, ExpiryService]]:
    """The store's services and the expiry service, closed after."""
    from charity_pos.services.expiry import ExpiryService
    from charity_pos.services.registry import Services

    services = Services.open(path)
    try:
        yield services, ExpiryService(services.ctx, services.accounts)
    finally:
        services.close()


SECTIONS = {"expired": QT_TRANSLATE_NOOP("cli", "Past the date (take off the shelf)"),
            "within_7": QT_TRANSLATE_NOOP("cli", "Within 7 days"),
            "within_30": QT_TRANSLATE_NOOP("cli", "In 8 to 30 days")}


def _list(args: argparse.Namespace) -> int:
    from charity_pos.domain.money import format_fen
    from charity_pos.services.base import COMMAND_LINE

    with _opened(args.db) as (_, expiry):
        lots = expiry.lots(COMMAND_LINE, args.days)
    if args.json:
        print(json.dumps([{"item": lot.name, "item_id": str(lot.item_id), "lot": lot.lot,
                           "expiry_date": lot.expiry_date.isoformat(), "days_left": lot.days_left,
                           "units": lot.units, "price_fen": lot.price_fen, "value_fen": lot.value_fen,
                           "section": lot.section} for lot in lots], ensure_ascii=False, indent=2))
        return 0
    if not lots:
        print(translate("cli", "No goods on the shelf are past their date or within {days} days of it.").format(
            days=args.days))
        return 0
    for section, title in SECTIONS.items():
        shown = [lot for lot in lots if lot.section == section]
        if not shown:
            continue
        print(translate("cli", title) + f" ({len(shown)})")
        for lot in shown:
            print("  " + "  ".join((lot.name, lot.lot, lot.expiry_date.isoformat(), translate(
                "cli", "{days} days left").format(days=lot.days_left), translate("cli", "{units} on hand").format(
                units=lot.units), format_fen(lot.value_fen))))
    return 0


def _markdown(args: argparse.Namespace) -> int:
    from charity_pos.domain.money import format_fen, parse_yuan
    from charity_pos.errors import InvalidInput
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.services.expiry import Markdown

    if bool(args.codes) == bool(args.within):
        raise InvalidInput(field="markdown", value="", reason="markdown_what")
    price = parse_yuan(args.price, field="sale_price") if args.price is not None else None
    with _opened(args.db) as (services, expiry):
        if args.within:
            items = list(dict.fromkeys(lot.item_id for lot in expiry.lots(COMMAND_LINE, args.within)
                                       if lot.section != "expired"))
        else:
            items = list(dict.fromkeys(expiry.item_for_code(code) for code in args.codes))
        before = {item_id: services.catalog.get(item_id) for item_id in items}
        expiry.mark_down(COMMAND_LINE, Markdown(tuple(items), percent=args.percent, price_fen=price))
        for item_id, row in before.items():
            print(translate("cli", "{name}: {old} → {new} (临期降价)").format(
                name=row.name, old=format_fen(row.sale_price_fen),
                new=format_fen(services.catalog.get(item_id).sale_price_fen)))
    return 0
