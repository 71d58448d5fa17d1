"""Screenshots of every screen, from a fresh demo store, for the README.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py docs/screenshots

Run by `make screenshots`; the pictures in docs/screenshots come from here.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from charity_pos import config  # noqa: E402
from charity_pos.demo.builder import build_demo  # noqa: E402
from charity_pos.services.registry import Services  # noqa: E402
from charity_pos.ui.app import Shell, make_application  # noqa: E402
from charity_pos.ui.approval import ApprovalDialog  # noqa: E402
from charity_pos.ui.catalog.editor import ItemEditor  # noqa: E402
from charity_pos.ui.settings import SettingsDialog  # noqa: E402


def save(widget: QWidget, path: Path) -> None:
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        os.environ["CHARITY_POS_HOME"] = home
        db = Path(home) / "demo.sqlite3"
        build_demo(db, days=7)
        settings = config.Settings()
        app = make_application("zh_CN", settings)
        services = Services.open(db)
        shell = Shell(services, settings)
        shell.start()
        save(shell.login, out / "login.png")
        manager = services.accounts.login("manager", "9999")
        shell.open_main(manager)
        main_window = shell.main
        assert main_window is not None
        main_window.resize(1280, 800)
        catalog = main_window.screens[0]
        catalog.search.setText("dm")  # type: ignore[attr-defined]
        catalog.refresh()
        save(main_window, out / "catalog.png")
        catalog.search.setText("")  # type: ignore[attr-defined]
        catalog.refresh()
        save(main_window, out / "catalog-all.png")
        item = services.catalog.search("旺旺雪饼")[0]
        cashier = services.accounts.login("cashier", "1111")
        editor = ItemEditor(services, cashier, shell.feedback, lambda _p, _w: None, item)
        editor.price.setText("22.90")
        save(editor, out / "item-editor.png")
        approval = ApprovalDialog(services, "此操作需要店长批准：修改价格。")
        approval.reason.setText("临期促销")
        save(approval, out / "approval.png")
        main_window.show_screen(main_window.screens[1])
        save(main_window, out / "staff.png")
        save(SettingsDialog(settings), out / "settings.png")
        services.close()
        app.quit()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
