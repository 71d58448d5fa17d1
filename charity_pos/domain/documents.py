"""What the papers say (receipts, slips, shift reports, handout slips,
labels, donor statements), as plain data. A service builds one from the
database and returns it; the caller renders it after the service's
transaction (``printing``: PDF pages, ``devices``: ESC/POS). Money is in fen."""

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
    #: printed by a training store (培训模式): every page says 培训 · 非正式票据
    training: bool = False


@dataclass(frozen=True)
class LabelDoc:
    name: str
    price_fen: int
    barcode: str  # EAN-13, EAN-8 or UPC-A digits, check digit included
    store_short_name: str


@dataclass(frozen=True)
class SlipLine:
    name: str
    quantity: int  # negative on a return slip
    unit_price_fen: int  # the price charged per unit, after a price change
    amount_fen: int  # what the line came to, after its discount
    list_price_fen: int | None = None  # set when the price was changed: shown struck through
    discount_fen: int = 0  # the line's discount, shown under it
    source: str = ""  # 捐赠 / 采购 / 代售: donated goods are accounted apart


@dataclass(frozen=True)
class SlipPayment:
    method: str  # in words, e.g. "现金", "微信支付"
    amount_fen: int
    reference: str = ""  # the payment's reference number, or the voucher's number


@dataclass(frozen=True)
class SlipDoc:
    """A sales slip (小票) for 80 mm or 58 mm receipt paper. A return slip
    has ``title`` 退货单 and negative quantities."""

    store_name: str
    store_code: str
    title: str  # 销售小票 or 退货单
    number: str  # e.g. JA01-2026-S000123; also printed as a barcode for returns
    at: str  # local time as shown, e.g. 2026-03-10 10:02
    cashier: str  # the cashier's user name
    till: str
    lines: tuple[SlipLine, ...]
    subtotal_fen: int
    ticket_discount_fen: int
    total_fen: int
    payments: tuple[SlipPayment, ...]
    change_fen: int
    thanks: str  # a line of thanks at the foot
    original_number: str | None = None  # a return: the sale it returns
    reprint_count: int = 0  # >0: marked 重打 (第 N 次)
    void: bool = False  # a voided sale: marked 作废
    #: printed by a training store (培训模式): every page says 培训 · 非正式票据
    training: bool = False


@dataclass(frozen=True)
class ShiftMethodLine:
    method: str  # in words
    expected_fen: int
    counted_fen: int | None  # None in an X report (the shift is still open)

    @property
    def difference_fen(self) -> int | None:
        return None if self.counted_fen is None else self.counted_fen - self.expected_fen


@dataclass(frozen=True)
class ShiftReportDoc:
    """An X report (during a shift, nothing counted) or a Z report (at its
    close, with the counted cash by denomination)."""

    kind: str  # "X" or "Z"
    store_name: str
    store_code: str
    shift_number: str
    till: str
    opened_at: str
    opened_by: str
    closed_at: str | None
    closed_by: str | None
    printed_at: str
    float_fen: int
    sales_count: int
    sales_fen: int  # completed sales, voids excluded
    donated_sales_fen: int  # of which goods donated to the store
    returns_count: int
    returns_fen: int
    voids_count: int
    voids_fen: int
    discounts_fen: int
    methods: tuple[ShiftMethodLine, ...]  # cash first: float + cash sales - cash refunds
    denominations: tuple[tuple[int, int], ...] = ()  # (value in fen, count) counted at close
    difference_reason: str = ""
    approved_by: str | None = None
    #: printed by a training store (培训模式): every page says 培训 · 非正式票据
    training: bool = False


@dataclass(frozen=True)
class HandoutSlipLine:
    name: str
    category: str  # goods category in words, e.g. 粮油
    quantity: int
    unit_value_fen: int  # what one unit counts against the allowance
    value_fen: int
    over: bool = False  # beyond the allowance: taken with a manager's approval (or a warning)


@dataclass(frozen=True)
class HandoutSlipDoc:
    """A relief handout slip (物资发放单) the recipient signs. Personal data
    is masked: the card number, the head's name masked (张*), the ID masked."""

    store_name: str
    store_code: str
    number: str  # e.g. JA01-2026-H000012
    at: str  # local time as shown
    cashier: str
    card_number: str
    head_name_masked: str
    id_masked: str
    members: int
    category: str  # household category in words, e.g. 低保
    period: str  # e.g. 2026年11月 or 2026年第4季度
    lines: tuple[HandoutSlipLine, ...]
    total_value_fen: int
    allowance_fen: int  # the period's allowance
    remaining_before_fen: int
    remaining_after_fen: int  # may be negative after an approved override
    override_reason: str = ""  # with the approving manager's user name
    approved_by: str | None = None
    reprint_count: int = 0
    #: printed by a training store (培训模式): every page says 培训 · 非正式票据
    training: bool = False


@dataclass(frozen=True)
class StatementDonation:
    number: str
    received_on: date
    receipts: tuple[str, ...]
    units: int
    goods_value_fen: int
    cash_fen: int


@dataclass(frozen=True)
class DonorStatement:
    """Everything the donor letter says (``services.donor_statement`` builds
    it). ``donor_name`` is the name as recorded (the letter is addressed to
    the donor); nothing names a household."""

    store_name: str
    donor_kind: str  # person or company
    donor_name: str
    year: int
    issued_on: date
    donations: tuple[StatementDonation, ...]
    units: int
    goods_value_fen: int
    cash_fen: int
    sold: int
    raised_fen: int
    handed_out: int
    households: int
    on_shelf: int
    written_off: int
    counted_missing: int
    #: made in a training store (培训模式): every page says 培训 · 非正式票据
    training: bool = False
    #: units sent on to another store of the district (调拨), where they are sold or handed out
    transferred: int = 0
