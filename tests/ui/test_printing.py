"""PDFs onto paper: every page rasterised at the printer's resolution and
painted, honouring the page range; and saving as a file the user names,
never leaving half a file behind."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from charity_pos.errors import OutputFolderMissing
from charity_pos.ui.printing import PdfOutput


def _pdf(path: Path, pages: int, size: QPageSize | None = None) -> Path:
    """A PDF with a big page number on each page."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(size or QPageSize(QPageSize.PageSizeId.A5), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setResolution(72)
    painter = QPainter(writer)
    font = QFont()
    font.setPointSize(60)
    painter.setFont(font)
    for number in range(1, pages + 1):
        if number > 1:
            writer.newPage()
        painter.fillRect(20, 20, 100, 100, QColor("black"))
        painter.drawText(40, 240, str(number))
    painter.end()
    return path


def _pages(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


class PrintInto:
    """Stands in for the print dialog: the 'printer' writes a PDF file."""

    def __init__(self, out: Path, first: int = 0, last: int = 0, copies: int = 1,
                 portrait: bool = False) -> None:
        self.out, self.first, self.last, self.copies, self.portrait = out, first, last, copies, portrait
        self.seen_size: QSizeF | None = None

    def __call__(self, parent, printer: QPrinter) -> bool:
        self.seen_size = printer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.out))
        printer.setResolution(100)
        if self.first:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(self.first, self.last)
        printer.setCopyCount(self.copies)
        if self.portrait:
            printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        return True


@pytest.fixture
def output(qtbot) -> PdfOutput:
    return PdfOutput()


def test_print_pdf_paints_every_page_on_a_page_of_the_pdfs_size(output, tmp_path) -> None:
    source = _pdf(tmp_path / "three.pdf", 3)
    fake = PrintInto(tmp_path / "printed.pdf")
    output.choose_printer = fake  # type: ignore[method-assign]
    assert output.print_pdf(None, source)
    assert _pages(tmp_path / "printed.pdf") == 3
    assert fake.seen_size is not None and round(fake.seen_size.width()) == 148, "A5 offered in the dialog"


def test_print_pdf_honours_the_page_range(output, tmp_path) -> None:
    source = _pdf(tmp_path / "five.pdf", 5)
    output.choose_printer = PrintInto(tmp_path / "printed.pdf", first=2, last=3)  # type: ignore[method-assign]
    assert output.print_pdf(None, source)
    assert _pages(tmp_path / "printed.pdf") == 2


def test_cancelled_print_dialog_prints_nothing(output, tmp_path) -> None:
    source = _pdf(tmp_path / "one.pdf", 1)
    output.choose_printer = lambda parent, printer: False  # type: ignore[method-assign]
    assert not output.print_pdf(None, source)


def test_printed_page_shows_what_the_pdf_shows(output, tmp_path) -> None:
    source = _pdf(tmp_path / "one.pdf", 1)
    output.choose_printer = PrintInto(tmp_path / "printed.pdf")  # type: ignore[method-assign]
    output.print_pdf(None, source)
    bitmap = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))[0].render(scale=1, grayscale=True)
    pixels = bitmap.buffer
    # the black square drawn at (20..120, 20..120) points is black where it was
    assert pixels[70 * bitmap.stride + 70] < 60
    assert pixels[300 * bitmap.stride + 300] > 200


def test_save_pdf_as_writes_where_chosen_and_adds_pdf(output, tmp_path) -> None:
    output.choose_file = lambda parent, name: tmp_path / "收据"  # type: ignore[method-assign]
    saved = output.save_pdf_as(None, lambda path: _pdf(path, 1) and True, "receipt.pdf")
    assert saved == tmp_path / "收据.pdf" and _pages(saved) == 1
    assert list(tmp_path.glob("*.partial")) == []


def test_save_pdf_as_leaves_nothing_when_making_fails(output, tmp_path) -> None:
    output.choose_file = lambda parent, name: tmp_path / "r.pdf"  # type: ignore[method-assign]

    def broken(path: Path) -> bool:
        path.write_bytes(b"%PDF-1.4 half")
        raise RuntimeError("renderer crashed")

    with pytest.raises(RuntimeError):
        output.save_pdf_as(None, broken, "r.pdf")
    assert list(tmp_path.iterdir()) == []


