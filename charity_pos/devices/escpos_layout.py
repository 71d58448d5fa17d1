"""The sales slip, the return slip, the relief handout slip and the X/Z shift
reports as ESC/POS jobs for 58 mm (32 columns) or 80 mm (48 columns) paper.

They are laid out from the same documents as the PDFs
(``charity_pos.domain.documents``, built by the services) and say the same
things in the same order: the words are Chinese whatever the screens' language.
Names wrap on the left, amounts stand right-aligned at the right edge; each
job ends with a cut. The sale number is printed as a barcode (``Job.barcode``)
so that a return can start by scanning it.
"""

from __future__ import annotations

from charity_pos.devices.escpos_job import Job
from charity_pos.devices.escpos_text import columns, pad_left, pad_right, wrap
from charity_pos.domain.money import format_fen
from charity_pos.domain import vocabulary
from charity_pos.domain.documents import HandoutSlipDoc, ShiftReportDoc, SlipDoc, SlipLine

RETURN_TITLE = "退货单"
KEEP_SLIP = "退换货请保留本小票"
HANDOUT_TITLE = "物资发放单"
OVER_MARK = "※ 超额"
OVER_LEGEND = "※ 超额：超出本期额度发放的物品"
DECLARATION = "本人确认已如数领取上列物资。"
REPORT_TITLES = {"X": "X 报表（班中）", "Z": "Z 报表（交班）"}
DASH = "—"
INDENT = 2


def _reprint(count: int) -> str:
    return f"重打（第{count}次）" if count > 0 else ""


def _head(job: Job, store_name: str, store_code: str, title: str, training: bool = False) -> None:
    if training:  # printed by a training store: 培训 first, and the mark under the title
        _band(job, vocabulary.TRAINING_BAND)
    job.text(store_name, align="center", tall=True, bold=True)
    job.text(f"门店编码 {store_code}", align="center")
    job.blank()
    job.text(title, align="center", big=True, bold=True)
    if training:
        job.text(f"【{vocabulary.TRAINING}】", align="center", bold=True)


def _training_foot(job: Job, training: bool) -> None:
    """A training store's paper says so at the end too, where it is torn off."""
    if training:
        job.blank()
        job.text(f"【{vocabulary.TRAINING}】", align="center", bold=True)


def _band(job: Job, words: str) -> None:
    """Words that must not be missed (作废): big and bold between two double rules."""
    job.rule("=")
    job.text(words, align="center", big=True, bold=True)
    job.rule("=")


def _foot(job: Job, number: str) -> None:
    job.blank()
    job.barcode(number)
    job.text(number, align="center")


def _goods_line(job: Job, name: str, figures: str, marks: str) -> None:
    """A line of goods: on 80 mm the name and its figures on one line, the
    marks (source, list price, over the allowance) under them; on 58 mm the
    name on a line of its own, then the marks and the figures."""
    if job.cols >= 48:
        job.pair(name, figures, min_left=12)
        if marks:
            job.text(marks, indent=INDENT)
    else:
        job.text(name)
        if marks:
            job.pair(marks, figures, indent=INDENT)
        else:
            job.text(figures, align="right")


# --- the sales slip and the return slip -----------------------------------
def sale_slip(doc: SlipDoc, width_mm: int = 80) -> bytes:
    job = Job(width_mm)
    if doc.void:
        _band(job, "作  废")
    _head(job, doc.store_name, doc.store_code, doc.title, doc.training)
    if doc.reprint_count:
        job.text(f"【{_reprint(doc.reprint_count)}】", align="center", bold=True)
    job.pair("单号", doc.number)
    if doc.original_number:
        job.pair("原销售单", doc.original_number)
    job.pair("时间", doc.at)
    if job.cols >= 48:
        job.pair(f"收银员：{doc.cashier}", f"收银台：{doc.till}")
    else:
        job.pair("收银员", doc.cashier)
        job.pair("收银台", doc.till)
    job.rule()
    for line in doc.lines:
        _sale_line(job, line)
    job.rule()
    pieces = sum(abs(line.quantity) for line in doc.lines)
    job.text(f"共 {len(doc.lines)} 项 {pieces} 件")
    job.pair("小计", format_fen(doc.subtotal_fen))
    if doc.ticket_discount_fen:
        job.pair("整单优惠", format_fen(-doc.ticket_discount_fen))
    job.pair("合计", format_fen(doc.total_fen), big=True, bold=True, min_left=4)
    job.rule()
    if not doc.payments:
        job.pair("付款", DASH)
    for payment in doc.payments:
        job.pair(payment.method, format_fen(payment.amount_fen))
        if payment.reference.strip():
            job.text(f"参考号 {payment.reference.strip()}", indent=INDENT)
    job.pair("找零", format_fen(doc.change_fen), bold=True)
    job.rule()
    if doc.void:
        _band(job, "本单已作废")
    if doc.title != RETURN_TITLE and not doc.void:
        job.text(KEEP_SLIP, align="center")
    _foot(job, doc.number)
    job.blank()
    job.text(doc.thanks, align="center")
    if doc.reprint_count:
        job.text(_reprint(doc.reprint_count), align="center")
    _training_foot(job, doc.training)
    job.cut()
    return job.bytes()


