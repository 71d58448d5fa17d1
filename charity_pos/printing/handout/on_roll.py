"""The handout slip on the till's 80 mm receipt paper: one page as long
as the slip, laid out on a ``printing.roll.Roll``, black only."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from charity_pos.domain.money import format_fen
from charity_pos.domain import vocabulary
from charity_pos.printing.barcode_drawing import Code128Encoded
from charity_pos.domain.documents import HandoutSlipDoc, HandoutSlipLine
from charity_pos.printing.fonts import register_font
from charity_pos.printing.handout.words import (
    DECLARATION, OVER_LEGEND, OVER_MARK, SIGN_DATE, SIGN_HANDLER, SIGN_RECIPIENT, TITLE, allowance, has_override,
    household, marks_of, meta, overdrawn_note, override, pieces,
)
from charity_pos.printing.roll import LEADING, Roll, add_barcode, draw_text, paper_for


def render_roll(doc: HandoutSlipDoc, out: str | Path | BinaryIO, encoded: Code128Encoded) -> None:
    roll = Roll(paper_for(80), register_font())
    p = roll.paper
    if doc.training:
        roll.band(vocabulary.TRAINING_BAND, p.big + 6)
        roll.space(1.5 * mm)
    roll.text(doc.store_name, p.store, align="center", bold=True)
    roll.text(f"门店编码 {doc.store_code}", p.small, align="center")
    roll.space(0.8 * mm)
    roll.text(TITLE, p.big, align="center", bold=True)
    roll.space(0.8 * mm)
    if marks_of(doc):
        roll.boxed(marks_of(doc), p.body)
    roll.space(0.6 * mm)
    roll.pair("单号", doc.number)
    roll.pair("时间", doc.at)
    roll.pair("收银员", doc.cashier)
    roll.rule()

    roll.text("受助家庭", bold=True)
    for label, value in household(doc):
        roll.pair(label, value)
    roll.rule()

    roll.text("发放物资", bold=True)
    roll.space(0.5 * mm)
    for line in doc.lines:
        _roll_line(roll, line)
    if not doc.lines:
        roll.text("（无）", align="center")
    roll.rule()
    roll.pair(pieces(doc), "")
    roll.pair("物资价值合计", format_fen(doc.total_value_fen), p.big, bold=True)
    if any(line.over for line in doc.lines):
        roll.text(OVER_LEGEND, p.small)
    roll.rule()

    roll.text(f"额度（{doc.period}）", bold=True)
    for label, value in allowance(doc):
        roll.pair(label, value, bold=label == "发放后剩余")
    if overdrawn_note(doc):
        roll.text(overdrawn_note(doc), p.small, align="right")
    if has_override(doc):
        roll.rule()
        roll.text("超额审批", bold=True)
        for label, value in override(doc):
            roll.text(f"{label}：{value}")
    roll.rule()

    roll.text(DECLARATION, p.small)
    _roll_signature(roll, SIGN_RECIPIENT, room=9 * mm)
    _roll_signature(roll, SIGN_DATE, room=6 * mm, length=38 * mm)
    _roll_signature(roll, SIGN_HANDLER, room=8 * mm)
    roll.space(2 * mm)
    roll.rule()

    roll.space(1 * mm)
    add_barcode(roll, encoded)
    roll.text(doc.number, p.body, align="center")
    if marks_of(doc):
        roll.space(1 * mm)
        roll.text(marks_of(doc)[0], p.small, align="center")
    roll.render(out, **meta(doc))


def _roll_line(roll: Roll, line: HandoutSlipLine) -> None:
    """The name beside the figures (quantity × unit value = value); under
    it the goods category in a box and, beyond the allowance, ※ 超额."""
    p = roll.paper
    figures = f"{line.quantity} × {format_fen(line.unit_value_fen)} = {format_fen(line.value_fen)}"
    roll.pair(line.name, figures, min_left=0.4)
    category = line.category.strip()
    if not category and not line.over:
        roll.space(0.6 * mm)
        return
    font, indent, pad, gap = roll.font, 3 * mm, 0.8 * mm, 2 * mm
    over_size = p.body
    over_w = roll.width_of(OVER_MARK, over_size) if line.over else 0.0
    room = p.content - indent - 2 * pad - (gap + over_w if line.over else 0)
    tag_size = roll.shrink(category, p.small, room) if category else p.small
    tags = [category] if category and roll.width_of(category, tag_size) <= room else []
    height = max(p.small + 2 * pad, over_size) * LEADING

    def draw(c: Canvas, top: float) -> None:
        x = roll.left + indent
        baseline = top - height / 2 - p.small * 0.33
        for tag in tags:
            tag_w = stringWidth(tag, font, tag_size) + 2 * pad
            c.saveState()
            c.setLineWidth(0.6)
            c.roundRect(x, baseline - pad - tag_size * 0.12, tag_w, tag_size + 2 * pad - tag_size * 0.1,
                        0.8 * mm, stroke=1, fill=0)
            c.restoreState()
            draw_text(c, tag, font, tag_size, x + pad, baseline)
            x += tag_w + gap
        if line.over:
            draw_text(c, OVER_MARK, font, over_size, x, top - height / 2 - over_size * 0.33, bold=True)

    roll.add(height, draw)
    if category and not tags:  # a category too long for a box: plain, wrapped
        roll.text(category, p.small, indent=indent)
    roll.space(0.6 * mm)


def _roll_signature(roll: Roll, label: str, *, room: float, length: float | None = None) -> None:
    """``room`` to write in, then the label and a line to write on: to the
    right edge, or ``length`` long."""
    roll.space(room)
    size, font = roll.paper.body, roll.font
    head_w = roll.width_of(label, size)
    start = roll.left + head_w + 1 * mm
    end = roll.right if length is None else min(roll.right, start + length)

    def draw(c: Canvas, top: float) -> None:
        baseline = top - size * 0.95
        draw_text(c, label, font, size, roll.left, baseline)
        c.saveState()
        c.setLineWidth(0.6)
        c.line(start, baseline - 1.5, end, baseline - 1.5)
        c.restoreState()

    roll.add(size * LEADING, draw)
