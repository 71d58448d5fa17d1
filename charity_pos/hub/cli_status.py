"""Who has reported, and who went past their allowance, on the command line:

    charity-pos hub reporting [--hub URL] [--from YYYY-MM --to YYYY-MM] [--json]
    charity-pos hub over-allowance [--hub URL]

``hub reporting`` (``charity_pos.hub.reporting``): a table of stores x
months (✓ on time, ! late, ✗ missing, · not yet due, – not expected),
silent stores first with the days since their last bundle, and the
reporting rate and on-time rate per month under it.
``hub over-allowance`` (``charity_pos.hub.downstream.check_allowance``):
one line a household and period, categories as words (低保, never
``dibao``), or why the hub cannot judge yet.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from charity_pos.hub.allowance_words import Translate, allowance_caveats, cannot_judge

if TYPE_CHECKING:
    from charity_pos.hub.downstream import AllowanceCheck

SYMBOLS = {"on_time": "✓", "late": "!", "missing": "✗", "not_due": "·", "not_expected": "–"}


def now() -> datetime:
    return datetime.now(UTC)


def add_parsers(hub_sub: argparse._SubParsersAction[argparse.ArgumentParser],
                common: argparse.ArgumentParser, where: argparse.ArgumentParser) -> None:
    status = hub_sub.add_parser("reporting", parents=[common, where],
                                help="which stores have reported, month by month: on time, late, missing")
    status.add_argument("--from", dest="start", metavar="YYYY-MM", help="the first month (default: 11 months ago)")
    status.add_argument("--to", dest="end", metavar="YYYY-MM", help="the last month (default: this month)")
    status.add_argument("--json", action="store_true", help="print the matrix as JSON")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


def _iso(at: datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def as_json(status: Any) -> dict[str, Any]:
    return {
        "months": list(status.months),
        "now": _iso(status.now),
        "stores": [{
            "code": line.code, "name": line.name, "last_bundle_at": _iso(line.last_bundle_at),
            "days_silent": line.days_silent, "silent": line.silent,
            "cells": [{"month": month, "state": c.state, "events": c.events, "last_event_at": _iso(c.last_event_at),
                       "reached_at": _iso(c.reached_at), "bundles": c.bundles}
                      for month, c in zip(status.months, line.cells, strict=True)],
        } for line in status.stores],
        "rates": [{"month": r.month, "expected": r.expected, "on_time": r.on_time, "late": r.late,
                   "missing": r.missing, "due": r.due, "rate": r.rate, "on_time_rate": r.on_time_rate}
                  for r in status.rates],
    }


def run(args: argparse.Namespace, translate: Translate) -> int:
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.reporting import month_range, reporting_status

    month_range(args.start, args.end, now())  # a bad month is refused before the hub is opened
    with open_hub(args.hub) as db:
        status = reporting_status(db, args.start, args.end, clock=now)
    if args.json:
        print(json.dumps(as_json(status), ensure_ascii=False, indent=2))
        return 0
    _print(status, translate)
    return 0


def _print(status: Any, translate: Translate) -> None:
    store_head = translate("cli", "Store")
    silent_head = translate("cli", "Days silent")
    codes = [line.code for line in status.stores]
    first = max([_width(store_head), *(len(c) for c in codes)])
    second = max(_width(silent_head), 5)
    cells = max(7, *(len(m) for m in status.months))
    print(" ".join([_pad(store_head, first), _pad(silent_head, second), *(m.rjust(cells) for m in status.months)]))
    never = translate("cli", "never")
    for line in status.stores:
        days = never if line.days_silent is None else str(line.days_silent)
        if line.silent:
            days += " *"
        marks = [SYMBOLS[c.state].rjust(cells) for c in line.cells]
        print(" ".join([_pad(line.code, first), _pad(days, second), *marks]))
    if not status.stores:
        print(translate("cli", "No store is registered at this hub yet."))
    label_width = first + second + 1
    rate_label, on_time_label = translate("cli", "Reporting rate"), translate("cli", "On time")
    expected_label = translate("cli", "Stores expected")
    print(" ".join([_pad(expected_label, label_width), *(str(r.expected).rjust(cells) for r in status.rates)]))
    print(" ".join([_pad(rate_label, label_width),
                    *((_percent(r.rate) if r.due else "·").rjust(cells) for r in status.rates)]))
    print(" ".join([_pad(on_time_label, label_width),
                    *((_percent(r.on_time_rate) if r.due else "·").rjust(cells) for r in status.rates)]))
    print(translate("cli", "✓ on time  ! late  ✗ missing  · not yet due  – not expected (registered later); "
                           "* silent for more than 7 days. Events of a month are due at the hub by the end of the "
                           "5th of the next month (Shanghai time)."))


# --- households past their allowance across stores -----------------------------------------------
def over_allowance(args: argparse.Namespace, translate: Translate) -> int:
    from charity_pos import config
    from charity_pos.domain.money import format_fen
    from charity_pos.hub import downstream
    from charity_pos.hub.engine import open_hub
    from charity_pos.reports.words import HOUSEHOLD_CATEGORIES, label

    language = args.lang or config.Settings.load().language
    with open_hub(args.hub) as db:
        check = downstream.check_allowance(db)
    for line in allowance_lines(check, language, format_fen, lambda code: label(HOUSEHOLD_CATEGORIES, code, language),
                                translate):
        print(line)
    return 0


def allowance_lines(check: AllowanceCheck, language: str, money: Callable[[int], str], category: Callable[[str], str],
                    translate: Translate) -> list[str]:
    """What ``hub over-allowance`` prints: why the hub cannot judge, or one line a household and period."""
    from charity_pos.hub import downstream

    why = cannot_judge(check, translate)
    if why is not None:
        return [why]
    lines = []
    for row in check.rows:
        stores = ", ".join(translate("cli", "{code} (visits: {visits}, {value})").format(
            code=u.code, visits=u.visits, value=money(u.value_fen)) for u in row.by_store)
        lines.append(translate("cli", "{card} {name} · {category}, household of {members} · {period}: "
                                      "allowance {allowance}, used {used} (visits: {visits}) at {stores}").format(
            card=row.card_number, name=row.name_masked, category=category(row.category), members=row.members,
            period=downstream.period_label(row.period_key, language), allowance=money(row.allowance_fen),
            used=money(row.used_fen), visits=row.visits, stores=stores))
    if not check.rows:
        lines.append(translate("cli", "No household went past its allowance across stores."))
    lines.extend(allowance_caveats(check, category, translate))
    return lines
