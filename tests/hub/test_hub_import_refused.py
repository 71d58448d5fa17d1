"""The hub's database refusing an import, as district staff read it: a
full disk, a connection the server ended, a lock held too long are said in
their own words (the database's own text goes to the log only), whichever
driver raised it (SQLAlchemy's errors, or psycopg's and sqlite3's met past
SQLAlchemy, as by the COPY of the events); nothing is kept, and the same
file goes in once there is room again. The server's full disk and ended
session on PostgreSQL: tests/faults/test_postgres_hub.py."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.exc import OperationalError

from charity_pos import errors, i18n
from charity_pos.hub.importer import database_refused, import_bundle, refusal_reason
from charity_pos.messages import describe
from tests.faults.disk import full_database
from tests.hub import Hub, bundle_log, digest, hub, source, store_key  # noqa: F401  (fixtures)

SQLITE_ONLY = pytest.mark.parametrize("hub_url", ["sqlite"], indirect=True)
DISK_FULL = "数据库服务器磁盘已满"


@pytest.fixture
def chinese() -> Iterator[None]:
    saved = list(i18n._loaded)
    i18n.load("zh_CN")
    yield
    i18n._loaded[:] = saved


def english(error: BaseException) -> str:
    return describe(error, lambda _context, text: text)


def _sqlite_error(code: int, text: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


@pytest.mark.parametrize(("raised", "reason"), [
    (psycopg.errors.DiskFull("could not extend file: No space left on device"), "disk_full"),
    (psycopg.errors.AdminShutdown("terminating connection due to administrator command"), "connection"),
    (psycopg.errors.CrashShutdown("terminating connection because of crash of another server process"),
     "connection"),
    (psycopg.errors.ConnectionFailure("connection failure"), "connection"),
    (psycopg.OperationalError("the connection is lost"), "connection"),  # no SQLSTATE: the link itself is gone
    (psycopg.errors.SerializationFailure("could not serialize access"), "busy"),
    (psycopg.errors.DeadlockDetected("deadlock detected"), "busy"),
    (psycopg.errors.LockNotAvailable("canceling statement due to lock timeout"), "busy"),
    (psycopg.errors.QueryCanceled("canceling statement due to statement timeout"), "busy"),
    (_sqlite_error(sqlite3.SQLITE_FULL, "database or disk is full"), "disk_full"),
    (_sqlite_error(sqlite3.SQLITE_BUSY, "database is locked"), "busy"),
    (_sqlite_error(sqlite3.SQLITE_LOCKED, "database table is locked"), "busy"),
    # anything else is said with the database's words, as before
    (psycopg.errors.UndefinedTable('relation "hub_event" does not exist'), None),
    (psycopg.errors.InsufficientPrivilege("permission denied for table hub_event"), None),
    (_sqlite_error(sqlite3.SQLITE_IOERR, "disk I/O error"), None),
    (sqlite3.DatabaseError("file is not a database"), None),
])
def test_each_common_refusal_is_said_in_words_and_the_others_with_the_databases_text(
        raised: Exception, reason: str | None, chinese: None) -> None:
    for exc in (raised, OperationalError("COPY hub_event ...", None, raised)):  # raw from the driver, or wrapped
        assert refusal_reason(exc) == reason
        error = database_refused(Path("PT01-1-9.cpbundle"), exc)
        assert isinstance(error, errors.HubImportFailed) and error.facts.get("reason") == reason
        said = english(error)
        assert said.startswith("PT01-1-9.cpbundle: the hub's database refused the import") and "{" not in said
        assert said.endswith("othing was saved.")
        if reason is None:
            assert f"({str(raised).splitlines()[0]})" in said  # the database's own text: nothing better to say
        else:
            assert str(raised) not in said
            chinese_said = i18n.describe(error)
            assert "数据中心数据库拒绝了导入" in chinese_said and "没有保存任何内容" in chinese_said
            assert str(raised) not in chinese_said and not any("a" <= c <= "z" for c in chinese_said.split("：", 1)[1])


@SQLITE_ONLY
def test_a_full_disk_under_a_sqlite_hub_is_said_in_chinese_and_keeps_nothing(
        hub: Hub, chinese: None, caplog: pytest.LogCaptureFixture) -> None:
    last = hub.store.events[-1]["seq"]
    path = hub.bundle(1, last)
    before, seen = digest(hub.db), len(bundle_log(hub.db))
    with full_database(hub.db.engine), caplog.at_level(logging.ERROR, logger="charity_pos.hub"):
        result = import_bundle(hub.db, path)
    assert result.status == "refused" and isinstance(result.error, errors.HubImportFailed)
    said = i18n.describe(result.error)
    assert said == f"{path}：数据中心数据库拒绝了导入：{DISK_FULL}，请腾出磁盘空间后重新导入此文件。没有保存任何内容。"
    assert "database or disk is full" in caplog.text  # the database's own words: in the log
    assert digest(hub.db) == before
    log = bundle_log(hub.db)
    assert len(log) == seen + 1 and log[-1][0] == "refused" and "disk_full" in str(log[-1][2])
    assert import_bundle(hub.db, path).events == last  # room again: the same file goes in, whole


@SQLITE_ONLY
def test_the_hub_app_shows_a_full_disk_in_the_same_words_without_a_traceback(
        qtbot, hub: Hub, qapp) -> None:
    from charity_pos.hub_ui.importing import ImportScreen
    from tests.hub.test_hub_gui import NOW, Clock, run_import

    saved = list(i18n._loaded)
    translators = i18n.load("zh_CN")
    for translator in translators:
        qapp.installTranslator(translator)
    try:
        path = hub.bundle(1, hub.store.events[-1]["seq"])
        imports = ImportScreen(hub.db, Clock(NOW))
        qtbot.addWidget(imports)
        with full_database(hub.db.engine):
            (line,) = run_import(qtbot, imports, [path])
        assert line.startswith(f"{path.name}: ") and DISK_FULL in line and "没有保存任何内容" in line, line
        assert "Traceback" not in line and "database or disk is full" not in line and "意外错误" not in line
        assert import_bundle(hub.db, path).status == "applied"  # room again: the same file goes in
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n._loaded[:] = saved
