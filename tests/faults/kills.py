"""Running a job in a child and killing it (SIGKILL) after a seeded random delay.

``CHARITY_POS_FAULT_RUNS=N`` runs N kills of each kind instead of the
default; ``CHARITY_POS_FAULT_SEED`` changes the seed of the delays (it is
named in every failure, so a failing run can be run again as it was).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNS_ENV = "CHARITY_POS_FAULT_RUNS"
SEED = os.environ.get("CHARITY_POS_FAULT_SEED", "20261203")


def runs(default: int) -> int:
    """How many kills of one kind: ``default``, or what the environment asks."""
    asked = os.environ.get(RUNS_ENV, "").strip()
    return max(int(asked), 1) if asked else default


def delays(name: str) -> random.Random:
    return random.Random(f"{SEED}:{name}")


@dataclass(frozen=True)
class Ended:
    code: int | None
    signal: int | None
    log: str
    #: seconds from the fork to the end
    took: float

    @property
    def killed(self) -> bool:
        return self.signal == signal.SIGKILL


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class Forker:
    """The test's side of ``tests/faults/forker.py``."""

    def __init__(self, folder: Path) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
        self.folder = folder
        self.count = 0
        self.worker: int | None = None
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.faults.forker"], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def _answer(self) -> dict[str, int | None]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, f"the forker ended (exit {self.proc.poll()})"
        return json.loads(line)  # type: ignore[no-any-return]

    def run(self, job: str, *args: object, kill_after: float | None = None, timeout: float = 120,
            wait_for: Callable[[], bool] | None = None) -> Ended:
        """Run ``job`` in a fresh fork; with ``kill_after``, SIGKILL it that many seconds after the fork
        (after ``wait_for`` says so, if given: a kill among the work, whatever the machine's load)."""
        assert self.proc.stdin is not None
        self.count += 1
        log = self.folder / f"job-{self.count}.log"
        self.proc.stdin.write(json.dumps({"job": job, "args": [str(a) if isinstance(a, Path) else a for a in args],
                                          "log": str(log)}) + "\n")
        self.proc.stdin.flush()
        started = time.monotonic()
        pid = self._answer()["pid"]
        assert pid is not None
        self.worker = pid
        if kill_after is not None:
            give_up = time.monotonic() + timeout
            while wait_for is not None and not wait_for() and time.monotonic() < give_up:
                time.sleep(0.005)
            time.sleep(kill_after)
            _kill(pid)
        watchdog = threading.Timer(timeout, _kill, (pid,))
        watchdog.start()
        try:
            end = self._answer()
        finally:
            watchdog.cancel()
            self.worker = None
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        return Ended(end["code"], end["signal"], text, time.monotonic() - started)

    def ok(self, job: str, *args: object, code: int = 0) -> Ended:
        ended = self.run(job, *args)
        assert ended.code == code, f"{job} {args}: exit {ended.code} / signal {ended.signal}\n{ended.log}"
        return ended

    def close(self) -> None:
        if self.worker is not None:
            _kill(self.worker)
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait(timeout=20)
        except (subprocess.TimeoutExpired, OSError):
            self.proc.kill()
            self.proc.wait()
        finally:
            if self.proc.stdout:
                self.proc.stdout.close()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """Rows of a closed SQLite file, as the next start would see them (its write-ahead log included)."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(sql).fetchall()


def integrity(path: Path) -> list[str]:
    return [r[0] for r in rows(path, "PRAGMA integrity_check")]  # type: ignore[misc]
