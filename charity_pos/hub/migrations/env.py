"""Alembic environment of the district hub: runs on the connection
``charity_pos.hub.engine`` hands it, with the hub's own version table."""

from __future__ import annotations

from alembic import context

from charity_pos.hub.engine import VERSION_TABLE
from charity_pos.hub.models import HubBase

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("the hub's migrations run through charity_pos.hub.engine")

context.configure(
    connection=connection,
    target_metadata=HubBase.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
