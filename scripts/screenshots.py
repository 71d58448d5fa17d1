"""Screenshots of every screen, from a fresh demo store, for the README, at
1024x768 (the smallest till screen the app is made for), in Chinese and in
English (``docs/screenshots/en``).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py docs/screenshots [zh_CN|en]

Run by `make screenshots`; the pictures in docs/screenshots come from here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from charity_pos import config  # noqa: E402
from charity_pos.demo.builder import build_demo  # noqa: E402
from charity_pos.services.base import COMMAND_LINE  # noqa: E402
from charity_pos.services.registry import Services  # noqa: E402
from charity_pos.ui.app import Shell  # noqa: E402
from charity_pos.ui.approval import ApprovalDialog  # noqa: E402
from charity_pos.ui.catalog import CatalogScreen  # noqa: E402
from charity_pos.ui.catalog.editor import ItemEditor  # noqa: E402
from charity_pos.ui.donations import DonationsScreen  # noqa: E402
from charity_pos.ui.intake import IntakeScreen  # noqa: E402
from charity_pos.ui.intake.model import DraftLine  # noqa: E402
from charity_pos.ui.sales import SaleScreen  # noqa: E402
from charity_pos.ui.sales.payment import PaymentDialog  # noqa: E402
from charity_pos.ui.sales.returns import ReturnDialog  # noqa: E402
from charity_pos.ui.sales.shift import CloseShiftDialog  # noqa: E402
from charity_pos.ui.settings import SettingsDialog  # noqa: E402
from charity_pos.ui.shell import make_application  # noqa: E402
from charity_pos.ui.staff import StaffScreen  # noqa: E402


def save(widget: QWidget, path: Path) -> None:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def pdfs(services: Services, manager, out: Path) -> None:  # type: ignore[no-untyped-def]
    """A donation receipt and a sheet of labels, as images of their first page."""
    from charity_pos.printing.labels import render_labels
    from charity_pos.printing.receipt import render_receipt

    companies = [d for d in services.intake.donations(COMMAND_LINE) if d.donor_kind == "company"]
    company = next((d for d in companies if d.receipt_number is None), companies[0])
    with tempfile.TemporaryDirectory() as work:
        receipt = Path(work) / "receipt.pdf"
        services.receipts.print_receipt(manager, company.number, render=lambda doc: render_receipt(doc, receipt))
        labels = Path(work) / "labels.pdf"
        render_labels(services.labels.for_donation(company.number), "a4-3x8", labels)
        for pdf, name in ((receipt, "receipt"), (labels, "labels")):
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(out / name)], check=True)
            print(out / f"{name}.png")


def counter(services: Services, manager, main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The sale screen with a ticket of a few lines, paying it, a return and closing the shift."""
    import uuid

    from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

    sale = next(s for s in main_window.screens if isinstance(s, SaleScreen))
    till = sale.till
    if services.shifts.current(till) is None:
        services.shifts.open(manager, till, 50000)
    main_window.show_screen(sale)
    sale.refresh()
    basket = (("东北大米 5kg", 2), ("调和油", 1), ("生抽", 3), ("男式羊毛衫", 1), ("儿童羽绒服", 1))
    for name, quantity in basket:
        found = services.catalog.search(name)
        if found:
            sale.editor.add(services.sales.item(found[0].id), quantity)
    sale.model.set_discount(3, 500)
    sale.editor.update_total()
    sale.scan.setText("69")
    save(main_window, out / "sale.png")
    sale.scan.clear()

    payment = PaymentDialog(services, manager, lambda payments: sale.editor.draft(till, payments),
                            sale.editor.total_fen(), sale.slips, parent=main_window)
    payment.choose(payment.method)
    payment.amount.setText("50.00")
    payment.reference.setText("4200001967202603101830")
    payment.add_pending()
    payment.set_cash(20000)
    save(payment, out / "payment.png")
    payment.close()

    lines = tuple(LineDraft(line.scanned.item_id, line.quantity, line.price_fen, line.discount_fen)
                  for line in sale.model.lines())
    number = services.sales.complete(manager, SaleDraft(uuid.uuid4(), till, lines, (
        PaymentDraft("wechat", 5000, "4200001967202603101830"), PaymentDraft("cash", 20000)))).number
    sale.editor.new_ticket()
    returns = ReturnDialog(services, manager, lambda _p, _w: None, till, sale.slips, parent=main_window)
    returns.load(number)
    returns.spins[1][1].setValue(1)
    returns.reason.setText("颜色不合适")
    save(returns, out / "return.png")
    returns.close()

    close = CloseShiftDialog(services, manager, lambda _p, _w: None, till, sale.slips, main_window)
    left = close.summary.expected_fen["cash"] - 50  # one ¥0.5 coin short: within the tolerance
    for value, spin in close.counts.items():
        spin.setValue(left // value)
        left %= value
    save(close, out / "shift-close.png")
    close.close()


#: The till screen the pictures are taken at.
SIZE = (1024, 768)


def main(out: Path, language: str = "zh_CN") -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        os.environ["CHARITY_POS_HOME"] = home
        db = Path(home) / "demo.sqlite3"
        build_demo(db, days=7)
        settings = config.Settings()
        settings.language = language
        app = make_application(language, settings)
        services = Services.open(db)
        shell = Shell(services, settings)
        shell.start()
        save(shell.login, out / "login.png")
        manager = services.accounts.login("manager", "9999")
        shell.open_main(manager)
        main_window = shell.main
        assert main_window is not None
        main_window.showNormal()  # opened maximized on the offscreen platform's own screen
        main_window.resize(*SIZE)
        intake = next(s for s in main_window.screens if isinstance(s, IntakeScreen))
        main_window.show_screen(intake)
        donor = next(d for d in services.donors.donors() if d.kind.value == "company")
        intake.choose_donor(donor)
        for name, quantity in (("男式羊毛衫", 3), ("儿童羽绒服", 2), ("东北大米", 1)):
            intake.add_item(services.catalog.search(name)[0], quantity)
        intake.cash.setText("200")
        intake.update_total()
        save(main_window, out / "intake.png")
        intake.clear_form()
        donations = next(s for s in main_window.screens if isinstance(s, DonationsScreen))
        main_window.show_screen(donations)
        donations.refresh()
        save(main_window, out / "donations.png")
        pdfs(services, manager, out)
        catalog = next(s for s in main_window.screens if isinstance(s, CatalogScreen))
        main_window.show_screen(catalog)
        catalog.search.setText("dm")  # type: ignore[attr-defined]
        catalog.refresh()
        save(main_window, out / "catalog.png")
        catalog.search.setText("")  # type: ignore[attr-defined]
        catalog.refresh()
        save(main_window, out / "catalog-all.png")
        item = services.catalog.search("旺旺雪饼")[0]
        cashier = services.accounts.login("cashier", "1111")
        editor = ItemEditor(services, cashier, shell.feedback, lambda _p, _w: None, item)
        editor.price.setText("22.90")
        save(editor, out / "item-editor.png")
        approval = ApprovalDialog(services, "此操作需要店长批准：修改价格。")
        approval.reason.setText("临期促销")
        save(approval, out / "approval.png")
        main_window.show_screen(next(s for s in main_window.screens if isinstance(s, StaffScreen)))
        save(main_window, out / "staff.png")
        save(SettingsDialog(settings), out / "settings.png")
        stock(services, main_window, out)
        counter(services, manager, main_window, out)
        handout(services, main_window, out)
        households(services, manager, main_window, out)
        overview(services, manager, main_window, out)
        bill(main_window, out)
        count(main_window, out)
        expiry(main_window, out)
        consign(services, main_window, out)
        transfer(main_window, out)
        store_campaign(main_window, out)
        customer_display(services, out)
        training(services, manager, shell, out)
        services.close()
        hub(db, Path(home), out, language)
        app.quit()


def overview(services: Services, manager, main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The managers' overview, the donations ledger it opens, and recording a use of donated cash."""
    from charity_pos.ui.dashboard import DashboardScreen
    from charity_pos.ui.reports import ReportsScreen
    from charity_pos.ui.reports.funds import FundUseDialog

    def settle(screen) -> None:  # type: ignore[no-untyped-def]
        screen.loader.wait()
        for _ in range(5):
            QApplication.processEvents()

    dashboard = next(s for s in main_window.screens if isinstance(s, DashboardScreen))
    reports = next(s for s in main_window.screens if isinstance(s, ReportsScreen))
    main_window.show_screen(dashboard)
    dashboard.refresh()
    settle(dashboard)
    save(main_window, out / "dashboard.png")
    dashboard.open_report("month_donations")
    settle(reports)
    save(main_window, out / "ledger-donations.png")
    from charity_pos.reports.alerts import last_month
    from charity_pos.reports.table import Filters

    reports.show_report("funds", Filters(*last_month(dashboard.today())))
    settle(reports)
    save(main_window, out / "ledger-funds.png")
    trace(services, main_window, out)
    dialog = FundUseDialog(services, manager, dashboard.today(), main_window)
    dialog.amount.setText("300.00")
    dialog.purpose.setText("购买米面油发放困难家庭")
    dialog.voucher.setText("FP-2026-0031")
    save(dialog, out / "fund-use.png")
    dialog.close()


def stock(services: Services, main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The lots on hand (库存), and the write-off dialog over them: a cashier's, beyond the limit."""
    from charity_pos.ui.stock import StockScreen
    from charity_pos.ui.stock.writeoff import WriteoffDialog

    screen = next(s for s in main_window.screens if isinstance(s, StockScreen))
    main_window.show_screen(screen)
    screen.refresh()
    screen.table.selectRow(0)
    QApplication.processEvents()
    save(main_window, out / "stock.png")
    lot = max(services.writeoffs.lots_on_hand(), key=lambda lot: (lot.on_hand, lot.item_name))
    cashier = services.accounts.login("cashier", "1111")
    dialog = WriteoffDialog(services, cashier, lambda _p, _w: None, lot)
    dialog.quantity.setValue(min(lot.on_hand, 6))
    dialog.choose("donated_on")
    dialog.text.setText("静安区慈善基金会")
    save(dialog, out / "writeoff.png")


def trace(services: Services, main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Where a receipted donation's goods went, as the trace screen tells it."""
    from charity_pos.ui.trace import TraceScreen

    screen = next(s for s in main_window.screens if isinstance(s, TraceScreen))
    receipted = [d for d in services.intake.donations(COMMAND_LINE) if d.receipt_number]
    main_window.show_screen(screen)
    if receipted:
        screen.show_trace(receipted[len(receipted) // 2].receipt_number)
    QApplication.processEvents()
    save(main_window, out / "trace.png")


def households(services: Services, manager, main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The register of households (masked), one card suspended, and the quota rules."""
    from charity_pos.ui.households import HouseholdsScreen
    from charity_pos.ui.households.rules import QuotaRulesDialog

    screen = next(s for s in main_window.screens if isinstance(s, HouseholdsScreen))
    rows = services.households.households()
    if rows and not any(r.status == "suspended" for r in rows):
        services.household_status.suspend(manager, rows[2].id, "户口迁出本街道，待复核")
    main_window.show_screen(screen)
    screen.refresh()
    suspended = max(0, screen.model.row_where(lambda line: line.status == "suspended"))
    screen.table.selectRow(max(0, suspended - 1))
    screen.table.scrollTo(screen.model.index(suspended, 0), screen.table.ScrollHint.PositionAtCenter)
    save(main_window, out / "households.png")
    rules = QuotaRulesDialog(services, manager, main_window.feedback, main_window)
    rules.select("dibao")
    save(rules, out / "quota-rules.png")
    rules.close()


def handout(services: Services, main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """A relief card scanned at the counter and a few goods, the last past the
    allowance and approved by a manager on the spot."""
    from charity_pos.errors import PosError
    from charity_pos.services.base import Approval
    from charity_pos.ui.handout import HandoutScreen

    screen = next(s for s in main_window.screens if isinstance(s, HandoutScreen))
    main_window.show_screen(screen)
    screen.ask = lambda _parent, _what: Approval("manager", "9999", "家中有病人，需多领粮油")
    cards = []
    for row in services.households.households():
        try:
            cards.append(services.handouts.card(row.card_number))
        except PosError:  # suspended, lapsed
            continue
    # one person, nothing taken yet this month: the third item goes past the allowance
    card = next((c for c in cards if c.members == 1 and c.enforce and c.standing.used_fen == 0), cards[0])
    screen.take_card(card.card_number)
    for name in ("东北大米 5kg", "生抽", "调和油"):
        found = services.catalog.search(name)
        if found:
            screen.editor.add(services.handouts.goods(found[0].id))
    for _ in range(3):  # the side panel's nested layouts settle over a few passes
        QApplication.processEvents()
    save(main_window, out / "handout.png")


def wait_while(busy) -> None:  # type: ignore[no-untyped-def]
    """Let the app work until ``busy()`` is false, a few times a second: a tight loop of
    processEvents calls can run PySide6 6.12 into a refcount crash."""
    import time

    while busy():
        QApplication.processEvents()
        time.sleep(0.02)


def bill(main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The managers' reconciliation of phone payments against the merchant bill."""
    from charity_pos.ui.bill import BillScreen

    screen = next(s for s in main_window.screens if isinstance(s, BillScreen))
    main_window.show_screen(screen)
    screen.refresh()
    QApplication.processEvents()
    save(main_window, out / "bill.png")


def count(main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The stock count: the open count being scanned, then the finished count's variance."""
    from charity_pos.ui.count import CountScreen

    screen = next(s for s in main_window.screens if isinstance(s, CountScreen))
    main_window.show_screen(screen)
    screen.refresh()
    if screen.model.rowCount():
        screen.table.selectRow(0)
    screen.entry.field.setText("12*")
    QApplication.processEvents()
    save(main_window, out / "count.png")
    finished = next(c.number for c in screen.counts.counts() if c.status == "finished")
    screen.chooser.setCurrentIndex(screen.chooser.findData(finished))
    screen.show_count()
    screen.entry.field.clear()
    QApplication.processEvents()
    save(main_window, out / "count-variance.png")


def expiry(main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Goods near their best-before date, the lots within a week chosen for a markdown."""
    from PySide6.QtCore import QItemSelectionModel

    from charity_pos.ui.expiry import ExpiryScreen

    screen = next(s for s in main_window.screens if isinstance(s, ExpiryScreen))
    main_window.show_screen(screen)
    screen.refresh()
    chosen = screen.table.selectionModel()
    for row, lot in enumerate(screen.model.rows()):
        if lot.section == "within_7":
            chosen.select(screen.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                          | QItemSelectionModel.SelectionFlag.Rows)
    QApplication.processEvents()
    save(main_window, out / "expiry.png")


def consign(services: Services, main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Consigned goods: goods from the cooperative being received, the month's settlement, and its PDF."""
    from PySide6.QtCore import QDate

    from charity_pos import export
    from charity_pos.reports.consignment import as_report
    from charity_pos.reports.table import StoreName
    from charity_pos.ui.consign import ConsignScreen

    screen = next(s for s in main_window.screens if isinstance(s, ConsignScreen))
    main_window.show_screen(screen)
    screen.refresh()
    screen.tabs.setCurrentIndex(1)
    co_op = screen.receive_from.findText("澜沧县扶贫农产品专业合作社")
    screen.receive_from.setCurrentIndex(co_op)
    for name, quantity, price, expiry in (("咖啡豆", 20, "40.80", "2027-10-31"), ("核桃", 12, "38.20", "2027-06-30")):
        screen.goods.setCurrentIndex(screen.goods.findText(name, Qt.MatchFlag.MatchContains))
        screen.quantity.setValue(quantity)
        screen.price.setText(price)
        screen.expiry.setText(expiry)
        screen.add_line()
    screen.receive_note.setText("送货单 LC-2026-118")
    save(main_window, out / "consign-receive.png")
    screen.receiving_model.set_rows([])
    screen.tabs.setCurrentIndex(3)
    screen.settle_for.setCurrentIndex(screen.settle_for.findText("澜沧县扶贫农产品专业合作社"))
    best = None
    for back in (0, 1):  # the month of the demo with the most owed: its last, or the one before
        today = screen.today()
        month = QDate(today.year, today.month, 1).addMonths(-back)
        screen.month.setDate(month)
        found = screen.show_settlement()
        if found is not None and (best is None or found.owed_fen > best[1].owed_fen):
            best = (month, found)
    assert best is not None
    screen.month.setDate(best[0])
    screen.show_settlement()
    save(main_window, out / "consign.png")
    store = services.store()
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "settlement.pdf"
        export.write_report(as_report(best[1], StoreName(store.name, store.code)), pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(out / "consign-settlement")], check=True)
        print(out / "consign-settlement.png")


def transfer(main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """Transfers: goods picked for a neighbouring store, and the warehouse's transfer being confirmed."""
    from charity_pos.ui.transfer import TransferScreen

    screen = next(s for s in main_window.screens if isinstance(s, TransferScreen))
    main_window.show_screen(screen)
    screen.tabs.setCurrentIndex(0)
    screen.refresh()
    screen.store.setCurrentIndex(max(0, screen.store.findData("JA03")))
    screen.lot_search.setText("羽绒")
    screen.units.setValue(2)
    screen.add_line()
    screen.lot_search.setText("")
    screen.note.setText("南京西路街道冬衣募集")
    QApplication.processEvents()
    save(main_window, out / "transfer-send.png")
    screen.tabs.setCurrentIndex(1)
    screen.refresh()
    waiting = screen.list_model.row_where(lambda row: row.status == "waiting")
    screen.list_table.selectRow(max(0, waiting))
    screen.arrived_table.selectRow(0)
    screen.got.setValue(max(0, screen.arrived[0].line.quantity_sent - 1))
    screen.why.setText("一床外包装破损受潮")
    screen.set_arrived()
    QApplication.processEvents()
    save(main_window, out / "transfer-incoming.png")


def store_campaign(main_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The demo's winter campaign (冬季送温暖, ``demo.campaign``) as the manager sees it: who on the store's
    list has collected the package, who has not."""
    from charity_pos.ui.campaign import CampaignScreen

    screen = next(s for s in main_window.screens if isinstance(s, CampaignScreen))
    main_window.show_screen(screen)
    screen.refresh()
    for _ in range(3):
        QApplication.processEvents()
    save(main_window, out / "campaign.png")


def customer_display(services: Services, out: Path) -> None:
    """The customer's screen with a ticket being scanned, at the till's size."""
    from charity_pos.devices.pole_display import DisplayLine
    from charity_pos.ui.customer_display import CustomerDisplayWindow

    window = CustomerDisplayWindow(services.store().name)
    window.resize(*SIZE)
    window.show()
    lines = [DisplayLine("东北大米 5kg", 2, "袋", 3290, 6580), DisplayLine("调和油", 1, "桶", 4990, 4990),
             DisplayLine("男式羊毛衫", 1, "件", 2500, 2500)]
    window.show_lines(sum(line.amount_fen for line in lines), lines)
    QApplication.processEvents()
    save(window, out / "customer-display.png")
    window.close()


def training(services: Services, manager, shell, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The main window of a training copy made from the demo: the red banner on every screen."""
    from charity_pos.services import training as training_mode

    copy = training_mode.start(services.ctx, manager, training_mode.Source.DEMO, fresh=True, demo=build_demo)
    shell.feedback.confirm = lambda *_args, **_kw: True  # yes, drop the handout left on the counter
    shell.logout()
    shell.enter_training(copy.path)
    trainee = shell.current.accounts.login("cashier", "1111")
    shell.open_main(trainee)
    assert shell.main is not None
    shell.main.showNormal()
    shell.main.resize(*SIZE)
    for _ in range(3):
        QApplication.processEvents()
    save(shell.main, out / "training.png")
    shell.logout()


def hub(store: Path, home: Path, out: Path, language: str = "zh_CN") -> None:
    """The hub app with the demo store's bundle imported and a small registry."""
    from charity_pos import cli
    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.users import add_user, login
    from charity_pos.hub_ui.window import HubWindow

    url = str(home / "hub.sqlite3")
    usb = home / "usb"
    usb.mkdir()
    for argv in (["hub", "init", "--hub", url, "--district", "静安区"],
                 ["store-key", "--db", str(store), "--out", str(home / "JA01.json")],
                 ["hub", "add-store", "--hub", url, "--registration", str(home / "JA01.json"),
                  "--out", str(home / "trust.json"), "--area", "石门二路街道"],
                 ["trust-hub", "--db", str(store), str(home / "trust.json")],
                 ["export-bundle", "--db", str(store), "--out", str(usb)]):
        assert cli.main(argv) == 0, argv
    from charity_pos.domain.identity import id_check_char

    rows = ["救助证号,户主姓名,身份证号,家庭人数,救助类别,认定街道,认定文书号,有效期起,有效期止,同意日期,联系电话"]
    for n, (name, first17, members, category, phone) in enumerate((
            ("袁桂芳", "31010419520814762", 3, "低保", "13916284506"),
            ("陈建华", "31010419490305181", 1, "特困", "021-62581234"),
            ("周美玲", "31010619680221043", 2, "低保边缘", "13761125508")), start=1):
        rows.append(f"HB{n:06d},{name},{first17 + id_check_char(first17)},{members},{category},石门二路街道,"
                    f"静民救〔2026〕{n:03d}号,2026-01-01,2026-12-31,2026-01-01,{phone}")
    registry = home / "list.csv"
    registry.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cli.main(["hub", "households", "import", "--hub", url, str(registry)])
    from charity_pos import i18n

    for translator in i18n.load(language):  # the commands above loaded their own catalogs
        QApplication.instance().installTranslator(translator)  # type: ignore[union-attr]
    with open_hub(url) as db:
        add_user(db, "wangli", "王丽", "2468")
        actor = login(db, "wangli", "2468")
        window = HubWindow(db, actor, "静安区")
        window.resize(*SIZE)
        window.show()
        window.import_screen.start_import(sorted(usb.glob("*.cpbundle")))
        wait_while(lambda: window.import_screen.busy())
        QApplication.processEvents()
        save(window, out / "hub-import.png")
        window.navigation.setCurrentRow(1)
        save(window, out / "hub-stores.png")
        window.navigation.setCurrentRow(2)
        save(window, out / "hub-registry.png")
        # a donor's receipt, its QR code scanned at the district
        from charity_pos.services.registry import Services

        services = Services.open(store)
        try:
            number = next(d.receipt_number for d in services.intake.donations(COMMAND_LINE) if d.receipt_number)
            qr = services.receipts.document(number).qr_payload
        finally:
            services.close()
        window.navigation.setCurrentRow(window.stack.indexOf(window.receipts_screen))
        window.receipts_screen.check_text(qr)
        wait_while(lambda: window.receipts_screen.busy())
        QApplication.processEvents()
        save(window, out / "hub-verify-receipt.png")
        # the district's relief report over the last months, with its charts
        window.navigation.setCurrentRow(window.stack.indexOf(window.reports_screen))
        wait_while(lambda: window.reports_screen.busy())  # its first report, shown when it opens
        window.reports_screen.select_kind("handouts")
        window.reports_screen.reload()
        wait_while(lambda: window.reports_screen.busy())
        QApplication.processEvents()
        save(window, out / "hub-reports.png")
        window.close()
        campaign(db, store, home, out)


def campaign(db, store: Path, home: Path, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The district's winter campaign (冬季送温暖) as the hub runs one: defined at the hub, brought down in the
    store's bundle, two households served, the store's bundle back; the hub's progress screen. (The store's
    campaign screen is the demo's own campaign: ``store_campaign``.)"""
    from charity_pos.hub.demo_campaign import winter_campaign

    folder = home / "campaign"
    folder.mkdir()
    winter_campaign(db, store, folder, store_code="JA01", staff="wangli", staff_pin="2468", cashier="cashier",
                    cashier_pin="1111")
    from charity_pos.hub.users import login
    from charity_pos.hub_ui.window import HubWindow

    window = HubWindow(db, login(db, "wangli", "2468"), "静安区")
    window.resize(*SIZE)
    window.show()
    window.navigation.setCurrentRow(window.stack.indexOf(window.campaigns_screen))
    wait_while(lambda: window.campaigns_screen.busy())
    QApplication.processEvents()
    save(window, out / "hub-campaigns.png")
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"), sys.argv[2] if len(sys.argv) > 2 else "zh_CN")
