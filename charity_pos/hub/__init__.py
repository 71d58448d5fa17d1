"""The district hub: stores' journal events from their signed bundles, kept
per store and projected into the tables district reports read.

models (tables, own metadata), migrations (own Alembic), engine (open_hub),
service (the hub, its key, registering stores), importer (bundles in),
projections (events to report tables), cli (charity-pos hub ...).
"""
