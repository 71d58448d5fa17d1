"""捐赠物资接收台账: every donation line, and the cash given, in the period.

A person's name is masked (王**); a company's name shows; an anonymous gift
says so. Goods that cannot be valued are listed with no value and are not
counted in the total (公益事业捐赠票据使用管理办法).
"""

from __future__ import annotations

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from charity_pos.db.models import Category, Donation, DonationLine, Donor, Item, Receipt
from charity_pos.domain.identity import mask_name
from charity_pos.reports.period import utc_range
from charity_pos.reports.table import Column, ColumnKind as K, Filters, Report, Section, StoreName, Words as W
from charity_pos.reports.words import ANONYMOUS, CONDITIONS, PAYMENT_METHODS, VALUATIONS, goods_category, label

TITLE = W("捐赠物资接收台账", "Donations received")

COLUMNS = (
    Column("received_at", W("接收时间", "Received"), K.DATETIME),
    Column("number", W("捐赠单号", "Donation")),
    Column("donor", W("捐赠人", "Donor")),
    Column("line_no", W("行", "Line"), K.COUNT),
    Column("goods", W("物品", "Goods")),
    Column("category", W("类别", "Category")),
    Column("quantity", W("数量", "Quantity"), K.COUNT, total=True),
    Column("unit", W("单位", "Unit")),
    Column("condition", W("成色", "Condition")),
    Column("valuation", W("估价依据", "Valuation")),
    Column("unit_value", W("单价", "Unit value"), K.MONEY),
    Column("value", W("金额", "Value"), K.MONEY, total=True),
    Column("receipt", W("收据号", "Receipt")),
)

CASH_COLUMNS = (
    Column("received_at", W("接收时间", "Received"), K.DATETIME),
    Column("number", W("捐赠单号", "Donation")),
    Column("donor", W("捐赠人", "Donor")),
    Column("method", W("方式", "Method")),
    Column("amount", W("金额", "Amount"), K.MONEY, total=True),
    Column("receipt", W("收据号", "Receipt")),
)


def donor_shown(kind: str | None, name: str, language: str = "zh_CN") -> str:
    """A donor as a ledger shows them: a person masked, a company by name."""
    if kind is None or kind == "anonymous" or not name:
        return ANONYMOUS.text(language)
    return name if kind == "company" else mask_name(name)


def build(session: Session, filters: Filters, store: StoreName, language: str = "zh_CN") -> Report:
    lo, hi = utc_range(filters.start, filters.end)
    receipts = {donation_id: number for donation_id, number in session.execute(
        select(Receipt.donation_id, Receipt.number).join(Donation, Donation.id == Receipt.donation_id)
        .where(Donation.received_at >= lo, Donation.received_at < hi, Receipt.status == "issued"))}
    query = (
        select(Donation.id, Donation.received_at, Donation.number, Donor.kind, Donor.name, DonationLine.line_no,
               Item.name, Category.code, Category.name, DonationLine.quantity, DonationLine.unit,
               DonationLine.condition, DonationLine.valuation, DonationLine.unit_value_fen)
        .join(Donation, Donation.id == DonationLine.donation_id)
        .outerjoin(Donor, Donor.id == Donation.donor_id)
        .join(Item, Item.id == DonationLine.item_id).join(Category, Category.id == Item.category_id)
        .where(Donation.received_at >= lo, Donation.received_at < hi)
        .order_by(Donation.received_at, Donation.number, DonationLine.line_no)
    )
    if filters.category:
        query = query.where(Category.code == filters.category)
    if filters.origin not in (None, "donated"):  # every donation line is donated goods
        query = query.where(false())
    rows = tuple(
        (at, number, donor_shown(kind, name, language), line_no, goods, goods_category(code, cat_name, language), qty, unit,
         label(CONDITIONS, condition, language), label(VALUATIONS, valuation, language), unit_fen,
         None if unit_fen is None else qty * unit_fen, receipts.get(donation_id, ""))
        for donation_id, at, number, kind, name, line_no, goods, code, cat_name, qty, unit, condition, valuation,
        unit_fen in session.execute(query)
    )
    sections = [Section("lines", TITLE, COLUMNS, rows)]
    if not filters.category and filters.origin in (None, "donated"):
        cash = tuple(
            (at, number, donor_shown(kind, name, language), label(PAYMENT_METHODS, method, language), fen, receipts.get(donation_id, ""))
            for donation_id, at, number, kind, name, method, fen in session.execute(
                select(Donation.id, Donation.received_at, Donation.number, Donor.kind, Donor.name,
                       Donation.cash_method, Donation.cash_fen)
                .outerjoin(Donor, Donor.id == Donation.donor_id)
                .where(Donation.received_at >= lo, Donation.received_at < hi, Donation.cash_fen > 0)
                .order_by(Donation.received_at, Donation.number))
        )
        sections.append(Section("cash", W("现金捐赠", "Cash donations"), CASH_COLUMNS, cash))
    return Report("donations", TITLE, store.name, store.code, filters, tuple(sections), landscape=True)
