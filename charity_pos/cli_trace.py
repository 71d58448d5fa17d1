"""Where donations went, on the command line (a contract, as in cli.py):

    charity-pos trace --db PATH CODE [--json]
    charity-pos donor-statement --db PATH --donor NAME_OR_CODE --year YYYY --out FILE.pdf [--force]

CODE is a label's lot code, a maker's barcode, or a donation, receipt,
sale, return, handout, stock receipt, count or write-off (W) number. Donors who are
people show masked, households by card number only. Errors reach
``charity_pos.cli.main`` as PosError and print one line there.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.i18n import translate

if TYPE_CHECKING:
    from charity_pos.ledger.fates import Fate

COMMANDS = ("trace", "donor-statement")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    trace = sub.add_parser("trace", parents=[common], help="where the goods of a lot, item or document went")
    trace.add_argument("--db", type=Path, required=True)
    trace.add_argument("code", metavar="CODE",
                       help="a lot's code (22...), a barcode, or a donation, receipt, sale, return or handout number")
    trace.add_argument("--json", action="store_true", help="the story as JSON instead of a table")

    statement = sub.add_parser("donor-statement", parents=[common],
                               help="a donor's statement for a year (捐赠反馈函) as a one-page PDF")
    statement.add_argument("--db", type=Path, required=True)
    statement.add_argument("--donor", required=True,
                           help="the donor's name as recorded, a company's credit code, or a phone number")
    statement.add_argument("--year", required=True, help="e.g. 2026")
    statement.add_argument("--out", type=Path, required=True, help="PDF file to write")
    statement.add_argument("--force", action="store_true",
                           help="replace a file at --out that charity-pos did not write (never the store's own files)")


def run(args: argparse.Namespace) -> int:
    return _trace(args) if args.command == "trace" else _statement(args)


def event_names() -> dict[str, str]:
    return {"received": translate("cli", "received"), "count_found": translate("cli", "found at a count"),
            "unrecorded": translate("cli", "sold before received"), "sold": translate("cli", "sold"),
            "voided": translate("cli", "sale voided"), "returned": translate("cli", "returned"),
            "handed_out": translate("cli", "handed out"), "written_off": translate("cli", "written off"),
            "counted": translate("cli", "counted missing"), "moved": translate("cli", "moved"),
            "transferred": translate("cli", "transferred"), "on_shelf": translate("cli", "on the shelf")}


def writeoff_reason_names() -> dict[str, str]:
    """The write-off reasons (``domain.writeoffs.REASONS``) in the command line's language."""
    return {"damaged": translate("cli", "damaged"), "expired": translate("cli", "expired"),
            "spoiled": translate("cli", "spoiled"), "unfit": translate("cli", "unfit for sale"),
            "donated_on": translate("cli", "given to another charity"), "other": translate("cli", "other")}


def origin_names() -> dict[str, str]:
    return {"donation": translate("cli", "donation"), "purchase": translate("cli", "purchase"),
            "count": translate("cli", "stock count"), "unrecorded": translate("cli", "sold before received")}


def party_text(kind: str, party: str) -> str:
    if kind == "store":
        return translate("cli", "to store {code}").format(code=party)
    if kind == "anonymous":
        return translate("cli", "anonymous")
    if kind == "household":
        return translate("cli", "card {card}").format(card=party)
    return party


def fate_object(fate: Fate) -> dict[str, int]:
    return {"received": fate.received, "sold": fate.sold, "handed_out": fate.handed_out,
            "written_off": fate.written_off, "counted_difference": fate.counted_difference,
            "on_shelf": fate.on_shelf, "transferred": fate.transferred}


