"""``charity-pos show KIND``: records as a readable table or, with
``--json``, a JSON array of objects. Personal data leaves only masked:
people's names and ID numbers never print whole; handouts name households
by card number only."""

from __future__ import annotations

import argparse
import importlib
import json
import unicodedata
from collections.abc import Callable, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charity_pos.domain.text import json_printable
from charity_pos.i18n import translate

if TYPE_CHECKING:
    from charity_pos.services.base import System
    from charity_pos.services.donation_rows import DonationRow

SHOW_KINDS = ("items", "stock", "lots", "donations", "sales", "shifts", "handouts", "households", "journal", "store",
              "writeoffs")
#: A listing: its records as JSON objects, its table's headers and rows, and the table's right-aligned columns.
Listed = tuple[list[dict[str, Any]], list[str], list[list[Any]], set[int]]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]], right: Set[int] = frozenset()) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    print("  ".join(_pad(h, widths[i], i in right) for i, h in enumerate(headers)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(_pad(v, widths[i], i in right) for i, v in enumerate(row)).rstrip())


def _source_names() -> dict[str, str]:
    return {"donated": translate("cli", "donated"), "purchased": translate("cli", "purchased"),
            "consigned": translate("cli", "consigned")}


def _method_names() -> dict[str, str]:
    return {"cash": translate("cli", "cash"), "wechat": translate("cli", "WeChat Pay"),
            "alipay": translate("cli", "Alipay"), "unionpay": translate("cli", "UnionPay card"),
            "voucher": translate("cli", "voucher")}


def _status_names() -> dict[str, str]:
    return {"active": translate("cli", "active"), "suspended": translate("cli", "suspended"),
            "expired": translate("cli", "expired")}


def _items(rows: Sequence[Any]) -> Listed:
    from charity_pos.domain.money import format_fen

    objects = [
        {"id": str(r.id), "barcode": r.barcode, "name": r.name, "category": r.category_code, "unit": r.unit,
         "sale_price_fen": r.sale_price_fen, "reference_price_fen": r.reference_price_fen,
         "source": str(r.source), "active": r.active, "on_hand": r.on_hand}
        for r in rows
    ]
    headers = [translate("cli", "Barcode"), translate("cli", "Name"), translate("cli", "Category"), translate("cli", "Unit"), translate("cli", "Price"), translate("cli", "Reference"), translate("cli", "Source"), translate("cli", "Active"), translate("cli", "On hand")]
    table = [[r.barcode, r.name, r.category_name, r.unit, format_fen(r.sale_price_fen),
              "" if r.reference_price_fen is None else format_fen(r.reference_price_fen),
              _source_names()[str(r.source)], translate("cli", "yes") if r.active else translate("cli", "no"),
              r.on_hand] for r in rows]
    right = {4, 5, 8}
    return objects, headers, table, right


class _Listing:
    """The store opened for a listing, with the one service it asks for,
    made (its module imported) on first use as ``Services`` would make it:
    ``Services.open`` imports every service, which a listing never needs."""

    SERVICES = {"catalog": "CatalogService", "stock": "StockService", "trace": "TraceService",
                "intake": "IntakeService", "sales": "SalesService", "shifts": "ShiftService",
                "handouts": "HandoutService", "households": "HouseholdService"}

    def __init__(self, path: Path) -> None:
        from charity_pos.services.store_file import open_store
        from charity_pos.services.accounts import AccountService
        from charity_pos.services.base import ServiceContext, system_clock

        self.ctx = ServiceContext(open_store(path), system_clock)
        self._accounts = AccountService(self.ctx)

    def __getattr__(self, name: str) -> Any:
        if name not in self.SERVICES:
            raise AttributeError(name)
        service_class = getattr(importlib.import_module(f"charity_pos.services.{name}"), self.SERVICES[name])
        service = service_class(self.ctx, self._accounts)
        setattr(self, name, service)
        return service

    def store(self) -> Any:
        from charity_pos.services.store import store_info

        return store_info(self.ctx)

    def close(self) -> None:
        self.ctx.db.close()


def _plain_items(raw: Any) -> Listed:
    from charity_pos.services.catalog_rows import items

    return _items(items(raw, include_inactive=True))


def _households(households: Sequence[Any], today: Any) -> Listed:
    """``today``: the store's calendar day, which says whether a card has expired."""
    from charity_pos.domain.identity import mask_name
    from charity_pos.services.household_rows import CATEGORY_NAMES

    # Masked names and ID numbers only: personal data in clear never leaves the app.
    objects = [{"id": str(h.id), "card_number": h.card_number, "head_name": mask_name(h.head_name),
                "id_masked": h.id_masked, "members": h.members, "category": str(h.category),
                "subdistrict": h.subdistrict, "valid_from": h.valid_from.isoformat(),
                "valid_to": h.valid_to.isoformat(), "status": h.state_on(today)} for h in households]
    headers = [translate("cli", "Card"), translate("cli", "Head of household"), translate("cli", "ID number"),
               translate("cli", "Members"), translate("cli", "Category"), translate("cli", "Sub-district"),
               translate("cli", "Valid to"), translate("cli", "Status")]
    table = [[h.card_number, mask_name(h.head_name), h.id_masked, h.members, CATEGORY_NAMES[h.category], h.subdistrict,
              h.valid_to.isoformat(), _status_names()[h.state_on(today)]] for h in households]
    return objects, headers, table, {3}


def _plain_households(raw: Any) -> Listed:
    from charity_pos.services.base import local_date, system_clock
    from charity_pos.services.household_rows import households

    return _households(households(raw), local_date(system_clock()))


def _journal(events: Sequence[Any]) -> Listed:
    from charity_pos.services.base import STORE_TZ

    objects = [{"seq": e.seq, "at": e.at.isoformat(), "kind": e.kind, "actor": e.actor, "hash": e.hash}
               for e in events]
    headers = [translate("cli", "No."), translate("cli", "Time"), translate("cli", "Event"), translate("cli", "By"),
               translate("cli", "Hash")]
    table = [[e.seq, e.at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M:%S"), e.kind, e.actor, e.hash[:16]]
             for e in events]
    return objects, headers, table, {0}


def _plain_journal(raw: Any) -> Listed:
    from charity_pos.services.journal_view import event_rows

    return _journal(event_rows(raw))


def _stock(lots: Sequence[Any]) -> Listed:
    objects = [{"lot_id": str(r.lot_id), "item_id": str(r.item_id), "barcode": r.barcode,
                "lot_code": r.lot_code, "name": r.name, "unit": r.unit, "origin": r.origin,
                "document": r.document, "expiry_date": r.expiry_date.isoformat() if r.expiry_date else None,
                "received": r.received, "on_hand": r.on_hand} for r in lots]
    origins = {"donation": translate("cli", "donation"), "purchase": translate("cli", "purchase"),
               "count": translate("cli", "stock count"), "unrecorded": translate("cli", "sold before received")}
    headers = [translate("cli", "Barcode"), translate("cli", "Name"), translate("cli", "From"),
               translate("cli", "Document"), translate("cli", "Best before"), translate("cli", "Received"),
               translate("cli", "On hand"), translate("cli", "Unit")]
    table = [[r.barcode, r.name, origins.get(r.origin, r.origin), r.document,
              r.expiry_date.isoformat() if r.expiry_date else "", r.received, r.on_hand, r.unit] for r in lots]
    return objects, headers, table, {5, 6}


def _plain_stock(raw: Any) -> Listed:
    from charity_pos.services.stock_rows import lot_rows

    return _stock(lot_rows(raw))


def _handouts(handouts: Sequence[Any]) -> Listed:
    from charity_pos.domain.money import format_fen
    from charity_pos.services.base import STORE_TZ
    from charity_pos.services.household_rows import CATEGORY_NAMES, HouseholdCategory

    # Households by card number only: no names, no ID numbers.
    objects = [{"id": str(h.id), "number": h.number, "at": h.at.isoformat(), "card_number": h.card_number,
                "household_category": h.household_category, "period": h.period_key, "lines": h.lines,
                "units": h.units, "total_value_fen": h.total_value_fen, "over_allowance": h.over_allowance,
                "cashier": h.cashier} for h in handouts]
    headers = [translate("cli", "Number"), translate("cli", "Time"), translate("cli", "Card"),
               translate("cli", "Category"), translate("cli", "Lines"), translate("cli", "Units"),
               translate("cli", "Value"), translate("cli", "Over allowance")]
    table = [[h.number, h.at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M"), h.card_number,
              CATEGORY_NAMES.get(HouseholdCategory(h.household_category), h.household_category), h.lines,
              h.units, format_fen(h.total_value_fen), translate("cli", "yes") if h.over_allowance else ""]
             for h in handouts]
    return objects, headers, table, {4, 5, 6}


def _plain_handouts(raw: Any) -> Listed:
    from charity_pos.services.handout_rows import handout_rows

    return _handouts(handout_rows(raw, limit=None))


def _donations(donations: Sequence[Any]) -> Listed:
    from charity_pos.domain.identity import mask_name
    from charity_pos.domain.money import format_fen
    from charity_pos.services.base import STORE_TZ

    kinds = {"person": translate("cli", "person"), "company": translate("cli", "company"),
             "anonymous": translate("cli", "anonymous")}

    def donor_shown(d: DonationRow) -> str:
        return d.donor_name if d.donor_kind == "company" else mask_name(d.donor_name)

    objects = [{"id": str(d.id), "number": d.number, "received_at": d.received_at.isoformat(),
                "donor_kind": d.donor_kind, "donor": donor_shown(d), "lines": d.lines, "units": d.units,
                "cash_fen": d.cash_fen, "total_value_fen": d.total_value_fen,
                "receipt_number": d.receipt_number, "receipt_status": d.receipt_status} for d in donations]
    headers = [translate("cli", "Number"), translate("cli", "Time"), translate("cli", "Donor"),
               translate("cli", "Lines"), translate("cli", "Units"), translate("cli", "Value"),
               translate("cli", "Receipt")]
    table = [[d.number, d.received_at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M"),
              f"{kinds[d.donor_kind]} {donor_shown(d)}".strip(), d.lines, d.units,
              format_fen(d.total_value_fen),
              (d.receipt_number or "") + (" " + translate("cli", "(void)") if d.receipt_status == "void" else "")]
             for d in donations]
    return objects, headers, table, {3, 4, 5}


def _plain_donations(raw: Any) -> Listed:
    from charity_pos.services.donation_rows import donation_rows

    return _donations(donation_rows(raw))


def _sales(sales: Sequence[Any]) -> Listed:
    from charity_pos.domain.money import format_fen
    from charity_pos.services.base import STORE_TZ

    methods = _method_names()
    objects = [{"id": str(r.id), "number": r.number, "completed_at": r.completed_at.isoformat(),
                "cashier": r.cashier, "till": r.till, "lines": r.lines, "units": r.units,
                "total_fen": r.total_fen, "methods": list(r.methods), "status": r.status,
                "returned_fen": r.returned_fen} for r in sales]
    headers = [translate("cli", "Number"), translate("cli", "Time"), translate("cli", "Cashier"),
               translate("cli", "Lines"), translate("cli", "Units"), translate("cli", "Total"),
               translate("cli", "Paid by"), translate("cli", "Returned")]
    table = [[r.number + (" " + translate("cli", "(void)") if r.status == "voided" else ""),
              r.completed_at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M"), r.cashier, r.lines, r.units,
              format_fen(r.total_fen), "+".join(methods.get(m, m) for m in r.methods),
              format_fen(r.returned_fen) if r.returned_fen else ""] for r in sales]
    return objects, headers, table, {3, 4, 5, 7}


def _plain_sales(raw: Any) -> Listed:
    from charity_pos.services.sale_list_rows import sale_rows

    return _sales(sale_rows(raw, limit=None))


def _lots(every: Sequence[Any]) -> Listed:
    from charity_pos.cli_trace import fate_object, origin_names, party_text

    # Donors as the trace shows them: people masked, companies named.
    objects = [{"lot_id": str(r.lot_id), "code": r.code, "name": r.item_name, "unit": r.unit,
                "origin": r.origin, "document": r.document, "received_at": r.received_at.isoformat(),
                "donor_kind": r.donor_kind or None, "donor": r.donor or None,
                "unit_value_fen": r.unit_value_fen, **fate_object(r.fate)} for r in every]
    origins = origin_names()
    headers = [translate("cli", "Code"), translate("cli", "Name"), translate("cli", "From"),
               translate("cli", "Document"), translate("cli", "Donor"), translate("cli", "Units received"),
               translate("cli", "Sold"), translate("cli", "Handed out"), translate("cli", "Written off"),
               translate("cli", "Counted missing"), translate("cli", "Sent to other stores"),
               translate("cli", "On hand")]
    table = [[r.code or "", r.item_name, origins.get(r.origin, r.origin), r.document,
              party_text(r.donor_kind, r.donor), r.fate.received, r.fate.sold, r.fate.handed_out,
              r.fate.written_off, r.fate.counted_difference, r.fate.transferred, r.fate.on_shelf] for r in every]
    return objects, headers, table, {5, 6, 7, 8, 9, 10, 11}


def _plain_lots(raw: Any) -> Listed:
    from charity_pos.services.lot_rows import every_lot

    return _lots(every_lot(raw))


def _shifts(summaries: Sequence[Any]) -> Listed:
    from charity_pos.domain.money import format_fen
    from charity_pos.services.base import STORE_TZ

    objects = [{"number": r.shift.number, "till": r.shift.till, "opened_at": r.shift.opened_at.isoformat(),
                "opened_by": r.shift.opened_by, "float_fen": r.shift.float_fen,
                "closed_at": r.shift.closed_at.isoformat() if r.shift.closed_at else None,
                "sales": r.sales_count, "sales_fen": r.sales_fen,
                "expected_cash_fen": r.expected_fen["cash"],
                "counted_cash_fen": r.counted_fen["cash"] if r.counted_fen else None,
                "difference_reason": r.difference_reason} for r in summaries]
    headers = [translate("cli", "Number"), translate("cli", "Till"), translate("cli", "Opened"),
               translate("cli", "Closed"), translate("cli", "Sales"), translate("cli", "Total"),
               translate("cli", "Cash expected"), translate("cli", "Cash counted")]
    table = [[r.shift.number, r.shift.till, r.shift.opened_at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M"),
              r.shift.closed_at.astimezone(STORE_TZ).strftime("%H:%M") if r.shift.closed_at else
              translate("cli", "open"), r.sales_count, format_fen(r.sales_fen),
              format_fen(r.expected_fen["cash"]), format_fen(r.counted_fen["cash"]) if r.counted_fen else ""]
             for r in summaries]
    return objects, headers, table, {4, 5, 6, 7}


def _plain_shifts(raw: Any) -> Listed:
    from charity_pos.services.shift_rows import summaries

    return _shifts(summaries(raw))


def _store(store: Any, rebuilt: dict[str, Any] | None) -> Listed:
    objects = [{"id": str(store.id), "code": store.code, "name": store.name, "district": store.district,
                "training": store.training}]
    if rebuilt is not None:  # what the district held when it was rebuilt: anything later is lost
        objects[0]["rebuilt"] = {"last_seq": rebuilt.get("last_seq"), "last_at": rebuilt.get("last_at"),
                                 "rebuilt_at": rebuilt["rebuilt_at"].isoformat()}
    headers = [translate("cli", "Code"), translate("cli", "Name"), translate("cli", "District"),
               translate("cli", "Kind")]
    table = [[store.code, store.name, store.district,
              translate("cli", "TRAINING store (培训, not real business)") if store.training
              else translate("cli", "live store")]]
    return objects, headers, table, set()


def _plain_store(raw: Any) -> Listed:
    from charity_pos.services.store import rebuilt_note, store_row

    return _store(store_row(raw), rebuilt_note(raw))


#: The listings read through the driver alone (``db.plain``), no SQLAlchemy:
#: from the same SQL the services read them with.
PLAIN = {"items": _plain_items, "stock": _plain_stock, "lots": _plain_lots, "donations": _plain_donations,
         "sales": _plain_sales, "shifts": _plain_shifts, "handouts": _plain_handouts, "households": _plain_households,
         "journal": _plain_journal, "store": _plain_store, "writeoffs": lambda raw: _plain_writeoffs(raw)}


def _plain_writeoffs(raw: Any) -> Listed:
    from charity_pos.cli_writeoff import listed
    from charity_pos.services.writeoff_rows import writeoff_rows

    return listed(writeoff_rows(raw))


def show(args: argparse.Namespace) -> int:
    if args.kind in PLAIN:
        from charity_pos.db.plain import NeedsAlembic, at_head, read_store

        try:
            with read_store(args.db) as raw:
                listed = PLAIN[args.kind](raw) if at_head(raw) else None
        except NeedsAlembic:
            listed = None
        if listed is not None:
            _print(args, *listed)
            return 0
    # a file of an earlier version (upgraded as the app opens it), or a listing read through the services
    return _show(args)


def _command_line() -> System:
    from charity_pos.services.base import COMMAND_LINE

    return COMMAND_LINE


def _served_households(services: _Listing) -> Listed:
    from charity_pos.services.base import local_date

    return _households(services.households.households(), local_date(services.ctx.now()))


def _served_store(services: _Listing) -> Listed:
    from charity_pos.services.store import rebuilt_note

    with services.ctx.db.read() as session:
        driver = session.connection().connection.driver_connection
        assert driver is not None  # an open session's connection has its driver's
        rebuilt = rebuilt_note(driver)
    return _store(services.store(), rebuilt)


def _served_journal(services: _Listing) -> Listed:
    from charity_pos.services import journal_view

    return _journal(journal_view.events(services.ctx))


#: The same listings read the app's way (``_show``): from the services.
SERVED: dict[str, Callable[[_Listing], Listed]] = {
    "items": lambda services: _items(services.catalog.search(include_inactive=True, limit=None)),
    "stock": lambda services: _stock(services.stock.lots()),
    "lots": lambda services: _lots(services.trace.lots(_command_line())),
    "donations": lambda services: _donations(services.intake.donations(_command_line())),
    "sales": lambda services: _sales(services.sales.sales(limit=None)),
    "shifts": lambda services: _shifts(services.shifts.summaries()),
    "handouts": lambda services: _handouts(services.handouts.handouts(limit=None)),
    "households": _served_households,
    "store": _served_store,
    "journal": _served_journal,
    "writeoffs": lambda services: _writeoffs(services),
}


def _writeoffs(services: _Listing) -> Listed:
    from charity_pos.cli_writeoff import listed
    from charity_pos.services.writeoffs import writeoff_rows

    with services.ctx.db.read() as session:
        return listed(writeoff_rows(session))


def _show(args: argparse.Namespace) -> int:
    """The listing read the app's way: the store opened as the app opens it
    (an earlier version's file is upgraded), the rows from the services."""
    services = _Listing(args.db)
    try:
        listed = SERVED[args.kind](services)
    finally:
        services.close()
    _print(args, *listed)
    return 0


def _print(args: argparse.Namespace, objects: list[dict[str, Any]], headers: list[str], table: list[list[Any]],
           right: set[int]) -> None:
    if args.json:
        print(json_printable(json.dumps(objects, ensure_ascii=False, indent=1)))
    else:
        print_table(headers, table, right)
        if args.kind == "store" and objects and "rebuilt" in objects[0]:
            from datetime import datetime

            from charity_pos.cli_rebuild import lost_after

            note = objects[0]["rebuilt"]
            print(lost_after(int(note["last_seq"]), datetime.fromisoformat(str(note["last_at"]))))
