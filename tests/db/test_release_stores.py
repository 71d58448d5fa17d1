"""Every release keeps a small store file of its own (``tests/db/releases/VERSION``,
made by ``scripts/make-release-store.py``): this version opens each one as a
store PC would (an older one is upgraded, after its copy is kept), the file
passes ``verify`` with its key file, the store works on, and it holds what
its ``store.json`` says it held.

The folder of this version (``charity_pos.__version__``) must be there, and
at this version's schema: the release cannot forget its file, and a schema
change cannot slip in under a version number that already has one. One
folder per version, patch releases too: the version bump is the release, so
the test asks for the file then (not while a migration is being written), a
patch can change how rows are stored without a migration, and a file costs
about 250 KiB and a second or two of the suite per release."""

from __future__ import annotations

import importlib.util
import json
import lzma
import shutil
import uuid
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import select

import charity_pos
from charity_pos.db import migrate, plain
from charity_pos.db.models import Item
from charity_pos.security.keys import key_path
from charity_pos.services import upgrade
from charity_pos.services.registry import Services
from tests.conftest import FilledStore
from tests.helpers import run_cli
from tests.services.test_upgrade import PREVIOUS, set_back

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make-release-store.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_release_store", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _script()
RELEASES: Path = MAKE.RELEASES


def _version(folder: Path) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in folder.name.replace("rc", ".").split("."))


FOLDERS = sorted((p for p in RELEASES.iterdir() if (p / MAKE.SUMMARY).is_file()), key=_version)


def held(folder: Path) -> dict[str, Any]:
    made: dict[str, Any] = json.loads((folder / MAKE.SUMMARY).read_text(encoding="utf-8"))
    return made


def test_this_version_has_its_release_store() -> None:
    folder = RELEASES / charity_pos.__version__
    hint = (f"charity-pos {charity_pos.__version__} has no store file of its own in {folder}: "
            "make it with .venv/bin/python scripts/make-release-store.py and commit the folder")
    assert (folder / MAKE.SUMMARY).is_file() and (folder / MAKE.STORE).is_file(), hint
    made = held(folder)
    assert made["version"] == charity_pos.__version__
    assert made["revision"] == migrate.STORE.head(), (
        f"this version's schema is {migrate.STORE.head()}, its release store's {made['revision']}: a schema change "
        "needs a new version number (and its store file), or the file made again (--force) before the release")
    assert (folder / f"{made['store_id']}.key").is_file(), "its key file, to verify it with"
    assert (folder / "README.md").is_file() and "test key" in (folder / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_each_release_store_is_opened_verified_and_holds_what_it_held(folder: Path, tmp_path: Path) -> None:
    check_release(folder, tmp_path)


def test_the_check_upgrades_a_release_store_from_an_earlier_schema(filled_store: FilledStore, tmp_path: Path) -> None:
    """The check above on a release folder of an earlier schema, as every folder is for the next versions (made
    here from a small store set back one revision): upgraded after its copy, verified, everything still there."""
    path = set_back(filled_store.path)
    folder = tmp_path / "releases" / "0.1.99"
    folder.mkdir(parents=True)
    with path.open("rb") as source, lzma.open(folder / MAKE.STORE, "wb") as target:
        shutil.copyfileobj(source, target)
    made = {"version": "0.1.99", **MAKE.summary(path)}
    assert made["revision"] == PREVIOUS
    (folder / MAKE.SUMMARY).write_text(json.dumps(made), encoding="utf-8")
    key = key_path(uuid.UUID(str(made["store_id"])))
    shutil.copyfile(key, folder / key.name)
    key.unlink()  # the check puts it where a store PC keeps it
    path.unlink()
    check_release(folder, tmp_path / "work")


def check_release(folder: Path, work: Path) -> None:
    """The release store in ``folder``, opened in ``work`` with its key file in this test's home, as above."""
    made = held(folder)
    work.mkdir(exist_ok=True)
    path = work / "store.sqlite3"
    with lzma.open(folder / MAKE.STORE, "rb") as source, path.open("wb") as target:
        shutil.copyfileobj(source, target)
    key = key_path(uuid.UUID(made["store_id"]))  # as the store's PC keeps it, in this test's home
    key.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / f"{made['store_id']}.key", key)
    key.chmod(0o600)
    older = made["revision"] != migrate.STORE.head()

    code, out, err = run_cli("show", "items", "--db", path, "--lang", "en")  # the app's way in
    assert code == 0, err
    copies = upgrade.copies_of(path)
    if older:
        assert len(copies) == 1 and plain.read_revision(copies[0]) == made["revision"]
        assert f"was upgraded from schema {made['revision']} to {migrate.STORE.head()}" in err
    else:
        assert copies == [] and err == "", "a file at this version's schema is opened as it is"
    assert plain.read_revision(path) == migrate.STORE.head()

    events = made["totals"]["journal_events"]
    code, out, err = run_cli("verify", "--db", path, "--lang", "en")
    assert code == 0 and err == "", err  # checked with its key file: authenticated, no note
    assert out.startswith(f"OK: {events} journal events")
    now = MAKE.summary(path)
    assert (now["store_code"], now["store_id"]) == (made["store_code"], made["store_id"])
    for table, count in made["tables"].items():
        assert now["tables"].get(table) == count + (1 if older and table == "audit_entry" else 0), \
            f"{table}: {made['version']}'s file held {count} rows (an upgrade adds its note to the audit log)"
    assert {name: now["totals"].get(name) for name in made["totals"]} == made["totals"]

    services = Services.open(path)  # and the store works on: a manager logs in, goods come in
    try:
        manager = services.accounts.login("manager", "9999")
        with services.db.read() as s:
            item_id = s.scalars(select(Item.id).where(Item.source == "purchased", Item.active)
                                .order_by(Item.name).limit(1)).one()
        services.stock.receive(manager, {item_id: 3}, note="到货")
    finally:
        services.close()
    code, out, err = run_cli("verify", "--db", path, "--lang", "en")
    assert code == 0 and err == "" and out.startswith(f"OK: {events + 1} journal events"), err


def test_the_script_makes_this_versions_store_the_same_way(tmp_path: Path) -> None:
    """Made again from what ``store.json`` says (the day, the days, the seed): the same rows and totals (the
    store's id and the events' ids, so the journal's head, are new each time)."""
    made = held(RELEASES / charity_pos.__version__)
    how = made["made_with"]
    folder = MAKE.make(tmp_path, today=date.fromisoformat(how["today"]), days=how["days"], seed=how["seed"])
    again = held(folder)
    assert (folder / f"{again['store_id']}.key").is_file() and (folder / MAKE.STORE).is_file()
    for summary in (made, again):
        del summary["store_id"], summary["totals"]["journal_head"]
    assert again == made
    with pytest.raises(SystemExit):  # a release's folder is not made over without --force
        MAKE.make(tmp_path, today=date.fromisoformat(how["today"]))


def test_a_version_without_its_folder_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not blind: the next version number, before its store file is made, fails with what to do."""
    monkeypatch.setattr(charity_pos, "__version__", "0.2.1")
    with pytest.raises(AssertionError, match="has no store file of its own.*make-release-store.py"):
        test_this_version_has_its_release_store()
