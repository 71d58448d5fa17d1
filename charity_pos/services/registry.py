"""All services of one open store, wired together."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charity_pos.db.engine import StoreDatabase
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Clock, ServiceContext, system_clock
from charity_pos.services.catalog import CatalogService
from charity_pos.services.counter_rules import CounterRuleService
from charity_pos.services.donors import DonorService
from charity_pos.services.funds import FundService
from charity_pos.services.handouts import HandoutService
from charity_pos.services.household_status import HouseholdStatusService
from charity_pos.services.households import HouseholdService
from charity_pos.services.intake import IntakeService
from charity_pos.services.labels import LabelService
from charity_pos.services.quotas import QuotaService
from charity_pos.services.receipts import ReceiptService
from charity_pos.services.reports import ReportService
from charity_pos.services.returns import ReturnService
from charity_pos.services.sales import SalesService
from charity_pos.services.shifts import ShiftService
from charity_pos.services.stock import StockService
from charity_pos.services.store import StoreInfo, store_info
from charity_pos.services.store_file import open_store
from charity_pos.services.trace import TraceService
from charity_pos.services.writeoffs import WriteoffService


@dataclass
class Services:
    ctx: ServiceContext
    accounts: AccountService
    catalog: CatalogService
    stock: StockService
    donors: DonorService
    households: HouseholdService
    intake: IntakeService
    receipts: ReceiptService
    labels: LabelService
    counter_rules: CounterRuleService
    shifts: ShiftService
    sales: SalesService
    returns: ReturnService
    quotas: QuotaService
    handouts: HandoutService
    household_status: HouseholdStatusService
    funds: FundService
    reports: ReportService
    trace: TraceService

    @classmethod
    def for_db(cls, db: StoreDatabase, clock: Clock = system_clock) -> Services:
        ctx = ServiceContext(db, clock)
        accounts = AccountService(ctx)
        return cls(ctx, accounts, CatalogService(ctx, accounts), StockService(ctx, accounts),
                   DonorService(ctx, accounts), HouseholdService(ctx, accounts), IntakeService(ctx, accounts),
                   ReceiptService(ctx, accounts), LabelService(ctx), CounterRuleService(ctx, accounts),
                   ShiftService(ctx, accounts), SalesService(ctx, accounts), ReturnService(ctx, accounts),
                   QuotaService(ctx, accounts), HandoutService(ctx, accounts), HouseholdStatusService(ctx, accounts),
                   FundService(ctx, accounts), ReportService(ctx, accounts), TraceService(ctx, accounts))

    @classmethod
    def open(cls, path: Path, clock: Clock = system_clock) -> Services:
        return cls.for_db(open_store(path), clock)

    @property
    def writeoffs(self) -> WriteoffService:
        """Write-offs (报损): made when asked, as it keeps nothing of its own."""
        return WriteoffService(self.ctx, self.accounts)

    @property
    def db(self) -> StoreDatabase:
        return self.ctx.db

    def store(self) -> StoreInfo:
        return store_info(self.ctx)

    def close(self) -> None:
        self.ctx.db.close()
