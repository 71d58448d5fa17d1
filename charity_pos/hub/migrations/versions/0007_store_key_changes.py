"""A store's key replaced at the hub by district staff: hub_key_change.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-03 16:55:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_key_change',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('old_key', sa.String(length=64), nullable=False),
    sa.Column('new_key', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_key_change_store_id_hub_store')),
    sa.ForeignKeyConstraint(['user_id'], ['hub_user.id'], name=op.f('fk_hub_key_change_user_id_hub_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_key_change'))
    )
    op.create_index('ix_hub_key_change_store_id', 'hub_key_change', ['store_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_hub_key_change_store_id', table_name='hub_key_change')
    op.drop_table('hub_key_change')
