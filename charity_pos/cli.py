"""The command line. Command names and options are a contract with the
district's scripts: keep them as they are.

    charity-pos                         the app, on the default store
    charity-pos --version               the version installed (the wheel's, the About box's, the bundles')
    charity-pos gui --db PATH [--lang en]
    charity-pos init --db PATH --store-code CODE --name NAME --district NAME --manager-pin PIN
    charity-pos demo --db PATH [--days N]
    charity-pos verify --db PATH
    charity-pos show KIND --db PATH [--json]
    charity-pos trace --db PATH CODE [--json]           (cli_trace)
    charity-pos donor-statement --db PATH --donor NAME_OR_CODE --year YYYY --out FILE.pdf
    charity-pos report KIND / funds use / notice   (cli_reports.py)
    charity-pos verify-receipt --keys FILE TEXT_OR_IMAGE   (cli_receipts.py)
    charity-pos bill import --db PATH FILE / bill show --db PATH --date YYYY-MM-DD   (cli_bill.py)
    charity-pos expiry --db PATH [--days 7|30] / expiry markdown --db PATH ...   (cli_expiry.py)
    charity-pos count start|list|sheet|add|none|recount|explain|variance|finish|cancel ...   (cli_count.py)
    charity-pos consignor add|list / consignment settlement   (cli_consign.py)
    charity-pos backup / restore / backup-key / restore-key   (cli_backup.py)
    charity-pos writeoff --db PATH --lot CODE --quantity N --reason R --user NAME ...   (cli_writeoff.py)
    charity-pos transfer send / list / receive / stores   (cli_transfer.py)

Errors a user can cause print one line and exit non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from charity_pos import __version__, config, files
from charity_pos.domain.text import printable
from charity_pos.errors import PosError, ReceiptVoided, RejectsNotWritten, ResourceDamaged, ResourceMissing
from charity_pos.cli_show import SHOW_KINDS, show
from charity_pos.i18n import describe, error_line, load_catalog, translate

if TYPE_CHECKING:
    from charity_pos.db.engine import Upgrade
    from charity_pos.ledger.verify import Problem
    from charity_pos.services import household_import
    from charity_pos.services.registry import Services
    from charity_pos.services.sale_records import SaleView


log = logging.getLogger("charity_pos.cli")

#: The commands whose parsers this module builds itself; the others' come from their modules.
OWN_COMMANDS = ("gui", "init", "demo", "verify", "receipt", "labels", "slip", "show", "households")
#: ``verify``'s exit when the check could not be run (its temporary folder cannot be written): not a failed
#: check (1), so a script can tell "try again once there is room" from "the store has a problem"; 75 is
#: EX_TEMPFAIL of the BSD sysexits (a temporary failure: try again later)
VERIFY_NOT_RUN = 75


def _command_in(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, read as the parser would (after
    a valid ``--lang X`` or ``--lang=X``), when it is one of ``OWN_COMMANDS``;
    None otherwise (no command, help asked before it, anything unusual):
    then the whole parser is built."""
    rest = list(argv)
    while rest:  # only a valid --lang before the command: anything else the whole parser answers (its usage names every command)
        if rest[0] == "--lang" and len(rest) > 1 and rest[1] in config.LANGUAGES:
            rest = rest[2:]
        elif rest[0].startswith("--lang=") and rest[0].partition("=")[2] in config.LANGUAGES:
            rest = rest[1:]
        else:
            break
    if rest and rest[0] in OWN_COMMANDS:
        return rest[0]
    return None


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command`` (one of ``OWN_COMMANDS``)
    only that command's, which parses and helps with it exactly as the
    whole parser does, without building (and importing) every other one."""
    top = argparse.ArgumentParser(add_help=False)
    top.add_argument("--lang", choices=config.LANGUAGES, help="language of the app and messages (zh_CN, en)")
    # a command's own --lang, when not given, leaves the one given before the command as it is
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=config.LANGUAGES, default=argparse.SUPPRESS,
                        help="language of the app and messages (zh_CN, en)")
    parser = argparse.ArgumentParser(prog="charity-pos", description="Point of sale for community charity supermarkets.",
                                     parents=[top])
    parser.add_argument("--version", action="version", version=f"charity-pos {__version__}")
    sub = parser.add_subparsers(dest="command")

    if command in (None, "gui"):
        gui = sub.add_parser("gui", parents=[common], help="start the app")
        gui.add_argument("--db", type=Path, help="store database file (default: the store in settings)")

    if command in (None, "init"):
        init = sub.add_parser("init", parents=[common], help="create a new store database")
        init.add_argument("--db", type=Path, required=True)
        init.add_argument("--store-code", required=True, help="e.g. PT01")
        init.add_argument("--name", required=True, help="the store's full name")
        init.add_argument("--district", required=True)
        init.add_argument("--manager-pin", required=True, help="PIN of the first manager account, 4-12 digits")

    if command in (None, "demo"):
        demo = sub.add_parser("demo", parents=[common], help="create a demo store with realistic activity")
        demo.add_argument("--db", type=Path, required=True)
        demo.add_argument("--days", type=int, default=30)

    if command in (None, "verify"):
        verify = sub.add_parser("verify", parents=[common], help="check a store file against its journal")
        verify.add_argument("--db", type=Path, required=True)
        verify.add_argument("--key-file", type=Path, help="the store's key file, when it is not in this PC's key folder")

    if command in (None, "receipt"):
        receipt = sub.add_parser("receipt", parents=[common], help="the donation receipt PDF (issued on first print)")
        receipt.add_argument("--db", type=Path, required=True)
        receipt.add_argument("--donation", required=True, help="donation number, e.g. JA01-2026-D000012")
        receipt.add_argument("--out", type=Path, required=True, help="PDF file to write")
        receipt.add_argument("--force", action="store_true", help="replace a file at --out that charity-pos did not write (never the store's own files)")

    if command in (None, "labels"):
        labels = sub.add_parser("labels", parents=[common], help="barcode labels PDF for a donation, one per unit")
        labels.add_argument("--db", type=Path, required=True)
        labels.add_argument("--donation", required=True)
        labels.add_argument("--template", required=True, choices=("a4-3x8", "thermal-40x30"))
        labels.add_argument("--out", type=Path, required=True)
        labels.add_argument("--force", action="store_true", help="replace a file at --out that charity-pos did not write (never the store's own files)")

    if command in (None, "slip"):
        slip = sub.add_parser("slip", parents=[common], help="a sale's slip as a PDF (later prints marked as reprints)")
        slip.add_argument("--db", type=Path, required=True)
        slip.add_argument("--sale", required=True, help="sale number, e.g. JA01-2026-S000123")
        slip.add_argument("--out", type=Path, required=True, help="PDF file to write")
        slip.add_argument("--width", type=int, choices=(80, 58), default=80, help="paper width in mm (default 80)")
        slip.add_argument("--force", action="store_true", help="replace a file at --out that charity-pos did not write (never the store's own files)")

    if command in (None, "show"):
        show = sub.add_parser("show", parents=[common], help="list records")
        show.add_argument("kind", choices=SHOW_KINDS)
        show.add_argument("--db", type=Path, required=True)
        show.add_argument("--json", action="store_true", help="a JSON array of objects instead of a table")

    if command in (None, "households"):
        households = sub.add_parser("households", parents=[common], help="the register of households in hardship")
        households_sub = households.add_subparsers(dest="households_command", required=True)
        household_import = households_sub.add_parser(
            "import", parents=[common], help="import the sub-district's household list (.xlsx or .csv)")
        household_import.add_argument("--db", type=Path, required=True)
        household_import.add_argument("file", type=Path, help="the list: .xlsx, or .csv in UTF-8 or GBK")
        household_erase = households_sub.add_parser(
            "erase-lapsed", parents=[common],
            help="erase the personal data of households whose eligibility ended long ago (also done at start-up)")
        household_erase.add_argument("--db", type=Path, required=True)
        household_import.add_argument("--dry-run", action="store_true",
                                      help="only check the rows and list the bad ones; import nothing")
        household_import.add_argument("--force", action="store_true",
                                      help="replace a file at the reject file's name that charity-pos did not write")
    if command is not None:
        return parser
    from charity_pos.sync import cli as sync_cli

    sync_cli.add_parsers(sub, common)
    from charity_pos.hub import cli as hub_cli

    hub_cli.add_parsers(sub, common)
    from charity_pos import cli_trace

    cli_trace.add_parsers(sub, common)
    from charity_pos import cli_reports

    cli_reports.add_parsers(sub, common)
    from charity_pos import cli_receipts

    cli_receipts.add_parsers(sub, common)
    from charity_pos import cli_bill

    cli_bill.add_parsers(sub, common)
    from charity_pos import cli_count

    cli_count.add_parsers(sub, common)
    from charity_pos import cli_consign

    cli_consign.add_parsers(sub, common)
    from charity_pos import cli_backup

    cli_backup.add_parsers(sub, common)
    from charity_pos import cli_rebuild

    cli_rebuild.add_parsers(sub, common)
    from charity_pos import cli_expiry

    cli_expiry.add_parsers(sub, common)
    from charity_pos import cli_writeoff

    cli_writeoff.add_parsers(sub, common)
    from charity_pos import cli_transfer

    cli_transfer.add_parsers(sub, common)
    from charity_pos import cli_campaign

    cli_campaign.add_parsers(sub, common)
    return parser


class _Terminal:
    """stdout or stderr, passing on only printable text: whatever reaches the
    terminal from a file (names, cells, file names in messages) has its
    control characters shown as escapes (``domain.text.printable``)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text, keep_newlines=True))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """``argv`` parsed as the whole parser parses it, by the one command's
    parser when ``argv`` names one of ``OWN_COMMANDS`` (what is left over
    the whole parser reports, its usage naming every command)."""
    command = _command_in(argv)
    if command is not None:
        args, extra = _parser(command).parse_known_args(argv)
        if not extra:
            return args
    return _parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Terminal(out), _Terminal(err)
    try:
        return _main(args)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(args: argparse.Namespace) -> int:
    settings = config.Settings.load()
    language = args.lang or settings.language
    config.setup_logging()
    command = args.command or "gui"
    try:
        load_catalog(language)  # not Qt's loader: the command line never loads Qt
    except ResourceMissing as exc:  # the installation lost it: said by name, in both languages
        return _incomplete(args, exc)
    stop_telling = _tell_upgrades() if command != "gui" else None  # the app tells it on its screen
    try:
        if command == "gui":
            from charity_pos.ui.app import run_app

            return run_app(getattr(args, "db", None) or settings.store, language)
        if command == "init":
            return _init(args)
        if command == "demo":
            return _demo(args)
        if command == "verify":
            return _verify(args)
        if command == "show":
            return show(args)
        if command == "receipt":
            return _receipt(args)
        if command == "labels":
            return _labels(args)
        if command == "slip":
            return _slip(args)
        if command == "households":
            if args.households_command == "erase-lapsed":
                return _households_erase(args)
            return _households_import(args)
        from charity_pos import cli_trace

        if command in cli_trace.COMMANDS:
            return cli_trace.run(args)
        from charity_pos.sync import cli as sync_cli

        if command in sync_cli.COMMANDS:
            return sync_cli.run(args)
        from charity_pos.hub import cli as hub_cli

        if command in hub_cli.COMMANDS:
            return hub_cli.run(args)
        from charity_pos import cli_reports

        if command in cli_reports.COMMANDS:
            return cli_reports.run(args)
        from charity_pos import cli_receipts

        if command in cli_receipts.COMMANDS:
            return cli_receipts.run(args)
        from charity_pos import cli_bill

        if command in cli_bill.COMMANDS:
            return cli_bill.run(args)
        from charity_pos import cli_count

        if command in cli_count.COMMANDS:
            return cli_count.run(args)
        from charity_pos import cli_consign

        if command in cli_consign.COMMANDS:
            return cli_consign.run(args)
        from charity_pos import cli_backup

        if command in cli_backup.COMMANDS:
            return cli_backup.run(args)
        from charity_pos import cli_rebuild

        if command in cli_rebuild.COMMANDS:
            return cli_rebuild.run(args)
        from charity_pos import cli_expiry

        if command in cli_expiry.COMMANDS:
            return cli_expiry.run(args)
        from charity_pos import cli_writeoff

        if command in cli_writeoff.COMMANDS:
            return cli_writeoff.run(args)
        from charity_pos import cli_transfer

        if command in cli_transfer.COMMANDS:
            return cli_transfer.run(args)
        from charity_pos import cli_campaign

        if command in cli_campaign.COMMANDS:
            return cli_campaign.run(args)
    except ResourceMissing as exc:
        return _incomplete(args, exc)
    except PosError as exc:
        print(translate("cli", "Error: ") + describe(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into head and the like
        sys.stderr.close()
        return 0
    except Exception:  # a bug: log it whole, tell the user one line
        log.exception("unexpected error in %s", command)
        print(translate("cli", "Error: ") + describe(RuntimeError()), file=sys.stderr)
        return 3
    finally:
        if stop_telling is not None:
            stop_telling()
    return 2


def _opens_a_window(args: argparse.Namespace) -> bool:
    """Whether the command starts one of the apps (the store's, the hub's), which may have no terminal."""
    command = args.command or "gui"
    return command == "gui" or (command == "hub" and getattr(args, "hub_command", None) == "gui")


def _incomplete(args: argparse.Namespace, error: ResourceMissing) -> int:
    """A file the package ships is missing or damaged: the installation is
    incomplete. Said by name as any error is (one line, status 1), and by
    the apps in a message box too, since they may be started from a shortcut."""
    log.error("incomplete installation: %s is %s (folder: %s)", error.facts.get("resource"),
              "damaged" if isinstance(error, ResourceDamaged) else "missing", error.facts.get("where"))
    if _opens_a_window(args):
        from charity_pos.ui.shell import refuse_to_start

        return refuse_to_start(error)
    print(error_line(error), file=sys.stderr)
    return 1


def _tell_upgrades() -> Callable[[], None]:
    """One line on stderr when the command opens a store file from an earlier
    version and upgrades it: from which schema, and where the copy kept first is."""
    from charity_pos.services.upgrade import tell_to

    def tell(path: Path, done: Upgrade) -> None:
        print(translate("StoreUpgrade", "The store file {path} was upgraded from schema {before} to {after} by "
                                        "charity-pos {version}; the file as it was is kept as {copy}.").format(
            path=path, before=done.before, after=done.after, version=__version__, copy=done.copy), file=sys.stderr)

    return tell_to(tell)


def _init(args: argparse.Namespace) -> int:
    from charity_pos.security.keys import key_path
    from charity_pos.services.backup import identity_of_live
    from charity_pos.services.store import init_store

    files.check_new_database(args.db)
    db = init_store(args.db, store_code=args.store_code, name=args.name, district=args.district,
                    manager_pin=args.manager_pin)
    db.close()
    store_id = identity_of_live(args.db).id
    print(translate("cli", "Created store {code} in {path}. Log in as “manager” with the PIN you chose.").format(
        code=args.store_code.upper(), path=args.db))
    print(translate("cli", "The store's key file is {key}. It is in no backup: keep a copy apart from the backups "
                           "(charity-pos backup-key --db PATH --out FILE writes one protected by a passphrase); "
                           "without it the store cannot be fully restored.").format(
        key=key_path(store_id)))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from charity_pos.demo.builder import build_demo
    from charity_pos.errors import InvalidInput

    if not 1 <= args.days <= 3660:
        raise InvalidInput(field="days", value=args.days, reason="too_large" if args.days > 0 else "zero")
    files.check_new_database(args.db)
    summary = build_demo(args.db, days=args.days)
    print(translate("cli", "Demo store created in {path}: {items} items, {donations} donations from {donors} donors, "
                           "{households} households, {sales} sales and {returns} returns in {shifts} shifts, "
                           "{handouts} handouts, {events} journal events over {days} days.").format(
        path=args.db, items=summary.items, donations=summary.donations, donors=summary.donors,
        households=summary.households, sales=summary.sales, returns=summary.returns, shifts=summary.shifts,
        handouts=summary.handouts, events=summary.events, days=args.days))
    print(translate("cli", "Demo accounts: cashier (PIN 1111), manager (PIN 9999)."))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from charity_pos.errors import TempFolderUnwritable

    try:
        return _verify_store(args)
    except TempFolderUnwritable as exc:  # the check was not run: nothing is said of the store
        print(translate("cli", "Error: ") + describe(exc), file=sys.stderr)
        return VERIFY_NOT_RUN


def _verify_store(args: argparse.Namespace) -> int:
    from charity_pos.db.plain import NeedsAlembic, read_store
    from charity_pos.ledger.verify import verify
    from charity_pos.security.keys import seal_key_for
    from charity_pos.services.training_marks import marks

    try:  # through the driver, as it is: no upgrade, no SQLAlchemy
        with read_store(args.db) as conn:
            key, key_path, marked = seal_key_for(conn, args.key_file)
            report = verify(conn, key, key_says_sealed=marked)
            training = marks(conn)
    except NeedsAlembic:  # a revision only Alembic reads: the app's own opening, still without an upgrade
        from charity_pos.db.driver import driver
        from charity_pos.services.store_file import open_store

        with open_store(args.db, upgrade=False) as db, db.engine.connect() as sa_conn:
            key, key_path, marked = seal_key_for(sa_conn, args.key_file)
            report = verify(sa_conn, key, key_says_sealed=marked)
            training = marks(driver(sa_conn))
    if report.problem is not None:  # not report.ok
        print(translate("cli", "FAILED: ") + _problem_text(report.problem), file=sys.stderr)
        for problem in report.identity[:20]:  # where donated units went is checked whatever else was found
            if problem is not report.problem:
                print(translate("cli", "Also: ") + _problem_text(problem), file=sys.stderr)
        return 1
    print(translate("cli", "OK: {events} journal events, {records} records agree; chain head {head}.").format(
        events=report.events, records=report.records, head=report.head_hash[:16]))
    if training:
        print(translate("cli", "This file is a TRAINING store (培训模式): practice only, not the store's real business; "
                               "it never sends or receives sync bundles."))
    if not report.sealed:
        print(translate("cli", "Note: this file is from an earlier version (schema {revision}) and has no seal yet: "
                               "its authenticity was not checked. Open it once with this version to seal it.")
              .format(revision=report.revision), file=sys.stderr)
    elif not report.authenticated:
        print(translate("cli", "Note: no key file ({path}): the seal was checked for consistency only, "
                               "its authenticity was NOT checked. Give the store's key file with --key-file.")
              .format(path=key_path), file=sys.stderr)
    return 0


def _protected(services: Services) -> files.Protected:
    """The files no --out may name: the store's database, its companions and key file, the settings."""
    return files.store_files(services.db.path, services.store().id)


def _check_pdf(args: argparse.Namespace, protect: files.Protected) -> None:
    """Before anything is counted or numbered: may a PDF go to --out?"""
    files.check_target(args.out, protect, force=args.force, ours=files.is_our_pdf)


def _write_pdf(args: argparse.Namespace, protect: files.Protected, write: Callable[[Path], object]) -> None:
    """Write a PDF beside --out and move it into place: never half a file,
    never over the store's own files, over someone else's file only with
    --force. Called by the service before it commits (outside its
    transaction), so a PDF that cannot be put in place uses no number and
    counts no print."""
    files.write_file(args.out, write, protect, force=args.force, ours=files.is_our_pdf)


def _receipt(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.printing.receipt import render_receipt
    from charity_pos.services.registry import Services

    services = Services.open(args.db)
    try:
        protect = _protected(services)
        _check_pdf(args, protect)
        try:
            doc = services.receipts.print_receipt(
                COMMAND_LINE, args.donation,
                render=lambda doc: _write_pdf(args, protect, lambda path: render_receipt(doc, path))).document
        except ReceiptVoided as voided:
            # a voided receipt is written as it stands, marked 作废 with its reason: no print counted
            doc = services.receipts.document(str(voided.number))
            _write_pdf(args, protect, lambda path: render_receipt(doc, path))
    finally:
        services.close()
    if doc.void_reason is not None:
        print(translate("cli", "Receipt {number} is void; written marked 作废 to {out}.").format(
            number=doc.receipt_number, out=args.out))
        return 0
    if doc.reprint_count:
        print(translate("cli", "Receipt {number} reprinted (reprint {count}) to {out}.").format(
            number=doc.receipt_number, count=doc.reprint_count, out=args.out))
    else:
        print(translate("cli", "Receipt {number} issued to {out}.").format(number=doc.receipt_number, out=args.out))
    return 0


def _labels(args: argparse.Namespace) -> int:
    from charity_pos.printing.labels import render_labels
    from charity_pos.services.registry import Services

    services = Services.open(args.db)
    try:
        protect = _protected(services)
        labels = services.labels.for_donation(args.donation)
        _write_pdf(args, protect, lambda path: render_labels(labels, args.template, path))
    finally:
        services.close()
    print(translate("cli", "{count} labels written to {out}.").format(count=len(labels), out=args.out))
    return 0


def _slip(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.printing.slip import render_slip
    from charity_pos.services.registry import Services
    from charity_pos.services.slips import sale_slip

    services = Services.open(args.db)
    try:
        protect = _protected(services)

        def render(view: SaleView, reprints: int) -> None:
            doc = sale_slip(services.ctx, view, reprints)
            _write_pdf(args, protect, lambda path: render_slip(doc, path, width_mm=args.width))

        _check_pdf(args, protect)  # before a print is counted
        view = services.sales.print_slip(COMMAND_LINE, args.sale, render=render)
    finally:
        services.close()
    print(translate("cli", "Slip of sale {number} written to {out}.").format(number=view.number, out=args.out))
    return 0


def _households_erase(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.services.registry import Services

    services = Services.open(args.db)
    try:
        changes = services.household_status.erase_lapsed(COMMAND_LINE)
    finally:
        services.close()
    count = len(changes.ids) if changes else 0
    print(translate("cli", "Personal data of {count} lapsed households erased.").format(count=count))
    return 0


def _households_import(args: argparse.Namespace) -> int:
    """Check every row, list the bad ones, import the good ones in one
    transaction and write the bad ones beside the file for correcting.
    Exit 0 when every row was imported, 1 when some were not (or the reject
    file could not be written: then it says how many were imported)."""
    from charity_pos.services import household_import
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.services.registry import Services

    services = Services.open(args.db)
    try:
        result = household_import.preview(services, args.file, describe)
        print(translate("cli", "{file}: {total} rows, {good} good, {bad} to correct.").format(
            file=args.file, total=result.total, good=len(result.good), bad=len(result.bad)))
        print_bad_rows(result.bad)
        if args.dry_run:
            print(translate("cli", "Dry run: nothing was imported or written."))
            return 1 if result.bad else 0
        done = household_import.import_with_rejects(
            result, args.file, lambda good: services.households.import_households(COMMAND_LINE, good),
            _protected(services), force=args.force)
    finally:
        services.close()
    if done.saved is not None:
        print(translate("cli", "Imported {count} households (journal event #{seq}).").format(
            count=len(result.good), seq=done.saved.event_seq))
    else:
        print(translate("cli", "No household was imported."))
    return print_rejects(done, len(result.bad))


class RejectFile(Protocol):
    """Where an import of households (the store's or the hub's) wrote the rows to correct."""

    @property
    def rejects(self) -> Path | None: ...

    @property
    def rejects_error(self) -> RejectsNotWritten | None: ...


def print_rejects(done: RejectFile, bad: int) -> int:
    """Where the rows to correct went, or why they could not be written;
    the exit code of a household import (1 when any row was refused)."""
    if done.rejects is not None:
        print(translate("cli", "{count} rows to correct written to {out}.").format(count=bad, out=done.rejects))
    if done.rejects_error is not None:
        print(translate("cli", "Error: ") + describe(done.rejects_error), file=sys.stderr)
    return 1 if bad else 0


def print_bad_rows(bad: Sequence[household_import.BadRow]) -> None:
    """One line per bad row: its number, card, masked name and ID number, and
    every reason. What came from the file is shown escaped (``printable``):
    a cell cannot colour, clear or rewrite the terminal, nor start a line."""
    from charity_pos.services import household_import

    for row in bad:
        # Masked: names and ID numbers in clear never leave the app, not even on a terminal.
        print(translate("cli", "Row {row} ({household}): {reasons}").format(
            row=row.row_number, household=printable(row.household),
            reasons=printable(household_import.reasons_text(row.reasons))))


def _problem_text(p: Problem) -> str:
    facts = {"seq": p.seq, "table": p.table, "record": p.record, "column": p.column,
             "expected": p.expected, "found": p.found, "detail": p.detail}
    templates = {
        "integrity": translate("cli", "SQLite integrity check failed: {detail}"),
        "sequence": translate("cli", "journal event #{seq} is out of sequence (expected #{expected})"),
        "link": translate("cli", "journal event #{seq} does not link to the event before it"),
        "hash": translate("cli", "journal event #{seq} was altered: its hash does not match"),
        "payload": translate("cli", "journal event #{seq} cannot be read: {detail}"),
        "missing_record": translate("cli", "record {table}/{record} written by journal event #{seq} is missing"),
        "extra_record": translate("cli", "record {table}/{record} is not in the journal"),
        "value": translate("cli",
                           "record {table}/{record}: {column} is {found} in the database but {expected} in journal event #{seq}"),
        "schema:extra_trigger": translate("cli", "the database has a trigger {record} on {table} that charity-pos "
                                                 "never makes"),
        "schema:extra_view": translate("cli", "the database has a view {record} that charity-pos never makes"),
        "schema:extra_table": translate("cli", "the database has a table {table} that charity-pos never makes"),
        "schema:missing_table": translate("cli", "the table {table} is missing from the database"),
        "schema:missing_column": translate("cli", "the column {table}.{column} is missing from the database"),
        "schema:extra_column": translate("cli", "the database has a column {table}.{column} that charity-pos never makes"),
        "downgraded": translate("cli", "the file claims an earlier version's schema ({detail}), but its key file "
                                       "says it was sealed: it was set back by hand"),
        "empty": translate("cli", "the journal is empty: a store file always holds at least its first events"),
        "seal_missing": translate("cli", "the store's seal is missing: the file was emptied or rebuilt outside charity-pos"),
        "seal_forged": translate("cli", "the store's seal was not written by this store's charity-pos "
                                        "(it does not verify with the store's key)"),
        "truncated": translate("cli", "events were removed from the end of the journal: it ends at #{found}, "
                                      "but the store had written #{expected}"),
        "truncated_hub": translate("cli", "events were removed from the end of the journal: it ends at #{found}, "
                                          "but the store had already sent #{expected} to the district"),
        "seal_head": translate("cli", "the journal was rewritten after event #{expected} outside charity-pos "
                                      "(its last event is not the one the store sealed)"),
        "representation": translate("cli", "record {table}/{record}: {column} is stored as {found}, "
                                           "not in the form charity-pos writes"),
        "audit_sequence": translate("cli", "audit log entry #{seq} is out of sequence (expected #{expected})"),
        "audit_link": translate("cli", "audit log entry #{seq} does not link to the entry before it"),
        "audit_hash": translate("cli", "audit log entry #{seq} was altered: its hash does not match"),
        "audit_head": translate("cli", "the audit log ends at entry #{found}, but the store sealed it at #{expected}"),
        "digest": translate("cli", "table {table} was changed outside charity-pos: it no longer matches the seal"),
        "digest:columns": translate("cli", "table {table} was changed outside charity-pos: its columns {detail} "
                                           "no longer match the seal"),
        "doc_sequence": translate("cli", "document counter {table} of {record} stands at {found}, but the last "
                                         "document is number {expected}"),
        "identity": translate("cli", "the units of {table} {record} do not add up: {expected} received, but the "
                                     "documents and stock movements account for {found} "
                                     "({detail})"),
        "doc_sequence:gap": translate("cli", "document counter {table} of {record}: number {detail} is missing "
                                             "between the documents"),
    }
    key = p.kind
    if p.kind == "schema" or (p.kind == "digest" and p.detail):
        key = f"{p.kind}:{p.detail if p.kind == 'schema' else 'columns'}"
    elif p.kind == "identity":
        facts["table"] = translate("cli", "lot") if p.table == "lot" else translate("cli", "donation")
        numbers = (p.detail.split(",") + [""] * 5)[:5]
        facts["detail"] = translate("cli", "sold {sold}, handed out {handed}, written off {written}, counted missing "
                                           "{counted}, on the shelf {shelf}").format(
            sold=numbers[0], handed=numbers[1], written=numbers[2], counted=numbers[3], shelf=numbers[4])
    elif p.kind == "doc_sequence" and p.detail.startswith("gap:"):
        key, facts["detail"] = "doc_sequence:gap", p.detail[4:]
    if facts["found"] is None:
        facts["found"] = "-"
    return templates[key].format(**facts)


if __name__ == "__main__":
    raise SystemExit(main())
