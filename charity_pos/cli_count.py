"""Stock counts as a session (盘点) on the command line (a contract, as in cli.py):

    charity-pos count start --db PATH (--all | --category CODE | --location SHELF)
    charity-pos count list --db PATH [--json]
    charity-pos count sheet --db PATH --count NUMBER --out FILE.pdf [--force]
    charity-pos count add --db PATH --count NUMBER [--till NAME] SCAN...   (SCAN: a code, or 12*CODE)
    charity-pos count none --db PATH --count NUMBER CODE...                 (looked for, none on the shelf)
    charity-pos count recount --db PATH --count NUMBER CODE
    charity-pos count explain --db PATH --count NUMBER CODE --reason TEXT
    charity-pos count variance --db PATH --count NUMBER [--json] [--out FILE.xlsx|.pdf] [--force]
    charity-pos count finish --db PATH --count NUMBER
    charity-pos count cancel --db PATH --count NUMBER --reason TEXT

The command line is the store's own and trusted: it acts as no logged-in
user (``COMMAND_LINE``), as ``funds use`` and ``bill import`` do. Errors
reach ``charity_pos.cli.main`` as PosError and print one line there.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.i18n import translate

if TYPE_CHECKING:
    from charity_pos.services.registry import Services
    from charity_pos.services.stock_count import CountService
    from charity_pos.services.stock_count_rows import Variance

COMMANDS = ("count",)
#: entries from the command line name this till unless --till says another
CLI_TILL = "命令行"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    count = sub.add_parser("count", parents=[common], help="stock counts as a session (盘点)")
    count_sub = count.add_subparsers(dest="count_command", required=True)

    def command(name: str, help_text: str, *, number: bool = True) -> argparse.ArgumentParser:
        parser = count_sub.add_parser(name, parents=[common], help=help_text)
        parser.add_argument("--db", type=Path, required=True)
        if number:
            parser.add_argument("--count", required=True, metavar="NUMBER", help="the count's number (…-C000001)")
        return parser

    start = command("start", "start a count (prints its number)", number=False)
    scope = start.add_mutually_exclusive_group(required=True)
    scope.add_argument("--all", action="store_true", help="every item")
    scope.add_argument("--category", metavar="CODE", help="a goods category (food, grain_oil, daily, …)")
    scope.add_argument("--location", metavar="SHELF", help="a shelf location (货位), as items carry it")
    listing = command("list", "counts, the newest first", number=False)
    listing.add_argument("--json", action="store_true")
    sheet = command("sheet", "the count sheets (A4 PDF, blind: no book quantities)")
    sheet.add_argument("--out", type=Path, required=True)
    sheet.add_argument("--force", action="store_true")
    add = command("add", "enter scans: a code adds one, 12*CODE twelve")
    add.add_argument("--till", default=CLI_TILL, help="the till the entries are from")
    add.add_argument("scans", nargs="+", metavar="SCAN")
    none = command("none", "goods looked for and not on the shelf: counted as zero")
    none.add_argument("--till", default=CLI_TILL)
    none.add_argument("codes", nargs="+", metavar="CODE")
    recount = command("recount", "mark an item for a recount: its next entries replace the earlier ones")
    recount.add_argument("code", metavar="CODE")
    explain = command("explain", "a manager's reason for an item's difference")
    explain.add_argument("code", metavar="CODE")
    explain.add_argument("--reason", required=True)
    variance = command("variance", "each counted item against the books; --out writes .xlsx or .pdf")
    variance.add_argument("--json", action="store_true")
    variance.add_argument("--out", type=Path)
    variance.add_argument("--force", action="store_true")
    command("finish", "move the differences of what was counted (one C document)")
    cancel = command("cancel", "give the count up: nothing changes")
    cancel.add_argument("--reason", required=True)


def _open(path: Path) -> tuple[Services, CountService]:
    from charity_pos.services.registry import Services
    from charity_pos.services.stock_count import CountService

    services = Services.open(path)
    return services, CountService(services.ctx, services.accounts)


def run(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE as ME

    services, counts = _open(args.db)
    try:
        what = args.count_command
        if what == "start":
            scope = "category" if args.category else "location" if args.location else "all"
            changes = counts.start(ME, scope, category_code=args.category, location=args.location)
            print(translate("cli", "Count {number} started.").format(number=changes.number))
        elif what == "list":
            _list(counts, args.json)
        elif what == "sheet":
            _sheet(services, counts, args)
        elif what == "add":
            for scan in args.scans:
                entered = counts.scan(ME, args.count, scan, till=args.till)
                print(translate("cli", "{name}: +{quantity}, {counted} counted.").format(
                    name=entered.item_name, quantity=entered.quantity, counted=entered.counted))
        elif what == "none":
            for code in args.codes:
                entered = counts.none_found(ME, args.count, counts.find(code), till=args.till)
                print(translate("cli", "{name}: none on the shelf, {counted} counted.").format(
                    name=entered.item_name, counted=entered.counted))
        elif what == "recount":
            counts.recount(ME, args.count, counts.find(args.code))
            print(translate("cli", "{code} marked for a recount in {number}.").format(code=args.code,
                                                                                     number=args.count))
        elif what == "explain":
            counts.explain(ME, args.count, counts.find(args.code), args.reason)
            print(translate("cli", "Reason recorded for {code} in {number}.").format(code=args.code,
                                                                                    number=args.count))
        elif what == "variance":
            _variance(services, counts, args)
        elif what == "finish":
            changes = counts.finish(ME, args.count)
            print(translate("cli", "Count {number} finished: {items} item(s) changed.").format(
                number=changes.number, items=len(changes.ids)))
        else:
            changes = counts.cancel(ME, args.count, args.reason)
            print(translate("cli", "Count {number} cancelled; nothing changed.").format(number=changes.number))
    finally:
        services.close()
    return 0


def _list(counts: CountService, as_json: bool) -> None:
    rows = counts.counts()
    if as_json:
        print(json.dumps([{"number": r.number, "scope": r.scope, "category": r.category_code,
                           "location": r.location, "status": r.status, "opened_at": r.opened_at.isoformat(),
                           "closed_at": r.closed_at.isoformat() if r.closed_at else None, "lines": r.lines,
                           "entries": r.entries, "note": r.note} for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        print("  ".join(str(cell) for cell in (r.number, r.status, r.scope, r.category_name or r.location,
                                               r.lines, r.entries, r.note) if cell != ""))


def _sheet(services: Services, counts: CountService, args: argparse.Namespace) -> None:
    from charity_pos import files
    from charity_pos.printing.count_sheet import render_count_sheet
    from charity_pos.services.base import COMMAND_LINE

    protect = files.store_files(services.db.path, services.store().id)
    sheet = counts.sheet(COMMAND_LINE, args.count)
    files.write_file(args.out, lambda path: render_count_sheet(sheet, path), protect, force=args.force,
                     ours=files.is_our_pdf)
    print(translate("cli", "Count sheets of {number}: {lines} item(s) written to {out}.").format(
        number=sheet.number, lines=len(sheet.lines), out=args.out))


def _variance(services: Services, counts: CountService, args: argparse.Namespace) -> None:
    from charity_pos import export, files
    from charity_pos.domain.money import format_fen
    from charity_pos.services.count_report import STATES, state_of, variance_report

    variance = counts.variance(args.count)
    if args.out is not None:
        protect = files.store_files(services.db.path, services.store().id)
        store = services.store()
        export.write_report(variance_report(variance, store.name, store.code), args.out, protect=protect,
                            force=args.force)
        print(translate("cli", "Variance of {number}: {lines} item(s) written to {out}.").format(
            number=variance.count.number, lines=len(variance.lines), out=args.out))
        return
    if args.json:
        print(json.dumps(_as_json(variance), ensure_ascii=False, indent=2))
        return
    from charity_pos import config

    language = args.lang or config.Settings.load().language
    for line in variance.lines:
        counted = "-" if line.counted is None else str(line.counted)
        expected = "-" if line.expected is None else str(line.expected)
        cells = (line.location or "-", line.barcode, line.name, counted, expected, f"{line.difference:+d}",
                 format_fen(line.value_fen), STATES[state_of(line)].text(language), line.reason)
        print("  ".join(cell for cell in cells if cell))
    print(translate("cli", "{lines} item(s) counted; found {found}, missing {missing}; {unsettled} to settle.").format(
        lines=len(variance.lines), found=format_fen(variance.found_fen), missing=format_fen(variance.missing_fen),
        unsettled=variance.unsettled))


def _as_json(variance: Variance) -> dict[str, object]:
    from charity_pos.services.count_report import state_of

    count = variance.count
    return {"number": count.number, "status": count.status, "scope": count.scope,
            "threshold": {"units": variance.threshold.units, "value_fen": variance.threshold.value_fen},
            "lines": [{"barcode": line.barcode, "name": line.name, "location": line.location, "unit": line.unit,
                       "counted": line.counted, "expected": line.expected, "difference": line.difference,
                       "value_fen": line.value_fen, "over": line.over, "state": state_of(line),
                       "round": line.round, "reason": line.reason, "entries": line.entries,
                       "tills": list(line.tills)} for line in variance.lines]}
