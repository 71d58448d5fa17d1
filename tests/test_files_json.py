"""Reading a small JSON file (``files.read_json_object``): the settings, the
backup state, the key files, a hub's trust file and a store's registration
all read theirs this one way, and each refuses a file that holds no JSON
object as it always has (defaults, or its own error), never with a crash."""

from __future__ import annotations

import codecs
import json
import logging
import uuid
from pathlib import Path

import pytest

from charity_pos import config, files
from charity_pos.errors import KeyFileMissing, RegistrationInvalid, TrustFileInvalid
from charity_pos.hub.service import read_registration
from charity_pos.security.keys import StoreKeys, key_path
from charity_pos.services import backup
from charity_pos.services.training_marks import key_file_marked
from charity_pos.sync.store_side import read_trust_file

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


def test_a_key_file_given_for_a_backup_is_another_stores_or_missing_as_before(services, clock,  # type: ignore[no-untyped-def]
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
