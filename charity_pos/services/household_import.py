"""Importing the sub-district's list of households in hardship from a
spreadsheet (.xlsx, or .csv as the offices export it: UTF-8 with or without
a BOM, or GB18030/GBK).

Three steps, none of which writes to the store until the last:

- ``read_rows`` finds the header row by its (Chinese or English) column
  names and reads every row below it;
- ``preview`` checks every row as ``HouseholdService.register`` would, and
  for duplicates within the file and against the registry: the good rows as
  drafts, the bad ones with their reasons;
- ``HouseholdService.import_households`` saves the good rows, all in one
  transaction, and ``write_rejects`` writes the bad rows back, as the office
  sent them, in the file's own format with a 错误原因 column, for correcting.

The bad rows' values shown to anyone (``BadRow.values``) are masked: names
(``王**``), ID numbers (``310105********1234``) and certificate references.
Only the reject file, which goes back to the office that sent the list,
carries the rows as they were.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import select

from charity_pos import files, messages
from charity_pos.db.models import Household
from charity_pos.domain.identity import mask_id, mask_name, normalize_id
from charity_pos.domain.text import printable
from charity_pos.errors import (
    CardAlreadyRegistered,
    CardTwiceInFile,
    HeaderNotFound,
    IdAlreadyRegistered,
    IdTwiceInFile,
    ImportFileMissing,
    InvalidInput,
    MissingColumns,
    NoRowsToImport,
    PosError,
    RejectsNotWritten,
    UnknownFileType,
    UnknownTextEncoding,
    UnreadableFile,
)
from charity_pos.services.base import ServiceContext
from charity_pos.services.households import (
    CATEGORY_NAMES,
    HouseholdCategory,
    HouseholdDraft,
    HouseholdService,
    household_problems,
)

Describe = Callable[[BaseException], str]
T = TypeVar("T")

#: The fields of a household row, in the order the sub-district's lists have them.
FIELDS = ("card_number", "head_name", "id_number", "members", "category", "subdistrict", "certificate_ref",
          "valid_from", "valid_to", "consent_on")
DATE_FIELDS = ("valid_from", "valid_to", "consent_on")

#: The column names each field is found by: the sub-district's own first,
#: then other ways offices write them, then the English field name.
HEADERS: dict[str, tuple[str, ...]] = {
    "card_number": ("救助证号", "卡号", "救助卡号", "救助证编号", "帮困卡号", "证号", "card_number", "card"),
    "head_name": ("户主姓名", "户主", "姓名", "head_name", "name"),
    "id_number": ("身份证号", "身份证号码", "户主身份证号", "户主身份证号码", "公民身份号码", "证件号码",
                  "id_number"),
    "members": ("家庭人数", "人数", "家庭人口", "家庭成员人数", "保障人数", "members"),
    "category": ("救助类别", "类别", "救助类型", "保障类别", "category"),
    "subdistrict": ("认定街道", "街道", "街镇", "所属街道", "subdistrict"),
    "certificate_ref": ("认定文书号", "文书号", "认定文号", "认定文书编号", "certificate_ref", "certificate"),
    "valid_from": ("有效期起", "有效期开始", "起始日期", "开始日期", "valid_from"),
    "valid_to": ("有效期止", "有效期结束", "截止日期", "结束日期", "valid_to"),
    "consent_on": ("同意日期", "知情同意日期", "授权同意日期", "consent_on", "consent_date", "consent"),
}

#: The column added to the reject file.
REASONS_HEADER = "错误原因"
#: How far down a header row is looked for (offices put a title above it).
HEADER_SEARCH_ROWS = 20
_MIN_HEADER_MATCHES = 3

_CATEGORY_BY_NAME: dict[str, HouseholdCategory] = {
    **{name: category for category, name in CATEGORY_NAMES.items()},
    **{category.value: category for category in HouseholdCategory},
    "特困供养": HouseholdCategory.TEKUN,
    "低边": HouseholdCategory.DIBAO_EDGE,
    "临时": HouseholdCategory.TEMPORARY,
}
_CATEGORY_SUFFIXES = ("家庭", "人员", "对象", "户")

_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?")
_DATE_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+?\d+", re.IGNORECASE)
#: Excel's serial day numbers taken as dates: 1950-01-01 .. 2099-12-31.
_EXCEL_SERIALS = range(18264, 73051)
_EXCEL_EPOCH = date(1899, 12, 30)


# --- reading ---------------------------------------------------------------------
@dataclass(frozen=True)
class RawRow:
    """One row below the header: its row number in the file (as Excel or a
    text editor numbers it, from 1) and its cells as read."""

    row_number: int
    #: the cells of the household's fields, by field name, as read (text,
    #: numbers, dates); absent or empty cells are None
    values: dict[str, object] = field(repr=False)
    #: the whole row as read, for the reject file
    cells: tuple[object, ...] = field(repr=False)


@dataclass(frozen=True)
class Sheet:
    """What a file holds, and how to write rows back in its own format."""

    path: Path
    kind: str  # "xlsx" or "csv"
    header_row: int
    header: tuple[object, ...]
    rows: list[RawRow]
    encoding: str = "utf-8"  # csv only
    delimiter: str = ","  # csv only
    title: str = "Sheet1"  # xlsx only


def read_rows(path: Path | str) -> list[RawRow]:
    """The rows of a household list: an .xlsx workbook's first sheet or a
    .csv file, below the header row found by its column names. Raises
    UnknownFileType, UnreadableFile, HeaderNotFound or MissingColumns."""
    return read_sheet(path).rows


def read_sheet(path: Path | str) -> Sheet:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UnknownFileType(path=str(path))
    if not path.is_file():
        raise ImportFileMissing(path=str(path))
    if suffix == ".xlsx":
        title, lines = _xlsx_lines(path)
        return _sheet(path, "xlsx", lines, title=title)
    text, encoding = _decode(path)
    delimiter = _delimiter(text)
    try:
        lines = [(n, tuple(row)) for n, row in enumerate(csv.reader(io.StringIO(text, newline=""),
                                                                     delimiter=delimiter), start=1)]
    except csv.Error as exc:
        raise UnreadableFile(path=str(path), detail=str(exc)) from None
    return _sheet(path, "csv", lines, encoding=encoding, delimiter=delimiter)


def _xlsx_lines(path: Path) -> tuple[str, list[tuple[int, tuple[object, ...]]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFile(path=str(path), detail=type(exc).__name__) from None
    try:
        if not workbook.worksheets:
            raise UnreadableFile(path=str(path), detail="no sheet")
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # some programs write a wrong size; read what is there
        lines: list[tuple[int, tuple[object, ...]]] = []
        for cells in sheet.iter_rows():
            numbered = [n for c in cells if (n := getattr(c, "row", None))]
            if not numbered:
                continue
            lines.append((numbered[0], tuple(c.value for c in cells)))
        return sheet.title, lines
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFile(path=str(path), detail=type(exc).__name__) from None
    finally:
        workbook.close()


def _decode(path: Path) -> tuple[str, str]:
    """The text of a .csv file and its encoding: UTF-8 (with or without a
    BOM), UTF-16 with a BOM (Excel's "Unicode text"), else GB18030 (which
    reads GBK and GB2312, as Chinese Windows writes them)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path=str(path), detail=type(exc).__name__) from None
    if raw.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    if raw.startswith(b"PK\x03\x04") or (b"\x00" in raw[:4096] and candidates != ["utf-16"]):
        raise UnreadableFile(path=str(path), detail="not a text file")
    for encoding in candidates:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnknownTextEncoding(path=str(path))


