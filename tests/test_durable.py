"""Every file the app writes beside its target and renames over it reaches the disk in the order that leaves
the old file or the new one after a power cut, never an empty or half one: the new file's content synced,
then the rename, then the folder's entry (``durable.put_in_place``). Checked by watching the system calls
(which file each fsync is of), and by a failing sync that must leave the old file as it was.

Reading a small JSON file (``durable.read_json_object``, which ``files`` passes on): the settings, the
backup state, the key files, a hub's trust file and a store's registration all read theirs this one way,
and each refuses a file that holds no JSON object as it always has (defaults, or its own error), never
with a crash."""

from __future__ import annotations

import codecs
import errno
import json
import logging
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from charity_pos import config, files
from charity_pos.db.engine import StoreDatabase
from charity_pos.errors import KeyFileMissing, RegistrationInvalid, TrustFileInvalid
from charity_pos.hub.service import read_registration
from charity_pos.security import keys
from charity_pos.security.keys import StoreKeys, key_path
from charity_pos.services import backup
from charity_pos.services.training_marks import key_file_marked
from charity_pos.sync.store_side import read_trust_file
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


# --- small JSON files (``read_json_object``) -----------------------------------------------------------
#: Files that hold no JSON object, by the reason ``NotAJsonObject`` gives.
NOT_AN_OBJECT = {
    "empty": (b"", "json"),
    "not JSON": (b"store = 1\n", "json"),
    "cut short": (b'{"store": "a"', "json"),
    "a list": (b'["store"]', "object"),
    "a number": (b"42", "object"),
    "a text": (b'"store"', "object"),
    "null": (b"null", "object"),
    "not UTF-8": ('{"name": "石门"}'.encode("gb18030"), "text"),
}


def test_a_small_json_object_is_read(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"name": "石门二路", "n": [1, 2]}, ensure_ascii=False), encoding="utf-8")
    assert files.read_json_object(path) == {"name": "石门二路", "n": [1, 2]}
    assert files.read_json_object(str(path)) == {"name": "石门二路", "n": [1, 2]}


@pytest.mark.parametrize("content,reason", NOT_AN_OBJECT.values(), ids=NOT_AN_OBJECT.keys())
def test_a_file_without_a_json_object_is_refused_with_its_reason(tmp_path: Path, content: bytes,
                                                                  reason: str) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    with pytest.raises(files.NotAJsonObject) as caught:
        files.read_json_object(path)
    assert caught.value.reason == reason and caught.value.path == path
    assert isinstance(caught.value, ValueError), "callers that catch ValueError keep catching it"
    assert str(caught.value).startswith(f"{path}: ")


def test_a_missing_file_or_a_folder_is_the_file_systems_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        files.read_json_object(tmp_path / "missing.json")
    with pytest.raises(OSError):
        files.read_json_object(tmp_path)


def test_a_file_larger_than_its_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"pad": "x" * 100}), encoding="utf-8")
    with pytest.raises(files.NotAJsonObject) as caught:
        files.read_json_object(path, limit=50)
    assert caught.value.reason == "size" and "larger than 50 bytes" in str(caught.value)
    assert files.read_json_object(path, limit=path.stat().st_size) == {"pad": "x" * 100}
    path.write_bytes(b"{}" + b" " * files.SMALL_JSON_BYTES)
    with pytest.raises(files.NotAJsonObject):
        files.read_json_object(path)


def test_a_byte_order_mark_only_where_the_caller_takes_one(tmp_path: Path) -> None:
    path = tmp_path / "trust.json"
    path.write_bytes(codecs.BOM_UTF8 + b'{"format": "x"}')
    assert files.read_json_object(path, bom=True) == {"format": "x"}
    with pytest.raises(files.NotAJsonObject):
        files.read_json_object(path)


# --- its readers ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("content,_reason", NOT_AN_OBJECT.values(), ids=NOT_AN_OBJECT.keys())
def test_settings_that_are_no_object_give_the_defaults(content: bytes, _reason: str,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    path = config.config_dir() / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="charity_pos"):
        assert config.Settings.load() == config.Settings()
    assert "settings file unreadable; using defaults" in caplog.text


def test_missing_settings_give_the_defaults_quietly(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="charity_pos"):
        assert config.Settings.load() == config.Settings()
    assert caplog.text == ""


@pytest.mark.parametrize("content,_reason", NOT_AN_OBJECT.values(), ids=NOT_AN_OBJECT.keys())
def test_a_backup_state_that_is_no_object_is_no_backup_yet(content: bytes, _reason: str) -> None:
    store_id = uuid.uuid4()
    path = config.data_dir() / backup.STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert backup.read_state(store_id) == backup.BackupState()


@pytest.mark.parametrize("content,_reason", NOT_AN_OBJECT.values(), ids=NOT_AN_OBJECT.keys())
def test_a_key_file_that_is_no_object_is_missing(content: bytes, _reason: str) -> None:
    store_id = uuid.uuid4()
    path = key_path(store_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    with pytest.raises(KeyFileMissing):
        StoreKeys.load(store_id)
    with pytest.raises(KeyFileMissing):
        StoreKeys.mark_sealed(store_id)
    assert not key_file_marked(path)
    assert files.by_content(path) is None, "not taken for a key file either"


@pytest.mark.parametrize("content,_reason", NOT_AN_OBJECT.values(), ids=NOT_AN_OBJECT.keys())
def test_a_trust_or_registration_file_that_is_no_object_has_a_bad_format(tmp_path: Path, content: bytes,
                                                                         _reason: str) -> None:
    path = tmp_path / "file.json"
    path.write_bytes(content)
    with pytest.raises(TrustFileInvalid) as trust:
        read_trust_file(path)
    with pytest.raises(RegistrationInvalid) as registration:
        read_registration(path)
    assert trust.value.facts["field"] == registration.value.facts["field"] == "format"
    assert not files.json_format("charity-pos-trust")(path)


def test_a_key_file_given_for_a_backup_is_another_stores_or_missing_as_before(services, clock,
                                                                              tmp_path: Path) -> None:
    """``--key`` given a JSON file that is no object is another store's key file; one that is no JSON is missing."""
    from charity_pos.errors import KeyFileOfOtherStore

    listed = tmp_path / "list.key"
    listed.write_text('["store"]', encoding="utf-8")
    with pytest.raises(KeyFileOfOtherStore):
        backup.make_backup(services.db.path, tmp_path, key_file=listed, clock=clock)
    broken = tmp_path / "broken.key"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(KeyFileMissing):
        backup.make_backup(services.db.path, tmp_path, key_file=broken, clock=clock)
    assert list(tmp_path.glob("*.sqlite3")) == []
