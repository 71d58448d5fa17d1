"""Log-in, screen switches and memory of the app, on the demo store.

Each figure comes from a fresh process (``gui_probe.py``) on the offscreen
platform, median of RUNS. The app starts as ``charity-pos gui`` starts it
(the command line's own code): the log-in window from a plain read of the
store file, the store opened behind it; the event loop runs for a moment (a
person typing the PIN) before Enter is pressed.

- launch: from the probe's start to the log-in window painted (in the
  process: the interpreter's own start is in ``startup.py``'s figure), over
  the cashier's and the manager's runs. Baseline: from the same start to an
  empty QMainWindow painted in a bare QApplication.
- log-in: from Enter on the PIN to the main window shown with its first
  screen painted, for the cashier (the sale screen) and the manager (the
  overview). Baseline: showing and painting an empty QMainWindow in a bare
  QApplication.
- screen switches (the manager, who sees every screen): the first visit to
  each screen by its key (which builds it) and a later one; for the first
  visit also the processor time the app took (on a machine shared with
  other work the wall-clock figure swells, this one much less). Baseline:
  the same empty QMainWindow.
- first search: a letter typed in the donations' search field (which finds
  donors by their names' pinyin) right after the screen's first visit, and
  a second after it, until the list shows what was found. Baseline: the
  same empty QMainWindow.
- first search, processor time: the same, less swayed by other programs.
- memory: resident memory with the main window up (the manager's, before
  any other screen was visited), after each screen's first visit (the
  screens before it visited: what each visit keeps), and the peak after
  visiting every screen.
  Baseline: a bare QApplication with the empty QMainWindow up.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from processes import spawn
from report import Row, median

RUNS = 3
PROBE = Path(__file__).with_name("gui_probe.py")
ACCOUNTS = (("cashier", "1111", "sale screen"), ("manager", "9999", "overview"))
#: The screen, its key, what is typed in its search and the seconds waited after bringing it up.
SEARCHES = (("DonationsScreen", "F5", "w", "0"), ("DonationsScreen", "F5", "w", "1"))


def _probe(env: dict[str, str], *argv: str) -> dict[str, object]:
    run = spawn([sys.executable, str(PROBE), *argv], env)
    return json.loads(run.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(demo: Path, home: Path) -> list[Row]:
    env = dict(os.environ, CHARITY_POS_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    bare = [_probe(env, "bare") for _ in range(RUNS)]
    base_ms = median([b["login_ms"] for b in bare])  # type: ignore[misc]
    base_rss = median([b["rss_mb"] for b in bare])  # type: ignore[misc]
    base_cpu = median([b["login_cpu_ms"] for b in bare])  # type: ignore[misc]
    rows = []
    sessions: dict[str, list[dict[str, object]]] = {}
    for username, pin, _first in ACCOUNTS:
        sessions[username] = [_probe(env, "app", str(demo), username, pin) for _ in range(RUNS)]
    launches = [s["launch_ms"] for runs in sessions.values() for s in runs]
    rows.append(Row(f"launch to a painted log-in window, in the process, median of {len(launches)}",
                    median(launches), "ms", median([b["launch_ms"] for b in bare]), digits=0))  # type: ignore[misc]
    for username, _pin, first in ACCOUNTS:
        rows.append(Row(f"log-in ({username}) to a usable {first}, median of {RUNS}",
                        median([s["login_ms"] for s in sessions[username]]), "ms", base_ms, digits=0))  # type: ignore[misc]
    manager = sessions["manager"]
    for n, screen in enumerate(manager[0]["screens"]):  # type: ignore[arg-type]
        first = median([s["screens"][n]["first_ms"] for s in manager])  # type: ignore[index]
        again = median([s["screens"][n]["again_ms"] for s in manager])  # type: ignore[index]
        name = f"{screen['screen']} ({screen['key']})"
        rows.append(Row(f"switch to {name}: first visit", first, "ms", base_ms, digits=0))
        if "first_cpu_ms" in screen:  # the processor time it took: less swayed by other programs running
            cpu = median([s["screens"][n]["first_cpu_ms"] for s in manager])  # type: ignore[index]
            rows.append(Row(f"switch to {name}: first visit, processor time", cpu, "ms", base_cpu, digits=0))
        rows.append(Row(f"switch to {name}: later visit", again, "ms", base_ms, digits=0))
    for screen, key, text, wait in SEARCHES:
        runs = [_probe(env, "search", str(demo), "manager", "9999", key, text, wait) for _ in range(RUNS)]
        assert all(r["screen"] == screen and r["rows"] for r in runs), runs
        when = "at once" if wait == "0" else f"{wait} s"
        rows.append(Row(f"first search in {screen} ({key}), {text!r} typed {when} after its first visit",
                        median([r["search_ms"] for r in runs]), "ms", base_ms, digits=0))  # type: ignore[misc]
        rows.append(Row(f"first search in {screen} ({key}), {text!r} typed {when} after its first visit, "
                        "processor time", median([r["search_cpu_ms"] for r in runs]), "ms", base_cpu,
                        digits=0))  # type: ignore[misc]
    rows.append(Row("memory with the main window up (manager)", median([s["rss_mb"] for s in manager]), "MB",
                    base_rss, digits=0))  # type: ignore[misc]
    for n, screen in enumerate(manager[0]["screens"]):  # type: ignore[arg-type]
        if "rss_mb" in screen:  # what each screen's first visit left in memory, the screens before it visited
            rows.append(Row(f"memory after the first visit to {screen['screen']} ({screen['key']})",
                            median([s["screens"][n]["rss_mb"] for s in manager]), "MB", base_rss,  # type: ignore[index]
                            digits=0))
    rows.append(Row("peak memory after every screen (manager)", median([s["peak_mb"] for s in manager]), "MB",
                    median([b["peak_mb"] for b in bare]), digits=0))  # type: ignore[misc]
    return rows


if __name__ == "__main__":  # alone: python benchmarks/session.py [DEMO_STORE]
    import tempfile

    from command_line import make_demo
    from report import table

    with tempfile.TemporaryDirectory(prefix="charity-pos-bench-") as tmp:
        home = Path(tmp) / "home"
        demo = Path(sys.argv[1]) if len(sys.argv) > 1 else make_demo(Path(tmp), dict(os.environ,
                                                                                     CHARITY_POS_HOME=str(home)))
        if len(sys.argv) > 1:  # a demo store made elsewhere: its key file is in that home
            home = Path(os.environ.get("CHARITY_POS_HOME", home))
        print(table(measure(demo, home)))
