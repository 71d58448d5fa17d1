"""Permissions that hold: every service reads the acting account again in the
unit of work that makes the change, so a session whose account was switched
off or demoted, or an ``Actor`` claiming a role its account does not have,
changes nothing; a manager who approves is read again there too; and wrong
approval PINs are counted per till, not against the manager's account."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

from charity_pos import messages
from charity_pos.db.base import Base
from charity_pos.db.models import ApprovalLimit, AuditEntry, JournalEvent
from charity_pos.errors import (
    AccountInactive,
    AccountLocked,
    ApprovalRejected,
    ApprovalRequired,
    ApprovalsLocked,
    InvalidInput,
    PermissionDenied,
    RoleChanged,
    SessionEnded,
    WrongApprovalPin,
    WrongPin,
)
from charity_pos.services import permissions
from charity_pos.services.base import COMMAND_LINE, STORE_SETUP, Actor, Approval, Role
from charity_pos.services.counter_rules import CounterRules
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.permissions import Action, Approved
from charity_pos.services.registry import Services
from charity_pos.services.returns import ReturnDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

MANAGER_PIN = "9999"
TILL_A, TILL_B = "1", "2"
RICE = 3290


def english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


def everything(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the security log (and the seal, which
    holds the security log's head), to show that nothing changed."""
    with services.db.read() as s:
        return {t.name: sorted(map(tuple, s.execute(select(t)).all()), key=repr)
                for t in Base.metadata.sorted_tables if t.name not in ("audit_entry", "store_seal")}


def audit_rows(services: Services, action: str | None = None) -> list[AuditEntry]:
    with services.db.read() as s:
        query = select(AuditEntry).order_by(AuditEntry.at)
        if action is not None:
            query = query.where(AuditEntry.action == action)
        found = list(s.scalars(query))
        s.expunge_all()
        return found


def sale(item: Any, quantity: int = 1, *, till: str = TILL_A, approval: Approval | None = None,
         discount: int = 0) -> SaleDraft:
    return SaleDraft(uuid.uuid4(), till, (LineDraft(item.id, quantity),), (PaymentDraft("cash", RICE * quantity),),
                     discount, approval)


def ok(reason: str = "老顾客优惠", till: str = TILL_A, username: str = "manager", pin: str = MANAGER_PIN) -> Approval:
    return Approval(username, pin, reason, till)


@pytest.fixture
def store(services: Services, manager: Actor, cashier: Actor, make_item: Callable[..., Any], clock) -> SimpleNamespace:
    """Rice on the shelf, a household with a card, the cashier's shift open
    at till A with one sale made: all done while every account was good."""
    rice = make_item("东北大米 5kg", barcode="6901234567892", price=RICE)
    services.stock.receive(manager, {rice.id: 20})
    household = services.households.register(manager, HouseholdDraft(
        "AX000001", "王建国", "11010519491231002X", 3, HouseholdCategory.DIBAO, "石门二路街道", "静民救〔2026〕001号",
        date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1))).ids[0]
    services.shifts.open(cashier, TILL_A, 20000)
    sold = services.sales.complete(cashier, sale(rice, 2)).number
    clock.advance(minutes=5)
    return SimpleNamespace(rice=rice, household=household, sold=sold)


