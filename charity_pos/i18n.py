"""Loading Qt's translation catalogs for the app and the command line.

English is the source language; zh_CN is the default. The compiled catalogs
(.qm) are built from resources/translations/*.ts by ``make``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

from charity_pos import messages

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"

_loaded: list[QTranslator] = []


def catalog_path(language: str) -> Path:
    return TRANSLATIONS / f"charity_pos_{language}.qm"


def load(language: str) -> list[QTranslator]:
    """The translators for a language: the app's own and Qt's standard
    dialogs'. Kept alive here; install them on a QApplication to use them in
    widgets."""
    _loaded.clear()
    if language == "en":
        return []
    app = QTranslator()
    if not app.load(str(catalog_path(language))):
        raise FileNotFoundError(f"translation catalog missing: {catalog_path(language)} (run make)")
    _loaded.append(app)
    qt = QTranslator()
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        _loaded.append(qt)
    return list(_loaded)


def translate(context: str, text: str) -> str:
    for translator in _loaded:
        translated = translator.translate(context, text)
        if translated:
            return translated
    return text


def describe(error: BaseException) -> str:
    return messages.describe(error, translate)
