"""The hub app's reporting status and households past their allowance, as
district staff see them (offscreen, in Chinese, on SQLite and on
PostgreSQL): a symbol in every cell besides its colour, silent stores on
top with their days in red, the rates under the matrix, a cell opening the
store's month; the "cannot judge" states said, categories as words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator

from charity_pos import i18n
from charity_pos.hub import registry
from charity_pos.hub_ui.allowance import AllowanceScreen
from charity_pos.hub_ui.reporting import FIXED, ReportingScreen, StoreMonthDialog
from tests.hub import Hub, hub, source, store_key  # noqa: F401  (fixtures)
from tests.hub.test_downstream import GOOD, handout, registry_hashes, second_store, set_rules, write_csv
from tests.hub.test_hub_over_allowance import own_store
from tests.hub.test_reporting import Clock, District, district, shanghai  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def chinese(qapp):
    saved = list(i18n._loaded)
    translators = i18n.load("zh_CN")
    for translator in translators:
        qapp.installTranslator(translator)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    i18n._loaded[:] = saved


def text(model, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_the_matrix_with_symbols_rates_and_silent_stores_on_top(qtbot, district: District) -> None:
    d = district
    d.store("JA01", shanghai(2025, 12, 1))
    d.store("JA02", shanghai(2025, 12, 1))
    d.send("JA01", shanghai(2026, 2, 2), shanghai(2026, 1, 5), shanghai(2026, 1, 6))
    d.send("JA02", shanghai(2026, 2, 9), shanghai(2026, 1, 6), kind="handout.completed")
    d.send("JA01", shanghai(2026, 3, 19), shanghai(2026, 3, 18))
    screen = ReportingScreen(d.db, Clock(shanghai(2026, 3, 20)))
    qtbot.addWidget(screen)
    screen.resize(1024, 768)
    screen.start.setText("2026-01")
    screen.end.setText("2026-03")
    assert screen.reload()
    qtbot.waitUntil(lambda: not screen.busy(), timeout=30_000)
    model = screen.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "门店", "未同步天数", "2026-01", "2026-02", "2026-03"]
    assert text(model, 0, 0).startswith("JA02") and text(model, 1, 0).startswith("JA01")  # JA02: 39 days silent
    assert text(model, 0, 1) == "39 天" and text(model, 0, 1, Qt.ItemDataRole.ForegroundRole) is not None
    assert text(model, 1, 1, Qt.ItemDataRole.ForegroundRole) is None
    assert [text(model, 0, FIXED + i) for i in range(3)] == ["! 1", "✗", "·"]
    assert [text(model, 1, FIXED + i) for i in range(3)] == ["✓ 2", "✗", "✓ 1"]
    assert text(model, 0, FIXED, Qt.ItemDataRole.BackgroundRole) != text(model, 1, FIXED, Qt.ItemDataRole.BackgroundRole)
    assert "迟报" in text(model, 0, FIXED, Qt.ItemDataRole.ToolTipRole)
    # the figures under the matrix
    assert [text(model, 2 + r, 0) for r in range(3)] == ["上报率", "按时率", "应报门店数"]
    assert [text(model, 2, FIXED + i) for i in range(3)] == ["100%", "0%", "·"]
    assert [text(model, 3, FIXED + i) for i in range(3)] == ["50%", "0%", "·"]
    assert "JA02" in screen.warning.text() and "JA01" not in screen.warning.text()

    # a cell opens the store's month
    screen.table.clicked.emit(model.index(0, FIXED))
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.detail_job is None, timeout=30_000)
    dialog = screen.dialog
    assert isinstance(dialog, StoreMonthDialog)
    assert "迟报" in dialog.state.text() and "!" in dialog.state.text()
    assert [dialog.kinds.item(i).text() for i in range(dialog.kinds.count())] == ["物资发放: 1"]
    assert dialog.bundles.count() == 1 and "JA02-1.cpbundle" in dialog.bundles.item(0).text()
    dialog.close()
    # the rows of figures open nothing
    screen.dialog = None
    screen.table.clicked.emit(model.index(2, FIXED))
    assert screen.detail_job is None and screen.dialog is None


def test_a_bad_month_is_said_on_the_screen(qtbot, district: District) -> None:
    screen = ReportingScreen(district.db, Clock(shanghai(2026, 3, 20)))
    qtbot.addWidget(screen)
    screen.start.setText("2026-13")
    screen.reload()
    qtbot.waitUntil(lambda: not screen.busy(), timeout=30_000)
    assert "2026-13" in screen.message.text() and screen.model.rowCount() == 0


def test_past_the_allowance_says_when_it_cannot_judge_and_shows_words(qtbot, hub: Hub, tmp_path: Path) -> None:
    screen = AllowanceScreen(hub.db)
    qtbot.addWidget(screen)

    def shown() -> None:
        screen.reload()
        qtbot.waitUntil(lambda: not screen.busy(), timeout=30_000)

    shown()
    assert "无法判断" in screen.verdict.text() and "名册" in screen.verdict.text()
    assert screen.model.rowCount() == 0 and screen.table.isHidden()
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    shown()
    assert "无法判断" in screen.verdict.text() and "规则" in screen.verdict.text()
    set_rules(hub, tmp_path)
    other = second_store(hub, tmp_path)
    hashes = registry_hashes(hub)
    handout(hub, own_store(hub).id, hashes["JA0002"], "2025-03", 3000)
    handout(hub, other.id, hashes["JA0002"], "2025-03", 3000)
    handout(hub, other.id, None, "2025-03", 3000)
    shown()
    model = screen.model
    assert model.rowCount() == 1 and not screen.table.isHidden()
    row = [text(model, 0, c) for c in range(model.columnCount())]
    assert row[:5] == ["JA0002", "李*", "低保", "1", "2025年3月"], "the month as people name it, not 2025-03"
    assert row[5:9] == ["¥50.00", "¥60.00", "¥10.00", "2"]
    assert "JA01" in row[9] and "JA02" in row[9]
    assert "dibao" not in "".join(row) and "李红" not in "".join(row)
    assert "1" in screen.caveats.text() and "未判断" in screen.caveats.text()


class English(QTranslator):
    """The hub app in English: every text its source."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return source

    def isEmpty(self) -> bool:  # noqa: N802
        return False


def test_past_the_allowance_names_months_and_quarters_in_english_too(qtbot, qapp, hub: Hub, tmp_path: Path) -> None:
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    set_rules(hub, tmp_path)
    hashes = registry_hashes(hub)
    handout(hub, own_store(hub).id, hashes["JA0002"], "2025-03", 6000)
    handout(hub, own_store(hub).id, hashes["JA0002"], "2025-12", 6000)
    screen = AllowanceScreen(hub.db)
    qtbot.addWidget(screen)
    english = English()
    qapp.installTranslator(english)
    try:
        screen.reload()
        qtbot.waitUntil(lambda: not screen.busy(), timeout=30_000)
        assert [text(screen.model, r, 4) for r in range(screen.model.rowCount())] == ["March 2025", "December 2025"]
        assert text(screen.model, 0, 2) == "Subsistence allowance"
    finally:
        qapp.removeTranslator(english)
