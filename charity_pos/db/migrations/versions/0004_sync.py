"""sync: what the store sent to the district hub, and which hub it trusts (one row, not journaled)

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
    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_exported_seq', sa.Integer(), nullable=False),
    sa.Column('last_export_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('hub_id', sa.Uuid(), nullable=True),
    sa.Column('hub_name', sa.String(length=100), nullable=True),
    sa.Column('hub_district', sa.String(length=50), nullable=True),
    sa.Column('hub_public_key', sa.Text(), nullable=True),
    sa.Column('hub_trusted_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('district_match_key', sa.Text(), nullable=True),
    sa.Column('last_downstream_created_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('last_downstream_seq', sa.Integer(), nullable=True),
    sa.CheckConstraint('id = 1', name=op.f('ck_sync_state_single_row')),
    sa.CheckConstraint('last_exported_seq >= 0', name=op.f('ck_sync_state_last_exported_seq_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_state'))
    )


def downgrade() -> None:
    op.drop_table('sync_state')
