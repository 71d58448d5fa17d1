"""Ledgers and reports as files to hand over: Excel workbooks (.xlsx), PDFs
and .csv files, and the monthly public notice as a web page. No Qt here.

Exports are official papers: always in Chinese, whatever the app's
language. Every file is written through ``charity_pos.files``: never over
the store's own files or keys, over an existing file only when charity-pos
wrote it or with ``force``, and beside its place first, then renamed, so a
failure leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from charity_pos import files
from charity_pos.errors import UnknownExportType
from charity_pos.reports.table import Report

#: the file types a report is written as
SUFFIXES = (".xlsx", ".pdf", ".csv")


def _writer(suffix: str) -> Callable[[Report, Path], None]:
    if suffix == ".xlsx":
        from charity_pos.export.xlsx import write_xlsx

        return write_xlsx
    if suffix == ".pdf":
        from charity_pos.export.pdf import write_pdf

        return write_pdf
    from charity_pos.export.csv_out import write_csv

    return write_csv


def ours(path: Path | str) -> files.Ours | None:
    """How to tell a file charity-pos wrote of the type ``path`` names (a
    .csv carries no mark: only --force replaces one)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        return files.is_our_pdf
    if suffix == ".xlsx":
        from charity_pos.export.xlsx import is_our_xlsx

        return is_our_xlsx
    return None


def check_suffix(path: Path | str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnknownExportType(path=str(path), suffix=Path(path).suffix or Path(path).name)
    return suffix


def check_out(path: Path | str, protect: files.Protected | None = None, *, force: bool = False) -> Path:
    """May a report go to ``path``? The error saying why not; nothing written."""
    target = files.check_target(path, files.always() if protect is None else protect, force=force, ours=ours(path))
    check_suffix(path)
    return target


def write_report(report: Report, path: Path | str, *, protect: files.Protected | None = None,
                 force: bool = False) -> Path:
    """Write ``report`` to ``path`` as the suffix says (.xlsx, .pdf, .csv)."""
    check_out(path, protect, force=force)
    write = _writer(Path(path).suffix.lower())
    return files.write_file(path, lambda partial: write(report, partial),
                            files.always() if protect is None else protect, force=force, ours=ours(path))
