"""Receipts anyone can verify, through the commands district staff and
donors' helpers type, on SQLite and PostgreSQL: a store issues receipts,
voids one, sends its bundle; the hub says genuine (with what its journal
holds), voided, not yet imported, forged, or older and unsigned; the keys
file the hub publishes checks receipts offline, and an edited one is refused."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from charity_pos.security import receipt_sig
from charity_pos.security.keys import StoreKeys
from charity_pos.services.base import STORE_TZ
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.intake import CashMethod, Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.registry import Services
from tests.helpers import run_cli
from tests.hub.conftest import MadeOnce

CREDIT = "91310000132200821H"


def call(capsys: pytest.CaptureFixture[str], *argv: object, lang: str = "en") -> tuple[int, list[str], str]:
    code, out, err = run_cli(*argv, lang=lang)
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> list[str]:
    code, out, err = call(capsys, *argv)
    assert code == 0, err
    return out


@dataclass
class District:
    hub: str
    tmp: Path
    store_db: Path
    genuine: str  # QR texts
    voided: str
    later: str  # issued after the bundle the hub imported
    genuine_number: str
    verification_code: str
    genuine_donation: str  # the donation the genuine receipt is for (numbered in the year it was made)


def _donation(services: Services, manager, lines, **kw) -> str:
    return services.intake.receive(manager, IntakeDraft(kw.pop("donor", None), lines, **kw)).number


@pytest.fixture
def district(capsys, made_once: MadeOnce[District]) -> District:
    """Two stores and their hub, one store's receipts (one voided) in the hub, one issued since: made once per
    kind of database and copied for each test."""
    return made_once("district", lambda url, folder: _district(capsys, url, folder))


def _district(capsys, hub_url: str, tmp_path: Path) -> District:
    stores = {}
    for code, name in (("JA01", "静安区石门二路街道慈善超市"), ("JA02", "静安区江宁路街道慈善超市")):
        stores[code] = tmp_path / f"{code}.sqlite3"
        run(capsys, "init", "--db", stores[code], "--store-code", code, "--name", name, "--district", "静安区",
            "--manager-pin", "9999")
    run(capsys, "hub", "init", "--hub", hub_url, "--district", "静安区")
    for code, db in stores.items():
        registration, trust = tmp_path / f"{code}.json", tmp_path / f"{code}-trust.json"
        run(capsys, "store-key", "--db", db, "--out", registration)
        run(capsys, "hub", "add-store", "--hub", hub_url, "--registration", registration, "--out", trust)
        run(capsys, "trust-hub", "--db", db, trust)

    services = Services.open(stores["JA01"])
    try:
        manager = services.accounts.login("manager", "9999")
        coat = services.catalog.get(services.catalog.create_item(manager, ItemDraft(
            "男式羊毛衫 L码", "clothing", "件", 2500, 12000, None, Source.DONATED)).ids[0])
        rice = services.catalog.get(services.catalog.create_item(manager, ItemDraft(
            "立白洗衣液 2kg", "daily", "瓶", 2990, 3290, None, Source.DONATED)).ids[0])
        company = services.donors.create(manager, DonorDraft(DonorKind.COMPANY, "上海梅林正广和股份有限公司",
                                                             credit_code=CREDIT)).ids[0]
        first = _donation(services, manager, (IntakeLine(coat.id, 2, Condition.AS_NEW, Valuation.MARKET, 10000),
                                              IntakeLine(rice.id, 1, Condition.NEW, Valuation.UNVALUED, None)),
                          donor=company, cash_fen=5000, cash_method=CashMethod.WECHAT)
        second = _donation(services, manager, (IntakeLine(coat.id, 1, Condition.AS_NEW, Valuation.MARKET, 8000),))
        genuine = services.receipts.print_receipt(manager, first).document
        voided = services.receipts.print_receipt(manager, second).document
        services.receipts.void(manager, voided.receipt_number, "金额填错")
    finally:
        services.close()
    out = tmp_path / "usb"
    out.mkdir()
    bundle = run(capsys, "export-bundle", "--db", stores["JA01"], "--out", out)[-1].strip()
    assert "applied" in run(capsys, "hub", "import", "--hub", hub_url, bundle)[0]
    services = Services.open(stores["JA01"])
    try:
        manager = services.accounts.login("manager", "9999")
        third = _donation(services, manager, (IntakeLine(rice.id, 3, Condition.NEW, Valuation.MARKET, 3000),))
        later = services.receipts.print_receipt(manager, third).document
    finally:
        services.close()
    return District(hub_url, tmp_path, stores["JA01"], genuine.qr_payload, voided.qr_payload, later.qr_payload,
                    genuine.receipt_number, genuine.verification_code, first)


def store_key(db: Path):
    import sqlite3
    import uuid

    with sqlite3.connect(db) as conn:
        store_id = uuid.UUID(conn.execute("SELECT id FROM store").fetchone()[0])
    return StoreKeys.load(store_id, signing=True).signing


def test_each_verdict_at_the_hub(capsys, district: District) -> None:
    today = datetime.now(STORE_TZ).date()
    hub = ("hub", "verify-receipt", "--hub", district.hub)

    code, out, _ = call(capsys, *hub, district.genuine)
    assert code == 0
    assert out[0] == (f"GENUINE: receipt {district.genuine_number} of 静安区石门二路街道慈善超市 (JA01) is in the "
                      "store's journal at the hub, as printed.")
    details = "\n".join(out[1:])
    assert f"Date: {today.isoformat()}" in details
    assert "Amount: ¥250.00" in details, "goods ¥200 and cash ¥50"
    assert f"Donation: {district.genuine_donation}" in details
    assert "Donor: Organisation · 913100********821H" in details, "a company's credit code, masked"
    assert "上海梅林" not in details, "the hub never holds a donor's name"
    assert "Item: 男式羊毛衫 L码 × 2 件 at ¥100.00" in details
    assert "Item: 立白洗衣液 2kg × 1 瓶 (not valued)" in details
    assert "Cash: ¥50.00" in details

    code, out, _ = call(capsys, *hub, district.voided)
    assert code == 5
    assert out[0].startswith("GENUINE BUT VOIDED: receipt JA01-") and out[0].endswith(f"voided on {today}.")

    code, out, _ = call(capsys, *hub, district.later)
    assert code == 6
    assert out[0].startswith("GENUINE BUT NOT YET IMPORTED:")
    assert any("The hub holds: the store's events up to #" in line for line in out)

    code, out, _ = call(capsys, *hub, district.genuine, lang="zh_CN")
    assert code == 0 and out[0].startswith("真实：") and "静安区石门二路街道慈善超市" in out[0]
    assert any("单位 · 913100********821H" in line for line in out)


def _field(text: str, index: int, value: str) -> str:
    parts = text.split(":")
    parts[index] = value
    return ":".join(parts)


def test_attacks_are_forged(capsys, district: District) -> None:
    hub = ("hub", "verify-receipt", "--hub", district.hub)
    claim = receipt_sig.parse(district.genuine)
    real = store_key(district.store_db)
    other = store_key(district.tmp / "JA02.sqlite3")
    flipped = bytearray(claim.signature or b"")
    flipped[0] ^= 0x80
    import base64

    cases = {
        "flipped signature byte": (_field(district.genuine, 5, base64.b32encode(bytes(flipped)).decode().rstrip("=")),
                                   "FORGED: the signature is not store JA01's"),
        "changed amount": (_field(district.genuine, 4, "2500000"), "FORGED: the signature is not store JA01's"),
        "changed date": (_field(district.genuine, 3, "20250101"), "FORGED: the signature is not store JA01's"),
        "another store's code": (_field(district.genuine, 1, "JA02"), "FORGED: the signature is not store JA02's"),
        "JA02's key signs for JA01": (
            receipt_sig.qr_text(other, "JA01", "JA01-2026-J000009", claim.issued_on, 100000),
            "FORGED: the signature is not store JA01's"),
        "an unknown store": (receipt_sig.qr_text(other, "ZZ01", "ZZ01-2026-J000001", claim.issued_on, 100),
                             "FORGED: no store ZZ01 is registered in the district."),
        # the store's own key over another amount or date than its journal's: the hub's journal decides
        "journal's amount differs": (
            receipt_sig.qr_text(real, "JA01", claim.number, claim.issued_on, claim.total_fen + 100),
            "FORGED: the amount ¥251.00 differs from the store's journal (¥250.00)."),
        "journal's date differs": (
            receipt_sig.qr_text(real, "JA01", claim.number, date_before(claim.issued_on), claim.total_fen),
            "FORGED: the date "),
    }
    for name, (text, expected) in cases.items():
        code, out, _ = call(capsys, *hub, text)
        assert (code, out[0][:len(expected)]) == (4, expected), name


def date_before(day):
    from datetime import timedelta

    return day - timedelta(days=1)


def test_an_older_receipt_is_unsigned_not_forged(capsys, district: District) -> None:
    claim = receipt_sig.parse(district.genuine)
    older = (f"CPOS-R1|JA01|{claim.number}|{claim.issued_on.isoformat()}|{claim.total_fen}|"
             f"{district.verification_code}")
    code, out, _ = call(capsys, "hub", "verify-receipt", "--hub", district.hub, older)
    assert code == 7 and out[0].startswith("OLDER RECEIPT WITHOUT SIGNATURE:")
    assert "FORGED" not in "\n".join(out)
    assert any("holds it with the same verification code, amount and date" in line for line in out)
    wrong = older.rsplit("|", 1)[0] + "|AAAA-BBBB-CCCC"
    code, out, _ = call(capsys, "hub", "verify-receipt", "--hub", district.hub, wrong)
    assert code == 7 and any("with another verification code, amount or date: ask the store" in line for line in out)


@pytest.mark.parametrize("argument, message", [
    ("https://example.com/pay?x=1", "is not the QR code of a charity-pos donation receipt"),
    ("CPOS-R2:JA01:JA01-2026-J000001:20261301:100:AAAA", "The receipt's QR code is damaged: its date"),
    ("nowhere/receipt.png", "There is no file nowhere/receipt.png."),
])
def test_bad_input_is_one_line_and_exit_1(capsys, district: District, argument: str, message: str) -> None:
    code, out, err = call(capsys, "hub", "verify-receipt", "--hub", district.hub, argument)
    assert code == 1 and out == []
    assert len(err.strip().splitlines()) == 1 and message in err


def test_a_receipt_pdf_at_the_hub(capsys, district: District) -> None:
    claim = receipt_sig.parse(district.genuine)
    pdf = district.tmp / "receipt.pdf"
    # its receipt is a reprint now, with the same signed code
    run(capsys, "receipt", "--db", district.store_db, "--donation", district.genuine_donation, "--out", pdf)
    code, out, _ = call(capsys, "hub", "verify-receipt", "--hub", district.hub, pdf)
    assert code == 0 and out[0].startswith(f"GENUINE: receipt {claim.number}")


def test_publish_keys_and_check_offline(capsys, district: District) -> None:
    keys = district.tmp / "keys.json"
    out = run(capsys, "hub", "publish-keys", "--hub", district.hub, "--out", keys)
    assert out[0].startswith("Wrote the keys of 2 stores of 静安区 to ")
    published = json.loads(keys.read_text(encoding="utf-8"))
    assert [s["code"] for s in published["stores"]] == ["JA01", "JA02"]
    assert set(published["stores"][0]) == {"code", "name", "public_key", "registered", "earlier_keys"}
    assert published["stores"][0]["earlier_keys"] == []  # no key replaced yet (tests/hub/test_key_history.py)
    fingerprint = receipt_sig.fingerprint(published["hub_public_key"])
    assert fingerprint in out[0]
    run(capsys, "hub", "publish-keys", "--hub", district.hub, "--out", keys)  # its own file again: fine
    other = district.tmp / "notes.txt"
    other.write_text("mine", encoding="utf-8")
    code, _, err = call(capsys, "hub", "publish-keys", "--hub", district.hub, "--out", other)
    assert code == 1 and other.read_text(encoding="utf-8") == "mine"

    offline = ("verify-receipt", "--keys", keys)
    code, out, _ = call(capsys, *offline, district.genuine)
    assert code == 0 and out[0].startswith("GENUINE: receipt JA01-") and "checked offline" in out[0]
    assert out[-1].endswith(f"signed by hub key {fingerprint}: compare it with the fingerprint the district "
                            "publishes.")
    assert call(capsys, *offline, district.later)[0] == 0, "offline knows the signature, not the journal"
    assert call(capsys, *offline, _field(district.genuine, 4, "1"))[0] == 4
    assert call(capsys, *offline, "--fingerprint", fingerprint, district.genuine)[0] == 0
    code, _, err = call(capsys, *offline, "--fingerprint", "0" * 16, district.genuine)
    assert code == 1 and "not by the district's key 0000000000000000" in err

    edited = json.loads(keys.read_text(encoding="utf-8"))
    edited["stores"][1]["public_key"] = edited["stores"][0]["public_key"]
    keys.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    code, out, err = call(capsys, *offline, district.genuine)
    assert code == 1 and out == [] and "was changed after the hub signed it" in err
