"""write-offs: the W documents (报损单) and their lines, each naming a lot

Revision ID: 0011
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0011'
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('writeoff',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.String(length=12), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('recipient', sa.String(length=100), nullable=False),
    sa.Column('value_fen', sa.Integer(), nullable=False),
    sa.Column('recorded_by', sa.Uuid(), nullable=False),
    sa.Column('approved_by', sa.Uuid(), nullable=True),
    sa.Column('approval_reason', sa.String(length=200), nullable=True),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("reason IN ('damaged', 'expired', 'spoiled', 'unfit', 'donated_on', 'other')",
                       name=op.f('ck_writeoff_reason')),
    sa.CheckConstraint("value_fen >= 0", name=op.f('ck_writeoff_value_not_negative')),
    sa.ForeignKeyConstraint(['approved_by'], ['app_user.id'], name=op.f('fk_writeoff_approved_by_app_user')),
    sa.ForeignKeyConstraint(['recorded_by'], ['app_user.id'], name=op.f('fk_writeoff_recorded_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_writeoff')),
    sa.UniqueConstraint('number', name=op.f('uq_writeoff_number'))
    )
    with op.batch_alter_table('writeoff', schema=None) as batch_op:
        batch_op.create_index('ix_writeoff_at', ['at'], unique=False)
    op.create_table('writeoff_line',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('writeoff_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('lot_id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price_fen', sa.Integer(), nullable=False),
    sa.Column('unit_value_fen', sa.Integer(), nullable=True),
    sa.CheckConstraint("quantity > 0", name=op.f('ck_writeoff_line_quantity_positive')),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_writeoff_line_item_id_item')),
    sa.ForeignKeyConstraint(['lot_id'], ['stock_lot.id'], name=op.f('fk_writeoff_line_lot_id_stock_lot')),
    sa.ForeignKeyConstraint(['writeoff_id'], ['writeoff.id'], name=op.f('fk_writeoff_line_writeoff_id_writeoff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_writeoff_line'))
    )
    with op.batch_alter_table('writeoff_line', schema=None) as batch_op:
        batch_op.create_index('ix_writeoff_line_writeoff_id', ['writeoff_id'], unique=False)
        batch_op.create_index('ix_writeoff_line_lot_id', ['lot_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('writeoff_line', schema=None) as batch_op:
        batch_op.drop_index('ix_writeoff_line_lot_id')
        batch_op.drop_index('ix_writeoff_line_writeoff_id')
    op.drop_table('writeoff_line')
    with op.batch_alter_table('writeoff', schema=None) as batch_op:
        batch_op.drop_index('ix_writeoff_at')
    op.drop_table('writeoff')
