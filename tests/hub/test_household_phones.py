"""The district registry's contact phones, for staff to call the households
that have not collected a campaign: read from the sub-district's list when it
has the column (联系电话 / 电话 / Phone), checked (a bad one is a rejected row,
its reason worded, the number nowhere in the output or the log), kept at the
hub only (no downstream bundle carries it), masked on the command line unless
``--phones`` is given and on the hub app's Campaigns screen unless Ctrl+I, and
whole in the progress workbook, the calling list. Runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import logging
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from charity_pos.errors import InvalidInput
from charity_pos.hub import campaigns
from charity_pos.hub.engine import open_hub
from charity_pos.hub.models import HubHousehold
from charity_pos.hub.registry import import_households, phone_of
from charity_pos.services.base import STORE_TZ
from tests.helpers import run_cli
from tests.hub.test_campaign_round_trip import AREA, _store, an_id, run

HEADER = "救助证号,户主姓名,身份证号,家庭人数,救助类别,认定街道,认定文书号,有效期起,有效期止,同意日期"
MOBILE, LANDLINE = "13812344506", "021-54321234"


def _rows(phones: list[str] | None, header: str = "联系电话", start: int = 1) -> str:
    today = datetime.now(STORE_TZ).date()
    lines = [HEADER + (f",{header}" if phones is not None else "")]
    for n in range(start, start + 4):
        line = (f"AX00000{n},顾桂英{n},{an_id(n)},2,低保,{AREA},静民救〔2026〕7{n}号,{today - timedelta(days=30)},"
                f"{today + timedelta(days=300)},{today - timedelta(days=30)}")
        lines.append(line + (f",{phones[n - start]}" if phones is not None else ""))
    return "\n".join(lines) + "\n"


def test_a_phone_is_a_mobile_or_a_landline_with_its_area_code() -> None:
    assert phone_of(" 138 1234 4506 ") == MOBILE
    assert phone_of(13812344506.0) == MOBILE  # Excel made it a number
    assert phone_of("１３８１２３４４５０６") == MOBILE
    assert phone_of(LANDLINE) == LANDLINE and phone_of("02154321234") == "02154321234"
    assert phone_of("0571-8765432") == "0571-8765432"
    assert phone_of(None) is None and phone_of("  ") is None
    for bad in ("12812344506", "1381234450", "138123445067", "54321234", "021--54321234", "021-5432-1234",
                "138-1234-4506", "电话未留", "+8613812344506"):
        with pytest.raises(InvalidInput) as refused:
            phone_of(bad)
        assert refused.value.reason == "contact_phone" and refused.value.value == ""  # the number not repeated


def test_phones_imported_checked_and_kept_at_the_hub_only(hub_url: str, tmp_path: Path,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    today = datetime.now(STORE_TZ).date()
    store = _store(tmp_path, "JA01")
    run("hub", "init", "--hub", hub_url, "--district", "静安区", "--staff-pin", "2468")
    registration, trust = tmp_path / "JA01.json", tmp_path / "JA01-trust.json"
    run("store-key", "--db", store, "--out", registration)
    run("hub", "add-store", "--hub", hub_url, "--registration", registration, "--out", trust)
    run("trust-hub", "--db", store, trust)

    # the fourth phone is no number: that row is rejected, with the reason, and nothing shows the number
    registry = tmp_path / "registry.csv"
    registry.write_text(_rows([MOBILE, LANDLINE, "", "1381234"]), encoding="utf-8")
    caplog.set_level(logging.DEBUG)
    with open_hub(hub_url) as db:
        done = import_households(db, registry)
        assert done.imported == 3
        (bad,) = done.preview.bad
        assert bad.row_number == 5 and bad.reasons == ["InvalidInput"]
        assert done.rejects is not None and "1381234" in done.rejects.read_text(encoding="utf-8")  # back to the office
        with db.read() as s:
            kept = {card: phone for card, phone in s.execute(select(HubHousehold.card_number, HubHousehold.phone))}
    assert kept == {"AX000001": MOBILE, "AX000002": LANDLINE, "AX000003": None}
    assert MOBILE not in caplog.text and "54321234" not in caplog.text

    # on the command line: the reason worded; a list without the column imports with no phones
    again = tmp_path / "again.csv"
    again.write_text(_rows([MOBILE, "02-1234", "", ""], header="Phone (mobile)", start=5), encoding="utf-8")
    _code, printed, errors = run_cli("hub", "households", "import", "--hub", hub_url, again, lang="en")
    out = printed + errors
    assert "is not a phone number" in out and "02-1234" not in out and MOBILE not in out
    assert "Row 3 (AX000006 " in out and "3 households imported into the district registry, 1 rejected." in out

    # the progress: masked on the command line, whole with --phones and in the workbook (the calling list)
    run("hub", "campaign", "add", "--hub", hub_url, "--name", "冬季送温暖", "--from",
        (today - timedelta(days=1)).isoformat(), "--to", (today + timedelta(days=30)).isoformat(),
        "--value", "80", "--staff", "district", "--staff-pin", "2468")
    text = "\n".join(run("hub", "campaign", "progress", "--hub", hub_url, "--campaign", "冬季送温暖",
                         "--xlsx", tmp_path / "progress.xlsx"))
    assert "AX000001" in text and "138****4506" in text and "021****1234" in text
    assert MOBILE not in text and "54321234" not in text
    whole = "\n".join(run("hub", "campaign", "progress", "--hub", hub_url, "--campaign", "冬季送温暖", "--phones"))
    assert f"AX000001 顾*** {AREA} JA01 {MOBILE}" in whole and MOBILE in whole and LANDLINE in whole
    from openpyxl import load_workbook

    cells = [str(c.value) for ws in load_workbook(tmp_path / "progress.xlsx").worksheets
             for r in ws.iter_rows() for c in r]
    assert MOBILE in cells and LANDLINE in cells and "联系电话" in cells
    assert any("电话联系名单" in c for c in cells)  # the note says what it is

    # no downstream bundle carries a phone, in any form
    usb = tmp_path / "usb"
    usb.mkdir()
    bundle = Path(run("hub", "export-bundle", "--hub", hub_url, "--store-code", "JA01", "--out", usb)[-1].strip())
    with zipfile.ZipFile(bundle) as z:
        raw = b"".join(z.read(n) for n in z.namelist())
    assert b"AX000001" in raw  # the household went down
    # the masked forms, not a bare "4506": four digits turn up by chance in a signature or an id
    for form in (MOBILE, LANDLINE, "54321234", "****4506", "138****", "****1234", "phone"):
        assert form.encode() not in raw
    run("import-bundle", "--db", store, bundle)
    assert MOBILE.encode() not in store.read_bytes()


def test_the_progress_holds_the_whole_phone_and_shows_it_masked(hub_url: str, tmp_path: Path) -> None:
    today = datetime.now(STORE_TZ).date()
    run("hub", "init", "--hub", hub_url, "--district", "静安区", "--staff-pin", "2468")
    registry = tmp_path / "registry.csv"
    registry.write_text(_rows([MOBILE, LANDLINE, "", MOBILE], header="电话"), encoding="utf-8")
    run("hub", "households", "import", "--hub", hub_url, registry)
    without = tmp_path / "without.csv"  # a list without the column: its households have no phone
    without.write_text(_rows(None, start=5), encoding="utf-8")
    run("hub", "households", "import", "--hub", hub_url, without)
    run("hub", "campaign", "add", "--hub", hub_url, "--name", "春节慰问", "--from", today.isoformat(), "--to",
        (today + timedelta(days=3)).isoformat(), "--value", "50", "--staff", "district", "--staff-pin", "2468")
    with open_hub(hub_url) as db:
        p = campaigns.progress(db, "春节慰问")
    by_card = {w.card_number: w for w in p.waiting}
    assert (by_card["AX000001"].phone, by_card["AX000001"].phone_masked) == (MOBILE, "138****4506")
    assert (by_card["AX000003"].phone, by_card["AX000003"].phone_masked) == ("", "")
    assert (by_card["AX000004"].phone, by_card["AX000006"].phone) == (MOBILE, "")
    assert len(p.waiting) == 8
    assert MOBILE not in repr(by_card["AX000001"])
