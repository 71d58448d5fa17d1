"""What the printers print, as plain data. Services build these from the
database; the renderers turn them into PDF pages. Money is in fen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    unit: str
    quantity: int
    #: 标准 column: condition and how the line was valued, e.g. "九成新 · 市场参考价"
    standard: str
    #: None for goods that could not be valued: listed by quantity only
    unit_value_fen: int | None
    amount_fen: int | None


@dataclass(frozen=True)
class ReceiptDoc:
    """A store's donation receipt (捐赠收据), with the fields of the official
    fiscal receipt for public-welfare donations (公益事业捐赠票据)."""

    store_name: str
    store_code: str
    district: str
    receipt_number: str  # e.g. JA01-2026-J000012, per store, per year, gap-free
    donation_number: str  # e.g. JA01-2026-D000057
    issued_on: date
    donor_name: str  # "匿名" for anonymous donors
    donor_credit_code: str | None  # companies only
    lines: tuple[ReceiptLine, ...]
    cash_fen: int  # money given, 0 if none
    cash_method: str | None  # e.g. "现金", "微信支付"
    total_fen: int  # valued goods + cash
    handler: str  # 经办人: the staff member who took the donation
    remarks: str  # 备注: donor's wishes and anything else
    verification_code: str  # e.g. "7KQ2-M4XD-91PF"
    qr_payload: str  # what the QR code carries (includes the verification code)
    reprint_count: int = 0  # >0: marked 补打 (第 N 次)
    void_reason: str | None = None  # set: marked 作废 across the page
    official_code: str | None = None  # 票据代码 of a parent charity's fiscal receipt, if any
    official_number: str | None = None  # 票据号码


@dataclass(frozen=True)
class LabelDoc:
    name: str
    price_fen: int
    barcode: str  # EAN-13, EAN-8 or UPC-A digits, check digit included
    store_short_name: str
