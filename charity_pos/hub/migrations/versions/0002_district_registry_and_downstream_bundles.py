"""The district's household registry, stores' household links and areas,
and the sequence of downstream bundles per store.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 02:54:25.810519
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hub_household',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('card_number', sa.String(length=32), nullable=False),
    sa.Column('head_name', sa.String(length=50), nullable=False),
    sa.Column('id_masked', sa.String(length=18), nullable=False),
    sa.Column('district_hash', sa.String(length=64), nullable=False),
    sa.Column('members', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('subdistrict', sa.String(length=50), nullable=False),
    sa.Column('certificate_ref', sa.String(length=100), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('consent_on', sa.Date(), nullable=False),
    sa.Column('imported_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_household')),
    sa.UniqueConstraint('card_number', name=op.f('uq_hub_household_card_number')),
    sa.UniqueConstraint('district_hash', name=op.f('uq_hub_household_district_hash'))
    )
    op.create_table('hub_downstream',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('written_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_downstream_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', name=op.f('pk_hub_downstream'))
    )
    op.create_table('hub_household_link',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('district_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_household_link_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'household_id', name=op.f('pk_hub_household_link'))
    )
    with op.batch_alter_table('hub_household_link', schema=None) as batch_op:
        batch_op.create_index('ix_hub_household_link_district_hash', ['district_hash'], unique=False)

    with op.batch_alter_table('hub_store', schema=None) as batch_op:
        batch_op.add_column(sa.Column('areas', sa.Text(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('hub_store', schema=None) as batch_op:
        batch_op.drop_column('areas')

    with op.batch_alter_table('hub_household_link', schema=None) as batch_op:
        batch_op.drop_index('ix_hub_household_link_district_hash')

    op.drop_table('hub_household_link')
    op.drop_table('hub_downstream')
    op.drop_table('hub_household')
