"""approval limits: wrong approval PINs counted per till

Revision ID: 0007_approval_limits
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0007_approval_limits'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('approval_limit',
    sa.Column('till', sa.String(length=16), nullable=False),
    sa.Column('failed_pins', sa.Integer(), nullable=False),
    sa.Column('last_failed_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('locked_until', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.CheckConstraint('failed_pins >= 0', name=op.f('ck_approval_limit_failed_pins_not_negative')),
    sa.PrimaryKeyConstraint('till', name=op.f('pk_approval_limit'))
    )


def downgrade() -> None:
    op.drop_table('approval_limit')
