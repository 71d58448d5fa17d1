"""The wheel works anywhere: built as a release is (``python -m build``: the
sdist, then the wheel from the sdist), installed into a fresh virtual
environment in a temporary folder outside the checkout, and run from a
folder outside it too, so that nothing of the checkout can be imported. The
installed ``charity-pos`` then answers ``--help``, makes a store (``init``)
and a demo store, checks both (``verify``), prints a receipt PDF in Chinese
and starts the app offscreen to its log-in window, in Chinese and in
English. With a file taken out of the installed package, the command and
the app name it in the user's language.

The fresh environment gets the package from the wheel alone (``pip install
--no-deps``) and its dependencies from this test run's environment: a
``.pth`` file naming the site-packages folders this interpreter uses. A
folder named by a ``.pth`` is only added to ``sys.path``: its own ``.pth``
files are not read, so the development environment's editable install of
charity_pos stays invisible (checked: charity_pos and its files are read
from the new environment). CHARITY_POS_TEST_FULL_INSTALL=1 also installs
the wheel the plain way, with its dependencies from PyPI (minutes, and the
network)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest

import charity_pos
from charity_pos import i18n

ROOT = Path(__file__).resolve().parents[2]
VERSION = charity_pos.__version__
FULL_INSTALL = os.environ.get("CHARITY_POS_TEST_FULL_INSTALL") == "1"
CATALOG = "charity_pos/resources/translations/charity_pos_zh_CN.qm"
#: what Qt's offscreen platform says on stderr of any window (the suite ignores it too: pyproject's qt_log_ignore)
QT_NOISE = "This plugin does not support propagateSizeHints()"
#: folders of the checkout that are not the source: never copied to build from
NOT_SOURCE = (".git", ".venv", "build", "dist", "docs", "var", "__pycache__", "*.egg-info", ".mypy_cache",
              ".pytest_cache", ".hypothesis", "*.py[cod]")


def _cannot_build() -> str:
    """Why this environment cannot build without isolation ("" when it can)."""
    try:
        import build  # noqa: F401
    except ImportError:
        return "no `build` here"
    setuptools = metadata.version("setuptools")
    if tuple(int(p) for p in setuptools.split(".")[:2]) < (77, 0):
        return f"setuptools {setuptools} here, the package needs 77 or later"
    return ""


pytestmark = pytest.mark.skipif(bool(_cannot_build()), reason=(
    f"building the wheel needs the test extra's build and setuptools>=77 ({_cannot_build()}); "
    "make test installs them (pip install -e '.[test]')"))


def outside_the_checkout(path: Path) -> Path:
    assert not path.resolve().is_relative_to(ROOT), f"{path} is inside the checkout"
    return path


# --- building ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dists:
    sdist: Path
    wheel: Path


def source_copy(target: Path) -> Path:
    """The checkout's sources (tracked and new files, as git sees them; everything but the build's and
    tools' folders when there is no git), copied, so that building writes nothing into the checkout."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, timeout=60, check=False)
    if listed.returncode != 0:  # an unpacked sdist
        shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*NOT_SOURCE))
        return target
    for name in listed.stdout.decode("utf-8").split("\0"):
        source = ROOT / name
        if not name or name.startswith("docs/") or not source.is_file():  # deleted, not yet committed
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    work = outside_the_checkout(tmp_path_factory.mktemp("build"))
    source = source_copy(work / "source")
    out = work / "dist"
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return Dists(sdist=out / f"charity_pos-{VERSION}.tar.gz", wheel=out / f"charity_pos-{VERSION}-py3-none-any.whl")


