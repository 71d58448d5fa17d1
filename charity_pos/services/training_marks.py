"""The marks that make a store file a training copy (``services.training``),
read through the driver alone: ``verify`` and the sync refusals look for
every one of them, and ``verify`` loads no SQLAlchemy."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

#: the SQLite header's application_id of a training copy ("CPTR")
TRAINING_APP_ID = 0x43505452
#: the journal event that makes a file a training copy
COPY_MADE = "training.copy_made"
#: the key file's mark of a training copy's keys
KEY_MARK = "training"


def marks(raw: sqlite3.Connection) -> list[str]:
    """Every mark of a training copy the file carries: ``header``,
    ``journal``, ``key_file``."""
    from charity_pos.security.keys import key_path

    found = []
    if int(raw.execute("PRAGMA application_id").fetchone()[0] or 0) == TRAINING_APP_ID:
        found.append("header")
    if raw.execute("SELECT seq FROM journal_event WHERE kind = ? LIMIT 1", (COPY_MADE,)).fetchone() is not None:
        found.append("journal")
    row = raw.execute("SELECT id FROM store").fetchone()
    if row is not None and row[0] is not None and key_file_marked(key_path(uuid.UUID(str(row[0])))):
        found.append("key_file")
    return found


def key_file_marked(path: Path) -> bool:
    from charity_pos.files import read_json_object

    try:
        return bool(read_json_object(path).get(KEY_MARK))
    except (OSError, ValueError):
        return False
