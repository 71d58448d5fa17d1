"""Transfers between the district's stores: hub_transfer and its lines; a store's kind (store or warehouse) and
the downstream parts it reads.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 00:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('hub_store', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), server_default='store', nullable=False))
        batch_op.add_column(sa.Column('reads', sa.Text(), nullable=True))
    op.create_table('hub_transfer',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('from_store_id', sa.Uuid(), nullable=False),
    sa.Column('to_code', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('sent_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('sent_seq', sa.Integer(), nullable=False),
    sa.Column('received_seq', sa.Integer(), nullable=True),
    sa.Column('received_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('units_sent', sa.Integer(), nullable=False),
    sa.Column('units_received', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('sent', 'received')", name=op.f('ck_hub_transfer_status')),
    sa.ForeignKeyConstraint(['from_store_id'], ['hub_store.id'], name=op.f('fk_hub_transfer_from_store_id_hub_store')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_transfer')),
    sa.UniqueConstraint('number', name=op.f('uq_hub_transfer_number'))
    )
    op.create_index('ix_hub_transfer_to_code_status', 'hub_transfer', ['to_code', 'status'], unique=False)
    op.create_table('hub_transfer_line',
    sa.Column('transfer_id', sa.Uuid(), nullable=False),
    sa.Column('line_no', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('item_barcode', sa.String(length=14), nullable=True),
    sa.Column('item_name', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('category_code', sa.String(length=32), nullable=False),
    sa.Column('sale_price_fen', sa.Integer(), nullable=False),
    sa.Column('item_source', sa.String(length=12), nullable=False),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.Column('from_lot', sa.String(length=40), nullable=False),
    sa.Column('origin', sa.String(length=10), nullable=False),
    sa.Column('origin_store', sa.String(length=8), nullable=False),
    sa.Column('origin_lot', sa.String(length=40), nullable=False),
    sa.Column('origin_document', sa.String(length=32), nullable=False),
    sa.Column('unit_value_fen', sa.Integer(), nullable=True),
    sa.Column('quantity_sent', sa.Integer(), nullable=False),
    sa.Column('quantity_received', sa.Integer(), nullable=True),
    sa.Column('difference_reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['transfer_id'], ['hub_transfer.id'],
                            name=op.f('fk_hub_transfer_line_transfer_id_hub_transfer')),
    sa.PrimaryKeyConstraint('transfer_id', 'line_no', name=op.f('pk_hub_transfer_line'))
    )
    op.create_index('ix_hub_transfer_line_origin_lot', 'hub_transfer_line', ['origin_lot'], unique=False)
    op.create_index('ix_hub_transfer_line_origin_document', 'hub_transfer_line', ['origin_document'], unique=False)
    # transfers of stores' bundles this hub imported before it knew them
    from sqlalchemy.orm import Session

    from charity_pos.hub.transfers import backfill

    backfill(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_index('ix_hub_transfer_line_origin_document', table_name='hub_transfer_line')
    op.drop_index('ix_hub_transfer_line_origin_lot', table_name='hub_transfer_line')
    op.drop_table('hub_transfer_line')
    op.drop_index('ix_hub_transfer_to_code_status', table_name='hub_transfer')
    op.drop_table('hub_transfer')
    with op.batch_alter_table('hub_store', schema=None) as batch_op:
        batch_op.drop_column('reads')
        batch_op.drop_column('kind')
