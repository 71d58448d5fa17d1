"""What must not grow with the district's history: an import's household-hash
back-fill reads only the handouts still without a hash; the queries by
household hash and period use their indexes (and migration 0006 adds them to
a hub that exists); the over-allowance list and a downstream bundle send no
parameter per household (PostgreSQL refuses more than 65,535 in a statement);
the notice reads every store's journal head in one statement."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import create_engine, event, insert, inspect, select, text
from sqlalchemy.orm import Session

from charity_pos.hub import downstream, notice, overview, registry
from charity_pos.hub import engine as hub_engine
from charity_pos.hub.engine import HubDatabase, open_hub
from charity_pos.hub.importer import import_bundle
from charity_pos.hub.models import HubBase, HubHandout, HubHousehold, HubHouseholdLink, HubStore
from charity_pos.hub.rules import import_rules
from charity_pos.hub.service import init_hub
from charity_pos.reports.period import STORE_TZ, utc_range
from charity_pos.services.quotas import DEFAULT_RULES
from charity_pos.sync import district
from charity_pos.sync.bundle import read_bundle
from tests.hub import Hub, SourceStore, hub, source, store_key  # noqa: F401  (fixtures)
from tests.hub.test_downstream import (
    AREA_A, GOOD, demo_households, handout, registry_hashes, second_store, set_rules, with_links, write_csv,
)


@dataclass
class Executed:
    statement: str
    params: Any
    many: bool
    rowcount: int


@dataclass
class Statements:
    seen: list[Executed] = field(default_factory=list)

    def updates_of(self, table: str) -> list[Executed]:
        return [e for e in self.seen if e.statement.lstrip().upper().startswith(f"UPDATE {table.upper()} ")]

    def queries(self) -> list[Executed]:
        return [e for e in self.seen if e.statement.lstrip().upper().startswith(("SELECT", "WITH"))]

    def most_parameters(self) -> int:
        def count(params: Any) -> int:
            return len(params) if isinstance(params, (tuple, list, dict)) else 0
        return max((count(p) for e in self.seen for p in (e.params if e.many else [e.params])), default=0)


@contextmanager
def statements(db: HubDatabase) -> Iterator[Statements]:
    """Every statement the hub's engine runs inside the block, with its parameters and rows affected."""
    found = Statements()

    def after(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        found.seen.append(Executed(statement, params, many, cursor.rowcount))

    event.listen(db.engine, "after_cursor_execute", after)
    try:
        yield found
    finally:
        event.remove(db.engine, "after_cursor_execute", after)


def plan(db: HubDatabase, executed: Executed) -> str:
    """The database's plan of a statement as it was run (on a connection of its own). PostgreSQL is told to
    avoid reading whole tables, as it would with a district's rows, since its tables here are small."""
    if db.is_sqlite:
        assert db.file is not None
        with closing(sqlite3.connect(db.file)) as conn:
            return "\n".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN " + executed.statement,
                                                             executed.params))
    with db.engine.connect() as conn:
        with conn.connection.driver_connection.cursor() as cur:
            cur.execute("SET enable_seqscan = off")
            cur.execute("EXPLAIN " + executed.statement, executed.params)
            return "\n".join(row[0] for row in cur.fetchall())


def handout_ids(events: list[dict[str, Any]]) -> set[str]:
    """The handouts (by id) the events write: what the projections insert or set again."""
    return {c["id"] for e in events for c in json.loads(e["payload"])["changes"] if c["table"] == "handout"}