def _trace(args: argparse.Namespace) -> int:
    from charity_pos.cli_show import print_table
    from charity_pos.domain.money import format_fen
    from charity_pos.domain.text import json_printable
    from charity_pos.services.base import COMMAND_LINE, STORE_TZ
    from charity_pos.services.registry import Services

    services = Services.open(args.db)
    try:
        found = services.trace.trace(COMMAND_LINE, args.code)
    finally:
        services.close()
    if args.json:
        print(json_printable(json.dumps({
            "code": found.code, "kind": found.kind, "document": found.document, "totals": fate_object(found.totals),
            "lots": [{"lot_id": str(lot.lot_id), "code": lot.code, "name": lot.item_name, "unit": lot.unit,
                      "origin": lot.origin, "document": lot.document, "received_at": lot.received_at.isoformat(),
                      "donor_kind": lot.donor_kind or None, "donor": lot.donor or None,
                      "unit_value_fen": lot.unit_value_fen, "fate": fate_object(lot.fate)} for lot in found.lots],
            "events": [{"at": e.at.isoformat(), "event": e.kind, "document": e.document or None,
                        "lot_id": str(e.lot_id), "code": e.code, "name": e.item_name, "quantity": e.quantity,
                        "amount_fen": e.amount_fen,
                        "card_number": e.party if e.party_kind == "household" else None,
                        "donor_kind": e.party_kind if e.party_kind not in ("", "household", "store") else None,
                        "store": e.party if e.party_kind == "store" else None,
                        "donor": e.party if e.party_kind in ("person", "company") else None,
                        "detail": e.detail or None,
                        "text": e.party if e.kind == "written_off" and e.party else None} for e in found.events],
        }, ensure_ascii=False, indent=1)))
        return 0
    names, origins = event_names(), origin_names()
    print(translate("cli", "Trace of {code}: {lots} lots.").format(code=found.document, lots=len(found.lots)))
    print()
    rows = []
    for e in found.events:
        when = e.at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M") if e.kind != "on_shelf" else ""
        name = names[e.kind] if e.kind != "moved" else f"{names['moved']} ({e.detail})"
        if e.kind == "counted" and e.quantity < 0:
            name = translate("cli", "count surplus")
        if e.kind == "written_off" and e.detail:
            name = f"{name} ({writeoff_reason_names().get(e.detail, e.detail)})"
        who = party_text(e.party_kind, e.party) if e.party_kind else (
            translate("cli", "of sale {number}").format(number=e.detail) if e.kind == "returned" else
            translate("cli", "from {origin}").format(origin=e.detail) if e.kind == "received" and e.detail else "")
        rows.append([when, name, e.document, e.item_name, e.code or "", abs(e.quantity),
                     "" if e.amount_fen is None else format_fen(e.amount_fen), who])
    print_table([translate("cli", "Time"), translate("cli", "Event"), translate("cli", "Document"),
                 translate("cli", "Name"), translate("cli", "Code"), translate("cli", "Units"),
                 translate("cli", "Price"), translate("cli", "Who")], rows, {5, 6})
    print()
    print_table([translate("cli", "Code"), translate("cli", "Name"), translate("cli", "From"),
                 translate("cli", "Document"), translate("cli", "Units received"), translate("cli", "Sold"),
                 translate("cli", "Handed out"), translate("cli", "Written off"), translate("cli", "Counted missing"),
                 translate("cli", "On hand")],
                [[lot.code or "", lot.item_name, origins.get(lot.origin, lot.origin), lot.document,
                  lot.fate.received, lot.fate.sold, lot.fate.handed_out, lot.fate.written_off,
                  lot.fate.counted_difference, lot.fate.on_shelf] for lot in found.lots], {4, 5, 6, 7, 8, 9})
    t = found.totals
    print()
    if t.transferred:
        print(translate("cli", "Received {received} = sold {sold} + handed out {handed} + written off {written} + "
                               "counted missing {counted} + sent to other stores {sent} + on the shelf {shelf}.").format(
            received=t.received, sold=t.sold, handed=t.handed_out, written=t.written_off,
            counted=t.counted_difference, sent=t.transferred, shelf=t.on_shelf))
    else:
        print(translate("cli", "Received {received} = sold {sold} + handed out {handed} + written off {written} + "
                               "counted missing {counted} + on the shelf {shelf}.").format(
            received=t.received, sold=t.sold, handed=t.handed_out, written=t.written_off,
            counted=t.counted_difference, shelf=t.on_shelf))
    if not t.balances:
        print(translate("cli", "These figures do not add up: run charity-pos verify."))
    return 0


def _statement(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.cli import _check_pdf, _protected, _write_pdf
    from charity_pos.printing.donor_letter import render_donor_letter
    from charity_pos.services.donor_statement import parse_year
    from charity_pos.services.registry import Services

    parse_year(args.year)  # a bad year says so before the store is opened
    services = Services.open(args.db)
    try:
        protect = _protected(services)
        _check_pdf(args, protect)
        doc = services.trace.donor_statement(COMMAND_LINE, args.donor, args.year)
        _write_pdf(args, protect, lambda path: render_donor_letter(doc, path))
    finally:
        services.close()
    print(translate("cli", "Donor statement for {year} written to {out}: {donations} donations, {units} units.")
          .format(year=doc.year, out=args.out, donations=len(doc.donations), units=doc.units))
    return 0
