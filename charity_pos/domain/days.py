"""The store's clock: Shanghai time, and the calendar day it decides
(document years, report days, what a receipt says)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

STORE_TZ = ZoneInfo("Asia/Shanghai")


def local_date(at: datetime) -> date:
    """The calendar day in Shanghai, which decides document years."""
    return at.astimezone(STORE_TZ).date()