# --- a switched-off account's open session --------------------------------------------------------------
def cashier_actions(services: Services, cashier: Actor, store: SimpleNamespace) -> dict[str, Callable[[], object]]:
    sold = services.sales.sale(store.sold)
    return {
        "sell": lambda: services.sales.complete(cashier, sale(store.rice)),
        "return": lambda: services.returns.create(cashier, ReturnDraft(store.sold, TILL_A, {sold.lines[0].id: 1},
                                                                       "买错了"), ok("顾客退货")),
        "void": lambda: services.sales.void(cashier, store.sold, "收错了", ok("收错了")),
        "hand out": lambda: services.handouts.complete(cashier, HandoutDraft(
            uuid.uuid4(), store.household, (HandoutLineDraft(store.rice.id, 1),))),
        "take in a donation": lambda: services.intake.receive(cashier, IntakeDraft(None, (
            IntakeLine(store.rice.id, 2, Condition.NEW, Valuation.MARKET, 3000, date(2026, 12, 1)),))),
        "change a price": lambda: services.catalog.update_item(
            cashier, store.rice.id, replace(services.catalog.get(store.rice.id).draft(), sale_price_fen=2990),
            ok("临期促销")),
        "close the shift": lambda: services.shifts.close(cashier, TILL_A, {10000: 2, 5000: 1, 1000: 1, 500: 1,
                                                                             50: 1, 10: 3}),  # ¥265.80
        "open a shift": lambda: services.shifts.open(cashier, TILL_B, 10000),
        "receive stock": lambda: services.stock.receive(cashier, {store.rice.id: 1}),
        "park a ticket": lambda: services.sales.park(cashier, TILL_A, {"lines": []}, "大米"),
        "print a slip": lambda: services.sales.print_slip(cashier, store.sold),
    }


ACTIONS = ["sell", "return", "void", "hand out", "take in a donation", "change a price", "close the shift",
           "open a shift", "receive stock", "park a ticket", "print a slip"]


@pytest.mark.parametrize("what", ACTIONS)
def test_a_switched_off_cashier_s_open_session_changes_nothing(services, manager, cashier, store, what) -> None:
    services.accounts.set_active(manager, "cashier", False)
    before, audit_before = everything(services), len(audit_rows(services))
    with pytest.raises(SessionEnded) as caught:
        cashier_actions(services, cashier, store)[what]()
    assert isinstance(caught.value, AccountInactive), "a kind of switched-off account"
    assert english(caught.value) == ("Account cashier has been switched off since it logged in: nothing was done, "
                                     "and it is logged out.")
    assert everything(services) == before
    assert len(audit_rows(services)) == audit_before, "no approval PIN was even looked at"


def test_the_same_session_works_again_once_switched_back_on(services, manager, cashier, store) -> None:
    services.accounts.set_active(manager, "cashier", False)
    with pytest.raises(SessionEnded):
        services.sales.complete(cashier, sale(store.rice))
    services.accounts.set_active(manager, "cashier", True)
    assert services.sales.complete(cashier, sale(store.rice)).number is not None


def test_reading_is_still_allowed_but_asking_for_approval_is_not(services, manager, cashier, store) -> None:
    services.accounts.set_active(manager, "cashier", False)
    assert services.sales.sale(store.sold).number == store.sold
    with pytest.raises(SessionEnded):
        services.sales.needs_approval(cashier, [(LineDraft(store.rice.id, 1, None, 1000), RICE)], 0)
    with pytest.raises(SessionEnded):
        services.accounts.authorize(cashier, Action.CHANGE_PRICE, ok())


# --- a demoted manager -------------------------------------------------------------------------------------
@pytest.fixture
def lijun(services: Services, manager: Actor) -> Actor:
    """A second manager, logged in."""
    services.accounts.create_user(manager, "lijun", "李军", Role.MANAGER, "7777")
    return services.accounts.login("lijun", "7777")


def test_a_demoted_manager_s_open_session_cannot_do_manager_things(services, manager, cashier, lijun, store) -> None:
    changes = services.accounts.set_role(manager, "lijun", Role.CASHIER)
    assert changes.event_seq is not None and [u.role for u in services.accounts.users() if u.username == "lijun"] \
        == [Role.CASHIER]
    before = everything(services)
    for attempt in (
        lambda: services.accounts.create_user(lijun, "liuyang", "刘洋", Role.MANAGER, "3333"),
        lambda: services.accounts.set_active(lijun, "cashier", False),
        lambda: services.counter_rules.set_rules(lijun, CounterRules(50, 100, 24)),
        lambda: services.catalog.update_item(lijun, store.rice.id, replace(
            services.catalog.get(store.rice.id).draft(), sale_price_fen=990)),
        lambda: services.sales.void(lijun, store.sold, "收错了"),
        lambda: services.sales.complete(lijun, sale(store.rice)),  # even a cashier's: the session is stale
    ):
        with pytest.raises(RoleChanged) as caught:
            attempt()
        assert isinstance(caught.value, PermissionDenied)
        assert caught.value.role == "cashier"
        assert english(caught.value) == ("The role of account lijun has been changed since it logged in: "
                                         "nothing was done; log in again.")
    assert everything(services) == before


