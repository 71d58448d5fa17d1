"""Reconciling phone payments on the command line (a contract, as in cli.py):

    charity-pos bill import --db PATH FILE           a WeChat Pay or Alipay merchant bill (CSV)
    charity-pos bill show --db PATH --date YYYY-MM-DD [--json]

The command line is the store's own and trusted: it acts as no logged-in
user (actor None). Errors reach ``charity_pos.cli.main`` as PosError and
print one line there.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.i18n import translate

if TYPE_CHECKING:
    from charity_pos.services.merchant_bill import MerchantBillService
    from charity_pos.services.registry import Services

COMMANDS = ("bill",)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    bill = sub.add_parser("bill", parents=[common], help="WeChat Pay's and Alipay's merchant bills (对账)")
    bill_sub = bill.add_subparsers(dest="bill_command", required=True)
    imported = bill_sub.add_parser("import", parents=[common], help="import a merchant bill as downloaded (CSV)")
    imported.add_argument("--db", type=Path, required=True)
    imported.add_argument("file", type=Path, metavar="FILE", help="WeChat Pay's 交易账单 or Alipay's 业务明细 .csv")
    show = bill_sub.add_parser("show", parents=[common], help="a day's phone payments against the bill")
    show.add_argument("--db", type=Path, required=True)
    show.add_argument("--date", required=True, help="the day, YYYY-MM-DD")
    show.add_argument("--json", action="store_true", help="as JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    return _import(args) if args.bill_command == "import" else _show(args)


def _services(path: Path) -> tuple[Services, MerchantBillService]:
    from charity_pos.services.merchant_bill import MerchantBillService
    from charity_pos.services.registry import Services

    services = Services.open(path)
    return services, MerchantBillService(services.ctx, services.accounts)


def method_names() -> dict[str, str]:
    return {"wechat": translate("cli", "WeChat Pay"), "alipay": translate("cli", "Alipay")}


def _import(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE

    services, bills = _services(args.db)
    try:
        result = bills.import_file(COMMAND_LINE, args.file)
    finally:
        services.close()
    days = ", ".join(d.isoformat() for d in result.days)
    print(translate("cli", "{method} bill {file} ({days}): {added} lines imported, {already} already there.").format(
        method=method_names()[result.method], file=args.file, days=days, added=result.added,
        already=result.already))
    return 0


def _show(args: argparse.Namespace) -> int:
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.domain.money import format_fen
    from charity_pos.reports.period import parse_day

    day = parse_day(args.date, field="date")
    services, bills = _services(args.db)
    try:
        seen = bills.reconcile(COMMAND_LINE, day)
    finally:
        services.close()
    names = method_names()
    if args.json:
        print(json.dumps({
            "date": day.isoformat(), "bill_fen": seen.bill_fen, "counter_fen": seen.counter_fen,
            "matched": [{"sale": m.payment.sale_number, "kind": m.bill.kind, "method": m.payment.method,
                         "amount_fen": m.bill.amount_fen,
                         "sale_at": m.payment.at.isoformat(), "bill_at": m.bill.at.isoformat(),
                         "transaction": m.bill.transaction_no, "reference": m.payment.reference, "how": m.how}
                        for m in seen.matched],
            "bill_only": [{"method": b.method, "kind": b.kind, "amount_fen": b.amount_fen, "at": b.at.isoformat(),
                           "transaction": b.transaction_no, "order": b.merchant_order_no, "code": b.code_mask}
                          for b in seen.bill_only],
            "sales_only": [{"sale": p.sale_number, "kind": p.kind, "method": p.method, "amount_fen": p.amount_fen,
                            "at": p.at.isoformat(), "reference": p.reference} for p in seen.counter_only],
        }, ensure_ascii=False, indent=2))
        return 0
    print(translate("cli", "{day}: the bill shows {bill}, the counter took {counter} by phone.").format(
        day=day.isoformat(), bill=format_fen(seen.bill_fen), counter=format_fen(seen.counter_fen)))
    kinds = {"refund": translate("cli", "refund"), "payment": translate("cli", "payment")}

    def line(*cells: str) -> None:
        print("  " + "  ".join(cell for cell in cells if cell))

    print(translate("cli", "Matched ({count}):").format(count=len(seen.matched)))
    for m in seen.matched:
        line(m.payment.sale_number, names[m.payment.method], kinds[m.bill.kind], format_fen(m.bill.amount_fen),
             f"{m.payment.at:%H:%M}", f"{m.bill.at:%H:%M}", m.bill.transaction_no)
    print(translate("cli", "On the bill, no sale ({count}):").format(count=len(seen.bill_only)))
    for b in seen.bill_only:
        line(names[b.method], kinds[b.kind], format_fen(b.amount_fen), f"{b.at:%H:%M}", b.transaction_no, b.code_mask)
    print(translate("cli", "Sales and returns not on the bill ({count}):").format(count=len(seen.counter_only)))
    for p in seen.counter_only:
        line(p.sale_number, names[p.method], kinds[p.kind], format_fen(p.amount_fen), f"{p.at:%H:%M}", p.reference)
    return 0
