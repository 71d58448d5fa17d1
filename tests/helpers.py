"""Helpers the tests share: the command line run in this process and the text of a PDF. (The widget
tests' dialog driver, ``answer_dialogs``, is in ``tests/ui/conftest.py``.)"""

from __future__ import annotations

import bisect
import contextlib
import io
import re
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path

import pypdf

from charity_pos import cli, i18n
from charity_pos.domain.days import STORE_TZ
from charity_pos.services.base import Approval


# --- the command line -----------------------------------------------------------------------------------
def run_cli(*argv: object, lang: str | None = None) -> tuple[int, str, str]:
    """``charity-pos ARGV`` in this process (``cli.main``): its exit code, what it printed on stdout and on
    stderr. ``lang`` adds ``--lang LANG``; argparse's usage errors give their exit code. The messages'
    language (``i18n.translate``) is as it was before the call: each command loads its own, as each run of
    ``charity-pos`` is a process of its own."""
    out, err = io.StringIO(), io.StringIO()
    args = [str(a) for a in argv] + (["--lang", lang] if lang else [])
    saved = list(i18n._loaded)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(args)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    finally:
        i18n._loaded[:] = saved
    return code, out.getvalue(), err.getvalue()


def this_year() -> int:
    """The year at the store now (Shanghai), in which a document made on the real clock is numbered: the
    command line's and the app's (``PT01-2027-C000001`` from New Year's Day on). Services given the
    ``clock`` fixture number in their clock's year instead."""
    return datetime.now(STORE_TZ).year


# --- PDFs -----------------------------------------------------------------------------------------------
def pdf_pages(source: Path | str | bytes) -> list[str]:
    """The text of each page of a PDF file (or of its bytes), as pypdf extracts it."""
    reader = pypdf.PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
    return [page.extract_text() or "" for page in reader.pages]


def pdf_text(source: Path | str | bytes) -> str:
    """The text of a whole PDF, its pages one after the other (a line break between two pages)."""
    return "\n".join(pdf_pages(source))


def compact(text: str) -> str:
    """Text without any white space: PDF text extraction breaks lines and spaces words where the layout
    put them, not where the words do."""
    return "".join(text.split())


def pdf_words(pdf: Path) -> list[tuple[float, float, float, float, str, float, float]]:
    """Every word of a PDF with its box (xMin, yMin, xMax, yMax, from the top) and its page's size, from poppler's
    ``pdftotext -bbox``."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    words = []
    page_w = page_h = 0.0
    for line in html.splitlines():
        page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if page:
            page_w, page_h = float(page[1]), float(page[2])
        word = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if word:
            words.append((*map(float, word.groups()[:4]), word[5], page_w, page_h))  # type: ignore[arg-type]
    return words


def cluster(values: list[int], centre: int, gap: int) -> tuple[int, int]:
    """The run of sorted values around centre with no step larger than gap, as (first, last)."""
    values = sorted(values)
    index = min(max(bisect.bisect_left(values, centre), 0), len(values) - 1)
    lo = hi = index
    while lo > 0 and values[lo] - values[lo - 1] <= gap:
        lo -= 1
    while hi < len(values) - 1 and values[hi + 1] - values[hi] <= gap:
        hi += 1
    return values[lo], values[hi]


def one_error_line(code: int, out: str, err: str, *, english: bool = False) -> str:
    """An error a user caused: exit 1, one line on stderr, nothing else."""
    assert "Traceback" not in out + err
    assert code == 1, (out, err)
    assert out == ""
    lines = err.rstrip("\n").split("\n")
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: " if english else "错误："), lines[0]
    return lines[0]


def dump(path: Path) -> list[str]:
    """Every table's every row: what "nothing changed" is checked against."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


#: A manager's approval to take in food with less shelf life left than the store's minimum (the tests that
#: need food near or past its date at the counter take it in so, as a store would)
SHORT_DATED_OK = Approval("manager", "9999", "临期捐赠，当天分发")


def said_in(error: Exception, language: str) -> str:
    """The sentence the command line and the screens give for ``error`` in ``language`` (zh_CN, en)."""
    saved = list(i18n._loaded)
    try:
        i18n.load_catalog(language)
        return i18n.describe(error)
    finally:
        i18n._loaded[:] = saved
