"""A release's own small store file, for the upgrade tests of every later version.

    .venv/bin/python scripts/make-release-store.py [--today YYYY-MM-DD] [--days 2] [--out tests/db/releases]

Run once per release, by the version being released (``charity_pos.__version__``):
it builds the demo store (``demo.builder.build_demo``: goods, donations,
sales and returns over shifts, handouts, a campaign, consigned goods, a
transfer, write-offs and counts) for ``--days`` days ending the day before
``--today``, and writes ``tests/db/releases/VERSION/``:

- ``store.sqlite3.xz``: the store file as the app left it, compressed (LZMA,
  Python's own ``lzma``);
- ``KEY.key``: its key file, named by the store's id. A test key, made with
  the file and used for nothing else: it is the seal's key ``verify`` checks
  with, and it is no secret of any store;
- ``store.json``: what the file holds (``summary``): rows per table and
  some totals, which ``tests/db/test_release_stores.py`` checks in the file
  after every later version has opened it (upgraded it, after its copy) and
  ``verify`` has passed; with the version, the schema revision and how it was
  made (``--today``, ``--days``, the seed), so that the same command makes
  the same store again;
- ``README.md``: a few lines saying so.

A folder that exists is not replaced without ``--force``.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import shutil
import sqlite3
import sys
import tempfile
import uuid
from contextlib import closing
from datetime import date, datetime, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RELEASES = ROOT / "tests" / "db" / "releases"
STORE = "store.sqlite3.xz"
SUMMARY = "store.json"
DAYS = 2
SEED = 20261128

#: the totals ``store.json`` keeps (and the test checks), each one SQL over the store's tables
TOTALS = {
    "journal_events": "SELECT count(*) FROM journal_event",
    "journal_head": "SELECT coalesce((SELECT hash FROM journal_event ORDER BY seq DESC LIMIT 1), '')",
    "sales_completed_fen": "SELECT coalesce(sum(total_fen), 0) FROM sale WHERE status = 'completed'",
    "payments_fen": "SELECT coalesce(sum(amount_fen), 0) FROM payment",
    "refunds_fen": "SELECT coalesce(sum(amount_fen), 0) FROM refund",
    "donations_value_fen": "SELECT coalesce(sum(total_value_fen), 0) FROM donation",
    "donations_cash_fen": "SELECT coalesce(sum(cash_fen), 0) FROM donation",
    "handouts_value_fen": "SELECT coalesce(sum(total_value_fen), 0) FROM handout",
    "units_on_hand": "SELECT coalesce(sum(quantity), 0) FROM stock_movement",
    "receipts_issued": "SELECT count(*) FROM receipt WHERE status = 'issued'",
    "shifts_closed": "SELECT count(*) FROM cash_shift WHERE closed_at IS NOT NULL",
}


def summary(path: Path) -> dict[str, object]:
    """What the store file at ``path`` holds: its store, its schema revision,
    the rows of each table and the totals (``TOTALS``)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        code, store_id = conn.execute("SELECT code, id FROM store").fetchone()
        tables = sorted(row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'"))
        return {"store_code": code, "store_id": str(uuid.UUID(store_id)),
                "revision": conn.execute("SELECT version_num FROM alembic_version").fetchone()[0],
                "tables": {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables},
                "totals": {name: conn.execute(sql).fetchone()[0] for name, sql in TOTALS.items()}}


def make(out: Path, *, today: date, days: int = DAYS, seed: int = SEED, version: str | None = None,
         force: bool = False) -> Path:
    """The release folder ``out/VERSION`` (see above); its path."""
    import charity_pos
    from charity_pos.demo.builder import build_demo
    from charity_pos.services.base import STORE_TZ

    version = version or charity_pos.__version__
    folder = out / version
    if folder.exists() and not force:
        raise SystemExit(f"{folder} exists: add --force to make it again")
    with tempfile.TemporaryDirectory(prefix="release-store-") as work:
        home = Path(work) / "home"
        saved = os.environ.get("CHARITY_POS_HOME")
        os.environ["CHARITY_POS_HOME"] = str(home)  # the key file goes into this throwaway home
        try:
            db = Path(work) / "store.sqlite3"
            build_demo(db, days=days, seed=seed, today=datetime.combine(today, time(12), tzinfo=STORE_TZ))
        finally:
            if saved is None:
                os.environ.pop("CHARITY_POS_HOME", None)
            else:
                os.environ["CHARITY_POS_HOME"] = saved
        held = summary(db)
        [key] = list(home.rglob(f"keys/{held['store_id']}.key"))
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        with db.open("rb") as source, lzma.open(folder / STORE, "wb", preset=9 | lzma.PRESET_EXTREME) as target:
            shutil.copyfileobj(source, target)
        shutil.copyfile(key, folder / key.name)
        made = {"version": version, "made_with": {"script": "scripts/make-release-store.py", "today": today.isoformat(),
                                                  "days": days, "seed": seed}, **held}
        (folder / SUMMARY).write_text(json.dumps(made, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (folder / "README.md").write_text(
            f"# The store file of charity-pos {version}\n\n"
            f"Made by `scripts/make-release-store.py --today {today.isoformat()} --days {days}` with charity-pos "
            f"{version} (schema {held['revision']}): the demo store over {days} days, compressed (`{STORE}`). "
            f"`{SUMMARY}` says what it holds; `tests/db/test_release_stores.py` opens it with every later version "
            "(which upgrades it, after keeping its copy), runs `verify` and checks that it still holds that.\n\n"
            f"`{key.name}` is its key file. It is a **test key**, made with this file and used for nothing else: "
            "no store's secret. It is kept here because `verify` checks the file's seal with it.\n", encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make this release's store file for the upgrade tests.")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(),
                        help="the demo's last day is the day before (default: today)")
    parser.add_argument("--days", type=int, default=DAYS, help=f"days of the demo (default: {DAYS})")
    parser.add_argument("--out", type=Path, default=RELEASES, help="the folder of the releases' folders")
    parser.add_argument("--force", action="store_true", help="make the version's folder again")
    args = parser.parse_args(argv)
    folder = make(args.out, today=args.today, days=args.days, force=args.force)
    size = (folder / STORE).stat().st_size
    print(f"{folder}: {STORE} {size / 1024:.0f} KiB, " + json.loads((folder / SUMMARY).read_text())["revision"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