def package_files() -> set[str]:
    """Every file of the package in the checkout (what the app may read), as the wheel names it."""
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "charity_pos").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def test_the_wheel_holds_the_whole_package_and_nothing_else(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as wheel:
        names = set(wheel.namelist())
        meta = wheel.read(f"charity_pos-{VERSION}.dist-info/METADATA").decode("utf-8")
        entry_points = wheel.read(f"charity_pos-{VERSION}.dist-info/entry_points.txt").decode("utf-8")
    package = {n for n in names if not n.startswith(f"charity_pos-{VERSION}.dist-info/")}
    assert package == package_files()
    for needed in (CATALOG, "charity_pos/db/migrations/env.py", "charity_pos/db/migrations/script.py.mako",
                   "charity_pos/hub/migrations/env.py", "charity_pos/hub/migrations/script.py.mako"):
        assert needed in package
    for folder in ("db", "hub"):
        scripts = {p.name for p in (ROOT / "charity_pos" / folder / "migrations" / "versions").glob("*.py")}
        assert {n.rsplit("/", 1)[1] for n in package if n.startswith(f"charity_pos/{folder}/migrations/versions/")} \
            == scripts and len(scripts) > 1
    assert f"\nVersion: {VERSION}\n" in meta and "\nRequires-Dist: PySide6-Essentials" in meta
    assert "charity-pos = charity_pos.cli:main" in entry_points


def test_the_sdist_carries_what_rebuilds_and_checks_it(dists: Dists) -> None:
    top = f"charity_pos-{VERSION}"
    with tarfile.open(dists.sdist) as sdist:
        names = {n.removeprefix(top + "/") for n in sdist.getnames()}
        info = sdist.extractfile(f"{top}/PKG-INFO").read().decode("utf-8")  # type: ignore[union-attr]
    for needed in ("pyproject.toml", "README.md", "Makefile", "MANIFEST.in", "resources/translations/charity_pos_zh_CN.ts",
                   CATALOG, "scripts/system-deps.sh", "tests/conftest.py", "tests/packaging/test_wheel.py",
                   "benchmarks/run.py"):
        assert needed in names, needed
    assert package_files() <= names
    assert not any(n.startswith("docs/") or n.endswith(".pyc") for n in names)
    assert f"\nVersion: {VERSION}\n" in info


# --- installing ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Installed:
    """A virtual environment with the wheel installed, and a folder outside the checkout to run it from."""

    venv: Path
    site: Path
    workdir: Path

    def bin(self, name: str) -> Path:
        return self.venv / ("Scripts" if os.name == "nt" else "bin") / name

    def env(self, home: Path, **env: str) -> dict[str, str]:
        """The installed command's environment: its own home (settings, keys, logs), offscreen, and nothing
        of this test run's environment that could lead it back to the checkout."""
        clean = {k: v for k, v in os.environ.items()
                 if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")
                 and not k.startswith("CHARITY_POS_")}
        clean.update(CHARITY_POS_HOME=str(home), QT_QPA_PLATFORM="offscreen", **env)
        return clean

    def run(self, home: Path, *argv: object, **env: str) -> subprocess.CompletedProcess[str]:
        """``charity-pos ARGV`` as installed, in ``env(home)``."""
        return subprocess.run([str(self.bin("charity-pos")), *map(str, argv)], cwd=self.workdir,
                              env=self.env(home, **env), capture_output=True, text=True, timeout=300, check=False)

    def python(self, code: str) -> str:
        clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
        done = subprocess.run([str(self.bin("python")), "-c", code], cwd=self.workdir, env=clean,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout


def new_venv(folder: Path, *, with_pip: bool) -> tuple[Path, Path]:
    """A fresh virtual environment (of this interpreter's Python) and its site-packages folder."""
    subprocess.run([sys.executable, "-m", "venv", *([] if with_pip else ["--without-pip"]), str(folder)],
                   check=True, capture_output=True, timeout=300)
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    return python, Path(site)


def shared_site_packages(exclude: Path) -> list[str]:
    """The site-packages folders this interpreter imports the dependencies from."""
    found = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()
             and not Path(p).resolve().is_relative_to(exclude.resolve())]
    return list(dict.fromkeys(found))


@pytest.fixture(scope="module")
def installed(dists: Dists, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel in a fresh environment, its dependencies shared with this test run's (see the top)."""
    venv = outside_the_checkout(tmp_path_factory.mktemp("venv"))
    python, site = new_venv(venv, with_pip=False)
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                           "--quiet", "--disable-pip-version-check", str(dists.wheel)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    (site / "dependencies-of-the-test-run.pth").write_text("\n".join(shared_site_packages(venv)) + "\n")
    return Installed(venv, site, outside_the_checkout(tmp_path_factory.mktemp("elsewhere")))


def test_the_installed_package_is_the_wheels(installed: Installed) -> None:
    """charity_pos, its catalog and its migrations come from the new environment, not from the checkout
    (nor from the development environment's editable install); the version is one number everywhere."""
    facts = json.loads(installed.python(
        "import json, sys, importlib.metadata as m\n"
        "import charity_pos\n"
        "from charity_pos import i18n\n"
        "from charity_pos.db import migrate\n"
        "from charity_pos.hub.engine import MIGRATIONS\n"
        "print(json.dumps({'package': charity_pos.__file__, 'catalog': str(i18n.catalog_path('zh_CN')),\n"
        "    'store': str(migrate.STORE.folder), 'hub': str(MIGRATIONS.folder), 'version': charity_pos.__version__,\n"
        "    'metadata': m.version('charity-pos'), 'path': sys.path}))\n"))
    package = installed.site / "charity_pos"
    assert facts["package"] == str(package / "__init__.py")
    assert facts["catalog"] == str(installed.site / CATALOG)
    assert (facts["store"], facts["hub"]) == (str(package / "db" / "migrations"), str(package / "hub" / "migrations"))
    assert facts["version"] == facts["metadata"] == VERSION
    assert not any(Path(p).resolve() == ROOT for p in facts["path"] if p)
    done = installed.run(installed.workdir / "home", "--version")
    assert (done.returncode, done.stdout) == (0, f"charity-pos {VERSION}\n")


#: what each command says, by language
SAYS = {
    "zh_CN": {"init": "已在 {path} 创建门店 PT01。", "demo": "演示门店已创建于 {path}：", "verify": "校验通过：",
              "receipt": "收据 "},
    "en": {"init": "Created store PT01 in {path}.", "demo": "Demo store created in {path}:", "verify": "OK: ",
           "receipt": "Receipt "},
}


def check_the_commands_and_the_app(installed: Installed, folder: Path, language: str) -> None:
    """--help, init, demo --days 3, verify, a receipt PDF and the app to its log-in window, in ``language``
    (zh_CN: the default, no --lang given)."""
    from pypdf import PdfReader

    home = folder / "home"
    lang = [] if language == "zh_CN" else ["--lang", language]
    says = SAYS[language]

    def ok(*argv: object, **env: str) -> str:
        done = installed.run(home, *argv, *lang, **env)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (argv, done.stdout, done.stderr)
        assert set(done.stderr.splitlines()) <= {QT_NOISE}, done.stderr
        return done.stdout

    assert ok("--help").startswith("usage: charity-pos ")
    store = folder / "store.sqlite3"
    out = ok("init", "--db", store, "--store-code", "PT01", "--name", "普陀区长征镇慈善超市", "--district", "普陀区",
             "--manager-pin", "2468")
    assert out.startswith(says["init"].format(path=store)), out
    demo = folder / "demo.sqlite3"
    assert ok("demo", "--db", demo, "--days", "3").startswith(says["demo"].format(path=demo))
    for path in (store, demo):
        assert ok("verify", "--db", path).startswith(says["verify"])
    donation = json.loads(ok("show", "donations", "--db", demo, "--json"))[0]["number"]
    pdf = folder / "receipt.pdf"
    assert ok("receipt", "--db", demo, "--donation", donation, "--out", pdf).startswith(says["receipt"])
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "捐赠收据" in text and donation in text  # the receipt is a Chinese paper in either language

    log = home / "logs" / "charity-pos.log"
    title = "charity-pos: log in"
    if language == "zh_CN":
        title = i18n.read_catalog(installed.site / CATALOG)[("LoginScreen", title)]
    for ready in ("1", "store"):  # the log-in window up; then the store opened behind it too
        ok("gui", "--db", demo, CHARITY_POS_EXIT_WHEN_READY=ready)
    up = [line for line in log.read_text(encoding="utf-8").splitlines() if "log-in window up" in line]
    assert len(up) == 2 and all(
        line.endswith(f"log-in window up (painted): “{title}”, charity-pos {VERSION}, language {language}")
        for line in up), up


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_installed_commands_and_app_work(installed: Installed, tmp_path: Path, language: str) -> None:
    check_the_commands_and_the_app(installed, outside_the_checkout(tmp_path), language)


def test_the_installed_hub_app_starts_on_a_hub_it_made(installed: Installed, tmp_path: Path) -> None:
    """District staff's side from the same wheel: ``hub init`` runs the hub's migrations from the installed
    package, and the hub's app comes up (it has no quit-when-ready switch: it runs until the log says it
    started, within a minute, and is then ended)."""
    import time

    folder = outside_the_checkout(tmp_path)
    home, hub = folder / "home", folder / "hub.sqlite3"
    done = installed.run(home, "hub", "init", "--hub", hub, "--district", "静安区", "--lang", "en")
    assert done.returncode == 0 and hub.is_file(), done.stderr
    app = subprocess.Popen([str(installed.bin("charity-pos")), "hub", "gui", "--hub", str(hub)],
                           cwd=installed.workdir, env=installed.env(home), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    log = home / "logs" / "charity-pos.log"
    try:
        for _ in range(600):
            if app.poll() is not None or (log.exists() and "hub app started" in log.read_text(encoding="utf-8")):
                break
            time.sleep(0.1)
        assert app.poll() is None, app.communicate()
        assert "hub app started" in log.read_text(encoding="utf-8")
    finally:
        app.terminate()
        app.communicate(timeout=60)
    assert "Traceback" not in log.read_text(encoding="utf-8")


# --- a file taken out of the installed package ---------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_made(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home (its key file) and a small demo store in the folder, made once by the installed command."""
    folder = tmp_path_factory.mktemp("demo")
    done = installed.run(folder / "home", "demo", "--db", folder / "demo.sqlite3", "--days", "1", "--lang", "en")
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def demo_store(demo_made: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of that home and demo store for the test: (home, store)."""
    shutil.copytree(demo_made, tmp_path / "demo")
    return tmp_path / "demo" / "home", tmp_path / "demo" / "demo.sqlite3"


@pytest.fixture
def without(installed: Installed, tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Takes a file or folder out of the installed package (or puts ``data`` in its place), and puts it
    back after the test."""
    kept: list[tuple[Path, Path]] = []

    def take(name: str, data: bytes | None = None) -> Path:
        path = installed.site / name
        aside = tmp_path / "aside" / name
        aside.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, aside)
        kept.append((path, aside))
        if data is not None:
            path.write_bytes(data)
        return path

    yield take
    for path, aside in reversed(kept):
        if path.is_file():
            path.unlink()
        shutil.move(aside, path)


def lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in done.stderr.splitlines() if line != QT_NOISE]


def test_a_missing_catalog_is_named_by_the_installed_command_and_app(installed: Installed, demo_store,
                                                                      without) -> None:
    home, store = demo_store
    without(CATALOG)
    where = installed.site / "charity_pos" / "resources" / "translations"
    said = (f"错误：charity-pos 安装不完整：缺少中文界面的翻译文件 {CATALOG}（查找位置：{where}）。请重新安装 charity-pos；"
            f"英文界面（--lang en）不需要这个文件。 Error: charity-pos is not installed completely: the Chinese "
            f"translation catalog {CATALOG} is missing (looked for in {where}). Install charity-pos again; the "
            "English interface (--lang en) works without it.")
    for argv in (["verify", "--db", store], ["gui", "--db", store], []):  # no command: the app, as a shortcut starts it
        done = installed.run(home, *argv, CHARITY_POS_EXIT_WHEN_READY="1")
        assert (done.returncode, done.stdout, lines(done)) == (1, "", [said]), (argv, done.stderr)
    log = (home / "logs" / "charity-pos.log").read_text(encoding="utf-8")
    assert log.count(f"incomplete installation: {CATALOG} is missing (folder: {where})") == 3
    assert "log-in window up" not in log and "Traceback" not in log
    # English needs no catalog: the command and the app run
    done = installed.run(home, "verify", "--db", store, "--lang", "en")
    assert done.returncode == 0 and done.stdout.startswith("OK: "), done.stderr
    done = installed.run(home, "gui", "--db", store, "--lang", "en", CHARITY_POS_EXIT_WHEN_READY="store")
    assert done.returncode == 0 and lines(done) == [], done.stderr


def test_a_damaged_catalog_is_named_by_the_installed_command_and_app(installed: Installed, demo_store,
                                                                      without) -> None:
    home, store = demo_store
    whole = (installed.site / CATALOG).read_bytes()
    without(CATALOG, whole[: len(whole) // 3])  # a copy cut short
    for argv in (["verify", "--db", store], ["gui", "--db", store]):
        done = installed.run(home, *argv, CHARITY_POS_EXIT_WHEN_READY="1")
        assert done.returncode == 1 and len(lines(done)) == 1, done.stderr
        assert "已损坏" in done.stderr and f"the Chinese translation catalog {CATALOG} is damaged" in done.stderr


@pytest.mark.parametrize("language, said", [
    ("zh_CN", "错误：charity-pos 安装不完整：缺少 charity_pos/db/migrations（查找位置：{where}）。请重新安装 charity-pos。"),
    ("en", "Error: charity-pos is not installed completely: charity_pos/db/migrations is missing (looked for in "
           "{where}). Install charity-pos again."),
], ids=["zh_CN", "en"])
def test_missing_migrations_are_named_in_the_users_language(installed: Installed, demo_store, without,
                                                            language: str, said: str) -> None:
    """The catalog there, the store's migrations not: verify (which reads their chain), init (which runs
    them) and the app (opening the store behind its log-in window) name them, in the user's language."""
    home, store = demo_store
    without("charity_pos/db/migrations")
    said = said.format(where=installed.site / "charity_pos" / "db")
    lang = [] if language == "zh_CN" else ["--lang", language]
    new = store.with_name("new.sqlite3")
    for argv in (["verify", "--db", store], ["gui", "--db", store],
                 ["init", "--db", new, "--store-code", "PT02", "--name", "新店", "--district", "普陀区",
                  "--manager-pin", "2468"]):
        done = installed.run(home, *argv, *lang, CHARITY_POS_EXIT_WHEN_READY="store")
        assert (done.returncode, lines(done)) == (1, [said]), (argv, done.stderr)
    assert not new.exists()


# --- the real thing: the wheel and its dependencies from PyPI ------------------------------------------------
@pytest.mark.skipif(not FULL_INSTALL, reason="installs the wheel's dependencies from PyPI (minutes, the network): "
                                             "set CHARITY_POS_TEST_FULL_INSTALL=1 to run it")
def test_the_wheel_installs_with_its_dependencies_from_pypi(dists: Dists, tmp_path_factory) -> None:
    venv = outside_the_checkout(tmp_path_factory.mktemp("full-venv"))
    python, site = new_venv(venv, with_pip=True)
    # pip without this run's PYTHONPATH: a checkout on it (with its .egg-info) reads as the package installed
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           str(dists.wheel)], capture_output=True, text=True, timeout=1800, check=False, env=clean)
    assert done.returncode == 0, done.stderr[-3000:]
    full = Installed(venv, site, outside_the_checkout(tmp_path_factory.mktemp("full-elsewhere")))
    assert full.python("import PySide6; print(PySide6.__file__)").startswith(str(site))
    for language in ("zh_CN", "en"):
        check_the_commands_and_the_app(full, outside_the_checkout(tmp_path_factory.mktemp(f"full-{language}")),
                                       language)