# --- the back-fill of household hashes ---------------------------------------------------------------------
def test_a_second_import_fills_only_its_own_handouts(hub: Hub, source: SourceStore) -> None:
    links = {h: f"{n:064x}" for n, h in enumerate(demo_households(source), start=1)}
    last = source.events[-1]["seq"]
    completed = [e["seq"] for e in source.events if e["kind"] == "handout.completed"]
    half = completed[len(completed) // 2]  # handouts in each bundle
    assert import_bundle(hub.db, with_links(hub, hub.folder / "a.cpbundle", 1, half - 1, links)).status == "applied"
    with hub.db.read() as s:
        held = {str(i) for i in s.scalars(select(HubHandout.id))}
    second = [e for e in source.events if e["seq"] >= half]
    assert held - handout_ids(second)  # handouts of the first bundle the second one leaves alone
    with statements(hub.db) as run:
        assert import_bundle(hub.db, with_links(hub, hub.folder / "b.cpbundle", half, last, links)).status == "applied"
    fills = [e for e in run.updates_of("hub_handout") if "SET household_hash=" in e.statement]
    assert len(fills) == 1 and not fills[0].many
    # the handouts the bundle wrote (new ones, and earlier ones it changed, which come without a hash)
    assert fills[0].rowcount == len(handout_ids(second))
    with hub.db.read() as s:
        handouts = list(s.scalars(select(HubHandout)))
    assert handouts and all(h.household_hash == links[h.household_id] for h in handouts)
    shown = plan(hub.db, fills[0])  # read through the index of handouts without a hash, not the store's rows
    assert "ix_hub_handout_unfilled" in shown and "SCAN hub_handout" not in shown, shown
    # the same bundle again: every event held, no handout written
    with statements(hub.db) as run:
        assert import_bundle(hub.db, hub.folder / "b.cpbundle").status == "already"
    assert sum(max(e.rowcount, 0) for e in run.updates_of("hub_handout")) == 0


def test_a_changed_link_refills_that_households_handouts_only(hub: Hub, source: SourceStore) -> None:
    ids = demo_households(source)
    links = {h: f"{n:064x}" for n, h in enumerate(ids, start=1)}
    last = source.events[-1]["seq"]
    assert import_bundle(hub.db, with_links(hub, hub.folder / "a.cpbundle", 1, last - 1, links)).status == "applied"
    with hub.db.read() as s:
        counts = {h: len(s.scalars(select(HubHandout.id).where(HubHandout.household_id == h)).all()) for h in ids}
    moved = max(ids, key=lambda h: counts[h])
    changed = {**links, moved: "e" * 64}  # its ID number corrected at the store
    with statements(hub.db) as run:
        assert import_bundle(hub.db, with_links(hub, hub.folder / "b.cpbundle", last, last, changed)).status == "applied"
    (refill,) = [e for e in run.updates_of("hub_handout") if "household_hash IS NOT NULL" in e.statement]
    assert refill.rowcount == counts[moved]  # that household's handouts, by the index of households
    with hub.db.read() as s:
        held = dict(s.execute(select(HubHouseholdLink.household_id, HubHouseholdLink.district_hash)).all())
        handouts = list(s.scalars(select(HubHandout)))
    assert held == changed
    assert all(h.household_hash == changed[h.household_id] for h in handouts)
    # its handouts before, refilled, and any the second bundle brought (the demo's last events may be a handout)
    assert sum(h.household_hash == "e" * 64 for h in handouts) == sum(h.household_id == moved for h in handouts)
    assert sum(h.household_id == moved for h in handouts) >= counts[moved] > 0


def _steps_to_fill(tmp_path: Path, filled: int, new: int) -> int:
    """SQLite's virtual-machine steps (in hundreds) for the back-fill of ``new`` handouts, when the store
    already has ``filled`` handouts with their hash."""
    path = tmp_path / f"fill-{filled}.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    HubBase.metadata.create_all(engine)
    store, at = uuid.uuid4(), datetime(2026, 3, 1, tzinfo=UTC)
    households = [uuid.uuid4() for _ in range(500)]

    def rows(count: int, hashed: bool) -> list[dict[str, Any]]:
        return [{"store_id": store, "id": uuid.uuid4(), "number": "H", "at": at, "household_id": households[i % 500],
                 "household_hash": f"{i % 500:064x}" if hashed else None, "period_key": "2026-03",
                 "total_value_fen": 100, "over_allowance": False, "units": 1} for i in range(count)]

    with Session(engine) as s, s.begin():
        s.execute(insert(HubStore), [{"id": store, "code": "JA01", "name": "x", "short_name": "x", "district": "d",
                                      "public_key": "k", "registered_at": at, "last_seq": 0, "last_hash": "0" * 64}])
        s.execute(insert(HubHouseholdLink), [{"store_id": store, "household_id": h, "district_hash": f"{i:064x}"}
                                             for i, h in enumerate(households)])
        s.execute(insert(HubHandout), rows(filled, True))
        s.execute(insert(HubHandout), rows(new, False))
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0

    try:
        with Session(engine) as s, s.begin():
            raw = s.connection().connection.driver_connection
            raw.set_progress_handler(tick, 100)
            downstream.fill_household_hashes(s, store)
            raw.set_progress_handler(None, 0)
            assert s.scalar(select(HubHandout.id).where(HubHandout.household_hash.is_(None)).limit(1)) is None
    finally:
        engine.dispose()
    return steps


def test_the_back_fill_does_not_grow_with_the_stores_history(tmp_path: Path) -> None:
    small, large = _steps_to_fill(tmp_path, 1_000, 20), _steps_to_fill(tmp_path, 30_000, 20)
    assert large <= small * 1.2 + 2, (small, large)  # reading every handout, it was about 30 times as many


# --- the indexes -------------------------------------------------------------------------------------------
def test_the_hash_and_period_queries_use_their_indexes(hub: Hub, tmp_path: Path) -> None:
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    set_rules(hub, tmp_path)
    hashes = registry_hashes(hub)
    other = second_store(hub, tmp_path, "JA02", [AREA_A])
    with hub.db.read() as s:
        own = s.scalars(select(HubStore).where(HubStore.code == hub.store.code)).one()
    handout(hub, own.id, hashes["JA0001"], "2026-03", 9000)
    handout(hub, other.id, hashes["JA0001"], "2026-03", 9000)
    out = tmp_path / "down"
    out.mkdir()
    with statements(hub.db) as run:
        downstream.export_bundle(hub.db, "JA02", out, clock=lambda: datetime(2026, 3, 20, 4, tzinfo=UTC))
        assert downstream.check_allowance(hub.db).rows
    (use,) = [e for e in run.seen if "sum(hub_handout.total_value_fen)" in e.statement and "GROUP BY" in e.statement
              and "hub_store" not in e.statement]
    assert "ix_hub_handout_hash_period" in plan(hub.db, use)
    (groups,) = [e for e in run.seen if "count(*)" in e.statement and "GROUP BY hub_handout.household_hash" in e.statement]
    only_the_index = "COVERING INDEX ix_hub_handout_hash_period" if hub.db.is_sqlite else "ix_hub_handout_hash_period"
    assert only_the_index in plan(hub.db, groups)
    (area,) = [e for e in run.seen if "hub_household.subdistrict IN" in e.statement and "ORDER BY" in e.statement]
    assert "ix_hub_household_subdistrict" in plan(hub.db, area)


def test_migration_0006_adds_the_indexes_to_a_hub_that_exists(hub_url: str) -> None:
    engine = create_engine(hub_url)
    try:
        with engine.connect() as conn:  # a hub as the release before left it, with a handout in it
            command.upgrade(hub_engine.MIGRATIONS.config(conn), "0005")
            conn.commit()
            store = uuid.uuid4()
            at = datetime(2026, 3, 1, tzinfo=UTC)
            conn.execute(insert(HubStore.__table__), [{
                "id": store, "code": "JA01", "name": "x", "short_name": "x", "district": "d", "public_key": "k",
                "registered_at": at, "last_seq": 0, "last_hash": "0" * 64, "projections": 2}])
            conn.execute(insert(HubHandout.__table__), [{
                "store_id": store, "id": uuid.uuid4(), "number": "H1", "at": at, "household_id": uuid.uuid4(),
                "household_hash": None, "period_key": "2026-03", "total_value_fen": 100, "over_allowance": False,
                "units": 1}])
            conn.commit()
            assert "ix_hub_handout_unfilled" not in {i["name"] for i in inspect(conn).get_indexes("hub_handout")}
    finally:
        engine.dispose()
    with open_hub(hub_url) as db, db.engine.connect() as conn:
        assert hub_engine.MIGRATIONS.current(conn) == hub_engine.MIGRATIONS.head()
        names = {i["name"] for i in inspect(conn).get_indexes("hub_handout")}
        assert {"ix_hub_handout_hash_period", "ix_hub_handout_unfilled"} <= names
        assert "ix_hub_household_subdistrict" in {i["name"] for i in inspect(conn).get_indexes("hub_household")}
        if db.is_sqlite:
            sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'ix_hub_handout_unfilled'")).scalar()
        else:
            sql = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_hub_handout_unfilled'")
                               ).scalar()
        assert "household_hash IS NULL" in str(sql)
        assert conn.execute(select(HubHandout.number)).scalars().all() == ["H1"]


