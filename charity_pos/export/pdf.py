"""A report as a PDF (ReportLab platypus): A4, landscape when the report is
wide; on every page the store, the title and the period above and
"第 N 页 / 共 M 页" below; tables whose header row repeats on each page,
money right-aligned as ¥1,234.50, long text wrapped, a totals row and the
notes. Set in the embedded Chinese font (``printing.fonts``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from charity_pos.export.cells import period_text, section_title, shown, store_text, totals
from charity_pos.printing.fonts import register_font
from charity_pos.printing.pages import Footer, PageMarks, numbered
from charity_pos.reports.table import ColumnKind, Report, Section

MARGIN = 12 * mm
HEADER_H = 16 * mm
FOOTER_H = 10 * mm
SIZE = 8
PAD = 3  # points each side of a cell
GREY = colors.Color(0.4, 0.4, 0.4)
HEAD_FILL = colors.Color(0.9, 0.9, 0.9)
TOTAL_FILL = colors.Color(0.95, 0.95, 0.95)
NUMERIC = (ColumnKind.MONEY, ColumnKind.COUNT, ColumnKind.PERCENT)
NOTHING = "（本期无记录）"


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=font, fontSize=SIZE, leading=SIZE + 2.5, wordWrap="CJK", alignment=TA_LEFT)
    return {
        "cell": base,
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, alignment=TA_CENTER),
        "section": ParagraphStyle("section", parent=base, fontSize=11, leading=15, spaceBefore=4, spaceAfter=3),
        "note": ParagraphStyle("note", parent=base, textColor=GREY, leading=SIZE + 3),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def column_widths(section: Section, font: str, available: float) -> list[float]:
    """Each column as wide as its content (text columns at most a third of
    the page, wrapping beyond), then stretched or shrunk to the page."""
    natural: list[float] = []
    for index, column in enumerate(section.columns):
        texts = [column.title.zh, *(shown(column, row[index]) for row in section.rows)]
        width = max(stringWidth(t, font, SIZE) for t in texts) + 2 * PAD + 1
        natural.append(min(width, available / 3) if column.kind is ColumnKind.TEXT else width)
    total = sum(natural) or 1.0
    if total <= available:
        return [w * available / total for w in natural]
    wrapping = [i for i, c in enumerate(section.columns) if c.kind is ColumnKind.TEXT]
    fixed = sum(w for i, w in enumerate(natural) if i not in wrapping)
    room = available - fixed
    text_total = sum(natural[i] for i in wrapping)
    if wrapping and room > 0:
        floor = [stringWidth(section.columns[i].title.zh, font, SIZE) + 2 * PAD for i in wrapping]
        if room >= sum(floor):
            widths = list(natural)
            for i in wrapping:
                widths[i] = natural[i] * room / text_total
            return widths
    return [w * available / total for w in natural]


def _table(section: Section, font: str, available: float, st: dict[str, ParagraphStyle]) -> Table:
    columns = section.columns
    data: list[list[object]] = [[_p(c.title.zh, st["head"]) for c in columns]]
    for row in section.rows:
        data.append([_p(shown(c, v), st["right"] if c.kind in NUMERIC else st["cell"])
                     for c, v in zip(columns, row, strict=True)])
    total = totals(section)
    if total is not None:
        data.append([_p(shown(c, v), st["right"] if c.kind in NUMERIC else st["cell"])
                     for c, v in zip(columns, total, strict=True)])
    if not section.rows:
        data.insert(1, [_p(NOTHING, st["cell"])] + [""] * (len(columns) - 1))
    table = Table(data, colWidths=column_widths(section, font, available), repeatRows=1)
    style: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, GREY),
    ]
    if not section.rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    if total is not None:
        style += [("BACKGROUND", (0, -1), (-1, -1), TOTAL_FILL), ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black)]
    table.setStyle(TableStyle(style))
    return table


def _header(report: Report, font: str, pagesize: tuple[float, float]) -> PageMarks:
    """Each page's header: the title, the store and the period, over a rule."""
    width, height = pagesize

    def draw(c: Canvas, _number: int, _total: int) -> None:
        top = height - MARGIN
        c.setFont(font, 14)
        c.drawCentredString(width / 2, top - 14, report.title.zh)
        c.setFont(font, 9)
        c.drawString(MARGIN, top - 30, store_text(report))
        c.drawRightString(width - MARGIN, top - 30, period_text(report))
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.8)
        c.line(MARGIN, top - HEADER_H + 8, width - MARGIN, top - HEADER_H + 8)

    return draw


def _signatures(report: Report, font: str, available: float) -> Table:
    """A line to sign and one to date for each who signs, side by side, kept together on one page."""
    cells = [[f"{who.zh}：", "", "日期：", ""] for who in report.signatures]
    row: list[object] = [cell for each in cells for cell in each]
    share = available / len(report.signatures)
    widths = [w * share for w in (0.32, 0.33, 0.1, 0.25)] * len(report.signatures)
    table = Table([row], colWidths=widths, spaceBefore=10 * mm)
    style: list[Any] = [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 10),
                        ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
    for index in range(len(report.signatures)):
        style += [("LINEBELOW", (4 * index + 1, 0), (4 * index + 1, 0), 0.6, colors.black),
                  ("LINEBELOW", (4 * index + 3, 0), (4 * index + 3, 0), 0.6, colors.black)]
    table.setStyle(TableStyle(style))
    return table


def write_pdf(report: Report, path: Path) -> None:
    font = register_font()
    pagesize = landscape(A4) if report.landscape else A4
    width, height = pagesize
    available = width - 2 * MARGIN
    template = BaseDocTemplate(
        str(path), pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + HEADER_H,
        bottomMargin=MARGIN + FOOTER_H, title=report.title.zh, author=report.store_name,
        subject=f"{store_text(report)} {period_text(report)}", creator="charity-pos", pageCompression=1,
        initialFontName=font)
    frame = Frame(MARGIN, MARGIN + FOOTER_H - 4 * mm, available, height - 2 * MARGIN - HEADER_H - FOOTER_H + 4 * mm,
                  id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    st = _styles(font)
    story: list[Flowable] = []
    for section in report.sections:
        if len(report.sections) > 1 or section.title.zh != report.title.zh:
            story.append(_p(section_title(report, section), st["section"]))
        story += [_table(section, font, available, st), Spacer(1, 4 * mm)]
    for note in report.notes:
        story.append(_p(note.zh, st["note"]))
    if report.signatures:
        story.append(_signatures(report, font, available))
    if not story:
        story.append(_p(NOTHING, st["cell"]))
    footer = Footer("", font, 8, GREY, MARGIN - 2 * mm, MARGIN, width - MARGIN, pagesize, centred=True,
                    header=_header(report, font, pagesize))
    template.build(story, canvasmaker=numbered(footer))
