"""Accounts: PIN log-in, lock-out after five wrong PINs, PINs kept as
hashes, staff management a manager's only, and a manager's approval at the
counter recorded in the audit log."""

from __future__ import annotations

import gc
import json
import sqlite3
import weakref
from dataclasses import replace

import pytest
from sqlalchemy import select

from charity_pos import messages
from charity_pos.db.models import AuditEntry, JournalEvent
from charity_pos.errors import (
    AccountInactive,
    AccountLocked,
    ApprovalRejected,
    ApprovalRequired,
    DuplicateName,
    InvalidInput,
    PermissionDenied,
    WrongPin,
)
from charity_pos.services.base import Approval, Role
from charity_pos.services.permissions import APPROVABLE, Action

# As tests/conftest.py makes them (its module is not importable by name).
MANAGER_PIN = "9999"
CASHIER_PIN = "1111"
CASHIER_NAME = "王丽华"


def english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


def audit_rows(services) -> list[AuditEntry]:
    with services.db.read() as s:
        return list(s.scalars(select(AuditEntry).order_by(AuditEntry.at)))


def wrong_pins(services, username: str, times: int) -> list[Exception]:
    caught = []
    for _ in range(times):
        with pytest.raises((WrongPin, AccountLocked)) as info:
            services.accounts.login(username, "0000")
        caught.append(info.value)
    return caught


# --- log-in ----------------------------------------------------------------------
def test_login_with_the_right_pin(services, cashier) -> None:
    actor = services.accounts.login("cashier", CASHIER_PIN)
    assert (actor.user_id, actor.username, actor.role) == (cashier.user_id, "cashier", Role.CASHIER)
    assert services.accounts.login("manager", MANAGER_PIN).role == Role.MANAGER


def test_wrong_pin_is_refused_and_counts_down(services, cashier) -> None:
    with pytest.raises(WrongPin) as caught:
        services.accounts.login("cashier", "1112")
    assert caught.value.attempts_left == 4
    assert english(caught.value) == "Wrong PIN. 4 tries left before the account is locked."
    with pytest.raises(WrongPin) as caught:
        services.accounts.login("cashier", "")
    assert caught.value.attempts_left == 3


def test_unknown_user_gets_the_same_refusal_as_a_wrong_pin(services) -> None:
    with pytest.raises(WrongPin) as caught:
        services.accounts.login("nobody", "1111")
    assert english(caught.value) == "Wrong user name or PIN."


def test_a_right_pin_resets_the_count_of_wrong_ones(services, cashier) -> None:
    wrong_pins(services, "cashier", 4)
    services.accounts.login("cashier", CASHIER_PIN)
    caught = wrong_pins(services, "cashier", 4)
    assert [e.attempts_left for e in caught] == [4, 3, 2, 1], "the count starts again after a good log-in"
    assert services.accounts.login("cashier", CASHIER_PIN).username == "cashier"


def test_five_wrong_pins_lock_the_account_for_five_minutes(services, cashier, clock) -> None:
    caught = wrong_pins(services, "cashier", 5)
    assert [type(e) for e in caught] == [WrongPin] * 4 + [AccountLocked]
    assert [e.attempts_left for e in caught[:4]] == [4, 3, 2, 1]
    assert "until 10:05" in english(caught[-1]), "the lock ends five minutes later, in Shanghai time"

    clock.advance(minutes=2)
    with pytest.raises(AccountLocked):
        services.accounts.login("cashier", CASHIER_PIN)  # even the right PIN
    clock.advance(minutes=2, seconds=59)
    with pytest.raises(AccountLocked):
        services.accounts.login("cashier", CASHIER_PIN)
    row = next(u for u in services.accounts.users() if u.username == "cashier")
    assert row.locked_until is not None

    clock.advance(seconds=1)
    assert services.accounts.login("cashier", CASHIER_PIN).username == "cashier"
    assert next(u for u in services.accounts.users() if u.username == "cashier").locked_until is None


def test_tries_while_locked_do_not_extend_the_lock(services, cashier, clock) -> None:
    wrong_pins(services, "cashier", 5)
    for _ in range(4):
        clock.advance(minutes=1)
        with pytest.raises(AccountLocked):
            services.accounts.login("cashier", "0000")
    clock.advance(minutes=1)
    assert services.accounts.login("cashier", CASHIER_PIN).username == "cashier"


