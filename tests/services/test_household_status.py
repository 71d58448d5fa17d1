"""A household's card over time, as the manager, the cashier and a PIPL
inspector see it: a manager suspends a card with a reason the counter shows,
and puts it back; once eligibility lapsed more than the configured months ago
(default 24) the name, ID number and certificate are erased, keeping what
reports need (category, size, sub-district, validity, the handouts), in one
journal event; the erased card is refused; and the erased data is gone from
the bytes of the store file.

The store here opens in June 2023 (the clock below), when the households
that lapse later were still valid and took goods; the erasure runs in March
2026.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from charity_pos.db.models import Handout, Household, JournalEvent
from charity_pos.errors import (
    CardRefused,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PosError,
)
from charity_pos.ledger.verify import verify
from charity_pos.services.base import UPKEEP, Actor
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.household_status import months_before
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.registry import Services
from tests.conftest import FakeClock

ERASE_DAY = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
CUTOFF = date(2024, 3, 10)  # 24 months before the erase day: lapsed before it, erased

#: card -> (head's name, ID number, certificate, valid to); names and
#: certificates unusual enough to be found nowhere else in the file.
PEOPLE = {
    "AX000001": ("欧阳秀英", "11010519491231002X", "静民救〔2022〕117号", date(2024, 3, 9)),  # 24 months and a day
    "AX000002": ("司马建华", "310104198002137626", "静民救〔2022〕118号", date(2024, 3, 10)),  # exactly 24 months
    "AX000003": ("上官美玲", "310105197503154418", "静民救〔2022〕119号", date(2024, 4, 10)),  # 23 months
    "AX000004": ("诸葛宝根", "310106196208080016", "静民救〔2025〕120号", date(2026, 12, 31)),  # still valid
    "AX000005": ("慕容凤英", "310107195501010035", "静民救〔2021〕121号", date(2023, 6, 30)),  # long ago
}
ERASED = {"AX000001", "AX000005"}


@pytest.fixture
def clock() -> FakeClock:
    # 10:00 in Shanghai on 1 June 2023: the store opens, households register
    return FakeClock(datetime(2023, 6, 1, 2, 0, tzinfo=UTC))


def draft(card: str) -> HouseholdDraft:
    name, number, certificate, valid_to = PEOPLE[card]
    return HouseholdDraft(card, name, number, int(card[-1]), HouseholdCategory.DIBAO, "石门二路街道", certificate,
                          date(2022, 7, 1), valid_to, date(2022, 7, 1))


@pytest.fixture
def registered(services: Services, manager: Actor) -> dict[str, uuid.UUID]:
    return {card: services.households.register(manager, draft(card)).ids[0] for card in PEOPLE}


@pytest.fixture
def handed_out(services: Services, manager: Actor, cashier: Actor, make_item: Any,
               registered: dict[str, uuid.UUID]) -> dict[str, str]:
    """In June 2023 each household took a bag of noodles."""
    noodles = make_item("龙须挂面 1kg", price=890, reference=960)
    services.stock.receive(manager, {noodles.id: 20})
    return {card: services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household_id, (
        HandoutLineDraft(noodles.id, 1),))).number for card, household_id in registered.items()}


def household(services: Services, household_id: uuid.UUID) -> Household:
    with services.db.read() as s:
        found = s.get(Household, household_id)
        s.expunge_all()
        return found  # type: ignore[return-value]


def journal_kinds(services: Services) -> list[str]:
    with services.db.read() as s:
        return list(s.scalars(select(JournalEvent.kind).order_by(JournalEvent.seq)))


# --- suspending and reactivating ----------------------------------------------------------------------------
def test_suspending_a_card_needs_a_manager_and_a_reason(services, manager, cashier, registered, events) -> None:
    household_id = registered["AX000004"]
    seq = events(services)
    with pytest.raises(PermissionDenied):
        services.household_status.suspend(cashier, household_id, "我觉得不对")
    with pytest.raises(InvalidInput) as caught:
        services.household_status.suspend(manager, household_id, "  \n ")
    assert caught.value.reason == "empty"
    with pytest.raises(NotFound):
        services.household_status.suspend(manager, uuid.uuid4(), "复核")
    assert events(services) == seq and household(services, household_id).status == "active"
    changes = services.household_status.suspend(manager, household_id, "  街道通知：\n资格复核中 ")
    assert events(services) == seq + 1 == changes.event_seq
    assert journal_kinds(services)[-1] == "household.suspended"
    stored = household(services, household_id)
    assert (stored.status, stored.status_reason) == ("suspended", "街道通知： 资格复核中")
    with pytest.raises(CardRefused) as refused:
        services.handouts.card("AX000004")
    assert (refused.value.reason, refused.value.why) == ("suspended", "街道通知： 资格复核中")
    assert [h.status for h in services.households.households() if h.card_number == "AX000004"] == ["suspended"]


def test_a_manager_puts_a_suspended_card_back(services, manager, cashier, registered, events) -> None:
    household_id = registered["AX000004"]
    services.household_status.suspend(manager, household_id, "复核")
    with pytest.raises(PermissionDenied):
        services.household_status.reactivate(cashier, household_id)
    seq = events(services)
    services.household_status.reactivate(manager, household_id)
    assert events(services) == seq + 1 and journal_kinds(services)[-1] == "household.reactivated"
    stored = household(services, household_id)
    assert (stored.status, stored.status_reason) == ("active", None)
    assert services.handouts.card("AX000004").household_id == household_id


def test_the_journal_of_a_suspension_names_nobody(services, manager, registered) -> None:
    services.household_status.suspend(manager, registered["AX000004"], "复核")
    with services.db.read() as s:
        payload = s.scalars(select(JournalEvent.payload).order_by(JournalEvent.seq.desc())).first()
    assert "诸葛宝根" not in payload and "310106196208080016" not in payload and "静民救" not in payload


# --- erasing personal data after eligibility lapsed ---------------------------------------------------------------
@pytest.mark.parametrize(("day", "months", "before"), [
    (date(2026, 3, 10), 24, date(2024, 3, 10)),
    (date(2026, 3, 31), 1, date(2026, 2, 28)),
    (date(2028, 2, 29), 24, date(2026, 2, 28)),
    (date(2026, 1, 15), 13, date(2024, 12, 15)),
])
def test_months_before(day: date, months: int, before: date) -> None:
    assert months_before(day, months) == before


def test_erasure_keeps_what_reports_need_and_nothing_personal(services, manager, registered, handed_out, clock,
                                                             events) -> None:
    clock.set(ERASE_DAY)
    seq = events(services)
    changes = services.household_status.erase_lapsed(manager)
    assert changes is not None and set(changes.ids) == {registered[c] for c in ERASED}
    assert events(services) == seq + 1 == changes.event_seq
    with services.db.read() as s:
        ev = s.scalars(select(JournalEvent).where(JournalEvent.seq == changes.event_seq)).one()
    payload = json.loads(ev.payload)
    assert (ev.kind, ev.actor) == ("households.erased", str(manager.user_id))
    assert payload["facts"] == {"count": 2, "lapsed_before": CUTOFF.isoformat()}
    for card, household_id in registered.items():
        stored = household(services, household_id)
        name, number, certificate, valid_to = PEOPLE[card]
        # what reports need stays
        assert (stored.card_number, stored.category, stored.members, stored.subdistrict, stored.valid_from,
                stored.valid_to) == (card, "dibao", int(card[-1]), "石门二路街道", date(2022, 7, 1), valid_to)
        if card in ERASED:
            assert (stored.head_name, stored.id_cipher, stored.id_hash, stored.id_masked, stored.certificate_ref) == (
                "", "", "", "", "")
            assert stored.status == "expired" and stored.erased_at == ERASE_DAY
        else:  # lapsed 24 months ago to the day, 23 months ago, or still valid: kept
            assert (stored.head_name, stored.certificate_ref, stored.erased_at) == (name, certificate, None)
            assert stored.id_masked == number[:6] + "*" * 8 + number[-4:] and stored.id_cipher and stored.id_hash
    assert all(name not in ev.payload for name, *_ in PEOPLE.values()) and "静民救" not in ev.payload
    # the handouts stay, with the card they were given against
    rows = {row.number: row for row in services.handouts.handouts(limit=None)}
    assert set(rows) == set(handed_out.values())
    assert rows[handed_out["AX000001"]].card_number == "AX000001"
    with services.db.read() as s:
        assert s.scalars(select(Handout.household_id).where(Handout.number == handed_out["AX000001"])).one() == \
            registered["AX000001"]
    # nothing more to erase the same day: no event
    assert services.household_status.erase_lapsed(UPKEEP) is None and events(services) == seq + 1
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


def test_an_erased_card_is_refused(services, manager, registered, clock) -> None:
    clock.set(ERASE_DAY)
    services.household_status.erase_lapsed(UPKEEP)
    with pytest.raises(CardRefused) as caught:
        services.handouts.card("AX000001")
    assert caught.value.reason == "erased"
    with pytest.raises(CardRefused) as caught:  # lapsed, not yet erased
        services.handouts.card("AX000002")
    assert caught.value.reason == "expired"


def test_the_erased_person_can_be_registered_again(services, manager, registered, clock) -> None:
    clock.set(ERASE_DAY)
    services.household_status.erase_lapsed(UPKEEP)
    name, number, _, _ = PEOPLE["AX000001"]
    again = HouseholdDraft("AX000101", name, number, 2, HouseholdCategory.DIBAO, "石门二路街道", "静民救〔2026〕201号",
                           date(2026, 3, 1), date(2027, 2, 28), date(2026, 3, 10))
    services.households.register(manager, again)
    assert services.handouts.card("AX000101").id_masked == "110105********002X"


def test_a_shorter_keeping_time_erases_more(services, manager, registered, clock) -> None:
    clock.set(ERASE_DAY)
    rules = services.counter_rules.rules()
    services.counter_rules.set_rules(manager, replace(rules, erase_after_months=12))
    changes = services.household_status.erase_lapsed(UPKEEP)
    assert changes is not None
    assert set(changes.ids) == {registered[c] for c in ("AX000001", "AX000002", "AX000003", "AX000005")}


def test_revealing_the_id_of_an_erased_household_says_it_was_erased(services, manager, registered, clock) -> None:
    clock.set(ERASE_DAY)
    services.household_status.erase_lapsed(UPKEEP)
    with pytest.raises(PosError) as caught:  # not cryptography's ValueError on the emptied cipher
        services.households.reveal_id(manager, registered["AX000001"])
    assert isinstance(caught.value, CardRefused) and caught.value.reason == "erased"


# --- the bytes of the file ----------------------------------------------------------------------------------------
def forms(text: str) -> set[bytes]:
    """The text as it could sit in the file: UTF-8, JSON-escaped, UTF-16."""
    escaped = json.dumps(text, ensure_ascii=True)[1:-1]
    return {text.encode("utf-8"), escaped.encode("ascii"), text.encode("utf-16-le"), text.encode("utf-16-be")}


def secrets_of(services: Services, household_id: uuid.UUID, card: str) -> dict[str, str]:
    stored = household(services, household_id)
    name, number, certificate, _ = PEOPLE[card]
    return {"name": name, "id_number": number, "id_masked": stored.id_masked, "id_cipher": stored.id_cipher,
            "id_hash": stored.id_hash, "certificate": certificate}


def found_in(data: bytes, secrets: dict[str, str]) -> list[str]:
    return sorted(what for what, value in secrets.items() if any(form in data for form in forms(value)))


@pytest.fixture(params=["ON", "OFF"], ids=["secure_delete_on_by_default", "secure_delete_off_by_default"])
def sqlite_default(request: pytest.FixtureRequest, services: Services) -> Iterator[str]:
    """Debian's SQLite is built with SECURE_DELETE on; the SQLite inside the
    Python of python.org (Windows, macOS) has it off. Each new connection
    first gets the platform's default here, before the store's own settings
    (db/engine.py) run, so a setting of the store's own would win."""

    def platform_default(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.execute(f"PRAGMA secure_delete = {request.param}")

    event.listen(services.db.engine, "connect", platform_default, insert=True)
    services.db.engine.dispose()
    yield request.param
    event.remove(services.db.engine, "connect", platform_default)


def _erase_and_close(services: Services, registered: dict[str, uuid.UUID], clock: FakeClock) -> tuple[
        dict[str, str], dict[str, str]]:
    gone = secrets_of(services, registered["AX000001"], "AX000001")
    kept = secrets_of(services, registered["AX000004"], "AX000004")
    clock.set(ERASE_DAY)
    assert services.household_status.erase_lapsed(UPKEEP) is not None
    services.db.close()
    return gone, kept


def test_after_erasure_the_personal_data_is_nowhere_in_the_closed_file(services, sqlite_default, registered,
                                                                       handed_out, clock, store_path) -> None:
    """Whatever SQLite's build default: the store sets secure_delete itself
    (db/engine.py), so the freed space of the erased rows is zeroed."""
    gone, kept = _erase_and_close(services, registered, clock)
    files = [store_path, *(Path(f"{store_path}{suffix}") for suffix in ("-wal", "-journal"))]
    data = b"".join(p.read_bytes() for p in files if p.exists())
    # the search finds what is there: the household still valid is in the file
    assert found_in(data, kept) == ["certificate", "id_cipher", "id_hash", "id_masked", "name"]
    assert found_in(data, gone) == []


def test_after_erasure_and_a_checkpoint_the_open_files_hold_no_personal_data(services, registered, handed_out,
                                                                             clock, store_path) -> None:
    """While the store stays open, the write-ahead log is searched too,
    after the checkpoint that copies it into the file."""
    gone = secrets_of(services, registered["AX000001"], "AX000001")
    clock.set(ERASE_DAY)
    services.household_status.erase_lapsed(UPKEEP)
    raw = services.db.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # type: ignore[union-attr]
    finally:
        raw.close()
    wal = Path(f"{store_path}-wal")
    assert found_in(store_path.read_bytes() + (wal.read_bytes() if wal.exists() else b""), gone) == []
    services.db.close()


def test_after_erasure_the_write_ahead_log_of_the_open_store_holds_no_personal_data(services, registered,
                                                                                   handed_out, clock,
                                                                                   store_path) -> None:
    """After SQLite's own (passive) checkpoint the old frames of the
    household's page would still be in the -wal: the erasure empties it."""
    gone = secrets_of(services, registered["AX000001"], "AX000001")
    clock.set(ERASE_DAY)
    services.household_status.erase_lapsed(UPKEEP)
    raw = services.db.engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()  # type: ignore[union-attr]
    finally:
        raw.close()
    try:
        wal = Path(f"{store_path}-wal")
        assert found_in(store_path.read_bytes() + (wal.read_bytes() if wal.exists() else b""), gone) == []
    finally:
        services.db.close()


def test_the_journal_table_never_held_the_erased_data(services, registered, handed_out, clock, store_path) -> None:
    gone = secrets_of(services, registered["AX000001"], "AX000001")
    clock.set(ERASE_DAY)
    services.household_status.erase_lapsed(UPKEEP)
    services.db.close()
    with closing(sqlite3.connect(store_path)) as conn:
        text = "\n".join(f"{kind} {payload}" for kind, payload in conn.execute("SELECT kind, payload FROM journal_event"))
    assert "AX000001" in text
    assert [what for what, value in gone.items() if value in text] == []
