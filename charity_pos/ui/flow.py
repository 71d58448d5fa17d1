"""A layout that lays its widgets out in rows and wraps them to the next row
when the width runs out, so a screen fits 1024x768 and fills 1920x1080."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """``fill``: each row's spare width is shared among its widgets, so rows end flush."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, fill: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._fill = fill
        # heightForWidth by width, until something in the layout changes: a layout pass asks it
        # many times over, and each answer measures every widget (as Qt's own layouts cache it)
        self._heights: dict[int, int] = {}
        self.setContentsMargins(0, 0, 0, 0)

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)
        self._heights.clear()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        self._heights.clear()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _rows(self, width: int) -> list[list[tuple[QLayoutItem, QSize]]]:
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            if rows[-1] and used + hint.width() > width:
                rows.append([])
                used = 0
            rows[-1].append((item, hint))
            used += hint.width() + self._spacing
        return rows

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        for row in self._rows(area.width()):
            if not row:
                continue
            spare = area.width() - sum(h.width() for _, h in row) - self._spacing * (len(row) - 1)
            extra = max(0, spare) // len(row) if self._fill else 0
            x, height = area.x(), max(h.height() for _, h in row)
            for item, hint in row:
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(hint.width() + extra, height if self._fill
                                                               else hint.height())))
                x += hint.width() + extra + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing - rect.y() + margins.bottom())


def flow_widget(*widgets: QWidget, spacing: int = 8, fill: bool = False) -> QWidget:
    """A widget holding ``widgets`` in a wrapping row."""
    holder = QWidget()
    holder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    layout = FlowLayout(holder, spacing, fill)
    for widget in widgets:
        layout.addWidget(widget)
    return holder
