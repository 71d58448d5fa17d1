"""The staff screen: accounts, PINs and unlocking (managers only)."""

from charity_pos.ui.staff.view import StaffScreen

__all__ = ["StaffScreen"]
