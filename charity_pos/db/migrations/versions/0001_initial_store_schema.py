"""initial store schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-28 17:45:11.924655
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('display_name', sa.String(length=50), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('pin_hash', sa.String(length=200), nullable=False),
    sa.Column('failed_pins', sa.Integer(), nullable=False),
    sa.Column('locked_until', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("role IN ('cashier', 'manager')", name=op.f('ck_app_user_role')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('username', name=op.f('uq_app_user_username'))
    )
    op.create_table('category',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category')),
    sa.UniqueConstraint('code', name=op.f('uq_category_code')),
    sa.UniqueConstraint('name', name=op.f('uq_category_name'))
    )
    op.create_table('document_sequence',
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_serial', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'year', name=op.f('pk_document_sequence'))
    )
    op.create_table('journal_event',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('actor', sa.String(length=36), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_journal_event')),
    sa.UniqueConstraint('hash', name=op.f('uq_journal_event_hash')),
    sa.UniqueConstraint('uuid', name=op.f('uq_journal_event_uuid'))
    )
    op.create_table('store',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('short_name', sa.String(length=20), nullable=False),
    sa.Column('district', sa.String(length=50), nullable=False),
    sa.Column('created_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_store')),
    sa.UniqueConstraint('code', name=op.f('uq_store_code'))
    )
    op.create_table('audit_entry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('approved_by', sa.Uuid(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by'], ['app_user.id'], name=op.f('fk_audit_entry_approved_by_app_user')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_audit_entry_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entry_at', ['at'], unique=False)

    op.create_table('item',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('pinyin_initials', sa.String(length=100), nullable=False),
    sa.Column('pinyin_full', sa.String(length=400), nullable=False),
    sa.Column('category_id', sa.Uuid(), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('barcode', sa.String(length=14), nullable=True),
    sa.Column('sale_price_fen', sa.Integer(), nullable=False),
    sa.Column('reference_price_fen', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('updated_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("source IN ('donated', 'purchased', 'consigned')", name=op.f('ck_item_source')),
    sa.CheckConstraint('reference_price_fen IS NULL OR reference_price_fen >= 0', name=op.f('ck_item_reference_not_negative')),
    sa.CheckConstraint('sale_price_fen >= 0', name=op.f('ck_item_sale_price_not_negative')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_item_category_id_category')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item')),
    sa.UniqueConstraint('barcode', name=op.f('uq_item_barcode'))
    )
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.create_index('ix_item_name', ['name'], unique=False)
        batch_op.create_index('ix_item_pinyin_initials', ['pinyin_initials'], unique=False)

    op.create_table('stock_movement',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('document', sa.String(length=32), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint('quantity <> 0', name=op.f('ck_stock_movement_quantity_not_zero')),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_stock_movement_item_id_item')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_stock_movement_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movement'))
    )
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.create_index('ix_stock_movement_item_id', ['item_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_movement_item_id')

    op.drop_table('stock_movement')
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_index('ix_item_pinyin_initials')
        batch_op.drop_index('ix_item_name')

    op.drop_table('item')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_at')

    op.drop_table('audit_entry')
    op.drop_table('store')
    op.drop_table('journal_event')
    op.drop_table('document_sequence')
    op.drop_table('category')
    op.drop_table('app_user')
