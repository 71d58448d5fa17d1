"""transfers between the district's stores (调拨): transfer, transfer_line, district_store

Revision ID: 0014
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0014'
down_revision = "0013"
branch_labels = None
depends_on = None

_ORIGINS = "'donation', 'purchase', 'count', 'unrecorded'"


def upgrade() -> None:
    op.create_table('transfer',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('other_store', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('sent_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('sent_by', sa.Uuid(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('arrived_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('arrived_with', sa.Integer(), nullable=True),
    sa.Column('received_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('received_by', sa.Uuid(), nullable=True),
    sa.CheckConstraint("direction IN ('out', 'in')", name=op.f('ck_transfer_direction')),
    sa.CheckConstraint("status IN ('sent', 'waiting', 'received')", name=op.f('ck_transfer_status')),
    sa.ForeignKeyConstraint(['received_by'], ['app_user.id'], name=op.f('fk_transfer_received_by_app_user')),
    sa.ForeignKeyConstraint(['sent_by'], ['app_user.id'], name=op.f('fk_transfer_sent_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer')),
    sa.UniqueConstraint('number', name=op.f('uq_transfer_number'))
    )
    op.create_index('ix_transfer_status', 'transfer', ['status'], unique=False)
    op.create_table('transfer_line',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('transfer_id', sa.Uuid(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=True),
    sa.Column('lot_id', sa.Uuid(), nullable=True),
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
    sa.CheckConstraint("quantity_sent > 0", name=op.f('ck_transfer_line_sent_positive')),
    sa.CheckConstraint("quantity_received IS NULL OR quantity_received BETWEEN 0 AND quantity_sent",
                       name=op.f('ck_transfer_line_received_within_sent')),
    sa.CheckConstraint(f"origin IN ({_ORIGINS})", name=op.f('ck_transfer_line_origin')),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_transfer_line_item_id_item')),
    sa.ForeignKeyConstraint(['lot_id'], ['stock_lot.id'], name=op.f('fk_transfer_line_lot_id_stock_lot')),
    sa.ForeignKeyConstraint(['transfer_id'], ['transfer.id'], name=op.f('fk_transfer_line_transfer_id_transfer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfer_line')),
    sa.UniqueConstraint('transfer_id', 'line_no', name=op.f('uq_transfer_line_transfer_id_line_no'))
    )
    op.create_index('ix_transfer_line_lot_id', 'transfer_line', ['lot_id'], unique=False)
    op.create_table('district_store',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.CheckConstraint("kind IN ('store', 'warehouse')", name=op.f('ck_district_store_kind')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_district_store'))
    )


def downgrade() -> None:
    op.drop_table('district_store')
    op.drop_index('ix_transfer_line_lot_id', table_name='transfer_line')
    op.drop_table('transfer_line')
    op.drop_index('ix_transfer_status', table_name='transfer')
    op.drop_table('transfer')
