"""The store's limits, set by a manager: how far a cashier may bring a
price down alone, how far the counted drawer may be off before a manager
must explain it, how long after a household's eligibility ended its
personal data is kept, and how much shelf life food must have left when it
is taken in. The service checks the role and the ranges."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from charity_pos.domain.shelf_life import DAYS_RANGE, PERCENT_RANGE
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
        self.writeoff_limit = QDoubleSpinBox()
        self.writeoff_limit.setRange(0, 100_000)
        self.writeoff_limit.setDecimals(2)
        self.writeoff_limit.setPrefix("¥")
        self.writeoff_limit.setValue(rules.writeoff_limit_fen / 100)
        self.writeoff_limit.setToolTip(self.tr("A write-off (报损) worth more than this at sale price needs a "
                                               "manager's PIN and a reason."))
        form.addRow(self.tr("Cashier may take off, without a manager, up to"), self.discount)
        form.addRow(self.tr("Drawer may be off at close, without a reason, by up to"), self.tolerance)
        form.addRow(self.tr("Erase a lapsed household's personal data after"), self.erase_after)
        self.shelf_percent = QSpinBox()
        self.shelf_percent.setRange(*PERCENT_RANGE)
        self.shelf_percent.setSuffix(" %")
        self.shelf_percent.setValue(rules.min_shelf_life_percent)
        self.shelf_days = QSpinBox()
        self.shelf_days.setRange(*DAYS_RANGE)
        self.shelf_days.setSuffix(self.tr(" days"))
        self.shelf_days.setValue(rules.min_days_left)
        self.shelf_percent.setToolTip(self.tr("Food short of this at intake is taken only with a manager's PIN and "
                                              "a reason."))
        form.addRow(self.tr("Food taken in needs, of its shelf life, at least"), self.shelf_percent)
        form.addRow(self.tr("or, its shelf life not recorded, days left at least"), self.shelf_days)
        form.addRow(self.tr("Cashier may write off, without a manager, goods worth up to"), self.writeoff_limit)
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
                             min_shelf_life_percent=self.shelf_percent.value(), min_days_left=self.shelf_days.value(),
                             writeoff_limit_fen=round(self.writeoff_limit.value() * 100),
                             count_threshold_units=self.count_units.value(),
                             count_threshold_fen=round(self.count_value.value() * 100))
        try:
            self.changes = self.services.counter_rules.set_rules(self.actor, rules)
        except PosError as exc:
            self.feedback.error(self, exc)
            return
        super().accept()
