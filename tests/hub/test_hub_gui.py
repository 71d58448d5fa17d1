"""The hub app as district staff use it (offscreen, on SQLite and on
PostgreSQL): log-in with a PIN and its lock-out, imports that run in a
worker thread with one line per file, the stores' list and its warning
for a store silent for 7 days, the masked registry and its spreadsheet
import, and one downstream bundle per store."""

from __future__ import annotations

import gc
import uuid
import weakref
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import update

from charity_pos import errors, i18n
from charity_pos.hub import users
from charity_pos.hub.models import HubStore
from charity_pos.hub.service import add_store
from charity_pos.hub_ui.app import HubShell
from charity_pos.hub_ui.importing import ImportScreen
from charity_pos.hub_ui.registry import RegistryScreen
from charity_pos.hub_ui.stores import StoresScreen
from tests.hub import Hub, SourceStore, hub, source, store_key, write_registration  # noqa: F401  (fixtures)
from tests.hub.test_downstream import ALL_IDS, BAD, GOOD, write_csv

NOW = datetime(2026, 3, 13, 4, 0, tzinfo=UTC)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


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


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


def second_store(hub: Hub, tmp_path: Path, code: str = "JA02") -> None:
    store = SourceStore(hub.store.path, str(uuid.uuid4()), code, "静安区南京西路慈善超市", "南京西路", hub.store.district, ())
    add_store(hub.db, write_registration(tmp_path / f"{code}.json", store, Ed25519PrivateKey.generate()),
              tmp_path / f"{code}-trust.json")


def run_import(qtbot, screen: ImportScreen, paths: list[Path]) -> list[str]:
    screen.choose_files = lambda: paths  # type: ignore[method-assign]
    screen.choose_button.click()
    assert screen.busy()
    qtbot.waitUntil(lambda: not screen.busy(), timeout=120_000)
    return [screen.lines.item(i).text() for i in range(screen.lines.count())]


def test_login_good_and_bad_pin_and_lockout(qtbot, hub: Hub, clock: Clock) -> None:
    users.add_user(hub.db, "zhou", "周敏", "2468")
    shell = HubShell(hub.db, clock)
    qtbot.addWidget(shell.login)
    opened: list[object] = []
    shell.login.logged_in.connect(opened.append)
    assert shell.login.user.currentData() == "zhou"
    shell.login.pin.setText("1111")
    shell.login.button.click()
    assert opened == [] and "PIN" in shell.login.message.text()
    for _ in range(4):
        shell.login.pin.setText("1111")
        shell.login.button.click()
    shell.login.pin.setText("2468")  # the right PIN, but locked for 5 minutes
    shell.login.button.click()
    assert opened == []
    with pytest.raises(errors.AccountLocked):
        users.login(hub.db, "zhou", "2468", clock=clock)
    clock.at += timedelta(minutes=6)
    shell.login.pin.setText("2468")
    shell.login.button.click()
    assert len(opened) == 1 and shell.main is not None
    qtbot.addWidget(shell.main)
    assert "周敏" in shell.main.statusBar().findChildren(type(shell.login.message))[0].text()
    shell.close()


def test_add_user_refuses_a_bad_pin_and_a_taken_name(hub: Hub) -> None:
    users.add_user(hub.db, "zhou", "周敏", "2468")
    with pytest.raises(errors.DuplicateName):
        users.add_user(hub.db, "ZHOU", "周敏", "2468")
    with pytest.raises(errors.InvalidInput):
        users.add_user(hub.db, "li", "李", "12")


def test_a_refused_pin_leaves_no_reference_cycle(hub: Hub) -> None:
    """The log-in screen's frames (and so the screen, the window) go when they
    return, not whenever the cyclic GC runs: it then deleted the window in the
    middle of Qt's event processing for it, a segfault after the test above."""
    users.add_user(hub.db, "zhou", "周敏", "2468")

    class Held:
        pass

    def caller(pin: str) -> weakref.ref[Held]:
        held = Held()
        try:
            users.login(hub.db, "zhou", pin)
        except (errors.WrongPin, errors.AccountLocked):
            pass
        return weakref.ref(held)

    gc.collect()
    gc.disable()
    try:
        # wrong PINs, the one that locks, a try while locked
        assert [caller("1111")() for _ in range(6)] == [None] * 6
    finally:
        gc.enable()


def test_two_files_give_one_line_each_and_the_stores_list_updates(qtbot, hub: Hub, clock: Clock) -> None:
    last = hub.store.events[-1]["seq"]
    middle = last // 2
    first, second = hub.bundle(1, middle), hub.bundle(middle + 1, last)
    imports = ImportScreen(hub.db, clock)
    stores = StoresScreen(hub.db, clock)
    qtbot.addWidget(imports)
    qtbot.addWidget(stores)
    imports.imported.connect(stores.reload)
    assert stores.model.rows()[0].last_bundle_at is None
    assert "从未同步" in stores.model.data(stores.model.index(0, 5))
    lines = run_import(qtbot, imports, [first, second])
    assert len(lines) == 2
    assert lines[0].startswith(first.name) and f"#1-#{middle}" in lines[0]
    assert lines[1].startswith(second.name) and f"#{middle + 1}-#{last}" in lines[1]
    assert imports.progress.value() == imports.progress.maximum() == 2
    # the last file's events, counted as they were read
    assert imports.events_bar.value() == imports.events_bar.maximum() == last - middle
    assert imports.events_label.text() == f"{second.name}：已读取 {last - middle:,} / {last - middle:,} 条事件"
    row = stores.model.rows()[0]
    assert row.last_seq == last and row.last_bundle_at == NOW
    assert stores.warning.text() == ""
    # the same file again: already imported
    assert len(run_import(qtbot, imports, [first])) == 1
    assert imports.lines.item(0).text() == f"{first.name}: 已导入过"


