"""A figure on the dashboard: a caption, the figure in big type and a line
of detail. It is a button: a click, Enter or Space opens the report behind it,
and Tab reaches it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

STYLE = """
QPushButton#tile { text-align: left; background: #ffffff; border: 1px solid #c9d6d3; border-radius: 6px;
                   padding: 0px; }
QPushButton#tile:hover { background: #eef6f4; }
QPushButton#tile:focus { border: 2px solid #1f6f5c; }
QLabel#tileCaption { color: #444; }
QLabel#tileValue { font-size: 22pt; font-weight: bold; color: #1f4f46; }
QLabel#tileValue[alert="true"] { color: #b03a2e; }
QLabel#tileDetail { color: #666; }
QLabel#sectionTitle { font-size: 14pt; font-weight: bold; color: #1f4f46; padding-top: 6px; }
"""


class ListLabel(QLabel):
    """A detail that is a list of names: as wide as the tile lets it be, never
    wider, the end elided ("…") and the whole list in its tooltip."""

    def __init__(self) -> None:
        super().__init__("")
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        super().setText(QFontMetrics(self.font()).elidedText(self.full_text, Qt.TextElideMode.ElideRight,
                                                              max(0, self.contentsRect().width())))


class Tile(QPushButton):
    def __init__(self, caption: str, parent: QWidget | None = None, *, list_detail: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.caption = QLabel(caption)
        self.caption.setObjectName("tileCaption")
        self.value = QLabel("—")
        self.value.setObjectName("tileValue")
        # a list of names (goods out of stock) never widens the tile past the window
        self.detail = ListLabel() if list_detail else QLabel("")
        self.detail.setObjectName("tileDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        for label in (self.caption, self.value, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_figure(self, value: str, detail: str = "", *, alert: bool = False) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.value.setProperty("alert", alert)
        self.value.style().unpolish(self.value)
        self.value.style().polish(self.value)
        self.setAccessibleName(f"{self.caption.text()} {value} {detail}".strip())
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802
        layout = self.layout()
        assert layout is not None  # set in __init__
        hint = layout.sizeHint()
        return QSize(max(hint.width(), self.fontMetrics().horizontalAdvance("M") * 13), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)
