"""The files the app reads at run time are found in the package through
importlib.resources (``charity_pos.shipped``), never by a path into the
source tree; one that is missing or damaged is named, with where it was
looked for, in the user's language, and the Chinese catalog, which would
translate that sentence, is named in both languages without it. The command
line says it in one line on stderr and exits 1, as with any other error."""

from __future__ import annotations

import ast
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import charity_pos
from charity_pos import cli, i18n, shipped
from charity_pos.db import migrate
from charity_pos.errors import ResourceDamaged, ResourceMissing
from charity_pos.printing import fonts

PACKAGE = Path(charity_pos.__file__).resolve().parent
CATALOG = "resources/translations/charity_pos_zh_CN.qm"
#: Modules that may use their own ``__file__``: generators run from a checkout (python -m ...) to write
#: the module beside them, never by the app.
WRITE_BESIDE_THEMSELVES = {"db/schema_gen.py", "domain/pinyin_gen.py"}


def test_the_catalog_and_the_migrations_are_found_inside_the_package() -> None:
    assert i18n.catalog_path("zh_CN") == PACKAGE / "resources" / "translations" / "charity_pos_zh_CN.qm"
    assert migrate.STORE.folder == PACKAGE / "db" / "migrations"
    from charity_pos.hub.engine import MIGRATIONS

    assert MIGRATIONS.folder == PACKAGE / "hub" / "migrations"
    assert shipped.location(fonts.SHIPPED_FONTS) == PACKAGE / "resources" / "fonts"


def test_no_module_finds_a_file_by_its_own_path() -> None:
    """No ``__file__`` (nor ``Path(...)`` up to the checkout's resources/): what the app reads goes
    through ``shipped``, which asks importlib.resources."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name in WRITE_BESIDE_THEMSELVES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "__file__":
                found.append(f"{name}:{node.lineno}")
            if isinstance(node, ast.Constant) and node.value in ("resources", "../resources"):
                found.append(f"{name}:{node.lineno} {node.value!r}")
    assert found == []


# --- a package of our own, to take things away from -------------------------------------------------------------
@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An importable package of its own (its name unique to the test), which ``shipped`` reads instead of
    charity_pos: empty at first; the test puts in it what it wants found."""
    name = f"charity_pos_elsewhere_{uuid.uuid4().hex[:8]}"
    root = tmp_path / "site" / name
    root.mkdir(parents=True)
    (root / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(root.parent))
    monkeypatch.setattr(shipped, "PACKAGE", name)
    monkeypatch.setattr(migrate.STORE, "_folder", None)  # looked up again, in this package
    monkeypatch.setattr(migrate.STORE, "_chain", None)
    yield root
    sys.modules.pop(name, None)


def put(package: Path, name: str, data: bytes | None = None) -> Path:
    """A copy of charity_pos's own shipped file ``name`` (or ``data``) into the package."""
    target = package / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if data is None:
        source = PACKAGE / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            return target
        data = source.read_bytes()
    target.write_bytes(data)
    return target


def test_a_shipped_file_is_found_or_named_with_where_it_was_looked_for(package: Path) -> None:
    with pytest.raises(ResourceMissing) as missing:
        shipped.file(CATALOG)
    assert missing.value.facts == {"resource": f"{package.name}/{CATALOG}",
                                   "where": str(package / "resources" / "translations")}
    put(package, CATALOG)
    assert shipped.file(CATALOG) == package / CATALOG
    # a folder where the file should be is no file
    (package / CATALOG).unlink()
    (package / CATALOG).mkdir()
    with pytest.raises(ResourceMissing):
        shipped.file(CATALOG)


def test_a_shipped_folder_must_hold_what_it_is_for(package: Path) -> None:
    with pytest.raises(ResourceMissing) as missing:
        shipped.folder("db/migrations", holding="env.py")
    assert missing.value.facts == {"resource": f"{package.name}/db/migrations", "where": str(package / "db")}
    (package / "db" / "migrations").mkdir(parents=True)
    with pytest.raises(ResourceMissing):  # there, but emptied
        shipped.folder("db/migrations", holding="env.py")
    put(package, "db/migrations/env.py")
    assert shipped.folder("db/migrations", holding="env.py") == package / "db" / "migrations"


def test_migrations_without_their_scripts_are_missing(package: Path) -> None:
    """A build that took the migrations' folder but left its .py files out (as a packager's data-file
    collection does by default) is told, not left to Alembic's "no such revision"."""
    put(package, "db/migrations/env.py")
    (package / "db" / "migrations" / "versions").mkdir()
    (package / "db" / "migrations" / "versions" / "__init__.py").write_text("")
    with pytest.raises(ResourceMissing) as missing:
        migrate.STORE.head()
    assert missing.value.facts["resource"] == f"{package.name}/db/migrations"
    shutil.rmtree(package / "db" / "migrations")
    put(package, "db/migrations")
    assert migrate.STORE.head() == migrate.Migrations(PACKAGE / "db" / "migrations").head()


def test_no_shipped_font_is_one_more_place_looked_in(package: Path) -> None:
    assert fonts._shipped_candidates() == [fonts.Candidate(package / "resources" / "fonts" / "*.ttf")]
    font = put(package, "resources/fonts/some.ttf", b"not a font")
    (package / "resources" / "fonts" / "notes.txt").write_text("")
    assert fonts._shipped_candidates() == [fonts.Candidate(font)]


