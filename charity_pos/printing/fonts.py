"""The Chinese font every PDF is set in.

Receipts and labels must print the same on any PC, so the font is always
embedded (ReportLab's ``TTFont`` embeds a subset of the glyphs used as a
TrueType ``FontFile2``). Only TrueType outlines can be embedded this way;
OpenType/CFF fonts (most Noto CJK builds) are tried and passed over.

The font is looked for, in order: shipped with the app (a build may put one
in the package's ``resources/fonts``, found through ``charity_pos.shipped``),
Windows, macOS, the usual Linux places, then fontconfig. The first one that
loads and has the characters the documents need is registered, once per
process, under ``FONT_NAME``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos import shipped
from charity_pos.errors import FontMissing

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

#: The name the renderers use with ReportLab's canvas and styles.
FONT_NAME = "CharityPosCJK"

#: A font must have all of these to be used: the words of a receipt, the
#: Chinese capitals of an amount, and the signs around them.
REQUIRED_CHARS = "※捐赠收据号码交款人统一社会信用代码补打作废盖章经办备注合计大写人民币零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整¥0123456789.,:：（）·—"

#: the package's own font folder (none ships today: the stores' PCs have Chinese fonts)
SHIPPED_FONTS = "resources/fonts"


@dataclass(frozen=True)
class Candidate:
    path: Path
    subfont_index: int = 0


def _windows_candidates() -> list[Candidate]:
    windir = Path(os.environ.get("WINDIR") or os.environ.get("SystemRoot") or "C:/Windows")
    folders = [windir / "Fonts"]
    if str(windir).replace("\\", "/").rstrip("/").lower() != "c:/windows":
        folders.append(Path("C:/Windows/Fonts"))
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts installed for one user only
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    names = ["msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "simsun.ttf", "Deng.ttf", "simkai.ttf"]
    return [Candidate(folder / name) for folder in folders for name in names]


def _mac_candidates() -> list[Candidate]:
    return [Candidate(Path(p)) for p in (
        "/System/Library/Fonts/PingFang.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/System/Library/Fonts/STHeiti Medium.ttc",
        "/System/Library/Fonts/Hiragino Sans GB.ttc",
        "/System/Library/Fonts/Supplemental/Songti.ttc",
        "/Library/Fonts/Arial Unicode.ttf",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    )]


def _linux_candidates() -> list[Candidate]:
    paths = [
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),  # Debian/Ubuntu fonts-wqy-microhei
        ("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc", 0),  # Fedora
        ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),  # Arch
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
        ("/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc", 0),
        ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
        # Noto CJK: the TrueType-outline builds work; the usual CFF .ttc are
        # tried and passed over (index 2 is Simplified Chinese in the .ttc).
        ("/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf", 0),
        ("/usr/share/fonts/truetype/noto-cjk/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
        ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
        ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    ]
    return [Candidate(Path(p), i) for p, i in paths]


def _shipped_candidates() -> list[Candidate]:
    fonts = shipped.location(SHIPPED_FONTS)
    if not fonts.is_dir():
        return [Candidate(fonts / "*.ttf")]  # listed so the error says where we looked
    return [Candidate(p) for p in sorted(fonts.iterdir())
            if p.suffix.lower() in (".ttf", ".ttc", ".otf")]


def _fontconfig_candidates() -> list[Candidate]:
    """Ask fontconfig for Chinese fonts (last resort; Linux, some Macs)."""
    found: list[Candidate] = []
    commands = (["fc-match", "-f", "%{file}\\n%{index}\\n", ":lang=zh"],
                ["fc-list", ":lang=zh", "file", "index", "-f", "%{file}\\n%{index}\\n"])
    for command in commands:
        if shutil.which(command[0]) is None:
            continue
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
        for file, index in zip(lines[0::2], lines[1::2], strict=False):
            try:
                found.append(Candidate(Path(file), int(index)))
            except ValueError:
                found.append(Candidate(Path(file)))
    return found


def candidates() -> list[Candidate]:
    """Every place a font is looked for, in order (fontconfig last)."""
    return _shipped_candidates() + _windows_candidates() + _mac_candidates() + _linux_candidates()


def _load(candidate: Candidate) -> TTFont | None:
    """A ReportLab TTFont for the candidate, or None if unusable."""
    from reportlab.pdfbase.ttfonts import TTFont

    if not candidate.path.is_file():
        return None
    try:
        font = TTFont(FONT_NAME, str(candidate.path), subfontIndex=candidate.subfont_index)
    except Exception:  # noqa: BLE001 - TTFError, CFF outlines, damaged files: try the next one
        return None
    covered = font.face.charToGlyph
    if any(ord(ch) not in covered for ch in REQUIRED_CHARS):
        return None
    return font


_lock = threading.Lock()
_registered: Candidate | None = None


def register_font() -> str:
    """Register the Chinese font with ReportLab (once) and return its name.

    Raises FontMissing (facts: searched) when no usable font is found."""
    global _registered
    if _registered is not None:
        return FONT_NAME
    with _lock:
        if _registered is not None:
            return FONT_NAME
        from reportlab.pdfbase import pdfmetrics

        searched: list[str] = []
        tried: set[tuple[str, int]] = set()
        for group in (candidates, _fontconfig_candidates):
            for candidate in group():
                key = (str(candidate.path), candidate.subfont_index)
                if key in tried:
                    continue
                tried.add(key)
                searched.append(str(candidate.path))
                font = _load(candidate)
                if font is None:
                    continue
                pdfmetrics.registerFont(font)
                _registered = candidate
                return FONT_NAME
        raise FontMissing(searched=searched)


def font_file() -> Candidate:
    """Which file the registered font came from (registers it if needed)."""
    register_font()
    assert _registered is not None
    return _registered
