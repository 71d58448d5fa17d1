"""The monthly public notice (公示): the right figures, the consenting donors
by name and everyone else as 爱心人士, no household and no one who did not
agree, the journal's head at the month's end; the same in the PDF and the
web page."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import select

from charity_pos.db.models import JournalEvent
from charity_pos.domain.identity import credit_check_char
from charity_pos.export.notice_html import notice_html
from charity_pos.printing.notice import render_notice
from charity_pos.reports import notice
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.intake import IntakeDraft
from tests.reports.conftest import CARD, COMPANY, HEAD, ID_NUMBER, PERSON
from tests.helpers import pdf_text

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def credit_code(serial: int) -> str:
    first17 = f"91310000{serial:09d}"
    return first17 + credit_check_char(first17)


def build(st) -> notice.Notice:
    with st.services.db.read() as s:
        return notice.build(s, *MARCH)


class _Text(HTMLParser):
    """The page's text, and every tag that is opened but not closed."""

    VOID = {"meta", "br", "link", "img", "hr", "input"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.style = False

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)
        self.attrs += attrs
        self.style = tag == "style"
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag) -> None:
        assert self.open and self.open[-1] == tag, (self.open, tag)
        self.open.pop()
        self.style = False

    def handle_data(self, data) -> None:
        if not self.style:
            self.parts.append(data)


def html_text(page: str) -> _Text:
    parser = _Text()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    return parser


def notice_pdf_text(content: notice.Notice, tmp_path: Path) -> str:
    out = tmp_path / "notice.pdf"
    render_notice(notice.paper(content), out)
    return pdf_text(out)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def texts(st, tmp_path: Path) -> list[str]:
    content = build(st)
    return [flat(notice_pdf_text(content, tmp_path)), flat("".join(html_text(notice_html(content)).parts))]


def test_no_household_and_no_donor_who_did_not_agree_is_named(ledger_store, tmp_path) -> None:
    for text in texts(ledger_store, tmp_path):
        for private in (HEAD, CARD, ID_NUMBER, ID_NUMBER[:6], ID_NUMBER[-4:], PERSON, "张*", "13812345678"):
            assert private not in text, private
        assert COMPANY in text
        assert "爱心人士" in text


def test_the_figures_are_the_days_counted_by_hand(ledger_store, tmp_path) -> None:
    for text in texts(ledger_store, tmp_path):
        for expected in (
            "普陀区长征镇慈善超市", "2026年3月公示", "2026-03-01至2026-03-31",
            "本月接收捐赠3笔：物资16件，估值¥620.00；现金捐赠2笔，共¥1,200.00。",
            "其中2件物资无法估价", "衣物4¥320.00", "粮油10¥300.00", "床上用品2¥0.00",
            f"{COMPANY}1¥300.00¥1,000.00",  # the company: one gift, rice worth ¥300.00 and ¥1,000.00 cash
            "爱心人士2¥320.00¥200.00",  # 张伟's coats and cash, and the anonymous blankets
            "销售2笔，金额¥100.60；退货1笔，退款¥25.00；销售收入净额¥75.60。",
            "本月帮扶1户、1人次，发放物资2件，价值¥65.80。", "低保11¥65.80",
            "购买帮困物资购买米面油发放困难家庭¥300.00",
            "本月收到现金捐赠¥1,200.00，使用¥300.00，月末善款结余¥900.00。",
        ):
            assert expected in text, expected


def test_the_journal_head_is_the_last_event_before_the_months_end(ledger_store, tmp_path) -> None:
    st = ledger_store
    with st.services.db.read() as s:
        last = s.execute(select(JournalEvent.seq, JournalEvent.hash).order_by(JournalEvent.seq.desc())).first()
    st.clock.set(st.clock().replace(month=4, day=2))  # an event in April does not move March's head
    st.services.stock.receive(st.manager, {st.noodles.id: 5})
    content = build(st)
    assert (content.head.seq, content.head.hash) == (last.seq, last.hash)
    for text in texts(st, tmp_path):
        assert last.hash in text and f"第{last.seq}条" in text
        assert "未被改动" in text


def test_a_person_who_agreed_is_named_in_full_and_markup_is_only_text(ledger_store, tmp_path) -> None:
    st = ledger_store
    for serial, name in enumerate(("李明", "<script>alert(1)</script>爱心&公司")):
        kind = DonorKind.PERSON if name == "李明" else DonorKind.COMPANY
        code = credit_code(serial) if kind is DonorKind.COMPANY else None
        donor = st.services.donors.create(st.cashier, DonorDraft(kind, name, credit_code=code,
                                                                 consent_public=True)).ids[0]
        st.services.intake.receive(st.cashier, IntakeDraft(donor, (), cash_fen=5000, cash_method="cash"))
    content = build(st)
    page = notice_html(content)
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;爱心&amp;公司" in page
    pdf = flat(notice_pdf_text(content, tmp_path))
    assert "李明1¥0.00¥50.00" in pdf and "<script>alert(1)</script>爱心&公司" in pdf


def test_the_web_page_stands_alone(ledger_store) -> None:
    page = notice_html(build(ledger_store))
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">')
    parsed = html_text(page)
    assert not parsed.tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not [value for key, value in parsed.attrs if key in ("src", "href")]
    assert "url(" not in page and "@import" not in page and "http" not in page
    assert "@media print" in page and "size:A4" in page
    page.encode("utf-8")  # valid UTF-8 text


def test_a_month_with_nothing_says_so(ledger_store, tmp_path) -> None:
    st = ledger_store
    with st.services.db.read() as s:
        content = notice.build(s, date(2026, 2, 1), date(2026, 2, 28))
    text = flat(notice_pdf_text(content, tmp_path))
    assert "本月接收捐赠0笔" in text and "本月无捐赠。" in text and "本月无善款支出。" in text
    assert "本月末本店日志尚无记录。" in text  # the store was made in March


@pytest.mark.parametrize("kind", [DonorKind.PERSON, DonorKind.COMPANY])
def test_a_donor_who_did_not_agree_is_never_named(ledger_store, tmp_path, kind) -> None:
    st = ledger_store
    name = "赵静怡" if kind is DonorKind.PERSON else "上海不愿具名贸易有限公司"
    code = credit_code(7) if kind is DonorKind.COMPANY else None
    donor = st.services.donors.create(st.cashier, DonorDraft(kind, name, credit_code=code)).ids[0]
    st.services.intake.receive(st.cashier, IntakeDraft(donor, (), cash_fen=1000, cash_method="cash"))
    for text in texts(st, tmp_path):
        assert name not in text and name[:1] + "*" not in text
        assert "爱心人士3¥320.00¥210.00" in text