# --- the translation catalog ---------------------------------------------------------------------------------
def cut_short(data: bytes) -> bytes:
    return data[: len(data) // 2]


def header_only(data: bytes) -> bytes:
    return data[: len(i18n.QM_MAGIC)]


def not_a_catalog(_data: bytes) -> bytes:
    return b"<?xml version='1.0'?><TS/>"  # the .ts put in its place, say


def empty(_data: bytes) -> bytes:
    return b""


@pytest.mark.parametrize("damage", [cut_short, header_only, not_a_catalog, empty])
def test_a_damaged_catalog_is_refused_at_once(package: Path, damage: Callable[[bytes], bytes]) -> None:
    put(package, CATALOG, damage((PACKAGE / CATALOG).read_bytes()))
    with pytest.raises(ResourceDamaged) as damaged:
        i18n.load_catalog("zh_CN")
    assert damaged.value.facts == {"resource": f"{package.name}/{CATALOG}",
                                   "where": str(package / "resources" / "translations"), "language": "zh_CN"}


def test_a_catalog_damaged_inside_its_messages_leaves_them_in_english(package: Path, caplog) -> None:
    data = bytearray((PACKAGE / CATALOG).read_bytes())
    start = next(start for tag, start, _ in i18n._blocks(bytes(data), PACKAGE / CATALOG) if tag == i18n._QM_MESSAGES)
    data[start] = 0x7F  # the first message's first field: no field has that tag
    put(package, CATALOG, bytes(data))
    i18n.load_catalog("zh_CN")
    assert i18n.translate("cli", "Error: ") == "Error: "
    assert "damaged" in caplog.text


def test_the_missing_catalog_is_named_in_both_languages_without_it(package: Path) -> None:
    with pytest.raises(ResourceMissing) as missing:
        i18n.load_catalog("zh_CN")
    assert missing.value.facts["language"] == "zh_CN"
    text = i18n.describe(missing.value)  # no catalog loaded: yet not English alone
    where = str(package / "resources" / "translations")
    assert text.count(f"{package.name}/{CATALOG}") == 2 and text.count(where) == 2
    assert "安装不完整" in text and "请重新安装" in text and "--lang en" in text
    assert "not installed completely" in text and "Install charity-pos again" in text
    assert "\n" not in text
    damaged = shipped.damaged(CATALOG, language="zh_CN")
    assert "已损坏" in i18n.describe(damaged) and "is damaged" in i18n.describe(damaged)


def test_english_needs_no_catalog(package: Path) -> None:
    i18n.load_catalog("en")
    assert i18n.translate("cli", "Error: ") == "Error: "


@pytest.mark.parametrize("language, words", [
    ("zh_CN", "charity-pos 安装不完整：缺少 {resource}（查找位置：{where}）。请重新安装 charity-pos。"),
    ("en", "charity-pos is not installed completely: {resource} is missing (looked for in {where}). "
           "Install charity-pos again."),
], ids=["zh_CN", "en"])
def test_any_other_missing_file_is_named_in_the_users_language(language: str, words: str) -> None:
    i18n.load_catalog(language)
    error = shipped.missing("db/migrations")
    assert i18n.describe(error) == words.format(resource="charity_pos/db/migrations", where=str(PACKAGE / "db"))
    assert "Chinese" not in i18n.describe(error) and "中文" not in i18n.describe(error)


# --- the command line ----------------------------------------------------------------------------------------
def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_line_names_the_missing_catalog_in_one_line(store_db, package: Path, capsys, caplog) -> None:
    path = store_db.path
    store_db.close()
    code, out, err = run(capsys, "verify", "--db", path)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("错误：charity-pos 安装不完整：缺少中文界面的翻译文件"), err
    assert " Error: charity-pos is not installed completely: the Chinese translation catalog" in err
    assert f"{package.name}/{CATALOG}" in err and "is missing" in err and "Traceback" not in err
    assert f"incomplete installation: {package.name}/{CATALOG} is missing" in caplog.text  # and in the log file


@pytest.mark.parametrize("language, words", [
    (None, "错误：charity-pos 安装不完整：缺少 {resource}（查找位置：{where}）。"),
    ("en", "Error: charity-pos is not installed completely: {resource} is missing (looked for in {where})."),
], ids=["zh_CN", "en"])
def test_the_command_line_names_missing_migrations_in_the_users_language(
        store_db, package: Path, capsys, language: str | None, words: str) -> None:
    """The catalog there (or English), the store's migrations not: verify, which reads their chain, and
    init, which runs them, say which and where, in the user's language."""
    put(package, CATALOG)
    path = store_db.path
    store_db.close()
    lang = ["--lang", language] if language else []
    expected = words.format(resource=f"{package.name}/db/migrations", where=package / "db")
    code, out, err = run(capsys, "verify", "--db", path, *lang)
    assert code == 1 and err.startswith(expected) and err.count("\n") == 1, err
    code, out, err = run(capsys, "init", "--db", path.with_name("new.db"), "--store-code", "PT02", "--name", "新店",
                         "--district", "普陀区", "--manager-pin", "2468", *lang)
    assert code == 1 and err.startswith(expected) and err.count("\n") == 1, err
    assert not path.with_name("new.db").exists()


def test_english_runs_without_the_chinese_catalog(store_db, package: Path, capsys) -> None:
    put(package, "db/migrations")
    path = store_db.path
    store_db.close()
    code, out, err = run(capsys, "verify", "--db", path, "--lang", "en")
    assert code == 0 and out.startswith("OK: ") and err == "", err


def test_the_version_is_the_packages(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"charity-pos {charity_pos.__version__}\n"
