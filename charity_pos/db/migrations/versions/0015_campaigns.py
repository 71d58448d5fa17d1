"""relief campaigns: the district's campaigns, the store's eligible households, the handouts made for them

Revision ID: 0015
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0015'
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('campaign',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('categories', sa.Text(), nullable=False),
    sa.Column('areas', sa.Text(), nullable=False),
    sa.Column('package', sa.Text(), nullable=False),
    sa.Column('value_fen', sa.Integer(), nullable=True),
    sa.Column('counts_allowance', sa.Boolean(), nullable=False),
    sa.Column('received_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_campaign_dates')),
    sa.CheckConstraint('value_fen IS NULL OR value_fen > 0', name=op.f('ck_campaign_value_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign'))
    )
    op.create_table('campaign_household',
    sa.Column('campaign_id', sa.Uuid(), nullable=False),
    sa.Column('district_hash', sa.String(length=64), nullable=False),
    sa.Column('collected_at_store', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_campaign_household_campaign_id_campaign')),
    sa.PrimaryKeyConstraint('campaign_id', 'district_hash', name=op.f('pk_campaign_household'))
    )
    op.create_table('campaign_handout',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('campaign_id', sa.Uuid(), nullable=False),
    sa.Column('handout_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_campaign_handout_campaign_id_campaign')),
    sa.ForeignKeyConstraint(['handout_id'], ['handout.id'], name=op.f('fk_campaign_handout_handout_id_handout')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_campaign_handout_household_id_household')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_handout')),
    sa.UniqueConstraint('campaign_id', 'household_id', name=op.f('uq_campaign_handout_campaign_id_household_id')),
    sa.UniqueConstraint('handout_id', name=op.f('uq_campaign_handout_handout_id'))
    )


def downgrade() -> None:
    op.drop_table('campaign_handout')
    op.drop_table('campaign_household')
    op.drop_table('campaign')
