"""A city of stores on one hub, shared by the test (tests/hub/test_city.py)
and the bench (benchmarks/city.py).

One store's journal (events made through the services, or appended in
bulk in their payload shapes) is the template: each store of the city is
registered at the hub with a key pair of its own (``add_store``) and gets
a bundle of the same events under its own id and code, signed with its
own key. The events' hashes chain without naming the store, so only the
manifest and the signature differ from store to store: a city of bundles
costs one signature each.

Bundles go into the hub as district staff send them: several processes at
once, each running ``charity-pos hub import --hub URL FILE...``.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charity_pos.hub.engine import open_hub
from charity_pos.hub.service import add_store
from tests.hub import SourceStore, events_bundle, lines_of, write_registration

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class CityStore:
    code: str
    id: str
    bundle: Path


def store_code(n: int) -> str:
    return f"C{n:04d}"


def register_city(url: str, template: SourceStore, count: int, folder: Path, *, start: int = 1) -> list[CityStore]:
    """``count`` stores registered at the hub, each with its own key pair,
    and each one's bundle of the template's events, signed with its key."""
    folder.mkdir(parents=True, exist_ok=True)
    events = list(template.events)
    content = lines_of(events)
    stores = []
    with open_hub(url) as db:
        for n in range(start, start + count):
            key = Ed25519PrivateKey.generate()
            code = store_code(n)
            ident = dataclasses.replace(template, id=str(uuid.uuid4()), code=code, name=f"{template.name}（{n}）",
                                        short_name=f"{template.short_name[:14]}{n}")
            registration = write_registration(folder / f"{code}.registration.json", ident, key)
            add_store(db, registration, folder / f"{code}.trust.json")
            bundle = events_bundle(folder / f"{code}-1-{events[-1]['seq']}.cpbundle", ident, events, key,
                                   content=content)
            stores.append(CityStore(code, ident.id, bundle))
    return stores


@dataclass(frozen=True)
class Importer:
    """One `hub import` process: its exit code, what it printed, its peak resident memory (KB)."""

    exit_code: int
    out: str
    err: str
    peak_rss_kb: int


def import_at_once(url: str, shares: list[list[Path]], home: Path, log_dir: Path) -> tuple[float, list[Importer]]:
    """Run one ``charity-pos hub import`` process per share, all at once;
    the seconds until the last one ended, and each process's outcome."""
    log_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CHARITY_POS_HOME=str(home), PYTHONPATH=os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    env.pop("QT_QPA_PLATFORM", None)
    running = []
    began = time.perf_counter()
    for n, files in enumerate(shares):
        out, err = log_dir / f"import-{n}.out", log_dir / f"import-{n}.err"
        with out.open("wb") as fo, err.open("wb") as fe:
            proc = subprocess.Popen([sys.executable, "-m", "charity_pos", "hub", "import", "--lang", "en", "--hub", url,
                                     *map(str, files)], stdout=fo, stderr=fe, env=env, cwd=log_dir)
        running.append((proc, out, err))
    done = []
    for proc, out, err in running:
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        done.append(Importer(proc.returncode, out.read_text(encoding="utf-8", errors="replace"),
                             err.read_text(encoding="utf-8", errors="replace"), usage.ru_maxrss))
    return time.perf_counter() - began, done


def shares_of(paths: list[Path], processes: int) -> list[list[Path]]:
    """The files dealt out to ``processes`` importers (fewer when there are fewer files), as district staff at
    several PCs would."""
    return [paths[n::processes] for n in range(min(processes, len(paths)))]
