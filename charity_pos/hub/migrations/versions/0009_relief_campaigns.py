"""Relief campaigns: hub_campaign (defined by district staff) and hub_campaign_handout (stores' handouts for them).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-05 00:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_campaign',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('categories', sa.Text(), nullable=False),
    sa.Column('areas', sa.Text(), nullable=False),
    sa.Column('package', sa.Text(), nullable=False),
    sa.Column('value_fen', sa.Integer(), nullable=True),
    sa.Column('counts_allowance', sa.Boolean(), nullable=False),
    sa.Column('created_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_hub_campaign_dates')),
    sa.ForeignKeyConstraint(['created_by'], ['hub_user.id'], name=op.f('fk_hub_campaign_created_by_hub_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_campaign')),
    sa.UniqueConstraint('name', name=op.f('uq_hub_campaign_name'))
    )
    op.create_table('hub_campaign_handout',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('campaign_id', sa.Uuid(), nullable=False),
    sa.Column('handout_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_campaign_handout_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_campaign_handout'))
    )
    op.create_index('ix_hub_campaign_handout_campaign', 'hub_campaign_handout', ['campaign_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_hub_campaign_handout_campaign', table_name='hub_campaign_handout')
    op.drop_table('hub_campaign_handout')
    op.drop_table('hub_campaign')