def test_a_demoted_manager_logged_in_again_is_a_cashier(services, manager, lijun, store) -> None:
    services.accounts.set_role(manager, "lijun", Role.CASHIER)
    again = services.accounts.login("lijun", "7777")
    assert again.role == Role.CASHIER
    with pytest.raises(PermissionDenied) as caught:
        services.accounts.set_active(again, "cashier", False)
    assert not isinstance(caught.value, (ApprovalRequired, RoleChanged))
    with pytest.raises(ApprovalRequired):
        services.catalog.update_item(again, store.rice.id, replace(services.catalog.get(store.rice.id).draft(),
                                                                   sale_price_fen=990))
    assert services.sales.complete(again, sale(store.rice)).number is not None, "a cashier sells"


def test_a_demoted_manager_cannot_approve(services, manager, cashier, lijun, store) -> None:
    services.accounts.set_role(manager, "lijun", Role.CASHIER)
    before = everything(services)
    with pytest.raises(ApprovalRejected) as caught:
        services.catalog.update_item(cashier, store.rice.id, replace(
            services.catalog.get(store.rice.id).draft(), sale_price_fen=990), ok(username="lijun", pin="7777"))
    assert caught.value.reason == "not_manager"
    assert everything(services) == before


def test_an_approver_is_read_again_in_the_unit_of_work(services, manager, cashier, lijun) -> None:
    """The PIN was right a moment ago; by the time the change is written the
    manager was switched off, or demoted: refused."""
    approved = services.accounts.authorize(cashier, Action.CHANGE_PRICE, ok(username="lijun", pin="7777"))
    assert approved is not None and approved.approver.username == "lijun"
    with services.db.read() as s:
        grant = permissions.require(s, cashier, Action.CHANGE_PRICE, approved)
    assert grant.approver is not None and grant.approver.user_id == lijun.user_id
    services.accounts.set_active(manager, "lijun", False)
    with services.db.read() as s, pytest.raises(AccountInactive):
        permissions.require(s, cashier, Action.CHANGE_PRICE, approved)
    services.accounts.set_active(manager, "lijun", True)
    services.accounts.set_role(manager, "lijun", Role.CASHIER)
    with services.db.read() as s, pytest.raises(ApprovalRejected):
        permissions.require(s, cashier, Action.CHANGE_PRICE, approved)
    with services.db.read() as s, pytest.raises(ApprovalRequired):  # an approval for something else
        permissions.require(s, cashier, Action.VOID_SALE, replace(approved, action=Action.CHANGE_PRICE))


def test_roles_are_a_manager_s_to_change_and_not_one_s_own(services, manager, cashier, lijun, events) -> None:
    before = events(services)
    with pytest.raises(PermissionDenied):
        services.accounts.set_role(cashier, "cashier", Role.MANAGER)
    with pytest.raises(InvalidInput) as caught:
        services.accounts.set_role(manager, "manager", Role.CASHIER)
    assert english(caught.value) == "You cannot change your own role; another manager can."
    assert events(services) == before
    services.accounts.set_role(manager, "cashier", Role.MANAGER)
    assert events(services) == before + 1
    entry = audit_rows(services, "user.role")[-1]
    assert (entry.user_id, json.loads(entry.detail)) == (manager.user_id, {"role": "manager",
                                                                            "target": str(cashier.user_id)})
    with pytest.raises(RoleChanged):  # promoted: the cashier's session logs in again too
        services.sales.park(cashier, TILL_A, {}, "")
    assert services.accounts.set_role(manager, "cashier", Role.MANAGER).event_seq is None, "no change, no event"


