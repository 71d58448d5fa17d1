"""The district's reports across stores, as ``reports.table.Report`` (written
by ``export.write_report`` to .xlsx, .pdf and .csv, always Chinese). No Qt.

Every kind has the same layout, the one a bureau files:

- ``district``: the district month by month: stores reporting, the kind's
  figures, and the change from the month before (环比, tenths of a percent);
- ``quarters``: the same by quarter, against the quarter before;
- one section per month: a row per store (reporting or not, its figures,
  its change from its month before) and the district's totals under them.

Kinds: ``stores`` (the indicators the civil-affairs statistics ask for, side
by side), ``donations`` (with goods by category), ``sales`` (sales income,
kept apart from donations), ``handouts`` (with households by category),
``funds`` (donated cash received, used and left), ``writeoffs``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from charity_pos.errors import UnknownReport
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.figures import Period, PeriodFigures, StoreFigures, change, period_figures, quarters
from charity_pos.reports.figures import Figures
from charity_pos.reports.table import Cell, Column, ColumnKind as K, Filters, Report, Section, Words as W
from charity_pos.reports.words import HOUSEHOLD_CATEGORIES, goods_category, label


@dataclass(frozen=True)
class Row:
    """What a measure reads: one store's figures of a period, or the district's."""

    figures: Figures
    writeoffs: int
    writeoff_units: int
    recorded_hours: int | None = None


@dataclass(frozen=True)
class Measure:
    key: str
    title: W
    kind: K
    value: Callable[[Row], Cell]
    #: the change from the period before is shown for it
    compared: bool = False


@dataclass(frozen=True)
class Kind:
    title: W
    measures: tuple[Measure, ...]
    notes: tuple[W, ...] = ()
    breakdown: Callable[[PeriodFigures], Section | None] | None = None


def _f(name: str) -> Callable[[Row], Cell]:
    return lambda row: getattr(row.figures, name)


M = Measure
DONATIONS = M("donations", W("捐赠笔数", "Donations"), K.COUNT, _f("donations"))
GOODS_UNITS = M("goods_units", W("物资件数", "Goods (units)"), K.COUNT, _f("goods_units"))
GOODS_VALUE = M("goods_value", W("物资估值", "Goods value"), K.MONEY, _f("goods_value_fen"), compared=True)
CASH = M("cash", W("现金捐赠", "Cash donated"), K.MONEY, _f("cash_donations_fen"), compared=True)
SALES_INCOME = M("sales_income", W("销售收入净额", "Sales income"), K.MONEY, _f("sales_income_fen"), compared=True)
HOUSEHOLDS = M("households", W("帮扶户数", "Households"), K.COUNT, _f("households"))
VISITS = M("visits", W("帮扶人次", "Person-visits"), K.COUNT, _f("handouts"), compared=True)
HANDOUT_VALUE = M("handout_value", W("发放物资价值", "Value handed out"), K.MONEY, _f("handout_value_fen"))
FUNDS_USED = M("funds_used", W("善款使用", "Donated cash used"), K.MONEY, _f("funds_used_fen"), compared=True)
WRITEOFF_UNITS = M("writeoff_units", W("报损件数", "Units written off"), K.COUNT, lambda r: r.writeoff_units,
                   compared=True)
HOURS = M("hours", W("志愿服务时长", "Volunteer hours"), K.TEXT,
          lambda r: "未记录" if r.recorded_hours is None else str(r.recorded_hours))

REPORTING_NOTE = W("报送：门店的日志覆盖该月（首条日志早于月末，末条日志不早于月初）即计为已报送。",
                   "Reporting: a store counts as reporting for a month when its journal at the hub covers the "
                   "month (its first event before the month's end, its last on or after the month's start).")
PER_STORE_NOTE = W("全区户数与捐赠人数按门店分别计数后相加（同一户在两家门店受助，各计一次）。",
                   "District households and donors are counted per store and added (a household helped at two "
                   "stores counts at each).")
APART_NOTE = W("捐赠收入与经营性收入分别核算（收支两条线），本表不将二者相加。",
               "Donation income and sales income are accounted apart (收支两条线): never added here.")
CHANGE_NOTE = W("环比：与上一个月（季度）相比的增减百分比；上期为零时不计。",
                "Change: against the month (quarter) before, in percent; blank when the period before had none.")


def _goods(p: PeriodFigures) -> Section:
    columns = (Column("category", W("物资类别", "Category")), Column("units", W("件数", "Units"), K.COUNT, True),
               Column("value", W("估值", "Value"), K.MONEY, True),
               Column("unvalued", W("无法估价件数", "Units not valued"), K.COUNT, True))
    rows: tuple[tuple[str, int | None, int | None, int | None], ...] = tuple(
        (goods_category(g.code, g.name), g.units, g.value_fen, None) for g in p.total.goods_by_category)
    if p.total.unvalued_units:
        rows += (("（其中无法估价）", None, None, p.total.unvalued_units),)
    return Section(f"goods-{p.period.label}", W(f"{p.period.label} 接收物资分类", f"{p.period.label} goods by category"),
                   columns, rows)


def _relief(p: PeriodFigures) -> Section:
    columns = (Column("category", W("家庭类别", "Household category")),
               Column("households", W("户数", "Households"), K.COUNT, True),
               Column("visits", W("人次", "Person-visits"), K.COUNT, True),
               Column("value", W("物资价值", "Value"), K.MONEY, True))
    order = {code: i for i, code in enumerate(HOUSEHOLD_CATEGORIES)}
    rows = tuple((label(HOUSEHOLD_CATEGORIES, r.household_category) or "未登记", r.households, r.visits, r.value_fen)
                 for r in sorted(p.total.relief_by_category, key=lambda r: order.get(r.household_category, 99)))
    return Section(f"relief-{p.period.label}",
                   W(f"{p.period.label} 按家庭类别", f"{p.period.label} by household category"), columns, rows)


KINDS: dict[str, Kind] = {
    "stores": Kind(W("慈善超市统计汇总表", "District statistics of charity supermarkets"), (
        DONATIONS, GOODS_UNITS, GOODS_VALUE, CASH, SALES_INCOME, HOUSEHOLDS, VISITS, HANDOUT_VALUE,
        M("writeoff_units", W("报损件数", "Units written off"), K.COUNT, lambda r: r.writeoff_units), HOURS),
        (REPORTING_NOTE, PER_STORE_NOTE, APART_NOTE, CHANGE_NOTE,
         W("志愿服务时长：门店尚未记录，记为“未记录”而非零。",
           "Volunteer hours: stores do not record them yet; shown as \"not recorded\", never 0."))),
    "donations": Kind(W("捐赠接收统计表", "Donations received"), (
        DONATIONS, M("donors", W("捐赠人数", "Donors"), K.COUNT, _f("donors")), GOODS_UNITS, GOODS_VALUE,
        M("unvalued", W("无法估价件数", "Units not valued"), K.COUNT, _f("unvalued_units")),
        M("cash_donations", W("现金捐赠笔数", "Cash donations"), K.COUNT, _f("cash_donations")), CASH),
        (REPORTING_NOTE, PER_STORE_NOTE, CHANGE_NOTE,
         W("无法估价的物资只计件数，不计入估值。", "Goods that cannot be valued are counted by units only.")), _goods),
    "sales": Kind(W("义卖收入统计表（经营性收入）", "Sales income"), (
        M("sales", W("销售笔数", "Sales"), K.COUNT, _f("sales")),
        M("sales_fen", W("销售金额", "Sales amount"), K.MONEY, _f("sales_fen")),
        M("returns", W("退货笔数", "Returns"), K.COUNT, _f("returns")),
        M("returns_fen", W("退款金额", "Refunded"), K.MONEY, _f("returns_fen")), SALES_INCOME,
        M("voided", W("作废笔数", "Voided"), K.COUNT, _f("voided"))),
        (REPORTING_NOTE, APART_NOTE, CHANGE_NOTE,
         W("销售收入净额 = 销售金额 − 退款金额（退款计入退款当月）。",
           "Sales income = sales less refunds (a refund counts in the month it was made)."))),
    "handouts": Kind(W("困难群众帮扶统计表", "Relief handouts"), (
        HOUSEHOLDS, VISITS, M("units", W("发放件数", "Units"), K.COUNT, _f("handout_units")), HANDOUT_VALUE),
        (REPORTING_NOTE, PER_STORE_NOTE, CHANGE_NOTE), _relief),
    "funds": Kind(W("善款收支统计表", "Donated cash received and used"), (
        CASH, FUNDS_USED, M("left", W("期末善款结余", "Donated cash left"), K.MONEY, _f("funds_left_fen"))),
        (REPORTING_NOTE, APART_NOTE, CHANGE_NOTE,
         W("善款结余为截至期末累计收到的现金捐赠减去累计使用。",
           "Donated cash left: all cash donated up to the period's end less all of it used."))),
    "writeoffs": Kind(W("物资报损统计表", "Goods written off"), (
        M("writeoffs", W("报损笔数", "Write-offs"), K.COUNT, lambda r: r.writeoffs), WRITEOFF_UNITS),
        (REPORTING_NOTE, CHANGE_NOTE,
         W("报损为门店库存变动中原因为“报损核销”的记录；门店尚未记录时为零。",
           "Write-offs are stock movements of reason write-off; 0 while stores record none."))),
}


def kinds() -> tuple[str, ...]:
    return tuple(KINDS)


def _row(s: StoreFigures) -> Row:
    return Row(s.figures, s.writeoffs, s.writeoff_units, s.volunteer_hours)


def _total(p: PeriodFigures) -> Row:
    return Row(p.total, p.writeoffs, p.writeoff_units, p.volunteer_hours)


def _columns(kind: Kind) -> tuple[Column, ...]:
    measures = tuple(Column(m.key, m.title, m.kind, total=m.kind is not K.TEXT) for m in kind.measures)
    changes = tuple(Column(f"{m.key}_change", W(f"{m.title.zh}环比", f"{m.title.en}: change"), K.PERCENT)
                    for m in kind.measures if m.compared)
    return measures + changes


def _values(kind: Kind, now: Row, before: Row | None) -> tuple[Cell, ...]:
    values = tuple(m.value(now) for m in kind.measures)
    changes = tuple(None if before is None else change(int(m.value(now) or 0), int(m.value(before) or 0))  # type: ignore[arg-type]  # compared: numbers
                    for m in kind.measures if m.compared)
    return values + changes


def _over_time(key: str, title: W, kind: Kind, periods: list[PeriodFigures],
               found: dict[Period, PeriodFigures]) -> Section:
    columns = (Column("period", W("期间", "Period")), Column("reporting", W("报送门店", "Stores reporting"), K.COUNT),
               Column("stores", W("门店数", "Stores"), K.COUNT)) + _columns(kind)
    rows = tuple((p.period.label, p.reporting, len(p.stores))
                 + _values(kind, _total(p), _total(found[p.period.before()])) for p in periods)
    return Section(key, title, columns, rows, totals=False)


def _month(kind: Kind, p: PeriodFigures, before: PeriodFigures) -> Section:
    columns = (Column("code", W("门店编号", "Store")), Column("name", W("门店", "Name")),
               Column("reporting", W("报送", "Reporting"))) + _columns(kind)
    earlier = {s.code: s for s in before.stores}
    rows = tuple((s.code, s.name, "是" if s.reporting else "否")
                 + _values(kind, _row(s), _row(earlier[s.code]) if s.code in earlier else None) for s in p.stores)
    return Section(f"month-{p.period.label}", W(f"{p.period.label} 分门店", f"{p.period.label} by store"), columns, rows)


def build(db: HubDatabase, kind_name: str, months: list[Period]) -> Report:
    """The report ``kind_name`` of the months given (``figures.parse_months``); UnknownReport for another kind."""
    kind = KINDS.get(kind_name)
    if kind is None:
        raise UnknownReport(kind=kind_name, kinds=list(KINDS))
    spans = quarters(months)
    wanted = list(dict.fromkeys([*months, *spans, *(p.before() for p in months + spans)]))
    found = {f.period: f for f in period_figures(db, wanted)}
    by_month = [found[m] for m in months]
    sections = [_over_time("district", W("全区逐月汇总", "The district month by month"), kind, by_month, found),
                _over_time("quarters", W("全区分季度汇总", "The district by quarter"), kind,
                           [found[q] for q in spans], found)]
    for p in by_month:
        sections.append(_month(kind, p, found[p.period.before()]))
        if kind.breakdown is not None:
            extra = kind.breakdown(p)
            if extra is not None:
                sections.append(extra)
    district = by_month[0].district
    title = W(f"{district}{kind.title.zh}", f"{district}: {kind.title.en}")
    return Report(kind_name, title, district, "全区", Filters(months[0].start, months[-1].end),
                  tuple(sections), notes=kind.notes, landscape=True,
                  extra={"district": district, "months": [m.label for m in months]})
