"""Receipts anyone can verify, on the command line (a contract, as in cli.py):

    charity-pos verify-receipt --keys FILE [--fingerprint HEX] TEXT_OR_IMAGE
    charity-pos hub verify-receipt [--hub URL] TEXT_OR_IMAGE
    charity-pos hub publish-keys [--hub URL] --out FILE [--force]

TEXT_OR_IMAGE is the text of the receipt's QR code (what a scanner types),
or a PNG, JPEG or PDF of the receipt. The first line printed is the verdict;
the details follow, one a line. Exit codes: 0 genuine, 4 forged, 5 genuine
but voided, 6 genuine but not yet imported, 7 an older receipt without a
signature, 8 (offline) a store the keys file does not list, 1 bad input.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from charity_pos.i18n import translate

COMMANDS = ("verify-receipt",)
HUB_COMMANDS = ("verify-receipt", "publish-keys")
ARGUMENT_HELP = "the text of the receipt's QR code, or a PNG, JPEG or PDF of the receipt"
EXITS = ("exit codes: 0 genuine, 4 forged, 5 genuine but voided, 6 genuine but not yet imported, 7 older receipt "
         "without a signature, 8 store not in the keys file, 1 bad input")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    """The store side's ``verify-receipt`` (no database: the district's keys file)."""
    verify = sub.add_parser("verify-receipt", parents=[common], epilog=EXITS,
                            help="check a donation receipt's signature offline, with the district's keys file")
    verify.add_argument("--keys", type=Path, required=True, metavar="FILE",
                        help="the district's keys file (charity-pos hub publish-keys)")
    verify.add_argument("--fingerprint", metavar="HEX",
                        help="the district's published hub key fingerprint: refuse a keys file signed by another key")
    verify.add_argument("receipt", metavar="TEXT_OR_IMAGE", help=ARGUMENT_HELP)


def add_hub_parsers(hub_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                    common: argparse.ArgumentParser, where: argparse.ArgumentParser) -> None:
    verify = hub_sub.add_parser("verify-receipt", parents=[common, where], epilog=EXITS,
                                help="check a donation receipt against the store's signature and journal at the hub")
    verify.add_argument("receipt", metavar="TEXT_OR_IMAGE", help=ARGUMENT_HELP)
    keys = hub_sub.add_parser("publish-keys", parents=[common, where],
                              help="write the district's stores and their public keys, signed by the hub (JSON)")
    keys.add_argument("--out", type=Path, required=True, metavar="FILE", help="the keys file to write")
    keys.add_argument("--force", action="store_true",
                      help="replace a file at --out that charity-pos did not write (never the hub's own files)")


def _language(args: argparse.Namespace) -> str:
    from charity_pos import config

    return args.lang or config.Settings.load().language


def _print(check: object, args: argparse.Namespace, *, offline: bool) -> None:
    from charity_pos.messages import describe_receipt_check

    headline, details = describe_receipt_check(check, translate, _language(args), offline=offline)
    print(headline)
    for label, value in details:
        print(f"  {label}: {value}")


def run(args: argparse.Namespace) -> int:
    """``charity-pos verify-receipt --keys FILE``: offline, no hub database."""
    from charity_pos.errors import KeysFingerprintWrong
    from charity_pos.security import receipt_sig
    from charity_pos.security.qr_image import qr_text_from

    keys = receipt_sig.read_keys_file(args.keys)
    expected = (args.fingerprint or "").strip().lower().replace(" ", "").replace(":", "")
    if expected and expected != keys.hub_fingerprint:
        raise KeysFingerprintWrong(path=str(args.keys), fingerprint=keys.hub_fingerprint, expected=expected)
    claim = receipt_sig.parse(qr_text_from(args.receipt))
    result = receipt_sig.check_offline(claim, keys)
    _print(result, args, offline=True)
    print(translate("cli", "Keys file of {district}, published {published}, signed by hub key {fingerprint}: compare "
                           "it with the fingerprint the district publishes.").format(
        district=keys.district, published=keys.published_at[:10], fingerprint=keys.hub_fingerprint))
    if claim.version == 2 and claim.issued_on > _published_on(keys.published_at):
        # a key the district replaced after this file was written is not retired in it: say so
        print(translate("cli", "The receipt is dated after this keys file was published: a store key replaced since "
                               "then is not in it. For a receipt that matters, check with the district's latest keys "
                               "file."))
    return result.exit_code


def _published_on(published_at: str) -> date:
    """The day (Shanghai) a keys file was published (its time is UTC); date.min when it does not parse, so
    the note about later receipts is shown rather than left out."""
    from datetime import datetime

    from charity_pos.services.base import local_date

    try:
        moment = datetime.fromisoformat(published_at)
    except ValueError:
        return date.min
    return local_date(moment) if moment.tzinfo is not None else moment.date()


def run_hub(args: argparse.Namespace) -> int:
    if args.hub_command == "publish-keys":
        return _publish_keys(args)
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.receipts import verify_receipt
    from charity_pos.security.qr_image import qr_text_from

    text = qr_text_from(args.receipt)  # before the hub is opened: a bad picture opens nothing
    with open_hub(args.hub) as db:
        check = verify_receipt(db, text)
    _print(check, args, offline=False)
    return check.exit_code


def _publish_keys(args: argparse.Namespace) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.receipts import publish_keys

    with open_hub(args.hub) as db:
        written = publish_keys(db, args.out, force=args.force)
    print(translate("cli", "Wrote the keys of {count} stores of {district} to {out}, signed by hub key {fingerprint}. "
                           "Publish this fingerprint with the file: whoever checks receipts compares it.").format(
        count=written.stores, district=written.district, out=written.path, fingerprint=written.fingerprint))
    return 0
