"""Loading the translation catalogs for the app and the command line.

English is the source language; zh_CN is the default. The compiled catalogs
(.qm) are shipped in the package (``charity_pos/resources/translations``,
found through ``charity_pos.shipped``); ``make translations`` compiles them
from the translators' sources, resources/translations/*.ts. A catalog that
is missing or damaged is a ``ResourceMissing`` / ``ResourceDamaged`` with
its language: ``messages`` words that one without it, in both languages.

``translate`` reads the app's catalog with a small reader of Qt's .qm
format, so the command line never loads Qt; ``load`` also makes the
QTranslators the app installs for its widgets (the app's catalog and Qt's
own, for the standard dialogs).
"""

from __future__ import annotations

import logging
import struct
from pathlib import Path
from typing import Any

from charity_pos import messages, shipped
from charity_pos.errors import ResourceDamaged

log = logging.getLogger("charity_pos.i18n")

#: where the compiled catalogs are, inside the package
TRANSLATIONS = "resources/translations"

#: The translators of the language loaded last, asked in turn by ``translate``: a ``Catalog`` (the
#: command line), or QTranslators (the app installs them; kept alive here).
_loaded: list[Any] = []

QM_MAGIC = bytes.fromhex("3cb86418caef9c95cd211cbf60a1bddd")
_QM_MESSAGES = 0x69
# the tags of a message's fields in a .qm file
_END, _TRANSLATION, _OBSOLETE1, _SOURCE, _CONTEXT, _COMMENT = 1, 3, 5, 6, 7, 8


def catalog_name(language: str) -> str:
    """A language's compiled catalog, named inside the package."""
    return f"{TRANSLATIONS}/charity_pos_{language}.qm"


def catalog_path(language: str) -> Path:
    """A language's compiled catalog, on disk. ResourceMissing (with the
    language) when the package does not hold it."""
    return shipped.file(catalog_name(language), language=language)


def _damaged(language: str) -> ResourceDamaged:
    return shipped.damaged(catalog_name(language), language=language)


def read_catalog(path: Path) -> dict[tuple[str, str], str]:
    """The translations of a compiled catalog (.qm), by context and English
    text; messages with a disambiguating comment are left out, as
    ``translate`` never asks for them. FileNotFoundError if there is none,
    ValueError if it is not a whole catalog."""
    return _messages_of(path.read_bytes(), path)


def _blocks(data: bytes, path: Path) -> list[tuple[int, int, int]]:
    """The blocks of a compiled catalog: (tag, start, end). ValueError if it
    is not a whole catalog: not one at all, cut short, or without messages
    (Qt takes a file of the header alone, and would translate nothing)."""
    if not data.startswith(QM_MAGIC):
        raise ValueError(f"not a translation catalog: {path}")
    blocks = []
    at = len(QM_MAGIC)
    while at < len(data):
        if at + 5 > len(data):
            raise ValueError(f"translation catalog cut short: {path}")
        tag, length = data[at], struct.unpack_from(">I", data, at + 1)[0]
        start, end = at + 5, at + 5 + length
        if end > len(data):
            raise ValueError(f"translation catalog cut short: {path}")
        blocks.append((tag, start, end))
        at = end
    if not any(tag == _QM_MESSAGES for tag, _, _ in blocks):
        raise ValueError(f"translation catalog without messages: {path}")
    return blocks


def _messages_of(data: bytes, path: Path) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for tag, start, end in _blocks(data, path):
        if tag == _QM_MESSAGES:
            try:
                _read_messages(data, start, end, found)
            except (IndexError, struct.error, UnicodeDecodeError) as exc:
                raise ValueError(f"damaged translation catalog: {path}") from exc
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
    the same file does ("" when it has no translation). A missing file, or
    one that is not a whole catalog (cut short, say), is refused at once;
    its messages are read at the first translation (the app loads the
    catalog as a QTranslator anyway, and many commands never ask for one).
    Messages found damaged then are logged and left untranslated, rather
    than fail the sentence that was being said."""

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        _blocks(data, path)
        self.path = path
        self._data = data
        self._messages: dict[tuple[str, str], str] | None = None

    def translate(self, context: str, text: str) -> str:
        if self._messages is None:
            try:
                self._messages = _messages_of(self._data, self.path)
            except ValueError:
                log.exception("translation catalog %s is damaged: messages stay in English", self.path)
                self._messages = {}
        return self._messages.get((context, text), "")


def load_catalog(language: str) -> None:
    """Use ``language`` for ``translate`` and ``describe``, without Qt (the
    command line). ResourceMissing if its catalog is missing, ResourceDamaged
    if it is not a catalog (English needs none)."""
    catalog = None
    if language != "en":
        try:
            catalog = Catalog(catalog_path(language))
        except (OSError, ValueError):  # gone since it was found, unreadable, or not a catalog
            raise _damaged(language) from None
    _loaded.clear()
    if catalog is not None:
        _loaded.append(catalog)


def load(language: str) -> list[Any]:
    """The QTranslators for a language: the app's own and Qt's standard
    dialogs'. Kept alive here (``translate`` asks them too); install them on
    a QApplication to use them in widgets. ResourceMissing or
    ResourceDamaged as ``load_catalog``; the language loaded before stays."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    if language == "en":
        _loaded.clear()
        return []
    path = catalog_path(language)
    app = QTranslator()
    if not app.load(str(path)) or app.isEmpty():  # Qt refuses a file cut short, takes one with no messages
        raise _damaged(language)
    _loaded.clear()
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


def error_line(error: BaseException) -> str:
    """An error as the command line and the apps print it on stderr: "Error: " and the sentence, in the
    language loaded; an error said in both languages (the catalog is missing) has the word in each."""
    both = messages.in_both_languages(error)
    if both is not None:
        return f"错误：{both[0]} Error: {both[1]}"
    return translate("cli", "Error: ") + describe(error)