def test_save_into_a_missing_folder_is_refused(output, tmp_path) -> None:
    output.choose_file = lambda parent, name: tmp_path / "nope" / "r.pdf"  # type: ignore[method-assign]
    with pytest.raises(OutputFolderMissing):
        output.save_pdf_as(None, lambda path: True, "r.pdf")


def test_make_and_print_chooses_the_printer_before_making(output, tmp_path) -> None:
    order: list[str] = []
    fake = PrintInto(tmp_path / "printed.pdf")

    def choose(parent, printer):
        order.append("dialog")
        return fake(parent, printer)

    def make(path: Path) -> bool:
        order.append("make")
        _pdf(path, 2)
        return True

    output.choose_printer = choose  # type: ignore[method-assign]
    assert output.make_and_print(None, make)
    assert order == ["dialog", "make"] and _pages(tmp_path / "printed.pdf") == 2
    output.choose_printer = lambda parent, printer: False  # type: ignore[method-assign]
    order.clear()
    assert not output.make_and_print(None, make)
    assert order == [], "cancelling the print dialog makes nothing (a receipt number stays unused)"


def test_landscape_label_is_offered_landscape_and_printed_whole(output, tmp_path) -> None:
    label = QPageSize(QSizeF(30, 40), QPageSize.Unit.Millimeter, "label", QPageSize.SizeMatchPolicy.ExactMatch)
    writer = QPdfWriter(str(tmp_path / "label.pdf"))
    writer.setPageLayout(QPageLayout(label, QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    painter.fillRect(writer.pageLayout().paintRectPixels(writer.resolution()), QColor("black"))
    painter.end()
    assert [round(x / 72 * 25.4) for x in pdfium.PdfDocument(str(tmp_path / "label.pdf"))[0].get_size()] == [40, 30]
    fake = PrintInto(tmp_path / "printed.pdf")
    output.choose_printer = fake  # type: ignore[method-assign]
    assert output.print_pdf(None, tmp_path / "label.pdf")
    width, height = pdfium.PdfDocument(str(tmp_path / "printed.pdf"))[0].get_size()
    assert round(width / 72 * 25.4) == 40 and round(height / 72 * 25.4) == 30
    output.choose_printer = PrintInto(tmp_path / "portrait.pdf", portrait=True)  # type: ignore[method-assign]
    assert output.print_pdf(None, tmp_path / "label.pdf")
    page = pdfium.PdfDocument(str(tmp_path / "portrait.pdf"))[0]
    assert [round(x / 72 * 25.4) for x in page.get_size()] == [30, 40], "the driver's portrait label"
    bitmap = page.render(scale=1, grayscale=True)
    assert bitmap.buffer[(bitmap.height // 2) * bitmap.stride + bitmap.width // 2] < 60, "turned, not shrunk away"


# --- the ESC/POS receipt printer and the cash drawer at the counter ------------------------
import uuid  # noqa: E402

from escpos.printer import Dummy  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from charity_pos.config import Settings  # noqa: E402
from charity_pos.devices import escpos_layout  # noqa: E402
from charity_pos.devices.receipt_printer import ReceiptPrinter, connection_from  # noqa: E402
from charity_pos.services.base import Approval  # noqa: E402
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft  # noqa: E402
from charity_pos.services.slips import sale_slip  # noqa: E402
from tests.ui.handout.test_view import households  # noqa: E402, F401 - the fixture
from tests.ui.sales.test_payment import enter, pay, three_bags  # noqa: E402

PULSE_PIN_2 = b"\x1bp\x00\x32\x32"


class Jobs:
    """The ESC/POS printer at the till: each connection a python-escpos
    Dummy whose bytes are kept, one entry per job; ``offline`` refuses."""

    def __init__(self) -> None:
        self.sent: list[bytes] = []
        self.offline = False

    def open(self, connection):
        if self.offline:
            raise OSError(113, "No route to host")
        dummy = Dummy()
        closed: list[bool] = []

        def close() -> None:  # python-escpos closes once more when the object goes: count the job once
            if not closed:
                closed.append(True)
                self.sent.append(dummy.output)

        dummy.close = close  # type: ignore[method-assign]
        return dummy

    @property
    def pulses(self) -> int:
        return sum(1 for job in self.sent if job == PULSE_PIN_2)


@pytest.fixture
def jobs(sale_screen) -> Jobs:
    """The counter set to an ESC/POS printer on the network with a drawer on pin 2, slips printing by themselves."""
    made = Jobs()
    settings = Settings(till="1", slip_output="escpos", escpos_host="192.168.1.87", auto_print_slip=True)
    sale_screen.use_settings(settings)
    sale_screen.slips.escpos_printer = lambda: ReceiptPrinter(  # type: ignore[method-assign]
        connection_from(sale_screen.settings), opener=made.open)
    return made


def test_a_cash_sale_opens_the_drawer_when_paid_and_prints_its_slip(qtbot, sale_screen, services, jobs) -> None:
    three_bags(qtbot, sale_screen)
    seen: dict[str, object] = {}

    def steps(dialog) -> None:
        qtbot.keyClicks(dialog.cash, "100")
        enter(qtbot, dialog)
        seen["at_change"] = list(jobs.sent)  # the change on the screen: the drawer is already open
        seen["slip_label"] = dialog.slip_label.text()

    pay(qtbot, sale_screen, steps)
    number = services.sales.sales()[0].number
    view = services.sales.sale(number)
    assert seen["at_change"][0] == PULSE_PIN_2, "the drawer opens first"
    assert seen["at_change"][1] == escpos_layout.sale_slip(sale_slip(services.ctx, view, 0), 80)
    assert jobs.pulses == 1, "once, not again when the dialog closes"
    assert view.slip_prints == 1 and seen["slip_label"] == "小票已打印。"
    assert sale_screen.no_sale_button.isVisible()


def test_a_wechat_sale_leaves_the_drawer_shut(qtbot, sale_screen, services, jobs) -> None:
    three_bags(qtbot, sale_screen)

    def steps(dialog) -> None:
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F5)
        enter(qtbot, dialog)
        qtbot.keyClicks(dialog.reference, "4200001234202603101234")
        enter(qtbot, dialog)

    pay(qtbot, sale_screen, steps)
    assert services.sales.sales()[0].number
    assert jobs.pulses == 0 and len(jobs.sent) == 1, "only the slip"


def test_an_offline_printer_is_said_and_the_sale_is_kept_uncounted(qtbot, sale_screen, services, jobs,
                                                                    feedback) -> None:
    jobs.offline = True
    three_bags(qtbot, sale_screen)

    def steps(dialog) -> None:
        qtbot.keyClicks(dialog.cash, "100")
        enter(qtbot, dialog)

    pay(qtbot, sale_screen, steps)
    sale = services.sales.sale(services.sales.sales()[0].number)
    assert sale.status == "completed" and sale.change_fen == 130
    assert sale.slip_prints == 0, "a slip the printer did not take is not counted"
    assert feedback.errors and all("192.168.1.87:9100" in text and "无法连接" in text for text in feedback.errors)
    assert sale_screen.model.rowCount() == 0, "the counter goes on"


def _drive_return(qtbot, screen, number: str, approval) -> None:
    approval.answer = Approval("manager", "9999", "顾客退货，商品完好")

    def run(dialog: QDialog) -> int:
        dialog.load(number)
        dialog.spins[0][1].setValue(1)
        dialog.reason.setText("破损")
        dialog.take_back()
        return dialog.result()

    screen.run_dialog = run  # type: ignore[method-assign]
    qtbot.keyClick(screen.scan, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)


def test_a_cash_return_opens_the_drawer_a_phone_one_does_not(qtbot, sale_screen, services, cashier, stocked,
                                                             approval, jobs) -> None:
    rice = stocked["rice"]
    by_cash = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "1", (LineDraft(rice.id, 2),),
                                                         (PaymentDraft("cash", 10000),))).number
    by_phone = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "1", (LineDraft(rice.id, 2),), (
        PaymentDraft("alipay", 6580, "2826****1234"),))).number
    _drive_return(qtbot, sale_screen, by_phone, approval)
    assert jobs.pulses == 0 and len(jobs.sent) == 1, "the return slip only"
    _drive_return(qtbot, sale_screen, by_cash, approval)
    assert jobs.pulses == 1


