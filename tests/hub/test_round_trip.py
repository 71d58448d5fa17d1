"""Store -> hub -> store, through the commands district staff and managers
type: a household takes goods at one store; the hub learns it from that
store's bundle; the other store, after importing the hub's bundle, counts
that use against the household's allowance. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from charity_pos.domain.identity import id_check_char
from charity_pos.services.base import STORE_TZ, Approval
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.registry import Services
from tests.helpers import run_cli

CARD = "AX000777"
HEAD = "顾桂英"
FIRST17 = "31010619520314077"
ID_NUMBER = FIRST17 + id_check_char(FIRST17)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> list[str]:
    code, out, err = run_cli(*argv, lang="en")
    assert code == 0, err
    assert "Traceback" not in out + err
    return out.splitlines()


def _store(capsys, tmp_path: Path, code: str, name: str) -> Path:
    db = tmp_path / f"{code}.sqlite3"
    run(capsys, "init", "--db", db, "--store-code", code, "--name", name, "--district", "静安区",
        "--manager-pin", "9999")
    return db


def test_use_at_one_store_counts_at_the_other_after_a_round_trip(capsys, hub_url: str, tmp_path: Path) -> None:
    today = datetime.now(STORE_TZ).date()
    first_store = _store(capsys, tmp_path, "JA01", "静安区石门二路街道慈善超市")
    second_store = _store(capsys, tmp_path, "JA02", "静安区江宁路街道慈善超市")
    run(capsys, "hub", "init", "--hub", hub_url, "--district", "静安区")
    for db, code in ((first_store, "JA01"), (second_store, "JA02")):
        registration, trust = tmp_path / f"{code}.json", tmp_path / f"{code}-trust.json"
        run(capsys, "store-key", "--db", db, "--out", registration)
        run(capsys, "hub", "add-store", "--hub", hub_url, "--registration", registration, "--out", trust)
        run(capsys, "trust-hub", "--db", db, trust)

    # the sub-district's list at the hub
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "救助证号,户主姓名,身份证号,家庭人数,救助类别,认定街道,认定文书号,有效期起,有效期止,同意日期\n"
        f"{CARD},{HEAD},{ID_NUMBER},1,低保,江宁路街道,静民救〔2026〕777号,{today - timedelta(days=30)},"
        f"{today + timedelta(days=300)},{today - timedelta(days=30)}\n", encoding="utf-8")
    run(capsys, "hub", "households", "import", "--hub", hub_url, registry)

    # the household takes goods at the first store, which knows it itself
    services = Services.open(first_store)
    try:
        manager = services.accounts.login("manager", "9999")
        household = services.households.register(manager, HouseholdDraft(
            CARD, HEAD, ID_NUMBER, 1, HouseholdCategory.DIBAO, "石门二路街道", "静民救〔2026〕777号",
            today - timedelta(days=30), today + timedelta(days=300), today - timedelta(days=30))).ids[0]
        from charity_pos.services.catalog import ItemDraft, Source

        oil = services.catalog.get(services.catalog.create_item(manager, ItemDraft(
            "金龙鱼大豆油 1.8L", "grain_oil", "桶", 4000, 4500, None, Source.PURCHASED)).ids[0])
        services.stock.receive(manager, {oil.id: 5})
        services.handouts.complete(manager, HandoutDraft(uuid.uuid4(), household, (HandoutLineDraft(oil.id, 1),),
                                                         Approval("manager", "9999", "—")))
    finally:
        services.close()

    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    bundle = run(capsys, "export-bundle", "--db", first_store, "--out", out_dir)[-1].strip()
    assert Path(bundle).is_file()
    assert "applied" in run(capsys, "hub", "import", "--hub", hub_url, bundle)[0]

    theirs = run(capsys, "export-bundle", "--db", second_store, "--out", out_dir)[-1].strip()
    assert "applied" in run(capsys, "hub", "import", "--hub", hub_url, theirs)[0]
    down = run(capsys, "hub", "export-bundle", "--hub", hub_url, "--store-code", "JA02", "--out", out_dir)[-1]
    applied = run(capsys, "import-bundle", "--db", second_store, down.strip())
    shanghai_today = datetime.now(STORE_TZ).date()
    assert f"the district has your data up to {shanghai_today.isoformat()}" in applied[-1]

    services = Services.open(second_store)
    try:
        card = services.handouts.card(CARD)
        assert card.head_name_masked == "顾**" and card.id_masked.endswith(ID_NUMBER[-4:])
        assert card.used_elsewhere_fen == 4000
        assert card.standing.used_fen == 4000
        assert card.standing.remaining_fen == card.standing.allowance_fen - 4000
    finally:
        services.close()
