"""``charity-pos rebuild --db NEW_PATH --from FILE [--key KEYFILE]`` on the
command line: a store file made again from the journal the district hub
exported (``hub export-store``). Errors reach ``charity_pos.cli.main`` as
PosError and print one line there."""

from __future__ import annotations

import argparse
from pathlib import Path

from charity_pos.i18n import translate

COMMANDS = ("rebuild",)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    rebuild = sub.add_parser("rebuild", parents=[common],
                             help="make a store file again from the journal the district hub exported")
    rebuild.add_argument("--db", type=Path, required=True, metavar="NEW_PATH", help="the new store file (must not exist)")
    rebuild.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE",
                         help="the file charity-pos hub export-store wrote")
    rebuild.add_argument("--key", type=Path, metavar="KEYFILE",
                         help="the store's old key file, if it was saved (without it: a new key pair)")
    rebuild.add_argument("--trust", type=Path, metavar="TRUST_FILE",
                         help="the hub's trust file, when the store's journal names no hub it trusted")
    rebuild.add_argument("--manager", default="manager", metavar="NAME",
                         help="the manager account that gets the PIN (default: manager)")
    rebuild.add_argument("--manager-pin", required=True, metavar="PIN",
                         help="the new PIN of that account; other accounts get theirs from a manager")


def lost_after(last_seq: int, last_at: object) -> str:
    """The sentence saying what was lost: shown at the end of ``rebuild`` and by ``show store``."""
    from datetime import datetime

    from charity_pos.services.base import STORE_TZ

    when = last_at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M:%S") if isinstance(last_at, datetime) else last_at
    return translate("cli", "Rebuilt from the district's journal: what happened after event #{seq} ({at}) was never "
                            "exported and is lost, from event #{next} on.").format(seq=last_seq, at=when,
                                                                                 next=last_seq + 1)


def run(args: argparse.Namespace) -> int:
    from charity_pos import files
    from charity_pos.sync.rebuild import fingerprint, rebuild

    files.check_new_database(args.db)
    done = rebuild(args.db, args.source, manager_pin=args.manager_pin, manager=args.manager, key_file=args.key,
                   trust_file=args.trust)
    print(translate("cli", "Rebuilt store {code} in {path} from {events} events of the hub of {district}.").format(
        code=done.store_code, path=done.path, events=done.events, district=done.hub_district))
    if done.key == "new":
        print(translate("cli", "The store has a new key pair ({fingerprint}, key file {key}). Write its registration "
                               "file with charity-pos store-key; the district registers the new key with charity-pos "
                               "hub add-store and a district staff account's PIN (--staff, --staff-pin), then load "
                               "the trust file with charity-pos trust-hub.").format(
            fingerprint=fingerprint(done.public_key), key=done.key_path))
    else:
        print(translate("cli", "The store keeps its key ({fingerprint}, key file {key}).").format(
            fingerprint=fingerprint(done.public_key), key=done.key_path))
    print(translate("cli", "Log in as “{manager}” with the PIN you gave; the other accounts need a new PIN from a "
                           "manager.").format(manager=done.manager))
    print(translate("cli", "Households' names and ID numbers, donors' names and staff names are not in the journal: "
                           "households come back with the next downstream bundle from the district "
                           "(charity-pos import-bundle)."))
    print(lost_after(done.last_seq, done.last_at))
    return 0
