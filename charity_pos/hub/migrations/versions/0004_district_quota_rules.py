"""The district's own quota rules at the hub: hub_quota_rule.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_quota_rule',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('household_category', sa.String(length=20), nullable=False),
    sa.Column('rule', sa.Text(), nullable=False),
    sa.Column('updated_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_quota_rule')),
    sa.UniqueConstraint('household_category', name=op.f('uq_hub_quota_rule_household_category'))
    )


def downgrade() -> None:
    op.drop_table('hub_quota_rule')
