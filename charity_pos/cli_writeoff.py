"""Write-offs (报损) on the command line (a contract, as in cli.py):

    charity-pos writeoff --db PATH --lot CODE --quantity N [--lot CODE --quantity N ...]
                         --reason damaged|expired|spoiled|unfit|donated_on|other [--text TEXT] [--to ORG]
                         --user NAME [--pin PIN] [--manager NAME --manager-pin PIN --approval-reason TEXT]
                         [--pdf FILE.pdf] [--force]
    charity-pos writeoff --db PATH --list [--json]
    charity-pos writeoff --db PATH --number W_NUMBER --pdf FILE.pdf [--force]

A write-off is recorded by a person: ``--user`` with their PIN (``--pin``,
else the environment variable CHARITY_POS_PIN, else asked on the
terminal), checked as a log-in is. Beyond the manager's limit a cashier
needs a manager on the spot: ``--manager`` with ``--manager-pin`` (or
CHARITY_POS_MANAGER_PIN) and ``--approval-reason``; wrong PINs count as at
a till (the command line's own). CODE is a lot's own code (22…), its id
(``show stock --json``) or a maker's barcode whose goods are in one lot.
Errors reach ``charity_pos.cli.main`` as PosError and print one line there.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charity_pos.i18n import translate

if TYPE_CHECKING:
    from charity_pos.services.registry import Services
    from charity_pos.services.writeoffs import WriteoffRow

COMMANDS = ("writeoff",)
REASONS = ("damaged", "expired", "spoiled", "unfit", "donated_on", "other")
PIN_ENV = "CHARITY_POS_PIN"
MANAGER_PIN_ENV = "CHARITY_POS_MANAGER_PIN"
FORCE_HELP = "replace a file at --pdf that charity-pos did not write (never the store's own files)"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    w = sub.add_parser("writeoff", parents=[common], help="write goods off (报损): a W document, its lots and reason")
    w.add_argument("--db", type=Path, required=True)
    w.add_argument("--lot", action="append", default=[], metavar="CODE",
                   help="a lot: its code (22...), its id, or a maker's barcode whose goods are in one lot; repeat "
                        "--lot and --quantity for several lines")
    w.add_argument("--quantity", action="append", default=[], type=int, metavar="N", help="units of that lot")
    w.add_argument("--reason", choices=REASONS, help="why the goods are written off")
    w.add_argument("--text", default="", help="what happened (needed with --reason other)")
    w.add_argument("--to", default="", metavar="ORG", help="the charity the goods go to (needed with donated_on)")
    w.add_argument("--user", metavar="NAME", help="who records it (user name)")
    w.add_argument("--pin", help=f"that user's PIN (else ${PIN_ENV}, else asked)")
    w.add_argument("--manager", metavar="NAME", help="a manager approving a write-off beyond the limit")
    w.add_argument("--manager-pin", metavar="PIN", help=f"the manager's PIN (else ${MANAGER_PIN_ENV}, else asked)")
    w.add_argument("--approval-reason", default="", metavar="TEXT", help="why the manager approves")
    w.add_argument("--list", action="store_true", help="list the write-offs instead")
    w.add_argument("--json", action="store_true", help="with --list: a JSON array of objects")
    w.add_argument("--number", metavar="W_NUMBER", help="an existing write-off, for --pdf")
    w.add_argument("--pdf", type=Path, metavar="FILE", help="write the write-off document (报损单) as a PDF")
    w.add_argument("--force", action="store_true", help=FORCE_HELP)


def _pin(given: str | None, env: str, prompt: str) -> str:
    if given:
        return given
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        return ""
    return getpass.getpass(prompt)


def run(args: argparse.Namespace) -> int:
    from charity_pos.errors import InvalidInput
    from charity_pos.services.registry import Services

    if args.list:
        services = Services.open(args.db)
        try:
            rows = services.writeoffs.writeoffs(_command_line())
        finally:
            services.close()
        print_writeoffs(args, rows)
        return 0
    if args.number:
        if args.pdf is None:
            raise InvalidInput(field="pdf", value="", reason="empty")
        services = Services.open(args.db)
        try:
            _paper(args, services, args.number)
        finally:
            services.close()
        return 0
    return _write_off(args)


def _command_line() -> Any:
    from charity_pos.services.base import COMMAND_LINE

    return COMMAND_LINE


def _write_off(args: argparse.Namespace) -> int:
    from charity_pos.domain.money import format_fen
    from charity_pos.errors import InvalidInput
    from charity_pos.services.base import Approval
    from charity_pos.services.registry import Services
    from charity_pos.services.writeoffs import WriteoffDraft, WriteoffLineDraft

    if not args.lot:
        raise InvalidInput(field="lot", value="", reason="empty")
    if len(args.lot) != len(args.quantity):
        raise InvalidInput(field="quantity", value=len(args.quantity), reason="per_lot")
    if args.reason is None:
        raise InvalidInput(field="writeoff_reason", value="", reason="empty")
    if not args.user:
        raise InvalidInput(field="username", value="", reason="empty")
    services = Services.open(args.db)
    try:
        if args.pdf is not None:
            from charity_pos import files

            files.check_target(args.pdf, _protected(services), force=args.force, ours=files.is_our_pdf)
        lots = [services.writeoffs.find_lot(code) for code in args.lot]
        actor = services.accounts.login(args.user.strip().lower(), _pin(args.pin, PIN_ENV,
                                                                          translate("cli", "PIN: ")))
        approval = None
        if args.manager:
            approval = Approval(args.manager.strip().lower(),
                                _pin(args.manager_pin, MANAGER_PIN_ENV, translate("cli", "Manager's PIN: ")),
                                args.approval_reason)
        draft = WriteoffDraft(tuple(WriteoffLineDraft(lot.lot_id, quantity)
                                    for lot, quantity in zip(lots, args.quantity, strict=True)),
                              args.reason, note=args.text, recipient=args.to, approval=approval)
        changes = services.writeoffs.write_off(actor, draft)
        assert changes.number is not None  # a W document always has its number
        [row] = [r for r in services.writeoffs.writeoffs(_command_line()) if r.number == changes.number]
        print(translate("cli", "Write-off {number}: {units} units, {value} at sale price, out of {lots} lots.").format(
            number=changes.number, units=row.units, value=format_fen(row.value_fen), lots=row.lines))
        if args.pdf is not None:
            _paper(args, services, changes.number)
    finally:
        services.close()
    return 0


def _protected(services: Services) -> Any:
    from charity_pos import files

    return files.store_files(services.db.path, services.store().id)


def _paper(args: argparse.Namespace, services: Services, number: str) -> None:
    from charity_pos import files
    from charity_pos.printing.writeoff import render_writeoff

    protect = _protected(services)
    files.check_target(args.pdf, protect, force=args.force, ours=files.is_our_pdf)
    paper = services.writeoffs.paper(_command_line(), number)
    files.write_file(args.pdf, lambda path: render_writeoff(paper, path), protect, force=args.force,
                     ours=files.is_our_pdf)
    print(translate("cli", "Write-off {number} written to {out}.").format(number=paper.number, out=args.pdf))


def reason_names() -> dict[str, str]:
    from charity_pos.cli_trace import writeoff_reason_names

    return writeoff_reason_names()


def listed(rows: list[WriteoffRow]) -> tuple[list[dict[str, Any]], list[str], list[list[Any]], set[int]]:
    """The write-offs as ``show`` lists records: JSON objects, headers, rows, right-aligned columns."""
    from charity_pos.domain.money import format_fen
    from charity_pos.services.base import STORE_TZ

    objects = [{"id": str(r.id), "number": r.number, "at": r.at.isoformat(), "reason": r.reason,
                "text": r.note or None, "recipient": r.recipient or None, "lines": r.lines, "units": r.units,
                "value_fen": r.value_fen, "donation_value_fen": r.donation_value_fen,
                "recorded_by": r.recorded_by, "approved_by": r.approved_by or None} for r in rows]
    names = reason_names()
    headers = [translate("cli", "Number"), translate("cli", "Time"), translate("cli", "Reason"),
               translate("cli", "Details"), translate("cli", "Lines"), translate("cli", "Units"),
               translate("cli", "Value"), translate("cli", "Recorded by"), translate("cli", "Approved by")]
    table = [[r.number, r.at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M"), names.get(r.reason, r.reason),
              r.recipient or r.note, r.lines, r.units, format_fen(r.value_fen), r.recorded_by, r.approved_by]
             for r in rows]
    return objects, headers, table, {4, 5, 6}


def print_writeoffs(args: argparse.Namespace, rows: list[WriteoffRow]) -> None:
    from charity_pos.cli_show import print_table
    from charity_pos.domain.text import json_printable

    objects, headers, table, right = listed(rows)
    if args.json:
        print(json_printable(json.dumps(objects, ensure_ascii=False, indent=1)))
    else:
        print_table(headers, table, right)
