"""The English app speaks English where the store keeps Chinese: goods
categories and units by their English names (the stored value stays
Chinese), quota periods by month and quarter ("December 2026", not
"Period 2026年12月"), and counts in the singular for one ("1 line"); the
Chinese app keeps its words."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from charity_pos.domain.quota import period_of
from charity_pos.ui.catalog.editor import ItemEditor
from charity_pos.ui.catalog.view import CatalogScreen
from charity_pos.ui.plural import EnglishPlurals
from tests.ui.conftest import FakeApproval
from tests.ui.test_fit import language  # noqa: F401 - a fixture


def test_periods_are_named_in_each_language() -> None:
    december, fourth = period_of(date(2026, 12, 3), "month"), period_of(date(2026, 12, 3), "quarter")
    assert (december.label(), fourth.label()) == ("2026年12月", "2026年第4季度")
    assert (december.label("en"), fourth.label("en")) == ("December 2026", "Q4 2026")
    assert period_of(date(2026, 1, 31), "month").label("en") == "January 2026"


def test_counts_take_the_singular_for_one(qapp, language) -> None:  # noqa: F811
    def lines(n: int) -> str:
        return QCoreApplication.translate("TicketEditor", "%n line(s)", "", n)

    if language == "en":
        assert [lines(n) for n in (0, 1, 2, 12)] == ["0 lines", "1 line", "2 lines", "12 lines"]
    else:
        assert [lines(n) for n in (1, 2)] == ["1 行", "2 行"]


def test_english_plurals_leave_other_texts_to_the_source(qapp) -> None:
    plurals = EnglishPlurals()  # Qt puts the count in for %n afterwards
    assert plurals.translate("Ctx", "%n file(s)", None, 1) == "%n file"
    assert plurals.translate("Ctx", "%n store(s) done.", None, 3) == "%n stores done."
    assert plurals.translate("Ctx", "Save", None, -1) is None


def test_the_catalog_shows_categories_and_units_in_the_users_language(qtbot, services, manager, feedback,
                                                                       language) -> None:  # noqa: F811
    screen = CatalogScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    screen.refresh()
    model = screen.model
    rice = next(r for r in range(model.rowCount()) if model.data(model.index(r, model.NAME)) == "东北大米 5kg")
    shown = (model.data(model.index(rice, model.CATEGORY)), model.data(model.index(rice, model.UNIT)))
    categories = [screen.category.itemText(i) for i in range(screen.category.count())]
    if language == "en":
        assert shown == ("Grain and oil", "bag") and "Clothing" in categories and "衣物" not in categories
    else:
        assert shown == ("粮油", "袋") and "衣物" in categories


def test_a_unit_chosen_in_english_is_kept_in_chinese(qtbot, services, manager, feedback, language) -> None:  # noqa: F811
    editor = ItemEditor(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(editor)
    editor.name.setText("儿童羽绒服 130码")
    editor.category.setCurrentIndex(editor.category.findData("clothing"))
    editor.unit.setCurrentIndex(editor.unit.findData("双"))
    assert editor.unit.currentText() == ("双 · pair" if language == "en" else "双")
    editor.price.setText("30")
    assert editor.draft().unit == "双"
    editor.unit.setCurrentText("捆")  # a unit the store makes up is kept as typed
    assert editor.draft().unit == "捆"
