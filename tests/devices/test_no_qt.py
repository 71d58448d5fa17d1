"""The devices run without Qt, like the services and the printing code:
on a server, in a script, in fast tests."""

from __future__ import annotations

from tests.test_layers import PACKAGE, QT_NAMES, imported_modules


def test_devices_import_no_qt() -> None:
    files = sorted((PACKAGE / "devices").rglob("*.py"))
    assert files
    for path in files:
        assert not any(m.split(".")[0] in QT_NAMES for m in imported_modules(path)), path


def test_services_import_no_devices() -> None:
    for path in sorted((PACKAGE / "services").rglob("*.py")):
        assert not any(m.startswith("charity_pos.devices") for m in imported_modules(path)), path
