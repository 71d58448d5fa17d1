"""The stock count screen (盘点): start a count, print its sheets, scan what is on the shelves, mark
recounts, see the variance with reasons, and finish or cancel it."""

from charity_pos.ui.count.view import CountScreen

__all__ = ["CountScreen"]