def _sale_line(job: Job, line: SlipLine) -> None:
    """80 mm: the name beside quantity × price = amount. 58 mm: the name on
    its own line(s), the figures under it beside the source and list price."""
    gross = line.quantity * line.unit_price_fen
    figures = f"{line.quantity} × {format_fen(line.unit_price_fen)} = {format_fen(gross)}"
    details = "  ".join(part for part in (
        f"[{line.source.strip()}]" if line.source.strip() else "",
        f"原价 {format_fen(line.list_price_fen)}" if line.list_price_fen is not None else "") if part)
    _goods_line(job, line.name, figures, details)
    adjustment = line.amount_fen - gross
    if line.discount_fen or adjustment:
        shown = adjustment if adjustment else -line.discount_fen
        job.pair("优惠", ("+" if shown > 0 else "") + format_fen(shown), indent=INDENT)


# --- the relief handout slip -------------------------------------------------
def handout_slip(doc: HandoutSlipDoc, width_mm: int = 80) -> bytes:
    job = Job(width_mm)
    _head(job, doc.store_name, doc.store_code, HANDOUT_TITLE, doc.training)
    if doc.reprint_count:
        job.text(f"【{_reprint(doc.reprint_count)}】", align="center", bold=True)
    job.pair("单号", doc.number)
    job.pair("时间", doc.at)
    job.pair("收银员", doc.cashier)
    job.rule()
    job.text("受助家庭", bold=True)
    for label, value in (("救助卡号", doc.card_number), ("户主", doc.head_name_masked), ("身份证号", doc.id_masked),
                         ("家庭人数", f"{doc.members} 人"), ("救助类别", doc.category), ("发放周期", doc.period)):
        job.pair(label, value)
    job.rule()
    job.text("发放物资", bold=True)
    for line in doc.lines:
        figures = f"{line.quantity} × {format_fen(line.unit_value_fen)} = {format_fen(line.value_fen)}"
        marks = "  ".join(part for part in (f"[{line.category.strip()}]" if line.category.strip() else "",
                                            OVER_MARK if line.over else "") if part)
        _goods_line(job, line.name, figures, marks)
    if not doc.lines:
        job.text("（无）", align="center")
    job.rule()
    job.text(f"共 {len(doc.lines)} 项 {sum(line.quantity for line in doc.lines)} 件")
    job.pair("物资价值合计", format_fen(doc.total_value_fen), bold=True)
    if any(line.over for line in doc.lines):
        job.text(OVER_LEGEND)
    job.rule()
    job.text(f"额度（{doc.period}）", bold=True)
    for label, fen in (("本期额度", doc.allowance_fen), ("发放前剩余", doc.remaining_before_fen),
                       ("本次发放", doc.total_value_fen), ("发放后剩余", doc.remaining_after_fen)):
        job.pair(label, format_fen(fen), bold=label == "发放后剩余")
    if doc.remaining_after_fen < 0:
        job.text(f"本次超出额度 {format_fen(-doc.remaining_after_fen)}", align="right")
    if doc.override_reason.strip() or doc.approved_by:
        job.rule()
        job.text("超额审批", bold=True)
        job.text(f"超额原因：{doc.override_reason.strip() or '（未填写）'}")
        job.text(f"批准店长：{doc.approved_by or DASH}")
    job.rule()
    job.text(DECLARATION)
    for label in ("领取人签字：", "日期：", "经办人："):
        job.blank(2)
        job.line(label + "_" * (job.cols - columns(label)))
    job.rule()
    _foot(job, doc.number)
    if doc.reprint_count:
        job.text(_reprint(doc.reprint_count), align="center")
    _training_foot(job, doc.training)
    job.cut()
    return job.bytes()


# --- the X and Z shift reports ----------------------------------------------------
def shift_report(doc: ShiftReportDoc, width_mm: int = 80) -> bytes:
    if doc.kind not in REPORT_TITLES:
        raise ValueError(f"a shift report is an X or a Z report, not {doc.kind!r}")
    z = doc.kind == "Z"
    job = Job(width_mm)
    _head(job, doc.store_name, doc.store_code, REPORT_TITLES[doc.kind], doc.training)
    if not z:
        job.text("班次未结束，仅供核对", align="center")
    job.pair("班次", doc.shift_number)
    job.pair("收银台", doc.till)
    job.pair("开班", f"{doc.opened_at} {doc.opened_by}")
    if z or doc.closed_at:
        job.pair("交班", f"{doc.closed_at or DASH} {doc.closed_by or DASH}")
    job.pair("打印", doc.printed_at)
    job.rule()
    job.text("营业汇总", bold=True)
    job.pair(f"销售 {doc.sales_count} 笔", format_fen(doc.sales_fen))
    job.pair("其中捐赠物品", format_fen(doc.donated_sales_fen), indent=INDENT)
    job.pair(f"退货 {doc.returns_count} 笔", format_fen(doc.returns_fen))
    job.pair(f"作废 {doc.voids_count} 笔", format_fen(doc.voids_fen))
    job.pair("优惠", format_fen(doc.discounts_fen))
    job.rule()
    _methods(job, doc, z)
    if z:
        job.rule()
        _denominations(job, doc)
        if any(line.difference_fen for line in doc.methods) or doc.difference_reason.strip():
            job.rule()
            job.text("差异说明", bold=True)
            job.text(f"原因：{doc.difference_reason.strip() or '（未填写）'}")
            job.text(f"批准店长：{doc.approved_by or '（未批准）'}")
        job.rule()
        for label in ("收银员签字：", "店长签字："):
            job.blank(2)
            job.line(label + "_" * (job.cols - columns(label)))
    job.blank()
    job.text("— 报表结束 —", align="center")
    _training_foot(job, doc.training)
    job.cut()
    return job.bytes()


