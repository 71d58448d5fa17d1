"""Households past their allowance across stores (on SQLite and on
PostgreSQL): the hub says when it cannot judge (no registry, no district
rules, no handouts) instead of "none"; what it could not judge; the 人次
and the stores; categories as words in both languages, never a raw code."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from charity_pos.hub import downstream, registry
from charity_pos.hub.models import HubStore
from charity_pos.services.quotas import DEFAULT_RULES
from tests.helpers import run_cli
from tests.hub import Hub, hub, source, store_key  # noqa: F401  (fixtures)
from tests.hub.test_downstream import GOOD, handout, registry_hashes, second_store, set_rules, write_csv


def run(capsys: pytest.CaptureFixture[str], hub: Hub, lang: str = "en") -> list[str]:
    code, out, err = run_cli("hub", "over-allowance", "--hub", hub.url, lang=lang)
    assert code == 0 and err == "" and "Traceback" not in out
    return out.splitlines()


def own_store(hub: Hub) -> HubStore:
    with hub.db.read() as s:
        return s.scalars(select(HubStore).where(HubStore.code == hub.store.code)).one()


def test_the_hub_says_when_it_cannot_judge(capsys: pytest.CaptureFixture[str], hub: Hub, tmp_path: Path) -> None:
    assert downstream.check_allowance(hub.db).state == downstream.NO_REGISTRY
    assert run(capsys, hub) == ["The hub cannot judge yet: no household registry has been imported "
                                "(charity-pos hub households import)."]
    zh = run(capsys, hub, "zh_CN")
    assert len(zh) == 1 and "无法判断" in zh[0]
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    assert downstream.check_allowance(hub.db).state == downstream.NO_RULES
    assert "no quota rules" in run(capsys, hub)[0]
    set_rules(hub, tmp_path)
    assert downstream.check_allowance(hub.db).state == downstream.NO_HANDOUTS
    assert run(capsys, hub) == ["No store has sent a handout yet: there is nothing to judge."]
    handout(hub, own_store(hub).id, registry_hashes(hub)["JA0001"], "2025-03", 1000)
    check = downstream.check_allowance(hub.db)
    assert check.judged and check.rows == ()
    assert run(capsys, hub) == ["No household went past its allowance across stores."]


def test_what_could_not_be_judged_is_said(capsys: pytest.CaptureFixture[str], hub: Hub, tmp_path: Path) -> None:
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    # the district's rule for 低保 only: 特困 (JA0003) is not judged
    set_rules(hub, tmp_path, [downstream.rule_dict(r) for r in DEFAULT_RULES
                              if r.household_category == "dibao"])
    store = own_store(hub)
    hashes = registry_hashes(hub)
    handout(hub, store.id, hashes["JA0003"], "2025-03", 90_000)
    handout(hub, store.id, "f" * 64, "2025-03", 1000)  # a household the registry does not have
    handout(hub, store.id, None, "2025-03", 1000)  # a store that sent no household links
    check = downstream.check_allowance(hub.db)
    assert (check.rows, check.unmatched_handouts, check.unknown_households, check.categories_without_rule) == (
        (), 1, 1, ("tekun",))
    assert run(capsys, hub) == [
        "No household went past its allowance across stores.",
        "Not judged: 1 handouts whose store sent no household links (they cannot be put to a household).",
        "Not judged: 1 households that are not in the district's registry.",
        "Not judged: households of Extreme poverty, for which the district has set no rule."]
    zh = "\n".join(run(capsys, hub, "zh_CN"))
    assert "特困" in zh and "tekun" not in zh


def test_a_household_over_across_stores_in_both_languages(capsys: pytest.CaptureFixture[str], hub: Hub,
                                                          tmp_path: Path) -> None:
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    set_rules(hub, tmp_path, [dict(downstream.rule_dict(r), period="quarter") for r in DEFAULT_RULES])
    other = second_store(hub, tmp_path)
    hashes = registry_hashes(hub)
    for store_id, fen in ((own_store(hub).id, 4000), (own_store(hub).id, 4000), (other.id, 9000)):
        handout(hub, store_id, hashes["JA0002"], "2025-Q2", fen)
    (row,) = downstream.check_allowance(hub.db).rows
    assert (row.card_number, row.category, row.period_key, row.visits, row.used_fen) == (
        "JA0002", "dibao", "2025-Q2", 3, 17_000)
    assert row.allowance_fen == 5000  # one person, no festival month in the second quarter
    en = run(capsys, hub)
    assert en == ["JA0002 李* · Subsistence allowance, household of 1 · Q2 2025: allowance ¥50.00, used ¥170.00 "
                  "(visits: 3) at JA01 (visits: 2, ¥80.00), JA02 (visits: 1, ¥90.00)"]
    zh = run(capsys, hub, "zh_CN")
    assert len(zh) == 1 and "低保" in zh[0] and "2025年第2季度" in zh[0] and "dibao" not in zh[0]
    assert "李*" in zh[0] and "李红" not in zh[0]


def test_months_are_named_as_people_name_them(capsys: pytest.CaptureFixture[str], hub: Hub, tmp_path: Path) -> None:
    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    set_rules(hub, tmp_path)  # monthly
    hashes = registry_hashes(hub)
    handout(hub, own_store(hub).id, hashes["JA0002"], "2026-03", 6000)
    (en,) = run(capsys, hub)
    assert " · March 2026: allowance ¥50.00, used ¥60.00" in en and "2026-03" not in en
    (zh,) = run(capsys, hub, "zh_CN")
    assert "2026年3月" in zh and "2026-03" not in zh
