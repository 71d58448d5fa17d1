"""PIPL, as an inspector holding a copy of the store's files would check it:
the ID numbers of registered and imported households appear nowhere in the
database file (nor its write-ahead log), nor in the journal, nor in the log
files, in any form they could be written in (UTF-8, JSON-escaped, UTF-16,
with a lower-case x, without their check character), after everything the
counter and the command line do with households: registering, importing
(with a bad row), scanning the card, handing out, over-allowance approvals,
printing the slip, revealing a whole number, suspending.

The demo store is checked the same way: its 56 fictitious ID numbers,
revealed through the service, are nowhere in its file.
"""

from __future__ import annotations

import csv
import json
import logging
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from charity_pos import config
from charity_pos.domain.identity import id_check_char
from charity_pos.errors import DuplicateName, IdAlreadyRegistered, InvalidInput
from charity_pos.services.base import Actor, Approval, Role
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.registry import Services
from tests.helpers import run_cli


def synthetic_id(serial: int, area: str = "310106") -> str:
    first17 = f"{area}{date(1940, 1, 1) + timedelta(days=serial * 211):%Y%m%d}{(serial * 7) % 1000:03d}"
    return first17 + id_check_char(first17)


def draft(serial: int, name: str, *, id_number: str | None = None) -> HouseholdDraft:
    return HouseholdDraft(f"PX{serial:06d}", name, id_number or synthetic_id(serial), 2, HouseholdCategory.DIBAO,
                          "江宁路街道", f"静民救〔2026〕{serial:03d}号", date(2026, 1, 1), date(2026, 12, 31),
                          date(2026, 1, 1))


def forms(number: str) -> set[bytes]:
    """An ID number as it could sit in a file."""
    texts = {number, number.lower(), number[:17]}
    found = set()
    for text in texts:
        found |= {text.encode("utf-8"), json.dumps(text)[1:-1].encode("ascii"), text.encode("utf-16-le"),
                  text.encode("utf-16-be")}
    return found


def holding(data: bytes, numbers: list[str]) -> list[str]:
    return [n for n in numbers if any(form in data for form in forms(n))]


