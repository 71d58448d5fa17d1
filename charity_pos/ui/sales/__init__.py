"""The counter: selling, payments, slips, returns, voids and cash shifts."""

from charity_pos.ui.sales.view import SaleScreen

__all__ = ["SaleScreen"]
