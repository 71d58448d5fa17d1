"""Reading a household list: an .xlsx workbook's first sheet, or a .csv file
in the encoding and with the delimiter it was written in; the header row
found by its column names (``headers``) and every row below it, as read."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charity_pos.errors import (
    HeaderNotFound,
    ImportFileMissing,
    MissingColumns,
    UnknownFileType,
    UnknownTextEncoding,
    UnreadableFile,
)
from charity_pos.services.household_import.headers import (
    FIELDS,
    HEADER_SEARCH_ROWS,
    HEADERS,
    MIN_HEADER_MATCHES,
    field_of,
)

#: A line of the file: its number (from 1) and its cells.
Line = tuple[int, tuple[object, ...]]


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


def _xlsx_lines(path: Path) -> tuple[str, list[Line]]:
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
        lines: list[Line] = []
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


def _sheet(path: Path, kind: str, lines: list[Line], **fmt: Any) -> Sheet:
    for index, (number, cells) in enumerate(lines[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(cells):
            name = field_of(cell)
            if name is not None and name not in columns:
                columns[name] = position
        if len(columns) >= MIN_HEADER_MATCHES:
            break
    else:
        raise HeaderNotFound(path=str(path), columns=[HEADERS[f][0] for f in FIELDS])
    missing = [HEADERS[f][0] for f in FIELDS if f not in columns]
    if missing:
        raise MissingColumns(path=str(path), columns=missing)
    header = tuple(cells)
    rows: list[RawRow] = []
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
