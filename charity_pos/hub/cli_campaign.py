"""Relief campaigns at the hub on the command line:

    charity-pos hub campaign add [--hub URL] --name NAME --from YYYY-MM-DD --to YYYY-MM-DD
        [--category CODE ...] [--area SUBDISTRICT ...] (--goods BARCODE=QTY | --goods category:CODE=QTY ... | --value YUAN)
        [--counts-allowance] --staff NAME --staff-pin PIN
    charity-pos hub campaign list [--hub URL]
    charity-pos hub campaign show [--hub URL] --campaign NAME_OR_ID
    charity-pos hub campaign progress [--hub URL] --campaign NAME_OR_ID [--xlsx OUT] [--force] [--phones]
"""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from collections.abc import Callable
from typing import Any

from charity_pos.domain.money import format_fen
from charity_pos.errors import CampaignInvalid

COMMAND = "campaign"
#: the command line's translation (``i18n.translate``), handed in: this package needs no Qt
Translate = Callable[[str, str], str]


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser,
                where: argparse.ArgumentParser) -> None:
    campaign = sub.add_parser(COMMAND, parents=[common], help="relief campaigns: one package for every eligible household")
    csub = campaign.add_subparsers(dest="campaign_command", required=True)
    add = csub.add_parser("add", parents=[common, where], help="define a campaign (a district staff account's PIN)")
    add.add_argument("--name", required=True)
    add.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    add.add_argument("--category", action="append", default=[], metavar="CODE",
                     help="a household category it is for (dibao, dibao_edge, tekun, low_income, expense, temporary; "
                          "repeat for more; none: all)")
    add.add_argument("--area", action="append", default=[], metavar="SUBDISTRICT",
                     help="a sub-district it covers (repeat for more; none: the whole district)")
    add.add_argument("--goods", action="append", default=[], metavar="BARCODE=QTY",
                     help="a line of the package: an item's barcode or category:CODE, and how many (repeat)")
    add.add_argument("--value", metavar="YUAN", help="instead of goods: goods chosen at the counter up to this value")
    add.add_argument("--counts-allowance", action="store_true",
                     help="count the package against the monthly allowance (by default it does not)")
    add.add_argument("--staff", required=True, metavar="NAME", help="a district staff account")
    add.add_argument("--staff-pin", required=True, metavar="PIN", help="that account's PIN")
    csub.add_parser("list", parents=[common, where], help="the district's campaigns")
    show = csub.add_parser("show", parents=[common, where], help="one campaign")
    show.add_argument("--campaign", required=True, metavar="NAME_OR_ID")
    progress = csub.add_parser("progress", parents=[common, where],
                               help="collected / eligible by store, who has not collected, who collected twice")
    progress.add_argument("--campaign", required=True, metavar="NAME_OR_ID")
    progress.add_argument("--xlsx", type=Path, metavar="OUT", help="also write it as an Excel workbook")
    progress.add_argument("--force", action="store_true", help="replace a file at --xlsx charity-pos did not write")
    progress.add_argument("--phones", action="store_true",
                          help="show the whole phone numbers of the households not collected (masked without it)")


def _day(field: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CampaignInvalid(field=field, value=text) from None


def _fen(text: str) -> int:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise CampaignInvalid(field="value", value=text) from None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise CampaignInvalid(field="value", value=text)
    return int(value * 100)


def run(args: argparse.Namespace, translate: Translate) -> int:
    from charity_pos.hub import campaigns as hc
    from charity_pos.hub.engine import open_hub

    command = args.campaign_command
    with open_hub(args.hub) as db:
        if command == "add":
            from charity_pos.domain import campaign as rules

            goods: list[dict[str, Any]] = []
            try:
                for text in args.goods:
                    goods += rules.parse_package_text(text)
            except rules.CampaignRuleError as exc:
                raise CampaignInvalid(field=exc.field, value=str(exc.value)) from None
            draft = hc.CampaignDraft(args.name, _day("dates", args.start), _day("dates", args.end),
                                     tuple(args.category), tuple(args.area), tuple(goods),
                                     _fen(args.value) if args.value is not None else None, args.counts_allowance)
            info = hc.add_campaign(db, draft, args.staff, args.staff_pin)
            print(translate("cli", "Campaign “{name}” ({id}) defined: {start} to {end}. The next downstream "
                                   "bundles carry it to the stores it covers.").format(
                name=info.name, id=str(info.id)[:8], start=info.starts_on, end=info.ends_on))
            return 0
        if command == "list":
            for info in hc.campaigns(db):
                print(f"{str(info.id)[:8]}  {info.name}  {info.starts_on} – {info.ends_on}  {_package(info, translate)}")
            return 0
        if command == "show":
            info = hc.campaign(db, args.campaign)
            print(f"{info.name} ({info.id})")
            print(translate("cli", "Dates: {start} to {end}").format(start=info.starts_on, end=info.ends_on))
            print(translate("cli", "Household categories: {value}").format(
                value=", ".join(info.categories) or translate("cli", "all")))
            print(translate("cli", "Sub-districts: {value}").format(
                value=", ".join(info.areas) or translate("cli", "the whole district")))
            print(translate("cli", "Package: {value}").format(value=_package(info, translate)))
            print(translate("cli", "Counts against the monthly allowance: {value}").format(
                value=translate("cli", "yes") if info.counts_allowance else translate("cli", "no")))
            return 0
        p = hc.progress(db, args.campaign)
        district = hc.district_name(db)
        if args.xlsx is not None:
            from charity_pos import export
            from charity_pos.hub.service import protected

            protect = protected(db)
            export.check_out(args.xlsx, protect, force=args.force)
            export.write_report(hc.progress_report(p, district), args.xlsx, protect=protect, force=args.force)
    print(translate("cli", "{name}: {collected} of {eligible} households collected, {value} handed out.").format(
        name=p.campaign.name, collected=p.collected, eligible=p.eligible, value=format_fen(p.value_fen)))
    for row in p.stores:
        print(f"  {row.code}  {row.collected}/{row.eligible}  {format_fen(row.value_fen)}")
    if p.twice:
        print(translate("cli", "Collected more than once (stores offline from each other), to follow up:"))
        for t in p.twice:
            print(f"  {t.card_number} {t.name_masked}: " + "; ".join(f"{c} {n}" for c, n, _a in t.collections))
    print(translate("cli", "Not collected yet: {count}").format(count=len(p.waiting)))
    for w in p.waiting:
        phone = w.phone if args.phones else w.phone_masked
        shown = f"  {w.card_number} {w.name_masked} {w.subdistrict} {'/'.join(w.stores)}"
        print(f"{shown} {phone}" if phone else shown)
    if args.xlsx is not None:
        print(translate("cli", "Written to {out}.").format(out=args.xlsx))
    return 0


def _package(info: Any, translate: Translate) -> str:
    if info.value_fen is not None:
        return translate("cli", "goods worth up to {value}").format(value=format_fen(info.value_fen))
    return ", ".join(f"{line.barcode or 'category:' + line.goods_category}×{line.quantity}" for line in info.package)


def print_collected_twice(db: Any, store_codes: set[str], translate: Translate) -> None:
    """After an import: each household that collected a campaign at two stores (offline from each other), one
    of them a store whose bundle came in, flagged for district staff (as over the allowance is)."""
    from charity_pos.hub.campaigns import collected_twice

    for name, twice in collected_twice(db, store_codes):
        print(translate("cli", "flagged: card {card} collected “{name}” more than once: {where}").format(
            card=twice.card_number, name=name, where="; ".join(f"{code} {number}" for code, number, _at
                                                               in twice.collections)))
