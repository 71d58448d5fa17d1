"""Transfers between the district's stores (调拨): send goods, confirm what arrived."""

from charity_pos.ui.transfer.view import TransferScreen

__all__ = ["TransferScreen"]
