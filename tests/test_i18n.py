"""The command line reads the translation catalog without Qt: it must
translate every message exactly as Qt's QTranslator does with the same file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from charity_pos import i18n

#: the translators' source of the compiled catalog the package ships
TS = Path(__file__).resolve().parents[1] / "resources" / "translations" / "charity_pos_zh_CN.ts"


def test_every_message_translates_as_qt_translates_it() -> None:
    path = i18n.catalog_path("zh_CN")
    qt = QTranslator()
    assert qt.load(str(path))
    ours = i18n.Catalog(path)
    ts = ET.parse(TS).getroot()
    asked = 0
    for context in ts.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            if message.find("comment") is not None:
                continue
            source = message.findtext("source") or ""
            assert ours.translate(name, source) == qt.translate(name, source), (name, source)
            asked += 1
    assert asked > 1000
    assert ours.translate("cli", "Error: ") == "错误："
    assert ours.translate("cli", "no such text") == ""


def test_language_switch_through_the_catalog() -> None:
    saved = list(i18n._loaded)
    try:
        i18n.load_catalog("zh_CN")
        assert i18n.translate("cli", "Error: ") == "错误："
        i18n.load_catalog("en")
        assert i18n.translate("cli", "Error: ") == "Error: "
    finally:
        i18n._loaded[:] = saved


def test_a_missing_or_foreign_catalog_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        i18n.read_catalog(tmp_path / "none.qm")
    foreign = tmp_path / "x.qm"
    foreign.write_bytes(b"not a catalog at all")
    with pytest.raises(ValueError):
        i18n.read_catalog(foreign)


def test_a_catalog_is_refused_at_once_and_read_when_first_asked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        i18n.Catalog(tmp_path / "none.qm")
    foreign = tmp_path / "x.qm"
    foreign.write_bytes(b"not a catalog at all")
    with pytest.raises(ValueError):
        i18n.Catalog(foreign)
    catalog = i18n.Catalog(i18n.catalog_path("zh_CN"))
    assert catalog.translate("Errors", "No store database at {path}.") == "找不到门店数据库：{path}。"
