"""The store's sync commands on the command line (a contract, as in cli.py):

    charity-pos store-key --db PATH --out FILE
    charity-pos trust-hub --db PATH TRUST_FILE
    charity-pos export-bundle --db PATH --out DIR [--from-seq N] [--max-events N]
    charity-pos import-bundle --db PATH FILE

Errors reach ``charity_pos.cli.main`` as PosError and print one line there.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.i18n import translate

if TYPE_CHECKING:
    from charity_pos.sync.store_side import StoreSync

COMMANDS = ("store-key", "trust-hub", "export-bundle", "import-bundle")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    store_key = sub.add_parser("store-key", parents=[common],
                               help="write the store's registration file for the district hub")
    store_key.add_argument("--db", type=Path, required=True)
    store_key.add_argument("--out", type=Path, required=True, help="registration file to write (JSON)")
    store_key.add_argument("--force", action="store_true",
                           help="replace a file at --out that charity-pos did not write (never the store's own files)")

    trust = sub.add_parser("trust-hub", parents=[common], help="trust the district hub whose trust file this is")
    trust.add_argument("--db", type=Path, required=True)
    trust.add_argument("trust_file", type=Path, metavar="TRUST_FILE",
                       help="the file charity-pos hub add-store wrote for this store")

    export = sub.add_parser("export-bundle", parents=[common],
                            help="write the journal's events since the last export to one signed bundle file")
    export.add_argument("--db", type=Path, required=True)
    export.add_argument("--out", type=Path, required=True, help="folder to write the bundle into")
    export.add_argument("--from-seq", type=int, metavar="N",
                        help="export again from journal event N (for a hub that lost data)")
    export.add_argument("--max-events", type=int, metavar="N", default=None,
                        help="at most N events a bundle (default 50,000): a longer export is split into "
                             "consecutive bundles, imported in order")
    export.add_argument("--force", action="store_true",
                        help="replace a file of the bundle's name that is not a bundle charity-pos wrote")

    imp = sub.add_parser("import-bundle", parents=[common],
                         help="apply a bundle the district hub made for this store (households, rules, use elsewhere)")
    imp.add_argument("--db", type=Path, required=True)
    imp.add_argument("bundle", type=Path, metavar="FILE", help="the hub's downstream bundle file")


@contextmanager
def _sync(path: Path) -> Iterator[StoreSync]:
    from charity_pos.services.store_file import open_store
    from charity_pos.services.base import ServiceContext
    from charity_pos.sync.store_side import StoreSync

    db = open_store(path)
    try:
        yield StoreSync(ServiceContext(db))
    finally:
        db.close()


def run(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "store-key": _store_key, "trust-hub": _trust_hub, "export-bundle": _export_bundle,
        "import-bundle": _import_bundle}
    return handlers[args.command](args)


def _store_key(args: argparse.Namespace) -> int:
    with _sync(args.db) as sync:
        path = sync.write_registration(args.out, force=args.force)
    print(path)
    return 0


def _trust_hub(args: argparse.Namespace) -> int:
    with _sync(args.db) as sync:
        result = sync.trust_hub(args.trust_file)
    if result.changed:
        print(translate("cli", "This store now trusts the hub of {district} ({hub_id}, key {fingerprint}); "
                               "journal event #{seq}.").format(
            district=result.district, hub_id=result.hub_id, fingerprint=result.fingerprint[:16], seq=result.event_seq))
    else:
        print(translate("cli", "This store already trusts the hub of {district} ({hub_id}, key {fingerprint}); "
                               "nothing changed.").format(
            district=result.district, hub_id=result.hub_id, fingerprint=result.fingerprint[:16]))
    return 0


def _export_bundle(args: argparse.Namespace) -> int:
    from charity_pos.sync.store_side import MAX_EVENTS

    max_events = MAX_EVENTS if args.max_events is None else args.max_events
    with _sync(args.db) as sync:
        result = sync.export(args.out, args.from_seq, force=args.force, max_events=max_events)
    if result.path is None:
        print(translate("cli", "Nothing new to export: journal events up to #{seq} were exported already.").format(
            seq=result.last_seq))
    else:
        for path in result.paths:  # one a line, in the order the hub imports them
            print(path)
    return 0


def _import_bundle(args: argparse.Namespace) -> int:
    from charity_pos.services.base import local_date
    from charity_pos.sync.downstream import apply_downstream

    with _sync(args.db) as sync:
        result = apply_downstream(sync.ctx, args.bundle)
    if result.events_at is None:
        held = translate("cli", "the district holds none of this store's data yet")
    else:
        held = translate("cli", "the district has your data up to {date}").format(
            date=local_date(result.events_at).isoformat())
    print(translate("cli", "Applied district bundle #{sequence}: {added} households added, {updated} updated, "
                           "{rules} quota rules, {use} rows of use in other stores; {held}.").format(
        sequence=result.sequence, added=result.added, updated=result.updated, rules=result.rules,
        use=result.use_rows, held=held))
    return 0
