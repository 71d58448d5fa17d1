"""The files the app reads at run time, shipped inside the package: the
compiled translation catalogs (``resources/translations/*.qm``), a font
when a build ships one (``resources/fonts``), the Alembic migrations of the
store and of the hub (``db/migrations``, ``hub/migrations``).

They are found through ``importlib.resources``, from the package itself,
never by a path into the source tree, so the same lookup works in a
checkout, in a wheel installed with pip and in a standalone build that
carries the package's folder. Names are given relative to the package
(``"resources/translations/charity_pos_zh_CN.qm"``). A file that is not
there is a ``ResourceMissing`` that names it and the folder it was looked
for in: the installation is incomplete, and the user is told so.

The app reads them as files on disk (Qt, ReportLab and Alembic take
paths); a single file of a package imported from a zip archive would be
extracted once, into a temporary folder removed at exit.
"""

from __future__ import annotations

import atexit
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.errors import ResourceDamaged, ResourceMissing

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

PACKAGE = "charity_pos"

_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def _traversable(name: str) -> Traversable:
    from importlib.resources import files  # only when a shipped file is wanted

    return files(PACKAGE).joinpath(*name.split("/"))


def resource_name(name: str) -> str:
    """How a shipped file is named to the user: its path inside the installed package."""
    return f"{PACKAGE}/{name}"


def _on_disk(found: Traversable) -> Path:
    if isinstance(found, Path):  # a package in a folder: the wheel, a checkout, a standalone build
        return found
    from importlib.resources import as_file

    return _extracted.enter_context(as_file(found))


def location(name: str) -> Path:
    """Where a shipped file or folder is, or would be (it may be missing):
    for a lookup that goes on elsewhere when it is not there (fonts)."""
    found = _traversable(name)
    if isinstance(found, Path):
        return found
    return Path(str(found))  # inside a zip archive: named, not opened (``file`` extracts)


def missing(name: str, **facts: object) -> ResourceMissing:
    """The error for a shipped file that is not there, with ``facts`` added."""
    return ResourceMissing(resource=resource_name(name), where=str(location(name).parent), **facts)


def damaged(name: str, **facts: object) -> ResourceDamaged:
    """The error for a shipped file that is there but cannot be read as what it should be."""
    return ResourceDamaged(resource=resource_name(name), where=str(location(name).parent), **facts)


def file(name: str, **facts: object) -> Path:
    """A shipped file, on disk. ResourceMissing (with ``facts`` added) if the package does not hold it."""
    found = _traversable(name)
    if not found.is_file():
        raise missing(name, **facts)
    return _on_disk(found)


def folder(name: str, holding: str) -> Path:
    """A shipped folder, on disk, which must hold ``holding`` (a file or
    folder in it: a folder that lost its content is as missing as one not
    there). ResourceMissing if it does not."""
    found = _traversable(name)
    inside = found.joinpath(holding)
    if not found.is_dir() or not (inside.is_file() or inside.is_dir()):
        raise missing(name)
    return location(name)  # read in place: the package is in a folder wherever it runs from
