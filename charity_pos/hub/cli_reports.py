"""The district's reports and public notice on the command line (a
contract, as in cli.py):

    charity-pos hub report KIND [--hub URL] --from YYYY-MM --to YYYY-MM --out FILE [--force]
    charity-pos hub notice [--hub URL] --month YYYY-MM --out DIR [--force]

KIND: stores, donations, sales, handouts, funds, writeoffs. FILE ends in
.xlsx, .pdf or .csv. Outputs never go over the hub's own files (its
database, its key). Errors reach ``charity_pos.cli.main`` as PosError and
print one line there.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from collections.abc import Callable
from typing import TYPE_CHECKING

from charity_pos import config

if TYPE_CHECKING:
    from charity_pos.files import Protected
    from charity_pos.hub.engine import HubDatabase

# the command line's translator (``charity_pos.i18n.translate``), handed in by ``hub.cli``: this module
# stays free of the translation loader, which may use Qt
Translate = Callable[[str, str], str]

COMMANDS = ("report", "notice")
FORCE_HELP = "replace a file at --out that charity-pos did not write (never the hub's own files)"


def add_parsers(hub_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser, where: argparse.ArgumentParser) -> None:
    from charity_pos.lazy_help import one_of

    def kinds() -> tuple[str, ...]:
        from charity_pos.hub.reports import kinds

        return kinds()

    report = hub_sub.add_parser("report", parents=[common, where],
                                help="a district report across stores as .xlsx, .pdf or .csv")
    # a help made when printed: argparse asks it only for strip() and %; the stub wants a str
    report.add_argument("kind", metavar="KIND", help=one_of(kinds))  # type: ignore[arg-type]
    report.add_argument("--from", dest="start", required=True, metavar="YYYY-MM", help="the first month")
    report.add_argument("--to", dest="end", required=True, metavar="YYYY-MM", help="the last month")
    report.add_argument("--out", type=Path, required=True, metavar="FILE", help="file to write: .xlsx, .pdf or .csv")
    report.add_argument("--force", action="store_true", help=FORCE_HELP)

    notice = hub_sub.add_parser("notice", parents=[common, where],
                                help="the district's public notice (公示) of a month: A4 PDF and a static web site")
    notice.add_argument("--month", required=True, metavar="YYYY-MM")
    notice.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write into (made if missing)")
    notice.add_argument("--force", action="store_true", help=FORCE_HELP)


def run(args: argparse.Namespace, translate: Translate) -> int:
    return _report(args, translate) if args.hub_command == "report" else _notice(args, translate)


def _protected(db: HubDatabase) -> Protected:
    from sqlalchemy import select

    from charity_pos.hub.models import Hub
    from charity_pos.hub.service import protected

    with db.read() as s:
        hub_id = s.scalar(select(Hub.id))
    return protected(db, hub_id)


def _report(args: argparse.Namespace, translate: Translate) -> int:
    from charity_pos import export
    from charity_pos.errors import UnknownReport
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.figures import parse_months
    from charity_pos.hub.reports import build, kinds

    if args.kind not in kinds():
        raise UnknownReport(kind=args.kind, kinds=list(kinds()))
    months = parse_months(args.start, args.end)
    export.check_suffix(args.out)
    with open_hub(args.hub) as db:
        protect = _protected(db)
        export.check_out(args.out, protect, force=args.force)
        report = build(db, args.kind, months)
        export.write_report(report, args.out, protect=protect, force=args.force)
    print(translate("cli", "{title}, {start} to {end}: written to {out}.").format(
        title=report.title.text(args.lang or config.Settings.load().language), start=months[0].label, end=months[-1].label, out=args.out))
    return 0


def _notice(args: argparse.Namespace, translate: Translate) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.notice import check_month, write_district_notice

    start, end = check_month(args.month)
    with open_hub(args.hub) as db:
        written = write_district_notice(db, start, end, args.out, _protected(db), force=args.force)
    print(translate("cli", "The district's public notice of {month} written to {folder}: {pdf} and {pages} web "
                           "pages.").format(month=args.month.strip(), folder=args.out, pdf=written.pdf.name,
                                            pages=len(written.pages)))
    return 0
