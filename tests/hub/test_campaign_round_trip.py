"""A relief campaign from the hub to the stores and back, through the
commands district staff and cashiers type: the hub defines it, the
downstream bundle carries it to two stores with their eligible households,
each store hands out the package (its own H number, stock out of lots, not
counted against the allowance), the bundles come back and the hub shows the
progress by store, who has not collected, and the household both stores
served while offline from each other. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charity_pos.domain.identity import id_check_char
from charity_pos.errors import CampaignRefused, CampaignStockShort, CardRefused
from charity_pos.services.base import STORE_TZ
from charity_pos.services.campaigns import ELSEWHERE, HERE, WAITING, CampaignService, CollectDraft
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.registry import Services
from charity_pos.sync.bundle import read_bundle, write_bundle
from charity_pos.sync.downstream import PARTS as DOWNSTREAM_PARTS
from tests.helpers import run_cli

AREA = "江宁路街道"
HOUSEHOLDS = [("AX000001", "顾桂英", "dibao", "低保"), ("AX000002", "王大明", "tekun", "特困"),
              ("AX000003", "李小红", "low_income", "低收入"), ("AX000004", "赵四", "dibao", "低保")]


def an_id(n: int) -> str:
    first = f"3101061952031400{n}"
    return first + id_check_char(first)


def run(*argv: object, ok: bool = True) -> list[str]:
    code, out, err = run_cli(*argv, lang="en")
    assert "Traceback" not in out + err
    assert (code == 0) == ok, out + err
    return (out + err).splitlines()


def _store(tmp_path: Path, code: str) -> Path:
    db = tmp_path / f"{code}.sqlite3"
    run("init", "--db", db, "--store-code", code, "--name", f"静安区{code}慈善超市", "--district", "静安区",
        "--manager-pin", "9999")
    return db


def _stock(db: Path, units: int) -> None:
    services = Services.open(db)
    try:
        manager = services.accounts.login("manager", "9999")
        oil = services.catalog.get(services.catalog.create_item(manager, ItemDraft(
            "金龙鱼大豆油 1.8L", "grain_oil", "桶", 4000, 4500, None, Source.PURCHASED)).ids[0])
        services.stock.receive(manager, {oil.id: units})
    finally:
        services.close()


def _down(hub_url: str, db: Path, code: str, folder: Path) -> None:
    bundle = run("hub", "export-bundle", "--hub", hub_url, "--store-code", code, "--out", folder)[-1].strip()
    run("import-bundle", "--db", db, bundle)


def _up(hub_url: str, db: Path, folder: Path) -> None:
    bundle = run("export-bundle", "--db", db, "--out", folder)[-1].strip()
    run("hub", "import", "--hub", hub_url, bundle)


def _journal_head(services: Services) -> int:
    from sqlalchemy import func, select

    from charity_pos.db.models import JournalEvent

    with services.db.read() as s:
        return int(s.scalar(select(func.max(JournalEvent.seq))) or 0)


def test_a_campaign_from_the_hub_to_two_stores_and_back(hub_url: str, tmp_path: Path) -> None:
    today = datetime.now(STORE_TZ).date()
    first, second = _store(tmp_path, "JA01"), _store(tmp_path, "JA02")
    run("hub", "init", "--hub", hub_url, "--district", "静安区", "--staff-pin", "2468")
    for db, code in ((first, "JA01"), (second, "JA02")):
        registration, trust = tmp_path / f"{code}.json", tmp_path / f"{code}-trust.json"
        run("store-key", "--db", db, "--out", registration)
        run("hub", "add-store", "--hub", hub_url, "--registration", registration, "--out", trust)
        run("trust-hub", "--db", db, trust)
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "救助证号,户主姓名,身份证号,家庭人数,救助类别,认定街道,认定文书号,有效期起,有效期止,同意日期\n" + "".join(
            f"{card},{name},{an_id(n)},2,{word},{AREA},静民救〔2026〕7{n}号,{today - timedelta(days=30)},"
            f"{today + timedelta(days=300)},{today - timedelta(days=30)}\n"
            for n, (card, name, _code, word) in enumerate(HOUSEHOLDS, start=1)), encoding="utf-8")
    run("hub", "households", "import", "--hub", hub_url, registry)

    # district staff define the campaign: a wrong PIN, bad input and a name twice are refused
    add = ("hub", "campaign", "add", "--hub", hub_url, "--name", "冬季送温暖", "--from",
           (today - timedelta(days=1)).isoformat(), "--to", (today + timedelta(days=30)).isoformat(),
           "--category", "dibao", "--category", "tekun", "--goods", "category:grain_oil=2", "--staff", "district")
    assert "Wrong PIN" in "\n".join(run(*add, "--staff-pin", "1111", ok=False))
    assert "dates" in "\n".join(run(*add[:8], today.isoformat(), "--to", (today - timedelta(days=3)).isoformat(),
                                    "--goods", "category:grain_oil=2", "--staff", "district", "--staff-pin", "2468",
                                    ok=False))
    assert "冬季送温暖" in run(*add, "--staff-pin", "2468")[0]
    assert "already taken" in "\n".join(run(*add, "--staff-pin", "2468", ok=False))
    assert "冬季送温暖" in run("hub", "campaign", "list", "--hub", hub_url)[0]

    usb = tmp_path / "usb"
    usb.mkdir()
    _stock(first, 5)
    _stock(second, 1)
    for db, code in ((first, "JA01"), (second, "JA02")):
        _down(hub_url, db, code, usb)

    # the first store hands out: one step, its own H number, stock out, the allowance untouched
    services = Services.open(first)
    try:
        cashier = services.accounts.login("manager", "9999")
        campaigns = CampaignService(services.ctx, services.accounts)
        (row,) = campaigns.campaigns()
        assert (row.name, row.eligible, row.collected_here, row.state) == ("冬季送温暖", 3, 0, "open")
        roster = campaigns.roster(row.id)
        assert [(r.card_number, r.standing) for r in roster] == [
            ("AX000001", WAITING), ("AX000002", WAITING), ("AX000004", WAITING)]
        assert roster[0].head_name_masked == "顾**" and "********" in roster[0].id_masked
        before = services.handouts.card("AX000001").standing.used_fen
        done = campaigns.collect(cashier, CollectDraft(uuid.uuid4(), row.id, "ax000001"))
        assert done.number is not None and "H" in done.number
        assert services.handouts.card("AX000001").standing.used_fen == before  # not counted against it
        (handout,) = services.handouts.handouts(household_id=roster[0].household_id)
        assert (handout.number, handout.total_value_fen) == (done.number, 8000)
        head = _journal_head(services)
        with pytest.raises(CampaignRefused) as twice:
            campaigns.collect(cashier, CollectDraft(uuid.uuid4(), row.id, "AX000001"))
        assert twice.value.reason == "collected_here" and twice.value.number == done.number
        with pytest.raises(CampaignRefused) as outside:
            campaigns.collect(cashier, CollectDraft(uuid.uuid4(), row.id, "AX000003"))
        assert outside.value.reason == "category"
        with pytest.raises(CardRefused):
            campaigns.collect(cashier, CollectDraft(uuid.uuid4(), row.id, "NO-SUCH-CARD"))
        assert _journal_head(services) == head  # nothing changed
    finally:
        services.close()
    # the store's command line hands out as the screen does
    out = run("campaign", "collect", "--db", first, "--campaign", "冬季送温暖", "--card", "ax000002", "--user",
              "manager", "--pin", "9999")
    assert "AX000002" in out[0] and "¥80.00" in out[0]
    assert "here already" in "\n".join(run("campaign", "collect", "--db", first, "--campaign", "冬季送温暖",
                                             "--card", "AX000002", "--user", "manager", "--pin", "9999", ok=False))
    assert "2 of 3 collected here, 0 elsewhere" in run("campaign", "list", "--db", first)[0]
    run("verify", "--db", first)

    # the second store, offline from the first: short of goods first (nothing changes), then it serves the
    # household the first store served already
    services = Services.open(second)
    try:
        cashier = services.accounts.login("manager", "9999")
        campaigns = CampaignService(services.ctx, services.accounts)
        (row,) = campaigns.campaigns()
        head = _journal_head(services)
        with pytest.raises(CampaignStockShort) as short:
            campaigns.collect(cashier, CollectDraft(uuid.uuid4(), row.id, "AX000001"))
        assert (short.value.wanted, short.value.available) == (2, 1)
        assert _journal_head(services) == head
        household = next(r.household_id for r in campaigns.roster(row.id) if r.card_number == "AX000004")
        services.household_status.suspend(cashier, household, "核查中")
        with pytest.raises(CardRefused):
            campaigns.collect(cashier, CollectDraft(uuid.uuid4(), row.id, "AX000004"))
    finally:
        services.close()
    _stock(second, 2)
    services = Services.open(second)
    try:
        cashier = services.accounts.login("manager", "9999")
        campaigns = CampaignService(services.ctx, services.accounts)
        campaigns.collect(cashier, CollectDraft(uuid.uuid4(), row.id, "AX000001"))
    finally:
        services.close()

    _up(hub_url, first, usb)
    bundle = run("export-bundle", "--db", second, "--out", usb)[-1].strip()
    imported = "\n".join(run("hub", "import", "--hub", hub_url, bundle))
    assert "flagged: card AX000001 collected “冬季送温暖” more than once: JA01 " in imported  # at the import
    text = "\n".join(run("hub", "campaign", "progress", "--hub", hub_url, "--campaign", "冬季送温暖", "--xlsx",
                         tmp_path / "progress.xlsx"))
    assert "2 of 3 households collected, ¥240.00 handed out" in text
    assert "  JA01  2/3  ¥160.00" in text and "  JA02  1/3  ¥80.00" in text
    assert "Collected more than once" in text and "AX000001" in text.split("Collected more than once")[1]
    assert "Not collected yet: 1" in text and "AX000004" in text
    from openpyxl import load_workbook

    cells = [c.value for ws in load_workbook(tmp_path / "progress.xlsx").worksheets
             for r in ws.iter_rows() for c in r]
    assert "AX000004" in cells and "冬季送温暖发放进度" in str(cells)

    # the next downstream tells the second store where the other household collected: refused there
    _down(hub_url, second, "JA02", usb)
    services = Services.open(second)
    try:
        cashier = services.accounts.login("manager", "9999")
        campaigns = CampaignService(services.ctx, services.accounts)
        (row,) = campaigns.campaigns()
        standing = {r.card_number: (r.standing, r.store) for r in campaigns.roster(row.id)}
        assert standing["AX000002"] == (ELSEWHERE, "JA01") and standing["AX000001"][0] == HERE
        with pytest.raises(CampaignRefused) as elsewhere:
            campaigns.collect(cashier, CollectDraft(uuid.uuid4(), row.id, "AX000002"))
        assert (elsewhere.value.reason, elsewhere.value.store) == ("collected_elsewhere", "JA01")
        # its package at the first store did not count against its allowance there, nor does it here
        assert services.handouts.card("AX000002").used_elsewhere_fen == 0
    finally:
        services.close()
    run("verify", "--db", second)

    # a campaign slipped into a downstream bundle without the hub's key is refused, nothing applied
    bundle = Path(run("hub", "export-bundle", "--hub", hub_url, "--store-code", "JA02", "--out", usb)[-1].strip())
    read = read_bundle(bundle, parts=DOWNSTREAM_PARTS)
    with zipfile.ZipFile(bundle) as z:
        files = {n: z.read(n) for n in z.namelist() if n not in ("manifest.json", "signature")}
    files["campaigns.json"] = files["campaigns.json"].replace("冬季送温暖".encode(), "伪造的活动".encode())
    manifest = {k: v for k, v in read.manifest.items() if k not in ("format", "files", "sizes")}
    forged = write_bundle(usb / "JA02-down-99.cpbundle", dict(manifest, sequence=99), files,
                          Ed25519PrivateKey.generate())
    assert run("import-bundle", "--db", second, forged, ok=False)
    services = Services.open(second)
    try:
        assert [r.name for r in CampaignService(services.ctx, services.accounts).campaigns()] == ["冬季送温暖"]
    finally:
        services.close()

    # a store rebuilt from the district's journal has the campaign and its handouts again
    journal_file = tmp_path / "JA01.cpjournal"
    run("hub", "export-store", "--hub", hub_url, "--store-code", "JA01", "--out", journal_file)
    rebuilt = tmp_path / "JA01-rebuilt.sqlite3"
    run("rebuild", "--db", rebuilt, "--from", journal_file, "--manager-pin", "9999")
    run("verify", "--db", rebuilt)
    services = Services.open(rebuilt)
    try:
        (row,) = CampaignService(services.ctx, services.accounts).campaigns()
        assert (row.name, row.collected_here) == ("冬季送温暖", 2)
    finally:
        services.close()
