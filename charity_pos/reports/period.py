"""Days and months in Shanghai time, as half-open UTC ranges for queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from charity_pos.domain.days import STORE_TZ, local_date
from charity_pos.errors import InvalidInput


def day_start(day: date) -> datetime:
    """00:00 of a Shanghai day, in UTC."""
    return datetime.combine(day, time(), STORE_TZ).astimezone(UTC)


def utc_range(start: date, end: date) -> tuple[datetime, datetime]:
    """From the start of ``start`` to the end of ``end`` (both Shanghai days), half-open."""
    return day_start(start), day_start(end + timedelta(days=1))


def local_day(at: datetime) -> date:
    return local_date(at)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def parse_day(text: str, *, field: str) -> date:
    """A day typed as YYYY-MM-DD; InvalidInput naming the field otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise InvalidInput(field=field, value=text, reason="date_format") from None


def parse_month(text: str, *, field: str = "month") -> tuple[date, date]:
    """A month typed as YYYY-MM: its first and last day."""
    value = text.strip() if isinstance(text, str) else ""
    parts = value.split("-")
    if len(parts) != 2 or len(parts[0]) != 4 or len(parts[1]) != 2 or not value.replace("-", "").isdigit():
        raise InvalidInput(field=field, value=text, reason="month_format")
    year, month = int(parts[0]), int(parts[1])
    if not (1 <= month <= 12 and 2000 <= year <= 9999):
        raise InvalidInput(field=field, value=text, reason="month_format")
    return month_bounds(year, month)


def check_range(start: date, end: date) -> None:
    if end < start:
        raise InvalidInput(field="to", value=end.isoformat(), reason="date_order")
