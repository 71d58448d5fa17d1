"""store schema

Revision ID: 0001
Revises: (none: the first revision)
Create Date: 2026-11-28 18:05:08.630124
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
    op.create_table('donor',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=True),
    sa.Column('wishes', sa.String(length=200), nullable=False),
    sa.Column('consent_public', sa.Boolean(), nullable=False),
    sa.Column('declines_receipt', sa.Boolean(), nullable=False),
    sa.Column('created_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('person', 'company', 'anonymous')", name=op.f('ck_donor_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_donor')),
    sa.UniqueConstraint('credit_code', name=op.f('uq_donor_credit_code'))
    )
    op.create_table('household',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('card_number', sa.String(length=20), nullable=False),
    sa.Column('head_name', sa.String(length=50), nullable=False),
    sa.Column('id_cipher', sa.String(length=120), nullable=False),
    sa.Column('id_hash', sa.String(length=64), nullable=False),
    sa.Column('id_masked', sa.String(length=18), nullable=False),
    sa.Column('members', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('subdistrict', sa.String(length=50), nullable=False),
    sa.Column('certificate_ref', sa.String(length=50), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('consent_on', sa.Date(), nullable=False),
    sa.Column('created_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("status IN ('active', 'suspended', 'expired')", name=op.f('ck_household_status')),
    sa.CheckConstraint('members >= 1', name=op.f('ck_household_members_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household')),
    sa.UniqueConstraint('card_number', name=op.f('uq_household_card_number'))
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index('ix_household_id_hash', ['id_hash'], unique=False)

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

    op.create_table('donation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('donor_id', sa.Uuid(), nullable=True),
    sa.Column('received_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('received_by', sa.Uuid(), nullable=False),
    sa.Column('cash_fen', sa.Integer(), nullable=False),
    sa.Column('cash_method', sa.String(length=12), nullable=True),
    sa.Column('total_value_fen', sa.Integer(), nullable=False),
    sa.Column('wants_receipt', sa.Boolean(), nullable=False),
    sa.Column('wishes', sa.String(length=200), nullable=False),
    sa.CheckConstraint('cash_fen >= 0', name=op.f('ck_donation_cash_not_negative')),
    sa.CheckConstraint('total_value_fen >= 0', name=op.f('ck_donation_total_not_negative')),
    sa.ForeignKeyConstraint(['donor_id'], ['donor.id'], name=op.f('fk_donation_donor_id_donor')),
    sa.ForeignKeyConstraint(['received_by'], ['app_user.id'], name=op.f('fk_donation_received_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_donation')),
    sa.UniqueConstraint('number', name=op.f('uq_donation_number'))
    )
    with op.batch_alter_table('donation', schema=None) as batch_op:
        batch_op.create_index('ix_donation_received_at', ['received_at'], unique=False)

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

    op.create_table('donation_line',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('donation_id', sa.Uuid(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('condition', sa.String(length=10), nullable=False),
    sa.Column('valuation', sa.String(length=10), nullable=False),
    sa.Column('unit_value_fen', sa.Integer(), nullable=True),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.CheckConstraint("(valuation = 'unvalued') = (unit_value_fen IS NULL)", name=op.f('ck_donation_line_value_iff_valued')),
    sa.CheckConstraint("condition IN ('new', 'as_new', 'good_used')", name=op.f('ck_donation_line_condition')),
    sa.CheckConstraint("valuation IN ('invoice', 'market', 'unvalued')", name=op.f('ck_donation_line_valuation')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_donation_line_quantity_positive')),
    sa.ForeignKeyConstraint(['donation_id'], ['donation.id'], name=op.f('fk_donation_line_donation_id_donation')),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_donation_line_item_id_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_donation_line')),
    sa.UniqueConstraint('donation_id', 'line_no', name='line_no')
    )
    op.create_table('receipt',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('donation_id', sa.Uuid(), nullable=False),
    sa.Column('issued_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('issued_by', sa.Uuid(), nullable=True),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.Column('verification_code', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('prints', sa.Integer(), nullable=False),
    sa.Column('void_reason', sa.String(length=200), nullable=True),
    sa.Column('voided_by', sa.Uuid(), nullable=True),
    sa.Column('voided_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('official_code', sa.String(length=20), nullable=True),
    sa.Column('official_number', sa.String(length=20), nullable=True),
    sa.CheckConstraint("status IN ('issued', 'void')", name=op.f('ck_receipt_status')),
    sa.ForeignKeyConstraint(['donation_id'], ['donation.id'], name=op.f('fk_receipt_donation_id_donation')),
    sa.ForeignKeyConstraint(['issued_by'], ['app_user.id'], name=op.f('fk_receipt_issued_by_app_user')),
    sa.ForeignKeyConstraint(['voided_by'], ['app_user.id'], name=op.f('fk_receipt_voided_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt')),
    sa.UniqueConstraint('number', name=op.f('uq_receipt_number')),
    sa.UniqueConstraint('verification_code', name=op.f('uq_receipt_verification_code'))
    )
    op.create_table('stock_lot',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('origin', sa.String(length=10), nullable=False),
    sa.Column('document', sa.String(length=32), nullable=False),
    sa.Column('donation_line_id', sa.Uuid(), nullable=True),
    sa.Column('barcode', sa.String(length=14), nullable=True),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.Column('quantity_received', sa.Integer(), nullable=False),
    sa.Column('received_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("origin IN ('donation', 'purchase', 'count', 'unrecorded')", name=op.f('ck_stock_lot_origin')),
    sa.ForeignKeyConstraint(['donation_line_id'], ['donation_line.id'], name=op.f('fk_stock_lot_donation_line_id_donation_line')),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_stock_lot_item_id_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_lot')),
    sa.UniqueConstraint('barcode', name=op.f('uq_stock_lot_barcode'))
    )
    with op.batch_alter_table('stock_lot', schema=None) as batch_op:
        batch_op.create_index('ix_stock_lot_item_id', ['item_id'], unique=False)

    op.create_table('stock_movement',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('item_id', sa.Uuid(), nullable=False),
    sa.Column('lot_id', sa.Uuid(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('document', sa.String(length=32), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint('quantity <> 0', name=op.f('ck_stock_movement_quantity_not_zero')),
    sa.ForeignKeyConstraint(['item_id'], ['item.id'], name=op.f('fk_stock_movement_item_id_item')),
    sa.ForeignKeyConstraint(['lot_id'], ['stock_lot.id'], name=op.f('fk_stock_movement_lot_id_stock_lot')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_stock_movement_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_movement'))
    )
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.create_index('ix_stock_movement_item_id', ['item_id'], unique=False)
        batch_op.create_index('ix_stock_movement_lot_id', ['lot_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stock_movement', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_movement_lot_id')
        batch_op.drop_index('ix_stock_movement_item_id')

    op.drop_table('stock_movement')
    with op.batch_alter_table('stock_lot', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_lot_item_id')

    op.drop_table('stock_lot')
    op.drop_table('receipt')
    op.drop_table('donation_line')
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_index('ix_item_pinyin_initials')
        batch_op.drop_index('ix_item_name')

    op.drop_table('item')
    with op.batch_alter_table('donation', schema=None) as batch_op:
        batch_op.drop_index('ix_donation_received_at')

    op.drop_table('donation')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entry_at')

    op.drop_table('audit_entry')
    op.drop_table('store')
    op.drop_table('journal_event')
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index('ix_household_id_hash')

    op.drop_table('household')
    op.drop_table('donor')
    op.drop_table('document_sequence')
    op.drop_table('category')
    op.drop_table('app_user')