def test_a_refused_pin_leaves_no_reference_cycle(services, cashier) -> None:
    """What the callers hold goes when they return, not when the cyclic GC
    runs: an error kept in a cycle with the frames it went through kept the
    log-in screen's frames alive, and the GC then deleted widgets in the
    middle of Qt's event processing (a segfault in the widget tests)."""

    class Held:
        pass

    def caller(pin: str) -> weakref.ref[Held]:
        held = Held()
        try:
            services.accounts.login("cashier", pin)
        except (WrongPin, AccountLocked):
            pass
        return weakref.ref(held)

    gc.collect()
    gc.disable()
    try:
        # wrong PINs, the one that locks, a try while locked
        assert [caller("0000")() for _ in range(6)] == [None] * 6
    finally:
        gc.enable()


def test_a_refused_approval_pin_leaves_no_reference_cycle(services, cashier) -> None:
    """The same for a manager's PIN typed wrong at the counter (the approval
    dialog's frames, and the sale screen behind them)."""

    class Held:
        pass

    def caller() -> weakref.ref[Held]:
        held = Held()
        try:
            services.accounts.authorize(cashier, Action.CHANGE_PRICE, Approval("manager", "0000", "试", till="T7"))
        except WrongPin:  # the till's count; ApprovalsLocked at the fifth is one too
            pass
        except Exception as exc:  # noqa: BLE001
            assert type(exc).__name__ == "ApprovalsLocked", exc
        return weakref.ref(held)

    gc.collect()
    gc.disable()
    try:
        assert [caller()() for _ in range(6)] == [None] * 6
    finally:
        gc.enable()


def test_after_a_lock_runs_out_the_count_starts_again(services, cashier, clock) -> None:
    wrong_pins(services, "cashier", 5)
    clock.advance(minutes=5)
    with pytest.raises(WrongPin) as caught:
        services.accounts.login("cashier", "0000")
    assert caught.value.attempts_left == 4, "one slip after the lock does not lock again at once"


def test_a_manager_unlocks_a_locked_account(services, manager, cashier, clock) -> None:
    wrong_pins(services, "cashier", 5)
    with pytest.raises(AccountLocked):
        services.accounts.login("cashier", CASHIER_PIN)
    clock.advance(seconds=30)
    services.accounts.unlock(manager, "cashier")
    assert services.accounts.login("cashier", CASHIER_PIN).username == "cashier"
    unlocks = [a for a in audit_rows(services) if a.action == "user.unlock"]
    assert len(unlocks) == 1 and unlocks[0].user_id == manager.user_id
    assert json.loads(unlocks[0].detail)["target"] == str(cashier.user_id)
    locks = [a for a in audit_rows(services) if a.outcome == "locked"]
    assert [a.user_id for a in locks] == [cashier.user_id]


def test_a_deactivated_account_cannot_log_in(services, manager, cashier, events) -> None:
    before = events(services)
    services.accounts.set_active(manager, "cashier", False)
    assert events(services) == before + 1, "switching an account off is journaled"
    with pytest.raises(AccountInactive) as caught:
        services.accounts.login("cashier", CASHIER_PIN)
    assert english(caught.value) == "Account cashier has been switched off."
    assert "cashier" not in [u.username for u in services.accounts.users(active_only=True)]
    services.accounts.set_active(manager, "cashier", True)
    assert services.accounts.login("cashier", CASHIER_PIN).username == "cashier"


def test_a_manager_cannot_switch_themself_off(services, manager) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.accounts.set_active(manager, "manager", False)
    assert caught.value.reason == "self_deactivate"
    assert services.accounts.login("manager", MANAGER_PIN).username == "manager"


# --- creating accounts and PINs ----------------------------------------------------
def test_a_new_account_is_listed_and_journaled_without_name_or_pin(services, manager, events) -> None:
    before = events(services)
    changes = services.accounts.create_user(manager, "  ZhangMin ", "张敏", Role.CASHIER, "482915")
    assert events(services) == before + 1
    row = next(u for u in services.accounts.users() if u.id == changes.ids[0])
    assert (row.username, row.display_name, row.role, row.active) == ("zhangmin", "张敏", Role.CASHIER, True)
    with services.db.read() as s:
        payload = s.scalars(select(JournalEvent.payload).where(JournalEvent.seq == changes.event_seq)).one()
    assert "张敏" not in payload and "482915" not in payload and "scrypt" not in payload


def test_a_username_is_unique(services, manager, cashier) -> None:
    with pytest.raises(DuplicateName):
        services.accounts.create_user(manager, "cashier", "另一个人", Role.CASHIER, "2222")
    assert services.accounts.login("cashier", CASHIER_PIN).username == "cashier", "the first one keeps its PIN"


