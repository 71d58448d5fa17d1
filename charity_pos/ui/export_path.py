"""Asking where a report's export goes: one save dialog for the store's and the hub's report screens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def ask_export_path(parent: QWidget, suffix: str, suggested: str) -> Path | None:
    """The file an export of type ``suffix`` (xlsx, pdf, csv) goes to, in the user's documents by default;
    None when the user cancels. A name typed without the suffix gets it."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    kinds = {"xlsx": QCoreApplication.translate("ExportPath", "Excel workbook (*.xlsx)"),
             "pdf": QCoreApplication.translate("ExportPath", "PDF file (*.pdf)"),
             "csv": QCoreApplication.translate("ExportPath", "CSV file (*.csv)")}
    title = QCoreApplication.translate("ExportPath", "Export report")
    name, _chosen = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested), kinds[suffix])
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == f".{suffix}" else path.with_name(f"{path.name}.{suffix}")
