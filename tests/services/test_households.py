"""The household registry: ID numbers encrypted, matched by keyed hash,
masked on screen, and nowhere in the journal."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from charity_pos.errors import DuplicateName, InvalidInput, KeyFileMissing, PermissionDenied
from charity_pos.security.keys import key_path
from charity_pos.services.households import HouseholdCategory, HouseholdDraft

ID_NUMBER = "11010519491231002X"
DRAFT = HouseholdDraft("AX000001", "王建国", ID_NUMBER, 3, HouseholdCategory.DIBAO, "石门二路街道",
                       "静民救〔2026〕001号", date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1))


def test_registered_household_is_shown_masked(services, manager) -> None:
    services.households.register(manager, DRAFT)
    row = services.households.households()[0]
    assert row.id_masked == "110105********002X" and row.card_number == "AX000001"


def test_the_database_file_holds_no_id_number_in_clear(services, manager, store_path) -> None:
    services.households.register(manager, DRAFT)
    services.db.close()
    raw = store_path.read_bytes() + b"".join(
        p.read_bytes() for p in store_path.parent.glob(store_path.name + "-wal") if p.exists())
    assert ID_NUMBER.encode() not in raw
    with sqlite3.connect(store_path) as conn:
        payloads = " ".join(r[0] for r in conn.execute("SELECT payload FROM journal_event"))
    assert ID_NUMBER not in payloads and "王建国" not in payloads and "静民救" not in payloads


def test_whole_number_is_a_managers_and_is_logged(services, manager, cashier) -> None:
    household_id = services.households.register(manager, DRAFT).ids[0]
    with pytest.raises(PermissionDenied):
        services.households.reveal_id(cashier, household_id)
    assert services.households.reveal_id(manager, household_id) == ID_NUMBER
    from sqlalchemy import select

    from charity_pos.db.models import AuditEntry

    with services.db.read() as s:
        actions = [a.action for a in s.scalars(select(AuditEntry))]
    assert "household.reveal_id" in actions


def test_duplicates_by_card_and_by_id_number_are_refused(services, manager) -> None:
    services.households.register(manager, DRAFT)
    with pytest.raises(DuplicateName) as caught:
        services.households.register(manager, replace(DRAFT, id_number="31010519500101001X"))
    assert caught.value.field in ("card_number", "id_number")
    with pytest.raises(DuplicateName) as caught:
        services.households.register(manager, replace(DRAFT, card_number="AX000002"))
    assert caught.value.field == "id_number" and caught.value.value == "110105********002X"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (dict(id_number="110105194912310021"), "id_check"),
        (dict(members=0), "members"),
        (dict(head_name=" "), "empty"),
        (dict(valid_to=date(2025, 12, 31)), "date_order"),
        (dict(card_number="AX-01"), "card_number"),
    ],
)
def test_bad_rows_are_refused(services, manager, change, reason) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.households.register(manager, replace(DRAFT, **change))
    assert caught.value.reason == reason
    assert services.households.households() == []


def test_without_the_key_file_personal_data_cannot_be_read(services, manager) -> None:
    household_id = services.households.register(manager, DRAFT).ids[0]
    store_id = services.store().id
    key_path(store_id).unlink()
    from charity_pos.services.registry import Services

    fresh = Services.for_db(services.db)
    with pytest.raises(KeyFileMissing):
        fresh.households.reveal_id(manager, household_id)