def test_a_refused_file_shows_its_reason(qtbot, hub: Hub, clock: Clock) -> None:
    gap = hub.bundle(3, 5)
    broken = hub.folder / "broken.cpbundle"
    broken.write_bytes(b"not a bundle")
    imports = ImportScreen(hub.db, clock)
    qtbot.addWidget(imports)
    lines = run_import(qtbot, imports, [gap, broken])
    assert len(lines) == 2
    assert all("{" not in line for line in lines)
    assert lines[0].startswith(gap.name) and "拒绝" in lines[0] and len(lines[0]) > len(gap.name) + 8
    assert lines[1].startswith("broken.cpbundle") and "拒绝" in lines[1]
    assert "2" in imports.status.text()


def test_cancel_stops_between_files(qtbot, hub: Hub, clock: Clock) -> None:
    last = hub.store.events[-1]["seq"]
    paths = [hub.bundle(1, last, name=f"copy-{n}.cpbundle") for n in range(6)]
    imports = ImportScreen(hub.db, clock)
    qtbot.addWidget(imports)
    imports.start_import(paths)
    assert imports.job is not None
    imports.job.progress.connect(lambda *_: imports.cancel())  # stop once the first file is in
    qtbot.waitUntil(lambda: not imports.busy(), timeout=120_000)
    assert 1 <= imports.lines.count() < len(paths)
    assert "已停止" in imports.status.text()


def test_stale_store_warning_after_seven_days(qtbot, hub: Hub, clock: Clock) -> None:
    with hub.db.begin() as s:
        s.execute(update(HubStore).values(last_bundle_at=NOW - timedelta(days=6)))
    stores = StoresScreen(hub.db, clock)
    qtbot.addWidget(stores)
    assert stores.warning.text() == ""
    assert stores.model.data(stores.model.index(0, 5)) == "正常"
    clock.at = NOW + timedelta(days=2)
    stores.reload()
    assert hub.store.code in stores.warning.text()
    assert "8" in stores.model.data(stores.model.index(0, 5))
    assert stores.model._foreground(stores.model.rows()[0], 5) is not None


def test_downstream_for_every_store_writes_one_file_each(qtbot, hub: Hub, clock: Clock, tmp_path: Path) -> None:
    second_store(hub, tmp_path)
    out = tmp_path / "down"
    out.mkdir()
    stores = StoresScreen(hub.db, clock)
    qtbot.addWidget(stores)
    stores.choose_folder = lambda: out  # type: ignore[method-assign]
    stores.downstream_button.click()
    qtbot.waitUntil(lambda: not stores.busy(), timeout=60_000)
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted([f"{hub.store.code}-down-1.cpbundle", "JA02-down-1.cpbundle"])
    assert stores.downstream_lines.count() == 2


def test_registry_shows_masked_data_only(qtbot, hub: Hub, clock: Clock, tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "list.csv", GOOD + BAD)
    registry = RegistryScreen(hub.db, clock)
    qtbot.addWidget(registry)
    registry.choose_spreadsheet = lambda: sheet  # type: ignore[method-assign]
    registry.import_button.click()
    qtbot.waitUntil(lambda: registry.job is None, timeout=60_000)
    assert registry.last_import is not None and registry.last_import.imported == len(GOOD)
    assert registry.rejects.count() == len(BAD) and "rejects" in registry.result.text()
    model = registry.model
    shown = [model.data(model.index(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())]
    shown += [registry.rejects.item(i).text() for i in range(registry.rejects.count())]
    assert model.rowCount() == len(GOOD)
    for number in ALL_IDS:
        assert not any(number in text for text in shown)
    for name in ("王小明", "李红", "张三", "赵四", "钱五", "孙六", "周七"):
        assert not any(name in text for text in shown)
    assert "王**" in shown
    registry.search.setText("JA0002")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5_000)


def test_hub_add_user_and_init_with_staff_pin_on_the_command_line(capsys, hub: Hub, tmp_path: Path) -> None:
    from charity_pos.cli import main

    assert main(["hub", "add-user", "--hub", hub.url, "--username", "zhou", "--name", "周敏",
                 "--pin", "2468", "--lang", "en"]) == 0
    assert "zhou" in capsys.readouterr().out
    assert main(["hub", "add-user", "--hub", hub.url, "--username", "zhou", "--name", "周敏",
                 "--pin", "2468", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and err.count("\n") == 1
    assert main(["hub", "add-user", "--hub", hub.url, "--username", "li", "--name", "李",
                 "--pin", "12", "--lang", "en"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert users.login(hub.db, "zhou", "2468").display_name == "周敏"
    other = tmp_path / "other.sqlite3"
    assert main(["hub", "init", "--hub", str(other), "--district", "普陀区", "--staff-pin", "1357", "--lang", "en"]) == 0
    from charity_pos.hub.engine import open_hub

    with open_hub(other) as db:
        assert users.login(db, "district", "1357").username == "district"


def test_the_stores_list_shows_each_store_kind(qtbot, hub: Hub, clock: Clock) -> None:
    with hub.db.begin() as s:
        s.add(HubStore(id=uuid.uuid4(), code="JAWH", name="静安区慈善物资仓库", short_name="物资仓库", district="静安区",
                       public_key="x" * 44,
                       registered_at=NOW, kind="warehouse"))
    stores = StoresScreen(hub.db, clock)
    qtbot.addWidget(stores)
    assert stores.model.headers()[2] == "类型"
    shown = {stores.model.data(stores.model.index(r, 0)): stores.model.data(stores.model.index(r, 2))
             for r in range(stores.model.rowCount())}
    assert shown == {hub.store.code: "门店", "JAWH": "仓库"}
