"""The hub app's district reports as district staff see them (offscreen, in
Chinese, on SQLite and on PostgreSQL): a hub holding a demo store's bundle
shows, for a kind and months, exactly the cells of ``hub.reports``' Report
(one tab per section, totals under them), a bar per store and a point per
month; exports go through the writer, never over the hub's database; bad
months are refused in Chinese with nothing built; F8 opens the screen."""

from __future__ import annotations

import uuid
from datetime import datetime, time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt

from charity_pos import i18n
from charity_pos.hub.engine import open_hub
from charity_pos.hub.reports import build, kinds
from charity_pos.hub.service import add_store
from charity_pos.hub.users import add_user, login
from charity_pos.hub_ui.reports import DistrictReportsScreen, main_measure
from charity_pos.hub_ui.window import HubWindow
from charity_pos.reports.table import ColumnKind
from charity_pos.services.base import STORE_TZ
from charity_pos.ui.reports.model import cell_text
from tests.hub import SourceStore, write_registration
from tests.hub.conftest import MadeOnce
from tests.hub.test_figures import demo, demo_months, hub_with  # noqa: F401  (fixtures)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def hub(qapp, capsys, made_once: MadeOnce[str], hub_url: str, demo):
    """A hub holding the demo store's bundle (made once per kind of database, copied for each test); the app in
    Chinese (after the command line that made it)."""
    saved = list(i18n._loaded)
    made_once("demo-hub", lambda url, folder: hub_with(capsys, url, folder, demo))
    translators = i18n.load("zh_CN")
    for translator in translators:
        qapp.installTranslator(translator)
    db = open_hub(hub_url)
    yield db
    db.close()
    for translator in translators:
        qapp.removeTranslator(translator)
    i18n._loaded[:] = saved


@pytest.fixture
def months(demo):
    return demo_months(demo[0])


def screen_for(qtbot, db, months, **kw) -> DistrictReportsScreen:
    made = DistrictReportsScreen(db, Clock(datetime.combine(months[-1].end, time(12), STORE_TZ)), **kw)
    qtbot.addWidget(made)
    made.resize(1024, 768)
    made.show()
    return made


def show(qtbot, screen: DistrictReportsScreen, kind: str, start: str, end: str) -> bool:
    assert screen.select_kind(kind)
    screen.start.setText(start)
    screen.end.setText(end)
    started = screen.reload()
    qtbot.waitUntil(lambda: not screen.busy(), timeout=60_000)
    return started


def silent_store(db, demo, tmp_path: Path) -> None:
    """A second store, registered, that never sent a bundle."""
    store = SourceStore(demo[0], str(uuid.uuid4()), "JA02", "静安区南京西路慈善超市", "南京西路", "静安区", ())
    add_store(db, write_registration(tmp_path / "JA02.json", store, Ed25519PrivateKey.generate()),
              tmp_path / "JA02-trust.json")


def test_the_table_and_charts_are_the_hubs_report(qtbot, hub, months, demo, tmp_path: Path) -> None:
    silent_store(hub, demo, tmp_path)
    screen = screen_for(qtbot, hub, months)
    last = months[-1]
    # by default: the month of the clock and the five before
    assert screen.end.text() == last.label and screen.start.text() < last.label
    assert [screen.kind.itemText(i) for i in range(screen.kind.count())][:3] == [
        "慈善超市统计汇总表", "捐赠接收统计表", "义卖收入统计表（经营性收入）"]
    assert screen.kind.count() == len(kinds())
    assert not screen.excel_button.isEnabled(), "nothing to export before a report is shown"

    for kind in ("sales", "handouts"):
        assert show(qtbot, screen, kind, months[0].label, last.label)
        assert not screen.message.isVisible()
        expected = build(hub, kind, months)
        assert screen.report is not None and screen.report.kind == kind
        assert screen.tabs.count() == len(expected.sections)
        for section in expected.sections:
            model = screen.section_model(section.key)
            assert screen.tabs.tabText(screen.tabs.indexOf(screen.tabs.widget(
                [screen.tabs.widget(i).model() for i in range(screen.tabs.count())].index(model)))) == section.title.zh
            assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
                c.title.zh for c in section.columns]
            for r, row in enumerate(section.rows):
                assert [model.data(model.index(r, c), Qt.ItemDataRole.UserRole) for c in range(len(row))] == list(row)
                assert [model.data(model.index(r, c)) for c in range(len(row))] == [
                    cell_text(col.kind, v) for col, v in zip(section.columns, row, strict=True)]

        # the store's row of the last month, as a user reads it
        measure = main_measure(kind)
        section = expected.section(f"month-{last.label}")
        model = screen.section_model(section.key)
        row = section.values("code").index("JA01")
        shown = model.data(model.index(row, section.column(measure.key)))
        assert shown == cell_text(measure.kind, section.rows[row][section.column(measure.key)])
        if measure.kind is ColumnKind.MONEY:
            assert shown.startswith("¥")
        if section.totals and model.has_totals:
            assert model.data(model.index(model.totals_row(), 0)) == "合计"

        # a bar per store of the last month, a point per month of the district
        value = section.rows[row][section.column(measure.key)]
        assert screen.bars == [("JA01", (value / 100) if measure.kind is ColumnKind.MONEY else float(value)),
                               ("JA02", 0.0)], "the silent store stands beside it at zero"
        bars = screen.stores_chart.chart().series()[0].barSets()[0]
        assert bars.count() == len(section.rows) == 2 and bars.at(0) == screen.bars[0][1] and bars.at(1) == 0
        assert section.rows[section.values("code").index("JA02")][section.column("reporting")] == "否"
        line = screen.months_chart.chart().series()[0]
        assert line.count() == len(months) and [label for label, _ in screen.points] == [m.label for m in months]
        district = expected.section("district")
        money = measure.kind is ColumnKind.MONEY
        assert [line.at(i).y() for i in range(line.count())] == [
            (v or 0) / 100 if money else float(v or 0) for v in district.values(measure.key)]
        assert last.label in screen.stores_chart.chart().title()
    assert sum(value for _label, value in screen.points) > 0, "the demo handed out: the line is not flat zero"
    assert "低保" in screen.notes.text() or "报送" in screen.notes.text()


