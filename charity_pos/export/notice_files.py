"""The monthly public notice written into a folder: the PDF for the wall
and the web page, both or neither."""

from __future__ import annotations

import contextlib
from pathlib import Path

from charity_pos import files
from charity_pos.errors import OutputNotAFolder, ProtectedFile
from charity_pos.export.notice_html import is_our_html, write_notice_html
from charity_pos.reports.notice import Notice, paper


def check_folder(folder: Path, protect: files.Protected) -> None:
    """May the notice go into ``folder`` (made if missing)? Nothing is made here."""
    what = protect.find(folder) or files.by_content(folder)
    if what is not None:
        raise ProtectedFile(path=str(folder), what=what)
    if folder.exists() and not folder.is_dir():
        raise OutputNotAFolder(path=str(folder))
    if not folder.exists() and not folder.parent.is_dir():
        files.check_target(folder, protect)  # the folder above is missing or not a folder: its error


def write_notice(notice: Notice, folder: Path, protect: files.Protected, *, force: bool = False) -> tuple[Path, Path]:
    """``公示-CODE-YYYY-MM.pdf`` and ``.html`` in ``folder``: both are put in
    place only when both were written; a folder made for them and left
    empty is removed again."""
    from charity_pos.printing.notice import render_notice

    check_folder(folder, protect)
    stem = notice.file_stem()
    pdf, html = folder / f"{stem}.pdf", folder / f"{stem}.html"
    made = False
    if not folder.exists():
        try:
            folder.mkdir()
        except OSError as exc:
            raise files.not_writable(folder, exc) from None
        made = True
    try:
        files.check_target(pdf, protect, force=force, ours=files.is_our_pdf)
        files.check_target(html, protect, force=force, ours=is_our_html)
        with files.writing(pdf, protect, force=force, ours=files.is_our_pdf) as first, \
                files.writing(html, protect, force=force, ours=is_our_html) as second:
            try:
                render_notice(paper(notice), first.partial)
                write_notice_html(notice, second.partial)
            except OSError as exc:
                raise files.not_writable(folder, exc) from None
    except BaseException:
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return pdf, html
