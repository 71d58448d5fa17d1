"""the counter: cash shifts, sales, payments, returns, counter rules, parked tickets

Revision ID: 0002
Revises: 0001
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
    op.create_table('counter_rule',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counter_rule')),
    sa.UniqueConstraint('key', name=op.f('uq_counter_rule_key'))
    )
    op.create_table('cash_shift',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('till', sa.String(length=16), nullable=False),
    sa.Column('opened_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('opened_by', sa.Uuid(), nullable=False),
    sa.Column('float_fen', sa.Integer(), nullable=False),
    sa.Column('closed_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('closed_by', sa.Uuid(), nullable=True),
    sa.Column('counted', sa.Text(), nullable=True),
    sa.Column('expected_cash_fen', sa.Integer(), nullable=True),
    sa.Column('counted_cash_fen', sa.Integer(), nullable=True),
    sa.Column('difference_reason', sa.String(length=200), nullable=True),
    sa.Column('approved_by', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by'], ['app_user.id'], name=op.f('fk_cash_shift_approved_by_app_user')),
    sa.ForeignKeyConstraint(['closed_by'], ['app_user.id'], name=op.f('fk_cash_shift_closed_by_app_user')),
    sa.ForeignKeyConstraint(['opened_by'], ['app_user.id'], name=op.f('fk_cash_shift_opened_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_shift')),
    sa.UniqueConstraint('number', name=op.f('uq_cash_shift_number'))
    )
    op.create_index('uq_cash_shift_open_till', 'cash_shift', ['till'], unique=True, sqlite_where=sa.text('closed_at IS NULL'), postgresql_where=sa.text('closed_at IS NULL'))
    op.create_table('parked_ticket',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('till', sa.String(length=16), nullable=False),
    sa.Column('parked_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('summary', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_parked_ticket_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parked_ticket'))
    )
    op.create_table('sale',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('shift_id', sa.Uuid(), nullable=False),
    sa.Column('cashier_id', sa.Uuid(), nullable=False),
    sa.Column('completed_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('subtotal_fen', sa.Integer(), nullable=False),
    sa.Column('ticket_discount_fen', sa.Integer(), nullable=False),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.Column('change_fen', sa.Integer(), nullable=False),
    sa.Column('approved_by', sa.Uuid(), nullable=True),
    sa.Column('approval_reason', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('voided_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('voided_by', sa.Uuid(), nullable=True),
    sa.Column('void_reason', sa.String(length=200), nullable=True),
    sa.Column('slip_prints', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('completed', 'voided')", name=op.f('ck_sale_status')),
    sa.ForeignKeyConstraint(['approved_by'], ['app_user.id'], name=op.f('fk_sale_approved_by_app_user')),
    sa.ForeignKeyConstraint(['cashier_id'], ['app_user.id'], name=op.f('fk_sale_cashier_id_app_user')),
    sa.ForeignKeyConstraint(['shift_id'], ['cash_shift.id'], name=op.f('fk_sale_shift_id_cash_shift')),
    sa.ForeignKeyConstraint(['voided_by'], ['app_user.id'], name=op.f('fk_sale_voided_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale')),
    sa.UniqueConstraint('number', name=op.f('uq_sale_number')),
    sa.UniqueConstraint('ticket_id', name=op.f('uq_sale_ticket_id'))
    )
    op.create_table('payment',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('sale_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('tendered_fen', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.CheckConstraint("method IN ('cash', 'wechat', 'alipay', 'unionpay', 'voucher')", name=op.f('ck_payment_method')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_payment_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment'))
    )
    op.create_table('sale_line',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('sale_id', sa.Uuid(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('list_price_fen', sa.Integer(), nullable=False),
    sa.Column('unit_price_fen', sa.Integer(), nullable=False),
    sa.Column('discount_fen', sa.Integer(), nullable=False),
    sa.Column('ticket_discount_fen', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_sale_line_quantity')),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_sale_line_item_id_item')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_sale_line_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_line'))
    )
    op.create_table('sale_return',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('sale_id', sa.Uuid(), nullable=False),
    sa.Column('shift_id', sa.Uuid(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('approved_by', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by'], ['app_user.id'], name=op.f('fk_sale_return_approved_by_app_user')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_sale_return_sale_id_sale')),
    sa.ForeignKeyConstraint(['shift_id'], ['cash_shift.id'], name=op.f('fk_sale_return_shift_id_cash_shift')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_sale_return_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_return')),
    sa.UniqueConstraint('number', name=op.f('uq_sale_return_number'))
    )
    op.create_table('refund',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('return_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['return_id'], ['sale_return.id'], name=op.f('fk_refund_return_id_sale_return')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund'))
    )
    op.create_table('return_line',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('return_id', sa.Uuid(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('sale_line_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_return_line_quantity')),
    sa.ForeignKeyConstraint(['return_id'], ['sale_return.id'], name=op.f('fk_return_line_return_id_sale_return')),
    sa.ForeignKeyConstraint(['sale_line_id'], ['sale_line.id'], name=op.f('fk_return_line_sale_line_id_sale_line')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_line'))
    )
    op.create_table('sale_line_lot',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('sale_line_id', sa.Uuid(), nullable=False),
    sa.Column('lot_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lot_id'], ['stock_lot.id'], name=op.f('fk_sale_line_lot_lot_id_stock_lot')),
    sa.ForeignKeyConstraint(['sale_line_id'], ['sale_line.id'], name=op.f('fk_sale_line_lot_sale_line_id_sale_line')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_line_lot'))
    )


def downgrade() -> None:
    op.drop_table('sale_line_lot')
    op.drop_table('return_line')
    op.drop_table('refund')
    op.drop_table('sale_return')
    op.drop_table('sale_line')
    op.drop_table('payment')
    op.drop_table('sale')
    op.drop_table('parked_ticket')
    op.drop_index('uq_cash_shift_open_till', table_name='cash_shift', sqlite_where=sa.text('closed_at IS NULL'), postgresql_where=sa.text('closed_at IS NULL'))
    op.drop_table('cash_shift')
    op.drop_table('counter_rule')
