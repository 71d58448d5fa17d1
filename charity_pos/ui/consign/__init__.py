"""The consigned goods screen (代销): consignors, receiving, returns and the month's settlement."""

from charity_pos.ui.consign.view import ConsignScreen

__all__ = ["ConsignScreen"]
