"""Putting a finished file in place, durably: written whole beside its
target, its content synced, renamed over the target, the folder's entry
synced. A power cut at any moment leaves the old file or the new one, never
an empty or half one.

Every file the app writes goes this way: the settings (``config``), the key
files (``security.keys``), bundles, backups, and every file a user names
(``files``, which guards where it may go). Nothing here knows what a file is.
"""

from __future__ import annotations

import os
from pathlib import Path


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
