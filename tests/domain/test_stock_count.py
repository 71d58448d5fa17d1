"""The rules of a count: a scan's quantity read as the sale screen reads it
(``12*``), what an item's entries say against the books, and when a
difference must be settled."""

from __future__ import annotations

import pytest

from charity_pos.domain.stock_count import Entry, Threshold, figures, read_scan, sheet_order
from charity_pos.errors import InvalidInput

LIMIT = Threshold(units=5, value_fen=10_000)


@pytest.mark.parametrize("text, read", [("6901234567892", (1, "6901234567892")),
                                        ("12*6901234567892", (12, "6901234567892")),
                                        (" 3 × 大米 ", (3, "大米")), ("10000*6901234567892", (10000, "6901234567892"))])
def test_a_scan_reads_as_at_the_sale_screen(text: str, read: tuple[int, str]) -> None:
    assert read_scan(text) == read


@pytest.mark.parametrize("text, reason", [("0*6901234567892", "zero"), ("-2*6901234567892", "negative"),
                                          ("10001*6901234567892", "too_large"), ("99999999*6901234567892", "too_large"),
                                          ("12*", "empty"), ("", "empty")])
def test_nothing_absurd_or_empty_is_read(text: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_scan(text)
    assert refused.value.reason == reason


def test_entries_add_up_against_the_books_at_the_last_one() -> None:
    f = figures(1, [Entry(1, 5, 20), Entry(1, 7, 19)], 1000, LIMIT, "")
    assert (f.counted, f.expected, f.difference, f.value_fen, f.over, f.settled) == (12, 19, -7, -7000, True, False)


def test_a_recount_replaces_the_earlier_round_and_settles_the_line() -> None:
    entries = [Entry(1, 12, 19), Entry(2, 13, 19)]
    assert figures(2, entries[:1], 1000, LIMIT, "").recount_pending
    f = figures(2, entries, 1000, LIMIT, "")
    assert (f.counted, f.earlier, f.difference, f.over, f.settled) == (13, 12, -6, True, True)


def test_a_reason_settles_and_the_value_threshold_counts_too() -> None:
    assert figures(1, [Entry(1, 8, 10)], 6000, LIMIT, "").over, "two short, ¥120.00: over the value"
    assert figures(1, [Entry(1, 8, 10)], 6000, LIMIT, "鼠咬").settled
    assert not figures(1, [Entry(1, 9, 10)], 6000, LIMIT, "").over


def test_sheets_go_by_shelf_with_unshelved_goods_last() -> None:
    names = [("B-01", "米"), (None, "碗"), ("A-02", "油"), ("A-02", "盐"), ("", "书")]
    assert [n for _l, n in sorted(names, key=lambda p: sheet_order(p[0], p[1]))] == ["油", "盐", "米", "书", "碗"]