def test_export_goes_through_the_writer_and_never_over_the_hub(qtbot, hub, months, tmp_path: Path) -> None:
    calls = []

    def writer(report, path, *, protect=None):
        calls.append((report, path, protect))
        path.write_bytes(b"x")

    screen = screen_for(qtbot, hub, months, writer=writer)
    asked = []
    target = tmp_path / "out.xlsx"

    def ask(suffix: str, suggested: str) -> Path:
        asked.append((suffix, suggested))
        return target

    screen.ask_path = ask  # type: ignore[method-assign]
    assert not screen.export("xlsx"), "nothing shown yet"
    assert show(qtbot, screen, "donations", months[-1].label, months[-1].label)
    assert screen.excel_button.isEnabled()
    screen.excel_button.click()
    qtbot.waitUntil(lambda: not screen.busy(), timeout=30_000)
    assert asked == [("xlsx", f"静安区捐赠接收统计表-{months[-1].label}-{months[-1].label}.xlsx")]
    assert len(calls) == 1 and calls[0][0] is screen.report and calls[0][1] == target and calls[0][2] is not None
    assert str(target) in screen.notice.text()

    # the real writer: a PDF with the report in it
    real = screen_for(qtbot, hub, months)
    assert show(qtbot, real, "funds", months[0].label, months[-1].label)
    pdf = tmp_path / "funds.pdf"
    real.ask_path = lambda suffix, suggested: pdf  # type: ignore[method-assign]
    assert real.export("pdf")
    qtbot.waitUntil(lambda: not real.busy(), timeout=60_000)
    assert pdf.read_bytes().startswith(b"%PDF") and not real.message.isVisible()

    # never over the hub's own database (SQLite: a file)
    if hub.file is not None:
        before = hub.file.read_bytes()[:100]
        calls.clear()
        target = hub.file.with_suffix(".xlsx")
        screen.ask_path = lambda suffix, suggested: hub.file  # type: ignore[method-assign]
        assert screen.export("csv")
        qtbot.waitUntil(lambda: not screen.busy(), timeout=30_000)
        assert calls == [] and screen.message.isVisible() and screen.message.text()
        assert "Traceback" not in screen.message.text()
        assert hub.file.read_bytes()[:100] == before


def test_bad_months_are_refused_in_chinese(qtbot, hub, months) -> None:
    screen = screen_for(qtbot, hub, months)
    assert not show(qtbot, screen, "sales", "2026-05", "2026-03")
    assert screen.message.isVisible() and "早于" in screen.message.text() and screen.report is None
    assert not show(qtbot, screen, "sales", "2023-01", "2026-03")
    assert screen.message.isVisible() and "36" in screen.message.text() and "39" in screen.message.text()
    assert not show(qtbot, screen, "sales", "2026-13", "2026-03")
    assert "2026-13" in screen.message.text()
    assert screen.report is None and screen.tabs.count() == 0
    # 36 months are fine, and the refusal goes
    assert show(qtbot, screen, "writeoffs", "2023-04", "2026-03")
    assert not screen.message.isVisible() and screen.tabs.count() > 36
    assert len(screen.points) == 36


def test_f8_opens_the_screen_and_it_fits_1024x768(qtbot, hub, months) -> None:
    add_user(hub, "wangli", "王丽", "2468")
    window = HubWindow(hub, login(hub, "wangli", "2468"), "静安区",
                       Clock(datetime.combine(months[-1].end, time(12), STORE_TZ)))
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    try:
        labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
        assert "全区报表 (F8)" in labels
        qtbot.keyClick(window, Qt.Key.Key_F8)
        screen = window.reports_screen
        assert window.stack.currentWidget() is screen
        qtbot.waitUntil(lambda: not screen.busy() and screen.report is not None, timeout=60_000)
        assert screen.report.kind == "stores" and screen.tabs.count() > 0
        assert window.width() <= 1024 and window.height() <= 768
        assert screen.show_button.isVisible() and screen.tabs.isVisible()
    finally:
        window.wait_for_jobs()
        window.close()
