"""The district's own quota rules: set at the hub, checked as a store
checks them, sent downstream, and used for the over-allowance list."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from charity_pos.errors import InvalidInput, RulesFileUnreadable
from charity_pos.hub import downstream
from charity_pos.hub.models import HubQuotaRule, HubStore
from charity_pos.hub.rules import import_rules, stored_rules
from charity_pos.services.quotas import DEFAULT_RULES
from tests.hub import Hub, hub, source, store_key  # noqa: F401  (fixtures)
from tests.hub.test_downstream import GOOD, handout, registry_hashes, second_store, write_csv

NOW = datetime(2026, 3, 20, 4, tzinfo=UTC)
DIBAO = {"household_category": "dibao", "period": "month", "base_fen": 8000, "per_member_fen": 3000,
         "topup_fen": 0, "topup_months": "", "mode": "enforce",
         "limits": [{"goods_category": "grain_oil", "base_count": 3, "per_member_count": 1}]}


def rules_file(path: Path, rules: object) -> Path:
    path.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    return path


def test_district_rules_replace_the_defaults_for_their_categories_only(hub: Hub, tmp_path: Path) -> None:
    assert import_rules(hub.db, rules_file(tmp_path / "rules.json", [DIBAO]), NOW) == 1
    with hub.db.read() as s:
        rules = {r.household_category: r for r in stored_rules(s)}
    assert rules["dibao"].base_fen == 8000 and rules["dibao"].limits[0].base_count == 3
    defaults = {r.household_category: r for r in DEFAULT_RULES}
    assert all(rules[c] == defaults[c] for c in rules if c != "dibao")


@pytest.mark.parametrize(("content", "error"), [
    ([dict(DIBAO, topup_months="13")], InvalidInput),
    ([dict(DIBAO, household_category="rich")], InvalidInput),
    ([dict(DIBAO, limits=[{"goods_category": "wine", "base_count": 1}])], InvalidInput),
    ([DIBAO, DIBAO], InvalidInput),
    ({"dibao": DIBAO}, RulesFileUnreadable),
    ([], RulesFileUnreadable),
], ids=["month 13", "unknown household category", "unknown goods category", "twice", "not a list", "empty"])
def test_a_bad_rules_file_changes_nothing(hub: Hub, tmp_path: Path, content: object, error: type) -> None:
    with pytest.raises(error):
        import_rules(hub.db, rules_file(tmp_path / "rules.json", content), NOW)
    with hub.db.read() as s:
        assert s.scalars(select(HubQuotaRule)).all() == []


def test_the_over_allowance_list_uses_the_districts_rule(hub: Hub, tmp_path: Path) -> None:
    from charity_pos.hub import registry

    registry.import_households(hub.db, write_csv(tmp_path / "list.csv", GOOD))
    hashes = registry_hashes(hub)
    other = second_store(hub, tmp_path)
    with hub.db.read() as s:
        own = s.scalars(select(HubStore).where(HubStore.code == hub.store.code)).one()
    handout(hub, own.id, hashes["JA0002"], "2025-03", 3000)
    handout(hub, other.id, hashes["JA0002"], "2025-03", 3000)
    # until the district sets rules, each store may apply its own: the hub cannot judge
    assert downstream.check_allowance(hub.db).state == downstream.NO_RULES
    import_rules(hub.db, rules_file(tmp_path / "rules.json", [dict(DIBAO, base_fen=5000)]), NOW)  # ¥50 for one
    assert [f.card_number for f in downstream.over_allowance(hub.db)] == ["JA0002"]
    import_rules(hub.db, rules_file(tmp_path / "rules.json", [DIBAO]), NOW)  # ¥80 for one person
    assert downstream.over_allowance(hub.db) == []


def _nested(path: Path) -> Path:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return path


def _fifo(path: Path) -> Path:
    import os

    os.mkfifo(path)
    return path


def _huge(path: Path) -> Path:
    path.write_text(json.dumps([DIBAO] * 20_000), encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [_nested, _fifo, _huge, lambda p: p.parent],
                         ids=["nested 100,000 deep", "a FIFO", "over a megabyte", "a folder"])
def test_a_file_that_is_no_rules_file_is_refused_at_once(hub: Hub, tmp_path: Path, make) -> None:
    """Read as defensively as a bundle: a FIFO does not block, deep nesting
    does not crash, a huge file is not read."""
    import threading

    path = make(tmp_path / "rules.json")
    outcome: list[object] = []

    def attempt() -> None:
        try:
            import_rules(hub.db, path, NOW)
        except Exception as exc:  # noqa: BLE001 - the test looks at what came out
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "it blocked"
    assert len(outcome) == 1 and isinstance(outcome[0], RulesFileUnreadable), outcome
    with hub.db.read() as s:
        assert s.scalars(select(HubQuotaRule)).all() == []
