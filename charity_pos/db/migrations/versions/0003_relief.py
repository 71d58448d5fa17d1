"""relief: quota rules, handouts; households can be suspended and erased

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('quota_rule',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('household_category', sa.String(length=20), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('base_fen', sa.Integer(), nullable=False),
    sa.Column('per_member_fen', sa.Integer(), nullable=False),
    sa.Column('topup_fen', sa.Integer(), nullable=False),
    sa.Column('topup_months', sa.String(length=40), nullable=False),
    sa.Column('mode', sa.String(length=8), nullable=False),
    sa.Column('updated_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("mode IN ('warn', 'enforce')", name=op.f('ck_quota_rule_mode')),
    sa.CheckConstraint("period IN ('month', 'quarter')", name=op.f('ck_quota_rule_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quota_rule')),
    sa.UniqueConstraint('household_category', name=op.f('uq_quota_rule_household_category'))
    )
    op.create_table('handout',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('ticket_id', sa.Uuid(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('period_key', sa.String(length=10), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('cashier_id', sa.Uuid(), nullable=False),
    sa.Column('total_value_fen', sa.Integer(), nullable=False),
    sa.Column('allowance_fen', sa.Integer(), nullable=False),
    sa.Column('used_before_fen', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=8), nullable=False),
    sa.Column('over_allowance', sa.Boolean(), nullable=False),
    sa.Column('approved_by', sa.Uuid(), nullable=True),
    sa.Column('override_reason', sa.String(length=200), nullable=True),
    sa.Column('slip_prints', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by'], ['app_user.id'], name=op.f('fk_handout_approved_by_app_user')),
    sa.ForeignKeyConstraint(['cashier_id'], ['app_user.id'], name=op.f('fk_handout_cashier_id_app_user')),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_handout_household_id_household')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handout')),
    sa.UniqueConstraint('number', name=op.f('uq_handout_number')),
    sa.UniqueConstraint('ticket_id', name=op.f('uq_handout_ticket_id'))
    )
    op.create_index('ix_handout_household_period', 'handout', ['household_id', 'period_key'], unique=False)
    op.create_table('quota_item_limit',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('rule_id', sa.Uuid(), nullable=False),
    sa.Column('goods_category', sa.String(length=32), nullable=False),
    sa.Column('base_count', sa.Integer(), nullable=False),
    sa.Column('per_member_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['rule_id'], ['quota_rule.id'], name=op.f('fk_quota_item_limit_rule_id_quota_rule')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quota_item_limit')),
    sa.UniqueConstraint('rule_id', 'goods_category', name=op.f('uq_quota_item_limit_rule_id_goods_category'))
    )
    op.create_table('handout_line',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('handout_id', sa.Uuid(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('goods_category', sa.String(length=32), nullable=False),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_value_fen', sa.Integer(), nullable=False),
    sa.Column('value_fen', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_handout_line_quantity')),
    sa.ForeignKeyConstraint(['handout_id'], ['handout.id'], name=op.f('fk_handout_line_handout_id_handout')),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_handout_line_item_id_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handout_line'))
    )
    op.create_table('handout_line_lot',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('handout_line_id', sa.Uuid(), nullable=False),
    sa.Column('lot_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['handout_line_id'], ['handout_line.id'], name=op.f('fk_handout_line_lot_handout_line_id_handout_line')),
    sa.ForeignKeyConstraint(['lot_id'], ['stock_lot.id'], name=op.f('fk_handout_line_lot_lot_id_stock_lot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handout_line_lot'))
    )
    op.add_column('household', sa.Column('status_reason', sa.String(length=200), nullable=True))
    op.add_column('household', sa.Column('erased_at', charity_pos.db.base.UtcDateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column('household', 'erased_at')
    op.drop_column('household', 'status_reason')
    op.drop_table('handout_line_lot')
    op.drop_table('handout_line')
    op.drop_table('quota_item_limit')
    op.drop_index('ix_handout_household_period', table_name='handout')
    op.drop_table('handout')
    op.drop_table('quota_rule')