@pytest.mark.parametrize(("pin", "reason"), [
    ("", "pin_digits"), ("123", "pin_length"), ("1", "pin_length"), ("1234567890123", "pin_length"),
    ("12a4", "pin_digits"), ("12 34", "pin_digits"), ("-123", "pin_digits"), ("１２３４", "pin_digits"),
])
def test_a_pin_is_4_to_12_digits_when_an_account_is_made(services, manager, events, pin, reason) -> None:
    before, users = events(services), len(services.accounts.users())
    with pytest.raises(InvalidInput) as caught:
        services.accounts.create_user(manager, "liuyang", "刘洋", Role.CASHIER, pin)
    assert (caught.value.field, caught.value.reason) == ("pin", reason)
    assert (events(services), len(services.accounts.users())) == (before, users)


@pytest.mark.parametrize("pin", ["1234", "000000000000"])
def test_pins_of_4_and_12_digits_are_fine(services, manager, pin) -> None:
    services.accounts.create_user(manager, "liuyang", "刘洋", Role.CASHIER, pin)
    assert services.accounts.login("liuyang", pin).username == "liuyang"


@pytest.mark.parametrize("pin", ["", "987", "98a7", "9876543210987"])
def test_a_bad_new_pin_is_refused_and_the_old_one_still_works(services, manager, cashier, pin) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.accounts.reset_pin(manager, "cashier", pin)
    assert caught.value.field == "pin"
    with pytest.raises(InvalidInput):
        services.accounts.reset_pin(cashier, "cashier", pin)
    assert services.accounts.login("cashier", CASHIER_PIN).username == "cashier"


def test_a_manager_sets_a_new_pin_which_also_unlocks(services, manager, cashier) -> None:
    wrong_pins(services, "cashier", 5)
    services.accounts.reset_pin(manager, "cashier", "5678")
    assert services.accounts.login("cashier", "5678").username == "cashier"
    with pytest.raises(WrongPin):
        services.accounts.login("cashier", CASHIER_PIN)


def test_anyone_may_change_their_own_pin(services, cashier) -> None:
    services.accounts.reset_pin(cashier, "cashier", "8642")
    assert services.accounts.login("cashier", "8642").username == "cashier"
    with pytest.raises(WrongPin):
        services.accounts.login("cashier", CASHIER_PIN)


def test_pins_are_stored_as_salted_scrypt_hashes(services, manager, cashier, store_path) -> None:
    services.accounts.create_user(manager, "zhangmin", "张敏", Role.CASHIER, CASHIER_PIN)  # the same PIN
    services.db.close()
    with sqlite3.connect(store_path) as conn:
        hashes = dict(conn.execute("SELECT username, pin_hash FROM app_user"))
        payloads = " ".join(r[0] for r in conn.execute("SELECT payload FROM journal_event"))
    assert set(hashes) == {"manager", "cashier", "zhangmin"}
    for username, stored in hashes.items():
        assert stored.startswith("scrypt$"), username
        assert CASHIER_PIN not in stored and MANAGER_PIN not in stored
    assert hashes["cashier"] != hashes["zhangmin"], "a salt per PIN: equal PINs do not look equal"
    assert "scrypt$" not in payloads and CASHIER_NAME not in payloads and "张敏" not in payloads


# --- what a cashier may not do ----------------------------------------------------
def test_a_cashier_cannot_manage_staff(services, manager, cashier, events) -> None:
    services.accounts.create_user(manager, "zhangmin", "张敏", Role.CASHIER, "2222")
    wrong_pins(services, "zhangmin", 5)
    before, users = events(services), services.accounts.users()
    attempts = [
        lambda: services.accounts.create_user(cashier, "liuyang", "刘洋", Role.MANAGER, "3333"),
        lambda: services.accounts.unlock(cashier, "zhangmin"),
        lambda: services.accounts.reset_pin(cashier, "zhangmin", "4444"),
        lambda: services.accounts.reset_pin(cashier, "manager", "4444"),
        lambda: services.accounts.set_active(cashier, "zhangmin", False),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied) as caught:
            attempt()
        assert not isinstance(caught.value, ApprovalRequired), "no manager's PIN makes this a cashier's"
        assert english(caught.value).startswith("Your role may not do this:")
    assert (events(services), services.accounts.users()) == (before, users)
    with pytest.raises(AccountLocked):
        services.accounts.login("zhangmin", "2222")
    assert services.accounts.login("manager", MANAGER_PIN).username == "manager"


