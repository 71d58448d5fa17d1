"""The donor statement (捐赠反馈函): one A4 page in Chinese, addressed to the
donor, with what they gave and what became of it, and no household named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from charity_pos.printing.donor_letter import render_donor_letter
from charity_pos.domain.documents import DonorStatement, StatementDonation
from tests.helpers import pdf_pages


def statement(donations: int = 2, *, kind: str = "person", name: str = "张伟", cash: int = 5000) -> DonorStatement:
    rows = tuple(StatementDonation(f"PT01-2026-D{n:06d}", date(2026, 3, 1 + n % 28), (f"PT01-2026-J{n:06d}",), 3,
                                   9000, cash if n == 1 else 0) for n in range(1, donations + 1))
    return DonorStatement("普陀区长征镇慈善超市", kind, name, 2026, date(2026, 12, 20), rows, 3 * donations,
                          9000 * donations, cash, sold=2 * donations, raised_fen=4550, handed_out=donations,
                          households=1, on_shelf=0, written_off=0, counted_missing=0)


def text_of(path: Path) -> tuple[int, str]:
    pages = pdf_pages(path)
    return len(pages), "".join(pages)


def test_a_person_is_thanked_by_name_for_what_their_gift_became(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    render_donor_letter(statement(), out)
    pages, text = text_of(out)
    assert pages == 1
    for words in ("普陀区长征镇慈善超市", "捐赠反馈函", "尊敬的张伟：", "PT01-2026-D000001", "PT01-2026-J000002",
                  "已义卖 4 件", "¥45.50", "惠及 1 户", "¥50.00", "2026年12月20日"):
        assert words in text, words


def test_a_company_is_addressed_by_its_name(tmp_path: Path) -> None:
    out = tmp_path / "letter.pdf"
    render_donor_letter(statement(kind="company", name="上海爱心食品有限公司", cash=0), out)
    _, text = text_of(out)
    assert "尊敬的上海爱心食品有限公司：" in text and "现金" in text


@pytest.mark.parametrize("count", [12, 13, 60])
def test_many_donations_still_fit_one_page(tmp_path: Path, count: int) -> None:
    out = tmp_path / "letter.pdf"
    render_donor_letter(statement(count), out)
    pages, text = text_of(out)
    assert pages == 1 and f"合计 {count} 笔" in text
    assert ("另有" in text) == (count > 12)


def test_the_letter_is_ours_for_the_out_guard(tmp_path: Path) -> None:
    from charity_pos.files import is_our_pdf

    out = tmp_path / "letter.pdf"
    render_donor_letter(statement(), out)
    assert is_our_pdf(out)


def test_goods_written_off_are_told_apart_from_a_count(tmp_path: Path) -> None:
    from dataclasses import replace

    from charity_pos.printing.donor_letter import letter_lines

    doc = replace(statement(), on_shelf=0, written_off=2, counted_missing=1)
    lines = letter_lines(doc)
    assert "· 因破损、过期等原因报损 2 件，均有报损单记录；" in lines and "· 盘点短缺 1 件。" in lines
    assert not any("报损" in line for line in letter_lines(statement()))
    out = tmp_path / "letter.pdf"
    render_donor_letter(doc, out)
    assert "报损 2 件" in text_of(out)[1]
