"""The store's limits, set by a manager: how far a cashier may bring a
price down alone, how far the counted drawer may be off before a manager
must explain it, and how long after a household's eligibility ended its
personal data is kept. The service checks the role and the ranges."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from charity_pos.errors import PosError
from charity_pos.services.base import Actor, Changes
from charity_pos.services.counter_rules import CounterRules
from charity_pos.services.registry import Services
from charity_pos.ui.feedback import Feedback


class CounterRulesDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.feedback = feedback
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("Counter limits"))
        rules = services.counter_rules.rules()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.discount = QSpinBox()
        self.discount.setRange(0, 100)
        self.discount.setSuffix(" %")
        self.discount.setValue(rules.discount_limit_percent)
        self.tolerance = QDoubleSpinBox()
        self.tolerance.setRange(0, 1000)
        self.tolerance.setDecimals(2)
        self.tolerance.setPrefix("¥")
        self.tolerance.setValue(rules.cash_tolerance_fen / 100)
        self.erase_after = QSpinBox()
        self.erase_after.setRange(1, 120)
        self.erase_after.setSuffix(self.tr(" months"))
        self.erase_after.setValue(rules.erase_after_months)
        self.erase_after.setToolTip(self.tr("A household's name and ID number are erased this long after its "
                                            "eligibility ended; its handouts stay for the reports."))
        form.addRow(self.tr("Cashier may take off, without a manager, up to"), self.discount)
        form.addRow(self.tr("Drawer may be off at close, without a reason, by up to"), self.tolerance)
        form.addRow(self.tr("Erase a lapsed household's personal data after"), self.erase_after)
        self.count_units = QSpinBox()
        self.count_units.setRange(0, 100_000)
        self.count_units.setSuffix(self.tr(" units"))
        self.count_units.setValue(rules.count_threshold_units)
        self.count_value = QDoubleSpinBox()
        self.count_value.setRange(0, 100_000)
        self.count_value.setDecimals(2)
        self.count_value.setPrefix("¥")
        self.count_value.setValue(rules.count_threshold_fen / 100)
        tip = self.tr("A stock count's difference beyond either needs a recount or a manager's reason.")
        self.count_units.setToolTip(tip)
        self.count_value.setToolTip(tip)
        form.addRow(self.tr("A count's difference needs a recount or a reason beyond"), self.count_units)
        form.addRow(self.tr("or beyond the value (at the sale price)"), self.count_value)
        layout.addLayout(form)
        hint = QLabel(self.tr("Price changes and discounts beyond the limit, or any price raised at the counter, "
                              "need a manager's PIN and a reason."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.discount.setFocus()

    def accept(self) -> None:
        rules = CounterRules(discount_limit_percent=self.discount.value(),
                             cash_tolerance_fen=round(self.tolerance.value() * 100),
                             erase_after_months=self.erase_after.value(),
                             count_threshold_units=self.count_units.value(),
                             count_threshold_fen=round(self.count_value.value() * 100))
        try:
            self.changes = self.services.counter_rules.set_rules(self.actor, rules)
        except PosError as exc:
            self.feedback.error(self, exc)
            return
        super().accept()
