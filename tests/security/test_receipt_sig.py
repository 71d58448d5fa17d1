"""What a receipt's QR code carries and how its signature is checked,
offline with the district's keys file: genuine, forged, unknown store,
older unsigned; and the attacks on both (a flipped byte, another amount,
date or store, another store's key, a keys file changed after signing)."""

from __future__ import annotations

import base64
import json
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charity_pos.errors import (
    ImportFileMissing, KeysFileForged, KeysFileInvalid, ReceiptQrForeign, ReceiptQrInvalid,
)
from charity_pos.security import receipt_sig
from charity_pos.security.receipt_sig import PublishedKeys, PublishedStore, Verdict
from charity_pos.sync.bundle import public_key_text

STORE, OTHER, HUB = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
DAY = date(2026, 3, 10)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def qr(code: str = "PT01", number: str = "PT01-2026-J000001", day: date = DAY, fen: int = 20000,
       key: Ed25519PrivateKey = STORE) -> str:
    return receipt_sig.qr_text(key, code, number, day, fen)


def unb32(text: str) -> bytes:
    return base64.b32decode(text + "=" * (-len(text) % 8))


def keys(*extra: PublishedStore) -> PublishedKeys:
    stores = (PublishedStore("PT01", "普陀区长征镇慈善超市", public_key_text(STORE.public_key()), "2026-01-05"),
              PublishedStore("PT02", "普陀区真如镇慈善超市", public_key_text(OTHER.public_key()), "2026-01-06"), *extra)
    return PublishedKeys("普陀区", public_key_text(HUB.public_key()), "2026-03-01T02:00:00.000000+00:00", stores)


def offline(text: str) -> Verdict:
    return receipt_sig.check_offline(receipt_sig.parse(text), keys()).verdict


def with_field(text: str, index: int, value: str) -> str:
    parts = text.split(":")
    parts[index] = value
    return ":".join(parts)


def test_the_qr_text_is_short_upper_case_and_reads_back() -> None:
    text = qr()
    assert text.startswith("CPOS-R2:PT01:PT01-2026-J000001:20260310:20000:")
    assert len(text) <= 160
    assert set(text) <= set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"), "the QR code's alphanumeric set"
    claim = receipt_sig.parse(text + "\r\n")  # a scanner's Enter
    assert (claim.version, claim.store_code, claim.number, claim.issued_on, claim.total_fen) == (
        2, "PT01", "PT01-2026-J000001", DAY, 20000)
    assert qr() == text, "Ed25519 is deterministic: a reprint carries the same code"


def test_the_signature_covers_one_canonical_labelled_byte_string() -> None:
    signed = receipt_sig.signed_bytes("PT01", "PT01-2026-J000001", DAY, 20000)
    assert signed == b"charity-pos receipt v2\nPT01\nPT01-2026-J000001\n20260310\n20000"
    raw = unb32(qr().split(":")[-1])
    STORE.public_key().verify(raw, signed)  # raises if not


def test_genuine_offline() -> None:
    result = receipt_sig.check_offline(receipt_sig.parse(qr()), keys())
    assert result.verdict == Verdict.GENUINE and result.store_name == "普陀区长征镇慈善超市"
    assert result.exit_code == 0


@pytest.mark.parametrize("tamper", [
    pytest.param(lambda t: with_field(t, 4, "2000000"), id="amount"),
    pytest.param(lambda t: with_field(t, 3, "20260311"), id="date"),
    pytest.param(lambda t: with_field(t, 2, "PT01-2026-J000002"), id="another number"),
    pytest.param(lambda t: with_field(t, 1, "PT02"), id="another store's code"),
])
def test_a_changed_field_is_forged(tamper) -> None:
    assert offline(tamper(qr())) == Verdict.FORGED


def test_a_flipped_signature_byte_is_forged() -> None:
    text = qr()
    raw = bytearray(unb32(text.split(":")[-1]))
    raw[10] ^= 0x01
    forged = with_field(text, 5, base64.b32encode(bytes(raw)).decode().rstrip("="))
    assert offline(forged) == Verdict.FORGED


def test_another_stores_key_cannot_sign_for_this_store() -> None:
    """PT02's manager signs a receipt as if PT01 had issued it."""
    assert offline(qr(key=OTHER)) == Verdict.FORGED
    assert offline(qr("PT02", "PT02-2026-J000001", key=OTHER)) == Verdict.GENUINE


def test_a_store_not_in_the_keys_file_is_unknown_not_genuine() -> None:
    result = receipt_sig.check_offline(receipt_sig.parse(qr("JA01", "JA01-2026-J000001")), keys())
    assert result.verdict == Verdict.UNKNOWN_STORE and result.exit_code == 8


def test_an_older_receipt_is_unsigned_never_forged() -> None:
    older = "CPOS-R1|PT01|PT01-2026-J000001|2026-03-10|20000|7KQ2-M4XD-Q3PF"
    claim = receipt_sig.parse(older)
    assert claim.version == 1 and claim.verification_code == "7KQ2-M4XD-Q3PF" and claim.signature is None
    assert offline(older) == Verdict.UNSIGNED
    assert receipt_sig.EXIT_CODES[Verdict.UNSIGNED] == 7


