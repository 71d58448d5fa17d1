"""物资发放台账: every handout line in the period, by the household's card
number only (never a name or an ID number), with the household's category,
the goods, their value, the beyond-allowance mark and who approved it; and a
monthly summary of households and 人次 served.

Filters: the goods category and origin narrow the lines, and the summary
counts only the handouts and units of the lines shown.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from charity_pos.db.models import Category, Handout, HandoutLine, Household, Item, User
from charity_pos.reports.ledgers.common import ALL, YES, goods_filtered, labels, local_month, raw, utc
from charity_pos.reports.period import utc_range
from charity_pos.reports.table import Cell, Column, ColumnKind as K, Filters, Report, Section, StoreName, Words as W
from charity_pos.reports.words import HOUSEHOLD_CATEGORIES, SOURCES, goods_category, label

TITLE = W("物资发放台账", "Relief handouts")
WHOLE_PERIOD = W("全期", "Whole period")

COLUMNS = (
    Column("at", W("发放时间", "Handed out"), K.DATETIME),
    Column("number", W("发放单号", "Handout")),
    Column("card", W("卡号", "Card")),
    Column("household_category", W("救助类别", "Household category")),
    Column("goods", W("物品", "Goods")),
    Column("category", W("物品类别", "Goods category")),
    Column("origin", W("来源", "Origin")),
    Column("quantity", W("数量", "Quantity"), K.COUNT, total=True),
    Column("unit", W("单位", "Unit")),
    Column("unit_value", W("单价", "Unit value"), K.MONEY),
    Column("value", W("金额", "Value"), K.MONEY, total=True),
    Column("over_allowance", W("超额", "Over allowance")),
    Column("approver", W("批准人", "Approved by")),
)

SUMMARY_COLUMNS = (
    Column("month", W("月份", "Month")),
    Column("household_category", W("救助类别", "Household category")),
    Column("households", W("户数", "Households"), K.COUNT),
    Column("visits", W("人次", "Visits"), K.COUNT),
    Column("units", W("件数", "Units"), K.COUNT),
    Column("value", W("金额", "Value"), K.MONEY),
)

NOTES = (
    W("受助家庭只以卡号登记，不列姓名和身份证号。", "Households appear by card number only: no name, no ID number."),
    W("户数为当期领取过物资的不同家庭数；人次为发放次数。月份按上海时间。",
      "Households: different households served; visits (人次): handouts made. Months in Shanghai time."),
    W("“超额”指超过该户当期配额的发放，由批准人确认。", "Over allowance: beyond the household's allowance for the period, approved by the manager shown."),
)


def build(session: Session, filters: Filters, store: StoreName, language: str = "zh_CN") -> Report:
    lo, hi = utc_range(filters.start, filters.end)
    approver = aliased(User)
    query = (
        select(raw(Handout.id), raw(Handout.household_id), local_month(Handout.at), raw(Handout.at), Handout.number,
               Household.card_number, Household.category, HandoutLine.name, HandoutLine.goods_category, Category.name,
               HandoutLine.source, HandoutLine.quantity, Item.unit, HandoutLine.unit_value_fen, HandoutLine.value_fen,
               Handout.over_allowance, approver.username)
        .join(Handout, Handout.id == HandoutLine.handout_id)
        .join(Household, Household.id == Handout.household_id)
        .join(Item, Item.id == HandoutLine.item_id)
        .outerjoin(Category, Category.code == HandoutLine.goods_category)
        .outerjoin(approver, approver.id == Handout.approved_by)
        .where(Handout.at >= lo, Handout.at < hi)
        .order_by(Handout.at, Handout.number, HandoutLine.line_no)
    )
    query = goods_filtered(query, filters, category_code=HandoutLine.goods_category, source=HandoutLine.source)
    yes = YES.text(language)
    households_words, sources = labels(HOUSEHOLD_CATEGORIES, language), labels(SOURCES, language)
    rows: list[tuple[Cell, ...]] = []
    # (month, household category) -> households, handouts, units, value
    groups: dict[tuple[str, str], tuple[set[str], set[str], list[int]]] = defaultdict(
        lambda: (set(), set(), [0, 0]))
    for (handout_id, household_id, month, at, number, card, household_category, goods, code, cat_name, source, qty,
         unit, unit_fen, value_fen, over, approved_by) in session.connection().execute(query):
        rows.append((utc(at), number, card, households_words.get(household_category, household_category), goods,
                     goods_category(code, cat_name or code, language), sources.get(source, source), qty, unit,
                     unit_fen, value_fen, yes if over else "", approved_by or ""))
        for key in ((month, household_category), (month, ""), ("", household_category), ("", "")):
            households, handouts, sums = groups[key]
            households.add(household_id)
            handouts.add(handout_id)
            sums[0] += qty
            sums[1] += value_fen

    months = sorted({month for month, _ in groups if month})
    order = list(HOUSEHOLD_CATEGORIES)
    categories = sorted({cat for _, cat in groups if cat}, key=lambda c: (order.index(c) if c in order else len(order), c))
    summary: list[tuple[Cell, ...]] = []
    for month in months + ([""] if len(months) > 1 else []):
        shown = month or WHOLE_PERIOD.text(language)
        for category in [*categories, ""]:
            if (month, category) in groups:
                households, handouts, (units, value) = groups[(month, category)]
                summary.append((shown, label(HOUSEHOLD_CATEGORIES, category, language) if category else ALL.text(language),
                                len(households), len(handouts), units, value))
    sections = (
        Section("lines", TITLE, COLUMNS, tuple(rows)),
        Section("monthly", W("月度汇总", "Monthly summary"), SUMMARY_COLUMNS, tuple(summary), totals=False),
    )
    return Report("handouts", TITLE, store.name, store.code, filters, sections, notes=NOTES, landscape=True)
