"""The ledgers, reports, donated cash and the public notice on the command
line (a contract, as in cli.py):

    charity-pos report KIND --db PATH --from DATE --to DATE --out FILE
                       [--category CODE] [--origin donated|purchased|consigned] [--force]
    charity-pos funds use --db PATH --date YYYY-MM-DD --amount 300.00
                       --kind relief_goods|cash_aid|activities|other --purpose TEXT [--voucher V]
    charity-pos notice --db PATH --month YYYY-MM --out DIR [--force]

FILE ends in .xlsx, .pdf or .csv. The command line is the store's own and
trusted: it acts as no logged-in user (actor None). Errors reach
``charity_pos.cli.main`` as PosError and print one line there.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from charity_pos import config, files
from charity_pos.i18n import translate

COMMANDS = ("report", "funds", "notice")
FORCE_HELP = "replace a file at --out that charity-pos did not write (never the store's own files)"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    from charity_pos.lazy_help import one_of

    def kinds() -> tuple[str, ...]:
        from charity_pos.services.reports import ReportService

        return ReportService.kinds()

    report = sub.add_parser("report", parents=[common], help="a ledger or report as .xlsx, .pdf or .csv")
    # a help made when printed: argparse asks it only for strip() and %; the stub wants a str
    report.add_argument("kind", metavar="KIND", help=one_of(kinds))  # type: ignore[arg-type]
    report.add_argument("--db", type=Path, required=True)
    report.add_argument("--from", dest="start", required=True, metavar="DATE", help="first day, YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, metavar="DATE", help="last day, YYYY-MM-DD")
    report.add_argument("--out", type=Path, required=True, help="file to write: .xlsx, .pdf or .csv")
    report.add_argument("--category", metavar="CODE", help="only goods of this category (its code, e.g. clothing)")
    report.add_argument("--origin", metavar="ORIGIN", help="only goods that were donated, purchased or consigned")
    report.add_argument("--force", action="store_true", help=FORCE_HELP)

    funds = sub.add_parser("funds", parents=[common], help="donated cash and its uses (善款)")
    funds_sub = funds.add_subparsers(dest="funds_command", required=True)
    use = funds_sub.add_parser("use", parents=[common], help="record a use of donated cash")
    use.add_argument("--db", type=Path, required=True)
    use.add_argument("--date", required=True, help="the day it was used, YYYY-MM-DD")
    use.add_argument("--amount", required=True, help="in yuan, e.g. 300.00")
    use.add_argument("--kind", required=True, metavar="KIND", help="relief_goods, cash_aid, activities or other")
    use.add_argument("--purpose", required=True, help="what it paid for")
    use.add_argument("--voucher", default="", help="the invoice or voucher number that backs it")

    notice = sub.add_parser("notice", parents=[common], help="the month's public notice (公示) as PDF and web page")
    notice.add_argument("--db", type=Path, required=True)
    notice.add_argument("--month", required=True, help="YYYY-MM")
    notice.add_argument("--out", type=Path, required=True, help="folder to write into (made if missing)")
    notice.add_argument("--force", action="store_true", help=FORCE_HELP)


def run(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "report": _report, "funds": _funds_use, "notice": _notice}
    return handlers[args.command](args)


def _language(args: argparse.Namespace) -> str:
    return args.lang or config.Settings.load().language


def _report(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos import export
    from charity_pos.errors import UnknownReport
    from charity_pos.reports.period import check_range, parse_day
    from charity_pos.reports.table import Filters
    from charity_pos.services.registry import Services
    from charity_pos.services.reports import ReportService

    kinds = ReportService.kinds()
    if args.kind not in kinds:
        raise UnknownReport(kind=args.kind, kinds=list(kinds))
    start, end = parse_day(args.start, field="from"), parse_day(args.end, field="to")
    check_range(start, end)
    services = Services.open(args.db)
    try:
        protect = files.store_files(services.db.path, services.store().id)
        export.check_out(args.out, protect, force=args.force)
        report = services.reports.run(COMMAND_LINE, args.kind, Filters(start, end, args.category, args.origin), "zh_CN")
        export.write_report(report, args.out, protect=protect, force=args.force)
    finally:
        services.close()
    rows = sum(len(section.rows) for section in report.sections)
    print(translate("cli", "{title}, {start} to {end}: {rows} rows written to {out}.").format(
        title=report.title.text(_language(args)), start=start.isoformat(), end=end.isoformat(), rows=rows,
        out=args.out))
    return 0


def _funds_use(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.domain.money import format_fen, parse_yuan
    from charity_pos.reports.period import parse_day
    from charity_pos.services.funds import balance
    from charity_pos.services.registry import Services

    used_on = parse_day(args.date, field="used_on")
    amount = parse_yuan(args.amount, field="amount")
    services = Services.open(args.db)
    try:
        changes = services.funds.record_use(COMMAND_LINE, used_on=used_on, amount_fen=amount, kind=args.kind,
                                            purpose=args.purpose, voucher=args.voucher)
        with services.db.read() as s:
            left = balance(s).left_fen
    finally:
        services.close()
    print(translate("cli", "Use {number} of donated cash recorded: {amount} on {day}; {left} of donated cash left.")
          .format(number=changes.number, amount=format_fen(amount), day=used_on.isoformat(), left=format_fen(left)))
    return 0


def _notice(args: argparse.Namespace) -> int:
    from charity_pos.errors import MonthToCome
    from charity_pos.export.notice_files import check_folder, write_notice
    from charity_pos.reports import notice
    from charity_pos.reports.period import parse_month
    from charity_pos.services.base import local_date
    from charity_pos.services.registry import Services

    start, end = parse_month(args.month)
    services = Services.open(args.db)
    try:
        if start > local_date(services.ctx.now()):
            raise MonthToCome(month=args.month.strip())
        protect = files.store_files(services.db.path, services.store().id)
        check_folder(args.out, protect)
        with services.db.read() as s:
            content = notice.build(s, start, end)
        pdf, html = write_notice(content, args.out, protect, force=args.force)
    finally:
        services.close()
    print(translate("cli", "Public notice of {month} written to {pdf} and {html}.").format(
        month=content.month, pdf=pdf, html=html))
    return 0
