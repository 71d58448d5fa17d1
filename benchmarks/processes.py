"""Spawning a measured process: its wall time and its peak memory (the
maximum resident set size the kernel reports for that child alone, from
wait4)."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass

TIMEOUT_S = 180


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    stdout: str


class _Measured(subprocess.Popen):  # type: ignore[type-arg]
    """Popen that keeps the child's peak memory when it reaps it."""

    peak_kb = 0.0

    def _try_wait(self, wait_flags: int):  # type: ignore[no-untyped-def]
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return self.pid, 0
        if pid:
            self.peak_kb = float(usage.ru_maxrss)  # kilobytes on Linux
        return pid, status


def spawn(argv: list[str], env: dict[str, str], timeout: float = TIMEOUT_S) -> Run:
    """Run ``argv`` to its end (at most ``timeout`` seconds); a non-zero exit raises with the end of what it said."""
    t0 = time.perf_counter()
    child = _Measured(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise
    elapsed = time.perf_counter() - t0
    if child.returncode != 0:
        tail = (err or out).strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(argv[:5])} ... exited {child.returncode}: " + " | ".join(tail))
    return Run(elapsed, child.peak_kb / 1024, out)
