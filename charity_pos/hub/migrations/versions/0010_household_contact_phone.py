"""A contact phone for the district registry's households (hub_household.phone), for staff to call.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 02:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('hub_household') as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('hub_household') as batch_op:
        batch_op.drop_column('phone')
