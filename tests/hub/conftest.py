"""Fixtures for the district hub's tests: ``hub_url`` gives each test a fresh,
empty database as a SQLAlchemy URL, once on SQLite and once on PostgreSQL.

The PostgreSQL server is real and private to the test run: the first test
that asks for it runs ``initdb`` into a temporary folder and starts the server
with ``pg_ctl`` on a free port of 127.0.0.1 (durability off: fsync,
synchronous_commit and full_page_writes; trust authentication), and the
session stops it and removes the folder at the end. Each test gets its own
database, dropped after the test (``WITH (FORCE)``, so connections a test
leaves open do not matter).

The server binaries come from Debian's ``postgresql`` package, which
``make test`` installs when missing (scripts/system-deps.sh). PostgreSQL
refuses to run as root: as root the server runs as the ``postgres`` user.
When the server cannot be found or started, every PostgreSQL test fails
with the reason; ``CHARITY_POS_NO_POSTGRES=1`` skips them instead.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

OPT_OUT = "CHARITY_POS_NO_POSTGRES"


class PostgresUnavailable(RuntimeError):
    """The server could not be found or started; the message says why."""


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parent.name
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def find_bindir() -> Path:
    """The folder holding initdb, pg_ctl and postgres."""
    candidates: list[str] = []
    if shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=10)
            if out.returncode == 0:
                candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb") or "").parent))
    for c in candidates:
        if c and all((Path(c) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(c)
    raise PostgresUnavailable(
        "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found via pg_config --bindir or in "
        "/usr/lib/postgresql/*/bin: install Debian's `postgresql` package (`bash scripts/system-deps.sh test`), "
        f"or set {OPT_OUT}=1 to skip the PostgreSQL tests")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempPostgres:
    """A throwaway PostgreSQL server in a temporary folder.

    ``start()`` returns once the server accepts connections; ``new_database()``
    makes an empty database and returns its SQLAlchemy URL; ``stop()`` stops
    the server at once and removes the folder. Usable outside pytest too
    (``with TempPostgres() as pg: ...``).
    """

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.host = "127.0.0.1"
        self.port = 0
        self.folder: Path | None = None
        self.startup_seconds = 0.0
        self._admin: Any = None
        self._names = itertools.count(1)
        self._run_as: dict[str, Any] = {}
        if getattr(os, "geteuid", lambda: -1)() == 0:
            import pwd

            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable(
                    "running as root and there is no `postgres` user to run the server as (PostgreSQL refuses "
                    "to run as root): install Debian's `postgresql` package, which creates it") from None
            self._run_as = {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}
            self._uid, self._gid = pw.pw_uid, pw.pw_gid

    # -- running the server's tools ------------------------------------
    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C", HOME=str(self.folder))
        return env

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.bindir / args[0]), *args[1:]], capture_output=True, text=True,
                              env=self._env(), cwd=self.folder, timeout=timeout, check=False, **self._run_as)

    def _log_tail(self) -> str:
        assert self.folder is not None
        with contextlib.suppress(OSError):
            lines = (self.folder / "server.log").read_text(errors="replace").strip().splitlines()
            return "\n".join(lines[-15:])
        return ""

    # -- life cycle ------------------------------------------------------
    def start(self) -> TempPostgres:
        began = time.perf_counter()
        base = tempfile.gettempdir()
        if self._run_as and not os.stat(base).st_mode & 0o001:
            base = "/tmp"  # the postgres user must be able to reach the folder
        self.folder = Path(tempfile.mkdtemp(prefix="charity-pos-pg-", dir=base))
        atexit.register(self.stop)
        if self._run_as:
            os.chown(self.folder, self._uid, self._gid)
        data = self.folder / "data"
        init = self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                         "--no-locale", "--no-sync", "--no-instructions")
        if init.returncode != 0:
            self.stop()
            reason = init.stderr.strip() or init.stdout.strip()
            raise PostgresUnavailable(f"initdb failed ({init.returncode}): {reason}")
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n# charity-pos tests: a throwaway server, speed over durability\n"
                f"listen_addresses = '{self.host}'\n"
                f"unix_socket_directories = '{self.folder}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 100\nshared_buffers = 32MB\n"
                "log_min_messages = warning\nlogging_collector = off\n")
        last = ""
        for _attempt in range(5):  # another process may take the free port before the server does
            self.port = _free_port()
            result = self._run("pg_ctl", "start", "-D", str(data), "-w", "-t", "60", "-s",
                               "-l", str(self.folder / "server.log"), "-o", f"-p {self.port}", timeout=90)
            if result.returncode == 0:
                break
            last = f"pg_ctl start failed ({result.returncode}): {result.stderr.strip()}\n{self._log_tail()}"
            if "already in use" not in last:
                break
        if result.returncode != 0:
            self.stop()
            raise PostgresUnavailable(last)
        try:
            import psycopg

            self._admin = psycopg.connect(host=self.host, port=self.port, user="postgres", dbname="postgres",
                                          autocommit=True, connect_timeout=10)
        except Exception as exc:
            self.stop()
            raise PostgresUnavailable(f"the server started but does not accept connections: {exc}") from exc
        self.startup_seconds = time.perf_counter() - began
        return self

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}/{dbname}"

    def new_database(self, prefix: str = "hub") -> tuple[str, str]:
        """A new empty database: (its name, its SQLAlchemy URL)."""
        name = f"{prefix}_{next(self._names)}"
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        return name, self.url(name)

    def copy_database(self, template: str, name: str) -> None:
        """Database ``name`` (empty, or not there) becomes a copy of database ``template``."""
        self.drop_database(name)
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')

    def drop_database(self, name: str) -> None:
        self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self._admin is not None:
            with contextlib.suppress(Exception):
                self._admin.close()
            self._admin = None
        if self.folder is None:
            return
        data = self.folder / "data"
        if (data / "postmaster.pid").exists():
            with contextlib.suppress(Exception):
                self._run("pg_ctl", "stop", "-D", str(data), "-m", "immediate", "-w", "-t", "30", "-s", timeout=40)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def __enter__(self) -> TempPostgres:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[TempPostgres | str]:
    """The session's PostgreSQL server, started on first use; or, when it
    could not be started, the reason (each PostgreSQL test then fails with it)."""
    try:
        server = TempPostgres().start()
    except PostgresUnavailable as exc:
        yield str(exc)
        return
    except Exception as exc:  # anything else is a broken set-up too: say what it was
        yield f"{type(exc).__name__}: {exc}"
        return
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database on the session's PostgreSQL server, as a
    SQLAlchemy URL (``postgresql+psycopg://postgres@127.0.0.1:PORT/hub_N``);
    dropped after the test."""
    if os.environ.get(OPT_OUT, "") not in ("", "0"):
        pytest.skip(f"{OPT_OUT} is set: PostgreSQL tests skipped")
    server = request.getfixturevalue("postgres_server")
    if isinstance(server, str):
        pytest.fail(f"PostgreSQL unavailable: {server}", pytrace=False)
    name, url = server.new_database()
    try:
        yield url
    finally:
        server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty hub database as a SQLAlchemy URL: a new SQLite file in the
    test's folder, or a new database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A 30-day demo store, its registration and its bundle, built once for the session (it takes many
    seconds): ``demo`` gives each module its own copy."""
    from charity_pos.demo.builder import build_demo
    from tests.helpers import run_cli

    folder = tmp_path_factory.mktemp("demo-template")
    store = folder / "store.sqlite3"
    build_demo(store, days=30)
    registration = folder / "registration.json"
    assert run_cli("store-key", "--db", store, "--out", registration, lang="en")[0] == 0
    out = folder / "out"
    out.mkdir()
    assert run_cli("export-bundle", "--db", store, "--out", out, lang="en")[0] == 0
    bundle = next(out.glob("*.cpbundle"))
    return store, registration, bundle


T = TypeVar("T")


@pytest.fixture(scope="session")
def _worlds() -> dict[tuple[str, str], tuple[Any, Path, Path, str]]:
    return {}


MadeOnce = Callable[[str, Callable[[str, Path], T]], T]


@pytest.fixture
def made_once(request: pytest.FixtureRequest, hub_url: str, tmp_path: Path,
              _worlds: dict[tuple[str, str], tuple[Any, Path, Path, str]],
              tmp_path_factory: pytest.TempPathFactory) -> MadeOnce[Any]:
    """``made_once(name, build)`` for a fixture that builds a world (stores, a hub with their bundles) before each
    test: the first call of the session for ``name`` and a kind of database runs ``build(url, folder)`` in a
    folder, home and hub database of its own; each call copies that folder into the test's ``tmp_path``, that
    home into the test's home, and that database into ``hub_url``'s, and returns what ``build`` returned (a
    dataclass, a path or the URL) with the folder's paths and the URL moved to the test's. The hub's SQLite file
    must be ``folder / "hub.sqlite3"``, as ``hub_url`` names it in ``tmp_path``."""
    kind = "sqlite" if hub_url.startswith("sqlite:") else "postgresql"
    server = request.getfixturevalue("postgres_server") if kind == "postgresql" else None
    if server is None:
        assert hub_url == f"sqlite:///{tmp_path / 'hub.sqlite3'}", hub_url

    def make(name: str, build: Callable[[str, Path], T]) -> T:
        made = _worlds.get((name, kind))
        if made is None:
            folder = tmp_path_factory.mktemp(f"{name}-{kind}")
            home = tmp_path_factory.mktemp(f"{name}-{kind}-home")
            if server is None:
                database, url = "", f"sqlite:///{folder / 'hub.sqlite3'}"
            else:
                assert isinstance(server, TempPostgres), server
                database, url = server.new_database("template")
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("CHARITY_POS_HOME", str(home))
                value = build(url, folder)
            for file in home.rglob("*"):  # nothing in the home may point into the folder
                assert not file.is_file() or str(folder).encode() not in file.read_bytes(), file
            made = _worlds[(name, kind)] = (value, folder, home, database)
        value, folder, home, database = made
        shutil.copytree(folder, tmp_path, dirs_exist_ok=True, symlinks=True)
        shutil.copytree(home, os.environ["CHARITY_POS_HOME"], dirs_exist_ok=True)
        if server is not None:
            assert isinstance(server, TempPostgres), server
            server.copy_database(database, hub_url.rsplit("/", 1)[1])
        old_url = f"sqlite:///{folder / 'hub.sqlite3'}" if server is None else server.url(database)

        def moved(item: Any) -> Any:
            if isinstance(item, Path) and item.is_relative_to(folder):
                return tmp_path / item.relative_to(folder)
            if item == old_url:
                return hub_url
            if dataclasses.is_dataclass(item) and not isinstance(item, type):
                return dataclasses.replace(item, **{f.name: moved(getattr(item, f.name))
                                                    for f in dataclasses.fields(item) if f.init})
            if isinstance(item, tuple):
                return tuple(moved(i) for i in item)
            return item

        return moved(value)

    return make
