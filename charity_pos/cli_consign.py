"""Consigned goods (代销) on the command line (a contract, as in cli.py):

    charity-pos consignor add --db PATH --name NAME --credit-code CODE
                          [--contact NAME] [--phone DIGITS] [--bank TEXT] [--notes TEXT]
    charity-pos consignor list --db PATH [--json]
    charity-pos consignment settlement --db PATH --consignor NAME_OR_CODE --month YYYY-MM
                          [--pdf FILE.pdf] [--xlsx FILE.xlsx] [--force]

Goods are received from a consignor and returned to them in the app (a
manager counts them in and signs the note). The settlement prints its
figures, and with ``--pdf`` / ``--xlsx`` writes the paper both sides sign
(A4) and the workbook, through the guard every ``--out`` uses: both files
are checked before either is written, never over the store's own files,
over someone else's only with ``--force``. The command line is the store's
own and trusted (``COMMAND_LINE``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos import files
from charity_pos.i18n import translate

if TYPE_CHECKING:
    from charity_pos.services.consignment import ConsignmentService
    from charity_pos.services.registry import Services

COMMANDS = ("consignor", "consignment")
FORCE_HELP = "replace a file that charity-pos did not write (never the store's own files)"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    consignor = sub.add_parser("consignor", parents=[common], help="the consignors of consigned goods (代销委托方)")
    consignor_sub = consignor.add_subparsers(dest="consignor_command", required=True)
    add = consignor_sub.add_parser("add", parents=[common], help="register a consignor")
    add.add_argument("--db", type=Path, required=True)
    add.add_argument("--name", required=True, help="the consignor's full name, e.g. a cooperative's")
    add.add_argument("--credit-code", required=True, help="its unified social credit code (18 characters)")
    add.add_argument("--contact", default="", help="the contact person")
    add.add_argument("--phone", default="", help="the contact's phone")
    add.add_argument("--bank", default="", help="bank and account the settlement is paid to")
    add.add_argument("--notes", default="", help="anything else (the agreement, the paired area)")
    listed = consignor_sub.add_parser("list", parents=[common], help="list the consignors")
    listed.add_argument("--db", type=Path, required=True)
    listed.add_argument("--json", action="store_true", help="as JSON instead of a table")

    consignment = sub.add_parser("consignment", parents=[common], help="consigned goods (代销)")
    consignment_sub = consignment.add_subparsers(dest="consignment_command", required=True)
    settle = consignment_sub.add_parser("settlement", parents=[common],
                                        help="a consignor's settlement of a month (A4 PDF, .xlsx)")
    settle.add_argument("--db", type=Path, required=True)
    settle.add_argument("--consignor", required=True, help="the consignor's name or credit code")
    settle.add_argument("--month", required=True, help="YYYY-MM")
    settle.add_argument("--pdf", type=Path, help="write the settlement as a PDF for both sides to sign")
    settle.add_argument("--xlsx", type=Path, help="write it as an Excel workbook")
    settle.add_argument("--force", action="store_true", help=FORCE_HELP)


def run(args: argparse.Namespace) -> int:
    if args.command == "consignor":
        return _add(args) if args.consignor_command == "add" else _list(args)
    return _settlement(args)


def _services(path: Path) -> tuple[Services, ConsignmentService]:
    from charity_pos.services.consignment import ConsignmentService
    from charity_pos.services.registry import Services

    services = Services.open(path)
    return services, ConsignmentService(services.ctx, services.accounts)


def _add(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.services.consignment import ConsignorDraft, clean_draft

    draft = clean_draft(ConsignorDraft(args.name, args.credit_code, args.contact, args.phone, args.bank, args.notes))
    services, consign = _services(args.db)
    try:
        consign.add_consignor(COMMAND_LINE, draft)
    finally:
        services.close()
    print(translate("cli", "Consignor {name} ({code}) registered.").format(name=draft.name, code=draft.credit_code))
    return 0


def _list(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE

    services, consign = _services(args.db)
    try:
        rows = consign.consignors(COMMAND_LINE)
    finally:
        services.close()
    if args.json:
        print(json.dumps([{"name": r.name, "credit_code": r.credit_code, "contact": r.contact,
                           "phone": r.phone_masked, "bank": r.bank, "notes": r.notes, "active": r.active}
                          for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(translate("cli", "No consignors yet: charity-pos consignor add registers one."))
    off = translate("cli", "switched off")
    for r in rows:
        print("  ".join(part for part in (r.credit_code, r.name, r.contact, r.phone_masked, r.bank,
                                          "" if r.active else off) if part))
    return 0


def _target(path: Path | None, suffix: str, protect: files.Protected, force: bool) -> None:
    """May the settlement go to ``path`` (given as ``--pdf`` or ``--xlsx``)? The error saying why not."""
    from charity_pos import export
    from charity_pos.errors import InvalidInput

    if path is None:
        return
    export.check_out(path, protect, force=force)  # the store's own files first, whatever their name
    if path.suffix.lower() != suffix:
        raise InvalidInput(field=suffix[1:] + "_out", value=str(path), reason="wrong_suffix")


def _settlement(args: argparse.Namespace) -> int:
    from charity_pos import export
    from charity_pos.domain.money import format_fen
    from charity_pos.reports.consignment import as_report
    from charity_pos.reports.period import parse_month
    from charity_pos.reports.table import StoreName
    from charity_pos.services.base import COMMAND_LINE

    month = parse_month(args.month)
    services, consign = _services(args.db)
    try:
        protect = files.store_files(services.db.path, services.store().id)
        _target(args.pdf, ".pdf", protect, args.force)  # both checked before either is written
        _target(args.xlsx, ".xlsx", protect, args.force)
        found = consign.settlement(COMMAND_LINE, args.consignor, month)
        store = services.store()
        report = as_report(found, StoreName(store.name, store.code))
        written = [export.write_report(report, path, protect=protect, force=args.force)
                   for path in (args.pdf, args.xlsx) if path is not None]
    finally:
        services.close()
    print(translate("cli", "Settlement of {consignor} for {month}: {owed} owed for {sold} units sold.").format(
        consignor=found.consignor.name, month=f"{month[0]:%Y-%m}", owed=format_fen(found.owed_fen),
        sold=found.total("sold")))
    for line in found.lines:
        print(f"  {line.item_name}  {format_fen(line.price_fen)}  "
              + translate("cli", "opening {opening}, received {received}, sold {sold}, returned {returned}, "
                                 "written off or other {other}, closing {closing}").format(
                  opening=line.opening, received=line.received, sold=line.sold, returned=line.returned,
                  other=line.other_out, closing=line.closing))
    for path in written:
        print(translate("cli", "Written to {path}.").format(path=path))
    return 0
