"""The monthly public notice (公示): what a store posts on its wall and
publishes each month, as plain content (``domain.notice``) that the PDF
(``printing.notice``) and the web page (``export.notice_html``) lay out the
same way.

Every figure comes from ``reports.figures``. No personal data: no
household is named or numbered; a donor is named only when they agreed
(``donor.consent_public``), everyone else is 爱心人士, counted. Donations and
sales income are shown apart (收支两条线). The journal's head hash at the
month's end lets the district confirm that the figures were not changed
after the notice was posted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import JournalEvent, Store
from charity_pos.domain.money import format_fen
from charity_pos.domain.notice import Block, NoticePaper, Table
from charity_pos.ledger.canonical import plain
from charity_pos.reports.figures import Figures, FundUseFigure, PublicDonors, figures, fund_uses, public_donors
from charity_pos.reports.period import utc_range
from charity_pos.reports.words import FUND_USES, HOUSEHOLD_CATEGORIES, UNNAMED_DONOR, label


@dataclass(frozen=True)
class JournalHead:
    """The journal's last event before the month's end: its number and hash."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Notice:
    store_name: str
    store_code: str
    district: str
    start: date
    end: date
    figures: Figures
    donors: PublicDonors
    fund_uses: tuple[FundUseFigure, ...]
    head: JournalHead | None  # None: the journal had no event by then
    #: of the sales income, what consigned goods (代销) took in: the consignors' money, never a donation
    consigned_fen: int = 0

    @property
    def month(self) -> str:
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def title(self) -> str:
        return f"{self.start.year}年{self.start.month}月 公示"

    def file_stem(self) -> str:
        return f"公示-{self.store_code}-{self.month}"


def journal_head(session: Session, before: datetime) -> JournalHead | None:
    row = session.execute(select(JournalEvent.seq, JournalEvent.hash).where(JournalEvent.at < plain(before))
                          .order_by(JournalEvent.seq.desc()).limit(1)).first()
    return None if row is None else JournalHead(row.seq, row.hash)


def build(session: Session, start: date, end: date) -> Notice:
    """The notice of the days ``start`` to ``end`` (a month), in one read."""
    from charity_pos.reports.consignment import consigned_income

    store = session.scalars(select(Store)).one()
    return Notice(store.name, store.code, store.district, start, end, figures(session, start, end),
                  public_donors(session, start, end), fund_uses(session, start, end),
                  journal_head(session, utc_range(start, end)[1]), consigned_income(session, start, end))


# --- the content, as the papers show it ------------------------------------------------------------
_ORDER = {code: index for index, code in enumerate(HOUSEHOLD_CATEGORIES)}


def _n(value: int) -> str:
    return f"{value:,}"