def _void(qtbot, screen, number: str, approval) -> None:
    """Ctrl+J on the counter, the sale chosen, voided with a manager's approval."""
    from charity_pos.ui.sales.recent import ShiftSalesDialog, VoidSaleDialog

    approval.answer = Approval("manager", "9999", "顾客要求取消")
    voided: list[str] = []

    def run(dialog: QDialog) -> int:
        if isinstance(dialog, VoidSaleDialog):
            dialog.reason.setText("重复收款")
            dialog.accept()
            return dialog.result()
        assert isinstance(dialog, ShiftSalesDialog)
        dialog.run_dialog = run  # type: ignore[method-assign]
        dialog.select(number)
        dialog.void()
        voided.append(dialog.message.text())
        return 0

    screen.run_dialog = run  # type: ignore[method-assign]
    qtbot.keyClick(screen.scan, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert voided and "已作废" in voided[0]


def test_voiding_a_cash_sale_opens_the_drawer_a_phone_one_does_not(qtbot, sale_screen, services, cashier, stocked,
                                                                   approval, jobs) -> None:
    rice = stocked["rice"]
    by_cash = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "1", (LineDraft(rice.id, 2),),
                                                         (PaymentDraft("cash", 10000),))).number
    by_phone = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "1", (LineDraft(rice.id, 2),), (
        PaymentDraft("wechat", 6580, "4200001234202603101234"),))).number
    _void(qtbot, sale_screen, by_phone, approval)
    assert services.sales.sale(by_phone).status == "voided"
    assert jobs.sent == [], "paid by phone: the drawer stays shut"
    _void(qtbot, sale_screen, by_cash, approval)
    assert services.sales.sale(by_cash).status == "voided"
    assert jobs.sent == [PULSE_PIN_2], "the cash goes back: the drawer opens, once"


