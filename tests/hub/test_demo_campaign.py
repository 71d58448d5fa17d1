"""The demo's winter campaign (冬季送温暖, ``hub.demo_campaign``) runs end to
end on a store that trusts a hub: defined at the hub, brought down, two
households served, the store's bundle back; the hub's progress shows it.
On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from charity_pos.domain.identity import id_check_char
from charity_pos.hub import campaigns
from charity_pos.hub.demo_campaign import NAME, winter_campaign
from charity_pos.hub.engine import open_hub
from charity_pos.hub.users import add_user
from charity_pos.hub_ui.campaigns import CampaignsScreen
from charity_pos.services.base import STORE_TZ
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.registry import Services
from tests.helpers import run_cli


def ok(*argv: object) -> None:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 0, out + err


def test_the_demo_campaign_is_collected_and_shows_at_the_hub(qtbot, hub_url: str, tmp_path: Path) -> None:
    today = datetime.now(STORE_TZ).date()
    store = tmp_path / "JA01.sqlite3"
    ok("init", "--db", store, "--store-code", "JA01", "--name", "静安区石门二路街道慈善超市", "--district", "静安区",
       "--manager-pin", "9999")
    ok("hub", "init", "--hub", hub_url, "--district", "静安区")
    ok("store-key", "--db", store, "--out", tmp_path / "JA01.json")
    ok("hub", "add-store", "--hub", hub_url, "--registration", tmp_path / "JA01.json", "--out", tmp_path / "t.json")
    ok("trust-hub", "--db", store, tmp_path / "t.json")
    rows = ["救助证号,户主姓名,身份证号,家庭人数,救助类别,认定街道,认定文书号,有效期起,有效期止,同意日期,联系电话"]
    for n, category in enumerate(("低保", "特困", "低保边缘", "低收入"), start=1):
        first17 = f"3101041952081476{n}"
        rows.append(f"HB{n:06d},户主{n},{first17 + id_check_char(first17)},2,{category},石门二路街道,"
                    f"静民救〔2026〕{n:03d}号,{today - timedelta(days=30)},{today + timedelta(days=300)},"
                    f"{today - timedelta(days=30)},1391605227{n}")
    (tmp_path / "list.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ok("hub", "households", "import", "--hub", hub_url, tmp_path / "list.csv")
    services = Services.open(store)
    try:
        manager = services.accounts.login("manager", "9999")
        rice = services.catalog.create_item(manager, ItemDraft("金龙鱼东北大米 5kg", "grain_oil", "袋", 3290, 3590, None,
                                                               Source.PURCHASED)).ids[0]
        services.stock.receive(manager, {rice: 10})
    finally:
        services.close()
    folder = tmp_path / "usb"
    folder.mkdir()
    with open_hub(hub_url) as db:
        add_user(db, "wangli", "王丽", "2468")
        done = winter_campaign(db, store, folder, store_code="JA01", staff="wangli", staff_pin="2468",
                               cashier="manager", cashier_pin="9999")
        assert done.eligible == 3 and len(done.collected) == 2  # 低收入 is not in the campaign
        progress = campaigns.progress(db, NAME)
        assert (progress.eligible, progress.collected, progress.value_fen) == (3, 2, 2 * 3290)
        assert [(s.code, s.collected, s.eligible) for s in progress.stores] == [("JA01", 2, 3)]
        assert len(progress.waiting) == 1 and not progress.twice

        # the hub app's Campaigns screen: by store, who to call, and the workbook
        screen = CampaignsScreen(db)
        qtbot.addWidget(screen)
        screen.resize(1024, 768)
        screen.show()
        screen.reload()
        qtbot.waitUntil(lambda: not screen.busy() and screen.progress is not None, timeout=60_000)
        assert NAME in screen.picker.currentText()
        cells = [[screen.stores.index(r, c).data() for c in range(5)] for r in range(screen.stores.rowCount())]
        assert cells == [["JA01", "静安区石门二路街道慈善超市", "2", "3", "¥65.80"]]
        assert screen.waiting.rowCount() == 1 and screen.waiting.index(0, 0).data() == "HB000003"
        assert screen.waiting.index(0, 1).data() == "户**"  # masked
        assert screen.waiting.index(0, 6).data() == "139****2273"  # masked too, whole on Ctrl+I
        assert screen.reveal_phone() == "" and "13916052273" not in screen.phone_shown.text()  # none selected
        screen.waiting_table.setFocus()
        screen.waiting_table.setCurrentIndex(screen.waiting.index(0, 0))
        qtbot.keyClick(screen.waiting_table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
        assert "HB000003" in screen.phone_shown.text() and "13916052273" in screen.phone_shown.text()
        screen.choose_file = lambda _name: tmp_path / "winter.xlsx"  # type: ignore[method-assign]
        written = screen.export()
        assert written is not None and written.is_file()
    from openpyxl import load_workbook

    values = [c.value for ws in load_workbook(written).worksheets for r in ws.iter_rows() for c in r]
    assert "HB000003" in values and "JA01" in values
    assert "13916052273" in values  # the calling list: whole numbers
