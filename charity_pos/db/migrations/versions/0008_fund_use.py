"""fund use: how cash donations were used (善款使用); indexes for reading periods

Revision ID: 0008
Revises: 0007_approval_limits
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0008'
down_revision = '0007_approval_limits'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fund_use',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('used_on', sa.Date(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('voucher', sa.String(length=40), nullable=False),
    sa.Column('recorded_by', sa.Uuid(), nullable=True),
    sa.Column('recorded_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("amount_fen > 0", name=op.f('ck_fund_use_amount_positive')),
    sa.CheckConstraint("kind IN ('relief_goods', 'cash_aid', 'activities', 'other')", name=op.f('ck_fund_use_kind')),
    sa.ForeignKeyConstraint(['recorded_by'], ['app_user.id'], name=op.f('fk_fund_use_recorded_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fund_use')),
    sa.UniqueConstraint('number', name=op.f('uq_fund_use_number'))
    )
    with op.batch_alter_table('fund_use', schema=None) as batch_op:
        batch_op.create_index('ix_fund_use_used_on', ['used_on'], unique=False)
    op.create_index('ix_sale_completed_at', 'sale', ['completed_at'], unique=False)
    op.create_index('ix_sale_return_at', 'sale_return', ['at'], unique=False)
    op.create_index('ix_handout_at', 'handout', ['at'], unique=False)
    op.create_index('ix_stock_movement_item_at', 'stock_movement', ['item_id', 'at', 'quantity'], unique=False)
    # a document's lines and a lot's sales and handouts (trace, the ledgers)
    op.create_index('ix_sale_line_sale_id', 'sale_line', ['sale_id'], unique=False)
    op.create_index('ix_sale_line_lot_sale_line_id', 'sale_line_lot', ['sale_line_id'], unique=False)
    op.create_index('ix_sale_line_lot_lot_id', 'sale_line_lot', ['lot_id'], unique=False)
    op.create_index('ix_payment_sale_id', 'payment', ['sale_id'], unique=False)
    op.create_index('ix_return_line_return_id', 'return_line', ['return_id'], unique=False)
    op.create_index('ix_return_line_sale_line_id', 'return_line', ['sale_line_id'], unique=False)
    op.create_index('ix_refund_return_id', 'refund', ['return_id'], unique=False)
    op.create_index('ix_handout_line_handout_id', 'handout_line', ['handout_id'], unique=False)
    op.create_index('ix_handout_line_lot_handout_line_id', 'handout_line_lot', ['handout_line_id'], unique=False)
    op.create_index('ix_handout_line_lot_lot_id', 'handout_line_lot', ['lot_id'], unique=False)
    op.create_index('ix_donation_line_donation_id', 'donation_line', ['donation_id'], unique=False)
    op.create_index('ix_stock_lot_donation_line_id', 'stock_lot', ['donation_line_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_stock_lot_donation_line_id', table_name='stock_lot')
    op.drop_index('ix_donation_line_donation_id', table_name='donation_line')
    op.drop_index('ix_handout_line_lot_lot_id', table_name='handout_line_lot')
    op.drop_index('ix_handout_line_lot_handout_line_id', table_name='handout_line_lot')
    op.drop_index('ix_handout_line_handout_id', table_name='handout_line')
    op.drop_index('ix_refund_return_id', table_name='refund')
    op.drop_index('ix_return_line_sale_line_id', table_name='return_line')
    op.drop_index('ix_return_line_return_id', table_name='return_line')
    op.drop_index('ix_payment_sale_id', table_name='payment')
    op.drop_index('ix_sale_line_lot_lot_id', table_name='sale_line_lot')
    op.drop_index('ix_sale_line_lot_sale_line_id', table_name='sale_line_lot')
    op.drop_index('ix_sale_line_sale_id', table_name='sale_line')
    op.drop_index('ix_stock_movement_item_at', table_name='stock_movement')
    op.drop_index('ix_handout_at', table_name='handout')
    op.drop_index('ix_sale_return_at', table_name='sale_return')
    op.drop_index('ix_sale_completed_at', table_name='sale')
    with op.batch_alter_table('fund_use', schema=None) as batch_op:
        batch_op.drop_index('ix_fund_use_used_on')
    op.drop_table('fund_use')
