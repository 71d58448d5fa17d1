"""A child process that imports charity-pos once, then forks a fresh worker
for each job it is sent, so a kill costs milliseconds, not an interpreter start.

Protocol, one JSON object a line: the test sends ``{"job", "args", "log"}``;
the forker answers ``{"pid"}`` at once, then ``{"code", "signal"}`` when the
worker has ended (by itself or killed). A worker's output goes to ``log``.
Run as ``python -m tests.faults.forker``; it ends when its input closes.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import uuid
from pathlib import Path


def cli(*argv: str) -> int:
    from charity_pos import cli as command_line

    return command_line.main(list(argv))


def sales(db: str, side: str, till: str, item: str, price: int, cashier: str, count: int) -> int:
    """Complete ``count`` sales through the service, writing each committed
    sale's number to ``side`` (synced) once ``complete`` has returned."""
    from charity_pos.services.store_file import open_store
    from charity_pos.services.base import Actor, Role
    from charity_pos.services.registry import Services
    from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

    services = Services.for_db(open_store(Path(db)))
    actor = Actor(uuid.UUID(cashier), "cashier", Role.CASHIER)
    with open(side, "a", encoding="ascii") as out:
        for _ in range(count):
            draft = SaleDraft(uuid.uuid4(), till, (LineDraft(uuid.UUID(item), 1),), (PaymentDraft("cash", price),))
            changes = services.sales.complete(actor, draft)
            out.write(f"{changes.number}\n")
            out.flush()
            os.fsync(out.fileno())
    services.close()
    return 0


def restore_killed_at_swap(db: str, backup: str) -> int:
    """``restore --force``, killed (SIGKILL to itself) the moment the restored
    copy is about to take the store's name: the old store is set aside by then."""
    import signal

    from charity_pos.services import backup as backups

    real = os.replace

    def replace(src: object, dst: object) -> None:
        if Path(str(dst)) == Path(db) and str(src).endswith(".partial"):
            os.kill(os.getpid(), signal.SIGKILL)
        real(src, dst)  # type: ignore[arg-type]

    os.replace = replace  # type: ignore[assignment]
    backups.restore(Path(db), Path(backup), force=True)
    return 0


JOBS = {"cli": cli, "sales": sales, "restore_killed_at_swap": restore_killed_at_swap}


def _work(request: dict[str, object]) -> int:
    fd = os.open(str(request["log"]), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    try:
        return int(JOBS[str(request["job"])](*request["args"]) or 0)  # type: ignore[operator]
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except BaseException:  # noqa: BLE001 - told in the log, as an exit code the test sees
        traceback.print_exc()
        return 99
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def serve() -> None:
    # what the jobs need, imported once before any fork
    import charity_pos.cli  # noqa: F401
    import charity_pos.db.engine  # noqa: F401
    import charity_pos.hub.cli  # noqa: F401
    import charity_pos.hub.importer  # noqa: F401
    import charity_pos.ledger.verify  # noqa: F401
    import charity_pos.services.backup  # noqa: F401
    import charity_pos.services.household_import  # noqa: F401
    import charity_pos.services.registry  # noqa: F401

    answer = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            os._exit(_work(request))
        answer.write(json.dumps({"pid": pid}) + "\n")
        answer.flush()
        _, status = os.waitpid(pid, 0)
        answer.write(json.dumps({"code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                                 "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None}) + "\n")
        answer.flush()


if __name__ == "__main__":
    serve()
