"""Importing the sub-district's household list: every row checked as
``register`` checks it, duplicates in the file and against the registry
found, the good rows saved in one transaction or not at all, the bad ones
written back for correcting, and no ID number left in clear anywhere."""

from __future__ import annotations

import csv
import json
import logging
import logging.handlers
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from charity_pos import config, messages
from charity_pos.domain.identity import id_check_char, mask_id
from charity_pos.errors import (
    DuplicateName,
    HeaderNotFound,
    IdAlreadyRegistered,
    ImportFailed,
    ImportFileMissing,
    MissingColumns,
    NoRowsToImport,
    PermissionDenied,
    UnknownFileType,
    UnknownTextEncoding,
    UnreadableFile,
)
from charity_pos.security.keys import StoreKeys
from charity_pos.services import household_import, households
from charity_pos.services.household_import import (
    REASONS_HEADER,
    parse_date,
    preview,
    read_rows,
    reasons_text,
    write_rejects,
)
from charity_pos.services.households import HouseholdCategory, HouseholdDraft


def make_id(birth: str, seq: str, area: str = "310105") -> str:
    """A fictitious ID number with a valid check character."""
    first17 = area + birth + seq
    return first17 + id_check_char(first17)


def id_ending_in_x(birth: str) -> str:
    return next(make_id(birth, f"{n:03d}") for n in range(1000) if make_id(birth, f"{n:03d}").endswith("X"))


def flip_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def english(error: BaseException) -> str:
    """The reasons in English, as the command line words them in English (the service words nothing)."""
    return messages.describe(error, lambda _c, t: t)


ID_GOOD1 = make_id("19500101", "011")
ID_BAD_CHECK = flip_check(make_id("19600101", "021"))
ID_BAD_BIRTH = make_id("19500230", "031")  # 30 February
ID_4, ID_5, ID_6, ID_7, ID_8 = (make_id("19700101", f"{n:03d}") for n in (41, 51, 61, 71, 81))
ID_TWICE = make_id("19800101", "091")
ID_13, ID_15 = make_id("19810101", "131"), make_id("19810101", "151")
ID_GOOD2 = id_ending_in_x("19420505")  # written with a small x in the file
ID_GOOD3 = make_id("19550505", "181")
ID_REGISTERED = make_id("19450101", "901")
ALL_IDS = [ID_GOOD1, ID_BAD_CHECK, ID_BAD_BIRTH, ID_4, ID_5, ID_6, ID_7, ID_8, ID_TWICE, ID_13, ID_15, ID_GOOD2,
           ID_GOOD3, ID_REGISTERED]
NAMES = ["王建国", "李秀英", "张伟", "刘芳", "陈静", "杨洋", "赵磊", "黄敏", "周杰", "吴霞", "郑强", "孙丽", "钱 进",
         "冯淑珍", "褚明", "老住户"]

TITLE = "石门二路街道困难家庭名单（2026年3月）"
HEADER = ["救助证号/卡号", "户主姓名", "身份证号", "家庭人数", "救助类别", "认定街道", "认定文书号", "有效期起",
          "有效期止", "同意日期", "备注"]
STREET = "石门二路街道"


def ref(n: int) -> str:
    return f"静民救〔2026〕{n:03d}号"


def row(card: str, name: str, number: str, members: str, category: str, n: int, start: str = "2026-01-01",
        end: str = "2026-12-31", consent: str = "2026-01-05", note: str = "") -> list[object]:
    return [card, name, number, members, category, STREET, ref(n), start, end, consent, note]