# --- an Actor that lies -----------------------------------------------------------------------------------
def test_a_forged_actor_claiming_manager_for_a_cashier_account_is_refused(services, manager, cashier, store) -> None:
    forged = Actor(cashier.user_id, "cashier", Role.MANAGER)
    before = everything(services)
    for attempt in (
        lambda: services.accounts.create_user(forged, "liuyang", "刘洋", Role.MANAGER, "3333"),
        lambda: services.accounts.set_role(forged, "cashier", Role.MANAGER),
        lambda: services.catalog.update_item(forged, store.rice.id, replace(
            services.catalog.get(store.rice.id).draft(), sale_price_fen=990)),
        lambda: services.sales.void(forged, store.sold, "收错了"),
        lambda: services.households.reveal_id(forged, store.household),
        lambda: services.counter_rules.set_rules(forged, CounterRules(50, 100, 24)),
    ):
        with pytest.raises(RoleChanged):
            attempt()
    assert everything(services) == before
    assert not services.sales.needs_approval(manager, [(LineDraft(store.rice.id, 1, None, 2000), RICE)], 0)
    with pytest.raises(RoleChanged):
        services.sales.needs_approval(forged, [(LineDraft(store.rice.id, 1, None, 2000), RICE)], 0)


def test_an_actor_claiming_a_role_that_does_not_exist_is_refused(services, cashier, store) -> None:
    with pytest.raises(RoleChanged):
        services.sales.complete(Actor(cashier.user_id, "cashier", "admin"), sale(store.rice))  # type: ignore[arg-type]


@pytest.mark.parametrize("forged", [
    lambda cashier: Actor(uuid.uuid4(), "manager", Role.MANAGER),  # no such account
    lambda cashier: Actor(cashier.user_id, "manager", Role.MANAGER),  # the cashier's id, another's name
])
def test_an_actor_of_no_account_is_refused(services, cashier, store, forged) -> None:
    before = everything(services)
    with pytest.raises(SessionEnded):
        services.sales.complete(forged(cashier), sale(store.rice))
    with pytest.raises(SessionEnded):
        services.accounts.set_active(forged(cashier), "cashier", False)
    assert everything(services) == before


# --- wrong approval PINs, counted per till -----------------------------------------------------------------
def price_change(services: Services, cashier: Actor, item: Any, approval: Approval, price: int = 2990) -> object:
    return services.catalog.update_item(cashier, item.id, replace(services.catalog.get(item.id).draft(),
                                                                  sale_price_fen=price), approval)


