"""The district hub on the command line (a contract, as in cli.py):

    charity-pos hub init --hub URL --district NAME
    charity-pos hub upgrade --hub URL
    charity-pos hub add-store --hub URL --registration FILE --out TRUST_FILE
    charity-pos hub import --hub URL FILE...
    charity-pos hub households import --hub URL FILE
    charity-pos hub export-bundle --hub URL --store-code CODE --out DIR
    charity-pos hub export-store --hub URL --store-code CODE --out FILE
    charity-pos hub over-allowance --hub URL
    charity-pos hub reporting --hub URL [--from YYYY-MM --to YYYY-MM] [--json]
    charity-pos hub add-user --hub URL --username NAME --name DISPLAY --pin PIN
    charity-pos hub gui --hub URL [--lang en]
    charity-pos hub verify-receipt [--hub URL] TEXT_OR_IMAGE     (cli_receipts.py)
    charity-pos hub publish-keys [--hub URL] --out FILE [--force]
    charity-pos hub report KIND / hub notice (``hub.cli_reports``)

``--hub`` is any SQLAlchemy URL (``postgresql+psycopg://user@host/db``) or
a SQLite file's path; without it, the hub is ``hub.sqlite3`` in the user's
data folder. Errors reach ``charity_pos.cli.main`` as PosError and print
one line there.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.hub import cli_campaign, cli_reports, cli_status, cli_transfers
from charity_pos.i18n import describe, translate

if TYPE_CHECKING:
    from charity_pos.hub.importer import ImportResult

COMMANDS = ("hub",)


def fingerprint(public_key: str) -> str:
    """The first 16 hex digits of SHA-256 of a public key's raw bytes: what people compare by phone."""
    return hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:16]


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    hub = sub.add_parser("hub", parents=[common], help="the district hub: stores' data from their bundles")
    hub_sub = hub.add_subparsers(dest="hub_command", required=True)
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--hub", metavar="URL",
                       help="the hub's database: a SQLAlchemy URL (postgresql+psycopg://user@host/db) or a SQLite "
                            "file (default: hub.sqlite3 in the data folder)")

    init = hub_sub.add_parser("init", parents=[common, where], help="create the district's hub and its key pair")
    init.add_argument("--district", required=True)
    init.add_argument("--staff-pin", metavar="PIN",
                      help="also create a first district staff account \"district\" with this PIN")

    hub_sub.add_parser("upgrade", parents=[common, where],
                       help="bring the hub's schema up to this charity-pos (as the database's owner role)")

    add = hub_sub.add_parser("add-store", parents=[common, where],
                             help="register a store from its registration file and write the hub's trust file")
    add.add_argument("--registration", type=Path, required=True, metavar="FILE",
                     help="the file charity-pos store-key wrote")
    add.add_argument("--out", type=Path, required=True, metavar="TRUST_FILE",
                     help="the trust file to write, for charity-pos trust-hub at the store")
    add.add_argument("--force", action="store_true",
                     help="replace a file at --out that charity-pos did not write (never the hub's own files)")
    add.add_argument("--area", action="append", default=[], metavar="SUBDISTRICT",
                     help="a sub-district whose households go to this store (repeat for more; none: the whole "
                          "district, or as registered before)")

    add.add_argument("--kind", choices=("store", "warehouse"),
                     help="a store (the default for a new one) or a district warehouse, which sends transfers")
    add.add_argument("--staff", metavar="NAME",
                     help="a district staff account: needed to replace the key of a store registered before")
    add.add_argument("--staff-pin", metavar="PIN", help="that account's PIN")

    journal = hub_sub.add_parser("export-store", parents=[common, where],
                                 help="write a store's whole journal as the hub holds it, signed, to rebuild the store")
    journal.add_argument("--store-code", required=True, metavar="CODE")
    journal.add_argument("--out", type=Path, required=True, metavar="FILE", help="the file to write (.cpjournal)")
    journal.add_argument("--force", action="store_true",
                         help="replace a file at --out that charity-pos did not write (never a database or key file)")

    imp = hub_sub.add_parser("import", parents=[common, where],
                             help="import stores' bundle files; one line per file")
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE")

    households = hub_sub.add_parser("households", parents=[common], help="the district's household registry")
    households_sub = households.add_subparsers(dest="households_command", required=True)
    hh_import = households_sub.add_parser(
        "import", parents=[common, where],
        help="import the sub-district's list of households (.xlsx or .csv), checked as in a store")
    hh_import.add_argument("file", type=Path, metavar="FILE")
    hh_import.add_argument("--force", action="store_true",
                           help="replace a file at the reject file's name that charity-pos did not write")

    export = hub_sub.add_parser("export-bundle", parents=[common, where],
                                help="write a store's downstream bundle: its area's households, rules, use elsewhere")
    export.add_argument("--store-code", required=True, metavar="CODE")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write the bundle in")
    export.add_argument("--force", action="store_true",
                        help="replace a file of the bundle's name that is not a bundle charity-pos wrote")

    hub_sub.add_parser("over-allowance", parents=[common, where],
                       help="households that went past their allowance across stores")

    user = hub_sub.add_parser("add-user", parents=[common, where], help="add a district staff account for hub gui")
    user.add_argument("--username", required=True, metavar="NAME")
    user.add_argument("--name", required=True, metavar="DISPLAY", help="the name shown at log-in")
    user.add_argument("--pin", required=True, metavar="PIN", help="4 to 12 digits")

    rules = hub_sub.add_parser("rules", parents=[common], help="the district's quota rules, sent to every store")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True)
    rules_import = rules_sub.add_parser(
        "import", parents=[common, where],
        help="set the district's quota rules from a JSON list (the shape of a downstream bundle's rules.json)")
    rules_import.add_argument("file", type=Path, metavar="FILE")

    hub_sub.add_parser("gui", parents=[common, where], help="the hub app for district staff")
    cli_status.add_parsers(hub_sub, common, where)
    cli_transfers.add_parsers(hub_sub, common, where)

    from charity_pos import cli_receipts

    cli_receipts.add_hub_parsers(hub_sub, common, where)
    cli_reports.add_parsers(hub_sub, common, where)
    cli_campaign.add_parsers(hub_sub, common, where)


