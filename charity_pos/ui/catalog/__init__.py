"""The catalog screen: browse, search, add and edit items."""

from charity_pos.ui.catalog.view import CatalogScreen

__all__ = ["CatalogScreen"]
