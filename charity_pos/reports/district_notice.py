"""The district's monthly public notice (公示), its content: per store and in
total, the donations received, goods sold, relief given, donated cash and
its use, and each store's journal head at the month's end, as the blocks a
store's own notice is laid out from (``domain.notice.Block``). The hub
builds it from what stores reported (``hub.notice``); the PDF
(``printing.district_notice``) and the web site (``export.district_notice_html``)
lay out the same blocks. No personal data: the figures only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from charity_pos.domain.money import format_fen
from charity_pos.domain.notice import Block, DistrictNoticePaper, StoreSection, Table
from charity_pos.reports.figures import Figures
from charity_pos.reports.notice import JournalHead
from charity_pos.reports.words import HOUSEHOLD_CATEGORIES, label


@dataclass(frozen=True)
class StoreNotice:
    code: str
    name: str
    short_name: str
    reporting: bool
    figures: Figures
    head: JournalHead | None

    @property
    def page(self) -> str:
        """The store's page of the web site: a plain file name whatever its code holds."""
        return "store-" + re.sub(r"[^A-Za-z0-9_-]", "_", self.code) + ".html"


@dataclass(frozen=True)
class DistrictNotice:
    district: str
    start: date
    end: date
    stores: tuple[StoreNotice, ...]
    total: Figures

    @property
    def month(self) -> str:
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def title(self) -> str:
        return f"{self.district}慈善超市 {self.start.year}年{self.start.month}月 公示"

    @property
    def reporting(self) -> int:
        return sum(1 for s in self.stores if s.reporting)


def _n(value: int) -> str:
    return f"{value:,}"


CHECK = ("每家门店的电子台账日志逐条以哈希值相连，已报送到区里的每一条都保存在区平台。事后改动本月任何一笔记录，"
         "该店月末的哈希值都会改变：任何人都可以把此处公布的条数和哈希值，与门店或区平台所存日志中同一条的哈希值"
         "核对（charity-pos verify 可从头重算），一致即说明本公示的数据公布后未被改动。")
FOOTER = "本公示只含统计数字，不含任何受助家庭和捐赠人的个人信息。如有疑问或意见，请向所在区民政部门反映。"


def _summary(f: Figures) -> tuple[str, ...]:
    lines = [f"接收捐赠 {_n(f.donations)} 笔：物资 {_n(f.goods_units)} 件，估值 {format_fen(f.goods_value_fen)}；"
             f"现金捐赠 {_n(f.cash_donations)} 笔，共 {format_fen(f.cash_donations_fen)}。",
             f"义卖销售 {_n(f.sales)} 笔，销售收入净额 {format_fen(f.sales_income_fen)}（已扣除退款 "
             f"{format_fen(f.returns_fen)}）；与捐赠收入分别核算，不合并计算。",
             f"帮扶困难家庭 {_n(f.households)} 户、{_n(f.handouts)} 人次，发放物资 {_n(f.handout_units)} 件，"
             f"价值 {format_fen(f.handout_value_fen)}。",
             f"善款使用 {format_fen(f.funds_used_fen)}，月末善款结余 {format_fen(f.funds_left_fen)}。"]
    if f.unvalued_units:
        lines.append(f"另有 {_n(f.unvalued_units)} 件捐赠物资无法估价，只计件数。")
    return tuple(lines)


def _relief(f: Figures) -> Table | None:
    order = {code: i for i, code in enumerate(HOUSEHOLD_CATEGORIES)}
    rows = tuple((label(HOUSEHOLD_CATEGORIES, r.household_category) or "未登记", _n(r.households), _n(r.visits),
                  format_fen(r.value_fen))
                 for r in sorted(f.relief_by_category, key=lambda r: order.get(r.household_category, 99)))
    if not rows:
        return None
    return Table(("家庭类别", "户数", "人次", "物资价值"),
                 rows + (("合计", _n(f.households), _n(f.handouts), format_fen(f.handout_value_fen)),),
                 (False, True, True, True), totals=True)


def district_blocks(notice: DistrictNotice) -> tuple[Block, ...]:
    t = notice.total
    stores = Table(("门店", "物资估值", "现金捐赠", "销售收入净额", "帮扶人次", "帮扶物资价值", "善款使用"),
                   tuple((s.short_name or s.name, format_fen(s.figures.goods_value_fen),
                          format_fen(s.figures.cash_donations_fen), format_fen(s.figures.sales_income_fen),
                          _n(s.figures.handouts), format_fen(s.figures.handout_value_fen),
                          format_fen(s.figures.funds_used_fen)) for s in notice.stores)
                   + (("全区合计", format_fen(t.goods_value_fen), format_fen(t.cash_donations_fen),
                       format_fen(t.sales_income_fen), _n(t.handouts), format_fen(t.handout_value_fen),
                       format_fen(t.funds_used_fen)),),
                   (False, True, True, True, True, True, True), totals=True)
    heads = Table(("门店", "月末日志条数", "该条日志的哈希值"),
                  tuple((s.short_name or s.name, _n(s.head.seq) if s.head else "—", s.head.hash if s.head else "本月末尚无日志")
                        for s in notice.stores), (False, True, False))
    return (
        Block("一、全区汇总", (f"全区 {_n(len(notice.stores))} 家慈善超市，本月 {_n(notice.reporting)} 家已报送数据。",)
              + _summary(t)),
        Block("二、各门店情况", ("金额单位：元。帮扶户数按门店分别计数。",), stores),
        Block("三、困难群众帮扶（按家庭类别）", (), _relief(t), () if t.relief_by_category else ("本月无帮扶记录。",)),
        Block("四、数据核验", ("截至本月末，各门店报送到区平台的电子台账日志：",), heads, (CHECK,)),
    )


def store_blocks(notice: DistrictNotice, store: StoreNotice) -> tuple[Block, ...]:
    f = store.figures
    if store.head is None:
        check = Block("三、数据核验", ("截至本月末，区平台尚无本店日志。",))
    else:
        check = Block("三、数据核验", (f"截至本月末，本店报送到区平台的电子台账日志共 {_n(store.head.seq)} 条，"
                                  f"第 {store.head.seq} 条的哈希值为：",), code=store.head.hash, after=(CHECK,))
    return (
        Block("一、本月情况", (() if store.reporting else ("本店本月尚未报送数据，以下为区平台已收到的部分。",))
              + _summary(f)),
        Block("二、困难群众帮扶（按家庭类别）", (), _relief(f), () if f.relief_by_category else ("本月无帮扶记录。",)),
        check,
    )


def paper(notice: DistrictNotice) -> DistrictNoticePaper:
    """The notice as its PDF sets it out (``printing.district_notice``)."""
    return DistrictNoticePaper(notice.district, notice.title, notice.month, notice.start, notice.end,
                               district_blocks(notice),
                               tuple(StoreSection(s.name, s.code, store_blocks(notice, s)) for s in notice.stores),
                               FOOTER)
