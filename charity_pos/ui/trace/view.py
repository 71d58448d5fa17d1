"""Trace (追溯): scan a label or type a barcode or a document number and
see where the goods went, step by step, with the fate totals in big
figures. Managers only: the story names documents and card numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Entity, Role
from charity_pos.services.registry import Services
from charity_pos.services.trace import Fate, Trace
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.screen import Screen
from charity_pos.ui.table_model import make_table_view
from charity_pos.ui.trace.model import TraceModel


class TraceScreen(Screen):
    roles = frozenset({Role.MANAGER})
    entities = frozenset({Entity.SALES, Entity.STOCK, Entity.HANDOUTS, Entity.DONATIONS, Entity.RECEIPTS})
    shortcut = "Ctrl+G"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        self.trace: Trace | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())

        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setClearButtonEnabled(True)
        self.scan.setPlaceholderText(self.tr("Scan a label, or type a barcode or a donation, receipt, sale or "
                                             "handout number, then Enter"))
        self.scan.returnPressed.connect(lambda: self.show_trace(self.scan.text()))
        layout.addWidget(self.scan)

        self.summary = QLabel("")
        self.summary.setObjectName("notice")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        captions = [("received", self.tr("Received")), ("sold", self.tr("Sold")),
                    ("handed_out", self.tr("Handed out")), ("written_off", self.tr("Written off")),
                    ("counted_difference", self.tr("Counted missing")),
                    ("transferred", self.tr("Sent to other stores")), ("on_shelf", self.tr("On the shelf"))]
        for column, (key, caption) in enumerate(captions):
            figure = QLabel("–")
            figure.setObjectName("total")
            figure.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label = QLabel(caption)
            label.setObjectName("hint")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(figure, 0, column)
            grid.addWidget(label, 1, column)
            self.figures[key] = figure
        layout.addLayout(grid)
        self.balance = QLabel("")
        self.balance.setObjectName("hint")
        self.balance.setWordWrap(True)
        layout.addWidget(self.balance)

        self.model = TraceModel(self)
        self.table = make_table_view(self.model, stretch=TraceModel.GOODS)
        layout.addWidget(self.table, 1)

        self.message = QLabel("")
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        layout.addLayout(bottom)

    def title(self) -> str:
        return self.tr("Trace")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Trace: scan a label or type a number and press Enter; from the donations list, "
                        "Ctrl+Enter traces the donation selected")]

    def activate(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    def refresh(self) -> None:
        if self.trace is not None:
            self.show_trace(self.trace.code, quiet=True)

    # --- the story ---------------------------------------------------------
    def show_trace(self, code: str, *, quiet: bool = False) -> Trace | None:
        """Trace ``code`` and show it; an unknown code says so below and clears the story."""
        if not quiet:
            self.scan.setText(code.strip())
            self.scan.selectAll()
        try:
            found = self.services.trace.trace(self.actor, code)
        except PosError as exc:
            self.message.setText(describe(exc))
            self.trace = None
            self._show(None)
            return None
        self.message.setText("")
        self.trace = found
        self._show(found)
        return found

    def kind_name(self, kind: str) -> str:
        return {"lot": self.tr("Lot"), "item": self.tr("Item (every lot)"), "donation": self.tr("Donation"),
                "receipt": self.tr("Receipt"), "sale": self.tr("Sale"), "return": self.tr("Return"),
                "handout": self.tr("Handout"), "stock_receipt": self.tr("Stock receipt"),
                "count": self.tr("Stock count"), "transfer": self.tr("Transfer")}.get(kind, kind)

    def _show(self, found: Trace | None) -> None:
        fate = found.totals if found is not None else Fate()
        for key, label in self.figures.items():
            label.setText(str(getattr(fate, key)) if found is not None else "–")
        self.model.set_rows(found.events if found is not None else [])
        if found is None:
            self.summary.setText("")
            self.balance.setText("")
            return
        names = sorted({lot.item_name for lot in found.lots})
        self.summary.setText(self.tr("{kind} {code}: %n lot(s) of {goods}", "", len(found.lots)).format(
            kind=self.kind_name(found.kind), code=found.document,
            goods="、".join(names[:4]) + ("…" if len(names) > 4 else "")))
        if fate.balances:
            self.balance.setText(self.tr("Every unit is accounted for: received = sold + handed out + written off "
                                         "+ counted missing + on the shelf."))
        else:
            self.balance.setText(self.tr("These figures do not add up: ask the manager to run the store check "
                                         "(charity-pos verify)."))