#: The list as a sub-district sends it: a title, the header, rows (file row numbers in the comments).
ROWS: list[list[object]] = [
    [TITLE],
    HEADER,
    row("AX000101", "王建国", ID_GOOD1, "3", "低保", 1),  # 3 good
    row("AX000102", "李秀英", ID_BAD_CHECK, "2", "低保边缘", 2),  # 4 check character
    row("AX000103", "张伟", ID_BAD_BIRTH, "1", "特困", 3),  # 5 date of birth
    row("AX000104", "刘芳", ID_4, "2", "低保户口", 4),  # 6 category
    row("AX000105", "陈静", ID_5, "2", "低收入", 5, start="2026-06-01", end="2026-05-31"),  # 7 date order
    row("AX000106", "杨洋", ID_6, "0", "支出型贫困", 6),  # 8 no members
    row("AX000107", "赵磊", ID_7, "4", "临时救助", 7),  # 9 card twice
    row("ax000107", "黄敏", ID_8, "2", "低保", 8),  # 10 card twice (same card, small letters)
    row("AX000109", "周杰", ID_TWICE, "3", "低保", 9),  # 11 ID twice
    row("AX000110", "吴霞", ID_TWICE, "3", "低保", 10),  # 12 ID twice
    row("AX000900", "郑强", ID_13, "2", "低保", 11),  # 13 card already registered
    row("AX000112", "孙丽", ID_REGISTERED, "2", "低保", 12),  # 14 ID already registered
    row("AX000113", "", ID_15, "2", "低保", 13),  # 15 no name
    [""] * len(HEADER),  # 16 an empty line: skipped
    row(" ax000114 ", "钱 进", ID_GOOD2.lower(), "1", "特困户", 14, start="2026/1/1", end="2026.12.31",
        consent="20260105", note="独居老人"),  # 17 good
    row("AX000115", "冯淑珍", ID_GOOD3, "5人", "低保边缘户", 15, start="2026年1月1日"),  # 18 good
    row("AX000116", "褚明", "3.10105E+17", "2", "低保", 16),  # 19 ID saved as a number
]

GOOD = [
    HouseholdDraft("AX000101", "王建国", ID_GOOD1, 3, HouseholdCategory.DIBAO, STREET, ref(1), date(2026, 1, 1),
                   date(2026, 12, 31), date(2026, 1, 5)),
    HouseholdDraft("AX000114", "钱 进", ID_GOOD2, 1, HouseholdCategory.TEKUN, STREET, ref(14), date(2026, 1, 1),
                   date(2026, 12, 31), date(2026, 1, 5)),
    HouseholdDraft("AX000115", "冯淑珍", ID_GOOD3, 5, HouseholdCategory.DIBAO_EDGE, STREET, ref(15),
                   date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 5)),
]
GOOD_ROWS = (3, 17, 18)

BAD = [
    (4, ["The ID number's last character (check character) is wrong."]),
    (5, ["The ID number's date of birth does not exist."]),
    (6, ["Category: “低保户口” is not one of 低保, 低保边缘, 特困, 低收入, 支出型贫困, 临时救助."]),
    (7, ["Valid to is before the start date."]),
    (8, ["A household has 1 to 20 members."]),
    (9, ["Relief card number AX000107 is in this file more than once (rows 9, 10)."]),
    (10, ["Relief card number AX000107 is in this file more than once (rows 9, 10)."]),
    (11, [f"ID number {mask_id(ID_TWICE)} is in this file more than once (rows 11, 12)."]),
    (12, [f"ID number {mask_id(ID_TWICE)} is in this file more than once (rows 11, 12)."]),
    (13, ["Relief card number AX000900 is already registered."]),
    (14, [f"A household with ID number {mask_id(ID_REGISTERED)} is already registered."]),
    (15, ["Head of household must not be empty."]),
    (19, ["The ID number was stored as a number and lost digits; format the column as text and type it again."]),
]
BAD_ROW_NUMBERS = [n for n, _ in BAD]

REGISTERED = HouseholdDraft("AX000900", "老住户", ID_REGISTERED, 2, HouseholdCategory.DIBAO, STREET, ref(900),
                            date(2025, 1, 1), date(2026, 12, 31), date(2025, 1, 1))


