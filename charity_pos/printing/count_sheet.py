"""Count sheets (盘点表): A4 pages for counting by hand, in shelf order.

Each line has the item's barcode (drawn as the labels draw it, so a
volunteer can scan it off the sheet), its shelf, name and unit, and an empty
box for the quantity; never what the books say (a blind count). Every page
carries the count's number, what it covers, the date, 第 N 页 / 共 M 页 and
the lines to sign: counted by (盘点人) and checked by (复核人).
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from charity_pos.domain.stock_count import CountSheet, SheetLine
from charity_pos.errors import InvalidBarcode
from charity_pos.printing.barcode_drawing import BarcodeLayout, draw_barcode, encode
from charity_pos.printing.fonts import register_font
from charity_pos.printing.pages import page_number
from charity_pos.printing.text_fit import draw_fitted, fit

WIDTH, HEIGHT = A4
MARGIN = 15 * mm
ROW = 17 * mm
HEADER = 30 * mm
FOOTER = 28 * mm
#: lines on a page: what fits between the header and the signatures
PER_PAGE = int((HEIGHT - 2 * MARGIN - HEADER - FOOTER) // ROW)
#: where each column starts, from the left margin
COLUMNS = {"no": 0, "barcode": 8 * mm, "location": 44 * mm, "name": 64 * mm, "unit": 132 * mm, "box": 145 * mm}
BOX_WIDTH = WIDTH - 2 * MARGIN - COLUMNS["box"]
SCOPES = {"all": "全部商品", "category": "品类", "location": "货位"}


def scope_text(sheet: CountSheet) -> str:
    return SCOPES.get(sheet.scope, sheet.scope) + (f"：{sheet.scope_value}" if sheet.scope_value else "")


def render_count_sheet(sheet: CountSheet, out: str | Path | BinaryIO) -> None:
    """Write the count sheets as a PDF to ``out``. A count with no goods still prints one page, saying so."""
    font = register_font()
    target = str(out) if isinstance(out, Path) else out
    canvas = Canvas(target, pagesize=A4, pageCompression=1, initialFontName=font)  # type: ignore[arg-type]  # a font's name
    canvas.setTitle(f"盘点表 {sheet.number}")
    canvas.setAuthor(sheet.store_name)
    canvas.setCreator("charity-pos")
    pages = [sheet.lines[i:i + PER_PAGE] for i in range(0, len(sheet.lines), PER_PAGE)] or [()]
    for number, lines in enumerate(pages, start=1):
        _header(canvas, sheet, font, number, len(pages))
        top = HEIGHT - MARGIN - HEADER
        if not lines:
            canvas.setFont(font, 12)
            canvas.drawString(MARGIN, top - ROW / 2, "此范围内没有商品。")
        for index, line in enumerate(lines):
            _line(canvas, line, font, (number - 1) * PER_PAGE + index + 1, top - (index + 1) * ROW)
        _signatures(canvas, font)
        canvas.showPage()
    canvas.save()


def _header(canvas: Canvas, sheet: CountSheet, font: str, number: int, total: int) -> None:
    top = HEIGHT - MARGIN
    canvas.setFont(font, 16)
    canvas.drawString(MARGIN, top - 16, f"{sheet.store_name}  盘点表")
    canvas.setFont(font, 10)
    canvas.drawRightString(WIDTH - MARGIN, top - 14, page_number(number, total))
    canvas.drawString(MARGIN, top - 32, f"盘点单号：{sheet.number}    范围：{scope_text(sheet)}    "
                                        f"日期：{sheet.printed_on.isoformat()}")
    canvas.drawString(MARGIN, top - 46, "请逐件清点，在方框内填写实盘数量；无货填 0。扫码枪可直接扫描本表条码。")
    y = top - HEADER + 4
    canvas.setFont(font, 9)
    for key, title in (("no", "序"), ("barcode", "条码"), ("location", "货位"), ("name", "品名"), ("unit", "单位"),
                       ("box", "实盘数量")):
        canvas.drawString(MARGIN + COLUMNS[key], y, title)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, y - 3, WIDTH - MARGIN, y - 3)


def _line(canvas: Canvas, line: SheetLine, font: str, index: int, bottom: float) -> None:
    middle = bottom + ROW / 2
    canvas.setFont(font, 9)
    canvas.drawString(MARGIN + COLUMNS["no"], middle - 3, str(index))
    try:
        encoded = encode(line.barcode)
    except InvalidBarcode:
        canvas.setFont(font, 9)
        canvas.drawString(MARGIN + COLUMNS["barcode"], middle - 3, line.barcode or "—")
    else:
        module = min(0.264 * mm, 34 * mm / encoded.total_modules)
        layout = BarcodeLayout(encoded, module, 8 * mm, font, 7)
        draw_barcode(canvas, layout, MARGIN + COLUMNS["barcode"], bottom + (ROW - layout.height) / 2)
    canvas.setFont(font, 11)
    canvas.drawString(MARGIN + COLUMNS["location"], middle - 4, line.location or "—")
    name_width = COLUMNS["unit"] - COLUMNS["name"] - 2 * mm
    fitted = fit(line.name, font, width=name_width, max_size=11, min_size=7, max_lines=2, height=ROW - 2 * mm)
    height = len(fitted.lines) * fitted.leading
    draw_fitted(canvas, fitted, MARGIN + COLUMNS["name"], middle + height / 2, name_width, font)
    canvas.setFont(font, 11)
    canvas.drawString(MARGIN + COLUMNS["unit"], middle - 4, line.unit)
    canvas.setLineWidth(1)
    canvas.rect(MARGIN + COLUMNS["box"], bottom + 3 * mm, BOX_WIDTH, ROW - 6 * mm)
    canvas.setLineWidth(0.3)
    canvas.line(MARGIN, bottom, WIDTH - MARGIN, bottom)


def _signatures(canvas: Canvas, font: str) -> None:
    y = MARGIN + 10 * mm
    canvas.setFont(font, 11)
    for x, title in ((MARGIN, "盘点人（签字）："), (WIDTH / 2, "复核人（签字）：")):
        canvas.drawString(x, y, title)
        canvas.setLineWidth(0.6)
        canvas.line(x + 32 * mm, y - 2, x + 80 * mm, y - 2)
    canvas.setFont(font, 8)
    canvas.drawString(MARGIN, MARGIN, "盘点表不显示账面数量（盲盘）。差异以系统盘点差异表为准。")
