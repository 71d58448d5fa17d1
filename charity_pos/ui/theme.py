"""Fonts and sizes for a counter screen: big, clear, and Chinese on any PC."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

log = logging.getLogger("charity_pos.ui")

#: Chinese UI fonts, best first: Windows, macOS, then Linux packages.
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)

STYLE = """
QListWidget#navigation { font-size: 15pt; padding: 4px; }
QListWidget#navigation::item { padding: 12px 10px; }
QListWidget#navigation::item:selected { background: #1f6f5c; color: white; }
QPushButton { padding: 6px 14px; min-height: 28px; }
QLabel#screenTitle { font-size: 18pt; font-weight: bold; color: #1f4f46; }
QLabel#warning { color: #a33; font-weight: bold; }
QLabel#hint { color: #555; }
QLineEdit#search { font-size: 15pt; padding: 6px; }
QLabel#total { font-size: 20pt; font-weight: bold; color: #1f4f46; }
QLabel#notice { color: #1f6f5c; font-weight: bold; }
QPushButton#primary { font-weight: bold; padding: 8px 18px; }
QTableView { gridline-color: #ddd; }
QTableView QLineEdit#cellEditor, QTableView QComboBox#cellEditor {
    color: #111; background: #fff; border: 2px solid #1f6f5c; padding: 0 3px;
    selection-color: #fff; selection-background-color: #1f6f5c; }
QLineEdit#scan { font-size: 18pt; padding: 6px; border: 2px solid #1f6f5c; }
QLineEdit#amount { font-size: 16pt; padding: 4px; }
QTableView#ticket { font-size: 15pt; }
QLabel#saleTotal { font-size: 30pt; font-weight: bold; color: #1f4f46; }
QLabel#changeDue { font-size: 40pt; font-weight: bold; color: #1f6f5c; }
QLabel#alert { color: white; background: #b03a2e; font-size: 14pt; font-weight: bold; padding: 4px 8px; }
QPushButton#pay { font-size: 18pt; font-weight: bold; padding: 12px 18px; background: #1f6f5c; color: white; }
QPushButton#pay:disabled { background: #9bb; }
"""


def chinese_family() -> str | None:
    available = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in available:
            return family
    return None


def apply(app: QApplication, point_size: int) -> None:
    font = QFont(app.font())
    family = chinese_family()
    if family:
        font.setFamilies([family, *font.families()])
    else:
        log.warning("no Chinese font found; install fonts-wqy-microhei or a CJK font")
    font.setPointSize(point_size)
    app.setFont(font)
    app.setStyleSheet(STYLE)
