"""The first visit of a list screen: the screen comes up at once and its
rows follow a moment later; what the user types as soon as it is up (a
name's pinyin initials, a donation number, a barcode, a card number) finds
the right rows all the same, in the catalog, the donations, the intake and
the households screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.ui.app import SCREENS
from charity_pos.ui.catalog import CatalogScreen
from charity_pos.ui.donations import DonationsScreen
from charity_pos.ui.households import HouseholdsScreen
from charity_pos.ui.intake import IntakeScreen
from charity_pos.ui.main_window import MainWindow
from tests.ui.conftest import FakeApproval, show_active
from tests.ui.donations.test_view import TODAY
from tests.ui.households.test_view import make_id, registered  # noqa: F401 - a fixture


@pytest.fixture
def window(qtbot, services, manager, feedback) -> MainWindow:
    window = MainWindow(services, manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    window.resize(1024, 768)
    show_active(window)
    return window


@pytest.fixture
def given(services, cashier) -> dict[str, str]:
    """Two donors' donations of rice: 王建国's and 汪静's. Name -> donation number."""
    rice = services.catalog.search("东北大米")[0]
    numbers = {}
    for name, phone in (("王建国", "13812345678"), ("汪静", "13900001111")):
        donor = services.donors.create(cashier, DonorDraft(DonorKind.PERSON, name, phone=phone)).ids[0]
        numbers[name] = services.intake.receive(cashier, IntakeDraft(donor, (
            IntakeLine(rice.id, 1, Condition.NEW, Valuation.MARKET, 3590, TODAY + timedelta(days=300)),))).number
    return numbers


def _switch(qtbot, window: MainWindow, key: Qt.Key, kind: type):
    qtbot.keyClick(window, key)
    screen = window.current_screen()
    assert isinstance(screen, kind) and screen.isVisible(), "the screen is up at once"
    return screen


def _names(screen: CatalogScreen) -> list[str]:
    return [screen.model.row_at(i).name for i in range(screen.model.rowCount())]  # type: ignore[union-attr]


def test_the_catalog_is_up_at_once_and_its_list_follows(qtbot, window, services) -> None:
    catalog = _switch(qtbot, window, Qt.Key.Key_F2, CatalogScreen)
    assert catalog.model.rowCount() == 0, "the rows are read once the screen is up, not before"
    assert catalog.search.hasFocus(), "the search is ready at once"
    qtbot.waitUntil(lambda: catalog.model.rowCount() == 3)
    assert catalog.count_label.text() == "显示 3 件商品"
    assert sorted(_names(catalog)) == sorted(row.name for row in services.catalog.search())


def test_initials_typed_at_once_in_the_catalog_find_their_item(qtbot, window) -> None:
    catalog = _switch(qtbot, window, Qt.Key.Key_F2, CatalogScreen)
    qtbot.keyClicks(catalog.search, "dm")
    qtbot.waitUntil(lambda: _names(catalog) == ["东北大米 5kg"])
    qtbot.wait(50)  # the first fill, due meanwhile, keeps to what was typed
    assert _names(catalog) == ["东北大米 5kg"] and catalog.count_label.text() == "显示 1 件商品"


def test_a_barcode_scanned_at_once_in_the_catalog_selects_its_item(qtbot, window) -> None:
    catalog = _switch(qtbot, window, Qt.Key.Key_F2, CatalogScreen)
    qtbot.keyClicks(catalog.search, "6901234567892")
    qtbot.keyClick(catalog.search, Qt.Key.Key_Return)
    assert catalog.selected() is not None and catalog.selected().name == "东北大米 5kg"


def test_the_donations_are_up_at_once_and_the_newest_is_selected_when_in(qtbot, window, given) -> None:
    donations = _switch(qtbot, window, Qt.Key.Key_F5, DonationsScreen)
    qtbot.waitUntil(lambda: donations.model.rowCount() == 2)
    assert donations.count_label.text() == "显示 2 笔捐赠"
    assert donations.table.hasFocus() and donations.selected().number == given["汪静"], "the newest, as before"
    assert donations.receipt_button.isEnabled(), "the keys act on it"


