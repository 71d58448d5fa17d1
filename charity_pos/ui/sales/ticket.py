"""The ticket being rung up, apart from its lines: its own id (made when it
starts, so paying twice makes one sale), the ticket discount and a manager's
approval for prices brought down beyond the limit, and a parked ticket's
content. What the keys read (a quantity, an amount or a percentage) is the
domain's (``quantities.parse_quantity``, ``tickets.parse_discount``)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from charity_pos.services.base import Approval
from charity_pos.services.sales import Scanned
from charity_pos.ui.sales.model import TicketLine, TicketModel

#: The version of a parked ticket's content, should it ever change.
PARKED_VERSION = 1


@dataclass
class Ticket:
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    discount_fen: int = 0
    approval: Approval | None = None  # never parked: a PIN is not written down
    #: A ticket discount that no longer fitted the lines and was taken off
    #: (shown with the total until another ticket discount is given).
    dropped_discount_fen: int = 0


def parked_content(ticket: Ticket, model: TicketModel) -> dict[str, object]:
    """What a parked ticket keeps: its id, its discount and its lines (no approval)."""
    return {
        "version": PARKED_VERSION,
        "ticket_id": str(ticket.id),
        "ticket_discount_fen": ticket.discount_fen,
        "lines": [{"item_id": str(line.scanned.item_id),
                   "lot_id": str(line.scanned.lot_id) if line.scanned.lot_id else None,
                   "quantity": line.quantity, "price_fen": line.price_fen, "discount_fen": line.discount_fen}
                  for line in model.lines()],
    }


@dataclass(frozen=True)
class ParkedLine:
    item_id: uuid.UUID
    lot_id: uuid.UUID | None
    quantity: int
    price_fen: int | None
    discount_fen: int

    def line(self, scanned: Scanned) -> TicketLine:
        """The line again, from what the item is now (its stock, its price)."""
        price = scanned.price_fen if self.price_fen is None else self.price_fen
        discount = min(self.discount_fen, self.quantity * price)  # never more than the line now comes to
        return TicketLine(replace(scanned, lot_id=self.lot_id), self.quantity, self.price_fen, discount)


def read_parked(content: Mapping[str, Any]) -> tuple[Ticket, list[ParkedLine]]:
    """A parked ticket from its JSON (untyped: each value is checked or converted here)."""
    raw_lines = content.get("lines", [])
    lines = [ParkedLine(uuid.UUID(str(raw["item_id"])), uuid.UUID(str(raw["lot_id"])) if raw.get("lot_id") else None,
                        int(raw["quantity"]), None if raw.get("price_fen") is None else int(raw["price_fen"]),
                        int(raw.get("discount_fen") or 0))
             for raw in raw_lines if isinstance(raw, dict)] if isinstance(raw_lines, list) else []
    ticket_id = content.get("ticket_id")
    ticket = Ticket(uuid.UUID(str(ticket_id)) if ticket_id else uuid.uuid4(),
                    int(content.get("ticket_discount_fen") or 0))
    return ticket, lines
