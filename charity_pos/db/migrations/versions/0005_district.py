"""district: households' district hash, use at other stores, what the hub holds

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('other_store_use',
    sa.Column('district_hash', sa.String(length=64), nullable=False),
    sa.Column('period_key', sa.String(length=10), nullable=False),
    sa.Column('used_fen', sa.Integer(), nullable=False),
    sa.CheckConstraint('used_fen >= 0', name=op.f('ck_other_store_use_used_not_negative')),
    sa.PrimaryKeyConstraint('district_hash', 'period_key', name=op.f('pk_other_store_use'))
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district_hash', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_household_district_hash', ['district_hash'], unique=False)

    with op.batch_alter_table('sync_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('district_events_seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('district_events_at', charity_pos.db.base.UtcDateTime(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('sync_state', schema=None) as batch_op:
        batch_op.drop_column('district_events_at')
        batch_op.drop_column('district_events_seq')

    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index('ix_household_district_hash')
        batch_op.drop_column('district_hash')

    op.drop_table('other_store_use')
