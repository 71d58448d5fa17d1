"""The apps started on an incomplete installation say which file is missing
in a message box (they may be started from a shortcut, with no terminal),
as well as on stderr, and show no window and no traceback: the Chinese
catalog in both languages, any other file in the user's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from charity_pos import cli, i18n, shipped
from charity_pos.ui import shell
from tests.test_shipped import CATALOG, package, put  # noqa: F401  (package: the fixture)


class Boxes:
    """Stands in for QMessageBox: what the user would have been shown."""

    shown: list[tuple[str, str]]

    def __init__(self) -> None:
        self.shown = []

    def critical(self, parent: object, title: str, text: str) -> None:
        assert parent is None
        self.shown.append((title, text))


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    """Message boxes recorded, as if someone were looking at the screen (offscreen, none is shown)."""
    recorded = Boxes()
    monkeypatch.setattr(shell, "QMessageBox", recorded)
    monkeypatch.setattr(shell, "looked_at", lambda app: True)
    return recorded


@pytest.mark.parametrize("argv", [["gui"], [], ["hub", "gui", "--hub", "{folder}/hub.db"]],
                         ids=["gui", "no command", "hub gui"])
def test_an_app_without_its_catalog_says_so_in_a_box_in_both_languages(
        qapp, services, package: Path, boxes: Boxes, capsys, argv: list[str]) -> None:
    path = services.db.path
    services.close()
    windows = set(qapp.topLevelWidgets())
    argv = [a.format(folder=path.parent) for a in argv] + (["--db", str(path)] if argv[:1] == ["gui"] else [])
    assert cli.main(argv) == 1
    error = shipped.missing(CATALOG, language="zh_CN")
    text = i18n.describe(error)
    assert boxes.shown == [("charity-pos", text)]
    assert "安装不完整" in text and "not installed completely" in text and f"{package.name}/{CATALOG}" in text
    zh, en = text.split(" charity-pos is not", 1)
    assert capsys.readouterr().err == f"错误：{zh} Error: charity-pos is not{en}\n"
    assert set(qapp.topLevelWidgets()) == windows, "no window was opened"


@pytest.mark.parametrize("language, words", [
    ("zh_CN", "charity-pos 安装不完整：缺少 charity_pos/db/migrations（查找位置：{where}）。请重新安装 charity-pos。"),
    ("en", "charity-pos is not installed completely: charity_pos/db/migrations is missing (looked for in {where}). "
           "Install charity-pos again."),
], ids=["zh_CN", "en"])
def test_another_missing_file_is_said_in_a_box_in_the_users_language(
        qapp, boxes: Boxes, capsys, language: str, words: str) -> None:
    """What the app does when opening the store finds the migrations gone (``refuse``, as for a store in use)."""
    i18n.load_catalog(language)
    error = shipped.missing("db/migrations")
    shell.refuse(qapp, error)
    text = words.format(where=shipped.location("db"))
    assert boxes.shown == [("charity-pos", text)]
    assert capsys.readouterr().err == ("错误：" if language == "zh_CN" else "Error: ") + text + "\n"


def test_no_box_where_nobody_looks(qapp, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Offscreen (tests, scripts) the refusal is said on stderr only: a box would wait for no one."""
    assert not shell.looked_at(qapp)
    monkeypatch.setattr(shell, "QMessageBox", None)  # would fail if used
    assert shell.refuse_to_start(shipped.missing("db/migrations")) == 1
    assert "charity_pos/db/migrations" in capsys.readouterr().err
