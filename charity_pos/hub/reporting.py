"""Who has reported: a stores x months matrix, as the district's
reporting-rate reports do it (DHIS2: expected, actual and on-time reports).

A store's month is what its journal holds of that month: the events whose
time (``hub_event.at``, UTC) falls in the month in Shanghai time. The month
*reached the hub* when the last bundle carrying events of it was imported
(``hub_bundle.at``, applied bundles only, by the event numbers each one
applied). Each cell is one of:

- ``on_time``: events of the month reached the hub by its deadline, the end
  of the DUE_DAY-th (5th) day of the next month, Shanghai time. Before the
  deadline, a month counts as on time once the hub holds events of it and
  the store has sent a bundle in the last 7 days (it is reporting as it goes);
- ``late``: events of the month reached the hub, the last of them after the
  deadline;
- ``missing``: no event of the month is at the hub and the deadline has passed;
- ``not_due``: the deadline has not passed yet, and either no event of the
  month is at the hub or the store has been silent for more than 7 days;
- ``not_expected``: the store was registered at the hub after the month ended.

Per month: expected = the stores registered before the month ended; the
reporting rate is (on time + late) / expected and the on-time rate on time /
expected, given once the month's deadline has passed. Per store: the days
since its last bundle; stores silent for more than 7 days (or never heard
from) come first.

Speed: ``hub_event`` is keyed by (store, number) and its time is text, so a
GROUP BY month over every event reads the whole table (seconds for a
district's year on PostgreSQL). A store's journal is written in time order,
so a month is a range of event numbers: the first number of each month is
found by bisection over the key, all stores and months in step, one query
of a few hundred key lookups per step (about 17 steps for a year of a busy
store); counts, bundles and last events then come from the numbers. A store
whose clock once went back has the events around that jump counted with
the month their neighbours fall in.
"""

from __future__ import annotations

import uuid
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from charity_pos.errors import InvalidInput, StoreNotRegistered
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.importer import APPLIED
from charity_pos.hub.models import HubBundle, HubEvent, HubStore
from charity_pos.hub.overview import STALE_AFTER
from charity_pos.reports.period import STORE_TZ, check_range, day_start, parse_month
from charity_pos.reports.table import Words as W
from charity_pos.services.base import Clock, system_clock

ON_TIME, LATE, MISSING, NOT_DUE, NOT_EXPECTED = "on_time", "late", "missing", "not_due", "not_expected"
STATES = (ON_TIME, LATE, MISSING, NOT_DUE, NOT_EXPECTED)
#: a month's events are due at the hub by the end of this day of the next month (Shanghai time)
DUE_DAY = 5
#: at most this many months in one matrix
MAX_MONTHS = 36

#: the words for the journal's commonest kinds of event (others are shown as the store wrote them)
EVENT_KINDS = {
    "sale.completed": W("销售", "Sale"), "sale.voided": W("销售作废", "Sale voided"),
    "sale.returned": W("退货", "Return"), "donation.received": W("接收捐赠", "Donation received"),
    "handout.completed": W("物资发放", "Relief handout"), "receipt.issued": W("开具捐赠收据", "Receipt issued"),
    "receipt.voided": W("收据作废", "Receipt voided"), "receipt.reprinted": W("收据补打", "Receipt reprinted"),
    "stock.received": W("采购入库", "Stock received"), "stock.counted": W("盘点", "Stock count"),
    "stock.written_off": W("报损", "Goods written off"),
    "shift.opened": W("开班", "Shift opened"), "shift.closed": W("交班", "Shift closed"),
    "funds.used": W("善款使用", "Funds used"), "donor.registered": W("登记捐赠人", "Donor registered"),
    "household.registered": W("登记救助家庭", "Household registered"),
    "households.imported": W("导入救助家庭", "Households imported"),
    "item.created": W("新增商品", "Item added"), "item.updated": W("修改商品", "Item changed"),
    "user.created": W("新增用户", "User added"), "store.initialised": W("门店初始化", "Store set up"),
    "quota.rule_set": W("设定额度规则", "Quota rule set"),
    "consignor.registered": W("登记代销委托方", "Consignor registered"),
    "consignment.received": W("代销收货", "Consigned goods received"),
    "consignment.returned": W("代销退回", "Consigned goods returned"),
}


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> datetime:
        """Its first moment, Shanghai time, in UTC."""
        return day_start(date(self.year, self.month, 1))

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    @property
    def end(self) -> datetime:
        return self.next().start

    @property
    def deadline(self) -> datetime:
        """When its events are due at the hub: the end of the DUE_DAY-th of the next month."""
        following = self.next()
        return day_start(date(following.year, following.month, DUE_DAY)) + timedelta(days=1)

    @classmethod
    def of(cls, at: datetime) -> Month:
        local = at.astimezone(STORE_TZ)
        return cls(local.year, local.month)

    @classmethod
    def parse(cls, text: str, field: str) -> Month:
        first, _last = parse_month(text, field=field)
        return cls(first.year, first.month)


