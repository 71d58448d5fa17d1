"""Backups on the command line (a contract, as in cli.py):

    charity-pos backup --db PATH [--out DIR]            a checked backup (default: the backup folder in settings)
    charity-pos restore --db PATH --from BACKUP [--force] [--key-file FILE]
    charity-pos backup-key --db PATH --out FILE [--force]   the key file, protected by a passphrase
    charity-pos restore-key --from FILE [--db PATH]     put a protected key file back in this PC's key folder

Errors reach ``charity_pos.cli.main`` as PosError and print one line there.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.i18n import translate

if TYPE_CHECKING:
    from charity_pos.errors import BackupCheckFailed

COMMANDS = ("backup", "restore", "backup-key", "restore-key")
#: kept in step with services.backup.PASSPHRASE_ENV (not imported: --help stays light)
PASSPHRASE_ENV = "CHARITY_POS_KEY_PASSPHRASE"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    backup = sub.add_parser("backup", parents=[common],
                            help="back the store up (SQLite's online backup) and check the copy")
    backup.add_argument("--db", type=Path, required=True)
    backup.add_argument("--out", type=Path, help="folder for the backup (default: the backup folder in settings)")
    backup.add_argument("--key-file", type=Path, help="the store's key file, when it is not in this PC's key folder")
    restore = sub.add_parser("restore", parents=[common], help="put a checked backup in place as the store file")
    restore.add_argument("--db", type=Path, required=True, help="the store file to restore (made or replaced)")
    restore.add_argument("--from", dest="source", type=Path, required=True, metavar="BACKUP")
    restore.add_argument("--force", action="store_true",
                         help="replace an existing store file (it is kept beside it as .replaced-DATE-TIME)")
    restore.add_argument("--key-file", type=Path, help="the store's key file, when it is not in this PC's key folder")
    key = sub.add_parser(
        "backup-key", parents=[common], help="write the store's key file protected by a passphrase",
        description="Write the store's key file (not in any backup) encrypted with a passphrase (scrypt and "
                    "AES-256-GCM). The passphrase is asked twice on the terminal, or read from the environment "
                    f"variable {PASSPHRASE_ENV} when run from a script.")
    key.add_argument("--db", type=Path, required=True)
    key.add_argument("--out", type=Path, required=True, help="the protected file to write (keep it apart from backups)")
    key.add_argument("--force", action="store_true", help="replace a file at --out that charity-pos did not write")
    back = sub.add_parser(
        "restore-key", parents=[common], help="put a key file from backup-key back in this PC's key folder",
        description="Decrypt a file written by backup-key into this PC's key folder. The passphrase is asked on "
                    f"the terminal, or read from the environment variable {PASSPHRASE_ENV}.")
    back.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE")
    back.add_argument("--db", type=Path, help="check that the key belongs to this store file")


def run(args: argparse.Namespace) -> int:
    return {"backup": _backup, "restore": _restore, "backup-key": _backup_key,
            "restore-key": _restore_key}[args.command](args)


def _backup(args: argparse.Namespace) -> int:
    from charity_pos import config
    from charity_pos.errors import BackupCheckFailed
    from charity_pos.services import backup

    settings = config.Settings.load()
    folder = args.out or settings.backups
    try:
        result = backup.make_backup(args.db, folder, keep=backup.Keep.from_settings(settings), key_file=args.key_file)
    except BackupCheckFailed as exc:
        _problem(exc)
        raise
    print(result.path)
    print(translate("cli", "Backup checked: {events} journal events agree; {removed} older backups removed "
                           "by rotation.").format(events=result.events, removed=len(result.removed)))
    if not result.authenticated:
        print(translate("cli", "Note: no key file: the seal was checked for consistency only, its authenticity "
                               "was NOT checked."), file=sys.stderr)
    return 0


def _problem(exc: BackupCheckFailed) -> None:
    from charity_pos.cli import _problem_text
    from charity_pos.ledger.verify import Problem

    problem = exc.facts.get("problem")
    if isinstance(problem, Problem):  # None when the file could not be read that far
        print(translate("cli", "FAILED: ") + _problem_text(problem), file=sys.stderr)


def _restore(args: argparse.Namespace) -> int:
    from charity_pos.errors import BackupCheckFailed
    from charity_pos.services import backup

    try:
        result = backup.restore(args.db, args.source, force=args.force, key_file=args.key_file)
    except BackupCheckFailed as exc:
        _problem(exc)
        raise
    if result.replaced is not None:
        print(translate("cli", "The store file it replaced is kept as {path}.").format(path=result.replaced))
    print(translate("cli", "Store {code} restored to {path} from {backup}: {events} journal events checked.").format(
        code=result.store.code, path=result.path, backup=args.source, events=result.events))
    if not result.authenticated:
        print(translate("cli", "Note: no key file for this store on this PC: put it back with "
                               "“charity-pos restore-key” before using the store."), file=sys.stderr)
    return 0


def _passphrase(twice: bool) -> str:
    from charity_pos.errors import PassphraseRefused
    from charity_pos.services.backup import check_passphrase

    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return check_passphrase(given)
    if not sys.stdin.isatty():
        raise PassphraseRefused(reason="missing", variable=PASSPHRASE_ENV)
    first = getpass.getpass(translate("cli", "Passphrase: "))
    if not twice:
        return check_passphrase(first)
    check_passphrase(first)
    return check_passphrase(first, getpass.getpass(translate("cli", "The passphrase again: ")))


def _backup_key(args: argparse.Namespace) -> int:
    from charity_pos.services import backup

    written = backup.protect_key(args.db, args.out, _passphrase(twice=True), force=args.force)
    print(translate("cli", "The store's key file, protected by your passphrase, was written to {out}. Keep it apart "
                           "from the backups, and the passphrase apart from both.").format(out=written))
    return 0


def _restore_key(args: argparse.Namespace) -> int:
    from charity_pos.services import backup

    written = backup.unprotect_key(args.source, _passphrase(twice=False), db_path=args.db)
    print(translate("cli", "The store's key file is back in {path}.").format(path=written))
    return 0
