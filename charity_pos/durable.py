"""Putting a finished file in place, durably, and reading a small one back
whole. A file is written whole beside its
target, its content synced, renamed over the target, the folder's entry
synced. A power cut at any moment leaves the old file or the new one, never
an empty or half one.

Every file the app writes goes this way: the settings (``config``), the key
files (``security.keys``), bundles, backups, and every file a user names
(``files``, which guards where it may go). Nothing here knows what a file is.
``read_json_object`` reads a small JSON file (settings, backup state, key,
registration and trust files) or says why it could not.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def sync_file(path: Path) -> None:
    """``path``'s content on the disk, not only in the system's cache."""
    with Path(path).open("rb+") as fh:  # Windows syncs only a handle open for writing
        os.fsync(fh.fileno())


def sync_folder(folder: Path) -> None:
    """``folder``'s entries (a rename into it) on the disk. Windows cannot open a folder to sync it; its
    renames are durable already."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def put_in_place(partial: Path, target: Path) -> None:
    """``partial``, written whole beside ``target``, renamed over it so that a power cut at any moment
    leaves the old file or the new one, never an empty or half one: its content synced first, then the
    rename, then the folder's entry. OSError as the file system says it."""
    sync_file(partial)
    os.replace(partial, target)
    sync_folder(Path(target).parent)


def write_text_in_place(target: Path, text: str, *, private: bool = False) -> None:
    """A small file (settings, state, a key) replaced whole by ``text``: written beside it (only its owner may
    read it when ``private``) and put in place (``put_in_place``). OSError as the file system says it; the
    old file is then as it was."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        if private:
            os.chmod(partial, 0o600)
        put_in_place(partial, target)
    finally:
        partial.unlink(missing_ok=True)


# --- reading a small JSON file ------------------------------------------------------------------------
#: The most a small JSON file (settings, state, a key, a registration or trust file) may hold to be read.
SMALL_JSON_BYTES = 1024 * 1024
_NOT_AN_OBJECT = {"size": "larger than {limit} bytes", "text": "not UTF-8 text", "json": "not JSON",
                  "object": "JSON, but not an object"}


class NotAJsonObject(ValueError):
    """A file that does not hold a small JSON object; ``reason`` says why: ``size`` (larger than its limit),
    ``text`` (not UTF-8), ``json`` (not JSON, an empty file too) or ``object`` (a list, a number, a text...)."""

    def __init__(self, path: Path, reason: str, limit: int) -> None:
        super().__init__(f"{path}: {_NOT_AN_OBJECT[reason].format(limit=limit)}")
        self.path = path
        self.reason = reason


def read_json_object(path: Path | str, *, limit: int = SMALL_JSON_BYTES, bom: bool = False) -> dict[str, Any]:
    """The JSON object in the small file at ``path`` (settings, state, a key, a registration or trust file).
    OSError as the file system says it (FileNotFoundError: there is none); ``NotAJsonObject``, a ValueError,
    for a file of more than ``limit`` bytes, not UTF-8 (a byte-order mark allowed only with ``bom``, as a
    file edited on Windows may have), not JSON, or JSON that is not an object."""
    path = Path(path)
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise NotAJsonObject(path, "size", limit)
    try:
        text = data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError:
        raise NotAJsonObject(path, "text", limit) from None
    try:
        raw = json.loads(text)
    except ValueError:
        raise NotAJsonObject(path, "json", limit) from None
    if not isinstance(raw, dict):
        raise NotAJsonObject(path, "object", limit)
    return raw
