"""The layers hold. Only the screens use Qt: rules, records, the journal,
services, the demo, keys and printing run without PySide6, on a server, in a
script, in the command line's verify, and in fast tests. And imports go one
way, down a declared table (``LAYERS``: the screens and the command line on
top, then hub, sync and the demo, the services, then reports, keys, the
journal, the records, the rules, errors at the bottom), with no cycle between
packages; an import that broke it would be listed, with why, in ``KNOWN``
(empty)."""

from __future__ import annotations

import ast
import functools
import json
import os
import subprocess
import sys
from dataclasses import dataclass
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
QT_FREE_MODULES = ("errors", "messages", "config", "shipped")
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


# --- the direction of imports (issue 14) ---------------------------------------------------------------------
#: Each part of charity_pos and the parts it may import, from the bottom up. A part is a top-level package or
#: module, except two kinds of modules that live inside packages but belong to another layer: the command-line
#: front ends (``cli*.py`` at the top, ``hub/cli*.py``, ``sync/cli.py``: they start the apps, so they come last)
#: and the Alembic migrations (``db/migrations``, ``hub/migrations``: scripts run once per database).
#: ``charity_pos`` itself is the package's ``__init__`` (its version).
LAYERS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "charity_pos": (),                          # the package's __init__: its version, which any part may read
    "errors": (),                               # typed errors carrying facts
    "lazy_help": (),                            # the command line's deferred help texts
    "durable": (),                              # a finished file put in place, durably
    "shipped": ("errors",),                     # the files the package ships, found through importlib.resources
    "domain": ("errors",),                      # pure rules, no I/O
    "config": ("errors", "durable"),            # settings and paths
    "files": ("errors", "config", "durable"),   # the guard and writer of files a user names
    "db": ("errors", "domain", "shipped"),      # models and engine (migrations shipped); nothing above them
    "ledger": ("errors", "domain", "db"),       # the journal, and whether every unit is accounted for
    "reports": ("errors", "domain", "db", "ledger"),           # what the records (and the journal) add up to
    "messages": ("errors", "domain", "reports"),               # errors into sentences; reports' words for codes
    "i18n": ("errors", "messages", "shipped"),  # Qt catalogs for the front ends
    "security": ("errors", "domain", "config", "durable", "ledger"),  # keys; signed receipts in canonical JSON
    "services": ("errors", "domain", "config", "durable", "files", "db", "ledger", "security", "reports"),
    "printing": ("errors", "domain", "shipped"),  # renders documents given as plain data (printing.documents)
    "devices": ("errors", "domain", "config", "printing"),     # ESC/POS printers and pole display: same documents
    "export": ("errors", "domain", "config", "files", "reports", "printing"),  # report tables to files
    "demo": ("errors", "domain", "config", "durable", "files", "db", "services"),  # the demo, made by services
    "sync": ("errors", "domain", "config", "durable", "files", "db", "ledger", "security", "services"),
    "hub": ("errors", "domain", "config", "durable", "files", "db", "ledger", "security", "reports", "services",
            "sync", "export", "printing"),
    "migrations": ("errors", "domain", "db", "ledger", "hub"),
    "ui": ("errors", "domain", "config", "files", "i18n", "shipped", "messages", "services", "reports", "export",
           "printing", "devices", "demo"),
    "hub_ui": ("errors", "domain", "config", "files", "i18n", "messages", "security", "services", "reports",
               "export", "sync", "hub", "ui"),
    "cli": ("errors", "lazy_help", "domain", "config", "files", "messages", "i18n", "db", "ledger", "reports",
            "security", "services", "printing", "devices", "export", "demo", "sync", "hub", "ui", "hub_ui"),
}.items()}

#: Imports that break the table, each with what is being done about it: empty on purpose, every import goes down
#: the layers. An entry added here is a debt with its reason; remove it when its import is gone (a test says when
#: one is no longer needed).
KNOWN: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Import:
    """One import of a charity_pos module by another, as the source says it."""

    module: str  # the importing module
    line: int
    target: str  # the module imported (``from a import b``: ``a.b`` when ``b`` is a module)
    text: str  # the statement

    def parts(self) -> tuple[str, str]:
        return part_of(self.module), part_of(self.target)


