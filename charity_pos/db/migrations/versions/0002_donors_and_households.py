"""donors and households

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 18:00:25.330176
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



def downgrade() -> None:
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index('ix_household_id_hash')

    op.drop_table('household')
    op.drop_table('donor')