def blocks(notice: Notice) -> tuple[Block, ...]:
    f, d = notice.figures, notice.donors
    goods = Table(("物资类别", "件数", "估值"),
                  tuple((g.name, _n(g.units), format_fen(g.value_fen)) for g in f.goods_by_category)
                  + (("合计", _n(f.goods_units), format_fen(f.goods_value_fen)),), (False, True, True), totals=True)
    received = [f"本月接收捐赠 {_n(f.donations)} 笔：物资 {_n(f.goods_units)} 件，估值 {format_fen(f.goods_value_fen)}；"
                f"现金捐赠 {_n(f.cash_donations)} 笔，共 {format_fen(f.cash_donations_fen)}。"]
    if f.unvalued_units:
        received.append(f"其中 {_n(f.unvalued_units)} 件物资无法估价，只计件数，不计入估值。")
    donor_rows = tuple((x.name, _n(x.donations), format_fen(x.goods_value_fen), format_fen(x.cash_fen))
                       for x in d.named)
    if d.others_donations:
        donor_rows += ((UNNAMED_DONOR.zh, _n(d.others_donations), format_fen(d.others_goods_value_fen),
                        format_fen(d.others_cash_fen)),)
    donors = Block("二、爱心捐赠名单", (
        "以下列出同意公开姓名（名称）的捐赠人；其余捐赠人统称“爱心人士”，只列笔数与金额。",),
        Table(("捐赠人", "捐赠笔数", "物资估值", "现金"), donor_rows, (False, True, True, True))
        if donor_rows else None, () if donor_rows else ("本月无捐赠。",))
    sales = Block("三、义卖收入（经营性收入）", (
        f"销售 {_n(f.sales)} 笔，金额 {format_fen(f.sales_fen)}；退货 {_n(f.returns)} 笔，退款 {format_fen(f.returns_fen)}；"
        f"销售收入净额 {format_fen(f.sales_income_fen)}。",
        *((f"其中代销商品收入 {format_fen(notice.consigned_fen)}，归委托方所有（扶贫及助残代销），按月与委托方结算。",)
          if notice.consigned_fen else ()),
        "销售收入与捐赠收入分别核算（收支两条线），不合并计算。"))
    relief_rows = tuple((label(HOUSEHOLD_CATEGORIES, r.household_category), _n(r.households), _n(r.visits),
                         format_fen(r.value_fen))
                        for r in sorted(f.relief_by_category, key=lambda r: _ORDER.get(r.household_category, 99)))
    relief = Block("四、困难群众帮扶", (
        f"本月帮扶 {_n(f.households)} 户、{_n(f.handouts)} 人次，发放物资 {_n(f.handout_units)} 件，"
        f"价值 {format_fen(f.handout_value_fen)}。",),
        Table(("家庭类别", "户数", "人次", "物资价值"),
              relief_rows + (("合计", _n(f.households), _n(f.handouts), format_fen(f.handout_value_fen)),),
              (False, True, True, True), totals=True) if relief_rows else None)
    uses = tuple((u.used_on.isoformat(), u.number, label(FUND_USES, u.kind), u.purpose, format_fen(u.amount_fen))
                 for u in notice.fund_uses)
    funds = Block("五、善款使用情况", (), Table(
        ("日期", "编号", "用途", "说明", "金额"), uses + (("合计", "", "", "", format_fen(f.funds_used_fen)),),
        (False, False, False, False, True), totals=True) if uses else None,
        (("本月无善款支出。",) if not uses else ())
        + (f"本月收到现金捐赠 {format_fen(f.cash_donations_fen)}，使用 {format_fen(f.funds_used_fen)}，"
           f"月末善款结余 {format_fen(f.funds_left_fen)}。",))
    head = notice.head
    if head is None:
        check = Block("六、数据核验", ("本月末本店日志尚无记录。",))
    else:
        check = Block("六、数据核验", (f"截至本月末，本店电子台账日志共 {_n(head.seq)} 条，第 {head.seq} 条的哈希值为：",),
                      code=head.hash,
                      after=("日志逐条以哈希值相连，事后改动本月任何一笔记录，该哈希值都会改变。区民政部门可将本店报送的"
                             f"数据中第 {head.seq} 条日志的哈希值与此核对（或用 charity-pos verify 检查本店数据文件）："
                             "一致即说明本公示的数据公布后未被改动。",))
    return (Block("一、捐赠接收", tuple(received), goods if f.goods_by_category else None),
            donors, sales, relief, funds, check)


def heading_lines(notice: Notice) -> tuple[str, str]:
    """Under the title: the store and the period."""
    return (f"{notice.store_name}（{notice.store_code}）　{notice.district}",
            f"公示期间：{notice.start.isoformat()} 至 {notice.end.isoformat()}")


FOOTER = "本公示不含任何受助家庭和未同意公开的捐赠人的个人信息。如有疑问或意见，请向本店或所在区民政部门反映。"


def paper(notice: Notice) -> NoticePaper:
    """The notice as its PDF sets it out (``printing.notice``)."""
    return NoticePaper(notice.store_name, notice.title, notice.month, heading_lines(notice), blocks(notice), FOOTER)
