"""Every string the user can see has a Chinese translation, and Chinese
renders with the font the app picks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QFontMetrics

from charity_pos import i18n
from charity_pos.ui import theme

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "resources" / "translations" / "charity_pos_zh_CN.ts"


def test_catalog_is_complete_for_the_current_sources(tmp_path: Path) -> None:
    """lupdate over today's sources into a copy of the catalog: any new or
    changed string comes out unfinished, and that fails the test."""
    copy = tmp_path / CATALOG.name
    shutil.copy(CATALOG, copy)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = [str(p) for p in (ROOT / "charity_pos").rglob("*.py") if "migrations" not in p.parts]
    subprocess.run([str(lupdate), "-silent", "-extensions", "py", *sources, "-ts", str(copy)], check=True)
    untranslated = [
        f"{ctx.findtext('name')}: {msg.findtext('source')}"
        for ctx in ET.parse(copy).getroot().iter("context")
        for msg in ctx.iter("message")
        if msg.find("translation").get("type") in ("unfinished", None) and not msg.findtext("translation")
        or msg.find("translation").get("type") == "unfinished"
    ]
    assert untranslated == []


def test_compiled_catalog_translates() -> None:
    i18n.load("zh_CN")
    assert i18n.translate("cli", "Error: ") == "错误："
    i18n.load("en")
    assert i18n.translate("cli", "Error: ") == "Error: "
    i18n.load("zh_CN")


def test_a_chinese_font_is_installed_and_has_the_glyphs(qapp) -> None:
    family = theme.chinese_family()
    assert family is not None, "no Chinese font: scripts/system-deps.sh installs fonts-wqy-microhei"
    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(c)) for c in "慈善超市收银员店长")
