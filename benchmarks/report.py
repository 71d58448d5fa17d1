"""The benchmark table: one row per measure, plain text, aligned columns."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    measure: str
    figure: float
    unit: str
    baseline: float
    digits: int = 1

    @property
    def ratio(self) -> float:
        return self.figure / self.baseline if self.baseline else math.nan


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest sample that at least ``pct`` %
    of the samples do not exceed."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def table(rows: Sequence[Row]) -> str:
    header = ("measure", "figure", "unit", "baseline", "ratio")
    cells = [header] + [
        (r.measure, f"{r.figure:,.{r.digits}f}", r.unit, f"{r.baseline:,.{r.digits}f}", f"{r.ratio:.2f}")
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    # Text columns to the left, numbers to the right.
    align = ("<", ">", "<", ">", ">")
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(f"{c:{a}{w}}" for c, a, w in zip(row, align, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
