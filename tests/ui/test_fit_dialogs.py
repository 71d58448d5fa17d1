"""Every dialog of the store app fits a 1024x768 screen, in Chinese and in
English: opened offscreen with real data (the hand-counted store with large
amounts on top), shown at its own size or at most the screen's, it has no
control outside itself and no amount of money cut in its tables."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QDialog, QWidget

from charity_pos.config import Settings
from charity_pos.i18n import describe
from charity_pos.services import household_import
from charity_pos.services.base import local_date
from charity_pos.services.base import Changes
from charity_pos.services.stock_count import CountService
from charity_pos.ui.approval import ApprovalDialog
from charity_pos.ui.count.dialogs import CountReasonDialog, StartCountDialog
from charity_pos.ui.catalog.editor import ItemEditor
from charity_pos.ui.donations.dialogs import LabelsDialog, VoidDialog
from charity_pos.ui.first_start import FirstStartDialog
from charity_pos.ui.households.dialogs import NewHouseholdDialog, RevealDialog, SuspendDialog
from charity_pos.ui.households.history import HandoutsDialog
from charity_pos.ui.households.importing import ImportPreviewDialog
from charity_pos.ui.households.model import line_of
from charity_pos.ui.households.rules import QuotaRulesDialog
from charity_pos.ui.intake.donor import NewDonorDialog
from charity_pos.ui.intake.saved import SavedDialog
from charity_pos.ui.login import LoginScreen
from charity_pos.ui.reports.funds import FundUseDialog
from charity_pos.ui.sales.dialogs import NoSaleDialog, RecallDialog, ValueDialog
from charity_pos.ui.sales.payment import PaymentDialog
from charity_pos.ui.sales.recent import ShiftSalesDialog, VoidSaleDialog
from charity_pos.ui.sales.returns import ReturnDialog
from charity_pos.ui.sales.rules import CounterRulesDialog
from charity_pos.ui.sales.shift import CloseShiftDialog, OpenShiftDialog
from charity_pos.ui.sales.slip_printer import SlipPrinter
from charity_pos.ui.settings import SettingsDialog
from charity_pos.ui.staff.dialogs import NewPinDialog, NewUserDialog
from charity_pos.ui.stock.writeoff import WriteoffDialog
from tests.ui.conftest import FakeApproval, FakeFeedback
from tests.ui.ledger import cashier, ledger_store, manager, services  # noqa: F401 - fixtures
from tests.ui.test_fit import SCALED, SMALLEST, money_cut, outside, settle, shoot, sideways, squeezed, too_short
from tests.ui.test_fit import clipped  # buttons whose text is cut
from tests.ui.test_fit import big_store, language  # noqa: F401 - fixtures

TILL = "T1"  # the hand-counted store's till, its shift open


def _household(st: SimpleNamespace):
    row = next(r for r in st.services.households.households() if r.id == st.household)
    return line_of(row, local_date(st.services.ctx.now()))


def _slips(st: SimpleNamespace, host: QWidget) -> SlipPrinter:
    return SlipPrinter(st.services, st.manager, FakeFeedback(), lambda: Settings(till=TILL), host)


def _import_preview(st: SimpleNamespace, folder: Path) -> ImportPreviewDialog:
    path = folder / "石门二路街道困难家庭名单.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["救助证号", "户主姓名", "身份证号", "家庭人数", "救助类别", "认定街道", "认定文书号", "有效期起",
                         "有效期止", "同意日期"])
        writer.writerow(["JA100001", "周永福", "110101195202021121", 2, "低保", "石门二路街道", "静民救〔2026〕100号",
                         "2026-01-01", "2026-12-31", "2026-01-01"])
        writer.writerow(["JA100003", "郑小红", "110101197703031360", 4, "特困", "石门二路街道", "静民救〔2026〕101号",
                         "2026-01-01", "2026-12-31", "2026-01-01"])
    result = household_import.preview(st.services, path, describe)
    return ImportPreviewDialog(st.services, st.manager, path, result)


def _recall(st: SimpleNamespace) -> RecallDialog:
    sv = st.services
    for summary in ("九阳豆浆机 DJ13B ×73 ¥12,402.70", "东北大米 5kg ×1 ¥32.90", "龙须挂面 1kg ×3 ¥17.70"):
        sv.sales.park(st.cashier, TILL, {"lines": []}, summary)
    return RecallDialog(sv.sales.parked(TILL))


def _first_start(folder: Path, page: int) -> FirstStartDialog:
    """On a new PC, at the longest path the default store may have on Windows' own data folder."""
    dialog = FirstStartDialog(folder / "Users" / "charity-supermarket-volunteer" / "AppData" / "Local" / "charity-pos"
                              / "store.sqlite3", Settings())
    dialog.show_page(page)
    if page == FirstStartDialog.RESTORE:
        dialog.backup.setText(str(folder / "E" / "charity-pos-backups" / "PT01-20260630-213000.sqlite3"))
        dialog.backup_found.setText(dialog.tr("A backup of store {code}; its key file is not on this PC: choose "
                                              "it below.").format(code="PT01"))
    return dialog


