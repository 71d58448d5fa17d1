"""The store database: SQLAlchemy models, engine set-up and Alembic migrations."""
