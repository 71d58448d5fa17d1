"""The donations screen: donations taken in, their receipts and labels."""

from charity_pos.ui.donations.view import DonationsScreen

__all__ = ["DonationsScreen"]
