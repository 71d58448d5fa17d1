"""``charity-pos hub notice``: the district's monthly notice as an A4 PDF and a
static web site (index and a page per store), with each store's journal head
at the month's end, and no personal data in any file. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from charity_pos.hub.engine import open_hub
from charity_pos.hub.models import HubEvent
from charity_pos.reports.period import utc_range
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from tests.helpers import this_year
from tests.hub.test_cli_reports import fails, hub  # noqa: F401
from tests.hub.test_figures import demo, demo_months, run  # noqa: F401


@pytest.fixture(scope="module")
def secrets(demo) -> list[str]:
    """Read while the demo's key file is at hand (the first test's home)."""
    return personal(demo[0])


def personal(store: Path) -> list[str]:
    """Every household's head name, card number and whole ID number, every donor's name and phone."""
    services = Services.open(store)
    try:
        row = next(u for u in services.accounts.users() if u.username == "manager")
        manager = Actor(row.id, row.username, row.role)
        households = services.households.households()
        ids = [services.households.reveal_id(manager, h.id) for h in households if h.id_masked]
        texts = ids + [h.head_name for h in households if h.head_name] + [h.card_number for h in households]
    finally:
        services.close()
    with closing(sqlite3.connect(store)) as conn:
        texts += [v for row in conn.execute("SELECT name, phone FROM donor") for v in row if v]
    return texts


def test_the_notice_is_a_pdf_and_a_static_site_with_the_journal_heads_and_no_personal_data(
        capsys, secrets: list[str], hub: str, tmp_path: Path, demo) -> None:
    month = demo_months(demo[0])[0]
    out = tmp_path / "notice"
    lines = run(capsys, "hub", "notice", "--hub", hub, "--month", month.label, "--out", out)
    assert str(out) in lines[-1]
    names = sorted(p.name for p in out.iterdir())
    assert names == ["index.html", "store-JA01.html", f"公示-静安区-{month.label}.pdf"]

    with open_hub(hub) as db, db.read() as s:
        seq, digest = s.execute(select(HubEvent.seq, HubEvent.hash).where(
            HubEvent.at < utc_range(month.start, month.end)[1].isoformat(timespec="microseconds"))
            .order_by(HubEvent.seq.desc()).limit(1)).one()
    pdf = PdfReader(out / names[-1])
    assert pdf.pages[0].mediabox.width == pytest.approx(595.28, abs=1)
    text = "".join(page.extract_text() for page in pdf.pages)
    index = (out / "index.html").read_text(encoding="utf-8")
    page = (out / "store-JA01.html").read_text(encoding="utf-8")
    assert digest in page and digest in re.sub(r"\s", "", text) and digest in index
    assert f"共 {seq:,} 条" in page
    assert "未被改动" in index  # how anyone can check
    assert 'href="store-JA01.html"' in index and 'href="index.html"' in page
    for html in (index, page):
        assert "<script" not in html.lower() and "http://" not in html and "https://" not in html
        assert "src=" not in html and "@import" not in html and "<link" not in html
        assert "低保" in html and "dibao" not in html

    every = [text] + [p.read_text(encoding="utf-8") for p in out.glob("*.html")]
    assert len(secrets) > 50
    leaked = [t for t in secrets if any(t in doc for doc in every)]
    assert leaked == []


def test_bad_months_and_a_file_for_a_folder_are_refused(capsys, hub: str, tmp_path: Path) -> None:
    later = this_year() + 1  # the store's year (Shanghai's): from 16:00 UTC on 31 December, UTC's is the one before
    for month, words in (("2026-13", "2026-13"), (f"{later}-01", f"{later}-01"), ("26-01", "26-01")):
        line = fails(capsys, "hub", "notice", "--hub", hub, "--month", month, "--out", tmp_path / "n")
        assert words in line
        assert not (tmp_path / "n").exists()
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    fails(capsys, "hub", "notice", "--hub", hub, "--month", "2026-01", "--out", a_file)
    assert a_file.read_text() == "x"
