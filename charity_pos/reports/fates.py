"""Moved to ``charity_pos.ledger.fates`` (issue 14: the verify runs it, and the ledger sits below the reports).
Kept only for ``services/shifts.py``, which another change of issue 14 rewrites: remove then."""

from charity_pos.ledger.fates import _driver  # noqa: F401