@pytest.mark.parametrize("text", ["https://weixin.qq.com/r/abc", "6901234567892", "", "CPOS" * 200, "你好"])
def test_foreign_text_is_refused(text: str) -> None:
    with pytest.raises(ReceiptQrForeign):
        receipt_sig.parse(text)


@pytest.mark.parametrize("damage, field", [
    (lambda t: t.replace("CPOS-R2", "CPOS-R9"), "qr_version"),
    (lambda t: t.rsplit(":", 1)[0], "qr_fields"),
    (lambda t: t + ":X", "qr_fields"),
    (lambda t: with_field(t, 1, "pt01"), "qr_store"),
    (lambda t: with_field(t, 2, "PT01-2026-X1"), "qr_number"),
    (lambda t: with_field(t, 3, "20261340"), "qr_date"),
    (lambda t: with_field(t, 3, "2026-03-10"), "qr_date"),
    (lambda t: with_field(t, 4, "-5"), "qr_amount"),
    (lambda t: with_field(t, 4, "007"), "qr_amount"),
    (lambda t: t[:-1], "qr_signature"),  # cut short
    (lambda t: t[:-1] + "1", "qr_signature"),  # not base32
    (lambda t: t[:-1] + B32[B32.index(t[-1]) ^ 1], "qr_signature"),  # stray bits past the 64th byte
])
def test_damaged_text_names_the_bad_part(damage, field: str) -> None:
    with pytest.raises(ReceiptQrInvalid) as caught:
        receipt_sig.parse(damage(qr()))
    assert caught.value.field == field


def test_a_damaged_qr_says_so_in_both_languages() -> None:
    from charity_pos import i18n

    saved = list(i18n._loaded)
    try:
        with pytest.raises(ReceiptQrInvalid) as caught:
            receipt_sig.parse(with_field(qr(), 3, "20261340"))
        i18n.load("en")
        assert i18n.describe(caught.value) == (
            "The receipt's QR code is damaged: its date “20261340” is not as a store prints it. Scan it again, or "
            "type its text exactly.")
        i18n.load("zh_CN")
        assert "二维码" in i18n.describe(caught.value) and "20261340" in i18n.describe(caught.value)
    finally:
        i18n._loaded[:] = saved


# --- the keys file ------------------------------------------------------------------------------------
def write_keys(tmp_path: Path) -> Path:
    path = tmp_path / "keys.json"
    path.write_bytes(receipt_sig.keys_file_bytes(keys(), HUB))
    return path


def test_the_keys_file_reads_back_and_names_the_hub_key(tmp_path: Path) -> None:
    read = receipt_sig.read_keys_file(write_keys(tmp_path))
    assert read == keys()
    assert read.hub_fingerprint == receipt_sig.fingerprint(public_key_text(HUB.public_key()))
    from charity_pos.hub.cli import fingerprint

    assert read.hub_fingerprint == fingerprint(public_key_text(HUB.public_key())), "what hub init printed"


@pytest.mark.parametrize("edit", [
    pytest.param(lambda d: d["stores"][1].update(public_key=public_key_text(STORE.public_key())), id="a store's key"),
    pytest.param(lambda d: d["stores"].append(dict(d["stores"][0], code="PT09")), id="a store added"),
    pytest.param(lambda d: d.update(district="静安区"), id="the district"),
    pytest.param(lambda d: d["stores"][0].update(name="别的超市"), id="a store's name"),
])
def test_a_keys_file_edited_after_signing_is_refused(tmp_path: Path, edit) -> None:
    path = write_keys(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(KeysFileForged):
        receipt_sig.read_keys_file(path)


def test_a_keys_file_resigned_by_another_hub_key_shows_another_fingerprint(tmp_path: Path) -> None:
    """Whoever edits the file may sign it again with a key of their own:
    the fingerprint it names then differs from the district's."""
    impostor = Ed25519PrivateKey.generate()
    forged = PublishedKeys("普陀区", public_key_text(impostor.public_key()), "2026-03-01T02:00:00+00:00",
                           keys().stores)
    path = tmp_path / "keys.json"
    path.write_bytes(receipt_sig.keys_file_bytes(forged, impostor))
    assert receipt_sig.read_keys_file(path).hub_fingerprint != keys().hub_fingerprint


@pytest.mark.parametrize("content, field", [
    (b"\x89PNG\r\n", "json"),
    (b"[]", "format"),
    (b'{"format": "charity-pos-trust/1"}', "format"),
    (b'{"format": "charity-pos-keys/1"}', "fields"),
])
def test_not_a_keys_file(tmp_path: Path, content: bytes, field: str) -> None:
    path = tmp_path / "keys.json"
    path.write_bytes(content)
    with pytest.raises(KeysFileInvalid) as caught:
        receipt_sig.read_keys_file(path)
    assert caught.value.field == field


def test_a_missing_keys_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileMissing):
        receipt_sig.read_keys_file(tmp_path / "nowhere.json")
