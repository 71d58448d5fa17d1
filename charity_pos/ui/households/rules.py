"""Quota rules, one per household category, edited by a manager: the value
per month or quarter for a household of one and per extra member, the
festival top-up and its months, warn or enforce, and item limits per goods
category. The service checks the role and every value."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFrame,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain.money import format_fen
from charity_pos.errors import PosError
from charity_pos.services.base import Actor, Changes
from charity_pos.services.quotas import MAX_COUNT, LimitDraft, RuleDraft
from charity_pos.services.registry import Services
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.households.words import CATEGORIES, category_name, mode_name, period_name
from charity_pos.ui.table_model import RowsModel, make_table_view
from charity_pos.ui.words import goods_category

MAX_YUAN = 100_000


class RulesModel(RowsModel[RuleDraft]):
    CATEGORY, PERIOD, BASE, PER_MEMBER, TOPUP, MONTHS, MODE, LIMITS = range(8)
    RIGHT = frozenset({BASE, PER_MEMBER, TOPUP})

    def __init__(self, category_names: dict[str, str], parent: QObject | None = None) -> None:
        self._goods = category_names
        super().__init__(parent)

    def headers(self) -> list[str]:
        return [self.tr("Household category"), self.tr("Period"), self.tr("One person"), self.tr("Each extra member"),
                self.tr("Festival top-up"), self.tr("Top-up months"), self.tr("Mode"), self.tr("Item limits")]

    def _key(self, rule: RuleDraft) -> object:
        return rule.household_category

    def _display(self, rule: RuleDraft, column: int) -> str:
        if column == self.CATEGORY:
            return category_name(rule.household_category)
        if column == self.PERIOD:
            return period_name(rule.period)
        if column == self.BASE:
            return format_fen(rule.base_fen)
        if column == self.PER_MEMBER:
            return format_fen(rule.per_member_fen)
        if column == self.TOPUP:
            return format_fen(rule.topup_fen)
        if column == self.MONTHS:
            return rule.topup_months
        if column == self.MODE:
            return mode_name(rule.mode)
        return self.tr(", ").join(self._limit(lim) for lim in rule.limits)

    def _limit(self, limit: LimitDraft) -> str:
        name = self._goods.get(limit.goods_category, limit.goods_category)
        if limit.per_member_count:
            return self.tr("{category} {base} (+{per} per extra member)").format(
                category=name, base=limit.base_count, per=limit.per_member_count)
        return self.tr("{category} {base}").format(category=name, base=limit.base_count)


def _money() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, MAX_YUAN)
    spin.setDecimals(2)
    spin.setPrefix("¥")
    spin.setSingleStep(5)
    return spin


def _count() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_COUNT)
    return spin


class LimitsGrid(QGroupBox):
    """Item limits: one line per goods category, ticked when limited, with
    the units for one person and for each extra member."""

    def __init__(self, categories: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Item limits per period"))
        grid = QGridLayout(self)
        for column, text in enumerate((self.tr("Goods category"), self.tr("Units, one person"),
                                       self.tr("Units, each extra member"))):
            heading = QLabel(text)
            heading.setObjectName("hint")
            grid.addWidget(heading, 0, column)
        self.rows: dict[str, tuple[QCheckBox, QSpinBox, QSpinBox]] = {}
        for number, (code, name) in enumerate(categories, start=1):
            limited, base, per = QCheckBox(name), _count(), _count()
            limited.toggled.connect(base.setEnabled)
            limited.toggled.connect(per.setEnabled)
            base.setEnabled(False)
            per.setEnabled(False)
            grid.addWidget(limited, number, 0)
            grid.addWidget(base, number, 1)
            grid.addWidget(per, number, 2)
            self.rows[code] = (limited, base, per)

    def set_limits(self, limits: tuple[LimitDraft, ...]) -> None:
        wanted = {lim.goods_category: lim for lim in limits}
        for code, (limited, base, per) in self.rows.items():
            limit = wanted.get(code)
            limited.setChecked(limit is not None)
            base.setValue(limit.base_count if limit else 0)
            per.setValue(limit.per_member_count if limit else 0)

    def limits(self) -> tuple[LimitDraft, ...]:
        return tuple(LimitDraft(code, base.value(), per.value())
                     for code, (limited, base, per) in self.rows.items() if limited.isChecked())

    def set_limit(self, code: str, base: int, per_member: int = 0) -> None:
        limited, base_spin, per_spin = self.rows[code]
        limited.setChecked(True)
        base_spin.setValue(base)
        per_spin.setValue(per_member)


class QuotaRulesDialog(QDialog):
    """Pick a household category in the table; edit its rule below; Ctrl+S
    saves it. Every save is broadcast at once through ``saved``."""

    saved = Signal(object)  # Changes

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.feedback = services, actor, feedback
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("Quota rules"))
        goods = [(c.code, goods_category(c.code, c.name)) for c in services.catalog.categories()]
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("What a household may take free each period, by its category. The value grows "
                               "with the household's size; top-ups count in their months only."))
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)
        self.model = RulesModel(dict(goods), self)
        self.table = make_table_view(self.model, stretch=RulesModel.LIMITS, whole_columns=True)  # the dialog opens wide enough
        layout.addWidget(self.table)

        self.heading = QLabel("")
        self.heading.setObjectName("notice")
        layout.addWidget(self.heading)
        editor = QHBoxLayout()
        form = QFormLayout()
        self.period = QComboBox()
        for period in ("month", "quarter"):
            self.period.addItem(period_name(period), period)
        self.base = _money()
        self.per_member = _money()
        self.topup = _money()
        self.months = QLineEdit()
        self.months.setPlaceholderText(self.tr("e.g. 1,10: the Spring Festival and National Day months"))
        # the box holds the mode's word, as the table shows it (a sentence would be cut); what the
        # mode means is said whole beneath it
        self.mode = QComboBox()
        for mode in ("enforce", "warn"):
            self.mode.addItem(mode_name(mode), mode)
        self.mode_meaning = QLabel()
        self.mode_meaning.setWordWrap(True)
        self.mode.currentIndexChanged.connect(self._say_what_the_mode_means)
        self._say_what_the_mode_means()
        form.addRow(self.tr("&Period"), self.period)
        form.addRow(self.tr("Value for &one person"), self.base)
        form.addRow(self.tr("&Each extra member adds"), self.per_member)
        form.addRow(self.tr("Festival &top-up"), self.topup)
        form.addRow(self.tr("Top-up &months"), self.months)
        form.addRow(self.tr("Past the &allowance"), self.mode)
        form.addRow("", self.mode_meaning)
        editor.addLayout(form, 1)
        self.limits = LimitsGrid(goods)
        editor.addWidget(self.limits)
        # the rule's form scrolls when the screen is short (1280x720 at 150%): the dialog's buttons stay in view
        editor_box = QWidget()
        editor_box.setLayout(editor)
        scroll = QScrollArea()
        scroll.setWidget(editor_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setSizeAdjustPolicy(QScrollArea.SizeAdjustPolicy.AdjustToContents)
        scroll.setMinimumWidth(editor_box.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        layout.addWidget(scroll, 1)

        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save this rule (Ctrl+S)"))
        self.save_button.setObjectName("primary")
        self.status = QLabel("")
        self.status.setObjectName("notice")
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub

        self._quiet = False
        self._shown: str | None = None  # the household category in the editor
        self._loaded: RuleDraft | None = None  # what the editor showed before any typing
        self._load_rules()
        self._fit_table()
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._row_changed(
            current.row()))
        self.table.selectRow(0)
        self.table.setFocus()
        # all of it where the screen allows, else what fits (the rule's form then scrolls)
        self.resize(self.sizeHint().boundedTo(self.screen().availableGeometry().size()))

    # --- the rules ----------------------------------------------------------------
    def _say_what_the_mode_means(self, *_args: object) -> None:
        if self.mode.currentData() == "warn":
            self.mode_meaning.setText(self.tr("Warn: the cashier is warned and the override is logged"))
        else:
            self.mode_meaning.setText(self.tr("Enforce: past the allowance a manager approves with a reason"))

    def _load_rules(self) -> None:
        saved = {rule.household_category: rule for rule in self.services.quotas.rules()}
        self.model.set_rows(saved.get(c.value, RuleDraft(c.value, base_fen=0, topup_fen=0, limits=()))
                            for c in CATEGORIES)

    def _fit_table(self) -> None:
        """Tall enough for all six categories, no scrolling."""
        rows = self.table.verticalHeader().defaultSectionSize() * self.model.rowCount()
        self.table.setFixedHeight(rows + self.table.horizontalHeader().sizeHint().height()
                                  + 2 * self.table.frameWidth() + 2)

    def select(self, household_category: str) -> None:
        self.table.selectRow(self.model.row_of(household_category))

    def _quietly_select(self, household_category: str) -> None:
        """Select a row without loading it into the editor."""
        self._quiet = True
        try:
            self.select(household_category)
        finally:
            self._quiet = False

    def _row_changed(self, row: int) -> None:
        rule = self.model.row_at(row)
        if self._quiet or rule is None or rule.household_category == self._shown:
            return
        if self.unsaved() and not self.feedback.confirm(
                self, self.tr("Quota rules"), self.tr("Drop the changes to the rule for {category}?").format(
                    category=category_name(self._shown or ""))):
            # After the view has finished moving its selection, put it back.
            QTimer.singleShot(0, lambda shown=self._shown or "": self._quietly_select(shown))
            return
        self.show_rule(rule)

    def show_rule(self, rule: RuleDraft) -> None:
        self._shown = rule.household_category
        self.heading.setText(self.tr("Rule for {category}").format(category=category_name(rule.household_category)))
        self.period.setCurrentIndex(max(0, self.period.findData(rule.period)))
        self.base.setValue(rule.base_fen / 100)
        self.per_member.setValue(rule.per_member_fen / 100)
        self.topup.setValue(rule.topup_fen / 100)
        self.months.setText(rule.topup_months)
        self.mode.setCurrentIndex(max(0, self.mode.findData(rule.mode)))
        self.limits.set_limits(rule.limits)
        self._loaded = self.draft()
        self.status.setText("")

    def draft(self) -> RuleDraft:
        return RuleDraft(self._shown or "", self.period.currentData(), round(self.base.value() * 100),
                         round(self.per_member.value() * 100), round(self.topup.value() * 100),
                         self.months.text().strip(), self.mode.currentData(), self.limits.limits())

    def unsaved(self) -> bool:
        return self._shown is not None and self._loaded is not None and self.draft() != self._loaded

    def save(self) -> bool:
        if self._shown is None:
            return False
        draft = self.draft()
        try:
            changes = self.services.quotas.set_rule(self.actor, draft)
        except PosError as exc:
            self.feedback.error(self, exc)
            return False
        self.changes = changes
        self.saved.emit(changes)
        self._load_rules()
        saved = self.model.row_at(self.model.row_of(draft.household_category))
        self._quietly_select(draft.household_category)
        if saved is not None:
            self.show_rule(saved)
        self.status.setText(self.tr("Saved the rule for {category}.").format(
            category=category_name(draft.household_category)))
        return True

    def reject(self) -> None:
        if self.unsaved() and not self.feedback.confirm(
                self, self.tr("Quota rules"), self.tr("Close without saving the rule for {category}?").format(
                    category=category_name(self._shown or ""))):
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a field must not close the dialog: Ctrl+S saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
