"""The relief handout slip (物资发放单) as a PDF: what a household in
hardship signs when it takes goods free under its monthly (or quarterly)
allowance.

Two papers:

``"80mm"``
    The till's receipt printer: one page as long as the slip, 72 mm
    printable, laid out like the sales slip (``roll.Roll``), black only.

``"a5"``
    An A5 portrait sheet (148 x 210 mm) for a desk printer: the goods in a
    proper table whose column heads repeat, a running header on every
    further page, and the allowance, the override and the signatures after
    the last line.

Both carry the store, the title, the number (also as a Code 128 barcode),
the time and the cashier; the household (card number, the head's name and
the ID number, both masked as the document gives them, members, category,
period); the lines (name, goods category, quantity, unit value, value),
those beyond the allowance marked ※ 超额; the total value; the allowance,
what remained before and what remains after (negative after an approved
override); the override's reason and the manager who approved it; a reprint
mark 重打（第N次）; and lines for the recipient's signature and date and for
the cashier (经办人). The words are Chinese whatever the UI language.

Laid out in ``handout.on_roll`` (80 mm) and ``handout.a5`` (with the blocks
of ``handout.sheet``); what both papers say is in ``handout.words``.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from charity_pos.printing.barcode_drawing import encode_code128
from charity_pos.domain.documents import HandoutSlipDoc
from charity_pos.printing.handout.a5 import render_a5
from charity_pos.printing.handout.on_roll import render_roll

PAPERS = ("80mm", "a5")


def render_handout_slip(doc: HandoutSlipDoc, out: str | Path | BinaryIO, paper: str = "80mm") -> None:
    """Write the handout slip as a PDF to ``out`` (a path or a binary file).

    ``paper`` is ``"80mm"`` (receipt printer, one long page) or ``"a5"``
    (desk printer, as many A5 pages as the lines need). Raises ValueError,
    before anything is written, for any other paper and for a number that
    Code 128 cannot carry (anything but printable ASCII)."""
    if paper not in PAPERS:
        raise ValueError(f"a handout slip is printed on 80mm or a5 paper, not {paper!r}")
    encoded = encode_code128(doc.number)
    if paper == "80mm":
        render_roll(doc, out, encoded)
    else:
        render_a5(doc, out, encoded)
