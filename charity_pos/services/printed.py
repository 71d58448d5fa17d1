"""A unit of work that makes a paper (a receipt's number issued, a slip's
print counted) without holding the store's write lock while the paper is
rendered, and still counts nothing when the paper could not be made.

The work runs once and is rolled back: that is the paper as it would be.
The caller's ``render`` makes it with no transaction open, so the till, the
command line and the other screens can write meanwhile. Then the work runs
again and commits, if it builds the same paper; if someone else changed what
the paper says in between (printed the same slip, took the next receipt
number), the paper is made again from the new state. A ``render`` that
raises leaves the store as it was."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from charity_pos.db.engine import StoreDatabase

log = logging.getLogger("charity_pos.printing")

Result = TypeVar("Result")
Paper = TypeVar("Paper")

#: How many times a paper is made again when others keep changing what it says.
ATTEMPTS = 3


class _RolledBack(Exception):
    """Ends a unit of work without committing it."""


def _rehearse(db: StoreDatabase, work: Callable[[Session], Result]) -> Result:
    """What ``work`` returns, with nothing it wrote kept."""
    done: list[Result] = []
    try:
        with db.begin() as s:
            done.append(work(s))
            raise _RolledBack
    except _RolledBack:
        pass
    return done[0]


def render_then_commit(db: StoreDatabase, work: Callable[[Session], Result], paper: Callable[[Result], Paper],
                       render: Callable[[Paper], None] | None) -> Result:
    """Run ``work`` (one unit of work, given its session) and commit it once
    ``render`` has made ``paper(result)``, rendered outside any transaction.
    Without ``render``, simply one unit of work."""
    if render is None:
        with db.begin() as s:
            return work(s)
    for _ in range(ATTEMPTS):
        planned = paper(_rehearse(db, work))
        render(planned)
        committed: list[Result] = []
        try:
            with db.begin() as s:
                result = work(s)
                if paper(result) != planned:
                    raise _RolledBack
                committed.append(result)
        except _RolledBack:
            log.info("what the paper says changed while it was made; making it again")
            continue
        return committed[0]
    # Others kept changing it: make it inside the unit of work, as one paper that surely matches.
    with db.begin() as s:
        result = work(s)
        render(paper(result))
        return result
