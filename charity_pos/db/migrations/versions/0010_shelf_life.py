"""shelf life: an item's usual shelf life (保质期) in days, for intake's minimum remaining shelf life

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN: the item table is not copied (other tables' foreign keys point at it)
    op.add_column('item', sa.Column('shelf_life_days', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_column('shelf_life_days')
