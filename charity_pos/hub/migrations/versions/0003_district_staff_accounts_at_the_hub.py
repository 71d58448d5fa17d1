"""District staff accounts at the hub: hub_user (PIN hash, lock-out).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 03:06:00.052817
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_user',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('display_name', sa.String(length=50), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('pin_hash', sa.String(length=200), nullable=False),
    sa.Column('failed_pins', sa.Integer(), nullable=False),
    sa.Column('locked_until', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("role IN ('district')", name=op.f('ck_hub_user_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_user')),
    sa.UniqueConstraint('username', name=op.f('uq_hub_user_username'))
    )


def downgrade() -> None:
    op.drop_table('hub_user')
