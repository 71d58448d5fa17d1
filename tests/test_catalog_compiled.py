"""The compiled catalog the package ships (committed, so that a wheel built
anywhere carries it) is the translators' .ts compiled: pyside6-lrelease
compiles the .ts again into a temporary file, and the two must agree.

lrelease writes the same bytes for the same .ts, wherever and whenever it
runs (checked here too), so equal bytes settle it. Another Qt's lrelease may
lay the same messages out otherwise: then every message is compared, with
its context, comment and translations, and the language and plural rules."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from charity_pos import i18n

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "charity_pos_zh_CN.ts"
QM = ROOT / "charity_pos" / "resources" / "translations" / "charity_pos_zh_CN.qm"
LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")

#: the .qm format's block tags (Qt's qtranslator.cpp) and a message's field tags
LANGUAGE, NUMERUS_RULES, DEPENDENCIES = 0xA7, 0x88, 0x96
END, SOURCE_TEXT16, TRANSLATION, CONTEXT16, OBSOLETE1, SOURCE_TEXT, CONTEXT, COMMENT, OBSOLETE2 = (
    1, 2, 3, 4, 5, 6, 7, 8, 9)


def lrelease(ts: Path, qm: Path) -> bytes:
    subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=120)
    return qm.read_bytes()


def every_message(data: bytes) -> dict[str, object]:
    """All a catalog says: each message whole (context, source, comment, every translation, plurals
    included), as a multiset, and its language and plural rules."""
    blocks = {tag: data[start:end] for tag, start, end in i18n._blocks(data, QM)}
    messages: Counter[tuple[bytes, bytes, bytes, tuple[str, ...]]] = Counter()
    block = blocks[i18n._QM_MESSAGES]
    at, translations, source, context, comment = 0, [], b"", b"", b""
    while at < len(block):
        tag = block[at]
        at += 1
        if tag == END:
            messages[(context, source, comment, tuple(translations))] += 1
            translations, source, context, comment = [], b"", b"", b""
        elif tag in (OBSOLETE1, OBSOLETE2):
            at += 4
        else:
            assert tag in (TRANSLATION, SOURCE_TEXT, CONTEXT, COMMENT, SOURCE_TEXT16, CONTEXT16), hex(tag)
            length = struct.unpack_from(">I", block, at)[0]
            at += 4
            value = b"" if length == 0xFFFFFFFF else block[at:at + length]
            at += 0 if length == 0xFFFFFFFF else length
            if tag == TRANSLATION:
                translations.append(value.decode("utf-16-be"))
            elif tag in (SOURCE_TEXT, SOURCE_TEXT16):
                source = value
            elif tag in (CONTEXT, CONTEXT16):
                context = value
            else:
                comment = value
    return {"messages": messages, "language": blocks.get(LANGUAGE), "plurals": blocks.get(NUMERUS_RULES),
            "dependencies": blocks.get(DEPENDENCIES)}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return lrelease(TS, tmp_path_factory.mktemp("lrelease") / "compiled.qm")


def test_lrelease_writes_the_same_bytes_for_the_same_catalog(compiled: bytes, tmp_path: Path) -> None:
    """Another folder, another name, another time: the same file (what makes the byte comparison fair)."""
    copy = tmp_path / "elsewhere.ts"
    shutil.copy(TS, copy)
    assert lrelease(copy, tmp_path / "again.qm") == compiled


def test_the_shipped_catalog_is_the_ts_compiled(compiled: bytes) -> None:
    shipped = QM.read_bytes()
    if shipped == compiled:
        return
    ours, theirs = every_message(shipped), every_message(compiled)
    missing = theirs["messages"] - ours["messages"]  # type: ignore[operator]
    stale = ours["messages"] - theirs["messages"]  # type: ignore[operator]
    assert (missing, stale) == (Counter(), Counter()), (
        f"{QM.relative_to(ROOT)} is not {TS.relative_to(ROOT)} compiled: run `make translations` and commit it "
        f"({len(missing)} messages it lacks, {len(stale)} it has that the .ts no longer does)")
    assert ours == theirs


def test_the_comparison_sees_a_changed_translation(compiled: bytes, tmp_path: Path) -> None:
    """Not blind: one translation changed in the .ts gives another catalog, by bytes and by messages."""
    text = TS.read_text(encoding="utf-8")
    changed = tmp_path / "changed.ts"
    changed.write_text(text.replace("<translation>错误：</translation>", "<translation>错误!</translation>", 1),
                       encoding="utf-8")
    other = lrelease(changed, tmp_path / "changed.qm")
    assert other != compiled
    assert every_message(other) != every_message(compiled)
    assert every_message(compiled) == every_message(QM.read_bytes())
