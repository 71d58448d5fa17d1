"""The arithmetic of a ticket at the counter: line amounts, the ticket
discount shared over the lines, how far prices came down, and whether the
payments cover the total. Pure functions on integers of fen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from charity_pos.errors import InvalidInput, OverpaidByCard, TenderTooLow
from charity_pos.domain.money import format_fen, parse_yuan

CASH = "cash"


@dataclass(frozen=True)
class PricedLine:
    quantity: int
    list_price_fen: int  # the catalog's price
    unit_price_fen: int  # the price charged per unit
    discount_fen: int = 0  # off the line

    @property
    def list_amount_fen(self) -> int:
        return self.quantity * self.list_price_fen

    @property
    def amount_fen(self) -> int:
        return self.quantity * self.unit_price_fen - self.discount_fen


@dataclass(frozen=True)
class TicketTotals:
    subtotal_fen: int  # lines after their own discounts
    ticket_discount_fen: int
    total_fen: int
    list_total_fen: int  # at catalog prices, no discounts
    shares_fen: tuple[int, ...]  # each line's part of the ticket discount

    @property
    def reduction_fen(self) -> int:
        """How much less than catalog prices the customer pays."""
        return self.list_total_fen - self.total_fen


def check_line(line: PricedLine) -> None:
    if line.unit_price_fen < 0:
        raise InvalidInput(field="price", value=format_fen(line.unit_price_fen), reason="negative")
    if line.discount_fen < 0:
        raise InvalidInput(field="discount", value=format_fen(line.discount_fen), reason="negative")
    if line.discount_fen > line.quantity * line.unit_price_fen:
        raise InvalidInput(field="discount", value=format_fen(line.discount_fen), reason="discount_above_price")


def parse_discount(text: str, base_fen: int, *, field: str = "discount") -> int:
    """A discount typed at the till, in fen: an amount in yuan (``2.5``) or a
    share of ``base_fen`` (``10%``, full-width ``10％`` too), rounded half up
    to the fen (10% of 0.05 is 0.01). A share above 100% is more than the
    price; a negative or unreadable one is refused."""
    cleaned = text.strip().replace("％", "%")
    if not cleaned.endswith("%"):
        return parse_yuan(cleaned, field=field)
    try:
        percent = Decimal(cleaned[:-1].strip())
    except InvalidOperation:
        raise InvalidInput(field=field, value=text, reason="not_a_number") from None
    if not percent.is_finite():
        raise InvalidInput(field=field, value=text, reason="not_a_number")
    if percent < 0:
        raise InvalidInput(field=field, value=text, reason="negative")
    if percent > 100:
        raise InvalidInput(field=field, value=text, reason="discount_above_price")
    return int((Decimal(base_fen) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def share(total: int, weights: Sequence[int]) -> tuple[int, ...]:
    """Split ``total`` fen in proportion to ``weights`` so the parts add up
    exactly (largest remainder; ties go to the earlier line)."""
    whole = sum(weights)
    if total == 0 or whole == 0:
        return tuple(0 for _ in weights)
    parts = [total * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in remainders[: total - sum(parts)]:
        parts[i] += 1
    return tuple(parts)


def totals(lines: Sequence[PricedLine], ticket_discount_fen: int = 0) -> TicketTotals:
    for line in lines:
        check_line(line)
    subtotal = sum(line.amount_fen for line in lines)
    if ticket_discount_fen < 0:
        raise InvalidInput(field="discount", value=format_fen(ticket_discount_fen), reason="negative")
    if ticket_discount_fen > subtotal:
        raise InvalidInput(field="discount", value=format_fen(ticket_discount_fen), reason="discount_above_price")
    shares = share(ticket_discount_fen, [line.amount_fen for line in lines])
    return TicketTotals(subtotal, ticket_discount_fen, subtotal - ticket_discount_fen,
                        sum(line.list_amount_fen for line in lines), shares)


def totals_keeping_discount(lines: Sequence[PricedLine], ticket_discount_fen: int) -> tuple[TicketTotals, bool]:
    """The totals with the ticket discount if it still fits the lines: a
    ticket discount given before a line was removed or made cheaper may now
    be more than the ticket comes to. Then it is dropped (the totals without
    it, and False) and the counter says so; it is never cut down silently to
    what fits, since a manager approved that amount, not another."""
    subtotal = sum(line.amount_fen for line in lines)
    if 0 <= ticket_discount_fen <= subtotal:
        return totals(lines, ticket_discount_fen), True
    return totals(lines, 0), False


def beyond_limit(line: PricedLine, limit_percent: int) -> bool:
    """A price raised at the counter, or brought down by more than the limit."""
    if line.unit_price_fen > line.list_price_fen:
        return True
    return (line.list_amount_fen - line.amount_fen) * 100 > line.list_amount_fen * limit_percent


def ticket_beyond_limit(result: TicketTotals, limit_percent: int) -> bool:
    """The ticket discount alone, or everything taken off the catalog prices
    together (line changes and the ticket discount stacked), beyond the limit."""
    return (result.ticket_discount_fen * 100 > result.subtotal_fen * limit_percent
            or result.reduction_fen * 100 > result.list_total_fen * limit_percent)


@dataclass(frozen=True)
class Tender:
    method: str
    tendered_fen: int  # cash handed over, or the amount of another method


@dataclass(frozen=True)
class Settlement:
    paid_fen: tuple[int, ...]  # what each tender pays of the total
    change_fen: int


def settle(total_fen: int, tenders: Sequence[Tender]) -> Settlement:
    """Do the tenders cover the total? Only cash may go over; the change
    comes out of the cash."""
    for tender in tenders:
        if tender.tendered_fen <= 0:
            raise InvalidInput(field="payment", value=format_fen(tender.tendered_fen),
                               reason="zero" if tender.tendered_fen == 0 else "negative")
    non_cash = sum(t.tendered_fen for t in tenders if t.method != CASH)
    cash = sum(t.tendered_fen for t in tenders if t.method == CASH)
    if non_cash > total_fen:
        raise OverpaidByCard(method=next(t.method for t in tenders if t.method != CASH))
    if non_cash + cash < total_fen:
        missing = total_fen - non_cash - cash
        raise TenderTooLow(total=format_fen(total_fen), paid=format_fen(non_cash + cash), missing=format_fen(missing))
    change = non_cash + cash - total_fen
    if change and cash <= 0:
        raise OverpaidByCard(method=tenders[0].method)
    # change comes off the last cash tenders first
    left = change
    paid = []
    for tender in reversed(tenders):
        amount = tender.tendered_fen
        if tender.method == CASH and left:
            taken = min(left, amount)
            amount -= taken
            left -= taken
        paid.append(amount)
    return Settlement(tuple(reversed(paid)), change)
