"""The numbered page every multi-page document carries: a canvas that knows
how many pages the document has before it finishes each one, and draws one
footer (a label, "第 N 页 / 共 M 页", "续下页") plus any marks the document
puts on every page once the count is known."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

#: What else a page carries once its number is known (a report's header, a
#: receipt's 作废), drawn in a state of its own.
PageMarks = Callable[[Canvas, int, int], None]
#: ReportLab's ``canvasmaker``: how a document template makes its canvas.
CanvasMaker = Callable[..., Canvas]


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


@dataclass(frozen=True)
class Footer:
    """The footer of a numbered page, in points: ``label`` at ``left``, the
    page number centred on the page (``centred``) or ending at ``right``,
    and on every page but the last "续下页" ending at ``right`` (``continued``).
    ``header`` is drawn before the footer, ``marks`` after it; a training
    store's mark goes across every page last (``training``)."""

    label: str
    font: str
    size: float
    color: Color
    baseline: float
    left: float
    right: float
    page_size: tuple[float, float]
    centred: bool = False
    continued: bool = False
    training: bool = False
    header: PageMarks | None = None
    marks: PageMarks | None = None


def page_number(number: int, total: int) -> str:
    return f"第 {number} 页 / 共 {total} 页"


class NumberedPages(CountedPages):
    """A canvas that draws ``footer`` on every page once the count is known."""

    def __init__(self, *args: Any, footer: Footer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer

    def finish_page(self, number: int, total: int) -> None:
        f = self._footer
        width, height = f.page_size
        self._draw(f.header, number, total)
        self.saveState()
        self.setFont(f.font, f.size)
        self.setFillColor(f.color)
        if f.label:
            self.drawString(f.left, f.baseline, f.label)
        if f.centred:
            self.drawCentredString(width / 2, f.baseline, page_number(number, total))
        else:
            self.drawRightString(f.right, f.baseline, page_number(number, total))
        if f.continued and number < total:
            self.drawRightString(f.right, f.baseline, "续下页")
        self.restoreState()
        self._draw(f.marks, number, total)
        if f.training:
            training_watermark(self, width, height, f.font)

    def _draw(self, marks: PageMarks | None, number: int, total: int) -> None:
        if marks is not None:
            self.saveState()
            marks(self, number, total)
            self.restoreState()


def numbered(footer: Footer) -> CanvasMaker:
    """The ``canvasmaker`` for a document template whose pages carry ``footer``."""

    def make(*args: Any, **kwargs: Any) -> Canvas:
        return NumberedPages(*args, footer=footer, **kwargs)

    return make


def training_watermark(c: Canvas, width: float, height: float, font: str) -> None:
    """A training store's mark across the page: 培训 · 非正式票据 in red,
    diagonal, under nothing that must stay readable (drawn translucent)."""
    from charity_pos.domain.vocabulary import TRAINING

    c.saveState()
    c.setFillColorRGB(0.85, 0.1, 0.1)
    c.setFillAlpha(0.22)
    c.translate(width / 2, height / 2)
    c.rotate(35)
    size = min(width, height) / 9
    c.setFont(font, size)
    c.drawCentredString(0, 0, TRAINING)
    c.restoreState()
