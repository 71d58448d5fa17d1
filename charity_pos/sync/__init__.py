"""Sync between a store and the district hub: signed bundle files."""
