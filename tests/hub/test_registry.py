"""The hub itself and its register of stores: one hub per database with a
key pair whose private half stays in a key file; stores registered from
their registration files, a trust file written back that the store's side
accepts; a store's key is never replaced by a registration; databases that
are not a hub, or a hub from a newer charity-pos, are refused untouched.
The hub's Alembic migrations build exactly its models, on SQLite and
PostgreSQL."""

from __future__ import annotations

import json
import os
import stat
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import create_engine, select, text

from charity_pos import config, errors
from charity_pos.hub import engine as hub_engine
from charity_pos.hub.engine import VERSION_TABLE, open_hub
from charity_pos.hub.models import Hub as HubRow
from charity_pos.hub.models import HubBase, HubStore
from charity_pos.hub.service import add_store, hub_info, init_hub, key_path, read_registration, signing_key
from charity_pos.messages import describe
from charity_pos.sync.bundle import public_key_text
from charity_pos.sync.store_side import read_trust_file
from tests.hub import Hub, hub, source, store_key, write_registration  # noqa: F401  (fixtures)


def english(error: BaseException) -> str:
    return describe(error, lambda _context, text: text)


def test_init_makes_one_hub_whose_private_key_stays_in_a_key_file(hub_url: str) -> None:
    info = init_hub(hub_url, "  普陀区 ")
    assert info.district == "普陀区"
    path = key_path(info.id)
    assert path.parent == config.config_dir() / "hub-keys"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert public_key_text(signing_key(info.id).public_key()) == info.public_key
    with open_hub(hub_url) as db:
        assert hub_info(db) == info
        with db.engine.connect() as conn:  # the database holds the public half only
            dumped = " ".join(str(v) for row in conn.execute(select(HubRow.__table__)) for v in row)
        assert json.loads(path.read_text())["ed25519"] not in dumped
    with pytest.raises(errors.HubExists) as refused:
        init_hub(hub_url, "静安区")
    assert "already holds the district hub of 普陀区" in english(refused.value)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no second key left behind


