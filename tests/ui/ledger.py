"""The reports' hand-counted store (tests/reports/conftest.py ``ledger_store``)
for widget tests: the services on the moving test clock of tests/conftest.py,
not the UI conftest's small store. Import these names into a test module."""

from __future__ import annotations

import pytest

from charity_pos.services.base import Actor, Role
from charity_pos.services.registry import Services
from tests.conftest import CASHIER_NAME, CASHIER_PIN
from tests.reports.conftest import ledger_store  # noqa: F401 - a fixture, imported to be used


@pytest.fixture
def services(store_db, clock) -> Services:
    return Services.for_db(store_db, clock)


@pytest.fixture
def manager(services: Services) -> Actor:
    row = next(u for u in services.accounts.users() if u.username == "manager")
    return Actor(row.id, row.username, row.role)


@pytest.fixture
def cashier(services: Services, manager: Actor) -> Actor:
    changes = services.accounts.create_user(manager, "cashier", CASHIER_NAME, Role.CASHIER, CASHIER_PIN)
    return Actor(changes.ids[0], "cashier", Role.CASHIER)
