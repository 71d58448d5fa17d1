"""The district's monthly public notice (公示): per store and in total, the
donations received, goods sold, relief given, donated cash and its use, and
each store's journal head at the month's end (the last event the hub holds
of it dated before the month's end: its number and hash), so anyone can
check later that the figures were not changed. As an A4 PDF
(``printing.district_notice``) and a static web site of an index and a page
per store (``export.district_notice_html``), laid out from the same blocks
as a store's own notice (``domain.notice.Block``). No Qt.

No personal data: the figures only. The hub holds households' names in its
registry but nothing here reads it; it never receives donors' names.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import and_, select

from charity_pos import files
from charity_pos.errors import MonthToCome
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.figures import Period, read_period
from charity_pos.hub.models import HubEvent, HubStore
from charity_pos.hub.projections import ensure_current
from charity_pos.ledger.canonical import plain
from charity_pos.reports.district_notice import DistrictNotice, StoreNotice, paper
from charity_pos.reports.notice import JournalHead
from charity_pos.reports.period import STORE_TZ, parse_month, utc_range


def check_month(text: str, now: datetime | None = None) -> tuple[date, date]:
    """The month typed (YYYY-MM): InvalidInput when it is not one, MonthToCome when it has not begun."""
    start, end = parse_month(text)
    today = (now or datetime.now(UTC)).astimezone(STORE_TZ).date()
    if start > today:
        raise MonthToCome(month=text.strip())
    return start, end


def build(db: HubDatabase, start: date, end: date) -> DistrictNotice:
    ensure_current(db.begin)
    _lo, hi = utc_range(start, end)
    with db.read() as s:
        period = read_period(s, Period(start, end))
        # each store's head at the month's end, every store in one statement: the last of its events (by
        # the key, from the newest back) dated before the month's end
        head_seq = (select(HubEvent.seq).where(HubEvent.store_id == HubStore.id, HubEvent.at < plain(hi))
                    .order_by(HubEvent.seq.desc()).limit(1).correlate(HubStore).scalar_subquery())
        heads = select(HubStore.id.label("store_id"), head_seq.label("seq")).subquery()
        stores = []
        for code, name, short, seq, hash_ in s.execute(
                select(HubStore.code, HubStore.name, HubStore.short_name, HubEvent.seq, HubEvent.hash)
                .join(heads, heads.c.store_id == HubStore.id)
                .outerjoin(HubEvent, and_(HubEvent.store_id == HubStore.id, HubEvent.seq == heads.c.seq))
                .order_by(HubStore.code)):
            figures = period.store(code)
            stores.append(StoreNotice(code, name, short, figures.reporting, figures.figures,
                                      None if seq is None else JournalHead(seq, hash_)))
    return DistrictNotice(period.district, start, end, tuple(stores), period.total)


# --- the files ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Written:
    pdf: Path
    index: Path
    pages: tuple[Path, ...]  # the index and each store's page


def _page_writer(text: str) -> Callable[[Path], object]:
    """What writes one HTML page's text to the file ``files.write_file`` gives it."""
    return lambda partial: partial.write_text(text, encoding="utf-8", newline="\n")


def write_district_notice(db: HubDatabase, start: date, end: date, folder: Path, protect: files.Protected, *,
                          force: bool = False) -> Written:
    """The PDF, ``index.html`` and a page per store in ``folder`` (made if missing); every file checked before
    any is written, each written whole or not at all."""
    from charity_pos.export.district_notice_html import index_html, store_html
    from charity_pos.export.notice_files import check_folder
    from charity_pos.export.notice_html import is_our_html
    from charity_pos.printing.district_notice import render_district_notice

    folder = Path(folder)
    check_folder(folder, protect)
    notice = build(db, start, end)
    pdf = folder / f"公示-{notice.district}-{notice.month}.pdf"
    pages = [(folder / "index.html", index_html(notice))]
    pages += [(folder / s.page, store_html(notice, s)) for s in notice.stores]
    made = False
    if not folder.exists():
        try:
            folder.mkdir()
        except OSError as exc:
            raise files.not_writable(folder, exc) from None
        made = True
    try:
        files.check_target(pdf, protect, force=force, ours=files.is_our_pdf)
        for path, _text in pages:
            files.check_target(path, protect, force=force, ours=is_our_html)
        files.write_file(pdf, lambda partial: render_district_notice(paper(notice), partial), protect, force=force,
                         ours=files.is_our_pdf)
        for path, text in pages:
            files.write_file(path, _page_writer(text), protect, force=force, ours=is_our_html)
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return Written(pdf, pages[0][0], tuple(p for p, _ in pages))