def test_a_database_that_is_no_hub_is_refused_untouched(hub_url: str, tmp_path: Path) -> None:
    with pytest.raises(errors.HubNotFound) as missing:
        open_hub(hub_url)
    assert "create it with “charity-pos hub init”" in english(missing.value)
    engine = create_engine(hub_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE store (id INTEGER PRIMARY KEY)"))
    with pytest.raises(errors.NotAHubDatabase):
        init_hub(hub_url, "普陀区")
    with engine.connect() as conn:
        assert VERSION_TABLE not in {r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master" if engine.dialect.name == "sqlite"
            else "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))}
    engine.dispose()
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database")
    with pytest.raises(errors.NotAHubDatabase):
        open_hub(text_file)
    assert text_file.read_text() == "not a database"


def test_a_hub_from_a_newer_charity_pos_is_refused(hub_url: str) -> None:
    init_hub(hub_url, "普陀区")
    engine = create_engine(hub_url)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = 'ffff'"))
    engine.dispose()
    with pytest.raises(errors.NewerDatabase) as refused:
        open_hub(hub_url)
    assert "(schema ffff)" in english(refused.value)


def test_an_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(errors.HubUnreachable) as refused:
        open_hub("postgresql+psycopg://hub:secret@127.0.0.1:1/hub")
    sentence = english(refused.value)
    assert sentence.startswith("The hub database postgresql+psycopg://hub:***@127.0.0.1:1/hub cannot be opened: ")
    assert "secret" not in sentence


def test_the_default_hub_is_a_sqlite_file_in_the_data_folder() -> None:
    info = init_hub(None, "普陀区")
    assert (config.data_dir() / "hub.sqlite3").is_file()
    with open_hub(None) as db:
        assert hub_info(db).id == info.id and db.is_sqlite


def test_a_registered_store_gets_a_trust_file_its_side_accepts(hub: Hub, tmp_path: Path) -> None:
    trust = read_trust_file(hub.trust_file)
    info = hub_info(hub.db)
    assert (trust.hub_id, trust.district, trust.public_key, trust.store_code) == (
        info.id, info.district, info.public_key, hub.store.code)
    raw = json.loads(hub.trust_file.read_text(encoding="utf-8"))
    assert raw["format"] == "charity-pos-trust/1"
    with hub.db.read() as s:
        row = s.scalars(select(HubStore)).one()
    assert (str(row.id), row.code, row.name, row.last_seq) == (hub.store.id, "JA01", hub.store.name, 0)
    assert row.public_key == public_key_text(hub.key.public_key())
    # the same registration again: nothing new, the trust file written again
    again = add_store(hub.db, write_registration(tmp_path / "again.json", hub.store, hub.key), tmp_path / "t2.json")
    assert not again.new and read_trust_file(tmp_path / "t2.json").hub_id == info.id


def test_a_stores_key_is_never_replaced_by_a_registration(hub: Hub, tmp_path: Path) -> None:
    other = Ed25519PrivateKey.generate()
    with pytest.raises(errors.StoreKeyMismatch) as refused:
        add_store(hub.db, write_registration(tmp_path / "new-key.json", hub.store, other), tmp_path / "t.json")
    assert english(refused.value).startswith("Store JA01 is already registered with another key")
    with pytest.raises(errors.StoreKeyMismatch):  # the same code for another store
        add_store(hub.db, write_registration(tmp_path / "new-id.json", hub.store, hub.key,
                                             store_id=str(uuid.uuid4())), tmp_path / "t.json")
    with pytest.raises(errors.StoreIdTaken):  # the same store under another code
        add_store(hub.db, write_registration(tmp_path / "new-code.json", hub.store, other, store_code="JA02"),
                  tmp_path / "t.json")
    assert not (tmp_path / "t.json").exists()
    with hub.db.read() as s:
        assert [r.public_key for r in s.scalars(select(HubStore))] == [public_key_text(hub.key.public_key())]


@pytest.mark.parametrize(("change", "field"), [
    ({"format": "charity-pos-store/9"}, "format"), ({"store_code": "pt-01"}, "store_code"),
    ({"public_key": "AAAA"}, "public_key"), ({"store_id": "nope"}, "store_id"), ({"name": ""}, "name"),
    ({"created_at": "yesterday"}, "created_at"), ({"district": None}, "district"),
])
def test_a_bad_registration_file_names_its_field(tmp_path: Path, source, change: dict, field: str) -> None:
    path = write_registration(tmp_path / "reg.json", source, Ed25519PrivateKey.generate(), **change)
    with pytest.raises(errors.RegistrationInvalid) as refused:
        read_registration(path)
    assert refused.value.field == field
    assert english(refused.value).endswith(f"(field {field}).")


def test_migrations_build_exactly_the_models_schema(hub_url: str) -> None:
    init_hub(hub_url, "普陀区")
    engine = create_engine(hub_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True,
                                                             "version_table": VERSION_TABLE})
            differences = [d for d in compare_metadata(context, HubBase.metadata)
                           if not (d[0] == "remove_table" and d[1].name == VERSION_TABLE)]
            assert differences == []
            assert hub_engine.MIGRATIONS.current(conn) == hub_engine.MIGRATIONS.head()
            # the hub's version table, apart from a store's
            assert "alembic_version" not in set(engine.dialect.get_table_names(conn))
    finally:
        engine.dispose()


def test_the_revision_chain_is_in_order() -> None:
    scripts = ScriptDirectory.from_config(hub_engine.MIGRATIONS.config())
    chain = list(reversed(list(scripts.walk_revisions())))
    assert chain[0].down_revision is None
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.down_revision == before.revision
    assert [Path(r.path).name.split("_")[0] for r in chain] == [f"{i:04d}" for i in range(1, len(chain) + 1)]