# --- writing spreadsheets as offices do ----------------------------------------------
def write_csv(path: Path, rows: list[list[object]], encoding: str) -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def xlsx_cell(value: object) -> object:
    """What Excel would hold: numbers as numbers, dates as dates, IDs as text."""
    if isinstance(value, str) and value.isdigit() and len(value) < 4:
        return int(value)
    if isinstance(value, str) and value.endswith("E+17"):
        return float(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return datetime.fromisoformat(value)
    return value


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "名单"
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            if value not in ("", None):
                ws.cell(row=number, column=column, value=xlsx_cell(value))
    workbook.save(path)
    return path


FORMATS = {
    "xlsx": lambda folder, rows: write_xlsx(folder / "名单.xlsx", rows),
    "csv-gbk": lambda folder, rows: write_csv(folder / "名单.csv", rows, "gbk"),
    "csv-utf8-bom": lambda folder, rows: write_csv(folder / "名单.csv", rows, "utf-8-sig"),
    "csv-utf8": lambda folder, rows: write_csv(folder / "名单.csv", rows, "utf-8"),
}


def read_back(path: Path) -> list[list[object]]:
    """A reject file's rows, as a person opening it would see them."""
    if path.suffix == ".xlsx":
        workbook = load_workbook(path)
        rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
        return rows
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return [list(r) for r in csv.reader(text.splitlines())]


@pytest.fixture
def registered(services, manager):
    services.households.register(manager, REGISTERED)


@pytest.fixture(params=list(FORMATS))
def sheet(request, tmp_path: Path) -> Path:
    return FORMATS[request.param](tmp_path, ROWS)


def table(services) -> list[str]:
    conn = sqlite3.connect(services.db.path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


# --- the preview ---------------------------------------------------------------
def test_preview_lists_exactly_the_good_and_the_bad_rows(services, registered, sheet) -> None:
    result = preview(services, sheet, english)
    assert result.good == GOOD
    assert result.good_rows == GOOD_ROWS
    assert [(b.row_number, b.reasons) for b in result.bad] == BAD


def test_preview_writes_nothing(services, registered, sheet, events) -> None:
    before, count = table(services), events(services)
    preview(services, sheet)
    assert table(services) == before and events(services) == count


def test_bad_rows_show_names_and_id_numbers_masked(services, registered, tmp_path) -> None:
    result = preview(services, FORMATS["csv-gbk"](tmp_path, ROWS))
    shown = json.dumps([b.values for b in result.bad] + [b.reasons for b in result.bad], ensure_ascii=False)
    for number in ALL_IDS:
        assert number not in shown
    for name in NAMES[1:]:
        if len(name) > 1:
            assert name not in shown
    bad_check = next(b for b in result.bad if b.row_number == 4)
    assert bad_check.values["id_number"] == mask_id(ID_BAD_CHECK) and bad_check.values["head_name"] == "李**"
    assert bad_check.values["certificate_ref"].startswith("静") and "2026" not in bad_check.values["certificate_ref"]
    assert bad_check.values["card_number"] == "AX000102"
    assert ID_BAD_CHECK not in repr(result)


def test_every_problem_of_a_row_is_listed_in_the_columns_order(services, tmp_path) -> None:
    rows = [HEADER, ["AX-1", "", flip_check(ID_GOOD1), "many", "低保", "", "", "2026-13-01", "2026-12-31", "", ""]]
    result = preview(services, write_csv(tmp_path / "l.csv", rows, "utf-8"), english)
    assert result.good == []
    assert [(b.row_number, b.reasons) for b in result.bad] == [(2, [
        "A relief card number is up to 20 letters and digits.",
        "Head of household must not be empty.",
        "The ID number's last character (check character) is wrong.",
        "Household members: “many” is not a number.",
        "Sub-district must not be empty.",
        "Certificate reference must not be empty.",
        "Valid from: “2026-13-01” is not a date; type it like 2026-09-30.",
        "Consent date must not be empty.",
    ])]


def test_english_column_names_and_a_header_in_the_first_row(services, tmp_path) -> None:
    english = ["card_number", "head_name", "id_number", "members", "category", "subdistrict", "certificate_ref",
               "valid_from", "valid_to", "consent_on"]
    rows = [english, ["AX000101", "王建国", ID_GOOD1, "3", "dibao", STREET, ref(1), "2026-01-01", "2026-12-31",
                      "2026-01-05"]]
    result = preview(services, write_csv(tmp_path / "list.csv", rows, "utf-8"))
    assert result.good == [GOOD[0]] and result.bad == [] and result.good_rows == (2,)


def test_columns_are_found_by_name_in_any_order(services, tmp_path) -> None:
    order = [2, 0, 9, 1, 4, 3, 8, 7, 6, 5]
    rows = [[r[i] for i in order] for r in (HEADER, ROWS[2])]
    result = preview(services, write_xlsx(tmp_path / "list.xlsx", rows))
    assert result.good == [GOOD[0]]


def test_a_store_list_with_a_phone_column_imports_without_it(services, manager, tmp_path) -> None:
    # the column the hub keeps (``hub.registry``): a store reads the list as before, a bad phone refuses
    # nothing, and the store keeps no phone
    rows = [[*HEADER, "联系电话"], [*ROWS[2], "13812344506"], [*ROWS[17], "not a phone"]]
    path = write_csv(tmp_path / "list.csv", rows, "utf-8")
    result = preview(services, path)
    assert result.good == [GOOD[0], GOOD[2]] and result.bad == []
    assert read_rows(path)[0].values["phone"] == "13812344506"
    services.households.import_households(manager, result.good)
    db = Path(services.ctx.db.path)
    assert all(b"13812344506" not in f.read_bytes() for f in (db, db.with_name(db.name + "-wal")) if f.exists())


def test_the_service_or_its_context_will_do(services, registered, tmp_path) -> None:
    path = FORMATS["csv-utf8"](tmp_path, ROWS)
    for source in (services, services.households, services.ctx):
        result = preview(source, path)
        assert result.good == GOOD and [b.row_number for b in result.bad] == BAD_ROW_NUMBERS


def test_read_rows_gives_the_rows_below_the_header_with_their_numbers(tmp_path) -> None:
    rows = read_rows(FORMATS["xlsx"](tmp_path, ROWS))
    assert [r.row_number for r in rows] == [*range(3, 16), 17, 18, 19]
    assert rows[0].values["card_number"] == "AX000101" and rows[0].values["members"] == 3
    assert rows[0].values["valid_from"] == datetime(2026, 1, 1)


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-01-31", date(2026, 1, 31)), ("2026/1/31", date(2026, 1, 31)), ("2026.1.31", date(2026, 1, 31)),
    ("20260131", date(2026, 1, 31)), (20260131, date(2026, 1, 31)), ("2026年1月31日", date(2026, 1, 31)),
    (" 2026-01-31 00:00:00", date(2026, 1, 31)), ("２０２６－０１－３１", date(2026, 1, 31)),
    (datetime(2026, 1, 31), date(2026, 1, 31)), (date(2026, 1, 31), date(2026, 1, 31)),
    (46053, date(2026, 1, 31)), (46053.0, date(2026, 1, 31)),  # Excel's serial number
    ("2026-02-30", None), ("31/01/2026", None), ("明年", None), ("", None), (7, None), (True, None),
])
def test_dates_as_offices_write_them(value, expected) -> None:
    assert parse_date(value) == expected