def test_staff_management_is_not_approvable_at_the_counter(services, cashier) -> None:
    assert Action.MANAGE_USERS not in APPROVABLE and Action.UNLOCK_USER not in APPROVABLE
    with pytest.raises(PermissionDenied):
        services.accounts.authorize(cashier, Action.MANAGE_USERS, Approval("manager", MANAGER_PIN, "新员工"))


# --- a manager's approval at the counter --------------------------------------------
@pytest.fixture
def rice(make_item):
    return make_item("东北大米 5kg", barcode="6901234567892", price=3290)


def test_an_approved_price_change_is_audited(services, manager, cashier, rice, clock, events) -> None:
    assert Action.CHANGE_PRICE in APPROVABLE
    clock.advance(minutes=7)
    before = events(services)
    changes = services.catalog.update_item(cashier, rice.id, replace(rice.draft(), sale_price_fen=2990),
                                           Approval("manager", MANAGER_PIN, "临期促销"))
    assert services.catalog.get(rice.id).sale_price_fen == 2990
    assert events(services) == before + 1
    approved = [a for a in audit_rows(services) if a.outcome == "approved"]
    assert len(approved) == 1
    entry = approved[0]
    assert entry.action == "item.change_price"
    assert entry.user_id == cashier.user_id, "who asked"
    assert entry.approved_by == manager.user_id, "who approved"
    assert entry.at == clock(), "when"
    assert json.loads(entry.detail) == {"item": str(rice.id), "reason": "临期促销"}
    with services.db.read() as s:
        payload = json.loads(s.scalars(select(JournalEvent.payload).where(JournalEvent.seq == changes.event_seq)).one())
    assert payload["facts"]["approval"] == {"approved_by": str(manager.user_id), "reason": "临期促销"}


def test_an_approved_stock_count_is_audited(services, manager, cashier, rice, clock) -> None:
    services.stock.receive(cashier, {rice.id: 10})
    clock.advance(hours=1)
    changes = services.stock.count(cashier, {rice.id: 9}, "周盘点", Approval("manager", MANAGER_PIN, "少一袋"))
    assert services.stock.on_hand(rice.id) == 9
    entry = next(a for a in audit_rows(services) if a.outcome == "approved")
    assert (entry.action, entry.user_id, entry.approved_by, entry.at) == (
        "stock.count", cashier.user_id, manager.user_id, clock())
    assert json.loads(entry.detail) == {"number": changes.number, "reason": "少一袋"}


@pytest.mark.parametrize(
    ("approval", "error", "words"),
    [
        (None, ApprovalRequired, "A manager must approve this: change a price."),
        (Approval("manager", "1234", "临期促销"), WrongPin,
         "Wrong user name or PIN. 4 tries left before approvals at this till are locked."),
        (Approval("cashier", CASHIER_PIN, "临期促销"), ApprovalRejected, "Only a manager can approve this."),
        (Approval("zhangmin", "2222", "临期促销"), ApprovalRejected, "Only a manager can approve this."),
        (Approval("manager", MANAGER_PIN, "   "), ApprovalRejected, "An approval needs a reason."),
        (Approval("nobody", MANAGER_PIN, "临期促销"), WrongPin,
         "Wrong user name or PIN. 4 tries left before approvals at this till are locked."),
    ],
)
def test_a_refused_approval_changes_nothing(services, manager, cashier, rice, events, approval, error, words) -> None:
    services.accounts.create_user(manager, "zhangmin", "张敏", Role.CASHIER, "2222")
    before = events(services)
    with pytest.raises(error) as caught:
        services.catalog.update_item(cashier, rice.id, replace(rice.draft(), sale_price_fen=990), approval)
    assert english(caught.value) == words
    assert services.catalog.get(rice.id).sale_price_fen == 3290
    assert events(services) == before
    assert not [a for a in audit_rows(services) if a.outcome == "approved"]


def test_a_switched_off_manager_cannot_approve(services, manager, cashier, rice) -> None:
    services.accounts.create_user(manager, "lijun", "李军", Role.MANAGER, "7777")
    services.accounts.set_active(manager, "lijun", False)
    with pytest.raises(AccountInactive):
        services.catalog.update_item(cashier, rice.id, replace(rice.draft(), sale_price_fen=990),
                                     Approval("lijun", "7777", "临期促销"))
    assert services.catalog.get(rice.id).sale_price_fen == 3290


def test_a_manager_needs_no_approval(services, manager, rice) -> None:
    services.catalog.update_item(manager, rice.id, replace(rice.draft(), sale_price_fen=2990))
    assert services.catalog.get(rice.id).sale_price_fen == 2990
    assert not [a for a in audit_rows(services) if a.outcome == "approved"]
