"""The demo store as the command line builds it (``demo_store``), copied for a test that changes it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from charity_pos.services.registry import Services
from tests.conftest import bring_keys


@pytest.fixture
def demo_copy(demo_store: tuple[Path, int, str], tmp_path: Path,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """A copy of the demo store (with its keys), open."""
    path, code, _ = demo_store
    assert code == 0
    copy = tmp_path / "demo.db"
    shutil.copy(path, copy)
    bring_keys(copy, tmp_path_factory)
    services = Services.open(copy)
    yield services
    services.close()
