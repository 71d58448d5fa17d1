"""merchant bill: the lines of WeChat Pay's and Alipay's merchant bills, for reconciling phone payments

Revision ID: 0009
Revises: 0008
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
    op.create_table('merchant_bill_line',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('transaction_no', sa.String(length=64), nullable=False),
    sa.Column('refund_no', sa.String(length=64), nullable=False),
    sa.Column('merchant_order_no', sa.String(length=64), nullable=False),
    sa.Column('code_mask', sa.String(length=12), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('imported_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('imported_by', sa.Uuid(), nullable=True),
    sa.CheckConstraint("method IN ('wechat', 'alipay')", name=op.f('ck_merchant_bill_line_method')),
    sa.CheckConstraint("kind IN ('payment', 'refund')", name=op.f('ck_merchant_bill_line_kind')),
    sa.CheckConstraint("amount_fen >= 0", name=op.f('ck_merchant_bill_line_amount_not_negative')),
    sa.ForeignKeyConstraint(['imported_by'], ['app_user.id'], name=op.f('fk_merchant_bill_line_imported_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merchant_bill_line')),
    sa.UniqueConstraint('method', 'transaction_no', 'refund_no', name=op.f('uq_merchant_bill_line_method_transaction_no_refund_no'))
    )
    with op.batch_alter_table('merchant_bill_line', schema=None) as batch_op:
        batch_op.create_index('ix_merchant_bill_line_at', ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('merchant_bill_line', schema=None) as batch_op:
        batch_op.drop_index('ix_merchant_bill_line_at')
    op.drop_table('merchant_bill_line')
