"""A day's reconciliation as one table: what is on one side only first,
then what matched, each row with both sides' times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen
from charity_pos.services.merchant_bill import Reconciliation
from charity_pos.ui.table_model import RowsModel

BILL_ONLY, SALE_ONLY, MATCHED = "bill_only", "sale_only", "matched"


@dataclass(frozen=True)
class BillRow:
    state: str  # bill_only, sale_only or matched
    method: str
    kind: str  # payment or refund
    amount_fen: int
    sale: str  # the sale's number, or the return's for a refund
    sale_at: datetime | None
    bill_at: datetime | None
    transaction: str
    reference: str  # the sale's reference, or the bill's code mask


def rows_of(seen: Reconciliation) -> list[BillRow]:
    bill_only = [BillRow(BILL_ONLY, b.method, b.kind, b.amount_fen, "", None, b.at, b.transaction_no, b.code_mask)
                 for b in seen.bill_only]
    sale_only = [BillRow(SALE_ONLY, p.method, p.kind, p.amount_fen, p.sale_number, p.at, None, "", p.reference)
                 for p in seen.counter_only]
    matched = [BillRow(MATCHED, m.payment.method, m.bill.kind, m.bill.amount_fen, m.payment.sale_number,
                       m.payment.at, m.bill.at, m.bill.transaction_no, m.payment.reference) for m in seen.matched]
    return bill_only + sale_only + matched


class BillModel(RowsModel[BillRow]):
    STATE, METHOD, AMOUNT, SALE, SALE_AT, BILL_AT, TRANSACTION, REFERENCE = range(8)
    RIGHT = frozenset({AMOUNT})

    def headers(self) -> list[str]:
        return [self.tr("State"), self.tr("Method"), self.tr("Amount"), self.tr("Sale"), self.tr("At the counter"),
                self.tr("On the bill"), self.tr("Transaction number"), self.tr("Reference")]

    def state_name(self, row: BillRow) -> str:
        refund = row.kind == "refund"
        if row.state == BILL_ONLY:
            return self.tr("Refund on the bill, no return") if refund else self.tr("On the bill, no sale")
        if row.state == SALE_ONLY:
            return self.tr("Return's refund not on the bill") if refund else self.tr("Sale not on the bill")
        return self.tr("Refund matched") if refund else self.tr("Matched")

    def _key(self, row: BillRow) -> object:
        return (row.state, row.transaction, row.sale)

    def _display(self, row: BillRow, column: int) -> str:
        if column == self.STATE:
            return self.state_name(row)
        if column == self.METHOD:
            return {"wechat": self.tr("WeChat Pay"), "alipay": self.tr("Alipay")}.get(row.method, row.method)
        if column == self.AMOUNT:
            return format_fen(-row.amount_fen if row.kind == "refund" else row.amount_fen)
        if column == self.SALE:
            return row.sale
        if column == self.SALE_AT:
            return row.sale_at.strftime("%H:%M:%S") if row.sale_at else ""
        if column == self.BILL_AT:
            return row.bill_at.strftime("%H:%M:%S") if row.bill_at else ""
        if column == self.TRANSACTION:
            return row.transaction
        return row.reference

    def _foreground(self, row: BillRow, column: int) -> Any:
        if column == self.STATE and row.state != MATCHED:
            return QBrush(QColor("#b00020"))
        if column == self.STATE:
            return QBrush(QColor("#1f6f5c"))
        return None
