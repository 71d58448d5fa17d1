"""The ``hub_url`` fixture itself: a working, empty database on SQLite and on
a real PostgreSQL server, a new one for every test."""

from __future__ import annotations

import multiprocessing
import uuid

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, Uuid, create_engine, inspect, select, text

NAME = "普陀区长征镇慈善超市 · 东北大米 5kg"

metadata = MetaData()
marker = Table("marker", metadata,
               Column("id", Uuid, primary_key=True),
               Column("name", String(100), nullable=False))
hits = Table("hits", metadata,
             Column("id", Integer, primary_key=True, autoincrement=True),
             Column("worker", Integer, nullable=False),
             Column("backend", Integer, nullable=False))

# The URL each param's first test got, for the second to compare with.
_seen: dict[str, str] = {}


def _param(url: str) -> str:
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def test_round_trip_uuid_and_chinese_text(hub_url: str) -> None:
    engine = create_engine(hub_url)
    try:
        assert engine.dialect.name == _param(hub_url)
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                assert conn.scalar(text("select version()")).startswith("PostgreSQL ")
                assert conn.scalar(text("show server_encoding")) == "UTF8"
        assert inspect(engine).get_table_names() == []  # a fresh, empty database
        metadata.create_all(engine)
        key = uuid.uuid4()
        with engine.begin() as conn:
            conn.execute(marker.insert().values(id=key, name=NAME))
        engine.dispose()
        with engine.connect() as conn:
            row = conn.execute(select(marker.c.id, marker.c.name)).one()
        assert row.id == key and isinstance(row.id, uuid.UUID)
        assert row.name == NAME
        _seen.setdefault(_param(hub_url), hub_url)
    finally:
        engine.dispose()


def test_each_test_gets_its_own_database(hub_url: str) -> None:
    engine = create_engine(hub_url)
    try:
        # Nothing the test above created is here, whichever ran first.
        assert inspect(engine).get_table_names() == []
        earlier = _seen.get(_param(hub_url))
        if earlier is not None:
            assert earlier != hub_url
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                name = conn.scalar(text("select current_database()"))
                others = conn.scalars(text("select datname from pg_database where datname like 'hub\\_%'")).all()
            assert others == [name]  # the earlier test's database was dropped
    finally:
        engine.dispose()


def _worker(url: str, number: int, barrier: multiprocessing.synchronize.Barrier,  # type: ignore[name-defined]
            results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    try:
        engine = create_engine(url)
        with engine.begin() as conn:
            backend = conn.scalar(text("select pg_backend_pid()"))
            conn.execute(hits.insert().values(worker=number, backend=backend))
            barrier.wait(timeout=60)  # all four connections are open at once
        engine.dispose()
        results.put((number, backend, None))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        results.put((number, None, repr(exc)))


def test_four_processes_connect_at_once(hub_url: str) -> None:
    if _param(hub_url) != "postgresql":
        pytest.skip("concurrent writers from several processes: PostgreSQL only")
    engine = create_engine(hub_url)
    metadata.create_all(engine)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(4)
    results = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(hub_url, n, barrier, results)) for n in range(4)]
    try:
        for p in procs:
            p.start()
        got = [results.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(timeout=30)
        assert [err for _, _, err in got if err] == []
        assert all(p.exitcode == 0 for p in procs)
        assert len({backend for _, backend, _ in got}) == 4
        with engine.connect() as conn:
            rows = conn.execute(select(hits.c.worker, hits.c.backend)).all()
        assert sorted(rows) == sorted((n, b) for n, b, _ in got)
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
        engine.dispose()
