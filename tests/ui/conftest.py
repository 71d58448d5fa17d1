"""Widget-test fixtures: a small real store, Chinese translations installed,
and fakes for dialogs so that nothing modal blocks a test."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from charity_pos import i18n
from charity_pos.security.keys import key_path
from charity_pos.services.base import Actor, Approval, Role
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.registry import Services
from charity_pos.services.store import init_store
from tests.conftest import copy_store, store_id_of


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHARITY_POS_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session", autouse=True)
def chinese(qapp):
    """The app's default language, as a store's cashiers see it."""
    from charity_pos.ui import theme

    translators = i18n.load("zh_CN")
    for translator in translators:
        qapp.installTranslator(translator)
    theme.apply(qapp, 13)
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture(autouse=True)
def _chinese_messages(chinese):
    """The messages ``describe`` words (``i18n.translate``) in Chinese at each test's start, whatever ran
    before: a module's fixture that ran the command line with ``--lang en`` left them in English for every
    widget test after it (which ones depended on the order the tests ran in)."""
    i18n._loaded[:] = chinese


class FakeFeedback:
    """Records what the user would have been told."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.infos: list[tuple[str, str]] = []
        self.confirms: list[tuple[str, str]] = []
        self.answer = True  # what the user answers to a yes/no question

    def error(self, parent, error) -> None:
        self.errors.append(i18n.describe(error))

    def info(self, parent, title: str, text: str) -> None:
        self.infos.append((title, text))

    def confirm(self, parent, title: str, text: str) -> bool:
        self.confirms.append((title, text))
        return self.answer


class FakeApproval:
    """Stands in for the manager-approval dialog; remembers being asked."""

    def __init__(self, answer: Approval | None) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent, what: str) -> Approval | None:
        self.asked.append(what)
        return self.answer


@pytest.fixture(scope="session")
def ui_store_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The widget tests' store, made once for the session (its closed file and its key file): a new store,
    the manager signed in once, a cashier and three items. Making it cost more than most widget tests."""
    folder = tmp_path_factory.mktemp("ui-store-template")
    path = folder / "store.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHARITY_POS_HOME", str(folder / "home"))
        db = init_store(path, store_code="PT01", name="普陀区长征镇慈善超市", district="普陀区", manager_pin="9999")
        sv = Services.for_db(db)
        manager = sv.accounts.login("manager", "9999")
        sv.accounts.create_user(manager, "cashier", "王丽华", Role.CASHIER, "1111")
        for draft in (
            ItemDraft("东北大米 5kg", "grain_oil", "袋", 3290, 3590, "6901234567892", Source.PURCHASED),
            ItemDraft("海天金标生抽 500ml", "grain_oil", "瓶", 1190, 1290, None, Source.PURCHASED),
            ItemDraft("男式羊毛衫 L码 藏青", "clothing", "件", 2500, 12000, None, Source.DONATED),
        ):
            sv.catalog.create_item(manager, draft)
        sv.close()
        key = key_path(uuid.UUID(store_id_of(path)))
    assert key.is_file() and not path.with_name(path.name + "-wal").exists()
    return path, key


@pytest.fixture
def services(tmp_path: Path, ui_store_template: tuple[Path, Path]) -> Iterator[Services]:
    """A copy of the session's ``ui_store_template`` at ``tmp_path / "store.db"``, its key in this test's home."""
    sv = Services.for_db(copy_store(ui_store_template, tmp_path / "store.db"))
    yield sv
    sv.close()


@pytest.fixture
def manager(services: Services) -> Actor:
    return services.accounts.login("manager", "9999")


@pytest.fixture
def cashier(services: Services) -> Actor:
    return services.accounts.login("cashier", "1111")


@pytest.fixture
def feedback() -> FakeFeedback:
    return FakeFeedback()


def now() -> datetime:
    return datetime.now(UTC)


def show_active(widget) -> None:
    """Show a window and make it the active one, as under a user's hand, so
    that its keyboard shortcuts work."""
    from PySide6.QtTest import QTest

    widget.show()
    widget.activateWindow()
    assert QTest.qWaitForWindowActive(widget)


def answer_dialogs(qtbot, owner, steps: Callable[[Any], None]) -> list[Any]:
    """Replace ``owner.run_dialog`` (how a screen opens its modal dialogs) by a user at the keyboard: each
    dialog is shown in front, ``steps`` works it, and it closes with the result it came to. Returns the
    dialogs in the order they opened (the list fills as they do)."""
    shown: list[Any] = []

    def run(dialog) -> int:
        shown.append(dialog)
        show_active(dialog)
        qtbot.waitUntil(dialog.isActiveWindow)  # a dialog over the screen: its keys once it is in front
        steps(dialog)
        result = dialog.result()
        dialog.close()
        return result

    owner.run_dialog = run
    return shown


# --- the counter -------------------------------------------------------------
TILL = "1"
FLOAT_FEN = 50000


@pytest.fixture
def open_shift(services: Services, manager: Actor):
    """Till 1's shift, opened by the manager with a ¥500 float."""
    changes = services.shifts.open(manager, TILL, FLOAT_FEN)
    return services.shifts.find(changes.ids[0])


@pytest.fixture
def stocked(services: Services, manager: Actor) -> dict[str, object]:
    """Rice 20 bags and soy sauce 12 bottles on the shelf (the sweater: none).
    Returns the items by short name."""
    rice, sauce, sweater = (services.catalog.search(name)[0] for name in ("东北大米", "生抽", "羊毛衫"))
    services.stock.receive(manager, {rice.id: 20, sauce.id: 12}, note="到货")
    return {"rice": rice, "sauce": sauce, "sweater": sweater}


@pytest.fixture
def settings():
    """This PC's settings: till 1, no slip printer named, no automatic slip."""
    from charity_pos.config import Settings

    return Settings(till=TILL)


@pytest.fixture
def approval() -> FakeApproval:
    """The manager-approval dialog, answered as the test says (None: cancelled)."""
    return FakeApproval(None)


@pytest.fixture
def sale_screen(qtbot, services, cashier, feedback, approval, settings, open_shift, stocked):
    """The counter, shown and in front, with a shift open and goods on the shelf."""
    from charity_pos.ui.sales import SaleScreen

    screen = SaleScreen(services, cashier, feedback, approval, settings=settings)
    qtbot.addWidget(screen)
    screen.changed.connect(screen.on_changed)  # as the main window would pass it on
    screen.resize(1100, 720)
    show_active(screen)
    screen.activate()
    return screen
