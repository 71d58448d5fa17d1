"""Goods near their best-before date on the command line: the list by
window, as lines and JSON, and a markdown by codes or by window, logged as
a price change with the reason 临期降价; bad markdowns refused in one line."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from charity_pos.services.base import STORE_TZ
from charity_pos.services.catalog import Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from tests.helpers import SHORT_DATED_OK, run_cli
from tests.test_cli import dump, one_error_line


@pytest.fixture
def shop(services, cashier, make_item, clock) -> SimpleNamespace:
    """Food taken in an hour ago (the command line runs on today's clock): dumplings with 5 days left,
    noodles with 20, rice with 300."""
    clock.advance(seconds=(datetime.now(UTC) - clock() - timedelta(hours=1)).total_seconds())
    today = datetime.now(STORE_TZ).date()
    dumplings = make_item("思念水饺 1kg", category="food", price=1590, reference=2200, source=Source.DONATED)
    noodles = make_item("龙须挂面 1kg", price=890, reference=960, barcode="6901234567892", source=Source.DONATED)
    rice = make_item("东北大米 5kg", price=3290, source=Source.DONATED)
    services.intake.receive(cashier, IntakeDraft(None, tuple(
        IntakeLine(item.id, 2, Condition.NEW, Valuation.MARKET, 1000, today + timedelta(days=days))
        for item, days in ((dumplings, 5), (noodles, 20), (rice, 300))), approval=SHORT_DATED_OK))
    lots = {lot.name: lot for lot in services.stock.lots()}
    path = services.db.path
    services.close()
    return SimpleNamespace(db=path, today=today, dumplings_lot=lots["思念水饺 1kg"].barcode)


def test_the_list_by_window_as_lines_and_json(shop) -> None:
    code, out, err = run_cli("expiry", "--db", shop.db, "--lang", "en")
    assert (code, err) == (0, "")
    day = shop.today + timedelta(days=5)
    assert out.splitlines()[:2] == ["Within 7 days (1)",
                                    f"  思念水饺 1kg  {shop.dumplings_lot}  {day}  5 days left  2 on hand  ¥31.80"]
    assert out.splitlines()[2] == "In 8 to 30 days (1)"
    code, out, err = run_cli("expiry", "--db", shop.db, "--days", "7", "--json")
    assert [(lot["item"], lot["days_left"], lot["section"]) for lot in json.loads(out)] == [
        ("思念水饺 1kg", 5, "within_7")]
    code, out, err = run_cli("expiry", "--db", shop.db, "--lang", "zh_CN")
    assert out.splitlines()[0] == "7天内到期 (1)" and "剩余 5 天" in out


def test_a_markdown_by_code_and_by_window(shop) -> None:
    code, out, err = run_cli("expiry", "markdown", "--db", shop.db, "--percent", "30", shop.dumplings_lot,
                             "--lang", "en")
    assert (code, err) == (0, "") and out == "思念水饺 1kg: ¥15.90 → ¥11.10 (临期降价)\n"
    code, out, err = run_cli("expiry", "markdown", "--db", shop.db, "--price", "6.50", "--within", "30",
                             "--lang", "en")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["思念水饺 1kg: ¥11.10 → ¥6.50 (临期降价)", "龙须挂面 1kg: ¥8.90 → ¥6.50 (临期降价)"]
    code, out, _ = run_cli("verify", "--db", shop.db)
    assert code == 0


@pytest.mark.parametrize("args, words", [
    (("--percent", "30", "6901234567892", "--within", "7"), "--within"),
    (("--percent", "95", "6901234567892"), "90%"),
    (("--percent", "10", "2299999999995"), "2299999999995"),
])
def test_bad_markdowns_are_refused_in_one_line(shop, args, words) -> None:
    before = dump(shop.db)
    code, out, err = run_cli("expiry", "markdown", "--db", shop.db, *args, "--lang", "en")
    assert words in one_error_line(code, out, err, english=True)
    assert dump(shop.db) == before


def test_rice_far_from_its_date_is_not_marked_down(shop) -> None:
    items = json.loads(run_cli("show", "items", "--db", shop.db, "--json")[1])
    (rice,) = [r for r in items if r["name"] == "东北大米 5kg"]
    before = dump(shop.db)
    code, out, err = run_cli("expiry", "markdown", "--db", shop.db, "--percent", "10", rice["barcode"], "--lang", "en")
    assert "has no lot within 30 days of its best-before date" in one_error_line(code, out, err, english=True)
    assert dump(shop.db) == before
