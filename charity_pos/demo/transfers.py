"""The demo store's transfers between the district's stores (调拨).

The demo has no district hub (a store that trusted a made-up hub would
refuse the real one's bundles), so what a downstream bundle brings is put in
as applying one puts it (``TransferService.record_from_district``), in one
unit of work with its own journal event (``demo.district``): the district's stores and warehouse, and a transfer of
winter goods from the district's warehouse, waiting to be confirmed. Then
the manager sends one transfer: donated clothes to a neighbouring store.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from charity_pos.services.base import STORE_SETUP, Actor
from charity_pos.services.registry import Services
from charity_pos.services.transfers import (
    DistrictStoreRow, GoodsLine, IncomingTransfer, TransferLineDraft, TransferService,
)

DISTRICT = "demo.district"
STORES = (("JA02", "静安区江宁路街道慈善超市", "store"), ("JA03", "静安区南京西路街道慈善超市", "store"),
          ("JAWH", "静安区慈善物资仓库", "warehouse"))
#: what the warehouse sends: (name, maker's barcode, unit, category, price, source, origin, units, unit value)
WINTER_GOODS = (
    ("羽绒被 200×230cm", None, "条", "bedding", 8000, "donated", "donation", 6, 32000),
    ("彩虹电热毯 单人 (全新)", "6923456789012", "条", "appliances", 2500, "donated", "donation", 8, 6900),
    ("金龙鱼 大豆油 5L", "6948195800132", "桶", "grain_oil", 5990, "purchased", "purchase", 10, None),
)


def district_and_transfers(sv: Services, manager: Actor, now: datetime) -> str:
    """The district's stores and the warehouse's transfer at the demo store, then one transfer out; the number
    of the transfer out."""
    own = sv.store().code
    sent_at = now - timedelta(hours=20)
    year = sent_at.year
    lines = tuple(GoodsLine(number, barcode, name, unit, category, price, source, None, f"JAWH-{year}-LOT{number:03d}",
                            origin, "JAWH", f"JAWH-{year}-LOT{number:03d}",
                            f"JAWH-{year}-{'D' if origin == 'donation' else 'R'}{number:06d}", value, units)
                  for number, (name, barcode, unit, category, price, source, origin, units, value)
                  in enumerate(WINTER_GOODS, start=1))
    incoming = IncomingTransfer(f"JAWH-{year}-Y000012", "JAWH", own, sent_at, "冬季救助物资", lines)
    transfers = TransferService(sv.ctx, sv.accounts)
    transfers.record_from_district(STORE_SETUP, [DistrictStoreRow(own, sv.store().name, "store"),
                                                 *(DistrictStoreRow(*row) for row in STORES)], [incoming],
                                   event=DISTRICT)
    clothes = [lot for lot in transfers.lots() if lot.origin == "donation" and lot.left >= 4]
    clothes.sort(key=lambda lot: (-lot.left, lot.code))
    picked = clothes[:2]
    changes = transfers.send(manager, "JA02", [TransferLineDraft(lot.lot_id, min(3, lot.left // 2)) for lot in picked],
                             "江宁路街道冬衣募集活动缺货，调剂支援")
    return changes.number or ""
