"""Spawning a measured process: its wall time and its peak memory (the
maximum resident set size the kernel reports for that child alone, from
wait4, in a small process between: ``_LAUNCHER``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass

TIMEOUT_S = 180


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    stdout: str


#: Run by a small interpreter between the benchmark and the measured command. On Linux a child's
#: maximum RSS starts at what its parent's was when it forked (the kernel keeps the old memory's
#: high-water mark across exec), so a command spawned straight from a benchmark that holds 350 MB
#: reports 350 MB whatever it uses. Forked from this small process instead, its figure is its own
#: (or this process's few MB, if more). The time is taken here too, so the interpreter's own start
#: is not counted.
_LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_pid, status, usage = os.wait4(pid, 0)
sys.stderr.write("\\n@measured %r %d\\n" % (time.perf_counter() - started, usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 1)  # killed by a signal: a failure
"""


def spawn(argv: list[str], env: dict[str, str], timeout: float = TIMEOUT_S) -> Run:
    """Run ``argv`` to its end (at most ``timeout`` seconds): its own wall time and peak memory (through
    ``_LAUNCHER``); a non-zero exit raises with the end of what it said."""
    child = subprocess.Popen([sys.executable, "-S", "-I", "-c", _LAUNCHER, *argv], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)  # the launcher and the command it runs
        child.communicate()
        raise
    said, _, measured = err.rpartition("\n@measured ")
    if child.returncode != 0 or not measured:
        tail = (said or out).strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(argv[:5])} ... exited {child.returncode}: " + " | ".join(tail))
    seconds, peak_kb = measured.split()
    return Run(float(seconds), int(peak_kb) / 1024, out)
