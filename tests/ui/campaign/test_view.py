"""The campaign screen (Shift+F8): pick the campaign, scan a relief card and
the package is handed out at once; the list shows who collected here, at
another store and not yet, masked; a refusal says why in red and changes
nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from charity_pos.ui.campaign import CampaignScreen
from tests.services.campaign_world import send_campaign
from tests.ui.conftest import FakeApproval, show_active


def open_screen(qtbot, services: Services, cashier: Actor, feedback) -> CampaignScreen:
    made = CampaignScreen(services, cashier, feedback, FakeApproval(None))
    qtbot.addWidget(made)
    made.resize(1024, 768)
    show_active(made)
    made.refresh()
    made.activate()
    return made


@pytest.fixture
def screen(qtbot, services: Services, cashier: Actor, manager: Actor, feedback, stocked):
    send_campaign(services, elsewhere={"PT100002": "PT02"})
    return open_screen(qtbot, services, cashier, feedback)


def table(screen: CampaignScreen) -> list[list[str]]:
    return [[screen.model.index(r, c).data() for c in range(screen.model.columnCount())]
            for r in range(screen.model.rowCount())]


def scan(qtbot, screen: CampaignScreen, card: str) -> None:
    qtbot.keyClicks(screen.card, card)
    qtbot.keyClick(screen.card, Qt.Key.Key_Return)


def test_a_card_hands_out_the_package_at_once(qtbot, screen, services, qtmodeltester) -> None:
    qtmodeltester.check(screen.model)
    assert screen.picker.currentText().startswith("冬季送温暖")
    rows = table(screen)
    assert [r[0] for r in rows] == ["PT100001", "PT100002"]
    assert rows[0][1] == "顾**" and rows[0][2] == "低保" and rows[1][5] == "PT02"
    assert screen.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "310107********0012"  # masked
    changes = []
    screen.changed.connect(changes.append)
    scan(qtbot, screen, "PT100001")
    assert changes and changes[0].number
    assert changes[0].number in screen.message.text()
    assert screen.message.objectName() == "notice"
    done = table(screen)
    here = next(r for r in done if r[0] == "PT100001")
    assert changes[0].number in here[5]
    assert screen.card.text() == "" and screen.card.hasFocus()


def test_a_refusal_says_why_and_changes_nothing(qtbot, screen, services) -> None:
    scan(qtbot, screen, "PT100002")
    assert screen.message.objectName() == "warning"
    assert "PT02" in screen.message.text()
    scan(qtbot, screen, "PT100003")
    assert screen.message.objectName() == "warning" and "PT100003" in screen.message.text()
    assert services.handouts.handouts(limit=5) == []


def test_only_those_not_collected(qtbot, screen) -> None:
    scan(qtbot, screen, "PT100001")
    qtbot.keyClick(screen, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert screen.only_waiting.isChecked()
    assert [r[0] for r in table(screen)] == []  # PT100002 collected elsewhere, PT100001 here


def test_a_value_package_takes_the_goods_chosen_after_the_card(qtbot, services, cashier, feedback, stocked) -> None:
    send_campaign(services, value_fen=7000)  # 东北大米 5kg at ¥32.90: two fit, a third does not
    screen = open_screen(qtbot, services, cashier, feedback)
    scan(qtbot, screen, "PT100001")
    assert screen.choosing == "PT100001" and "PT100001" in screen.message.text()
    for _ in range(3):
        scan(qtbot, screen, "6901234567892")
    assert screen.message.objectName() == "warning"  # the third would go past ¥70.00
    assert [(g.name, n) for g, n in screen.chosen] == [("东北大米 5kg", 2)]
    changes = []
    screen.changed.connect(changes.append)
    qtbot.keyClick(screen, Qt.Key.Key_F12)
    assert changes and changes[0].number in screen.message.text() and screen.choosing is None
    assert services.handouts.handouts(limit=1)[0].total_value_fen == 6580
    scan(qtbot, screen, "PT100002")
    qtbot.keyClick(screen, Qt.Key.Key_Escape)  # starts again: nothing chosen, nothing handed out
    assert screen.choosing is None and len(services.handouts.handouts(limit=5)) == 1
