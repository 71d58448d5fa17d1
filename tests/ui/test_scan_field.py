"""The one scan field (``ui.scan_field``), with a screen's hooks faked: a
burst of a code and Enter adds at once, ``3*`` counts, a name shows matches
to take with Enter or ↓, and what is refused is said in the field's words."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt

from charity_pos.errors import UnknownBarcode
from charity_pos.ui.scan_field import ScanField, split_quantity

RICE = "6901234567892"
GOODS = {RICE: "东北大米 5kg"}
NAMES = {"dbdm": ["东北大米 5kg", "东北豆面"]}


class FakeField(ScanField):
    MOST = 99

    def __init__(self) -> None:
        super().__init__()
        self.scans: list[tuple[object, int]] = []
        self.scanned.connect(lambda found, quantity: self.scans.append((found, quantity)))

    def lookup_code(self, code: str) -> object:
        if code not in GOODS:
            raise UnknownBarcode(barcode=code)
        return GOODS[code]

    def lookup_item(self, data: object) -> object:
        return data

    def search(self, text: str) -> Sequence[tuple[str, object]]:
        return [(name, name) for name in NAMES.get(text, [])]


def _field(qtbot) -> FakeField:
    field = FakeField()
    qtbot.addWidget(field)
    field.show()
    field.focus()
    return field


def _enter(qtbot, field: FakeField, text: str) -> None:
    qtbot.keyClicks(field.field, text)
    qtbot.keyClick(field.field, Qt.Key.Key_Return)


def test_the_quantity_prefix() -> None:
    assert split_quantity(f"3*{RICE}") == (3, RICE)
    assert split_quantity(" 12 × 东北大米") == (12, "东北大米")
    assert split_quantity("3*") == (3, "")
    assert split_quantity(RICE) == (None, RICE)


def test_a_code_adds_at_once_and_n_star_counts(qtbot) -> None:
    field = _field(qtbot)
    _enter(qtbot, field, RICE)
    field.clear()
    _enter(qtbot, field, f"3*{RICE}")
    assert field.scans == [("东北大米 5kg", 1), ("东北大米 5kg", 3)]


def test_a_quantity_past_the_most_or_an_unknown_code_is_refused_in_the_field(qtbot) -> None:
    field = _field(qtbot)
    _enter(qtbot, field, f"100*{RICE}")
    assert field.scans == [] and field.notice.text() and field.notice.objectName() == field.WARNING_LOOK
    field.clear()
    _enter(qtbot, field, "6901234567891")  # a misread check digit: said so, not "unknown"
    assert field.scans == [] and field.notice.text() == "条码 6901234567891 无效：校验位错误。"
    assert field.field.text() == "6901234567891", "kept for a retry"


def test_a_name_shows_matches_enter_takes_the_first_and_down_goes_into_them(qtbot) -> None:
    field = _field(qtbot)
    qtbot.keyClicks(field.field, "dbdm")
    qtbot.waitUntil(lambda: field.matches.isVisible() and field.matches.count() == 2)
    assert field.notice.text() == "按 Enter 添加第一项，按 ↓ 选择其他。"
    qtbot.keyClick(field.field, Qt.Key.Key_Down)
    assert field.matches.hasFocus() and field.matches.currentRow() == 1
    qtbot.keyClick(field.matches, Qt.Key.Key_Escape)
    assert field.field.hasFocus()
    qtbot.keyClick(field.field, Qt.Key.Key_Return)
    assert field.scans == [("东北大米 5kg", 1)]
    field.clear()
    qtbot.keyClicks(field.field, "xyz")
    qtbot.waitUntil(lambda: field.notice.text() == "没有找到“xyz”。")


def test_up_and_down_without_matches_step_through_the_lines(qtbot) -> None:
    field = _field(qtbot)
    steps: list[int] = []
    field.step.connect(steps.append)
    qtbot.keyClick(field.field, Qt.Key.Key_Down)
    qtbot.keyClick(field.field, Qt.Key.Key_Up)
    assert steps == [1, -1]
