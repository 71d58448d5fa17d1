"""The standalone build (``make dist``: PyInstaller with packaging/charity-pos.spec)
works on its own: its command line makes a store (every migration, read by
Alembic from the files in the build), a demo store it then verifies, a
receipt PDF in Chinese, a district hub; the app comes up offscreen to its
log-in window with the store open behind it, in both languages.

Slow (a build takes a minute or two and some 250 MB): skipped unless
``CHARITY_POS_TEST_DIST=1``. With ``CHARITY_POS_DIST=dist/charity-pos`` it
uses that build instead of making its own in a temporary folder. Where the
test may (root, as in CI), every Python on this machine is hidden from the
build while it runs (an empty folder mounted over each, in a mount
namespace of its own), as on a PC without Python.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from charity_pos.db import migrate
from charity_pos.hub.engine import MIGRATIONS as HUB_MIGRATIONS

from tests.helpers import pdf_text
from tests.packaging.conftest import ROOT

pytestmark = pytest.mark.skipif(
    os.environ.get("CHARITY_POS_TEST_DIST") != "1",
    reason="slow: builds the standalone app (set CHARITY_POS_TEST_DIST=1; CHARITY_POS_DIST=FOLDER uses a build made before)")

SPEC = ROOT / "packaging" / "charity-pos.spec"


def build(into: Path) -> Path:
    """The build, as make dist makes it (into a temporary folder)."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PyInstaller is missing: it comes with the dist extra (make dist, or pip install -e '.[dist]')")
    done = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                           "--distpath", str(into / "dist"), "--workpath", str(into / "build"), str(SPEC)],
                          capture_output=True, text=True, timeout=1800, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-5000:]
    return into / "dist" / "charity-pos"


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    given = os.environ.get("CHARITY_POS_DIST")
    folder = Path(given).resolve() if given else build(tmp_path_factory.mktemp("dist"))
    assert (folder / "charity-pos").is_file(), f"no program in {folder}"
    return folder


def pythons() -> list[str]:
    """Every folder of this machine that holds a Python: this one's, its base, the system's."""
    found = {sys.prefix, sys.base_prefix, sysconfig.get_paths()["stdlib"]}
    for parent in (Path("/usr/lib"), Path("/usr/local/lib")):
        found.update(str(p) for p in parent.glob("python3*") if p.is_dir())
    folders = sorted(Path(p) for p in found if Path(p).is_dir())
    # a folder inside another is hidden with it (and could not be mounted over once that one is)
    return [str(f) for f in folders if not any(f != o and f.is_relative_to(o) for o in folders)]


@pytest.fixture(scope="module")
def hider() -> list[str]:
    """The command prefix that hides every Python while the build runs, or [] where that is not allowed."""
    mounts = " && ".join(f"mount -t tmpfs none {shlex_quote(p)}" for p in pythons())
    prefix = ["unshare", "--mount", "--propagation", "private", "sh", "-c", f'{mounts} && exec "$@"', "hide-python"]
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return []
    probe = subprocess.run([*prefix, sys.executable, "-c", "pass"], capture_output=True, text=True, timeout=60)
    # the probe is a Python: with Python hidden it cannot start, which shows the hiding works
    if probe.returncode == 0 or "mount" in probe.stderr:
        return []
    return prefix


def shlex_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


def run(dist: Path, hider: list[str], home: Path, *args: object, env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The build's program, with nothing of this Python in its environment."""
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(home), "CHARITY_POS_HOME": str(home), "LANG": "C.UTF-8",
             "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([*hider, str(dist / "charity-pos"), *map(str, args)], capture_output=True, text=True,
                          env=clean, timeout=300, cwd=cwd or home)


def ok(done: subprocess.CompletedProcess[str], args: Sequence[object] = ()) -> str:
    assert done.returncode == 0, f"{list(args)}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_it_runs_with_every_python_of_this_machine_hidden(dist: Path, hider: list[str], tmp_path: Path) -> None:
    if not hider:
        pytest.skip("hiding Python needs root and unshare: the build ran with Python still on the machine")
    assert run(dist, hider, tmp_path, "--help").returncode == 0
    python = subprocess.run([*hider, sys.executable, "-c", "pass"], capture_output=True, text=True, timeout=60)
    assert python.returncode != 0  # Python itself no longer starts there


def test_the_command_line(dist: Path, hider: list[str], tmp_path: Path) -> None:
    out = ok(run(dist, hider, tmp_path, "--help"))
    assert "usage: charity-pos" in out and "verify" in out and "hub" in out
    out = ok(run(dist, hider, tmp_path, "verify", "--help"))
    assert "--db" in out
    # started through a link (as /usr/bin/charity-pos), it still finds its own files
    linked = tmp_path / "bin"
    linked.mkdir()
    (linked / "charity-pos").symlink_to(dist / "charity-pos")
    assert "usage: charity-pos" in ok(run(linked, hider, tmp_path, "--help"))


def test_a_new_store_gets_every_migration_from_the_files_in_the_build(dist: Path, hider: list[str],
                                                                     tmp_path: Path) -> None:
    internal = dist / "_internal"
    for kind in ("db", "hub"):
        scripts = sorted(p.name for p in (ROOT / "charity_pos" / kind / "migrations" / "versions").glob("*.py"))
        assert sorted(p.name for p in (internal / "charity_pos" / kind / "migrations" / "versions").glob("*.py")) == scripts
    store = tmp_path / "store.sqlite3"
    out = ok(run(dist, hider, tmp_path, "init", "--db", store, "--store-code", "JA09", "--name", "静安区测试慈善超市",
                 "--district", "静安区", "--manager-pin", "2468"))
    assert "JA09" in out
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [(migrate.STORE.head(),)]
    hub = tmp_path / "hub.sqlite3"
    ok(run(dist, hider, tmp_path, "hub", "init", "--hub", hub, "--district", "静安区"))
    with sqlite3.connect(hub) as db:
        table = HUB_MIGRATIONS.version_table
        assert db.execute(f"SELECT version_num FROM {table}").fetchall() == [(HUB_MIGRATIONS.head(),)]