def test_wrong_approval_pins_lock_approvals_at_that_till_only(services, manager, cashier, store, clock) -> None:
    caught: list[Exception] = []
    for _ in range(5):
        with pytest.raises((WrongApprovalPin, ApprovalsLocked)) as info:
            price_change(services, cashier, store.rice, ok("临期促销", pin="0000"))
        caught.append(info.value)
    assert [e.attempts_left for e in caught[:4]] == [4, 3, 2, 1]  # type: ignore[attr-defined]
    assert all(isinstance(e, WrongPin) for e in caught[:4]), "still a wrong PIN to whoever catches those"
    locked = caught[4]
    assert isinstance(locked, ApprovalsLocked)
    assert (locked.till, locked.until) == (TILL_A, clock() + timedelta(minutes=5))
    assert english(locked) == ("Too many wrong manager PINs at this till: approvals here are refused until 10:10. "
                               "The managers' own log-ins are not affected.")
    # the right PIN at till A is refused too, and tries while locked do not extend the lock
    clock.advance(minutes=1)
    with pytest.raises(ApprovalsLocked) as again:
        price_change(services, cashier, store.rice, ok("临期促销"))
    assert again.value.until == locked.until
    assert services.catalog.get(store.rice.id).sale_price_fen == RICE

    # the manager's own account is not locked: they log in, and approve at till B
    assert services.accounts.login("manager", MANAGER_PIN).role == Role.MANAGER
    assert [u.locked_until for u in services.accounts.users() if u.username == "manager"] == [None]
    price_change(services, cashier, store.rice, ok("临期促销", till=TILL_B))
    assert services.catalog.get(store.rice.id).sale_price_fen == 2990
    assert services.accounts.approvals_locked_until(TILL_A) == locked.until
    assert services.accounts.approvals_locked_until(TILL_B) is None

    # the audit log has every wrong PIN, the lock and the refusal, with the till
    tried = [(a.outcome, json.loads(a.detail)["till"], a.user_id)
             for a in audit_rows(services) if a.action == "approve:item.change_price"]
    assert tried == [("wrong_pin", TILL_A, manager.user_id)] * 4 + [
        ("till_locked", TILL_A, manager.user_id), ("refused", TILL_A, manager.user_id), ("ok", TILL_B, manager.user_id)]
    lock = next(a for a in audit_rows(services) if a.outcome == "till_locked")
    assert json.loads(lock.detail)["until"].startswith("2026-03-10 02:10")

    # five minutes on, till A approves again, with a fresh count
    clock.advance(minutes=4)
    services.sales.complete(cashier, sale(store.rice, approval=ok(), discount=1000))
    assert services.accounts.approvals_locked_until(TILL_A) is None


def test_the_approver_s_account_lock_still_counts(services, manager, cashier, store) -> None:
    """Log-in is where an account is locked; a locked manager approves nothing
    until the lock runs out, whatever the till."""
    for _ in range(5):
        with pytest.raises((WrongPin, AccountLocked)):
            services.accounts.login("manager", "0000")
    with pytest.raises(AccountLocked):
        price_change(services, cashier, store.rice, ok("临期促销", till=TILL_B))
    assert services.catalog.get(store.rice.id).sale_price_fen == RICE


def test_a_right_approval_pin_starts_the_till_s_count_again(services, cashier, store) -> None:
    for _ in range(4):
        with pytest.raises(WrongApprovalPin):
            price_change(services, cashier, store.rice, ok("临期促销", pin="0000"))
    price_change(services, cashier, store.rice, ok("临期促销"))
    with pytest.raises(WrongApprovalPin) as caught:
        price_change(services, cashier, store.rice, ok("临期促销", pin="0000"), price=2790)
    assert caught.value.attempts_left == 4


def test_wrong_approval_pins_far_apart_do_not_add_up(services, cashier, store, clock) -> None:
    for _ in range(4):
        with pytest.raises(WrongApprovalPin):
            price_change(services, cashier, store.rice, ok("临期促销", pin="0000"))
        clock.advance(minutes=4)  # each within 15 minutes of the one before
    clock.advance(minutes=12)
    with pytest.raises(WrongApprovalPin) as caught:
        price_change(services, cashier, store.rice, ok("临期促销", pin="0000"))
    assert caught.value.attempts_left == 4


def test_unknown_approver_names_count_at_the_till_too(services, cashier, store) -> None:
    for _ in range(4):
        with pytest.raises(WrongApprovalPin) as caught:
            price_change(services, cashier, store.rice, ok("临期促销", username="nobody"))
        assert english(caught.value).startswith("Wrong user name or PIN.")
    with pytest.raises(ApprovalsLocked):
        price_change(services, cashier, store.rice, ok("临期促销", username="nobody"))
    with services.db.read() as s:
        limit = s.get(ApprovalLimit, TILL_A)
        assert limit is not None and limit.locked_until is not None


