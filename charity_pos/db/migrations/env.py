"""Alembic environment: runs on the connection charity-pos hands it."""

from __future__ import annotations

from alembic import context

from charity_pos.db import models  # noqa: F401  (registers the tables)
from charity_pos.db.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("charity-pos migrations run through charity_pos.db.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
