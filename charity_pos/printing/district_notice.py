"""The district's monthly public notice (公示) as an A4 PDF: the district's
blocks, then each store's, set as a store's own notice is
(``printing.notice``) from its content (``domain.notice``, made by
``reports.district_notice`` from what ``hub.notice`` gathers)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate, Spacer

from charity_pos.domain.notice import Block, DistrictNoticePaper
from charity_pos.printing.fonts import register_font
from charity_pos.printing.notice import GREY, MARGIN, PAGE_H, PAGE_W, WIDTH, _p, _styles, _table
from charity_pos.printing.pages import Footer, numbered


def _blocks(blocks: tuple[Block, ...], font: str, st: dict) -> list[Flowable]:  # type: ignore[type-arg]
    story: list[Flowable] = []
    for block in blocks:
        part: list[Flowable] = [_p(block.heading, st["heading"])]
        part += [_p(line, st["body"]) for line in block.lines]
        if block.code:
            part.append(_p(block.code, st["code"]))
        if block.table is not None:
            part += [Spacer(1, 1.5 * mm), _table(block.table, font, st), Spacer(1, 1.5 * mm)]
        part += [_p(line, st["small"]) for line in block.after]
        long = block.table is not None and len(block.table.rows) > 15
        story += part if long else [KeepTogether(part)]
    return story


def _story(notice: DistrictNoticePaper, font: str) -> list[Flowable]:
    st = _styles(font)
    story: list[Flowable] = [_p(f"{notice.district}慈善超市", st["title"]),
                             _p(f"{notice.start.year}年{notice.start.month}月 公示", st["subtitle"]),
                             _p(f"公示期间：{notice.start.isoformat()} 至 {notice.end.isoformat()}", st["meta"]),
                             Spacer(1, 4 * mm)]
    story += _blocks(notice.blocks, font, st)
    for store in notice.stores:
        story += [CondPageBreak(60 * mm), Spacer(1, 5 * mm), _p(store.name, st["subtitle"]),
                  _p(f"{store.name}（{store.code}）", st["meta"])]
        story += _blocks(store.blocks, font, st)
    story += [Spacer(1, 6 * mm), _p(notice.footer, st["small"]), Spacer(1, 8 * mm),
              _p(f"发布单位（盖章）：{notice.district}民政局", st["sign"]), _p("发布日期：　　　年　　月　　日", st["sign"])]
    return story


def render_district_notice(notice: DistrictNoticePaper, out: str | Path | BinaryIO) -> None:
    """Write the district's notice as an A4 PDF to ``out`` (a path or a binary file)."""
    font = register_font()
    template = BaseDocTemplate(
        str(out) if isinstance(out, Path) else out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=16 * mm, bottomMargin=18 * mm, title=notice.title, author=notice.district, subject=notice.month,
        creator="charity-pos", pageCompression=1, initialFontName=font)
    frame = Frame(MARGIN, 18 * mm, WIDTH, PAGE_H - 34 * mm, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="notice", frames=[frame])])
    footer = Footer(notice.title, font, 8, GREY, 10 * mm, MARGIN, PAGE_W - MARGIN, (PAGE_W, PAGE_H))
    template.build(_story(notice, font), canvasmaker=numbered(footer))
