"""The security log (``audit_entry``): log-ins, locks, approvals, who asked
and who approved. Written in the unit of work of what it records."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy.orm import Session

from charity_pos.db.base import new_id
from charity_pos.db.models import AuditEntry
from charity_pos.ledger import seal


def audit(
    session: Session,
    at: datetime,
    action: str,
    outcome: str,
    user_id: uuid.UUID | None,
    approved_by: uuid.UUID | None = None,
    **detail: object,
) -> None:
    entry = AuditEntry(
        id=new_id(),
        at=at,
        action=action,
        outcome=outcome,
        user_id=user_id,
        approved_by=approved_by,
        detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
    )
    seal.chain_audit(session, entry)  # the audit log is hash-chained; the seal holds its head
    session.add(entry)
