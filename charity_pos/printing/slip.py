"""The sales slip (销售小票) and the return slip (退货单) as a PDF for a
receipt printer.

One page as long as the slip, 80 mm or 58 mm wide (a printable width of
72 mm or 48 mm, centred), the way receipt printers print: the store, the
title, number, time, cashier and till; the lines; subtotal, ticket discount
and the total; the payments and the change; the slip's number as a Code 128
barcode, so that a return can start by scanning it; and the thanks.

Everything is black (receipt printers have no grey), in the embedded Chinese
font; text wraps and never runs outside the printable width. A reprint is
marked 重打（第N次）; a voided sale carries a black 作废 band at its head and
its foot.

The paper and the roll it is laid out on are ``printing.roll``'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from charity_pos.domain.money import format_fen
from charity_pos.domain import vocabulary
from charity_pos.printing.barcode_drawing import Code128Encoded, encode_code128
from charity_pos.domain.documents import SlipDoc, SlipLine
from charity_pos.printing.fonts import register_font
from charity_pos.printing.roll import LEADING, Roll, add_barcode, draw_text, paper_for


# --- the slip --------------------------------------------------------------
def render_slip(doc: SlipDoc, out: str | Path | BinaryIO, width_mm: int = 80) -> None:
    """Write the slip as a one-page PDF to ``out`` (a path or a binary file).

    Raises ValueError for paper other than 80 or 58 mm, and for a number
    that Code 128 cannot carry (anything but printable ASCII)."""
    paper = paper_for(width_mm)
    encoded = encode_code128(doc.number)  # checked before anything is written
    roll = Roll(paper, register_font())
    _header(roll, doc)
    roll.rule()
    for line in doc.lines:
        _item(roll, line)
    roll.rule()
    _totals(roll, doc)
    roll.rule()
    _payments(roll, doc)
    roll.rule()
    _foot(roll, doc, encoded)
    roll.render(out, title=f"{doc.title} {doc.number}", author=doc.store_name, subject=doc.at)


def _marks(doc: SlipDoc) -> list[str]:
    marks = [vocabulary.TRAINING] if doc.training else []
    return marks + ([f"重打（第{doc.reprint_count}次）"] if doc.reprint_count > 0 else [])


def _header(roll: Roll, doc: SlipDoc) -> None:
    p = roll.paper
    if doc.training:
        roll.band(vocabulary.TRAINING_BAND, p.big + 6)
        roll.space(1.5 * mm)
    if doc.void:
        roll.band("作  废", p.big + 6)
        roll.space(1.5 * mm)
    roll.text(doc.store_name, p.store, align="center", bold=True)
    roll.text(f"门店编码 {doc.store_code}", p.small, align="center")
    roll.space(0.8 * mm)
    roll.text(doc.title, p.body + 2.5, align="center", bold=True)
    roll.space(0.8 * mm)
    marks = _marks(doc)
    if marks:
        roll.boxed(marks, p.body)
    roll.space(0.6 * mm)
    roll.pair("单号", doc.number)
    if doc.original_number:
        roll.pair("原销售单", doc.original_number)
    roll.pair("时间", doc.at)
    if p.narrow:
        roll.pair("收银员", doc.cashier)
        roll.pair("收银台", doc.till)
    else:
        roll.pair(f"收银员：{doc.cashier}", f"收银台：{doc.till}", min_left=0.3)


def _quantity(q: int) -> str:
    return str(q)


def _item(roll: Roll, line: SlipLine) -> None:
    p = roll.paper
    gross = line.quantity * line.unit_price_fen
    figures = f"{_quantity(line.quantity)} × {format_fen(line.unit_price_fen)} = {format_fen(gross)}"
    if p.narrow:  # the name on its own line(s), the figures under it
        roll.text(line.name)
        _details_and_figures(roll, line, figures)
    else:  # the name beside the figures when there is room for it
        roll.pair(line.name, figures, min_left=0.4)
        _details_and_figures(roll, line, "")
    adjustment = line.amount_fen - gross
    if line.discount_fen or adjustment:
        shown = adjustment if adjustment else -line.discount_fen
        sign = "+" if shown > 0 else ""
        roll.pair("优惠", f"{sign}{format_fen(shown)}", indent=3 * mm)
    roll.space(0.6 * mm)


def _details_and_figures(roll: Roll, line: SlipLine, figures: str) -> None:
    """A row with the source tag and the list price (small, struck through)
    on the left, and the figures, if any, on the right."""
    p = roll.paper
    font, indent = roll.font, 3 * mm
    tag = line.source.strip()
    listed = format_fen(line.list_price_fen) if line.list_price_fen is not None else ""
    if not tag and not listed:
        if figures:
            roll.pair("", figures)
        return
    pad = 0.8 * mm
    tag_w = roll.width_of(tag, p.small) + 2 * pad if tag else 0.0
    listed_head = "原价 "
    listed_w = roll.width_of(listed_head + listed, p.small) if listed else 0.0
    left_w = tag_w + (1.5 * mm if tag and listed else 0) + listed_w
    fig_size = roll.shrink(figures, p.body, p.content) if figures else p.body
    fig_w = roll.width_of(figures, fig_size) if figures else 0.0
    together = left_w + indent + 2 * mm + fig_w <= p.content
    height = max(p.small + 2 * pad, fig_size if together and figures else 0) * LEADING

    def draw_details(c: Canvas, top: float, height: float) -> None:
        x = roll.left + indent
        baseline = top - height / 2 - p.small * 0.33
        if tag:
            c.saveState()
            c.setLineWidth(0.6)
            c.roundRect(x, baseline - pad - p.small * 0.12, tag_w, p.small + 2 * pad - p.small * 0.1, 0.8 * mm,
                        stroke=1, fill=0)
            c.restoreState()
            draw_text(c, tag, font, p.small, x + pad, baseline)
            x += tag_w + 1.5 * mm
        if listed:
            draw_text(c, listed_head, font, p.small, x, baseline)
            draw_text(c, listed, font, p.small, x + roll.width_of(listed_head, p.small), baseline, strike=True)

    if together:
        def draw(c: Canvas, top: float) -> None:
            draw_details(c, top, height)
            if figures:
                draw_text(c, figures, font, fig_size, roll.right - fig_w, top - height / 2 - fig_size * 0.33)

        roll.add(height, draw)
    else:
        roll.add(height, lambda c, top: draw_details(c, top, height))
        if figures:
            roll.pair("", figures)


def _totals(roll: Roll, doc: SlipDoc) -> None:
    p = roll.paper
    pieces = sum(abs(line.quantity) for line in doc.lines)
    roll.pair(f"共 {len(doc.lines)} 项 {pieces} 件", "")
    roll.pair("小计", format_fen(doc.subtotal_fen))
    if doc.ticket_discount_fen:
        roll.pair("整单优惠", format_fen(-doc.ticket_discount_fen))
    roll.space(0.5 * mm)
    roll.pair("合计", format_fen(doc.total_fen), p.big, bold=True)


def _payments(roll: Roll, doc: SlipDoc) -> None:
    p = roll.paper
    if not doc.payments:
        roll.pair("付款", "—")
    for payment in doc.payments:
        roll.pair(payment.method, format_fen(payment.amount_fen))
        if payment.reference.strip():
            roll.text(f"参考号 {payment.reference.strip()}", p.small, indent=3 * mm)
    roll.pair("找零", format_fen(doc.change_fen), bold=True)


def _foot(roll: Roll, doc: SlipDoc, encoded: Code128Encoded) -> None:
    p = roll.paper
    if doc.void:
        roll.space(1 * mm)
        roll.band("本单已作废", p.body + 3)
        roll.space(1.5 * mm)
    if doc.title != "退货单" and not doc.void:
        roll.text("退换货请保留本小票", p.small, align="center")
    roll.space(1 * mm)
    add_barcode(roll, encoded)
    roll.text(doc.number, p.body, align="center")
    roll.space(1.5 * mm)
    roll.text(doc.thanks, p.body, align="center")
    marks = _marks(doc)
    if marks:
        roll.space(1 * mm)
        roll.text(marks[0], p.small, align="center")
