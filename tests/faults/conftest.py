"""Every test here is marked ``faults`` (``pytest -m faults`` runs them alone)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.kills import Forker
from tests.hub.conftest import postgres_server  # noqa: F401  (the run's PostgreSQL server, for a hub on it)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.faults)


@pytest.fixture
def forker(tmp_path: Path) -> Iterator[Forker]:
    """A forker for this test (started after the test's home folder is set); stopped, with any worker, at the end."""
    logs = tmp_path / "logs"
    logs.mkdir()
    started = Forker(logs)
    try:
        yield started
    finally:
        started.close()
