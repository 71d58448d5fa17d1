"""The command line and training copies (培训模式): shown as such, verified
with a note, refused by every sync command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from charity_pos.services import training
from charity_pos.services.base import Actor, Role
from charity_pos.services.registry import Services
from tests.helpers import run_cli
from tests.test_cli import one_error_line


@pytest.fixture
def copy(filled_store) -> Path:
    sv = Services.open(filled_store.path)
    try:
        row = next(u for u in sv.accounts.users() if u.username == "manager")
        return training.start(sv.ctx, Actor(row.id, row.username, Role.MANAGER)).path
    finally:
        sv.close()


def test_show_store_says_which_file_is_training(capsys, filled_store, copy: Path) -> None:
    code, out, _ = run_cli("show", "store", "--db", copy, "--lang", "en")
    assert code == 0 and "TRAINING store" in out
    code, out, _ = run_cli("show", "store", "--db", filled_store.path, "--lang", "en")
    assert code == 0 and "live store" in out and "TRAINING" not in out
    code, out, _ = run_cli("show", "store", "--db", copy, "--json")
    assert json.loads(out)[0]["training"] is True
    renamed = copy.with_name("store2.db")
    copy.rename(renamed)
    code, out, _ = run_cli("show", "store", "--db", renamed)
    assert code == 0 and "培训门店" in out


def test_verify_passes_a_training_copy_and_says_what_it_is(capsys, filled_store, copy: Path) -> None:
    code, out, err = run_cli("verify", "--db", copy, "--lang", "en")
    assert code == 0, err
    assert out.startswith("OK:") and "TRAINING store" in out
    code, out, _ = run_cli("verify", "--db", filled_store.path, "--lang", "en")
    assert code == 0 and "TRAINING" not in out


def test_every_sync_command_refuses_a_training_copy(capsys, copy: Path, tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    for argv in (("export-bundle", "--db", copy, "--out", outbox),
                 ("store-key", "--db", copy, "--out", tmp_path / "reg.json"),
                 ("trust-hub", "--db", copy, tmp_path / "trust.json"),
                 ("import-bundle", "--db", copy, tmp_path / "bundle.cpb")):
        line = one_error_line(*run_cli(*argv, "--lang", "en"), english=True)
        assert "training store" in line, line
    assert list(outbox.iterdir()) == [] and not (tmp_path / "reg.json").exists()
    line = one_error_line(*run_cli("export-bundle", "--db", copy, "--out", outbox))
    assert "培训门店" in line
