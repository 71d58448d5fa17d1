"""What a training store (培训模式) prints says so on every page."""

from __future__ import annotations

import io
from dataclasses import replace


from charity_pos.domain.documents import HandoutSlipLine
from charity_pos.printing.handout import render_handout_slip
from charity_pos.printing.receipt import render_receipt
from charity_pos.printing.slip import render_slip
from charity_pos.domain.vocabulary import TRAINING
from tests.printing.test_handout import overridden
from tests.printing.test_slip import sale
from tests.helpers import compact, pdf_pages

MARK = TRAINING.replace(" ", "")


def pages(data: bytes) -> list[str]:
    return [compact(text) for text in pdf_pages(data)]


def render(fn, doc, *args) -> bytes:
    out = io.BytesIO()
    fn(doc, out, *args)
    return out.getvalue()


def test_a_training_slip_is_marked_and_a_live_one_is_not() -> None:
    for width in (80, 58):
        assert MARK in pages(render(render_slip, sale(training=True), width))[0]
        assert "培训" not in pages(render(render_slip, sale(), width))[0]


def test_every_page_of_a_long_training_handout_slip_is_marked() -> None:
    lines = tuple(HandoutSlipLine(f"大米 {i}", "粮油", 1, 100, 100) for i in range(40))
    doc = overridden(lines=lines, total_value_fen=4000, remaining_after_fen=21000, training=True)
    a5 = pages(render(render_handout_slip, doc, "a5"))
    assert len(a5) > 1 and all(MARK in page for page in a5)
    assert MARK in pages(render(render_handout_slip, doc, "80mm"))[0]
    assert not any("培训" in page for page in pages(render(render_handout_slip, replace(doc, training=False), "a5")))


def test_a_training_donor_letter_is_marked_and_still_one_page() -> None:
    from charity_pos.printing.donor_letter import render_donor_letter
    from tests.printing.test_donor_letter import statement

    for count in (2, 12, 60):
        letter = pages(render(render_donor_letter, replace(statement(count), training=True)))
        assert len(letter) == 1 and MARK in letter[0]
    assert "培训" not in pages(render(render_donor_letter, statement(12)))[0]
