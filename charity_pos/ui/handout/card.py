"""What the cashier sees of the household: its card, masked (袁**,
310104********7620), and what it has left this period, in value and in each
limited goods category, as the basket on the counter leaves it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from charity_pos.domain.money import format_fen
from charity_pos.services.handouts import CardView
from charity_pos.ui.households.words import category_name
from charity_pos.ui.words import language

#: The panel's own looks beside the theme's: what is left in the theme's big
#: total (``saleTotal``), in red once past the allowance.
PANEL_STYLE = """
QLabel#overTotal { font-size: 30pt; font-weight: bold; color: #b03a2e; }
QLabel#limits { font-size: 14pt; }
QLabel#overLimits { font-size: 14pt; color: #b03a2e; }
"""


def repolish(label: QLabel, name: str) -> None:
    """Give a label another style of the theme (hint, notice, alert, ...)."""
    if label.objectName() != name:
        label.setObjectName(name)
        label.style().unpolish(label)
        label.style().polish(label)


class CardPanel(QFrame):
    """The household at the counter, or a prompt, or the card's refusal in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.household = QLabel("")
        self.household.setWordWrap(True)
        self.household.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.household.setStyleSheet("font-size: 15pt;")
        self.terms = QLabel("")
        self.terms.setWordWrap(True)
        #: what the household took this period at the district's other stores, when anything
        self.elsewhere = QLabel("")
        self.elsewhere.setObjectName("warning")
        self.elsewhere.setWordWrap(True)
        self.elsewhere.setVisible(False)
        layout.addWidget(self.household)
        layout.addWidget(self.terms)
        layout.addWidget(self.elsewhere)
        self.waiting()

    def waiting(self) -> None:
        self.elsewhere.setVisible(False)
        repolish(self.household, "screenTitle")
        self.household.setText(self.tr("Scan the relief card"))
        repolish(self.terms, "hint")
        self.terms.setText(self.tr("The household comes up masked, with what it has left this period."))

    def refused(self, sentence: str) -> None:
        self.elsewhere.setVisible(False)
        repolish(self.household, "alert")
        self.household.setText(sentence)
        repolish(self.terms, "hint")
        self.terms.setText(self.tr("Nothing can be handed out on this card. Scan another card."))

    def show_card(self, card: CardView) -> None:
        repolish(self.household, "notice")
        self.household.setText(self.tr(
            "Card {card} · {name} · {id} · {members} · {category} · valid to {valid_to}").format(
            card=card.card_number, name=card.head_name_masked, id=card.id_masked,
            members=self.tr("%n member(s)", "", card.members), category=category_name(card.category),
            valid_to=card.valid_to.isoformat()))
        mode = (self.tr("Enforced: beyond the allowance only with a manager's approval") if card.enforce
                else self.tr("Warning only: beyond the allowance is handed out and logged"))
        repolish(self.terms, "warning" if card.enforce else "hint")
        self.terms.setText(self.tr("{period} · {mode}").format(period=card.period.label(language()), mode=mode))
        self.elsewhere.setText(self.tr("Already taken at other stores of the district this period: {amount}").format(
            amount=format_fen(card.used_elsewhere_fen)))
        self.elsewhere.setVisible(card.used_elsewhere_fen > 0)


class AllowancePanel(QWidget):
    """What is left this period once the basket is handed out, live."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PANEL_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(self.tr("Left this period"))
        self.caption.setObjectName("hint")
        self.remaining = QLabel("")
        self.remaining.setObjectName("saleTotal")
        self.details = QLabel("")
        self.details.setObjectName("hint")
        self.details.setWordWrap(True)
        self.limits = QLabel("")
        self.limits.setObjectName("limits")
        self.limits.setWordWrap(True)
        for label in (self.caption, self.remaining, self.details, self.limits):
            label.setAlignment(Qt.AlignmentFlag.AlignRight)
            layout.addWidget(label)
        self.clear()

    def clear(self) -> None:
        self.caption.setVisible(False)
        self.remaining.setText("")
        self.details.setText("")
        self.limits.setText("")

    def show_left(self, card: CardView, basket_fen: int, taken: Mapping[str, int], names: Mapping[str, str],
                  lines: int, units: int) -> None:
        """``taken``: the basket's units per goods category; ``names``: the categories in words."""
        standing = card.standing
        self.caption.setVisible(True)
        left = standing.remaining_fen - basket_fen
        if left >= 0:
            self.remaining.setText(format_fen(left))
        else:
            self.remaining.setText(self.tr("{amount} over").format(amount=format_fen(-left)))
        repolish(self.remaining, "saleTotal" if left >= 0 else "overTotal")
        self.details.setText(self.tr("Allowance {allowance}, used before {used}\nThis handout {value}: "
                                     "{lines}, {units}").format(
            allowance=format_fen(standing.allowance_fen), used=format_fen(standing.used_fen),
            value=format_fen(basket_fen), lines=self.tr("%n line(s)", "", lines),
            units=self.tr("%n unit(s)", "", units)))
        words = []
        for category in sorted(standing.limits):
            name = names.get(category, category)
            count_left = (standing.remaining_count(category) or 0) - taken.get(category, 0)
            if count_left >= 0:
                words.append(self.tr("{category}: {count} more").format(category=name, count=count_left))
            else:
                words.append(self.tr("{category}: {count} over the limit").format(category=name, count=-count_left))
        self.limits.setText("\n".join(words))
        over = any((standing.remaining_count(c) or 0) < taken.get(c, 0) for c in standing.limits)
        repolish(self.limits, "overLimits" if over else "limits")