def _delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    counts = {d: head.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header_key(cell: object) -> str:
    text = unicodedata.normalize("NFKC", str(cell or ""))
    text = re.sub(r"\(.*?\)|（.*?）|【.*?】|\[.*?\]", "", text)
    return "".join(text.split()).strip("*:：").lower()


_HEADER_FIELDS = {_header_key(name): name_field for name_field, names in HEADERS.items() for name in names}


def _field_of(cell: object) -> str | None:
    key = _header_key(cell)
    if not key:
        return None
    if key in _HEADER_FIELDS:
        return _HEADER_FIELDS[key]
    for part in re.split(r"[/、|]", key):  # 救助证号/卡号
        if part in _HEADER_FIELDS:
            return _HEADER_FIELDS[part]
    return None


def _sheet(path: Path, kind: str, lines: list[tuple[int, tuple[object, ...]]], **fmt: Any) -> Sheet:
    for index, (number, cells) in enumerate(lines[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(cells):
            name = _field_of(cell)
            if name is not None and name not in columns:
                columns[name] = position
        if len(columns) >= _MIN_HEADER_MATCHES:
            break
    else:
        raise HeaderNotFound(path=str(path), columns=[HEADERS[f][0] for f in FIELDS])
    missing = [HEADERS[f][0] for f in FIELDS if f not in columns]
    if missing:
        raise MissingColumns(path=str(path), columns=missing)
    header = tuple(cells)
    rows = []
    for row_number, row in lines[index + 1:]:
        values = {f: _blank_to_none(row[i] if i < len(row) else None) for f, i in columns.items()}
        if all(v is None for v in values.values()):
            continue  # an empty line
        rows.append(RawRow(row_number, values, tuple(row)))
    return Sheet(path, kind, number, header, rows, **fmt)


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


# --- reading one row's values -------------------------------------------------
class _Unreadable(Exception):
    def __init__(self, problem: InvalidInput) -> None:
        self.problem = problem


def plain_cell(value: object) -> str:
    """A cell as text: whole numbers without their ``.0``, full-width
    letters and digits made plain."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    return unicodedata.normalize("NFKC", str(value)).strip()


def _text_cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _id_cell(value: object) -> str:
    if isinstance(value, float) or isinstance(value, str) and _SCIENTIFIC.fullmatch(plain_cell(value)):
        raise _Unreadable(InvalidInput(field="id_number", value="", reason="id_as_number"))
    return plain_cell(value).lstrip("'`")  # a leading ' keeps Excel from making it a number


def _members_cell(value: object) -> int:
    text = plain_cell(value)
    match = re.fullmatch(r"(\d{1,3})\s*人?", text)
    if isinstance(value, bool) or match is None:
        raise _Unreadable(InvalidInput(field="members", value=text, reason="not_a_number"))
    return int(match.group(1))


def _category_cell(value: object) -> HouseholdCategory:
    text = "".join(plain_cell(value).split())
    for candidate in (text, text.lower()):
        if candidate in _CATEGORY_BY_NAME:
            return _CATEGORY_BY_NAME[candidate]
    for suffix in _CATEGORY_SUFFIXES:
        if text.endswith(suffix) and text[: -len(suffix)] in _CATEGORY_BY_NAME:
            return _CATEGORY_BY_NAME[text[: -len(suffix)]]
    raise _Unreadable(InvalidInput(field="category", value=_text_cell(value), reason="relief_category"))


def parse_date(value: object) -> date | None:
    """A date as offices write it: an Excel date (or its serial number),
    2026-01-31, 2026/1/31, 2026.1.31, 2026年1月31日 or 20260131; None if it is none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if value in _EXCEL_SERIALS:
            return _EXCEL_EPOCH + timedelta(days=value)
        value = str(value)
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    match = _DATE_TEXT.fullmatch(text) or _DATE_DIGITS.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _date_cell(name: str, value: object) -> date:
    parsed = parse_date(value)
    if parsed is None:
        raise _Unreadable(InvalidInput(field=name, value=plain_cell(value), reason="date_format"))
    return parsed


_PLACEHOLDERS: dict[str, object] = {"members": 1, "category": HouseholdCategory.DIBAO, "valid_from": date.min,
                                    "valid_to": date.min, "consent_on": date.min}


def draft_of(row: RawRow) -> tuple[HouseholdDraft | None, list[InvalidInput]]:
    """The row as a household draft, and every problem with it: empty cells,
    cells that are not a number, a category or a date, and everything
    ``register`` would refuse (it is ``register``'s own check). The draft is
    None when there is any problem."""
    readers: dict[str, Callable[[object], object]] = {
        "card_number": plain_cell, "head_name": _text_cell, "id_number": _id_cell, "members": _members_cell,
        "category": _category_cell, "subdistrict": _text_cell, "certificate_ref": _text_cell,
        **{name: partial(_date_cell, name) for name in DATE_FIELDS},
    }
    values: dict[str, object] = {}
    problems: dict[str, InvalidInput] = {}
    for name in FIELDS:
        raw = row.values.get(name)
        if raw is None:
            problems[name] = InvalidInput(field=name, value="", reason="empty")
            continue
        try:
            values[name] = readers[name](raw)
        except _Unreadable as exc:
            problems[name] = exc.problem
    draft = HouseholdDraft(**{name: values.get(name, _PLACEHOLDERS.get(name, "")) for name in FIELDS})  # type: ignore[arg-type]
    unread = frozenset(problems)
    _checked, found = household_problems(draft, skip=unread)
    for problem in found:
        problems.setdefault(str(problem.field), problem)
    if problems:
        order = {name: i for i, name in enumerate(FIELDS)}
        return None, [problems[name] for name in sorted(problems, key=lambda n: order.get(n, len(order)))]
    assert _checked is not None
    # The checked values (card upper-cased, texts tidied, ID validated) are what gets imported.
    return HouseholdDraft(_checked.card_number, _checked.head_name, _checked.id_number, _checked.members,
                          _checked.category, _checked.subdistrict, _checked.certificate_ref, _checked.valid_from,
                          _checked.valid_to, _checked.consent_on), []


# --- the preview ----------------------------------------------------------------
@dataclass(frozen=True)
class BadRow:
    row_number: int
    #: the row's values for showing: names, ID numbers and certificate
    #: references masked
    values: dict[str, str]
    #: why, in the user's words
    reasons: list[str]
    #: the same, as errors (their facts hold no name and no whole ID number)
    errors: tuple[PosError, ...] = field(repr=False, default=())
    #: the row as the office sent it: for the reject file only
    cells: tuple[object, ...] = field(repr=False, default=())


@dataclass(frozen=True)
class ImportPreview:
    good: list[HouseholdDraft]
    bad: list[BadRow]
    #: the file's row number of each good draft
    good_rows: tuple[int, ...] = ()
    sheet: Sheet | None = field(repr=False, default=None)

    @property
    def total(self) -> int:
        return len(self.good) + len(self.bad)


def _english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


def _service(source: object) -> HouseholdService:
    if isinstance(source, HouseholdService):
        return source
    households = getattr(source, "households", None)
    if isinstance(households, HouseholdService):
        return households
    if isinstance(source, ServiceContext):
        from charity_pos.services.accounts import AccountService

        return HouseholdService(source, AccountService(source))
    raise TypeError(f"preview needs the services, the household service or a service context, not {type(source)}")


def _mask_text(text: str) -> str:
    return text[:1] + "*" * (len(text) - 1) if text else ""


def masked_values(row: RawRow) -> dict[str, str]:
    """The row's values for showing anywhere outside the reject file."""
    shown: dict[str, str] = {}
    for name in FIELDS:
        value = row.values.get(name)
        if value is None:
            shown[name] = ""
            continue
        text = plain_cell(value)
        if name == "head_name":
            text = mask_name(text)
        elif name == "id_number" and isinstance(value, float):
            text = f"{value:.6g}"  # what Excel shows of a number that lost its digits
        elif name == "id_number":
            number = normalize_id(text)
            text = mask_id(number) if len(number) >= 14 else "*" * len(number)
        elif name == "certificate_ref":
            text = _mask_text(text)
        shown[name] = text
    return shown


def preview(source: object, path: Path | str, describe: Describe | None = None) -> ImportPreview:
    """Read the file and check every row: which rows would be imported and
    which not, and why. Writes nothing. ``source`` is the store's services
    (or their household service, or a service context); ``describe`` turns
    errors into the user's words (``charity_pos.i18n.describe``; English
    without it)."""
    describe = describe or _english
    households = _service(source)
    sheet = read_sheet(path)
    if not sheet.rows:
        raise NoRowsToImport(path=str(sheet.path))
    parsed = [(row, *draft_of(row)) for row in sheet.rows]
    problems: dict[int, list[PosError]] = {row.row_number: list(found) for row, _, found in parsed}

    # Duplicates within the file: every row that shares a card or ID number is bad.
    by_card: dict[str, list[int]] = defaultdict(list)
    by_id: dict[str, list[int]] = defaultdict(list)
    for row, _draft, _found in parsed:
        card = "".join(plain_cell(row.values.get("card_number") or "").split()).upper()
        if card:
            by_card[card].append(row.row_number)
        number = row.values.get("id_number")
        if number is not None and not isinstance(number, float):
            number = normalize_id(plain_cell(number))
            if len(number) == 18:
                by_id[number].append(row.row_number)
    for card, rows in by_card.items():
        if len(rows) > 1:
            for n in rows:
                problems[n].append(CardTwiceInFile(value=card, rows=rows))
    for number, rows in by_id.items():
        if len(rows) > 1:
            for n in rows:
                problems[n].append(IdTwiceInFile(value=mask_id(number), rows=rows))

    # Against the registry: by card number, and by the ID number's keyed hash.
    candidates = [(row, draft) for row, draft, _ in parsed if draft is not None]
    if candidates:
        keys = households.keys()
        with households.ctx.db.read() as s:
            cards = set(s.scalars(select(Household.card_number)))
            hashes = set(s.scalars(select(Household.id_hash)))
        for row, draft in candidates:
            if draft.card_number in cards:
                problems[row.row_number].append(CardAlreadyRegistered(field="card_number", value=draft.card_number))
            if keys.match_hash(draft.id_number) in hashes:
                problems[row.row_number].append(IdAlreadyRegistered(field="id_number",
                                                                    value=mask_id(draft.id_number)))

    good: list[HouseholdDraft] = []
    good_rows: list[int] = []
    bad: list[BadRow] = []
    for row, checked, _found in parsed:
        errors = problems[row.row_number]
        if errors:
            bad.append(BadRow(row.row_number, masked_values(row), [describe(e) for e in errors], tuple(errors),
                              row.cells))
        else:
            assert checked is not None  # a row without a draft has its problems
            good.append(checked)
            good_rows.append(row.row_number)
    return ImportPreview(good, bad, tuple(good_rows), sheet)


# --- the reject file --------------------------------------------------------------
def rejects_path(path: Path | str) -> Path:
    """Where the bad rows of ``path`` go: ``<stem>.rejects.<ext>`` beside it."""
    path = Path(path)
    return path.with_name(f"{path.stem}.rejects{path.suffix}")


def is_rejects_file(path: Path) -> bool:
    """A reject file this module wrote: its first row ends with the 错误原因
    column. (Another file at the reject file's name is replaced only with
    ``force``.)"""
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            workbook = load_workbook(path, read_only=True)
            try:
                first = next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True), ())
            finally:
                workbook.close()
            cells = [c for c in first if c not in (None, "")]
            return bool(cells) and cells[-1] == REASONS_HEADER
        with path.open("rb") as fh:
            head = fh.read(64 * 1024)
        encoding = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
        for candidate in (encoding, "gb18030"):
            line = head.decode(candidate, errors="ignore").splitlines()[:1]
            if line and line[0].rstrip().rstrip('"').endswith(REASONS_HEADER):
                return True
        return False
    except Exception:  # noqa: BLE001 - anything unreadable is not one of ours
        return False


def write_rejects(result: ImportPreview, out_path: Path | str, protect: files.Protected | None = None, *,
                  force: bool = False) -> Path:
    """The bad rows, as the office sent them, with a 错误原因 column, in the
    input's format (.csv in its encoding and delimiter, or .xlsx); written
    beside ``out_path`` and moved into place, so never half a file, and
    never over the app's own files (``charity_pos.files``)."""
    return files.write_file(out_path, lambda path: render_rejects(result, path),
                            files.always() if protect is None else protect, force=force, ours=is_rejects_file)


@dataclass(frozen=True)
class ImportOutcome(Generic[T]):
    """What an import with its reject file did."""

    #: what saving the good rows returned (None when there were none)
    saved: T | None
    #: the reject file written (None when every row was good, or it could not be)
    rejects: Path | None = None
    #: the households were saved, then the reject file could not be put in place
    rejects_error: RejectsNotWritten | None = None


def import_with_rejects(result: ImportPreview, source: Path | str, save: Callable[[list[HouseholdDraft]], T],
                        protect: files.Protected, *, force: bool = False) -> ImportOutcome[T]:
    """Save the good rows (``save``, one transaction) and write the bad ones
    to ``<stem>.rejects.<ext>`` beside ``source``.

    The reject file is checked and written beside its name first: a path
    that cannot take it (a folder of that name, no right to write, one of
    the app's own files, someone else's file without ``force``) raises
    before anything is saved. Only the last step, the rename into place,
    comes after the save; should it fail, the outcome says how many
    households were saved and why the file is missing
    (``rejects_error``) instead of pretending nothing happened."""
    if not result.bad:
        return ImportOutcome(save(result.good) if result.good else None)
    out = rejects_path(source)
    with files.writing(out, protect, force=force, ours=is_rejects_file) as pending:
        try:
            render_rejects(result, pending.partial)
        except OSError as exc:
            raise files.not_writable(out, exc) from None
        saved = save(result.good) if result.good else None
        try:
            pending.commit()
        except PosError as exc:
            if saved is None:
                raise
            pending.cancel()
            return ImportOutcome(saved, None, RejectsNotWritten(count=len(result.good), path=str(out), cause=exc))
    return ImportOutcome(saved, out)


def reasons_text(reasons: Iterable[str]) -> str:
    """A row's reasons as one text: Chinese sentences run on after their
    full stop, others get a space between them."""
    text = ""
    for reason in (r.strip() for r in reasons):
        if text and not text.endswith(("。", "！", "；")):
            text += " "
        text += reason
    return text


def _padded(cells: Sequence[object], width: int) -> list[object]:
    return list(cells) + [None] * (width - len(cells))


def render_rejects(result: ImportPreview, path: Path) -> None:
    """Write the reject file to ``path`` itself (``write_rejects`` is the
    safe way to a final name)."""
    sheet = result.sheet
    if sheet is None:
        raise ValueError("the preview has no sheet to write rejects in")
    width = max([len(sheet.header)] + [len(b.cells) for b in result.bad])
    header = _padded(sheet.header, width) + [REASONS_HEADER]
    rows = [_padded(b.cells, width) + [reasons_text(b.reasons)] for b in result.bad]
    if sheet.kind == "csv":
        encoding = {"gb18030": "gb18030", "utf-16": "utf-16"}.get(sheet.encoding, sheet.encoding)
        with open(path, "w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, delimiter=sheet.delimiter, lineterminator="\r\n")
            for row in [header, *rows]:
                writer.writerow([csv_safe(v) for v in row])
        return
    _write_xlsx(path, sheet.title, header, rows)


#: What makes a spreadsheet program read a .csv cell as a formula (or a DDE call).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A cell for a .csv file: text that a spreadsheet program would take
    for a formula gets a leading apostrophe, so it stays text (CSV/formula
    injection); the ID number reader drops that apostrophe again."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _xlsx_text(value: object) -> object:
    """A cell for a workbook: control characters a workbook cannot hold are
    shown as escapes (``\\x1b``) rather than failing the whole file."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        return ILLEGAL_CHARACTERS_RE.sub(lambda m: printable(m.group(0)), value)
    return value


def _write_xlsx(path: Path, title: str, header: list[object], rows: list[list[object]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    workbook = Workbook()
    ws = workbook.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = title[:31] or "Sheet1"
    for r, values in enumerate([header, *rows], start=1):
        for c, value in enumerate(values, start=1):
            if value is None:
                continue
            value = _xlsx_text(value)
            cell = ws.cell(row=r, column=c, value=cast(Any, value))  # the cells as read, written back
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # their text, never a formula
            elif isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd" if value.time() == time() else "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell.number_format = "yyyy-mm-dd"
            if r == 1:
                cell.font = Font(bold=True)
    for c in range(1, len(header) + 1):
        longest = max((len(str(v)) for v in [header[c - 1], *(row[c - 1] for row in rows)] if v is not None),
                      default=8)
        ws.column_dimensions[get_column_letter(c)].width = min(60, max(10, longest * 2 if c == len(header) else
                                                                        longest + 4))
    ws.freeze_panes = "A2"
    workbook.save(path)


__all__ = [
    "FIELDS", "HEADERS", "REASONS_HEADER", "BadRow", "ImportOutcome", "ImportPreview", "RawRow", "Sheet", "csv_safe",
    "draft_of", "import_with_rejects", "is_rejects_file", "masked_values", "parse_date", "preview", "read_rows",
    "read_sheet", "reasons_text", "rejects_path", "render_rejects", "write_rejects",
]
