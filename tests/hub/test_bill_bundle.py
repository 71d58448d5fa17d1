"""A store that imported a merchant bill still sends a bundle the district
hub takes: the bill's lines travel in the journal, and the hub, which does
not read them, keeps them in its events."""

from __future__ import annotations

from pathlib import Path

from tests.hub.test_round_trip import _store, run
from tests.services.bill_samples import Row, wechat_bill


def test_a_bundle_with_bill_lines_is_applied_at_the_hub(capsys, hub_url: str, tmp_path: Path) -> None:
    store = _store(capsys, tmp_path, "JA01", "静安区石门二路街道慈善超市")
    run(capsys, "hub", "init", "--hub", hub_url, "--district", "静安区")
    registration, trust = tmp_path / "JA01.json", tmp_path / "JA01-trust.json"
    run(capsys, "store-key", "--db", store, "--out", registration)
    run(capsys, "hub", "add-store", "--hub", hub_url, "--registration", registration, "--out", trust)
    run(capsys, "trust-hub", "--db", store, trust)
    bill = tmp_path / "bill.csv"
    bill.write_bytes(wechat_bill([Row("2026-03-10 10:00:20", "4200001234202603101111111111", "32.90",
                                      order="134567890123456789")]))
    assert "1 lines imported" in run(capsys, "bill", "import", "--db", store, bill)[0]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    bundle = run(capsys, "export-bundle", "--db", store, "--out", out_dir)[-1].strip()
    assert "134567890123456789" not in Path(bundle).read_bytes().decode("latin-1")
    assert "applied" in run(capsys, "hub", "import", "--hub", hub_url, bundle)[0]
    assert run(capsys, "verify", "--db", store)[0].startswith("OK")