@dataclass(frozen=True)
class Cell:
    state: str
    #: events of the month at the hub
    events: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    #: the time of the month's last event (as the store wrote it, UTC)
    last_event_at: datetime | None = None
    #: when the last bundle carrying events of the month was imported
    reached_at: datetime | None = None
    #: how many bundles carried them
    bundles: int = 0

    @property
    def reported(self) -> bool:
        return self.state in (ON_TIME, LATE)


@dataclass(frozen=True)
class StoreLine:
    code: str
    name: str
    short_name: str
    registered_at: datetime
    last_bundle_at: datetime | None
    #: whole days since the last bundle; None: never sent one
    days_silent: int | None
    silent: bool
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class MonthRate:
    month: str
    expected: int
    on_time: int
    late: int
    missing: int
    #: the deadline has passed: the rates are final
    due: bool

    @property
    def reported(self) -> int:
        return self.on_time + self.late

    @property
    def rate(self) -> float | None:
        return self.reported / self.expected if self.expected else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.expected if self.expected else None


@dataclass(frozen=True)
class Status:
    months: tuple[str, ...]
    stores: tuple[StoreLine, ...]
    rates: tuple[MonthRate, ...]
    now: datetime


def month_range(start: str | None, end: str | None, now: datetime) -> list[Month]:
    """The months from ``start`` to ``end`` (YYYY-MM); by default the 12 months up to this one.
    InvalidInput for a month that is none, an end before the start, or more than MAX_MONTHS."""
    current = Month.of(now)
    last = Month.parse(end, "to") if end else None
    first = Month.parse(start, "from") if start else None
    if last is None:
        last = current if first is None or first <= current else first
    if first is None:
        first = last
        for _ in range(11):
            first = Month(first.year - (first.month == 1), (first.month - 2) % 12 + 1)
    check_range(date(first.year, first.month, 1), date(last.year, last.month, 1))
    months = [first]
    while months[-1] < last:
        months.append(months[-1].next())
        if len(months) > MAX_MONTHS:
            raise InvalidInput(field="to", value=last.key, reason="months_range")
    return months


