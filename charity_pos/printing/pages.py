"""A canvas that knows how many pages the document has before it finishes
each one, for "第 N 页 / 共 M 页" and the headers and marks every page carries."""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas


class CountedPages(Canvas):
    """Keeps each page until the document ends, then calls ``finish_page``
    on every page with its number and the page count."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # the canvas's own, not in ReportLab's stub

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.finish_page(number, total)
            super().showPage()
        super().save()

    def finish_page(self, number: int, total: int) -> None:
        """Draw what page ``number`` of ``total`` carries."""


def training_watermark(c: Canvas, width: float, height: float, font: str) -> None:
    """A training store's mark across the page: 培训 · 非正式票据 in red,
    diagonal, under nothing that must stay readable (drawn translucent)."""
    from charity_pos.printing.vocabulary import TRAINING

    c.saveState()
    c.setFillColorRGB(0.85, 0.1, 0.1)
    c.setFillAlpha(0.22)
    c.translate(width / 2, height / 2)
    c.rotate(35)
    size = min(width, height) / 9
    c.setFont(font, size)
    c.drawCentredString(0, 0, TRAINING)
    c.restoreState()
