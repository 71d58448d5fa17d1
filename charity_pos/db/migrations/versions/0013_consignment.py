"""consignment: consignors (代销委托方) and consigned lots with their consignor and settlement price

Revision ID: 0013
Revises: 0009

``stock_lot`` gains two columns and new CHECK constraints. SQLite cannot
change a table's constraints in place, and copying the table into a new one
(Alembic's batch mode) is refused while the movements, sale and handout
lots refer to it with foreign keys enforced (the drop counts as deleting
every lot, and the copy does not undo that count). So the two columns are
added as SQLite adds columns (no row is rewritten: each reads NULL) and the
table's definition is then replaced by the one the models make, in one
transaction, by the procedure SQLite documents for constraints that every
existing row already meets (https://sqlite.org/lang_altertable.html, "making
other kinds of table schema changes"): the old lots have no consignor and
no settlement price, and an origin the new list still holds.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import charity_pos.db.base

revision = '0013'
down_revision = "0012"
branch_labels = None
depends_on = None

COLUMNS_BEFORE = ["id", "item_id", "origin", "document", "donation_line_id", "barcode", "expiry_date",
                  "quantity_received", "received_at"]

STOCK_LOT = """CREATE TABLE stock_lot (
	id CHAR(32) NOT NULL, 
	item_id CHAR(32) NOT NULL, 
	origin VARCHAR(10) NOT NULL, 
	document VARCHAR(32) NOT NULL, 
	donation_line_id CHAR(32), 
	barcode VARCHAR(14), 
	expiry_date DATE, 
	quantity_received INTEGER NOT NULL, 
	received_at DATETIME NOT NULL, 
	consignor_id CHAR(32), 
	settlement_price_fen INTEGER, 
	CONSTRAINT pk_stock_lot PRIMARY KEY (id), 
	CONSTRAINT ck_stock_lot_origin CHECK (origin IN ('donation', 'purchase', 'count', 'unrecorded', 'consignment')), 
	CONSTRAINT ck_stock_lot_consignor_iff_consigned CHECK ((origin = 'consignment') = (consignor_id IS NOT NULL AND settlement_price_fen IS NOT NULL)), 
	CONSTRAINT ck_stock_lot_settlement_price_positive CHECK (settlement_price_fen IS NULL OR settlement_price_fen > 0), 
	CONSTRAINT fk_stock_lot_item_id_item FOREIGN KEY(item_id) REFERENCES item (id), 
	CONSTRAINT fk_stock_lot_donation_line_id_donation_line FOREIGN KEY(donation_line_id) REFERENCES donation_line (id), 
	CONSTRAINT uq_stock_lot_barcode UNIQUE (barcode), 
	CONSTRAINT fk_stock_lot_consignor_id_consignor FOREIGN KEY(consignor_id) REFERENCES consignor (id)
)"""  # noqa: W291 - exactly as the models' CREATE TABLE writes it, trailing spaces too


def upgrade() -> None:
    op.create_table('consignor',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=False),
    sa.Column('contact', sa.String(length=50), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('bank', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', charity_pos.db.base.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consignor')),
    sa.UniqueConstraint('name', name=op.f('uq_consignor_name')),
    sa.UniqueConstraint('credit_code', name=op.f('uq_consignor_credit_code'))
    )
    bind = op.get_bind()
    found = [row[1] for row in bind.exec_driver_sql("PRAGMA table_info(stock_lot)")]
    if found != COLUMNS_BEFORE:
        raise RuntimeError(f"stock_lot has columns {found}, not those of revision 0009")
    bind.exec_driver_sql("ALTER TABLE stock_lot ADD COLUMN consignor_id CHAR(32)")
    bind.exec_driver_sql("ALTER TABLE stock_lot ADD COLUMN settlement_price_fen INTEGER")
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'stock_lot'",
                             (STOCK_LOT,))
        bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
    with op.batch_alter_table('stock_lot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_lot_consignor_id'), ['consignor_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('stock_lot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_lot_consignor_id'))
        batch_op.drop_constraint(batch_op.f('fk_stock_lot_consignor_id_consignor'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('ck_stock_lot_settlement_price_positive'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_stock_lot_consignor_iff_consigned'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_stock_lot_origin'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_stock_lot_origin'),
                                         "origin IN ('donation', 'purchase', 'count', 'unrecorded')")
        batch_op.drop_column('settlement_price_fen')
        batch_op.drop_column('consignor_id')
    op.drop_table('consignor')
