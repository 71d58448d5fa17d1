"""The households screen: the register of households in hardship, their
cards, the sub-district's list and the quota rules (managers only)."""

from charity_pos.ui.households.view import HouseholdsScreen

__all__ = ["HouseholdsScreen"]
