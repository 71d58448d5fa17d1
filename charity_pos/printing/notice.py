"""The monthly public notice (公示) as an A4 PDF to post on the wall, laid
out from its content (``domain.notice``, made by ``reports.notice``; the web
page shows the same)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle

from charity_pos.domain import notice as content
from charity_pos.domain.notice import NoticePaper
from charity_pos.printing.fonts import register_font
from charity_pos.printing.pages import Footer, numbered

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
WIDTH = PAGE_W - 2 * MARGIN
GREY = colors.Color(0.4, 0.4, 0.4)
RED = colors.Color(0.72, 0.1, 0.1)
HEAD_FILL = colors.Color(0.92, 0.92, 0.92)
TOTAL_FILL = colors.Color(0.96, 0.96, 0.96)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK", alignment=TA_LEFT)
    return {
        "body": base,
        "title": ParagraphStyle("title", parent=base, fontSize=20, leading=26, alignment=TA_CENTER, textColor=RED),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=20, alignment=TA_CENTER),
        "meta": ParagraphStyle("meta", parent=base, fontSize=9.5, leading=14, alignment=TA_CENTER, textColor=GREY),
        "heading": ParagraphStyle("heading", parent=base, fontSize=13, leading=18, spaceBefore=8, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13),
        "num": ParagraphStyle("num", parent=base, fontSize=9.5, leading=13, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontSize=9.5, leading=13, alignment=TA_CENTER),
        "code": ParagraphStyle("code", parent=base, fontSize=9, leading=13, wordWrap=None, alignment=TA_CENTER),
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=13, textColor=GREY),
        "sign": ParagraphStyle("sign", parent=base, alignment=TA_RIGHT),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(table: content.Table, font: str, st: dict[str, ParagraphStyle]) -> Table:
    data: list[list[object]] = [[_p(c, st["head"]) for c in table.columns]]
    data += [[_p(v, st["num"] if table.numeric[i] else st["cell"]) for i, v in enumerate(row)] for row in table.rows]
    weights = [3.0 if not numeric else 1.6 for numeric in table.numeric]
    if len(table.columns) == 5:  # the uses of donated cash: date, number, use, purpose, amount
        weights = [1.6, 2.6, 1.8, 4.2, 1.6]
    widths = [WIDTH * w / sum(weights) for w in weights]
    result = Table(data, colWidths=widths, repeatRows=1)
    style: list[Any] = [("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.5, GREY),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5)]
    if table.totals:
        style += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL), ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black)]
    result.setStyle(TableStyle(style))
    return result


def _story(notice: NoticePaper, font: str) -> list[Flowable]:
    st = _styles(font)
    where, when = notice.heading
    story: list[Flowable] = [_p(notice.store_name, st["title"]), _p(notice.title, st["subtitle"]),
                             _p(where, st["meta"]), _p(when, st["meta"]), Spacer(1, 4 * mm)]
    for block in notice.blocks:
        part: list[Flowable] = [_p(block.heading, st["heading"])]
        part += [_p(line, st["body"]) for line in block.lines]
        if block.code:
            part.append(_p(block.code, st["code"]))
        if block.table is not None:
            part += [Spacer(1, 1.5 * mm), _table(block.table, font, st), Spacer(1, 1.5 * mm)]
        part += [_p(line, st["body"] if not block.code else st["small"]) for line in block.after]
        long = block.table is not None and len(block.table.rows) > 15
        story += part if long else [KeepTogether(part)]  # a short block is not split across pages
    story += [Spacer(1, 6 * mm), _p(notice.footer, st["small"]), Spacer(1, 8 * mm),
              _p(f"发布单位（盖章）：{notice.store_name}", st["sign"]), _p("发布日期：　　　年　　月　　日", st["sign"])]
    return story


def render_notice(notice: NoticePaper, out: str | Path | BinaryIO) -> None:
    """Write the notice as an A4 PDF to ``out`` (a path or a binary file)."""
    font = register_font()
    template = BaseDocTemplate(
        str(out) if isinstance(out, Path) else out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=16 * mm, bottomMargin=18 * mm, title=f"{notice.store_name} {notice.title}",
        author=notice.store_name, subject=notice.month, creator="charity-pos", pageCompression=1,
        initialFontName=font)
    frame = Frame(MARGIN, 18 * mm, WIDTH, PAGE_H - 34 * mm, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="notice", frames=[frame])])
    footer = Footer(f"{notice.store_name} {notice.title}", font, 8, GREY, 10 * mm, MARGIN, PAGE_W - MARGIN,
                    (PAGE_W, PAGE_H))
    template.build(_story(notice, font), canvasmaker=numbered(footer))
