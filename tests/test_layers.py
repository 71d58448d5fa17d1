"""Only the screens use Qt. Rules, records, the journal, services, the demo,
keys and printing run without PySide6: on a server, in a script, in the
command line's verify, and in fast tests."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "charity_pos"
QT_FREE_PACKAGES = ("domain", "db", "ledger", "services", "reports", "demo", "security", "printing", "sync", "hub",
                     "export", "devices")
#: Qt packages (the screens): never in the list above.
QT_PACKAGES = ("ui", "hub_ui")
#: Command-line front ends inside those packages speak through the translation
#: loader, as ``cli`` does.
CLI_MODULES = ("cli.py",)
#: Top-level modules the layers above use; ``i18n`` (the command line's
#: translation loader) and ``cli`` may use Qt, ``ui`` is Qt.
QT_FREE_MODULES = ("errors", "messages", "config")
QT_NAMES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def qt_free_files() -> list[Path]:
    files = [p for pkg in QT_FREE_PACKAGES for p in sorted((PACKAGE / pkg).rglob("*.py"))
             if p.name not in CLI_MODULES]
    files += [PACKAGE / f"{name}.py" for name in QT_FREE_MODULES]
    return files


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(path: Path, node: ast.ImportFrom) -> str:
    """The absolute module an ``import from`` names, relative ones included."""
    if not node.level:
        return node.module or ""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(path, node)
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            names.add(str(node.args[0].value))
    return names


def test_the_layers_exist() -> None:
    files = qt_free_files()
    assert all(f.is_file() for f in files)
    for pkg in QT_FREE_PACKAGES:
        assert any(f.parent.is_relative_to(PACKAGE / pkg) for f in files), pkg
    assert len(files) > 30


@pytest.mark.parametrize("path", qt_free_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_qt_import_in_the_source(path: Path) -> None:
    """Neither Qt itself nor the modules that import it (the screens, the
    translation loader, the command line)."""
    names = imported_modules(path)
    qt = sorted(n for n in names if n.split(".")[0] in QT_NAMES)
    assert qt == [], f"{path.relative_to(ROOT)} imports Qt"
    ui = sorted(n for n in names if n.startswith(("charity_pos.ui", "charity_pos.i18n", "charity_pos.cli")))
    assert ui == [], f"{path.relative_to(ROOT)} imports a module that needs Qt"


REFUSE_QT = r"""
import importlib, importlib.abc, json, sys

QT = {qt}

class RefuseQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in QT:
            raise ImportError(f"Qt is not allowed here: {{name}}")
        return None

sys.meta_path.insert(0, RefuseQt())
failed = {{}}
for name in {modules}:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed[name] = f"{{type(exc).__name__}}: {{exc}}"
loaded = sorted(m for m in sys.modules if m.split(".")[0] in QT)
print(json.dumps({{"failed": failed, "qt_loaded": loaded}}))
"""


def test_every_module_imports_with_qt_refused() -> None:
    """Imported for real, in a fresh interpreter where any attempt to import
    Qt fails: catches imports the source check cannot see (a dependency that
    pulls Qt in, a name built at run time)."""
    # Alembic's env.py runs only under Alembic (the source check covers it).
    modules = [module_name(p) for p in qt_free_files() if p.name != "env.py"]
    script = REFUSE_QT.format(qt=repr(set(QT_NAMES)), modules=repr(modules))
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failed"] == {}, "modules that need Qt (or fail to import)"
    assert report["qt_loaded"] == []


def test_the_refusal_works() -> None:
    """The subprocess check is not blind: a module that imports Qt is caught."""
    script = REFUSE_QT.format(qt=repr(set(QT_NAMES)), modules=repr(["charity_pos.ui.feedback"]))
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "Qt is not allowed" in report["failed"]["charity_pos.ui.feedback"]


def test_the_source_check_sees_imports_inside_functions() -> None:
    """Also not blind: the screens' imports are found, even those made late."""
    assert any(n.startswith("PySide6") for n in imported_modules(PACKAGE / "i18n.py"))
    assert "charity_pos.ui.app" in imported_modules(PACKAGE / "cli.py")  # imported inside main()


def test_the_qt_packages_are_left_out_of_the_qt_free_check() -> None:
    """The hub app (``hub_ui``) is Qt, like ``ui``: apart from ``hub``, which stays Qt-free."""
    files = qt_free_files()
    for pkg in QT_PACKAGES:
        assert pkg not in QT_FREE_PACKAGES
        assert not any(f.is_relative_to(PACKAGE / pkg) for f in files), pkg
    assert any(f.is_relative_to(PACKAGE / "hub") for f in files)


# --- other packages' private names ---------------------------------------------------------------------------
#: packages that must reach the services (and each other) through their public names only (issue 14)
PUBLIC_ONLY = ("hub", "sync")


def private_uses(path: Path) -> list[str]:
    """Names starting with one underscore that ``path`` takes from another charity_pos module: imported
    (``from charity_pos.x import _name``) or reached through a module imported whole (``x._name``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = module_name(path)
    found: list[str] = []
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("charity_pos"):
            for alias in node.names:
                name = alias.name
                if node.module != own and name.startswith("_") and not name.startswith("__"):
                    found.append(f"from {node.module} import {name}")
                elif not name.startswith("_"):
                    modules.add(alias.asname or name)  # maybe a module (``from charity_pos.services import x``)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("charity_pos") and alias.asname:
                    modules.add(alias.asname)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules \
                and node.attr.startswith("_") and not node.attr.startswith("__"):
            found.append(f"{node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", [p for pkg in PUBLIC_ONLY for p in sorted((PACKAGE / pkg).rglob("*.py"))],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_hub_and_sync_use_other_modules_public_names_only(path: Path) -> None:
    assert private_uses(path) == []


def test_the_private_name_check_sees_both_forms(tmp_path: Path) -> None:
    sample = PACKAGE / "hub" / "sample_for_the_check.py"
    text = ("from charity_pos.services import household_import as hi\nfrom charity_pos.hub.downstream import _store\n"
            "x = hi._plain(1)\ny = hi.plain_cell(1)\n")
    target = tmp_path / "sample.py"
    target.write_text(text, encoding="utf-8")
    import unittest.mock

    with unittest.mock.patch(f"{__name__}.module_name", return_value="charity_pos.hub.sample_for_the_check"):
        assert private_uses(target) == ["from charity_pos.hub.downstream import _store", "hi._plain"]
    assert not sample.exists()


@pytest.mark.parametrize("path", sorted((PACKAGE / "services").rglob("*.py")), ids=lambda p: p.name)
def test_services_do_not_print(path: Path) -> None:
    """A service returns what a paper says (``domain.documents``); the
    screens and the command line render it, after the service's unit of
    work, so no service reaches for ``printing``."""
    printing = sorted(n for n in imported_modules(path) if n.split(".")[:2] == ["charity_pos", "printing"])
    assert printing == [], f"{path.relative_to(ROOT)} imports printing"