def store_files(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")) if p.exists())


def journal_text(path: Path) -> str:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return "\n".join(" ".join(str(v) for v in row) for row in conn.execute(
            "SELECT seq, uuid, kind, at, actor, payload, prev_hash, hash FROM journal_event"))


@pytest.fixture
def logged() -> Iterator[Path]:
    """The app's log file (config.setup_logging), everything down to DEBUG."""
    root = logging.getLogger("charity_pos")
    handlers, level = list(root.handlers), root.level
    # an earlier test's command line left its file handler (in its own home): set aside
    for handler in handlers:
        root.removeHandler(handler)
    path = config.setup_logging(logging.DEBUG)
    root.setLevel(logging.DEBUG)
    yield path
    for handler in root.handlers[:]:
        handler.close()
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_id_numbers_are_nowhere_in_the_file_the_journal_or_the_logs(services, manager, cashier, make_item,
                                                                   store_db, store_path, logged, tmp_path,
                                                                   capsys) -> None:
    registered = {1: "欧阳建国", 2: "司马秀英"}
    imported = {3: "上官美玲", 4: "诸葛宝根", 5: "慕容凤英"}
    numbers = [synthetic_id(n) for n in (*registered, *imported)]
    # ... one with a lower-case x, as people type it
    with_x = next(n for n in range(6, 400) if synthetic_id(n).endswith("X"))
    numbers.append(synthetic_id(with_x))
    ids = {n: services.households.register(manager, draft(n, name)).ids[0] for n, name in registered.items()}
    ids[with_x] = services.households.register(manager, draft(with_x, "东方明珠", id_number=synthetic_id(with_x).lower())).ids[0]
    services.households.import_households(manager, [draft(n, name) for n, name in imported.items()])
    # refusals that carry an ID number in their facts: masked
    with pytest.raises(DuplicateName) as caught:
        services.households.register(manager, replace(draft(1, "欧阳建国"), card_number="PX000091"))
    assert caught.value.value == numbers[0][:6] + "*" * 8 + numbers[0][-4:]
    with pytest.raises(IdAlreadyRegistered):
        services.households.import_households(manager, [replace(draft(4, "诸葛宝根"), card_number="PX000092")])
    wrong = synthetic_id(95)[:17] + ("0" if synthetic_id(95)[17] != "0" else "1")
    with pytest.raises(InvalidInput) as bad:
        services.households.register(manager, draft(95, "错号", id_number=wrong))
    assert wrong not in str(bad.value) and wrong not in repr(bad.value)
    numbers.append(wrong)  # a wrong number typed at the counter is kept nowhere either
    logging.getLogger("charity_pos.test").info("refused: %s", bad.value)
    # at the counter: the card, goods, an approved override, the slip, a suspension
    rice = make_item("东北大米 5kg", price=3290, reference=3590)
    services.stock.receive(manager, {rice.id: 20})
    for n, household_id in ids.items():
        services.handouts.card(f"PX{n:06d}")
        number = services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household_id, (
            HandoutLineDraft(rice.id, 3),), Approval("manager", "9999", "家中有病人"))).number
        services.handouts.print_slip(cashier, number)
    assert services.households.reveal_id(manager, ids[1]) == numbers[0]
    services.household_status.suspend(manager, ids[2], "资格复核中")
    services.accounts.create_user(manager, "lijun", "李军", Role.MANAGER, "8888")
    store_db.close()

    # the command line: a list with one bad row imported, households shown, the file verified
    more = {7: "尉迟桂兰", 8: "公孙志强"}
    numbers += [synthetic_id(n) for n in more]
    bad_row = synthetic_id(9)[:17] + ("0" if synthetic_id(9)[17] != "0" else "1")
    numbers.append(bad_row)
    sheet = tmp_path / "list" / "名单.csv"
    sheet.parent.mkdir()
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["救助证号", "户主姓名", "身份证号", "家庭人数", "救助类别", "认定街道", "认定文书号",
                         "有效期起", "有效期止", "同意日期"])
        for n, name in more.items():
            writer.writerow([f"PX{n:06d}", name, synthetic_id(n), 2, "低保", "江宁路街道", f"静民救〔2026〕{n:03d}号",
                             "2026-01-01", "2026-12-31", "2026-01-01"])
        writer.writerow(["PX000009", "错号户", bad_row, 2, "低保", "江宁路街道", "静民救〔2026〕009号",
                         "2026-01-01", "2026-12-31", "2026-01-01"])
    code, out, err = run_cli("households", "import", "--db", store_path, sheet, lang="en")
    printed = out + err
    assert code == 1 and "Imported 2 households" in printed, printed
    code, out, err = run_cli("show", "households", "--db", store_path, "--json", lang="en")
    shown = out + err
    assert code == 0 and len(json.loads(shown)) == 2 + 1 + 3 + 2
    code, out, err = run_cli("verify", "--db", store_path, lang="en")
    verified = out + err
    assert code == 0, verified

    # ... the sheets are the office's: the numbers are there, which shows the search finds them
    assert holding(sheet.read_bytes(), numbers) == [synthetic_id(7), synthetic_id(8), bad_row]
    # the store file and its log, the journal, the log files, what was printed: none of them
    assert holding(store_files(store_path), numbers) == []
    assert holding(journal_text(store_path).encode("utf-8"), numbers) == []
    logs = sorted(p for p in config.log_dir().rglob("*") if p.is_file())
    assert logged in logs and logged.stat().st_size > 0
    for log in logs:
        assert holding(log.read_bytes(), numbers) == [], log
    assert holding((printed + shown + verified).encode("utf-8"), numbers) == []
    # and nothing else of the store's own folders (data, settings, keys) holds them
    for folder in (config.data_dir(), config.config_dir()):
        for p in (p for p in folder.rglob("*") if p.is_file()):
            assert holding(p.read_bytes(), numbers) == [], p


def test_the_demo_stores_id_numbers_are_nowhere_in_its_file(tmp_path: Path) -> None:
    from charity_pos.demo.builder import build_demo

    path = tmp_path / "demo.db"
    build_demo(path, days=1)
    services = Services.open(path)
    try:
        manager = next(u for u in services.accounts.users() if u.username == "manager")
        actor = Actor(manager.id, manager.username, manager.role)
        rows = services.households.households()
        numbers = [services.households.reveal_id(actor, h.id) for h in rows if h.id_masked]
    finally:
        services.close()
    assert len(numbers) >= 56 and all(len(n) == 18 for n in numbers)
    assert holding(store_files(path), numbers) == []
    assert holding(journal_text(path).encode("utf-8"), numbers) == []