def run(args: argparse.Namespace) -> int:
    if args.hub_command in cli_reports.COMMANDS:
        return cli_reports.run(args, translate)
    if args.hub_command in cli_transfers.COMMANDS:
        return cli_transfers.run(args, translate)
    if args.hub_command == cli_campaign.COMMAND:
        return cli_campaign.run(args, translate)
    if args.hub_command == "init":
        return _init(args)
    if args.hub_command == "upgrade":
        return _upgrade(args)
    if args.hub_command == "add-store":
        return _add_store(args)
    if args.hub_command == "households":
        return _households_import(args)
    if args.hub_command == "export-bundle":
        return _export_bundle(args)
    if args.hub_command == "export-store":
        return _export_store(args)
    if args.hub_command == "over-allowance":
        return cli_status.over_allowance(args, translate)
    if args.hub_command == "add-user":
        return _add_user(args)
    if args.hub_command == "gui":
        return _gui(args)
    if args.hub_command == "rules":
        return _rules_import(args)
    if args.hub_command == "reporting":
        return cli_status.run(args, translate)
    from charity_pos import cli_receipts

    if args.hub_command in cli_receipts.HUB_COMMANDS:
        return cli_receipts.run_hub(args)
    return _import(args)


def _rules_import(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.rules import import_rules

    with open_hub(args.hub) as db:
        count = import_rules(db, args.file, datetime.now(UTC))
    print(translate("cli", "{count} quota rules of the district set; the next downstream bundles carry them.").format(
        count=count))
    return 0


def _init(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import shown, to_url
    from charity_pos.hub.service import init_hub, key_path

    if args.staff_pin:
        from charity_pos.domain.pins import check_policy

        check_policy(args.staff_pin)  # before the hub is made: a bad PIN makes nothing
    from charity_pos import files
    from charity_pos.hub.engine import sqlite_file

    hub_file = sqlite_file(args.hub)
    if hub_file is not None:
        files.check_new_database(hub_file)  # not a store's -wal, not in the key folder
    info = init_hub(args.hub, args.district)
    print(translate("cli", "Created the district hub of {district} in {url} (key {fingerprint}). Its private key is "
                           "in {key}: back it up and keep it apart from the database.").format(
        district=info.district, url=shown(to_url(args.hub)), fingerprint=fingerprint(info.public_key),
        key=key_path(info.id)))
    if args.staff_pin:
        from charity_pos.hub.engine import open_hub
        from charity_pos.hub.users import add_user

        with open_hub(args.hub) as db:
            added = add_user(db, "district", info.district, args.staff_pin)
        print(translate("cli", "District staff account {username} created.").format(username=added.username))
    return 0


def _add_user(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.users import add_user

    with open_hub(args.hub) as db:
        added = add_user(db, args.username, args.name, args.pin)
    print(translate("cli", "District staff account {username} ({name}) added.").format(username=added.username,
                                                                                       name=added.display_name))
    return 0


def _gui(args: argparse.Namespace) -> int:
    from charity_pos import config
    from charity_pos.hub_ui.app import run_hub_app  # Qt only when the window is wanted

    return run_hub_app(args.hub, args.lang or config.Settings.load().language)


def _add_store(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.service import add_store

    with open_hub(args.hub) as db:
        added = add_store(db, args.registration, args.out, areas=args.area, force=args.force, staff=args.staff,
                          staff_pin=args.staff_pin, kind=args.kind)
    key = fingerprint(added.public_key)
    if added.key_replaced:
        text = translate("cli", "Store {code} ({name}) now has the new key {fingerprint}; the change is logged at the "
                                "hub. Give the store its trust file: {out}")
    elif added.new:
        text = translate("cli", "Registered store {code} ({name}, key {fingerprint}). Give the store its trust file: "
                                "{out}")
    else:
        text = translate("cli", "Store {code} ({name}, key {fingerprint}) was registered before with this key. "
                                "Give the store its trust file: {out}")
    print(text.format(code=added.code, name=added.name, fingerprint=key, out=added.trust_file))
    print(translate("cli", "The trust file holds the district's matching key: hand it over like a key."))
    return 0


def _households_import(args: argparse.Namespace) -> int:
    import sys

    from charity_pos.cli import print_bad_rows, print_rejects
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.registry import import_households

    with open_hub(args.hub) as db:
        done = import_households(db, args.file, describe, force=args.force)
    result = done.preview
    print_bad_rows(result.bad)
    print(translate("cli", "{imported} households imported into the district registry, {rejected} rejected.").format(
        imported=done.imported, rejected=len(result.bad)))
    return print_rejects(done, len(result.bad))


def _upgrade(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import MIGRATIONS, open_hub

    with open_hub(args.hub) as db:  # opening upgrades, when the role may; else HubSchemaBehind
        if db.upgraded_from is None:
            print(translate("cli", "{url}: the hub's schema is up to date ({revision}).").format(
                url=db.shown_url, revision=MIGRATIONS.head()))
        else:
            print(translate("cli", "{url}: the hub's schema was upgraded from {before} to {after}.").format(
                url=db.shown_url, before=db.upgraded_from, after=MIGRATIONS.head()))
    return 0


def _export_bundle(args: argparse.Namespace) -> int:
    from charity_pos.hub.downstream import export_bundle
    from charity_pos.hub.engine import open_hub

    with open_hub(args.hub) as db:
        written = export_bundle(db, args.store_code, args.out, force=args.force)
    print(written.path)
    return 0


def _export_store(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.export_store import export_store

    with open_hub(args.hub) as db:
        done = export_store(db, args.store_code, args.out, force=args.force)
    print(translate("cli", "Wrote the journal of store {code}: events 1-{last} (the last at {at}), signed by the hub: "
                           "{path}").format(code=done.store_code, last=done.last_seq, at=done.last_at, path=done.path))
    return 0


def _import(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.importer import ALREADY, APPLIED, import_bundles

    with open_hub(args.hub) as db:
        results = import_bundles(db, args.files, progress=lambda _done, _total, result: print(_line(result),
                                                                                            flush=True))
        applied = {r.store_code for r in results if r.status == APPLIED and r.store_code}
        if applied:
            cli_campaign.print_collected_twice(db, applied, translate)
    refused = sum(1 for r in results if r.status not in (APPLIED, ALREADY))
    return 1 if refused else 0


def _line(result: ImportResult) -> str:
    from charity_pos.hub.importer import ALREADY, APPLIED
    from charity_pos.messages import one_line

    if result.status == APPLIED:
        assert result.last_seq is not None  # an applied file's events are numbered
        text = translate("cli", "applied {count} events of store {code} (#{first}-#{last})").format(
            count=result.events, code=result.store_code, first=result.last_seq - result.events + 1,
            last=result.last_seq)
    elif result.status == ALREADY:
        text = translate("cli", "already imported")
    else:
        text = translate("cli", "refused: ") + (describe(result.error) if result.error else "")
    return f"{one_line(str(result.path))}: {text}"  # one line, whatever the file's name holds
