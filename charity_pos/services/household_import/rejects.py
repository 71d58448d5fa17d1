"""The reject file: the bad rows of a household list written back, as the
office sent them, in the file's own format with a 错误原因 column, for
correcting and importing again. One way of writing it (``_rejects_beside``:
checked, written beside its name, renamed into place), for the reject file
alone (``write_rejects``) and beside an import (``import_with_rejects``,
the store's and the hub's)."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from charity_pos import files
from charity_pos.domain.text import FORMULA_STARTS as FORMULA_STARTS, csv_safe as csv_safe, printable
from charity_pos.errors import PosError, RejectsNotWritten
from charity_pos.services.household_import.previewing import ImportPreview
from charity_pos.services.households import HouseholdDraft

T = TypeVar("T")

#: The column added to the reject file.
REASONS_HEADER = "错误原因"
#: What makes a spreadsheet program read a .csv cell as a formula (or a DDE call).


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


@contextmanager
def _rejects_beside(result: ImportPreview, out: Path | str, protect: files.Protected, *,
                    force: bool) -> Iterator[files.PendingFile]:
    """The reject file checked (``files.check_target``: never one of the
    app's own files, nor another's file without ``force``) and written whole
    beside ``out``; it is renamed into place when the block ends, unless the
    block cancels it, and removed if the block fails."""
    with files.writing(out, protect, force=force, ours=is_rejects_file) as pending:
        try:
            render_rejects(result, pending.partial)
        except OSError as exc:
            raise files.not_writable(pending.target, exc) from None
        yield pending


def write_rejects(result: ImportPreview, out_path: Path | str, protect: files.Protected | None = None, *,
                  force: bool = False) -> Path:
    """The bad rows, as the office sent them, with a 错误原因 column, in the
    input's format (.csv in its encoding and delimiter, or .xlsx); written
    beside ``out_path`` and moved into place, so never half a file, and
    never over the app's own files (``charity_pos.files``)."""
    with _rejects_beside(result, out_path, files.always() if protect is None else protect,
                         force=force) as pending:
        pass
    return pending.target


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
    with _rejects_beside(result, out, protect, force=force) as pending:
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
