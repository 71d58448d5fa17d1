"""A full disk, injected: SQLite's own "database or disk is full" (SQLITE_FULL,
by capping the file's pages with ``PRAGMA max_page_count``, as a full disk
stops it growing), and ``OSError(ENOSPC)`` from every write and fsync of
files in a folder (Python's ``open`` and ``os.fsync``)."""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, text


def no_space() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FullFile:
    """A file whose writes fail as on a full disk; everything else as the real file."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def write(self, _data: object) -> int:
        raise no_space()

    def writelines(self, _lines: object) -> None:
        raise no_space()

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()

    def __iter__(self) -> Iterator[Any]:
        return iter(self._real)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@contextmanager
def full_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Iterator[None]:
    """Every file opened for writing in ``folder`` fails to write (ENOSPC), and so does every ``os.fsync`` of
    a file in it or of the folder itself (of any file where the system cannot say which file an fd is);
    files elsewhere (the settings, the record of backups) are on another disk that still has room."""
    real_open = io.open
    real_fsync = os.fsync
    inside = folder.resolve()

    def opening(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        if isinstance(file, (str, os.PathLike)) and any(c in mode for c in "wax+") and \
                inside in Path(os.fspath(file)).resolve().parents:
            return _FullFile(handle)
        return handle

    def fsync(fd: int) -> None:
        try:
            where: Path | None = Path(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            where = None
        if where is None or where == inside or inside in where.parents:
            raise no_space()
        real_fsync(fd)

    with monkeypatch.context() as mp:
        mp.setattr(builtins, "open", opening)
        mp.setattr(io, "open", opening)
        mp.setattr(os, "fsync", fsync)
        yield


@contextmanager
def full_database(engine: Engine) -> Iterator[None]:
    """The store file cannot grow by a page: a unit of work that needs one fails with SQLITE_FULL."""

    def cap(dbapi_conn: Any, _record: object) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    engine.dispose()
    event.listen(engine, "connect", cap)
    try:
        yield
    finally:
        event.remove(engine, "connect", cap)
        engine.dispose()  # connections opened from now on may grow the file again


def page_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("PRAGMA page_count")).scalar_one())


def fill_up(services: Any, actor: Any, till: str, item_id: Any, price_fen: int) -> int:
    """Under ``full_database``: one-line cash sales until the file has no room
    left for one (StoreDiskFull); returns how many went in."""
    import uuid

    from charity_pos.errors import StoreDiskFull
    from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

    for made in range(500):
        try:
            services.sales.complete(actor, SaleDraft(uuid.uuid4(), till, (LineDraft(item_id, 1),),
                                                     (PaymentDraft("cash", price_fen),)))
        except StoreDiskFull:
            return made
    raise AssertionError("the store never ran out of room")
