"""stock counts as a session (盘点): counts, their counted lines and entries; items' shelf location (货位)

Revision ID: 0012
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0012'
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('location', sa.String(length=20), nullable=True))
    op.create_table('stock_count',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('category_id', sa.Uuid(), nullable=True),
    sa.Column('location', sa.String(length=20), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('opened_by', sa.Uuid(), nullable=True),
    sa.Column('opened_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('closed_by', sa.Uuid(), nullable=True),
    sa.Column('closed_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.CheckConstraint("scope IN ('all', 'category', 'location')", name=op.f('ck_stock_count_scope')),
    sa.CheckConstraint("status IN ('open', 'finished', 'cancelled')", name=op.f('ck_stock_count_status')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_stock_count_category_id_category')),
    sa.ForeignKeyConstraint(['opened_by'], ['app_user.id'], name=op.f('fk_stock_count_opened_by_app_user')),
    sa.ForeignKeyConstraint(['closed_by'], ['app_user.id'], name=op.f('fk_stock_count_closed_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_count')),
    sa.UniqueConstraint('number', name=op.f('uq_stock_count_number'))
    )
    with op.batch_alter_table('stock_count', schema=None) as batch_op:
        batch_op.create_index('ix_stock_count_status', ['status'], unique=False)
    op.create_table('stock_count_line',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('count_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('reason_by', sa.Uuid(), nullable=True),
    sa.Column('counted', sa.Integer(), nullable=True),
    sa.Column('expected', sa.Integer(), nullable=True),
    sa.CheckConstraint("round >= 1", name=op.f('ck_stock_count_line_round_positive')),
    sa.ForeignKeyConstraint(['count_id'], ['stock_count.id'], name=op.f('fk_stock_count_line_count_id_stock_count')),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_stock_count_line_item_id_item')),
    sa.ForeignKeyConstraint(['reason_by'], ['app_user.id'], name=op.f('fk_stock_count_line_reason_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_count_line')),
    sa.UniqueConstraint('count_id', 'item_id', name=op.f('uq_stock_count_line_count_id_item_id'))
    )
    op.create_table('stock_count_entry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('line_id', sa.Uuid(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('book', sa.Integer(), nullable=False),
    sa.Column('till', sa.String(length=20), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("quantity >= 0", name=op.f('ck_stock_count_entry_quantity_not_negative')),
    sa.ForeignKeyConstraint(['line_id'], ['stock_count_line.id'], name=op.f('fk_stock_count_entry_line_id_stock_count_line')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_stock_count_entry_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_count_entry'))
    )
    with op.batch_alter_table('stock_count_entry', schema=None) as batch_op:
        batch_op.create_index('ix_stock_count_entry_line_id', ['line_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('stock_count_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_count_entry_line_id')
    op.drop_table('stock_count_entry')
    op.drop_table('stock_count_line')
    with op.batch_alter_table('stock_count', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_count_status')
    op.drop_table('stock_count')
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_column('location')