def _at(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        return None
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _times(s: Session, wanted: dict[uuid.UUID, set[int]]) -> dict[tuple[uuid.UUID, int], datetime | None]:
    """The time of each event asked for (store, number), by the primary key, in one query per 500 stores."""
    found: dict[tuple[uuid.UUID, int], datetime | None] = {}
    conditions = [and_(HubEvent.store_id == store_id, HubEvent.seq.in_(sorted(seqs)))
                  for store_id, seqs in wanted.items() if seqs]
    for start in range(0, len(conditions), 500):
        for store_id, seq, at in s.execute(select(HubEvent.store_id, HubEvent.seq, HubEvent.at)
                                           .where(or_(*conditions[start:start + 500]))):
            found[(store_id, seq)] = _at(at)
    return found


def first_numbers(s: Session, heads: dict[uuid.UUID, int], bounds: Sequence[datetime]) -> dict[uuid.UUID, list[int]]:
    """For each store (and the number of its last event at the hub), the
    number of its first event at or after each of ``bounds`` (its last
    number + 1 where none is): bisection over the key, every store and
    bound in step."""
    low = {(store, i): 1 for store in heads for i in range(len(bounds))}
    high = {(store, i): heads[store] + 1 for store in heads for i in range(len(bounds))}
    while True:
        probes: dict[uuid.UUID, set[int]] = defaultdict(set)
        for key, lo in low.items():
            if lo < high[key]:
                probes[key[0]].add((lo + high[key]) // 2)
        if not probes:
            break
        times = _times(s, probes)
        for key, lo in low.items():
            hi = high[key]
            if lo >= hi:
                continue
            middle = (lo + hi) // 2
            at = times.get((key[0], middle))
            if at is not None and at >= bounds[key[1]]:
                high[key] = middle
            else:
                low[key] = middle + 1
    return {store: [low[(store, i)] for i in range(len(bounds))] for store in heads}


@dataclass(frozen=True)
class _Bundle:
    first_new: int
    last_seq: int
    at: datetime
    file_name: str


def _bundles(s: Session, store_ids: Iterable[uuid.UUID], from_seq: dict[uuid.UUID, int]) -> dict[uuid.UUID, list[_Bundle]]:
    """Each store's applied bundles that brought events from ``from_seq`` on, by the numbers they applied."""
    found: dict[uuid.UUID, list[_Bundle]] = defaultdict(list)
    conditions = [and_(HubBundle.store_id == store_id, HubBundle.last_seq >= from_seq[store_id])
                  for store_id in store_ids]
    if not conditions:
        return found
    query = (select(HubBundle.store_id, HubBundle.last_seq, HubBundle.events_applied, HubBundle.at,
                    HubBundle.file_name)
             .where(HubBundle.result == APPLIED, HubBundle.events_applied > 0, or_(*conditions))
             .order_by(HubBundle.store_id, HubBundle.last_seq))
    for store_id, last_seq, applied, at, name in s.execute(query):
        assert store_id is not None and last_seq is not None  # an applied bundle names its store and last event
        found[store_id].append(_Bundle(last_seq - applied + 1, last_seq, at, name))
    return found


def _carrying(bundles: list[_Bundle], first: int, last: int) -> list[_Bundle]:
    """The bundles that applied any of the events first..last (bundles sorted by their last number)."""
    out = []
    for index in range(bisect_left([b.last_seq for b in bundles], first), len(bundles)):
        if bundles[index].first_new > last:
            break
        out.append(bundles[index])
    return out


def _state(month: Month, registered_at: datetime, events: int, reached: datetime | None, last_bundle: datetime | None,
           now: datetime) -> str:
    if registered_at >= month.end:
        return NOT_EXPECTED
    if now < month.deadline:
        sending = last_bundle is not None and now - last_bundle <= STALE_AFTER
        return ON_TIME if events and sending else NOT_DUE
    if not events:
        return MISSING
    return ON_TIME if reached is not None and reached <= month.deadline else LATE


def _silent_first(line: StoreLine) -> tuple[int, int, str]:
    """Silent stores first, the longest silent (never heard from) at the top; then by code."""
    if not line.silent:
        return (1, 0, line.code)
    return (0, -(line.days_silent if line.days_silent is not None else 10**9), line.code)


def reporting_status(db: HubDatabase, start: str | None = None, end: str | None = None, *,
                     clock: Clock = system_clock) -> Status:
    """The stores x months matrix from ``start`` to ``end`` (YYYY-MM; by default the last 12 months)."""
    now = clock()
    months = month_range(start, end, now)
    bounds = [m.start for m in months] + [months[-1].end]
    with db.read() as s:
        stores = list(s.scalars(select(HubStore).order_by(HubStore.code)))
        heads = {store.id: store.last_seq for store in stores}
        firsts = first_numbers(s, heads, bounds)
        last_wanted: dict[uuid.UUID, set[int]] = defaultdict(set)
        for store in stores:
            numbers = firsts[store.id]
            for i in range(len(months)):
                if numbers[i + 1] > numbers[i]:
                    last_wanted[store.id].add(numbers[i + 1] - 1)
        last_times = _times(s, last_wanted)
        bundles = _bundles(s, heads, {store_id: numbers[0] for store_id, numbers in firsts.items()})
    lines = []
    for store in stores:
        numbers = firsts[store.id]
        cells = []
        for i, month in enumerate(months):
            first, last = numbers[i], numbers[i + 1] - 1
            events = max(0, last - first + 1)
            carried = _carrying(bundles.get(store.id, []), first, last) if events else []
            reached = max((b.at for b in carried), default=None)
            cells.append(Cell(_state(month, store.registered_at, events, reached, store.last_bundle_at, now),
                              events, first if events else None, last if events else None,
                              last_times.get((store.id, last)) if events else None, reached, len(carried)))
        days = (now - store.last_bundle_at).days if store.last_bundle_at is not None else None
        silent = store.last_bundle_at is None or now - store.last_bundle_at > STALE_AFTER
        lines.append(StoreLine(store.code, store.name, store.short_name, store.registered_at, store.last_bundle_at, days, silent,
                               tuple(cells)))
    # silent stores first, the longest silent (never heard from) at the top; then by code
    lines.sort(key=_silent_first)
    rates = []
    for i, month in enumerate(months):
        column = [line.cells[i] for line in lines if line.cells[i].state != NOT_EXPECTED]
        rates.append(MonthRate(month.key, len(column), sum(c.state == ON_TIME for c in column),
                               sum(c.state == LATE for c in column), sum(c.state == MISSING for c in column),
                               now >= month.deadline))
    return Status(tuple(m.key for m in months), tuple(lines), tuple(rates), now)


# --- one store's month ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BundleLine:
    file_name: str
    imported_at: datetime
    #: the events of the month it brought
    first_seq: int
    last_seq: int


@dataclass(frozen=True)
class StoreMonth:
    code: str
    name: str
    month: str
    cell: Cell
    #: (event kind, count), the most frequent first
    kinds: tuple[tuple[str, int], ...]
    bundles: tuple[BundleLine, ...]
    deadline: datetime


def store_month(db: HubDatabase, store_code: str, month: str, *, clock: Clock = system_clock) -> StoreMonth:
    """What the hub holds of one store's month: its events by kind, the bundles that carried them."""
    now = clock()
    which = Month.parse(month, "month")
    code = store_code.strip().upper()
    with db.read() as s:
        store = s.scalars(select(HubStore).where(HubStore.code == code)).first()
        if store is None:
            raise StoreNotRegistered(store_code=code)
        first, after = first_numbers(s, {store.id: store.last_seq}, [which.start, which.end])[store.id]
        last = after - 1
        kinds: list[tuple[str, int]] = []
        lines: list[BundleLine] = []
        last_at = None
        carried: list[_Bundle] = []
        if last >= first:
            kinds = [(kind, int(count)) for kind, count in s.execute(
                select(HubEvent.kind, func.count()).where(HubEvent.store_id == store.id,
                                                         HubEvent.seq.between(first, last))
                .group_by(HubEvent.kind).order_by(func.count().desc(), HubEvent.kind))]
            last_at = _times(s, {store.id: {last}}).get((store.id, last))
            carried = _carrying(_bundles(s, [store.id], {store.id: first}).get(store.id, []), first, last)
            lines = [BundleLine(b.file_name, b.at, max(first, b.first_new), min(last, b.last_seq)) for b in carried]
        events = max(0, last - first + 1)
        reached = max((b.at for b in carried), default=None)
        cell = Cell(_state(which, store.registered_at, events, reached, store.last_bundle_at, now), events,
                    first if events else None, last if events else None, last_at, reached, len(carried))
        return StoreMonth(store.code, store.name, which.key, cell, tuple(kinds), tuple(lines), which.deadline)
