"""Indexes for what grows with the district's history: a household's handouts
per period across stores (by district hash and period, the columns the
query sums in the index itself), the handouts an import still has to give
a household hash (a partial index of those without one, per store), and the
registry's households by sub-district (a store's downstream bundle).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

UNFILLED = sa.text("household_hash IS NULL")


def upgrade() -> None:
    op.create_index('ix_hub_handout_hash_period', 'hub_handout',
                    ['household_hash', 'period_key', 'store_id', 'total_value_fen'], unique=False)
    op.create_index('ix_hub_handout_unfilled', 'hub_handout', ['store_id'], unique=False,
                    sqlite_where=UNFILLED, postgresql_where=UNFILLED)
    op.create_index('ix_hub_household_subdistrict', 'hub_household', ['subdistrict'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_hub_household_subdistrict', table_name='hub_household')
    op.drop_index('ix_hub_handout_unfilled', table_name='hub_handout')
    op.drop_index('ix_hub_handout_hash_period', table_name='hub_handout')
