"""charity-pos backup, restore, backup-key and restore-key: exit codes, what
they print, and what they refuse (in Chinese by default), loading no Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from charity_pos import cli
from charity_pos.security.keys import key_path
from charity_pos.services.backup import PASSPHRASE_ENV
from tests.helpers import run_cli
from tests.test_cli_startup import run_fresh


def test_backup_prints_the_file_and_loads_no_qt(filled_store, tmp_path) -> None:
    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    result, out, err = run_fresh("backup", "--db", filled_store.path, "--out", out_dir, "--lang", "en")
    assert result == {"code": 0, "loaded": []}, err
    made = Path(out.splitlines()[0])
    assert made.parent == out_dir and made.name.startswith("PT01-") and made.exists()
    assert f"{filled_store.events} journal events agree" in out


def test_backup_to_a_missing_folder_says_so_in_chinese(filled_store, tmp_path, capsys) -> None:
    code, out, err = run_cli("backup", "--db", filled_store.path, "--out", tmp_path / "E")
    assert code == 1 and out == ""
    assert err.startswith("错误：") and "不存在" in err
    assert not (tmp_path / "E").exists()


def test_backup_of_a_wrong_path(tmp_path, capsys) -> None:
    code, _out, err = run_cli("backup", "--db", tmp_path / "no.db", "--out", tmp_path, "--lang", "en")
    assert code == 1 and "No store database" in err


def test_restore_without_force_then_with_it(filled_store, tmp_path, capsys) -> None:
    code, out, _err = run_cli("backup", "--db", filled_store.path, "--out", tmp_path)
    made = out.splitlines()[0]
    code, out, err = run_cli("restore", "--db", filled_store.path, "--from", made, "--lang", "en")
    assert code == 1 and "add --force" in err
    code, out, err = run_cli("restore", "--db", filled_store.path, "--from", made, "--force", "--lang", "en")
    assert code == 0, err
    assert "kept as" in out and ".replaced-" in out and "restored" in out
    code, out, _err = run_cli("verify", "--db", filled_store.path, "--lang", "en")
    assert code == 0 and out.startswith("OK")


def test_restore_of_an_edited_backup_names_what_verify_found(filled_store, tmp_path, capsys) -> None:
    import sqlite3

    _code, out, _err = run_cli("backup", "--db", filled_store.path, "--out", tmp_path)
    made = out.splitlines()[0]
    with sqlite3.connect(made) as conn:
        conn.execute("UPDATE item SET sale_price_fen = 1")
    Path(made + ".sha256").unlink()  # copied alone, without its checksum: verify finds the edit
    code, out, err = run_cli("restore", "--db", tmp_path / "new.db", "--from", made, "--lang", "en")
    assert code == 1 and "did not pass its check" in err and "FAILED:" in err
    assert not (tmp_path / "new.db").exists()


def test_backup_key_and_restore_key_from_the_environment(filled_store, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, "a long passphrase 1")
    code, out, err = run_cli("backup-key", "--db", filled_store.path, "--out", tmp_path / "key.protected")
    assert code == 0, err
    key = key_path(identity_of_store(filled_store.path))
    original = key.read_bytes()
    key.unlink()
    monkeypatch.setenv(PASSPHRASE_ENV, "the wrong passphrase")
    code, out, err = run_cli("restore-key", "--from", tmp_path / "key.protected", "--lang", "en")
    assert code == 1 and "passphrase does not open" in err and not key.exists()
    monkeypatch.setenv(PASSPHRASE_ENV, "a long passphrase 1")
    code, out, err = run_cli("restore-key", "--from", tmp_path / "key.protected", "--db", filled_store.path)
    assert code == 0 and key.read_bytes() == original


def test_backup_key_with_no_terminal_and_no_variable(filled_store, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _out, err = run_cli("backup-key", "--db", filled_store.path, "--out", tmp_path / "k", "--lang", "en")
    assert code == 1 and PASSPHRASE_ENV in err and not (tmp_path / "k").exists()


def test_backup_key_asks_twice_and_refuses_two_different(filled_store, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    typed = iter(["a long passphrase 1", "a long passphrase 2"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    code, _out, err = run_cli("backup-key", "--db", filled_store.path, "--out", tmp_path / "k", "--lang", "en")
    assert code == 1 and "differ" in err and not (tmp_path / "k").exists()


@pytest.mark.parametrize("command", ["backup-key", "restore-key"])
def test_the_help_says_where_the_passphrase_comes_from(command, capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    assert PASSPHRASE_ENV in capsys.readouterr().out


def test_init_tells_the_manager_to_keep_the_key_file_apart(tmp_path, capsys) -> None:
    code, out, _err = run_cli("init", "--db", tmp_path / "s.db", "--store-code", "PT02", "--name", "测试",
                           "--district", "普陀区", "--manager-pin", "9999", "--lang", "en")
    assert code == 0 and "backup-key" in out and str(key_path(identity_of_store(tmp_path / "s.db"))) in out


def identity_of_store(path: Path):
    from charity_pos.services.backup import identity_of_live

    return identity_of_live(Path(path)).id



def test_the_new_refusals_are_chinese_by_default(filled_store, tmp_path, capsys) -> None:
    _code, out, _err = run_cli("backup", "--db", filled_store.path, "--out", tmp_path)
    made = out.splitlines()[0]
    assert "备份已校验" in out
    code, _out, err = run_cli("restore", "--db", filled_store.path, "--from", made)
    assert code == 1 and err.startswith("错误：") and "--force" in err and "已有门店数据" in err
    with open(made, "r+b") as fh:  # bytes changed in the copy
        fh.seek(4096 + 100)
        fh.write(b"\xff" * 200)  # where SQLite's own checks may not look: the checksum beside it does
    code, _out, err = run_cli("restore", "--db", tmp_path / "n.db", "--from", made)
    assert code == 1 and err.startswith("错误：") and "checksum" in err and not (tmp_path / "n.db").exists()