def _signed(fen: int) -> str:
    return ("+" if fen > 0 else "") + format_fen(fen)


def _methods(job: Job, doc: ShiftReportDoc, z: bool) -> None:
    job.text("收款方式", bold=True)
    job.pair("备用金", format_fen(doc.float_fen))
    job.text("现金应有 = 备用金 + 现金收款 − 现金退款")
    expected = sum(line.expected_fen for line in doc.methods)
    if not z:
        job.pair("方式", "应有")
        for line in doc.methods:
            job.pair(line.method, format_fen(line.expected_fen))
        job.rule(".")
        job.pair("合计", format_fen(expected), bold=True)
        return
    counted = sum(line.counted_fen or 0 for line in doc.methods)
    rows = [[line.method, format_fen(line.expected_fen),
             format_fen(line.counted_fen) if line.counted_fen is not None else DASH,
             _signed(line.difference_fen) if line.difference_fen is not None else DASH] for line in doc.methods]
    total = ["合计", format_fen(expected), format_fen(counted), _signed(counted - expected)]
    heads = ["方式", "应有", "实点", "差额"]
    widths = [max(columns(row[i]) for row in [heads, *rows, total]) for i in (1, 2, 3)]
    first = job.cols - sum(widths) - 3
    if first < 8:  # four columns do not fit (58 mm paper): a block per method
        for row in [*rows, total]:
            job.text(row[0], bold=row is total)
            for head, value in zip(heads[1:], row[1:], strict=True):
                job.pair(head, value, indent=INDENT, bold=row is total)
        return
    for row in [heads, *rows, total]:
        if row is total:
            job.rule(".")
        _table_row(job, row, first, widths, bold=row is total)


def _table_row(job: Job, row: list[str], first: int, widths: list[int], *, bold: bool) -> None:
    names = wrap(row[0], first)
    cells = "".join(" " + pad_left(cell, width) for cell, width in zip(row[1:], widths, strict=True))
    job.line(pad_right(names[0], first) + cells, bold=bold)
    for rest in names[1:]:
        job.line(rest, bold=bold)


def _denominations(job: Job, doc: ShiftReportDoc) -> None:
    job.text("现金清点", bold=True)
    if not doc.denominations:
        job.text("（未按面额清点）")
        return
    job.pair("面额 × 张数", "金额")
    total = 0
    for value, count in doc.denominations:
        total += value * count
        job.pair(f"{format_fen(value)} × {count}", format_fen(value * count))
    job.pair("清点合计", format_fen(total), bold=True)


# --- the test page and the drawer ----------------------------------------------------
def test_page(width_mm: int, facts: list[tuple[str, str]], sample: str) -> bytes:
    """What the settings' Test print prints: the connection, a ruler of the
    paper's columns, amounts right-aligned, every character of ``sample``
    (the demo catalog's names and categories), a barcode and a cut. It
    opens no drawer."""
    job = Job(width_mm)
    job.text("打印测试", align="center", big=True, bold=True)
    job.text("charity-pos ESC/POS", align="center")
    job.rule()
    for label, value in facts:
        job.pair(label, value)
    job.rule()
    job.line("".join(str(i % 10) for i in range(1, job.cols + 1)))
    job.pair("金额右对齐", format_fen(123450))
    job.pair("人民币符号", "¥ ￥")
    job.pair("合计", format_fen(9999999), big=True, bold=True, min_left=4)
    job.rule()
    chars = "".join(sorted(set(sample) - {" "}))
    job.text(f"商品名称用字（{len(chars)} 个）：", bold=True)
    job.text(chars)
    job.rule()
    _foot(job, "TEST-0123456789")
    job.cut()
    return job.bytes()


#: ESC p m t1 t2: a pulse on drawer pin 2 (m=0) or pin 5 (m=1), on for
#: t1 x 2 ms and off for t2 x 2 ms (100 ms each, what drawers expect).
DRAWER_PULSES = {2: b"\x1bp\x00\x32\x32", 5: b"\x1bp\x01\x32\x32"}


def drawer_pulse(pin: int) -> bytes:
    if pin not in DRAWER_PULSES:
        raise ValueError(f"the drawer is on pin 2 or 5, not {pin!r}")
    return DRAWER_PULSES[pin]