# --- city scale on PostgreSQL ------------------------------------------------------------------------------
HOUSEHOLDS = 70_000  # more than the 65,535 parameters PostgreSQL takes in one statement


def _copy(conn: Any, table: str, columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]) -> None:
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def test_more_households_than_postgresql_takes_parameters(postgres_url: str, tmp_path: Path) -> None:
    began = time.perf_counter()
    init_hub(postgres_url, "静安区", clock=lambda: datetime(2026, 3, 12, 1, 0, tzinfo=UTC))
    db = open_hub(postgres_url)
    try:
        at = datetime(2026, 3, 5, 2, tzinfo=UTC)
        stores = {"JA01": uuid.uuid4(), "JA02": uuid.uuid4()}
        over = {n for n in range(0, HOUSEHOLDS, 7_000)}  # these also took ¥100 at JA02: past ¥70 (2 members)
        with db.begin() as s:
            s.execute(insert(HubStore), [{"id": i, "code": c, "name": c, "short_name": c, "district": "静安区",
                                          "public_key": "k", "registered_at": at, "last_seq": 0, "last_hash": "0" * 64}
                                         for c, i in stores.items()])
            conn = s.connection().connection.driver_connection
            _copy(conn, "hub_household", ("id", "card_number", "head_name", "id_masked", "district_hash", "members",
                                          "category", "subdistrict", "valid_from", "valid_to", "status",
                                          "consent_on", "imported_at"),
                  ((uuid.uuid4(), f"JA{n:06d}", "王小明", "310106********0001", f"{n:064x}", 2, "dibao", AREA_A,
                    date(2026, 1, 1), date(2027, 12, 31), "active", date(2026, 1, 5), at) for n in range(HOUSEHOLDS)))
            columns = ("store_id", "id", "number", "at", "household_id", "household_hash", "period_key",
                       "total_value_fen", "over_allowance", "units")
            _copy(conn, "hub_handout", columns,
                  ((stores["JA01"], uuid.uuid4(), f"H{n}", at, uuid.uuid4(), f"{n:064x}", "2026-03", 3000, False, 1)
                   for n in range(HOUSEHOLDS)))
            _copy(conn, "hub_handout", columns,
                  ((stores["JA02"], uuid.uuid4(), f"H{n}", at, uuid.uuid4(), f"{n:064x}", "2026-03", 10000, False, 1)
                   for n in sorted(over)))
        rules = tmp_path / "rules.json"
        rules.write_text(json.dumps([downstream.rule_dict(r) for r in DEFAULT_RULES]), encoding="utf-8")
        import_rules(db, rules, at)

        with statements(db) as run:
            check = downstream.check_allowance(db)
        assert check.judged and check.unknown_households == 0 and check.unmatched_handouts == 0
        assert [(r.card_number, r.used_fen, r.stores) for r in check.rows] == [
            (f"JA{n:06d}", 13_000, ("JA01", "JA02")) for n in sorted(over)]
        assert len(run.seen) < 10 and run.most_parameters() < 20

    finally:
        db.close()
    assert time.perf_counter() - began < 60  # about 15 s on a busy test machine


