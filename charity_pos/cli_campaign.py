"""Relief campaigns at the store on the command line (a contract, as in cli.py):

    charity-pos campaign list --db PATH                                  the district's campaigns this store was sent
    charity-pos campaign collect --db PATH --campaign NAME --card CARD --user NAME --pin PIN [--item BARCODE=QTY ...]

``collect`` hands the campaign's package to the card's household as the
account given (a cashier or a manager, its PIN checked), exactly as the
campaign screen does; ``--item`` names the goods chosen for a value package.
Errors reach ``charity_pos.cli.main`` as PosError and print one line there.
"""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path

from charity_pos.domain.money import format_fen
from charity_pos.i18n import translate

COMMANDS = ("campaign",)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser) -> None:
    campaign = sub.add_parser("campaign", parents=[common], help="the district's relief campaigns at this store")
    csub = campaign.add_subparsers(dest="campaign_command", required=True)
    listed = csub.add_parser("list", parents=[common], help="the campaigns, with who has collected")
    listed.add_argument("--db", type=Path, required=True)
    collect = csub.add_parser("collect", parents=[common], help="hand a campaign's package to a household")
    collect.add_argument("--db", type=Path, required=True)
    collect.add_argument("--campaign", required=True, metavar="NAME")
    collect.add_argument("--card", required=True, help="the household's relief card number")
    collect.add_argument("--user", required=True, metavar="NAME", help="the account handing out")
    collect.add_argument("--pin", required=True)
    collect.add_argument("--item", action="append", default=[], metavar="BARCODE=QTY",
                         help="for a value package: an item chosen and how many (repeat)")


def run(args: argparse.Namespace) -> int:
    from charity_pos.errors import CampaignNotFound
    from charity_pos.services.campaigns import CampaignService, CollectDraft
    from charity_pos.services.registry import Services

    services = Services.open(args.db)
    try:
        campaigns = CampaignService(services.ctx, services.accounts)
        if args.campaign_command == "list":
            states = {"open": translate("cli", "running now"), "not_started": translate("cli", "not started"),
                      "ended": translate("cli", "ended")}
            for row in campaigns.campaigns():
                print(translate("cli", "{name}  {start} to {end}  {state}: {here} of {eligible} collected here, "
                                       "{elsewhere} elsewhere").format(
                    name=row.name, start=row.starts_on, end=row.ends_on, state=states[row.state], here=row.collected_here,
                    eligible=row.eligible, elsewhere=row.collected_elsewhere))
            return 0
        wanted = args.campaign.strip()
        found = [row for row in campaigns.campaigns() if row.name == wanted or str(row.id).startswith(wanted.lower())]
        if len(found) != 1:
            raise CampaignNotFound(key=wanted)
        actor = services.accounts.login(args.user, args.pin)
        lines = []
        for text in args.item:
            code, _sep, qty = text.partition("=")
            goods = services.handouts.scan(code)
            lines.append((goods.item_id, int(qty) if qty.strip().isdigit() else 1))
        done = campaigns.collect(actor, CollectDraft(uuid.uuid4(), found[0].id, args.card, tuple(lines)))
        handout = services.handouts.handouts(limit=1)[0]
        print(translate("cli", "{number}: the package of “{name}” handed out to card {card} ({value}).").format(
            number=done.number, name=found[0].name, card=args.card.strip().upper(),
            value=format_fen(handout.total_value_fen)))
        return 0
    finally:
        services.close()
