"""Loading the translation catalogs for the app and the command line.

English is the source language; zh_CN is the default. The compiled catalogs
(.qm) are built from resources/translations/*.ts by ``make``.

``translate`` reads the app's catalog with a small reader of Qt's .qm
format, so the command line never loads Qt; ``load`` also makes the
QTranslators the app installs for its widgets (the app's catalog and Qt's
own, for the standard dialogs).
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from charity_pos import messages

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"

#: The translators of the language loaded last, asked in turn by ``translate``: a ``Catalog`` (the
#: command line), or QTranslators (the app installs them; kept alive here).
_loaded: list[Any] = []

QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_QM_MESSAGES = 0x69
# the tags of a message's fields in a .qm file
_END, _TRANSLATION, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 5, 6, 7, 8


def catalog_path(language: str) -> Path:
    return TRANSLATIONS / f"charity_pos_{language}.qm"


def read_catalog(path: Path) -> dict[tuple[str, str], str]:
    """The translations of a compiled catalog (.qm), by context and English
    text; messages with a disambiguating comment are left out, as
    ``translate`` never asks for them. FileNotFoundError if there is none,
    ValueError if it is not a catalog."""
    data = path.read_bytes()
    if not data.startswith(QM_MAGIC):
        raise ValueError(f"not a translation catalog: {path}")
    found: dict[tuple[str, str], str] = {}
    at = len(QM_MAGIC)
    while at + 5 <= len(data):
        tag, length = data[at], struct.unpack_from(">I", data, at + 1)[0]
        at += 5
        if tag == _QM_MESSAGES:
            _read_messages(data, at, at + length, found)
        at += length
    return found


def _read_messages(data: bytes, at: int, end: int, found: dict[tuple[str, str], str]) -> None:
    translations: list[str] = []
    source = context = comment = b""
    while at < end:
        tag = data[at]
        at += 1
        if tag == _END:
            if translations and not comment:
                found.setdefault((context.decode("utf-8"), source.decode("utf-8")), translations[0])
            translations, source, context, comment = [], b"", b"", b""
        elif tag == _OBSOLETE1:
            at += 4
        elif tag in (_TRANSLATION, _SOURCE, _CONTEXT, _COMMENT):
            length = struct.unpack_from(">I", data, at)[0]
            at += 4
            if length == 0xFFFFFFFF:  # a null string
                continue
            value = data[at:at + length]
            at += length
            if tag == _TRANSLATION:
                translations.append(value.decode("utf-16-be"))
            elif tag == _SOURCE:
                source = value
            elif tag == _CONTEXT:
                context = value
            else:
                comment = value
        else:
            raise ValueError(f"unknown field {tag:#x} in a translation catalog")


class Catalog:
    """A compiled catalog read without Qt; translates as a QTranslator of
    the same file does ("" when it has no translation). Its messages are
    read at the first translation (the app, which loads the catalog as a
    QTranslator anyway, and many commands never ask for one); a missing
    file or one that is not a catalog is refused at once."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as fh:
            if fh.read(len(QM_MAGIC)) != QM_MAGIC:
                raise ValueError(f"not a translation catalog: {path}")
        self.path = path
        self._messages: dict[tuple[str, str], str] | None = None

    def translate(self, context: str, text: str) -> str:
        if self._messages is None:
            self._messages = read_catalog(self.path)
        return self._messages.get((context, text), "")


def load_catalog(language: str) -> None:
    """Use ``language`` for ``translate`` and ``describe``, without Qt (the
    command line). FileNotFoundError if its catalog is missing."""
    catalog = None if language == "en" else Catalog(catalog_path(language))
    _loaded.clear()
    if catalog is not None:
        _loaded.append(catalog)


def load(language: str) -> list[Any]:
    """The QTranslators for a language: the app's own and Qt's standard
    dialogs'. Kept alive here (``translate`` asks them too); install them on
    a QApplication to use them in widgets."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

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
