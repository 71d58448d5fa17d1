"""Every file the app writes beside its target and renames over it reaches the disk in the order that leaves
the old file or the new one after a power cut, never an empty or half one: the new file's content synced,
then the rename, then the folder's entry (``durable.put_in_place``). Checked by watching the system calls
(which file each fsync is of), and by a failing sync that must leave the old file as it was."""

from __future__ import annotations

import errno
import json
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from charity_pos import config, files
from charity_pos.db.engine import StoreDatabase
from charity_pos.security import keys
from tests.conftest import store_id_of

Calls = list[tuple[str, str, str]]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Calls]:
    """("fsync", path synced, "") and ("replace", from, to), in the order made."""
    seen: Calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        seen.append(("fsync", os.readlink(f"/proc/self/fd/{fd}"), ""))
        real_fsync(fd)

    def replace(src: object, dst: object, **kw: object) -> None:
        seen.append(("replace", os.path.realpath(str(src)), os.path.realpath(str(dst))))
        real_replace(src, dst, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    yield seen


def assert_put_in_place(seen: Calls, target: Path) -> None:
    target = Path(os.path.realpath(target))
    renames = [i for i, (kind, _src, dst) in enumerate(seen) if kind == "replace" and dst == str(target)]
    assert renames, f"{target.name} was not renamed into place: {seen}"
    at = renames[-1]
    partial = seen[at][1]
    assert Path(partial).parent == target.parent and partial != str(target)
    assert ("fsync", partial, "") in seen[:at], f"{target.name}: renamed before its content was synced"
    assert ("fsync", str(target.parent), "") in seen[at + 1:], f"{target.name}: its folder was not synced after"


pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name a file by its fd")


def test_settings(calls: Calls) -> None:
    settings = config.Settings.load()
    settings.font_point_size = 15
    settings.save()
    assert_put_in_place(calls, config.config_dir() / "settings.json")
    assert config.Settings.load().font_point_size == 15


def test_an_exported_file(calls: Calls, tmp_path: Path) -> None:
    out = files.write_bytes(tmp_path / "report.pdf", b"%PDF-1.4 ...", files.reserved())
    assert_put_in_place(calls, out)
    assert out.read_bytes() == b"%PDF-1.4 ..."


def test_a_key_file_rewritten(calls: Calls, store_db: StoreDatabase) -> None:
    store_id = uuid.UUID(store_id_of(store_db.path))
    path = keys.key_path(store_id)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw.pop(keys.SEALED, None)
    path.write_text(json.dumps(raw), encoding="utf-8")
    keys.StoreKeys.mark_sealed(store_id)
    assert_put_in_place(calls, path)
    assert json.loads(path.read_text(encoding="utf-8"))[keys.SEALED] is True


def test_a_bundle(calls: Calls, store_db: StoreDatabase, clock, tmp_path: Path) -> None:
    from charity_pos.services.base import ServiceContext
    from charity_pos.sync.store_side import StoreSync

    out = tmp_path / "out"
    out.mkdir()
    result = StoreSync(ServiceContext(store_db, clock)).export(out)
    assert result.paths
    for path in result.paths:
        assert_put_in_place(calls, path)


@pytest.mark.parametrize("write", ["settings", "export"])
def test_a_failing_sync_leaves_the_old_file_and_no_partial(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                           write: str) -> None:
    """The disk full at the last moment (the sync of the new content): the old file as it was, nothing beside."""
    if write == "settings":
        settings = config.Settings.load()
        settings.save()
        target = config.config_dir() / "settings.json"
        act: Callable[[], object] = lambda: (setattr(settings, "font_point_size", 17), settings.save())  # noqa: E731
    else:
        target = files.write_bytes(tmp_path / "report.pdf", b"old", files.reserved())
        act = lambda: files.write_bytes(target, b"new", files.reserved(), force=True)  # noqa: E731
    before = target.read_bytes()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(Exception) as failed:
        act()
    assert isinstance(failed.value, OSError) or "no_space" in str(getattr(failed.value, "facts", ""))
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