def test_a_till_s_lock_holds_for_every_kind_of_approval(services, cashier, store) -> None:
    for _ in range(5):
        with pytest.raises((WrongApprovalPin, ApprovalsLocked)):
            services.sales.void(cashier, store.sold, "收错了", ok("收错了", pin="0000"))
    before = everything(services)
    with pytest.raises(ApprovalsLocked):
        services.sales.complete(cashier, sale(store.rice, approval=ok(), discount=1000))
    with pytest.raises(ApprovalsLocked):
        services.stock.count(cashier, {store.rice.id: 17}, "周盘点", ok("少一袋"))
    assert everything(services) == before


# --- changes made by another connection -------------------------------------------------------------------
def test_an_account_switched_off_from_another_till_is_refused_at_its_very_next_unit(
        services, manager, cashier, make_item, store_path, clock) -> None:
    from charity_pos.services.store_file import open_store
    from charity_pos.services.catalog import ItemDraft, Source

    def draft(name: str) -> ItemDraft:
        return ItemDraft(name, "food", "袋", 500, 600, None, Source.DONATED)

    services.catalog.create_item(cashier, draft("挂面 1kg"))  # the account read in that unit: good
    other_db = open_store(store_path, lock=False)
    try:
        other = Services.for_db(other_db, clock)
        other.accounts.set_active(manager, "cashier", False)  # on its own connection, between two units
        count = services.catalog.count()
        with pytest.raises(AccountInactive):
            services.catalog.create_item(cashier, draft("面粉 2.5kg"))
        assert services.catalog.count() == count
        other.accounts.set_active(manager, "cashier", True)
        other.accounts.set_role(manager, "cashier", Role.MANAGER)
        with pytest.raises(RoleChanged):
            services.catalog.create_item(cashier, draft("面粉 2.5kg"))
        assert services.catalog.count() == count
    finally:
        other_db.close()


# --- the system: the command line, a store's set-up, its upkeep ------------------------------------------
def system_asks(services: Services, store: SimpleNamespace, caller: object) -> dict[str, Callable[[], object]]:
    """What the command line and the store's own work ask of the services, with no one logged in."""
    today = date(2026, 12, 3)
    return {
        "see the reports": lambda: services.reports.figures(caller, today, today),  # type: ignore[arg-type]
        "trace a lot": lambda: services.trace.lots(caller),  # type: ignore[arg-type]
        "see the donations": lambda: services.intake.donations(caller),  # type: ignore[arg-type]
        "print a slip": lambda: services.sales.print_slip(caller, store.sold),  # type: ignore[arg-type]
        "see the fund": lambda: services.funds.balance(caller),  # type: ignore[arg-type]
        "erase lapsed households": lambda: services.household_status.erase_lapsed(caller),  # type: ignore[arg-type]
        "add an account": lambda: services.accounts.create_user(  # type: ignore[arg-type]
            caller, "wangfang", "王芳", Role.CASHIER, "2580"),
    }


@pytest.mark.parametrize("what", ["see the reports", "trace a lot", "see the donations", "print a slip", "see the fund",
                                  "erase lapsed households", "add an account"])
def test_no_one_in_particular_is_not_the_system(services, cashier, store, what) -> None:
    """``None`` once meant "skip the check"; now only an explicit system
    caller does, and None changes nothing."""
    before = everything(services)
    with pytest.raises(TypeError):
        system_asks(services, store, None)[what]()
    assert everything(services) == before
    system_asks(services, store, COMMAND_LINE)[what]()  # the store's own command line may


def test_the_system_is_named_by_no_user_in_the_journal_and_a_cashier_is_still_checked(
        services, cashier, store) -> None:
    services.sales.print_slip(COMMAND_LINE, store.sold)
    with services.ctx.db.read() as s:
        last = s.scalars(select(JournalEvent).order_by(JournalEvent.seq.desc())).first()
    assert last is not None and (last.kind, last.actor) == ("sale.slip_printed", None)
    with pytest.raises(PermissionDenied):
        services.reports.figures(cashier, date(2026, 12, 3), date(2026, 12, 3))
    assert permissions.require_of(None, STORE_SETUP, Action.MANAGE_USERS) is None  # type: ignore[arg-type]
