"""What goes on shelf labels: one per unit, with the code a scanner will read
at the counter (the lot's own in-store code, or the maker's barcode)."""

from __future__ import annotations

from sqlalchemy import select

from charity_pos.db.models import Donation, StockLot, Store
from charity_pos.errors import InvalidInput, NotFound
from charity_pos.domain.documents import LabelDoc
from charity_pos.services.base import ServiceContext

TEMPLATES = ("a4-3x8", "thermal-40x30")
MAX_LABELS = 5000


class LabelService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def for_donation(self, donation_number: str, *, per_unit: bool = True) -> list[LabelDoc]:
        with self.ctx.db.read() as s:
            store = s.execute(select(Store)).scalar_one()
            donation = s.scalars(select(Donation).where(Donation.number == donation_number.strip().upper())).one_or_none()
            if donation is None:
                raise NotFound(kind="donation", key=donation_number)
            labels: list[LabelDoc] = []
            for line in donation.lines:
                lot = s.scalars(select(StockLot).where(StockLot.donation_line_id == line.id)).one()
                code = lot.barcode or line.item.barcode
                if code is None:
                    continue
                label = LabelDoc(line.item.name, line.item.sale_price_fen, code, store.short_name)
                labels.extend([label] * (line.quantity if per_unit else 1))
        if not labels:
            raise InvalidInput(field="lines", value=donation_number, reason="empty")
        if len(labels) > MAX_LABELS:
            raise InvalidInput(field="labels", value=len(labels), reason="too_large")
        return labels
