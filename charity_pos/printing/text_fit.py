"""Fitting text into a box: wrap (Chinese breaks between any two characters,
Latin words are kept whole when they fit), shrink, and as a last resort cut
with an ellipsis. Text never runs out of its box."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

ELLIPSIS = "…"
# A run of Latin letters/digits (a word or a number), a space, or any other single character.
_TOKENS = re.compile(r"[A-Za-z0-9\-_.,/%&+#'@]+|\s+|.", re.DOTALL)
# Characters that should not begin a line.
_NO_LINE_START = set("，。、；：！？）》」』】,.;:!?)%")


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: tuple[str, ...]
    leading: float


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line breaking for mixed Chinese/Latin text."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKENS.findall(paragraph):
            candidate = line + token
            if stringWidth(candidate.rstrip(), font, size) <= width:
                line = candidate
                continue
            if token.isspace():
                lines.append(line.rstrip())
                line = ""
                continue
            if line.strip() and not (token[0] in _NO_LINE_START and len(token) == 1):
                lines.append(line.rstrip())
                line = ""
            # the token itself may be wider than the box: break it by characters
            for ch in token:
                if stringWidth(line + ch, font, size) <= width or not line:
                    line += ch
                else:
                    lines.append(line.rstrip())
                    line = ch
        lines.append(line.rstrip())
    return lines


def fit(text: str, font: str, *, width: float, max_size: float, min_size: float, max_lines: int = 1,
        leading: float = 1.2, height: float | None = None, step: float = 0.25) -> Fitted:
    """The largest size (down to min_size) at which text fits in max_lines
    lines of ``width`` (and ``height``, if given). Below min_size it is cut."""
    size = max_size
    while True:
        lines = wrap(text, font, size, width)
        tall_enough = height is None or len(lines) * size * leading <= height + 0.01
        if len(lines) <= max_lines and tall_enough:
            return Fitted(size, tuple(lines), size * leading)
        if size - step < min_size - 1e-9:
            break
        size -= step
    size = min_size
    lines_allowed = max_lines
    if height is not None:
        lines_allowed = max(1, min(max_lines, int((height + 0.01) // (size * leading))))
    lines = wrap(text, font, size, width)
    if len(lines) > lines_allowed:
        kept = lines[:lines_allowed]
        last = kept[-1]
        while last and stringWidth(last + ELLIPSIS, font, size) > width:
            last = last[:-1]
        kept[-1] = last.rstrip() + ELLIPSIS
        lines = kept
    return Fitted(size, tuple(lines), size * leading)


def draw_fitted(canvas: Canvas, fitted: Fitted, x: float, top: float, width: float,
                font: str, align: str = "left") -> float:
    """Draw fitted lines with the first line's top at ``top``; returns the
    y just below the last line."""
    canvas.setFont(font, fitted.size)
    y = top - fitted.size * 0.88
    for line in fitted.lines:
        if align == "center":
            canvas.drawCentredString(x + width / 2, y, line)
        elif align == "right":
            canvas.drawRightString(x + width, y, line)
        else:
            canvas.drawString(x, y, line)
        y -= fitted.leading
    return top - len(fitted.lines) * fitted.leading