def _payment(st: SimpleNamespace) -> PaymentDialog:
    def no_draft(payments):
        raise AssertionError("nothing is paid in a layout test")

    host = QWidget()
    dialog = PaymentDialog(st.services, st.cashier, no_draft, 73 * 16990 + 3290, _slips(st, host))
    dialog._host = host  # type: ignore[attr-defined]  # kept alive with the dialog
    return dialog


def _returns(st: SimpleNamespace) -> ReturnDialog:
    host = QWidget()
    dialog = ReturnDialog(st.services, st.manager, FakeApproval(None), TILL, _slips(st, host))
    dialog._host = host  # type: ignore[attr-defined]
    dialog.load(st.big_sale)
    return dialog


def _close_shift(st: SimpleNamespace) -> CloseShiftDialog:
    host = QWidget()
    dialog = CloseShiftDialog(st.services, st.manager, FakeApproval(None), TILL, _slips(st, host))
    dialog._host = host  # type: ignore[attr-defined]
    return dialog


def _shift_sales(st: SimpleNamespace) -> ShiftSalesDialog:
    host = QWidget()
    dialog = ShiftSalesDialog(st.services, st.manager, FakeApproval(None), TILL, _slips(st, host))
    dialog._host = host  # type: ignore[attr-defined]
    return dialog


def _saved(st: SimpleNamespace) -> SavedDialog:
    return SavedDialog(st.d2, "上海爱心科技有限公司 · 10 袋 东北大米 5kg ¥300.00 · 现金 ¥12,345.67",
                       ["不足六个月，先上架：东北大米 5kg"], offer_receipt=True, offer_labels=True,
                       print_receipt=lambda: None, print_labels=lambda: None)


#: Each dialog, made as its screen makes it, from the store and a folder.
DIALOGS: dict[str, Callable[[SimpleNamespace, Path], QDialog]] = {
    "approval": lambda st, _: ApprovalDialog(st.services, "退货 T1 超过 7 天：¥12,402.70", TILL),
    "new-item": lambda st, _: ItemEditor(st.services, st.manager, FakeFeedback(), FakeApproval(None)),
    "edit-item": lambda st, _: ItemEditor(st.services, st.manager, FakeFeedback(), FakeApproval(None),
                                          st.services.catalog.get(st.maker.id)),
    "open-shift": lambda st, _: OpenShiftDialog(st.services, st.manager, "2"),
    "close-shift": lambda st, _: _close_shift(st),
    "payment": lambda st, _: _payment(st),
    "return": lambda st, _: _returns(st),
    "shift-sales": lambda st, _: _shift_sales(st),
    "void-sale": lambda st, _: VoidSaleDialog(st.big_sale),
    "counter-rules": lambda st, _: CounterRulesDialog(st.services, st.manager, FakeFeedback()),
    "value": lambda st, _: ValueDialog("改价", "新的单价（元）", "¥0.01 至 ¥99,999.99", "169.90"),
    "recall": lambda st, _: _recall(st),
    "no-sale": lambda st, _: NoSaleDialog(),
    "settings": lambda st, _: SettingsDialog(Settings(till=TILL)),
    "new-user": lambda st, _: NewUserDialog(),
    "first-start": lambda st, folder: _first_start(folder, FirstStartDialog.CHOICES),
    "first-start-new": lambda st, folder: _first_start(folder, FirstStartDialog.NEW),
    "first-start-restore": lambda st, folder: _first_start(folder, FirstStartDialog.RESTORE),
    "new-pin": lambda st, _: NewPinDialog("cashier"),
    "labels": lambda st, _: LabelsDialog(st.d2, 10, 1),
    "void-donation": lambda st, _: VoidDialog(st.d2),
    "handouts": lambda st, _: HandoutsDialog(st.services, _household(st)),
    "quota-rules": lambda st, _: QuotaRulesDialog(st.services, st.manager, FakeFeedback()),
    "start-count": lambda st, _: StartCountDialog(CountService(st.services.ctx, st.services.accounts),
                                                  st.services.catalog, st.manager),
    "count-reason": lambda st, _: CountReasonDialog(
        lambda _reason: Changes(frozenset()), "差异原因", "“九阳豆浆机 DJ13B”：实盘 93，账存 100（-7）。原因是什么？",
        example="例如：破损丢弃未登记报损"),
    "import-households": lambda st, folder: _import_preview(st, folder),
    "new-household": lambda st, _: NewHouseholdDialog(st.services, st.manager),
    "suspend": lambda st, _: SuspendDialog(st.services, st.manager, _household(st)),
    "reveal": lambda st, _: RevealDialog(_household(st), "310104197001010018"),
    "fund-use": lambda st, _: FundUseDialog(st.services, st.manager, st.day),
    "donation-saved": lambda st, _: _saved(st),
    "new-donor": lambda st, _: NewDonorDialog(st.services, st.manager, FakeFeedback(), "上海爱心科技有限公司"),
    "writeoff": lambda st, _: _writeoff(st),
}