@pytest.mark.parametrize(("typed", "who"), [("wjg", "王建国"), ("wangjing", "汪静"), ("jianguo", "王建国")])
def test_a_donor_typed_at_once_in_the_donations_is_found(qtbot, window, given, typed, who) -> None:
    donations = _switch(qtbot, window, Qt.Key.Key_F5, DonationsScreen)
    qtbot.keyClick(donations, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert donations.search.hasFocus()
    qtbot.keyClicks(donations.search, typed)
    assert donations.model.rowCount() == 1 and donations.selected().number == given[who]
    qtbot.wait(400)  # the first fill and the donors' keys worked out ahead change nothing of it
    assert donations.model.rowCount() == 1 and donations.selected().number == given[who]
    assert donations.search.hasFocus() and donations.search.text() == typed


def test_a_donation_number_typed_at_once_is_found(qtbot, window, given) -> None:
    donations = _switch(qtbot, window, Qt.Key.Key_F5, DonationsScreen)
    qtbot.keyClick(donations, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(donations.search, given["王建国"][-7:])
    assert [donations.model.row_at(i).number for i in range(donations.model.rowCount())] == [given["王建国"]]


def test_a_donor_typed_at_once_in_intake_is_offered_and_chosen(qtbot, window, given) -> None:
    intake = _switch(qtbot, window, Qt.Key.Key_F4, IntakeScreen)
    assert intake.donor_field.hasFocus(), "the donor first, as before"
    qtbot.keyClicks(intake.donor_field, "wj")
    assert [intake.donor_field.matches.item(i).text() for i in range(intake.donor_field.matches.count())] == [
        "王建国 · 138****5678", "汪静 · 139****1111"]
    qtbot.keyClicks(intake.donor_field, "g")
    qtbot.keyClick(intake.donor_field, Qt.Key.Key_Return)
    assert intake.donor_label.text().startswith("王建国 · 个人")
    assert intake.scan.hasFocus()


def test_a_donor_registered_after_the_first_visit_is_found_in_intake(qtbot, window, given, services,
                                                                     cashier) -> None:
    intake = _switch(qtbot, window, Qt.Key.Key_F4, IntakeScreen)
    qtbot.wait(400)  # the donors read and their keys worked out
    window.broadcast(services.donors.create(cashier, DonorDraft(DonorKind.PERSON, "吴佳怡", phone="13700002222")))
    qtbot.keyClicks(intake.donor_field, "wjy")
    assert [intake.donor_field.matches.item(i).text() for i in range(intake.donor_field.matches.count())] == [
        "吴佳怡 · 137****2222"]


# --- the households ---------------------------------------------------------------
def _households(qtbot, window: MainWindow) -> HouseholdsScreen:
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    screen = window.current_screen()
    assert isinstance(screen, HouseholdsScreen) and screen.isVisible(), "the screen is up at once"
    return screen


def _cards(screen: HouseholdsScreen) -> list[str]:
    return [line.card_number for line in screen.model.rows()]


def test_the_households_are_up_at_once_and_their_list_follows(qtbot, window, registered) -> None:
    households = _households(qtbot, window)
    assert households.model.rowCount() == 0, "the rows are read once the screen is up, not before"
    assert households.search.hasFocus(), "the search is ready at once"
    qtbot.waitUntil(lambda: households.model.rowCount() == 3)
    assert _cards(households) == ["AX000001", "AX000002", "AX000003"]
    assert households.count_label.text() == "显示 3 户"
    qtbot.keyClicks(households.search, "zwm")  # the search and the filter work on the list once in
    qtbot.waitUntil(lambda: _cards(households) == ["AX000003"])
    households.search.clear()
    households.show_only.setCurrentIndex(HouseholdsScreen.IN_USE)
    assert _cards(households) == ["AX000001", "AX000002"] and households.count_label.text() == "显示 2 户"


def test_initials_typed_at_once_in_the_households_find_their_household(qtbot, window, registered) -> None:
    households = _households(qtbot, window)
    qtbot.keyClicks(households.search, "wjg")
    qtbot.waitUntil(lambda: _cards(households) == ["AX000001"])
    qtbot.wait(400)  # the first fill, due meanwhile, keeps to what was typed
    assert _cards(households) == ["AX000001"] and households.count_label.text() == "显示 1 户"
    assert households.search.text() == "wjg"


def test_a_card_scanned_at_once_selects_its_household(qtbot, window, registered) -> None:
    households = _households(qtbot, window)
    qtbot.keyClicks(households.search, "AX000002")
    qtbot.keyClick(households.search, Qt.Key.Key_Return)
    assert households.selected() is not None and households.selected().card_number == "AX000002"
    assert households.table.hasFocus() and households.suspend_button.isEnabled(), "the keys act on it"


@pytest.fixture
def many_households(services, manager) -> int:
    """Forty households: more than the table shows at once at 1024x768."""
    drafts = [HouseholdDraft(f"BX{n:06d}", "李" + "明华强军"[n % 4], make_id("19600101", f"{n:03d}"), 2,
                             HouseholdCategory.DIBAO, "石门二路街道", "静民救〔2026〕001号",
                             TODAY - timedelta(days=30), TODAY + timedelta(days=300), TODAY - timedelta(days=30))
              for n in range(40)]
    services.households.import_households(manager, drafts)
    return len(drafts)


def test_a_long_list_comes_with_its_scroll_bar_and_a_short_one_goes_without(qtbot, window,
                                                                           many_households) -> None:
    households = _households(qtbot, window)
    qtbot.waitUntil(lambda: households.model.rowCount() == many_households)
    bar = households.table.verticalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0, "the rows below the fold are reached by scrolling"
    assert households.table.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    qtbot.keyClicks(households.search, "BX000007")
    qtbot.waitUntil(lambda: _cards(households) == ["BX000007"])
    qtbot.waitUntil(lambda: not bar.isVisible())  # no scroll bar for one row
