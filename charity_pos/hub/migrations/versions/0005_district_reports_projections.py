"""What the district's reports read of the stores' events: goods categories,
donation lines with their values, households' categories, returns, uses of
donated cash, write-offs, units handed out, items' categories; an index of
each store's events by kind (verifying a receipt reads its issue and void).

The rows of events imported before are not made here: every store's
``projections`` starts at 0, so ``projections.ensure_current`` rebuilds its
projections from its stored events (``hub_event``) on first use.

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
    op.create_index('ix_hub_event_store_kind', 'hub_event', ['store_id', 'kind'], unique=False)
    op.create_table('hub_category',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_category_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_category'))
    )
    op.create_table('hub_donation_line',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('donation_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_value_fen', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_donation_line_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_donation_line'))
    )
    with op.batch_alter_table('hub_donation_line', schema=None) as batch_op:
        batch_op.create_index('ix_hub_donation_line_donation', ['store_id', 'donation_id'], unique=False)

    op.create_table('hub_fund_use',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('used_on', sa.Date(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_fund_use_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_fund_use'))
    )
    op.create_table('hub_sale_return',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('sale_id', sa.Uuid(), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_sale_return_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_sale_return'))
    )
    op.create_table('hub_store_household',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_store_household_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_store_household'))
    )
    op.create_table('hub_writeoff',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_writeoff_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_writeoff'))
    )
    with op.batch_alter_table('hub_handout', schema=None) as batch_op:
        batch_op.add_column(sa.Column('units', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('hub_stock', schema=None) as batch_op:
        batch_op.add_column(sa.Column('category_id', sa.Uuid(), nullable=True))

    with op.batch_alter_table('hub_store', schema=None) as batch_op:
        batch_op.add_column(sa.Column('projections', sa.Integer(), server_default='0', nullable=False))


    # the reports read periods of time
    op.create_index('ix_hub_donation_received_at', 'hub_donation', ['received_at'], unique=False)
    op.create_index('ix_hub_sale_completed_at', 'hub_sale', ['completed_at'], unique=False)
    op.create_index('ix_hub_sale_return_at', 'hub_sale_return', ['at'], unique=False)
    op.create_index('ix_hub_writeoff_at', 'hub_writeoff', ['at'], unique=False)
    op.create_index('ix_hub_handout_at', 'hub_handout', ['at'], unique=False)

def downgrade() -> None:
    op.drop_index('ix_hub_handout_at', table_name='hub_handout')
    op.drop_index('ix_hub_writeoff_at', table_name='hub_writeoff')
    op.drop_index('ix_hub_sale_return_at', table_name='hub_sale_return')
    op.drop_index('ix_hub_sale_completed_at', table_name='hub_sale')
    op.drop_index('ix_hub_donation_received_at', table_name='hub_donation')
    op.drop_index('ix_hub_event_store_kind', table_name='hub_event')
    with op.batch_alter_table('hub_store', schema=None) as batch_op:
        batch_op.drop_column('projections')

    with op.batch_alter_table('hub_stock', schema=None) as batch_op:
        batch_op.drop_column('category_id')

    with op.batch_alter_table('hub_handout', schema=None) as batch_op:
        batch_op.drop_column('units')

    op.drop_table('hub_writeoff')
    op.drop_table('hub_store_household')
    op.drop_table('hub_sale_return')
    op.drop_table('hub_fund_use')
    with op.batch_alter_table('hub_donation_line', schema=None) as batch_op:
        batch_op.drop_index('ix_hub_donation_line_donation')

    op.drop_table('hub_donation_line')
    op.drop_table('hub_category')
