"""Wrong manager PINs typed for approvals, counted per till: after too many
in a row, approvals at that till are refused for a while.

Counted per till rather than on the manager's account, so that a cashier
guessing at the counter cannot lock a manager out of their own log-in. Not
journaled: like the wrong-PIN count on an account, it is security
bookkeeping, not business; each wrong PIN and each lock is in the audit log.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from charity_pos.db.base import Base, UtcDateTime


class ApprovalLimit(Base):
    __tablename__ = "approval_limit"
    __table_args__ = (CheckConstraint("failed_pins >= 0", name="failed_pins_not_negative"),)

    #: the till, as in settings (one row per till where an approval was tried)
    till: Mapped[str] = mapped_column(String(16), primary_key=True)
    #: wrong approval PINs in a row at this till
    failed_pins: Mapped[int] = mapped_column(Integer, default=0)
    #: the last of them: a count older than the window starts again
    last_failed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    #: approvals at this till are refused until then
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