def part_of(module: str) -> str:
    """The layer of a charity_pos module (see ``LAYERS``)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "charity_pos"
    top = parts[1]
    if top.startswith("cli") or top == "__main__" or (top in ("hub", "sync") and len(parts) > 2
                                                      and parts[2].startswith("cli")):
        return "cli"
    if top in ("db", "hub") and len(parts) > 2 and parts[2] == "migrations":
        return "migrations"
    return top


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, module: str | None = None) -> list[Import]:
    """The charity_pos modules ``path`` imports: at the top, inside functions, or by ``import_module`` with a
    constant name. Imports under ``if TYPE_CHECKING:`` are left out: they are annotations, never run."""
    module = module or module_name(path)
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found: list[Import] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the importing module's package
                package = module.split(".")[: None if path.name == "__init__.py" else -1]
                base = ".".join(package[: len(package) - (node.level - 1)] + ([base] if base else []))
            targets = [f"{base}.{a.name}" if _is_module(f"{base}.{a.name}") else base for a in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            targets = [str(node.args[0].value)]
        for target in dict.fromkeys(targets):
            if target.split(".")[0] == "charity_pos":
                found.append(Import(module, node.lineno, target, ast.unparse(node)))  # type: ignore[attr-defined]
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def all_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def broken_rules(imports: list[Import], known: dict[tuple[str, str], str]) -> list[str]:
    """Each import a part may not make (and that ``known`` does not allow), said in a sentence."""
    broken = []
    for imp in imports:
        src, dst = imp.parts()
        if src == dst or dst == "charity_pos" or dst in LAYERS[src] or (src, dst) in known:
            continue
        allowed = ", ".join(sorted(LAYERS[src])) or "nothing"
        broken.append(f"{imp.module}:{imp.line} `{imp.text}`: {src} may import {allowed}; not {dst}")
    return broken


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every part that can reach itself, with one way round (each cycle once)."""
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    for start in sorted(graph):
        stack = [(start, [start])]
        visited: set[str] = set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    if frozenset(path) not in seen:
                        seen.add(frozenset(path))
                        found.append(path + [start])
                elif nxt not in visited:
                    visited.add(nxt)
                    stack.append((nxt, path + [nxt]))
    return found


def package_graph(imports: list[Import], leave_out: dict[tuple[str, str], str] | None = None) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for imp in imports:
        src, dst = imp.parts()
        if src != dst and (src, dst) not in (leave_out or {}):
            graph.setdefault(src, set()).add(dst)
    return graph


@functools.cache
def all_imports() -> list[Import]:
    return [imp for path in all_modules() for imp in imports_of(path)]


def test_every_part_has_a_row() -> None:
    parts = {part_of(module_name(p)) for p in all_modules()}
    assert parts == set(LAYERS), "a new package needs its row in LAYERS (what it may import)"
    assert all(allowed <= set(LAYERS) for allowed in LAYERS.values())


def test_the_table_itself_has_no_cycle() -> None:
    assert cycles({k: set(v) for k, v in LAYERS.items()}) == []


def test_imports_go_down_the_layers() -> None:
    broken = broken_rules(all_imports(), KNOWN)
    assert broken == [], "imports against the layers (LAYERS):\n" + "\n".join(broken)


def test_no_part_reaches_itself() -> None:
    """No cycle between packages: outside the allowances still listed in ``KNOWN``, none at all."""
    left = cycles(package_graph(all_imports(), leave_out=KNOWN))
    assert left == [], "cycles between packages: " + "; ".join(" -> ".join(c) for c in left)


def test_every_allowance_is_still_needed() -> None:
    """An entry of ``KNOWN`` whose import is gone is removed, so the list says what is left."""
    used = {imp.parts() for imp in all_imports()}
    stale = sorted(edge for edge in KNOWN if edge not in used or edge[1] in LAYERS[edge[0]])
    assert stale == [], "no longer needed in KNOWN"


def test_the_layer_check_sees_a_wrong_import(tmp_path: Path) -> None:
    """Not blind: a made-up rule module that imports the screens (late, inside a function), the services and
    (relatively) sync is caught, named with its line and the rule broken; a type-only import is not counted."""
    sample = tmp_path / "sample.py"
    sample.write_text("from typing import TYPE_CHECKING\nfrom charity_pos.errors import PosError\n"
                      "if TYPE_CHECKING:\n    from charity_pos.db.models import Sale\n"
                      "def f():\n    from charity_pos.ui import feedback\n    import charity_pos.services.base\n"
                      "from ..sync import bundle\n", encoding="utf-8")
    imports = imports_of(sample, "charity_pos.domain.sample")
    assert [(i.line, i.target) for i in imports] == [
        (2, "charity_pos.errors"), (6, "charity_pos.ui.feedback"), (7, "charity_pos.services.base"),
        (8, "charity_pos.sync.bundle")]
    assert broken_rules(imports, {}) == [
        "charity_pos.domain.sample:6 `from charity_pos.ui import feedback`: domain may import errors; not ui",
        "charity_pos.domain.sample:7 `import charity_pos.services.base`: domain may import errors; not services",
        "charity_pos.domain.sample:8 `from ..sync import bundle`: domain may import errors; not sync"]
    assert broken_rules(imports, {("domain", "ui"): "", ("domain", "services"): "", ("domain", "sync"): ""}) == []


def test_the_cycle_check_sees_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    imports = [Import("charity_pos.files", 1, "charity_pos.sync.bundle", "x"),
               Import("charity_pos.sync.bundle", 2, "charity_pos.files", "y")]
    assert cycles(package_graph(imports)) == [["files", "sync", "files"]]
    assert cycles(package_graph(imports, leave_out={("files", "sync"): "test"})) == []


def test_front_ends_and_migrations_are_their_own_layers() -> None:
    assert part_of("charity_pos.hub.cli_reports") == part_of("charity_pos.sync.cli") == part_of(
        "charity_pos.cli_show") == "cli"
    assert part_of("charity_pos.hub.migrations.env") == part_of("charity_pos.db.migrations.versions.x") == "migrations"
    assert part_of("charity_pos.hub.registry") == "hub" and part_of("charity_pos") == "charity_pos"