def test_a_demo_store_made_and_verified_by_the_build(dist: Path, hider: list[str], tmp_path: Path) -> None:
    demo = tmp_path / "demo.sqlite3"
    out = ok(run(dist, hider, tmp_path, "demo", "--db", demo, "--days", "3"))
    assert "演示门店已创建" in out  # the Chinese catalog, read from the build
    out = ok(run(dist, hider, tmp_path, "verify", "--db", demo))
    assert out.startswith("校验通过")
    out = ok(run(dist, hider, tmp_path, "verify", "--db", demo, "--lang", "en"))
    assert out.startswith("OK: ")
    # a receipt in Chinese, its font embedded
    donations = ok(run(dist, hider, tmp_path, "show", "donations", "--db", demo, "--json"))
    import json

    number = json.loads(donations)[0]["number"]
    pdf = tmp_path / "receipt.pdf"
    ok(run(dist, hider, tmp_path, "receipt", "--db", demo, "--donation", number, "--out", pdf))
    text = pdf_text(pdf)
    assert "捐赠" in text and number in text
    # the app to its log-in window, the store opened behind it, in both languages
    for language in ("zh_CN", "en"):
        done = run(dist, hider, tmp_path, "gui", "--db", demo, "--lang", language,
                   env={"CHARITY_POS_EXIT_WHEN_READY": "store"})
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
    log = (tmp_path / "logs" / "charity-pos.log").read_text(encoding="utf-8")
    assert log.count("app started") == 2 and "Traceback" not in log


def test_the_hub_app_starts_on_a_hub_the_build_made(dist: Path, hider: list[str], tmp_path: Path) -> None:
    """The district hub's app has no quit-when-ready switch: it runs until the log says it started
    (within a minute), and is then ended."""
    hub = tmp_path / "hub.sqlite3"
    ok(run(dist, hider, tmp_path, "hub", "init", "--hub", hub, "--district", "静安区"))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CHARITY_POS_HOME": str(tmp_path), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([*hider, str(dist / "charity-pos"), "hub", "gui", "--hub", str(hub)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log = tmp_path / "logs" / "charity-pos.log"
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


def test_a_missing_store_brings_up_the_first_start_and_a_damaged_one_is_refused(dist: Path, hider: list[str],
                                                                                 tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    done = run(dist, hider, tmp_path, "gui", "--db", missing, env={"CHARITY_POS_EXIT_WHEN_READY": "1"})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    log = (tmp_path / "logs" / "charity-pos.log").read_text(encoding="utf-8")
    assert "first-start window up" in log and "log-in window up" not in log and not missing.exists()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a store")
    done = run(dist, hider, tmp_path, "gui", "--db", damaged, env={"CHARITY_POS_EXIT_WHEN_READY": "store"})
    assert done.returncode == 1 and done.stderr.strip() and "Traceback" not in done.stderr
    assert damaged.read_bytes() == b"not a store"


def test_the_build_carries_qt_what_the_app_needs(dist: Path) -> None:
    qt = dist / "_internal" / "PySide6" / "Qt"
    platforms = {p.name for p in (qt / "plugins" / "platforms").iterdir()}
    assert {"libqoffscreen.so", "libqxcb.so"} <= platforms
    assert (qt / "translations" / "qtbase_zh_CN.qm").is_file()
    assert not list(qt.rglob("*virtualkeyboard*")) and not list(qt.rglob("libQt6Quick*"))
    assert (dist / "_internal" / "charity_pos" / "resources" / "icons" / "charity-pos.png").is_file()


def test_the_debian_package_wraps_the_build(dist: Path, hider: list[str], tmp_path: Path) -> None:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is missing: the Debian package is made on Debian or Ubuntu")
    done = subprocess.run(["bash", str(ROOT / "packaging" / "linux" / "make-deb.sh"), str(dist), str(tmp_path)],
                          capture_output=True, text=True, timeout=1200, env=dict(os.environ, PYTHON=sys.executable))
    assert done.returncode == 0, done.stderr
    import charity_pos

    [deb] = tmp_path.glob("charity-pos_*.deb")
    assert deb.name.startswith(f"charity-pos_{charity_pos.__version__}_")
    info = subprocess.run(["dpkg-deb", "--field", str(deb), "Package", "Version", "Depends"], capture_output=True,
                          text=True, check=True).stdout
    assert f"Version: {charity_pos.__version__}" in info and "fonts-wqy-microhei" in info
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "./usr/bin/charity-pos -> /opt/charity-pos/charity-pos" in listing
    assert "./usr/share/applications/charity-pos.desktop" in listing
    assert "./usr/share/icons/hicolor/256x256/apps/charity-pos.png" in listing
    assert " root/root " in listing and "./opt/charity-pos/_internal/charity_pos/db/migrations/env.py" in listing
    # unpacked, the program there runs (as /opt/charity-pos/charity-pos would)
    unpacked = tmp_path / "unpacked"
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(unpacked)], check=True)
    out = ok(run(unpacked / "opt" / "charity-pos", hider, tmp_path, "verify", "--help"))
    assert "--db" in out
    desktop = (unpacked / "usr" / "share" / "applications" / "charity-pos.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/charity-pos/charity-pos\n" in desktop and "Icon=charity-pos\n" in desktop
