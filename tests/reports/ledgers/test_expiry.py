"""临期商品: lots on the shelf near or past their best-before date, in three
sections that do not overlap. The scenario's rice (7 bags left) is best
before 2027-03-01."""

from __future__ import annotations

from datetime import date

import pytest

from charity_pos.reports.table import Filters

RICE = ("东北大米 5kg", "粮油", "采购")


@pytest.mark.parametrize(("day", "section", "days_left"), [
    (date(2027, 1, 29), None, None),  # 31 days left: not yet
    (date(2027, 1, 30), "within_30", 30),
    (date(2027, 2, 21), "within_30", 8),
    (date(2027, 2, 22), "within_7", 7),
    (date(2027, 3, 1), "within_7", 0),  # its last day: may still be sold
    (date(2027, 3, 2), "expired", -1),
])
def test_the_rice_moves_from_section_to_section_as_the_date_nears(ledger_store, day, section, days_left) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "expiry", Filters(day, day))
    found = {s.key: s.rows for s in report.sections if s.rows}
    if section is None:
        assert found == {}
    else:
        assert found == {section: ((*RICE, st.d2, date(2027, 3, 1), days_left, 7, 7 * 3290),)}


def test_only_what_is_still_on_the_shelf_at_the_date(ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "expiry", Filters(st.day, date(2027, 2, 25)))
    assert report.section("within_7").totals_row()[6:] == (7, 23030)
    # on the day of the donation, before the rice came in, nothing was on the shelf
    early = st.services.reports.run(st.manager, "expiry", Filters(date(2026, 3, 9), date(2026, 3, 9)))
    assert all(s.rows == () for s in early.sections)


def test_filters_and_the_english_words(ledger_store) -> None:
    st = ledger_store
    day = date(2027, 2, 25)
    clothing = st.services.reports.run(st.manager, "expiry", Filters(day, day, category="clothing"))
    assert all(s.rows == () for s in clothing.sections)
    donated = st.services.reports.run(st.manager, "expiry", Filters(day, day, origin="donated"))
    assert all(s.rows == () for s in donated.sections)  # the rice is tagged purchased
    report = st.services.reports.run(st.manager, "expiry", Filters(day, day, origin="purchased"), language="en")
    assert report.section("within_7").rows[0][1:3] == ("Grain and oil", "Purchased")
    assert [s.title.en for s in report.sections] == ["Past the date (take off the shelf)", "Within 7 days",
                                                     "In 8 to 30 days"]
    assert report.title.zh == "临期商品"
