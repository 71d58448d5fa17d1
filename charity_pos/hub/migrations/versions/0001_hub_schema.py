"""The district hub's schema: the hub, its stores, their events, the bundle
log and the projections district reports read.

Revision ID: 0001
Revises: (none: the first revision)
Create Date: 2026-11-29 02:30:55.834140
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
    op.create_table('hub',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('singleton', sa.Integer(), nullable=False),
    sa.Column('district', sa.String(length=50), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('created_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint('singleton = 1', name=op.f('ck_hub_one_hub')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub')),
    sa.UniqueConstraint('singleton', name=op.f('uq_hub_singleton'))
    )
    op.create_table('hub_store',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('short_name', sa.String(length=20), nullable=False),
    sa.Column('district', sa.String(length=50), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('registered_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.Column('last_bundle_at', charity_pos.db.base.UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_store')),
    sa.UniqueConstraint('code', name=op.f('uq_hub_store_code'))
    )
    op.create_table('hub_bundle',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('store_id', sa.Uuid(), nullable=True),
    sa.Column('first_seq', sa.Integer(), nullable=True),
    sa.Column('last_seq', sa.Integer(), nullable=True),
    sa.Column('result', sa.String(length=8), nullable=False),
    sa.Column('events_applied', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.CheckConstraint("result IN ('applied', 'already', 'refused')", name=op.f('ck_hub_bundle_result')),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_bundle_store_id_hub_store')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_bundle'))
    )
    op.create_index('ix_hub_bundle_sha256', 'hub_bundle', ['sha256'], unique=False)
    op.create_index('ix_hub_bundle_store_id', 'hub_bundle', ['store_id'], unique=False)

    op.create_table('hub_donation',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('received_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('donor_id', sa.Uuid(), nullable=True),
    sa.Column('donor_kind', sa.String(length=10), nullable=False),
    sa.Column('lines', sa.Integer(), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('total_value_fen', sa.Integer(), nullable=False),
    sa.Column('cash_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_donation_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_donation'))
    )
    op.create_table('hub_donor',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_donor_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_donor'))
    )
    op.create_table('hub_event',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('actor', sa.String(length=36), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_event_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'seq', name=op.f('pk_hub_event'))
    )
    op.create_table('hub_handout',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('household_id', sa.Uuid(), nullable=False),
    sa.Column('household_hash', sa.String(length=64), nullable=True),
    sa.Column('period_key', sa.String(length=10), nullable=False),
    sa.Column('total_value_fen', sa.Integer(), nullable=False),
    sa.Column('over_allowance', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_handout_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_handout'))
    )
    op.create_index('ix_hub_handout_household', 'hub_handout', ['household_id', 'period_key'], unique=False)

    op.create_table('hub_receipt',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('donation_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_receipt_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_receipt'))
    )
    op.create_table('hub_sale',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=False),
    sa.Column('completed_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('total_fen', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('donated_fen', sa.Integer(), nullable=False),
    sa.Column('returned_fen', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_sale_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_sale'))
    )
    op.create_table('hub_stock',
    sa.Column('store_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('on_hand', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['store_id'], ['hub_store.id'], name=op.f('fk_hub_stock_store_id_hub_store')),
    sa.PrimaryKeyConstraint('store_id', 'id', name=op.f('pk_hub_stock'))
    )


def downgrade() -> None:
    op.drop_table('hub_stock')
    op.drop_table('hub_sale')
    op.drop_table('hub_receipt')
    op.drop_index('ix_hub_handout_household', table_name='hub_handout')

    op.drop_table('hub_handout')
    op.drop_table('hub_event')
    op.drop_table('hub_donor')
    op.drop_table('hub_donation')
    op.drop_index('ix_hub_bundle_store_id', table_name='hub_bundle')
    op.drop_index('ix_hub_bundle_sha256', table_name='hub_bundle')

    op.drop_table('hub_bundle')
    op.drop_table('hub_store')
    op.drop_table('hub')
