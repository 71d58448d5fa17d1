"""The slips and shift reports as the bytes an ESC/POS printer gets, at 32
columns (58 mm) and 48 columns (80 mm): sent through python-escpos's Dummy
printer and compared, as the text they print, with the expected layouts in
``expected/`` (looked at line by line); and the commands around the text:
the Chinese mode, the barcode, the cut."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from escpos.printer import Dummy

from charity_pos.demo.products import catalog_sample
from charity_pos.devices import escpos_layout as layout
from charity_pos.devices.escpos_job import Job, code128_data, code128_modules
from charity_pos.devices.escpos_picture import picture
from charity_pos.devices.escpos_text import COLUMNS, columns
from charity_pos.devices.receipt_printer import Connection, ReceiptPrinter
from tests.devices import documents as d

EXPECTED = Path(__file__).parent / "expected"

JOBS = {
    "sale": lambda w: layout.sale_slip(d.SALE, w),
    "sale-void-reprint": lambda w: layout.sale_slip(d.VOIDED_REPRINT, w),
    "return": lambda w: layout.sale_slip(d.RETURN, w),
    "handout": lambda w: layout.handout_slip(d.HANDOUT, w),
    "x-report": lambda w: layout.shift_report(d.X_REPORT, w),
    "z-report": lambda w: layout.shift_report(d.Z_REPORT, w),
}


def sent(job: bytes, width_mm: int = 80) -> bytes:
    """What the printer receives when the job is sent to it."""
    dummy = Dummy()
    ReceiptPrinter(Connection("network", width_mm, 2, host="127.0.0.1"), opener=lambda _c: dummy).send(job)
    return dummy.output


@pytest.mark.parametrize("width_mm", [58, 80])
@pytest.mark.parametrize("name", list(JOBS))
def test_layout_prints_as_expected(name: str, width_mm: int) -> None:
    job = JOBS[name](width_mm)
    received = sent(job, width_mm)
    assert received == job
    shown = picture(received, COLUMNS[width_mm])
    assert shown == (EXPECTED / f"{name}-{width_mm}mm.txt").read_text("utf-8")
    assert received.startswith(b"\x1b@\x1c&"), "reset, then the printer's Chinese mode"
    assert received.endswith(b"\x1bd\x04\x1dV\x01"), "fed past the cutter and cut"


@pytest.mark.parametrize("width_mm", [58, 80])
@pytest.mark.parametrize("name", list(JOBS))
def test_no_line_runs_past_the_paper(name: str, width_mm: int) -> None:
    for line in picture(JOBS[name](width_mm), COLUMNS[width_mm]).splitlines():
        assert columns(line) <= COLUMNS[width_mm], line


@pytest.mark.parametrize("width_mm", [58, 80])
def test_a_name_too_long_for_a_line_wraps_whole_and_keeps_every_character(width_mm: int) -> None:
    shown = picture(layout.sale_slip(d.SALE, width_mm), COLUMNS[width_mm])
    lines = shown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("雀巢"))
    joined = ""
    for line in lines[start:]:
        joined += line.split("   1 × ")[0].strip()
        if joined.replace(" ", "") == d.LONG_NAME.replace(" ", ""):
            break
    else:
        pytest.fail("the long name is not printed whole")
    assert start + 1 < len(lines) and lines[start + 1].strip(), "it took more than one line"


def test_amounts_stand_right_aligned_at_the_edge() -> None:
    for width_mm in (58, 80):
        lines = picture(layout.sale_slip(d.SALE, width_mm), COLUMNS[width_mm]).splitlines()
        for label in ("小计", "整单优惠", "现金", "找零"):
            line = next(line for line in lines if line.startswith(label))
            assert line.endswith(("￥161.70", "-￥1.70", "￥120.00", "￥10.00"))
            assert columns(line) == COLUMNS[width_mm], line


def test_the_yen_sign_goes_as_the_full_width_sign_every_chinese_printer_font_has() -> None:
    job = layout.sale_slip(d.SALE, 80)
    assert "¥".encode("gb18030") == b"\x81\x30\x84\x36", "four bytes in GB18030: outside a GBK font"
    assert b"\x81\x30\x84\x36" not in job
    assert "小计".encode("gb18030") + b" " * 36 + "￥161.70".encode("gb18030") in job
    assert "￥".encode("gb18030") == b"\xa3\xa4"


def test_chinese_is_sent_as_gb18030() -> None:
    job = layout.sale_slip(d.SALE, 80)
    assert "静安区石门二路街道慈善超市".encode("gb18030") in job
    assert "静安区".encode("utf-8") not in job


def test_the_sale_number_is_a_printer_drawn_code128_on_80mm() -> None:
    job = layout.sale_slip(d.SALE, 80)
    data = b"{BJA01-2026-S{C\x00\x01\x17"  # the closing six digits in code set C: 00 01 23
    assert code128_data(d.SALE.number) == data
    command = b"\x1dh\x50\x1dw\x02\x1dH\x00\x1dk\x49" + bytes([len(data)]) + data
    assert b"\x1ba\x01" + command + b"\x1ba\x00" in job, "centred, 10 mm high, 2 dots a module, GS k 73"
    assert code128_modules(d.SALE.number) == 200


def test_on_58mm_a_sale_number_too_long_to_fit_across_is_a_ladder_of_the_same_symbol() -> None:
    import barcode

    job = layout.sale_slip(d.SALE, 58)
    assert b"\x1dk" not in job
    at = job.index(b"\x1dv0\x00")
    width, height = int.from_bytes(job[at + 4:at + 6], "little"), int.from_bytes(job[at + 6:at + 8], "little")
    assert width == 48, "384 dots across"
    pattern = "0" * 10 + barcode.get("code128", d.SALE.number).build()[0] + "0" * 10
    assert height == 2 * len(pattern), "two dots (0.25 mm) a module"
    rows = job[at + 8:at + 8 + width * height]
    read = "".join("1" if rows[i * 2 * width + 24] else "0" for i in range(len(pattern)))
    assert read == pattern


def test_a_short_code_is_drawn_by_the_printer_on_58mm_too() -> None:
    job = Job(58)
    job.barcode("S000123")
    assert b"\x1dk\x49" in job.bytes() and b"\x1dv0" not in job.bytes()


def test_code128_refuses_what_it_cannot_carry() -> None:
    with pytest.raises(ValueError):
        code128_data("销售-1")
    with pytest.raises(ValueError):
        code128_data("")
    assert code128_data("A{1") == b"{BA{{1", "a brace is doubled"


def test_a_job_refuses_a_line_wider_than_the_paper() -> None:
    job = Job(58)
    with pytest.raises(ValueError):
        job.line("一" * 17)
    with pytest.raises(ValueError):
        Job(76)


def test_a_shift_report_is_x_or_z() -> None:
    from dataclasses import replace

    with pytest.raises(ValueError):
        layout.shift_report(replace(d.X_REPORT, kind="Y"), 80)


@pytest.mark.parametrize("pin, command", [(2, b"\x1bp\x00\x32\x32"), (5, b"\x1bp\x01\x32\x32")])
def test_drawer_pulse_on_its_pin(pin: int, command: bytes) -> None:
    dummy = Dummy()
    ReceiptPrinter(Connection("network", 80, pin, host="127.0.0.1"), opener=lambda _c: dummy).open_drawer()
    assert dummy.output == command
    assert picture(dummy.output, 48) == f"[drawer pulse, pin {pin}]\n"
    with pytest.raises(ValueError):
        layout.drawer_pulse(3)


def test_the_test_page_prints_every_character_of_the_demo_catalog_and_opens_no_drawer() -> None:
    sample = catalog_sample()
    job = layout.test_page(58, [("连接", "192.168.1.87:9100")], sample)
    shown = picture(job, 32)
    assert all(ch in shown for ch in sample if ch != " ")
    assert b"\x1bp" not in job
    assert "粮油" in sample or ("粮" in sample and "油" in sample)


@pytest.mark.parametrize("width_mm", [58, 80])
@pytest.mark.parametrize("make", [
    lambda w, training: layout.sale_slip(replace(d.SALE, training=training), w),
    lambda w, training: layout.handout_slip(replace(d.HANDOUT, training=training), w),
    lambda w, training: layout.shift_report(replace(d.Z_REPORT, training=training), w),
], ids=["sale", "handout", "z-report"])
def test_a_training_store_s_paper_says_training_at_the_top_and_the_end(make, width_mm: int) -> None:
    shown = picture(sent(make(width_mm, True), width_mm), COLUMNS[width_mm]).splitlines()
    marked = [n for n, line in enumerate(shown) if "培训 · 非正式票据" in line]
    assert len(marked) == 2 and marked[0] < 8 and marked[1] > len(shown) - 6, shown
    assert any("培" in line and "训" in line and "非正式" not in line for line in shown[:4]), "the big 培训 band"
    live = picture(sent(make(width_mm, False), width_mm), COLUMNS[width_mm])
    assert "培训" not in live and "非正式" not in live
