"""What the standalone build is called, its version and what it carries
(packaging/build_info.py), checked without building it: the slow build
itself is tests/packaging/test_dist.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import charity_pos

from tests.packaging.conftest import PACKAGING, ROOT


def test_the_version_is_the_packages(build_info) -> None:
    assert build_info.version() == charity_pos.__version__


def test_a_version_written_twice_or_not_at_all_is_refused(build_info, tmp_path: Path) -> None:
    (tmp_path / "charity_pos").mkdir()
    init = tmp_path / "charity_pos" / "__init__.py"
    init.write_text('__version__ = "0.2.0"\n__version__ = "0.3.0"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="__version__ once"):
        build_info.version(tmp_path)
    init.write_text('"""no version"""\n', encoding="utf-8")
    with pytest.raises(ValueError, match="__version__ once"):
        build_info.version(tmp_path)


@pytest.mark.parametrize(("text", "quad"), [
    ("0.2.0", (0, 2, 0, 0)), ("1", (1, 0, 0, 0)), ("1.2", (1, 2, 0, 0)), ("1.2.3.4", (1, 2, 3, 4)),
    ("0.3.0rc1", (0, 3, 0, 0)), ("0.3.0.dev2", (0, 3, 0, 0)), ("2.10.1+local", (2, 10, 1, 0)),
])
def test_windows_version_numbers(build_info, text: str, quad: tuple[int, ...]) -> None:
    assert build_info.numeric(text) == quad


@pytest.mark.parametrize("text", ["", "v1.0", "beta", "1.65536.0"])
def test_a_version_windows_cannot_hold_is_refused(build_info, text: str) -> None:
    with pytest.raises(ValueError):
        build_info.numeric(text)


@pytest.mark.parametrize(("text", "debian"), [
    ("0.2.0", "0.2.0"), ("1.10", "1.10"), ("0.3.0rc1", "0.3.0~rc1"), ("0.3.0.dev2", "0.3.0~dev2"), ("1.0b1", "1.0~b1"),
])
def test_debian_versions_sort_a_pre_release_before_its_release(build_info, text: str, debian: str) -> None:
    assert build_info.debian_version(text) == debian


@pytest.mark.parametrize("text", ["", "v1.0", "1.0+local", "1.0 beta"])
def test_a_version_debian_cannot_order_is_refused(build_info, text: str) -> None:
    with pytest.raises(ValueError):
        build_info.debian_version(text)


def test_the_installers_include_says_the_version_and_the_programs_names(build_info) -> None:
    include = build_info.inno_include()
    version = charity_pos.__version__
    assert f'#define AppVersion "{version}"' in include
    assert f'#define AppVersionQuad "{".".join(map(str, build_info.numeric(version)))}"' in include
    assert '#define AppExeName "charity-pos.exe"' in include
    assert '#define CliExeName "charity-pos-cli.exe"' in include
    assert '#define DistFolder "charity-pos"' in include


def test_the_include_is_written_as_utf8_with_its_mark(build_info, tmp_path: Path) -> None:
    """Inno Setup reads a file as UTF-8 only with the byte-order mark: the title's Chinese needs it."""
    out = tmp_path / "build" / "windows" / "version.iss"
    done = subprocess.run([sys.executable, str(PACKAGING / "build_info.py"), str(out)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == build_info.inno_include()
    for wrong in ([], ["--version"], ["a.iss", "b.iss"]):
        done = subprocess.run([sys.executable, str(PACKAGING / "build_info.py"), *wrong], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 2 and "usage" in done.stderr
    done = subprocess.run([sys.executable, str(PACKAGING / "build_info.py"), "--deb-version"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == charity_pos.__version__ + "\n"


def test_the_windows_version_file_names_the_program_and_its_version(build_info) -> None:
    """PyInstaller reads the file with ``eval`` among its version classes (which load only on
    Windows): read the same way here, each class standing in as what it was given."""

    def recorded(kind: str):
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct")
    text = build_info.windows_version_file(exe="charity-pos-cli")
    assert text.startswith("# UTF-8\n")
    info = eval(text, {name: recorded(name) for name in names})  # noqa: S307 (our own file, as PyInstaller reads it)
    kind, _, parts = info
    assert kind == "VSVersionInfo"
    quad = build_info.numeric(charity_pos.__version__)
    assert parts["ffi"][2]["filevers"] == quad and parts["ffi"][2]["prodvers"] == quad
    strings = dict(struct[1] for struct in parts["kids"][0][1][0][0][1][1])
    assert strings["OriginalFilename"] == "charity-pos-cli.exe"
    assert strings["FileVersion"] == strings["ProductVersion"] == charity_pos.__version__
    assert strings["ProductName"] == "charity-pos 慈善超市"


def test_the_build_carries_every_file_of_the_package_that_is_not_code_and_the_migrations(build_info) -> None:
    carried = {Path(source).relative_to(ROOT).as_posix(): folder for source, folder in build_info.package_data()}
    # each in the folder the package reads it from
    assert all(Path(name).parent.as_posix() == folder for name, folder in carried.items())
    assert "charity_pos/resources/icons/charity-pos.png" in carried
    assert "charity_pos/db/migrations/script.py.mako" in carried
    for kind in ("db", "hub"):
        scripts = sorted((ROOT / "charity_pos" / kind / "migrations" / "versions").glob("*.py"))
        assert scripts and all(p.relative_to(ROOT).as_posix() in carried for p in scripts)
        assert f"charity_pos/{kind}/migrations/env.py" in carried
    # no other code (the analysis compiles it), nothing Python leaves behind
    code = [name for name in carried if name.endswith(".py") and "/migrations/" not in name]
    assert code == []
    assert not [name for name in carried if "__pycache__" in name or name.endswith((".pyc", ".pyo"))]


def test_a_new_data_file_is_carried_without_touching_the_spec(build_info, tmp_path: Path) -> None:
    package = tmp_path / "charity_pos"
    (package / "resources" / "fonts").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "cli.py").write_text("", encoding="utf-8")
    (package / "resources" / "fonts" / "extra.ttf").write_bytes(b"font")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"")
    assert build_info.package_data(tmp_path) == [(str(package / "resources" / "fonts" / "extra.ttf"),
                                                 "charity_pos/resources/fonts")]


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/plugins/platforminputcontexts/qtvirtualkeyboardplugin.dll",
    "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Qml.so.6", "PySide6/Qt/lib/libQt6QmlModels.so.6",
    "PySide6/Qt6Quick.dll", "PySide6\\Qt6Qml.dll", "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/Qt/translations/qtbase_de.qm", "PySide6\\translations\\qt_ja.qm",
])
def test_what_the_app_never_uses_is_left_out(build_info, dest: str) -> None:
    assert build_info.unused(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/plugins/platforms/qwindows.dll", "PySide6/Qt/lib/libQt6Core.so.6", "PySide6/Qt/lib/libQt6Charts.so.6",
    "PySide6/Qt/lib/libQt6PrintSupport.so.6", "PySide6/Qt6Widgets.dll",
    "PySide6/Qt/translations/qtbase_zh_CN.qm", "PySide6/translations/qt_zh_CN.qm",
    "resources/translations/charity_pos_zh_CN.qm", "charity_pos/resources/translations/charity_pos_zh_CN.qm",
])
def test_what_the_app_uses_is_kept(build_info, dest: str) -> None:
    assert not build_info.unused(dest)