def _registry(db: HubDatabase, count: int) -> list[str]:
    at = datetime(2026, 3, 1, tzinfo=UTC)
    rows = [{"id": uuid.uuid4(), "card_number": f"JA{n:06d}", "head_name": "王小明", "id_masked": "310106********0001",
             "district_hash": f"{n:064x}", "members": 2, "category": "dibao", "subdistrict": AREA_A,
             "valid_from": date(2026, 1, 1), "valid_to": date(2027, 12, 31), "status": "active",
             "consent_on": date(2026, 1, 5), "imported_at": at} for n in range(count)]
    with db.begin() as s:
        s.execute(insert(HubHousehold), rows)
    return [r["district_hash"] for r in rows]


def test_a_downstream_bundle_sends_no_parameter_per_household(hub: Hub, tmp_path: Path) -> None:
    other = second_store(hub, tmp_path, "JA02", [AREA_A])
    with hub.db.read() as s:
        own = s.scalars(select(HubStore).where(HubStore.code == hub.store.code)).one()
    out = tmp_path / "down"
    out.mkdir()
    seen = []
    for count in (10, 1_200):
        with hub.db.begin() as s:
            s.execute(HubHousehold.__table__.delete())
        hashes = _registry(hub.db, count)
        handout(hub, own.id, hashes[-1], "2026-03", 700)
        handout(hub, other.id, hashes[-1], "2026-03", 900)  # its own: not counted as use elsewhere
        with statements(hub.db) as run:
            written = downstream.export_bundle(hub.db, "JA02", out, clock=lambda: datetime(2026, 3, 20, 4, tzinfo=UTC))
        assert written.counts["households"] == count and written.counts["use"] == 2 * count
        use = {(u["district_hash"], u["period_key"]): u["used_fen"]
               for u in map(json.loads, read_bundle(written.path).files[district.USE].splitlines())}
        assert use[(hashes[-1], "2026-03")] == 700 and use[(hashes[0], "2026-03")] == 0
        seen.append((len(run.seen), run.most_parameters()))
    assert seen[0] == seen[1] and seen[1][1] < 20, seen


