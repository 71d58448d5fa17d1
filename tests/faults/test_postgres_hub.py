"""A hub on PostgreSQL, as a district runs it on a database server, under
faults: ``charity-pos hub import`` killed (SIGKILL) at random moments, and
the server refusing a write in the middle of an import (a full disk: the
server's own ``disk_full`` error; the import's connection ended by the
server). After each: the hub holds the bundle wholly or not at all, the
server holds no lock and no session of the dead import, what district staff
read says in Chinese that nothing was saved, and importing the same file
again succeeds and counts each event once.

The server is the test run's throwaway one (``tests.hub.conftest``). The
kills run ``CHARITY_POS_FAULT_RUNS`` times (default 6), their delays seeded
by ``CHARITY_POS_FAULT_SEED``, as in ``test_kills``."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from charity_pos import i18n
from tests.conftest import FilledStore
from tests.faults.kills import Forker, delays, runs
from tests.faults.pg_hub import PgHub, counts, state
from tests.faults.test_kills import events, open_shift, sell
from tests.helpers import run_cli
from tests.hub.conftest import OPT_OUT

pytestmark = pytest.mark.faults

SALES = 60
NOTHING_SAVED = "没有保存任何内容"


@pytest.fixture(scope="module")
def _built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """What the first test of the module made (the hub's template, the bundle), for the others."""
    built: dict[str, object] = {"folder": tmp_path_factory.mktemp("pg-hub")}
    yield built
    if isinstance(built.get("hub"), PgHub):
        built["hub"].close()  # type: ignore[union-attr]


@pytest.fixture
def pg_hub(request: pytest.FixtureRequest, _built: dict[str, object]) -> PgHub:
    """A hub on PostgreSQL with the store registered and nothing imported (kept as a template database),
    and the store's bundle of ``SALES`` sales and what came before. Made once for the module: importing
    needs nothing from the home folder of the test that made them."""
    if os.environ.get(OPT_OUT, "") not in ("", "0"):
        pytest.skip(f"{OPT_OUT} is set: PostgreSQL tests skipped")
    if isinstance(_built.get("hub"), PgHub):
        return _built["hub"]  # type: ignore[return-value]
    server = request.getfixturevalue("postgres_server")
    if isinstance(server, str):
        pytest.fail(f"PostgreSQL unavailable: {server}", pytrace=False)
    store: FilledStore = request.getfixturevalue("filled_store")
    forker: Forker = request.getfixturevalue("forker")
    folder: Path = _built["folder"]  # type: ignore[assignment]
    template, template_url = server.new_database("hubfault")
    hub = PgHub(server, template, f"{template}_run")
    _built["hub"] = hub
    open_shift(store)
    assert sell(forker, store, folder / "sold.txt", SALES).code == 0  # type: ignore[attr-defined]
    forker.ok("cli", "store-key", "--db", store.path, "--out", folder / "reg.json")
    forker.ok("cli", "hub", "init", "--hub", template_url, "--district", "普陀区")
    forker.ok("cli", "hub", "add-store", "--hub", template_url, "--registration", folder / "reg.json",
              "--out", folder / "trust.json")
    bundles = folder / "bundles"
    bundles.mkdir()
    forker.ok("cli", "export-bundle", "--db", store.path, "--out", bundles)
    (hub.bundle,) = bundles.glob("*.cpbundle")
    hub.total, hub.sales = events(store.path), SALES
    return hub


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# --- kill -9 of an import ---------------------------------------------------------------------------------
def test_a_hub_import_into_postgresql_killed_leaves_the_bundle_wholly_in_or_not_at_all(
        pg_hub: PgHub, forker: Forker) -> None:
    hub, bundle = pg_hub, pg_hub.bundle
    before = counts(hub.template_url)
    took = forker.ok("cli", "hub", "import", "--hub", hub.fresh(), bundle).took
    assert state(hub.url) == (hub.total, hub.sales)
    after = counts(hub.url)
    assert after != before
    rng, kills, whole = delays("postgres-hub"), runs(6), 0
    for n in range(kills):
        url = hub.fresh()
        if n % 2 == 0:
            # a random moment of the whole command (the first at once: before the commit however fast the machine)
            ended = forker.run("cli", "hub", "import", "--hub", url, bundle,
                               kill_after=0.0 if n == 0 else rng.uniform(0, took))
        else:
            # a random moment once the import holds the store's row: inside its transaction, or just past it
            ended = forker.run("cli", "hub", "import", "--hub", url, bundle, kill_after=rng.uniform(0, 0.05),
                               wait_for=lambda: hub.holds_apply_lock() or not _alive(forker.worker), timeout=60)
        hub.settled()  # the server ended the dead client's session: no lock, no transaction left open
        now = counts(url)
        assert now in (before, after), f"kill {n} (seed {os.environ.get('CHARITY_POS_FAULT_SEED')}): a half " \
                                       f"import is held\n{ended.log}"
        held, _sold = state(url)
        whole += held == hub.total
        forker.ok("cli", "hub", "import", "--hub", url, bundle)  # the same file again: in, once
        assert state(url) == (hub.total, hub.sales)
        assert {k: v for k, v in counts(url).items() if k != "hub_bundle"} == \
               {k: v for k, v in after.items() if k != "hub_bundle"}
        hub.settled()
    assert whole < kills  # some kills landed before the commit


# --- the server refuses a write mid-import ---------------------------------------------------------------
FULL_DISK = """
CREATE FUNCTION fault_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'hub_event' THEN
        IF NEW.seq <> {seq} THEN RETURN NEW; END IF;  -- the rows before this one are written
    END IF;
    RAISE EXCEPTION 'could not extend file "base/16384/16402": No space left on device'
        USING ERRCODE = 'disk_full', HINT = 'Check free disk space.';
END $$;
CREATE TRIGGER fault_disk_full BEFORE {op} ON {table} FOR EACH ROW EXECUTE FUNCTION fault_disk_full();
"""
SPACE_AGAIN = "DROP TRIGGER fault_disk_full ON {table}; DROP FUNCTION fault_disk_full();"


@pytest.fixture
def chinese() -> Iterator[None]:
    saved = list(i18n._loaded)
    yield
    i18n._loaded[:] = saved


def _sql(url: str, statements: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(statements)  # type: ignore[arg-type]


def _import(capsys: pytest.CaptureFixture[str], url: str, bundle: Path) -> tuple[int, str]:
    code, out, err = run_cli("hub", "import", "--hub", url, bundle, lang="zh_CN")
    assert "Traceback" not in out + err
    return code, out + err


def _refused_and_nothing_kept(hub: PgHub, before: dict[str, int], code: int, said: str) -> str:
    """The file refused in one line of Chinese saying nothing was saved, and nothing of it kept but the
    line in the log of files seen; the line."""
    lines = said.strip().splitlines()
    assert code == 1 and len(lines) == 1, said
    line = lines[0]
    assert line.startswith(f"{hub.bundle}: 拒绝导入：") and NOTHING_SAVED in line, line
    hub.settled()
    now = counts(hub.url)
    assert now["hub_bundle"] == before["hub_bundle"] + 1  # the refusal is logged, and nothing else is there
    assert {k: v for k, v in now.items() if k != "hub_bundle"} == {k: v for k, v in before.items() if k != "hub_bundle"}
    assert state(hub.url) == (0, 0)
    return line


#: what staff read for the server's refusals, in their language (the server's own words are in the log only)
DISK_FULL = "数据库服务器磁盘已满"
CONNECTION_LOST = "与数据库服务器的连接已中断"


def _server_refused(line: str, reason: str, server_said: str, caplog: pytest.LogCaptureFixture) -> None:
    """Said as the hub's database refusing the import (not as a bug), with the reason in Chinese; the
    server's own text is in the log, not in what staff read."""
    assert "数据中心数据库拒绝了导入" in line and reason in line, line
    assert server_said not in line and "意外错误" not in line, line
    assert server_said in caplog.text, "the server's own words are not in the log"  # with the traceback


@pytest.mark.parametrize(("table", "op"), [
    ("hub_event", "INSERT"),  # an event row midway (the events go in by COPY)
    ("hub_sale", "INSERT"),  # a sale's projection
    ("hub_store", "UPDATE"),  # the store's head: the import's last write
])
def test_a_full_disk_on_the_server_mid_import_keeps_nothing_and_the_hub_goes_on(
        pg_hub: PgHub, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, chinese: None,
        table: str, op: str) -> None:
    hub = pg_hub
    url = hub.fresh()
    before = counts(url)
    _sql(url, FULL_DISK.format(seq=hub.total // 2, table=table, op=op))
    code, said = _import(capsys, url, hub.bundle)
    line = _refused_and_nothing_kept(hub, before, code, said)
    _server_refused(line, DISK_FULL, "No space left on device", caplog)
    # the disk still full: the same again, and still nothing half-applied
    code, said = _import(capsys, url, hub.bundle)
    _refused_and_nothing_kept(hub, dict(before, hub_bundle=before["hub_bundle"] + 1), code, said)
    _sql(url, SPACE_AGAIN.format(table=table))  # room again: the same file goes in, whole and once
    code, said = _import(capsys, url, hub.bundle)
    assert code == 0 and f"已导入门店 PT01 的 {hub.total} 个事件（#1-#{hub.total}）" in said, said
    assert state(url) == (hub.total, hub.sales)
    hub.settled()


def test_a_full_disk_met_while_copying_the_events_is_told_as_the_servers_refusal(
        pg_hub: PgHub, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, chinese: None) -> None:
    hub = pg_hub
    url = hub.fresh()
    before = counts(url)
    _sql(url, FULL_DISK.format(seq=hub.total // 2, table="hub_event", op="INSERT"))
    code, said = _import(capsys, url, hub.bundle)
    _server_refused(_refused_and_nothing_kept(hub, before, code, said), DISK_FULL, "No space left on device",
                    caplog)


SLOW_ROW = """
CREATE FUNCTION fault_slow_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq = {seq} THEN PERFORM pg_sleep(60); END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER fault_slow_row BEFORE INSERT ON hub_event FOR EACH ROW EXECUTE FUNCTION fault_slow_row();
"""


def test_the_import_connection_ended_by_the_server_mid_import(pg_hub: PgHub, capsys: pytest.CaptureFixture[str],
                                                               caplog: pytest.LogCaptureFixture,
                                                               chinese: None) -> None:
    """The server ends the import's session in the middle of its transaction (an administrator's
    pg_terminate_backend, as a server restart or a failover does): refused, nothing kept, the hub usable."""
    hub = pg_hub
    url = hub.fresh()
    before = counts(url)
    _sql(url, SLOW_ROW.format(seq=hub.total // 2))
    ended: list[int] = []

    def terminate() -> None:
        give_up = time.monotonic() + 60
        while time.monotonic() < give_up:
            for pid, _state, wait in hub.sessions():
                if wait == "PgSleep":  # mid-import: half the events written, the transaction open
                    hub.admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
                    ended.append(pid)
                    return
            time.sleep(0.02)

    killer = threading.Thread(target=terminate)
    killer.start()
    try:
        code, said = _import(capsys, url, hub.bundle)
    finally:
        killer.join()
    assert ended, "the import never reached the slow row"
    _server_refused(_refused_and_nothing_kept(hub, before, code, said), CONNECTION_LOST, "terminating connection",
                    caplog)
    _sql(url, "DROP TRIGGER fault_slow_row ON hub_event; DROP FUNCTION fault_slow_row();")
    code, said = _import(capsys, url, hub.bundle)
    assert code == 0 and f"已导入门店 PT01 的 {hub.total} 个事件" in said, said
    assert state(url) == (hub.total, hub.sales)
    hub.settled()
