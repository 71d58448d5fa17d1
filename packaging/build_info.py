"""What the standalone build and the Windows installer are called, which
version they are and which files they carry, said once: the spec
(packaging/charity-pos.spec), the Windows build script and the Inno Setup
script all take it from here (and tests/packaging check it without a build).

The version is ``charity_pos.__version__``, read from the package's
``__init__.py`` as text (nothing is imported). Run on its own, this writes
the Inno Setup include the installer script reads, or says the version as
a Debian package's (packaging/linux/make-deb.sh)::

    python packaging/build_info.py build/windows/version.iss
    python packaging/build_info.py --deb-version
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The app's executable: the store's app when started without a command (on
#: Windows without a console, so that no black window comes up with it).
APP = "charity-pos"
#: Windows only: the same program with a console, for the command line
#: (``charity-pos-cli verify --db ...``); elsewhere ``charity-pos`` is both.
CLI = "charity-pos-cli"
#: The folder ``make dist`` (and the Windows build script) leave the build in: dist/charity-pos/.
DIST_FOLDER = APP
#: Shown in the installer, the start menu and the program's properties.
TITLE = "charity-pos 慈善超市"
DESCRIPTION = "charity-pos: point of sale for community charity supermarkets (慈善超市收银与物资管理)"
PUBLISHER = "charity-pos"

#: Python's own files, which the analysis compiles into the build (the package's data are the rest)
CODE_SUFFIXES = (".py", ".pyc", ".pyo")

_VERSION = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']\s*$""", re.MULTILINE)


def version(root: Path = ROOT) -> str:
    """``charity_pos.__version__``, as written in the package."""
    found = _VERSION.findall((root / "charity_pos" / "__init__.py").read_text(encoding="utf-8"))
    if len(found) != 1:
        raise ValueError("charity_pos/__init__.py must set __version__ once")
    return found[0]


def numeric(text: str) -> tuple[int, int, int, int]:
    """The four numbers Windows keeps for a version: 0.2.0 -> (0, 2, 0, 0).
    A pre-release keeps its release's numbers (0.3.0rc1 -> 0.3.0.0)."""
    match = re.match(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?", text)
    if match is None:
        raise ValueError(f"not a version: {text!r}")
    parts = tuple(int(p) if p is not None else 0 for p in match.groups())
    if any(p > 65535 for p in parts):
        raise ValueError(f"a Windows version number is at most 65535: {text!r}")
    return parts  # type: ignore[return-value]  (four groups: four numbers)


def debian_version(text: str) -> str:
    """The version as Debian orders it: a pre-release sorts before its
    release (0.3.0rc1 -> 0.3.0~rc1, 0.3.0.dev2 -> 0.3.0~dev2)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)*)(?:[.-]?((?:a|b|rc|dev)\d*))?", text)
    if match is None:
        raise ValueError(f"not a version Debian can order: {text!r}")
    release, pre = match.groups()
    return f"{release}~{pre}" if pre else release


def inno_include(text: str | None = None) -> str:
    """The Inno Setup preprocessor's defines for charity-pos.iss."""
    text = version() if text is None else text
    quad = ".".join(map(str, numeric(text)))
    lines = {
        "AppVersion": text,
        "AppVersionQuad": quad,
        "AppExeName": f"{APP}.exe",
        "CliExeName": f"{CLI}.exe",
        "DistFolder": DIST_FOLDER,
        "AppTitle": TITLE,
        "AppPublisher": PUBLISHER,
    }
    head = "; Made by packaging/build_info.py from charity_pos.__version__: do not edit, run it again.\n"
    return head + "".join(f'#define {name} "{value}"\n' for name, value in lines.items())


def windows_version_file(text: str | None = None, *, exe: str = APP) -> str:
    """An executable's version resource (its Details tab in Windows), in the
    text form PyInstaller reads (``EXE(version=FILE)``; it is Python, read by
    ``eval`` with PyInstaller's version classes, which load only on Windows)."""
    text = version() if text is None else text
    quad = numeric(text)
    strings = {
        "CompanyName": PUBLISHER,
        "FileDescription": DESCRIPTION,
        "FileVersion": text,
        "InternalName": exe,
        "LegalCopyright": "MIT License",
        "OriginalFilename": f"{exe}.exe",
        "ProductName": TITLE,
        "ProductVersion": text,
    }
    structs = ",\n".join(f"          StringStruct({name!r}, {value!r})" for name, value in strings.items())
    return (
        "# UTF-8\n"
        "# Made by packaging/build_info.py from charity_pos.__version__.\n"
        "VSVersionInfo(\n"
        f"  ffi=FixedFileInfo(filevers={quad}, prodvers={quad}, mask=0x3f, flags=0x0, OS=0x40004,\n"
        "                    fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([\n"
        "      StringTable('080404B0', [  # Chinese (PRC), Unicode\n"
        f"{structs}])]),\n"
        "    VarFileInfo([VarStruct('Translation', [0x0804, 1200])]),\n"
        "  ],\n"
        ")\n"
    )


def package_data(root: Path = ROOT) -> list[tuple[str, str]]:
    """(file, its folder in the build) for every file of the package that is
    not Python code (catalogs, icons, alembic.ini, Mako templates...), and
    for the migrations' .py files, which Alembic reads from their folder.
    By rule, not by name: a file added to the package is in the next build."""
    found = []
    for path in sorted((root / "charity_pos").rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(root)
        if path.suffix in CODE_SUFFIXES and not (path.suffix == ".py" and "migrations" in relative.parts):
            continue
        found.append((str(path), relative.parent.as_posix()))
    return found


def unused(dest: str) -> bool:
    """Whether a file PySide6's hooks bring (``dest``: its path in the build)
    is one the app never uses: Qt's on-screen keyboard, a Qt Quick plugin that
    takes Qt Quick and QML with it (about 19 MB; a till has a keyboard), and
    Qt's own catalogs for languages other than Chinese (English needs none)."""
    path = Path(dest.replace("\\", "/"))
    name = path.name.lower()
    if "virtualkeyboard" in name or name.startswith(("libqt6quick", "libqt6qml", "qt6quick", "qt6qml")):
        return True
    return "PySide6" in path.parts and "translations" in path.parts and "_zh_cn" not in name


def main(argv: list[str]) -> int:
    if argv == ["--deb-version"]:
        print(debian_version(version()))
        return 0
    if len(argv) != 1 or argv[0].startswith("-"):
        print("usage: python packaging/build_info.py OUT.iss   (the Inno Setup include)\n"
              "       python packaging/build_info.py --deb-version", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(inno_include(), encoding="utf-8-sig")  # Inno Setup reads a BOM-marked file as UTF-8
    print(f"{out}: version {version()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