# --- files that cannot be imported ---------------------------------------------------
def test_a_file_type_other_than_xlsx_or_csv_is_refused(services, tmp_path) -> None:
    for name in ("list.xls", "list.txt", "list"):
        (tmp_path / name).write_bytes(b"x")
        with pytest.raises(UnknownFileType):
            preview(services, tmp_path / name)


def test_a_damaged_workbook_is_unreadable(services, tmp_path) -> None:
    (tmp_path / "list.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnreadableFile):
        preview(services, tmp_path / "list.xlsx")
    (tmp_path / "list.csv").write_bytes((tmp_path / "list.xlsx").read_bytes())
    with pytest.raises(UnreadableFile):
        preview(services, tmp_path / "list.csv")


def test_a_missing_file(services, tmp_path) -> None:
    with pytest.raises(ImportFileMissing):
        preview(services, tmp_path / "none.csv")


def test_text_in_neither_utf8_nor_gbk_is_refused(services, tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(",".join(HEADER).encode("utf-8") + b"\r\nAX1,\xff\x80\xff,\r\n")
    with pytest.raises(UnknownTextEncoding):
        preview(services, path)


def test_a_missing_column_is_named(services, tmp_path) -> None:
    rows = [[c for i, c in enumerate(r) if i != 2] for r in ROWS]
    with pytest.raises(MissingColumns) as caught:
        preview(services, write_csv(tmp_path / "list.csv", rows, "utf-8"))
    assert caught.value.columns == ["身份证号"]
    assert messages.describe(caught.value, lambda _c, t: t).endswith("the header row has no column 身份证号.")


def test_a_file_without_a_header_row(services, tmp_path) -> None:
    with pytest.raises(HeaderNotFound):
        preview(services, write_csv(tmp_path / "list.csv", [["a", "b"], ["1", "2"]], "utf-8"))


def test_a_header_without_rows(services, tmp_path) -> None:
    with pytest.raises(NoRowsToImport):
        preview(services, write_xlsx(tmp_path / "list.xlsx", [[TITLE], HEADER, []]))


def test_every_new_error_reads_as_a_sentence() -> None:
    from charity_pos import errors as e

    samples = [e.UnknownFileType(path="a.xls"), e.UnreadableFile(path="a.xlsx", detail="BadZipFile"),
               e.HeaderNotFound(path="a.csv", columns=["救助证号", "户主姓名"]), e.MissingColumns(path="a", columns=["x"]),
               e.NoRowsToImport(path="a"), e.CardAlreadyRegistered(field="card_number", value="AX1"),
               e.IdAlreadyRegistered(field="id_number", value="310105********1234"),
               e.CardTwiceInFile(value="AX1", rows=[3, 4]), e.IdTwiceInFile(value="310105********1234", rows=[3, 4]),
               e.ImportFailed(count=3, detail="IntegrityError"), e.ImportFileMissing(path="a.csv"),
               e.UnknownTextEncoding(path="a.csv")]
    for error in samples:
        text = messages.describe(error, lambda _c, t: t)
        assert text != messages.UNEXPECTED and "{" not in text, text


# --- importing ---------------------------------------------------------------------
def journal_events(services) -> list[tuple[str, str]]:
    conn = sqlite3.connect(services.db.path)
    try:
        return list(conn.execute("SELECT kind, payload FROM journal_event ORDER BY seq"))
    finally:
        conn.close()


def test_the_good_rows_are_imported_in_one_event(services, manager, registered, sheet, events) -> None:
    result = preview(services, sheet)
    before = events(services)
    changes = services.households.import_households(manager, result.good)
    assert events(services) == before + 1 and changes.event_seq == before + 1 and len(changes.ids) == 3
    kind, payload = journal_events(services)[-1]
    assert kind == "households.imported"
    assert json.loads(payload)["facts"] == {"count": 3}
    rows = {h.card_number: h for h in services.households.households()}
    assert set(rows) == {"AX000900", "AX000101", "AX000114", "AX000115"}
    assert rows["AX000114"].id_masked == mask_id(ID_GOOD2) and rows["AX000114"].head_name == "钱 进"
    assert rows["AX000115"].category == HouseholdCategory.DIBAO_EDGE and rows["AX000115"].members == 5
    household_id = next(h.id for h in services.households.households() if h.card_number == "AX000114")
    assert services.households.reveal_id(manager, household_id) == ID_GOOD2
    # A second import of the same file finds them all registered.
    again = preview(services, sheet)
    assert again.good == [] and {b.row_number for b in again.bad} == {*BAD_ROW_NUMBERS, *GOOD_ROWS}


def test_a_cashier_may_not_import(services, cashier, registered, sheet, events) -> None:
    result = preview(services, sheet)
    before, count = table(services), events(services)
    with pytest.raises(PermissionDenied):
        services.households.import_households(cashier, result.good)
    assert table(services) == before and events(services) == count


def test_an_import_failing_on_its_third_row_writes_nothing(services, manager, registered, sheet, events,
                                                           monkeypatch) -> None:
    result = preview(services, sheet)
    before, count = table(services), events(services)
    real = StoreKeys.encrypt
    calls: list[str] = []

    def failing_third(self, text, context):
        calls.append(context)
        if len(calls) == 3:
            raise OSError("disk gone")
        return real(self, text, context)

    monkeypatch.setattr(StoreKeys, "encrypt", failing_third)
    with pytest.raises(OSError):
        services.households.import_households(manager, result.good)
    assert len(calls) == 3
    assert table(services) == before and events(services) == count
    assert [h.card_number for h in services.households.households()] == ["AX000900"]


def test_a_database_refusal_writes_nothing_and_logs_no_name(services, manager, registered, sheet, events,
                                                             monkeypatch, caplog) -> None:
    result = preview(services, sheet)
    before, count = table(services), events(services)
    real = households._new_household
    made: list[object] = []

    def bad_third(checked, keys, now):
        household = real(checked, keys, now)
        made.append(household)
        if len(made) == 3:
            household.members = 0  # the database's CHECK refuses it at the flush
        return household

    monkeypatch.setattr(households, "_new_household", bad_third)
    with caplog.at_level(logging.INFO, logger="charity_pos"), pytest.raises(ImportFailed) as caught:
        services.households.import_households(manager, result.good)
    assert caught.value.count == 3
    assert table(services) == before and events(services) == count
    logged = caplog.text + str(caught.value)
    assert "IntegrityError" in logged
    for secret in (*NAMES, *ALL_IDS):
        assert secret not in logged


def test_drafts_are_checked_again_when_imported(services, manager, registered, events) -> None:
    count = events(services)
    with pytest.raises(IdAlreadyRegistered):
        services.households.import_households(manager, [GOOD[0], GOOD[1].__class__(
            **{**GOOD[1].__dict__, "id_number": ID_REGISTERED})])
    with pytest.raises(DuplicateName):
        services.households.import_households(manager, [GOOD[0], GOOD[0]])
    from charity_pos.errors import InvalidInput

    with pytest.raises(InvalidInput):
        services.households.import_households(manager, [GOOD[0], GOOD[1].__class__(
            **{**GOOD[1].__dict__, "members": 0})])
    assert events(services) == count
    assert services.households.import_households(manager, []).event_seq is None and events(services) == count


def test_no_id_number_in_clear_in_the_file_its_wal_the_journal_or_the_log(services, manager, registered, sheet,
                                                                           store_path) -> None:
    config.setup_logging()
    result = preview(services, sheet)
    services.households.import_households(manager, result.good)
    logging.getLogger("charity_pos.test").info("import done")  # the log exists and is written to
    imported = [d.id_number for d in result.good] + [ID_REGISTERED]

    def raw_files() -> bytes:
        return b"".join(p.read_bytes() for p in store_path.parent.glob(store_path.name + "*")
                        if not p.name.endswith(".lock"))

    wal = store_path.with_name(store_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the import's pages are searched where they are
    while_open = raw_files()
    journal = " ".join(payload for _kind, payload in journal_events(services))
    services.db.close()
    after_close = raw_files()
    logs = {p for p in config.log_dir().glob("*.log*")}
    logs |= {Path(h.baseFilename) for h in logging.getLogger("charity_pos").handlers
             if isinstance(h, logging.handlers.RotatingFileHandler)}
    log_bytes = b"".join(p.read_bytes() for p in logs if p.exists())
    assert log_bytes  # there is a log to search
    assert while_open and after_close
    for number in imported:
        forms = {number.encode("utf-8"), json.dumps(number).encode("utf-8"), number.encode("utf-16-le"),
                 number.lower().encode("utf-8")}
        for form in forms:
            assert form not in while_open and form not in after_close and form not in log_bytes, number
        assert number not in journal and number.lower() not in journal
    for name in ("王建国", "冯淑珍", "老住户"):
        assert name not in journal and name.encode("utf-8") not in log_bytes


# --- the reject file ---------------------------------------------------------------
def test_the_reject_file_holds_exactly_the_bad_rows_as_sent_with_their_reasons(services, registered, sheet) -> None:
    result = preview(services, sheet, english)
    out = write_rejects(result, household_import.rejects_path(sheet))
    assert out == sheet.with_name(f"名单.rejects{sheet.suffix}") and out.exists()
    assert not list(sheet.parent.glob("*.partial"))
    back = read_back(out)
    sent = read_back(sheet)
    assert back[0] == HEADER + [REASONS_HEADER]
    reasons = dict(BAD)
    expected = [sent[n - 1] + [reasons_text(reasons[n])] for n in BAD_ROW_NUMBERS]
    assert back[1:] == expected
    assert ID_BAD_CHECK in back[1]  # their own file: the row as they sent it, to correct it


def test_a_gbk_list_gets_its_rejects_in_gbk(services, registered, tmp_path) -> None:
    sheet = FORMATS["csv-gbk"](tmp_path, ROWS)
    out = write_rejects(preview(services, sheet), household_import.rejects_path(sheet))
    text = out.read_bytes().decode("gbk")
    assert text.startswith(",".join(HEADER) + "," + REASONS_HEADER + "\r\n")
    assert "李秀英" in text


def test_utf8_lists_keep_their_bom_or_its_absence(services, registered, tmp_path) -> None:
    for kind, bom in (("csv-utf8-bom", True), ("csv-utf8", False)):
        sheet = FORMATS[kind](tmp_path, ROWS)
        out = write_rejects(preview(services, sheet), household_import.rejects_path(sheet))
        assert out.read_bytes().startswith(b"\xef\xbb\xbf") is bom


def test_rejects_in_chinese_when_described_in_chinese(services, registered, tmp_path) -> None:
    chinese = {messages.INPUT_REASONS["members"]: "家庭人数应为 1 到 20 人。"}
    result = preview(services, FORMATS["csv-utf8"](tmp_path, ROWS),
                     describe=lambda e: messages.describe(e, lambda _c, t: chinese.get(t, t)))
    assert next(b for b in result.bad if b.row_number == 8).reasons == ["家庭人数应为 1 到 20 人。"]


def test_a_missing_output_folder_writes_nothing(services, registered, sheet, tmp_path) -> None:
    from charity_pos.errors import OutputFolderMissing

    with pytest.raises(OutputFolderMissing):
        write_rejects(preview(services, sheet), tmp_path / "gone" / "x.csv")


# --- the reject file: safe to open, recognised, never half there ----------------------------------------------
@pytest.mark.parametrize(("cell", "written"), [
    ("=1+2", "'=1+2"), ("+86 21 5555", "'+86 21 5555"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("王建国", "王建国"), ("a=b", "a=b"), (None, ""), (3, 3),
])
def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe(cell, written) -> None:
    assert household_import.csv_safe(cell) == written


def test_an_apostrophe_before_an_id_number_is_read_back_as_the_number(services, registered, tmp_path) -> None:
    rows = [HEADER, row("AX000501", "王建国", "'" + ID_GOOD1, "3", "低保", 1)]
    result = preview(services, write_csv(tmp_path / "list.csv", rows, "utf-8"))
    assert [d.id_number for d in result.good] == [ID_GOOD1]


def test_a_workbook_cell_with_control_characters_is_written_escaped(services, registered, tmp_path) -> None:
    result = preview(services, FORMATS["xlsx"](tmp_path, ROWS))
    bad = result.bad[0]
    result.bad[0] = household_import.BadRow(bad.row_number, bad.values, bad.reasons, bad.errors,
                                            ("\x1b[31m李秀英\x00", *bad.cells[1:]))
    out = write_rejects(result, household_import.rejects_path(result.sheet.path))
    assert read_back(out)[1][0] == "\\x1b[31m李秀英\\x00"


def test_a_reject_file_is_recognised_as_the_apps_own(services, registered, sheet, tmp_path) -> None:
    out = write_rejects(preview(services, sheet), household_import.rejects_path(sheet))
    assert household_import.is_rejects_file(out)
    assert not household_import.is_rejects_file(sheet), "the office's own list is not a reject file"
    other = tmp_path / "other.csv"
    other.write_bytes(b"\xff\xfe\x00garbage")
    assert not household_import.is_rejects_file(other)
    assert not household_import.is_rejects_file(tmp_path / "missing.xlsx")


def test_a_reject_file_that_cannot_be_put_in_place_after_the_save_is_reported(services, registered, tmp_path,
                                                                             monkeypatch) -> None:
    from charity_pos import files
    from charity_pos.errors import OutputNotWritable, RejectsNotWritten

    result = preview(services, FORMATS["csv-utf8"](tmp_path, ROWS))
    saved: list[int] = []

    def held(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", held)
    done = household_import.import_with_rejects(result, result.sheet.path, lambda good: saved.append(len(good)) or 7,
                                                files.Protected())
    assert saved == [3] and done.saved == 7 and done.rejects is None
    assert isinstance(done.rejects_error, RejectsNotWritten) and done.rejects_error.count == 3
    assert isinstance(done.rejects_error.cause, OutputNotWritable)
    assert messages.describe(done.rejects_error, lambda _c, t: t) == (
        f"3 households imported, but the rows to correct were not written: {tmp_path / '名单.rejects.csv'} cannot "
        "be written: permission denied (or another program has the file open).")
    assert not list(tmp_path.glob("*.partial"))
    # with no good row nothing was saved: the refusal is the error itself
    only_bad = preview(services, FORMATS["csv-utf8"](tmp_path, [ROWS[1], ROWS[3]]))
    with pytest.raises(OutputNotWritable):
        household_import.import_with_rejects(only_bad, only_bad.sheet.path, lambda good: 1 / 0, files.Protected())


def test_a_reject_file_that_cannot_be_written_saves_nothing(services, registered, tmp_path) -> None:
    from charity_pos import files
    from charity_pos.errors import OutputIsFolder

    result = preview(services, FORMATS["csv-utf8"](tmp_path, ROWS))
    (tmp_path / "名单.rejects.csv").mkdir()
    with pytest.raises(OutputIsFolder):
        household_import.import_with_rejects(result, result.sheet.path, lambda good: pytest.fail("saved"),
                                             files.Protected())
