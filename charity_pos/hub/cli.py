"""The district hub on the command line (a contract, as in cli.py):

    charity-pos hub init --hub URL --district NAME
    charity-pos hub add-store --hub URL --registration FILE --out TRUST_FILE
    charity-pos hub import --hub URL FILE...

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

from charity_pos.i18n import describe, translate

COMMANDS = ("hub",)


def fingerprint(public_key: str) -> str:
    """The first 16 hex digits of SHA-256 of a public key's raw bytes: what people compare by phone."""
    return hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:16]


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    hub = sub.add_parser("hub", parents=[common], help="the district hub: stores' data from their bundles")
    hub_sub = hub.add_subparsers(dest="hub_command", required=True)
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--hub", metavar="URL",
                       help="the hub's database: a SQLAlchemy URL (postgresql+psycopg://user@host/db) or a SQLite "
                            "file (default: hub.sqlite3 in the data folder)")

    init = hub_sub.add_parser("init", parents=[common, where], help="create the district's hub and its key pair")
    init.add_argument("--district", required=True)

    add = hub_sub.add_parser("add-store", parents=[common, where],
                             help="register a store from its registration file and write the hub's trust file")
    add.add_argument("--registration", type=Path, required=True, metavar="FILE",
                     help="the file charity-pos store-key wrote")
    add.add_argument("--out", type=Path, required=True, metavar="TRUST_FILE",
                     help="the trust file to write, for charity-pos trust-hub at the store")

    imp = hub_sub.add_parser("import", parents=[common, where],
                             help="import stores' bundle files; one line per file")
    imp.add_argument("files", type=Path, nargs="+", metavar="FILE")


def run(args: argparse.Namespace) -> int:
    if args.hub_command == "init":
        return _init(args)
    if args.hub_command == "add-store":
        return _add_store(args)
    return _import(args)


def _init(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import shown, to_url
    from charity_pos.hub.service import init_hub, key_path

    info = init_hub(args.hub, args.district)
    print(translate("cli", "Created the district hub of {district} in {url} (key {fingerprint}). Its private key is "
                           "in {key}: back it up and keep it apart from the database.").format(
        district=info.district, url=shown(to_url(args.hub)), fingerprint=fingerprint(info.public_key),
        key=key_path(info.id)))
    return 0


def _add_store(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.service import add_store

    with open_hub(args.hub) as db:
        added = add_store(db, args.registration, args.out)
    key = fingerprint(added.public_key)
    if added.new:
        text = translate("cli", "Registered store {code} ({name}, key {fingerprint}). Give the store its trust file: "
                                "{out}")
    else:
        text = translate("cli", "Store {code} ({name}, key {fingerprint}) was registered before with this key. "
                                "Give the store its trust file: {out}")
    print(text.format(code=added.code, name=added.name, fingerprint=key, out=added.trust_file))
    return 0


def _import(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.importer import ALREADY, APPLIED, import_bundles

    with open_hub(args.hub) as db:
        results = import_bundles(db, args.files, progress=lambda _done, _total, result: print(_line(result),
                                                                                            flush=True))
    refused = sum(1 for r in results if r.status not in (APPLIED, ALREADY))
    return 1 if refused else 0


def _line(result) -> str:  # type: ignore[no-untyped-def]
    from charity_pos.hub.importer import ALREADY, APPLIED

    if result.status == APPLIED:
        text = translate("cli", "applied {count} events of store {code} (#{first}-#{last})").format(
            count=result.events, code=result.store_code, first=result.last_seq - result.events + 1,
            last=result.last_seq)
    elif result.status == ALREADY:
        text = translate("cli", "already imported")
    else:
        text = translate("cli", "refused: ") + describe(result.error)
    return f"{result.path}: {text}"
