"""A district hub on the test run's PostgreSQL server (``tests.hub.conftest``),
for the fault tests: a hub with one store registered and nothing imported,
kept as a template database, and a fresh copy of it for each run; what the
hub holds, checked as ``tests.faults.test_kills.hub_state`` checks a SQLite
hub; and what the server still has open on the hub after a client died."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from charity_pos.ledger.canonical import GENESIS
from tests.hub.conftest import TempPostgres


@dataclass
class PgHub:
    server: TempPostgres
    #: the hub as district staff set it up: the store registered, nothing imported (a template database)
    template: str
    #: the database each run works on, made again from the template by ``fresh``
    name: str
    bundle: Path = Path()
    #: events and sales in the bundle
    total: int = 0
    sales: int = 0
    admin: psycopg.Connection = field(init=False)

    def __post_init__(self) -> None:
        self.admin = psycopg.connect(host=self.server.host, port=self.server.port, user="postgres",
                                     dbname="postgres", autocommit=True, connect_timeout=10)

    @property
    def url(self) -> str:
        return self.server.url(self.name)

    @property
    def template_url(self) -> str:
        return self.server.url(self.template)

    def fresh(self) -> str:
        """The run's hub made again from the template (what it was before any import); its URL."""
        self.admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template}"')
        return self.url

    def close(self) -> None:
        for name in (self.name, self.template):
            self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.close()

    # -- what the server has open on the run's hub -------------------------------------------------------
    def sessions(self) -> list[tuple[int, str | None, str | None]]:
        """The server's sessions on the run's hub: (pid, state, wait event)."""
        return [(int(r[0]), r[1], r[2]) for r in self.admin.execute(
            "SELECT pid, state, wait_event FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (self.name,)).fetchall()]

    def settled(self, timeout: float = 15) -> None:
        """Wait until the server has ended every session of a killed client on the hub (it notices the
        closed connection and rolls back); then no lock and no prepared transaction is left there."""
        give_up = time.monotonic() + timeout
        while self.sessions() and time.monotonic() < give_up:
            time.sleep(0.02)
        assert self.sessions() == [], f"sessions still open on the hub after the client died: {self.sessions()}"
        locks = self.admin.execute(
            "SELECT locktype, mode, relation::regclass::text FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
            "WHERE d.datname = %s", (self.name,)).fetchall()
        assert locks == [], f"locks left on the hub: {locks}"
        prepared = self.admin.execute("SELECT gid FROM pg_prepared_xacts WHERE database = %s", (self.name,)).fetchall()
        assert prepared == []

    def holds_apply_lock(self) -> bool:
        """A session on the hub holds the store's row for an import (``SELECT ... FOR UPDATE``: a row-share
        lock on hub_store), so the import's transaction is under way."""
        return bool(self.admin.execute(
            "SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database JOIN pg_stat_activity a "
            "ON a.pid = l.pid WHERE d.datname = %s AND l.locktype = 'relation' AND l.mode = 'RowShareLock' "
            "AND a.xact_start IS NOT NULL", (self.name,)).fetchone())


def counts(url: str) -> dict[str, int]:
    """Rows in every table of the hub."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            names = sorted(inspect(conn).get_table_names())
            return {n: int(conn.scalar(text(f'SELECT count(*) FROM "{n}"')) or 0) for n in names}
    finally:
        engine.dispose()


def state(url: str) -> tuple[int, int]:
    """The hub's own checks: every store's events gap-free from 1 and chained, its head the last event, the
    sales projected exactly for the events held, and each event held counted once in the log of applied
    bundles. Returns (events, sales)."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            held = conn.execute(text("SELECT store_id, seq, prev_hash, hash, kind FROM hub_event "
                                     "ORDER BY store_id, seq")).all()
            heads = {r[0]: (r[1], r[2]) for r in conn.execute(text("SELECT id, last_seq, last_hash FROM hub_store"))}
            projected = int(conn.scalar(text("SELECT count(*) FROM hub_sale")) or 0)
            applied = int(conn.scalar(text("SELECT coalesce(sum(events_applied), 0) FROM hub_bundle "
                                           "WHERE result = 'applied'")) or 0)
    finally:
        engine.dispose()
    by_store: dict[object, list[tuple[object, ...]]] = {}
    for row in held:
        by_store.setdefault(row[0], []).append(tuple(row))
    for store_id, chain in by_store.items():
        assert [r[1] for r in chain] == list(range(1, len(chain) + 1))
        assert all(chain[i][2] == chain[i - 1][3] for i in range(1, len(chain)))
        assert heads[store_id] == (chain[-1][1], chain[-1][3])
    for store_id, (last_seq, last_hash) in heads.items():
        if store_id not in by_store:
            assert (last_seq, last_hash) == (0, GENESIS)
    sold = sum(1 for r in held if r[4] == "sale.completed")
    assert projected == sold
    assert applied == len(held), f"{applied} events counted as applied, {len(held)} held"
    return len(held), sold
