"""The seal while the app keeps the store open: it remembers the seal it
last wrote so as not to parse and check the same text again, and that must
never let an edit made behind its back through. Each edit here is made with
the sqlite3 module between two of the running app's own commits."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from typing import Any

import pytest

from charity_pos.errors import SealBroken
from charity_pos.ledger.canonical import canonical_json
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services


def _seal(services: Services) -> tuple[str, str]:
    with closing(sqlite3.connect(services.db.path)) as conn:
        return conn.execute("SELECT body, mac FROM store_seal WHERE id = 1").fetchone()


def _edit(services: Services, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(services.db.path)) as conn:
        assert conn.execute(sql, params).rowcount == 1
        conn.commit()


def test_an_earlier_genuine_seal_put_back_is_refused(services: Services, manager: Actor,
                                                     make_item: Callable[..., Any]) -> None:
    rice = make_item()
    earlier = _seal(services)
    services.stock.receive(manager, {rice.id: 3})
    assert _seal(services) != earlier
    # a real seal of this store, its MAC right, but of a file with fewer events
    _edit(services, "UPDATE store_seal SET body = ?, mac = ? WHERE id = 1", *earlier)
    with pytest.raises(SealBroken):
        services.stock.receive(manager, {rice.id: 1})
    assert services.stock.on_hand(rice.id) == 3


def test_a_seal_with_a_changed_body_is_refused(services: Services, manager: Actor,
                                               make_item: Callable[..., Any]) -> None:
    rice = make_item()
    services.stock.receive(manager, {rice.id: 3})
    body, mac = _seal(services)
    forged = json.loads(body)
    forged["journal"][0] += 1  # the seal claims one event more than the file holds
    _edit(services, "UPDATE store_seal SET body = ? WHERE id = 1", canonical_json(forged))
    with pytest.raises(SealBroken):
        services.stock.receive(manager, {rice.id: 1})
    assert _seal(services)[1] == mac and services.stock.on_hand(rice.id) == 3


def test_a_counter_moved_back_between_two_commits_is_refused(services: Services, manager: Actor,
                                                             make_item: Callable[..., Any]) -> None:
    rice = make_item()
    services.stock.receive(manager, {rice.id: 3})
    _edit(services, "UPDATE document_sequence SET last_serial = last_serial - 1 WHERE kind = 'stock_receipt'")
    with pytest.raises(SealBroken):
        services.stock.receive(manager, {rice.id: 1})
    assert services.stock.on_hand(rice.id) == 3


def test_the_running_app_goes_on_after_its_own_commits(services: Services, manager: Actor,
                                                       make_item: Callable[..., Any]) -> None:
    rice = make_item()
    for _ in range(3):
        services.stock.receive(manager, {rice.id: 1})
    assert services.stock.on_hand(rice.id) == 3


# --- the journal's head, the one sealed thing an item's creation writes ------------------------
def _events(services: Services) -> list[tuple[int, str]]:
    with closing(sqlite3.connect(services.db.path)) as conn:
        return conn.execute("SELECT seq, hash FROM journal_event ORDER BY seq").fetchall()


def test_the_newest_event_removed_between_two_commits_is_refused(services: Services,
                                                                make_item: Callable[..., Any]) -> None:
    make_item("东北大米 5kg")
    make_item("金龙鱼 5L", barcode="6901234567892")
    before = _events(services)
    _edit(services, "DELETE FROM journal_event WHERE seq = ?", before[-1][0])
    with pytest.raises(SealBroken):
        make_item("雀巢咖啡")
    assert _events(services) == before[:-1]
    assert [row.name for row in services.catalog.search("雀巢")] == []


def test_an_event_added_between_two_commits_is_refused(services: Services,
                                                       make_item: Callable[..., Any]) -> None:
    make_item()
    before = _events(services)
    with closing(sqlite3.connect(services.db.path)) as conn:  # a copy of the head, renumbered: chained on top
        conn.execute("INSERT INTO journal_event (seq, uuid, kind, at, actor, payload, prev_hash, hash) "
                     "SELECT seq + 1, uuid || '-x', kind, at, actor, payload, hash, hash || 'x' FROM journal_event "
                     "WHERE seq = ?", (before[-1][0],))
        conn.commit()
    with pytest.raises(SealBroken):
        make_item("雀巢咖啡")
    assert len(_events(services)) == len(before) + 1
    assert [row.name for row in services.catalog.search("雀巢")] == []


def test_a_journal_that_refuses_the_event_leaves_nothing(services: Services,
                                                         make_item: Callable[..., Any]) -> None:
    """The event is added on the driver's connection: a failure there is
    still the database error services catch, and the call changes nothing."""
    from sqlalchemy.exc import DBAPIError

    make_item()
    before, seal = _events(services), _seal(services)
    with closing(sqlite3.connect(services.db.path)) as conn:
        conn.execute("CREATE TRIGGER no_more BEFORE INSERT ON journal_event BEGIN SELECT RAISE(ABORT, 'full'); END")
        conn.commit()
    with pytest.raises(DBAPIError):
        make_item("雀巢咖啡")
    assert _events(services) == before and _seal(services) == seal
    assert [row.name for row in services.catalog.search("雀巢")] == []


def test_each_seal_written_is_the_canonical_text_of_the_file_as_it_is(services: Services, manager: Actor,
                                                                      make_item: Callable[..., Any]) -> None:
    # units that change sealed tables (an in-store code's serial, a PIN's lock-out count) between units that
    # change only journaled rows: the tables part reused from one seal to the next must still be the file's
    from charity_pos.ledger.seal_body import current_body
    from charity_pos.services.catalog import ItemDraft, Source

    rice = make_item()
    seen = set()
    for step in range(6):
        if step % 3 == 0:
            services.catalog.create_item(manager, ItemDraft(f"挂面 {step}kg", "food", "袋", 500, 600, None,
                                                            Source.DONATED))  # no barcode: the serial moves on
        elif step % 3 == 1:
            services.stock.receive(manager, {rice.id: 1})
        else:
            with pytest.raises(Exception):
                services.accounts.login("manager", "0000")
        text, _mac = _seal(services)
        assert text == canonical_json(json.loads(text))
        with closing(sqlite3.connect(services.db.path)) as conn:
            assert json.loads(text) == current_body(conn)
        seen.add(canonical_json(json.loads(text)["tables"]))
    assert len(seen) >= 3, "sealed tables did change along the way"
