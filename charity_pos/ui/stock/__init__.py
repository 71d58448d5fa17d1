"""The stock screen (库存): lots on hand, and writing goods off from one (报损)."""

from charity_pos.ui.stock.view import StockScreen

__all__ = ["StockScreen"]
