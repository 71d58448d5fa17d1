"""A till's count at the close of a shift against what it should hold: the
difference per payment method, and whether it is beyond the manager's
tolerance (then the cashier says why and a manager approves). The same
rule for the close-shift screen, as the cashier counts, and for the shifts
service, which decides. Money in fen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def difference(counted_fen: int, expected_fen: int) -> int:
    """Over (positive) or short (negative)."""
    return counted_fen - expected_fen


def beyond(difference_fen: int, tolerance_fen: int) -> bool:
    """Over or short by more than the tolerance; exactly the tolerance is within."""
    return abs(difference_fen) > tolerance_fen


def any_beyond(counted: Mapping[str, int], expected: Mapping[str, int], tolerance_fen: int,
               methods: Iterable[str]) -> bool:
    """Is any of ``methods`` beyond the tolerance? A method with nothing
    expected is expected to hold 0."""
    return any(beyond(difference(counted.get(m, 0), expected.get(m, 0)), tolerance_fen) for m in methods)