# --- one statement for every store's journal head ----------------------------------------------------------
def test_the_notice_reads_every_stores_head_in_one_statement(hub: Hub, tmp_path: Path, source: SourceStore) -> None:
    assert import_bundle(hub.db, hub.bundle(1, source.events[-1]["seq"])).status == "applied"
    first = datetime.fromisoformat(source.events[0]["at"]).astimezone(STORE_TZ).date()
    start, end = notice.check_month(f"{first.year}-{first.month:02d}", datetime.fromisoformat(source.events[-1]["at"]))
    with statements(hub.db) as run:
        alone = notice.build(hub.db, start, end)
    for code in ("JA02", "JA03", "JA04"):
        second_store(hub, tmp_path, code)
    with statements(hub.db) as more:
        four = notice.build(hub.db, start, end)
    assert len(more.seen) == len(run.seen)
    assert [(s.code, s.head) for s in four.stores] == [(alone.stores[0].code, alone.stores[0].head),
                                                       ("JA02", None), ("JA03", None), ("JA04", None)]
    expected = max((e for e in source.events if e["at"] < utc_range(start, end)[1].isoformat()),
                   key=lambda e: e["seq"])
    assert alone.stores[0].head is not None
    assert (alone.stores[0].head.seq, alone.stores[0].head.hash) == (expected["seq"], expected["hash"])


def test_the_stores_list_reads_every_stores_last_event_in_one_statement(hub: Hub, tmp_path: Path,
                                                                        source: SourceStore) -> None:
    assert import_bundle(hub.db, hub.bundle(1, source.events[-1]["seq"])).status == "applied"
    with statements(hub.db) as run:
        (alone,) = overview.stores(hub.db)
    for code in ("JA02", "JA03"):
        second_store(hub, tmp_path, code)
    with statements(hub.db) as more:
        rows = overview.stores(hub.db)
    assert len(run.queries()) == len(more.queries()) == 1
    last = source.events[-1]
    assert (alone.code, alone.last_seq, alone.last_event_at, alone.last_event_kind) == (
        source.code, last["seq"], last["at"], last["kind"])
    assert rows[0] == alone
    assert [(r.code, r.last_seq, r.last_event_at, r.last_event_kind, r.last_bundle_at) for r in rows[1:]] == [
        ("JA02", 0, None, None, None), ("JA03", 0, None, None, None)]
