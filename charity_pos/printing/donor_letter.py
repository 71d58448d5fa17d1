"""The donor statement (捐赠反馈函) as a one-page A4 letter in Chinese: what
the donor gave in the year, what became of it, and the store's thanks.

It names no household: handouts appear as units and a count of households.
A donor with many donations in a year sees the first ones listed and the
rest summed in one line, so the letter stays on one page.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from charity_pos.domain.money import format_fen
from charity_pos.printing.fonts import register_font
from charity_pos.printing.pages import training_watermark
from charity_pos.domain.vocabulary import TRAINING
from charity_pos.domain.documents import DonorStatement

#: Donations listed one by one; the rest are summed in one line.
MAX_ROWS = 12
GREY = colors.Color(0.45, 0.45, 0.45)
HEAD_FILL = colors.Color(0.93, 0.93, 0.93)
RULE = colors.Color(0.2, 0.2, 0.2)


def _date(day) -> str:  # type: ignore[no-untyped-def]
    return f"{day.year}年{day.month}月{day.day}日"


def _yuan(fen: int) -> str:
    return format_fen(fen)  # ¥1,234.50


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def letter_lines(doc: DonorStatement) -> list[str]:
    """What became of the gift, one sentence a line (also what tests read)."""
    lines = []
    if doc.units:
        lines.append(f"您共捐赠物资 {doc.units} 件，估值 {_yuan(doc.goods_value_fen)}。截至 {_date(doc.issued_on)}，其中：")
        lines.append(f"· 已义卖 {doc.sold} 件，所得善款 {_yuan(doc.raised_fen)}；")
        lines.append(f"· 已无偿发放 {doc.handed_out} 件，惠及 {doc.households} 户困难家庭；")
        if doc.transferred:
            lines.append(f"· 调往区内其他慈善超市继续义卖或发放 {doc.transferred} 件；")
        lines.append(f"· 仍在货架上待售或待发放 {doc.on_shelf} 件；")
        if doc.written_off:  # 报损: a W document says why, unit by unit
            lines.append(f"· 因破损、过期等原因报损 {doc.written_off} 件，均有报损单记录；")
        if doc.counted_missing:
            lines.append(f"· 盘点{'短缺' if doc.counted_missing > 0 else '盘盈'} {abs(doc.counted_missing)} 件。")
    if doc.cash_fen:
        lines.append(f"您捐赠的现金 {_yuan(doc.cash_fen)} 已计入本店的捐赠收入，与义卖等经营收入分开核算。")
    return lines


def render_donor_letter(doc: DonorStatement, out: str | Path | BinaryIO) -> None:
    """Write the letter as a PDF to ``out`` (a path or a binary file)."""
    font = register_font()
    base = ParagraphStyle("body", fontName=font, fontSize=11, leading=17, wordWrap="CJK", alignment=TA_LEFT)
    st = {
        "store": ParagraphStyle("store", parent=base, fontSize=12, alignment=TA_CENTER, textColor=GREY),
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=4 * mm),
        "body": ParagraphStyle("para", parent=base, firstLineIndent=22),
        "plain": base,
        "item": ParagraphStyle("item", parent=base, leftIndent=8 * mm),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "num": ParagraphStyle("num", parent=base, fontSize=9, leading=12, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontSize=9, leading=12, alignment=TA_CENTER),
        "sign": ParagraphStyle("sign", parent=base, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11, textColor=GREY),
    }
    target = str(out) if isinstance(out, Path) else out
    template = SimpleDocTemplate(
        target, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=18 * mm, bottomMargin=16 * mm,
        title=f"捐赠反馈函 {doc.year}", author=doc.store_name, subject="捐赠反馈函", creator="charity-pos",
        pageCompression=1, initialFontName=font)
    story: list[Flowable] = [_p(TRAINING, st["title"])] if doc.training else []
    story += [_p(doc.store_name, st["store"]), Spacer(1, 2 * mm), _p("捐赠反馈函", st["title"]),
             _p(f"尊敬的{doc.donor_name}：", st["plain"]), Spacer(1, 2 * mm),
             _p(f"衷心感谢您在 {doc.year} 年对{doc.store_name}的爱心捐赠！您的每一份捐赠，我们都逐件登记、"
                "贴码入库，去向全程可查。现将您的捐赠及其去向反馈如下。", st["body"]),
             Spacer(1, 3 * mm), _p("一、您的捐赠", st["plain"]), Spacer(1, 1.5 * mm),
             _table(doc, st), Spacer(1, 4 * mm), _p("二、捐赠的去向", st["plain"]), Spacer(1, 1.5 * mm)]
    story += [_p(line, st["item"] if line.startswith("·") else st["plain"]) for line in letter_lines(doc)]
    story += [Spacer(1, 4 * mm),
              _p("您的善举已经化作对社区困难家庭的实际帮助。我们将继续公开、透明地管好用好每一份爱心，"
                 "欢迎您继续关注和支持慈善超市。再次向您表示诚挚的谢意！", st["body"]),
              Spacer(1, 10 * mm), _p(doc.store_name, st["sign"]), _p(_date(doc.issued_on), st["sign"]),
              Spacer(1, 10 * mm),
              _p("说明：物资去向按本店销售、发放和盘点记录逐件统计；为保护受助家庭的隐私，本函不列出任何受助人信息。"
                 "义卖所得已扣除退货。", st["small"])]
    def mark(c, _doc) -> None:  # type: ignore[no-untyped-def]
        if doc.training:
            training_watermark(c, A4[0], A4[1], font)

    template.build(story, onFirstPage=mark, onLaterPages=mark)


def _table(doc: DonorStatement, st: dict[str, ParagraphStyle]) -> Table:
    rows: list[list[Paragraph | str]] = [[_p(h, st["head"]) for h in ("捐赠编号", "日期", "收据号码", "物资（件）", "物资估值", "现金")]]
    shown, rest = doc.donations[:MAX_ROWS], doc.donations[MAX_ROWS:]
    for d in shown:
        rows.append([_p(d.number, st["cell"]), _p(d.received_on.isoformat(), st["cell"]),
                     _p("、".join(d.receipts) or "—", st["cell"]), _p(str(d.units), st["num"]),
                     _p(_yuan(d.goods_value_fen), st["num"]), _p(_yuan(d.cash_fen) if d.cash_fen else "—", st["num"])])
    if rest:
        rows.append([_p(f"另有 {len(rest)} 笔捐赠", st["cell"]), "", "",
                     _p(str(sum(d.units for d in rest)), st["num"]),
                     _p(_yuan(sum(d.goods_value_fen for d in rest)), st["num"]),
                     _p(_yuan(sum(d.cash_fen for d in rest)), st["num"])])
    rows.append([_p(f"合计 {len(doc.donations)} 笔", st["cell"]), "", "", _p(str(doc.units), st["num"]),
                 _p(_yuan(doc.goods_value_fen), st["num"]), _p(_yuan(doc.cash_fen), st["num"])])
    table = Table(rows, colWidths=[40 * mm, 22 * mm, 40 * mm, 18 * mm, 22 * mm, 20 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("SPAN", (0, -1), (2, -1)),
        *([("SPAN", (0, -2), (2, -2))] if rest else []),
    ]))
    return table