def test_voiding_a_cash_sale_without_a_drawer_sends_nothing(qtbot, sale_screen, services, cashier, stocked,
                                                            approval, jobs) -> None:
    sale_screen.settings.cash_drawer = False  # the ESC/POS printer has no drawer on it
    number = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "1", (LineDraft(stocked["rice"].id, 2),),
                                                        (PaymentDraft("cash", 10000),))).number
    _void(qtbot, sale_screen, number, approval)
    assert services.sales.sale(number).status == "voided" and jobs.sent == []


def test_no_sale_a_cashier_needs_a_manager_and_it_is_logged(qtbot, sale_screen, services, approval, jobs,
                                                            feedback) -> None:
    from tests.services.test_drawer import opened

    sale_screen.ask_reason = lambda: "顾客换零钱"  # type: ignore[method-assign]
    qtbot.keyClick(sale_screen.scan, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert approval.asked == ["此操作需要店长批准：无销售开钱箱。"]
    assert jobs.pulses == 0 and opened(services) == [], "cancelled: nothing opened, nothing logged"
    approval.answer = Approval("manager", "9999", "同意换零", "1")
    assert sale_screen.no_sale()
    assert jobs.pulses == 1
    assert [(o, detail["reason"]) for _a, o, _u, _b, detail in opened(services)] == [("approved", "顾客换零钱")]
    assert sale_screen.notice.text() == "已无销售开钱箱，原因已记入日志。"


def test_no_sale_needs_a_reason_from_a_manager_too(qtbot, services, manager, feedback, approval, open_shift,
                                                   stocked) -> None:
    from charity_pos.ui.sales import SaleScreen
    from tests.services.test_drawer import opened

    made = Jobs()
    screen = SaleScreen(services, manager, feedback, approval,
                        settings=Settings(till="1", slip_output="escpos", escpos_host="192.168.1.87"))
    qtbot.addWidget(screen)
    screen.slips.escpos_printer = lambda: ReceiptPrinter(connection_from(screen.settings), opener=made.open)  # type: ignore[method-assign]
    screen.ask_reason = lambda: "  "  # type: ignore[method-assign]
    assert not screen.no_sale()
    assert feedback.errors == ["原因不能为空。"] and made.sent == [] and opened(services) == []
    screen.ask_reason = lambda: None  # type: ignore[method-assign]
    assert not screen.no_sale() and made.sent == []
    screen.ask_reason = lambda: "点错了，退回备用金"  # type: ignore[method-assign]
    assert screen.no_sale() and made.pulses == 1 and approval.asked == []
    assert [detail["reason"] for *_rest, detail in opened(services)] == ["点错了，退回备用金"]


def test_no_sale_without_a_drawer_is_said(qtbot, sale_screen) -> None:
    asked: list[bool] = []
    sale_screen.ask_reason = lambda: asked.append(True) or "x"  # type: ignore[method-assign]
    assert not sale_screen.no_sale_button.isVisible()
    assert not sale_screen.no_sale()
    assert asked == [] and "设置" in sale_screen.notice.text()


def test_a_printer_failing_on_no_sale_logs_nothing(qtbot, sale_screen, services, jobs, approval, feedback) -> None:
    from tests.services.test_drawer import opened

    jobs.offline = True
    approval.answer = Approval("manager", "9999", "同意", "1")
    sale_screen.ask_reason = lambda: "换零钱"  # type: ignore[method-assign]
    assert not sale_screen.no_sale()
    assert opened(services) == [] and "无法连接" in feedback.errors[-1]


def test_the_handout_slip_goes_to_the_escpos_printer_on_its_paper(qtbot, services, cashier, feedback, approval,
                                                                  households) -> None:
    from charity_pos.devices.escpos_picture import picture
    from charity_pos.ui.handout import HandoutScreen
    from tests.ui.conftest import show_active
    from tests.ui.handout.test_view import RICE
    from tests.ui.sales.test_view import post_burst

    made = Jobs()
    settings = Settings(till="1", slip_output="escpos", escpos_host="192.168.1.87", slip_width_mm=58)
    screen = HandoutScreen(services, cashier, feedback, approval, settings=settings)
    qtbot.addWidget(screen)
    screen.resize(1100, 720)
    show_active(screen)
    screen.activate()
    screen.slips.escpos_printer = lambda: ReceiptPrinter(connection_from(settings), opener=made.open)  # type: ignore[method-assign]
    post_burst(screen.scan, "AX000001\n" + RICE + "\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    number = screen.last_number
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(made.sent) == 1 and feedback.errors == []
    shown = picture(made.sent[0], 32)
    assert number in shown and "领取人签字" in shown and "310104********7620" in shown and "袁建华" not in shown
    from charity_pos.devices.escpos_text import columns

    assert all(columns(line) <= 32 for line in shown.splitlines())
    assert b"\x1bp" not in made.sent[0], "a handout takes no money: the drawer stays shut"
    assert screen.notice.text() == f"发放单 {number} 已打印：请领取人签字。"


def test_the_x_report_goes_to_the_escpos_printer(qtbot, sale_screen, services, jobs) -> None:
    assert sale_screen.slips.shift_report("1", sale_screen)
    from charity_pos.devices.escpos_picture import picture

    doc = services.shifts.report_doc("1")

    def shown(job: bytes) -> list[str]:  # the time of printing aside
        return [line for line in picture(job, 48).splitlines() if not line.startswith("打印")]

    assert doc.kind == "X" and len(jobs.sent) == 1
    assert shown(jobs.sent[0]) == shown(escpos_layout.shift_report(doc, 80))
    jobs.offline = True
    assert not sale_screen.slips.shift_report("1", sale_screen)