def _writeoff(st: SimpleNamespace) -> WriteoffDialog:
    """The soy-milk makers' lot (27 left at ¥169.90), all of it given on to another charity: beyond the limit."""
    lot = next(lot for lot in st.services.writeoffs.lots_on_hand("九阳豆浆机"))
    dialog = WriteoffDialog(st.services, st.cashier, FakeApproval(None), lot)
    dialog.quantity.setValue(lot.on_hand)
    dialog.choose("donated_on")
    dialog.text.setText("上海市慈善基金会静安区代表处")
    return dialog


def check_dialog(qtbot, dialog: QWidget, name: str) -> list[str]:
    """Show the dialog as Qt would on the smallest screen (its own size, at
    most the screen's) and list what does not fit."""
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot)
    wanted = dialog.size().expandedTo(dialog.minimumSizeHint())
    dialog.resize(wanted.boundedTo(SMALLEST))
    settle(qtbot)
    where = f"{name} at {SMALLEST.width()}x{SMALLEST.height()}"
    problems = []
    size = dialog.size()  # (a dialog may have a field called width)
    if size.width() > SMALLEST.width() or size.height() > SMALLEST.height():
        problems.append(f"{where}: the dialog is {size.width()}x{size.height()}, larger than the screen "
                        f"(its minimum: {dialog.minimumSizeHint().width()}x{dialog.minimumSizeHint().height()})")
    problems += [f"{where}: {what} is outside the dialog" for what in outside(dialog)]
    problems += [f"{where}: amount cut: {what}" for what in money_cut(dialog)]
    problems += [f"{where}: button text cut: {what}" for what in clipped(dialog)]
    problems += [f"{where}: column cut: {what}" for what in squeezed(dialog)]
    problems += [f"{where}: table too short: {what}" for what in too_short(dialog)]
    problems += [f"{where}: scrolls sideways: {what}" for what in sideways(dialog)]
    if not SCALED:
        shoot(dialog, f"dialog-{name}")
    dialog.close()
    return problems


@pytest.mark.parametrize("name", DIALOGS)
def test_dialog_fits_the_screen(qtbot, big_store, language, name: str, tmp_path: Path) -> None:
    dialog = DIALOGS[name](big_store, tmp_path)
    problems = check_dialog(qtbot, dialog, f"{name}-{language}")
    assert not problems, "\n".join(problems)


def test_the_login_window_fits_the_screen(qtbot, big_store, language) -> None:  # noqa: F811
    problems = check_dialog(qtbot, LoginScreen(big_store.services), f"login-{language}")
    assert not problems, "\n".join(problems)


def test_every_dialog_class_is_laid_out() -> None:
    """A new dialog class is added to DIALOGS, or this fails."""
    import charity_pos.ui as ui_package

    root = Path(ui_package.__file__).parent
    classes = set()
    for path in root.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("class ") and ("(QDialog)" in line or "Dialog)" in line):
                classes.add(line.split()[1].split("(")[0])
    covered = {"ApprovalDialog", "ItemEditor", "OpenShiftDialog", "CloseShiftDialog", "ShiftDialog", "PaymentDialog",
               "ReturnDialog", "ShiftSalesDialog", "VoidSaleDialog", "CounterRulesDialog", "ValueDialog",
               "RecallDialog", "SettingsDialog", "NewUserDialog", "NewPinDialog", "_PinPairDialog", "LabelsDialog",
               "VoidDialog", "HandoutsDialog", "QuotaRulesDialog", "ImportPreviewDialog", "NewHouseholdDialog",
               "SuspendDialog", "RevealDialog", "FundUseDialog", "SavedDialog", "NewDonorDialog", "NoSaleDialog",
               "ReasonDialog", "WriteoffDialog", "StartCountDialog", "CountReasonDialog", "FirstStartDialog"}
    assert classes - covered == set(), "dialogs not laid out by this test"
